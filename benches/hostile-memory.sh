#!/usr/bin/env bash
# Peak memory (maximum resident set size) and time of the hostile-input runs of issue 16, with
# the release build: a valid 100k-vertex star polygon, a 200 KB name, 10,000 and 1,000 treaties.
# The inputs are the ones tests/hostile.rs generates (it leaves them in a folder when
# SPHERES_MAP_KEEP_HOSTILE is set). Target: each under 256 MB and 5 s.
# Usage: benches/hostile-memory.sh        (needs GNU time: apt-get install time)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/spheres-map
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
SPHERES_MAP_KEEP_HOSTILE="$work/data" cargo test --quiet --test integration hostile >/dev/null

measure() { # label, then the arguments
  local label=$1
  shift
  local status=0
  /usr/bin/time -v -o "$work/time.txt" "$bin" "$@" >/dev/null 2>"$work/stderr.txt" || status=$?
  local rss wall
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
  printf '%-32s exit %-3s %8.1f MB  %s\n' "$label" "$status" "$(echo "$rss / 1024" | bc -l)" "$wall"
}

printf '%-32s %-8s %11s  %s\n' "input" "" "peak RSS" "wall (m:ss)"
measure "bundled data, 1912 (reference)" --year 1912 --format svg,png --out "$work/out" -q
measure "100k-vertex star, svg" --data "$work/data/star-100k" --year 1906 --format svg --out "$work/out" -q
measure "100k-vertex star, svg+png" --data "$work/data/star-100k" --year 1906 --format svg,png --out "$work/out" -q
measure "200 KB name" --data "$work/data/name-200kb" --year 1906 --format svg --out "$work/out" -q
measure "200 KB name, no id" --data "$work/data/name-200kb-no-id" --year 1906 --format svg --out "$work/out" -q
measure "10,000 treaties (list)" --data "$work/data/treaties-10000" list
measure "1,000 treaties (list)" --data "$work/data/treaties-1000" list
measure "1,000 treaties, 1999 svg" --data "$work/data/treaties-1000" --year 1999 --format svg --out "$work/out" -q
