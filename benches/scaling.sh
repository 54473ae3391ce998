#!/usr/bin/env bash
# Scaling, whole process, release build: time and peak memory (max RSS) as the input grows.
#   1. Vertices: one map from the bundled data read through --data at 1x, 10x and 100x the
#      vertices (benches/data-scaling.sh). Targets (issue 12): 10x at most 4x the cost of 1x;
#      100x under 2 s.
#   2. Years: --all (SVG + PNG, 1920 x 1080) over the 4 bundled treaty years and over 40, from a
#      copy of the bundled data with its agreements repeated (benches/many-treaties.py). Target:
#      peak memory under 64 MiB at 40 years, about flat from 4.
#   3. The timeline: --all --overview --timeline against --all. Target: at most 2x.
# Usage: benches/scaling.sh   (needs python3, GNU time and hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
benches/data-scaling.sh
bin=target/release/spheres-map
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The bundled data has eight agreements, four of them the secret ones `--all` draws: 80
# agreements give 40 treaty years.
python3 benches/many-treaties.py 80 "$work/t40"

measure() { # label, then the arguments
  local label=$1
  shift
  rm -rf "$work/out"
  /usr/bin/time -v -o "$work/time.txt" "$bin" "$@" --out "$work/out" -q
  local rss wall cpu
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
  cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u + s}' "$work/time.txt")
  printf '%-40s %8.1f MB  %8s  %5.2f s CPU\n' "$label" "$(echo "$rss / 1024" | bc -l)" "$wall" "$cpu"
}

echo
printf '%-40s %11s  %8s  %s\n' "batch" "peak RSS" "wall" "CPU"
measure "--all, 4 treaty years (8 files)" --all
measure "--all, 40 treaty years (80 files)" --data "$work/t40" --all
measure "--all --overview --timeline, 4 years" --all --overview --timeline
# An overview holds at most 12 maps: the timeline alone at 40 years.
measure "--all --timeline, 40 years" --data "$work/t40" --all --timeline
echo
hyperfine --warmup 2 --runs 10 -N \
  "$bin --all --out $work/out -q" \
  "$bin --all --overview --timeline --out $work/out -q" \
  "$bin --data $work/t40 --all --out $work/out -q"
