#!/usr/bin/env bash
# Times one full map, whole process, with hyperfine: SVG only, PNG only (1920 × 1080), and both.
# Targets: SVG under 30 ms, PNG under 80 ms on a 2-core machine.
# Usage: benches/single-map.sh [YEAR]   (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
year="${1:-1912}"
cargo build --release --quiet
bin=target/release/spheres-map
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
hyperfine --warmup 5 --runs 40 -N \
  --export-markdown "$out/single-map.md" \
  "$bin --year $year --format svg --out $out -q" \
  "$bin --year $year --format png --out $out -q" \
  "$bin --year $year --format svg,png --out $out -q"
cat "$out/single-map.md"
