#!/usr/bin/env bash
# Time and peak memory of one map (SVG) from the bundled data read through --data, with its
# region outlines at 1x, 10x and 100x the vertices (each edge split evenly, so the outlines stay
# valid), against the embedded copy. Targets (issue 12): 10x at most 4x the cost of 1x; 100x
# under 2 s.
# Usage: benches/data-scaling.sh [FACTORS...]   (needs python3 and GNU time)
set -euo pipefail
cd "$(dirname "$0")/.."
factors=("${@:-1 10 100}")
cargo build --release --quiet
bin=target/release/spheres-map
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

densify() { # factor, folder
  mkdir -p "$2"
  cp geodata/*.geojson geodata/treaties.toml "$2/"
  python3 - "$1" "$2/regions.geojson" <<'EOF'
import json, sys
k, path = int(sys.argv[1]), sys.argv[2]
data = json.load(open(path))
def ring(r):
    out = []
    for (x0, y0), (x1, y1) in zip(r, r[1:]):
        out += [[x0 + (x1 - x0) * i / k, y0 + (y1 - y0) * i / k] for i in range(k)]
    return out + [r[-1]]
n = 0
for f in data["features"]:
    g = f["geometry"]
    polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
    for p in polys:
        p[:] = [ring(r) for r in p]
        n += sum(len(r) for r in p)
json.dump(data, open(path, "w"), separators=(",", ":"))
print(n)
EOF
}

measure() { # label, then the arguments
  local label=$1
  shift
  /usr/bin/time -v -o "$work/time.txt" "$bin" "$@" >/dev/null
  local rss wall
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
  printf '%-34s %8.1f MB  %s\n' "$label" "$(echo "$rss / 1024" | bc -l)" "$wall"
}

printf '%-34s %11s  %s\n' "data" "peak RSS" "wall (m:ss)"
measure "embedded" --year 1912 --format svg --out "$work/out" -q
for k in ${factors[@]}; do
  vertices=$(densify "$k" "$work/x$k")
  measure "--data, ${k}x (${vertices} vertices)" --data "$work/x$k" --year 1912 --format svg --out "$work/out" -q
done
if command -v hyperfine >/dev/null; then
  runs=()
  for k in ${factors[@]}; do
    runs+=("$bin --data $work/x$k --year 1912 --format svg --out $work/out -q")
  done
  hyperfine --warmup 1 --runs 5 -N "$bin --year 1912 --format svg --out $work/out -q" "${runs[@]}"
fi
