#!/usr/bin/env bash
# Shows that new data leaves old maps alone: renders the agreements of 1907-1916 (each year and
# the overview, at every preset, and a portrait page) with the bundled data and, through --data,
# with the geodata of an earlier commit (default 584f397, the last before the data grew to
# 1905-1945), and compares each pair of PNGs with the same binary.
# Fails if any mean channel difference exceeds MAX_MEAN levels (default 2); prints the mean of
# all pages.
# Usage: tools/compare-data.sh [COMMIT] [MAX_MEAN]
set -euo pipefail
cd "$(dirname "$0")/.."
commit=${1:-584f397}
limit=${2:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git archive "$commit" geodata | tar -x -C "$work"
cargo build --release --quiet --bin spheres-map --example png_diff
bin=target/release/spheres-map

render() { # output folder, extra arguments
  local out=$1
  shift
  for preset in default slide slide-4x3 article column thumbnail; do
    local args=()
    [ "$preset" = default ] || args=(--preset "$preset")
    "$bin" "$@" --all --overview --format png "${args[@]}" -q --out "$out/$preset"
  done
  "$bin" "$@" --year 1912 --width 1000 --height 1400 --format png -q --out "$out/portrait"
}
render "$work/before" --data "$work/geodata"
render "$work/after"

failed=0
count=0
total=0
while IFS= read -r png; do
  count=$((count + 1))
  if ! result=$(target/release/examples/png_diff "$work/before/$png" "$work/after/$png" "$limit"); then
    failed=$((failed + 1))
  fi
  total=$(awk -v t="$total" -v r="$(echo "$result" | awk '{ print $2 }')" 'BEGIN { print t + r }')
  echo "$png: $result"
done < <(cd "$work/before" && find . -name '*.png' | sort)
echo "$count images compared with the geodata of $commit: mean $(awk -v t="$total" -v n="$count" \
  'BEGIN { printf "%.3f", t / n }') levels, $failed over $limit"
[ "$failed" -eq 0 ]
