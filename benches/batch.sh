#!/usr/bin/env bash
# Times the whole batch, whole process: every treaty year (1907, 1910, 1912, 1916) as SVG and
# 1920 × 1080 PNG, with hyperfine; then peak memory (max RSS) with GNU time.
# Targets: under 0.3 s wall and under 64 MiB on a 2-core machine.
# Usage: benches/batch.sh   (needs hyperfine and GNU time: apt-get install hyperfine time)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/spheres-map
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
hyperfine --warmup 3 --runs 20 -N \
  --export-markdown "$out/batch.md" \
  "$bin --all --format svg,png --out $out -q"
cat "$out/batch.md"
/usr/bin/time -f "peak memory: %M KiB (max RSS), wall %e s" \
  "$bin" --all --format svg,png --out "$out" -q
