#!/usr/bin/env bash
# Times one map, whole process, with hyperfine: the article figure (170 × 120 mm, 2008 × 1417 px
# at 300 dpi) as PDF and as PNG, and the 1920 × 1080 default page as both. The PDF should be no
# slower than the PNG of the same map.
# Usage: benches/pdf.sh [YEAR]   (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
year="${1:-1912}"
cargo build --release --quiet
bin=target/release/spheres-map
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
hyperfine --warmup 3 --runs 30 -N \
  --export-markdown "$out/pdf.md" \
  "$bin --year $year --preset article --format pdf --out $out -q" \
  "$bin --year $year --preset article --format png --out $out -q" \
  "$bin --year $year --format pdf --out $out -q" \
  "$bin --year $year --format png --out $out -q"
cat "$out/pdf.md"
