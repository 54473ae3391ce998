#!/usr/bin/env bash
# Shows that a change does not move pixels: renders every year (1907–1917) at every preset, the
# series with its overview, and a portrait page, with the binary of BASE (default: main's last
# commit before the work tree) and with the work tree, and compares each pair of PNGs.
# Fails if any mean channel difference exceeds MAX_MEAN levels (default 0.5).
# Usage: tools/compare-renders.sh [BASE] [MAX_MEAN]
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-HEAD}
limit=${2:-0.5}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git worktree add --quiet --detach "$work/base" "$base"
(cd "$work/base" && cargo build --release --quiet)
cargo build --release --quiet --bin spheres-map --example png_diff

render() { # binary, output folder
  local bin=$1 out=$2
  for preset in default slide slide-4x3 article thumbnail; do
    local args=()
    [ "$preset" = default ] || args=(--preset "$preset")
    "$bin" --all --overview --format png "${args[@]}" -q --out "$out/$preset/series"
    for year in $(seq 1907 1917); do
      "$bin" --year "$year" --format png "${args[@]}" -q --out "$out/$preset/single"
    done
  done
  "$bin" --year 1912 --width 1000 --height 1400 --format png -q --out "$out/portrait"
}
render "$work/base/target/release/spheres-map" "$work/before"
render target/release/spheres-map "$work/after"

failed=0
count=0
while IFS= read -r png; do
  count=$((count + 1))
  if ! result=$(target/release/examples/png_diff "$work/before/$png" "$work/after/$png" "$limit"); then
    failed=$((failed + 1))
  fi
  echo "$png: $result"
done < <(cd "$work/before" && find . -name '*.png' | sort)
echo "$count images compared with $base, $failed over a mean of $limit levels"
[ "$failed" -eq 0 ]
