#!/usr/bin/env bash
# Peer benchmark: one full map from spheres-map against the tools a user would pick instead, each
# rendering the GeoJSON that spheres-map exports for the same year, 1920 × 1080, whole process
# timed with hyperfine (--warmup 3 --runs 20 -N):
#   d3        d3-geo + @resvg/resvg-js (Node)   SVG and PNG   benches/peers/d3-resvg.mjs
#   mapshaper mapshaper CLI (Node)              SVG only      benches/peers/mapshaper.sh
#   geopandas geopandas + matplotlib (Python)   SVG and PNG   benches/peers/geopandas_map.py
# and, with d3, the batch: `--all` (every treaty year as SVG and PNG) against d3-geo + resvg-js
# drawing the same years' maps, each year's SVG and PNG from one Node process
# (benches/peers/d3-batch.sh).
# Goals (issue 12): spheres-map at least 15× faster than the fastest peer for SVG, 6× for PNG and
# 10× for the batch; the summary prints each ratio (peer mean ÷ spheres-map mean).
# The peers draw the regions filled by power plus the lakes, rivers, railways, lines and place dots
# of geodata/ (all features, no text). spheres-map draws more: the year's selection of those layers,
# clipping to the map frame, title, legend, labels, graticule, scale bar and notes.
#
# Usage: benches/peers.sh [YEAR]                  (default 1912)
#        PEERS="d3 mapshaper" benches/peers.sh    (a subset; default "d3 mapshaper geopandas")
#        PEERS_OUT=DIR benches/peers.sh           (results; default target/peers)
# Needs cargo, hyperfine (apt-get install hyperfine), Node 18+ with npm, and for geopandas
# Python 3.11+. The first run installs the pinned peers: `npm ci` into benches/peers/node_modules
# and a venv in benches/peers/.venv (both git-ignored; delete them to reinstall).
# Writes the maps to $PEERS_OUT/maps/ and hyperfine's markdown and JSON to $PEERS_OUT/.
# A manual benchmark: it needs the npm and PyPI registries on first run, so CI does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."
year="${1:-1912}"
read -r -a peers <<<"${PEERS:-d3 mapshaper geopandas}"
out="${PEERS_OUT:-target/peers}"
dir=benches/peers

want() {
  local p
  for p in "${peers[@]}"; do [[ "$p" == "$1" ]] && return 0; done
  return 1
}
need() {
  command -v "$1" >/dev/null 2>&1 || { echo "peers.sh: $1 is required ($2)" >&2; exit 1; }
}
for p in "${peers[@]}"; do
  case "$p" in d3 | mapshaper | geopandas) ;; *) echo "peers.sh: unknown peer '$p'" >&2; exit 2 ;; esac
done

need cargo "install Rust with rustup"
need node "Node 18 or newer, for the peers and the summary"
need hyperfine "apt-get install hyperfine"

# --- Install the peers (only when missing or when their pins changed) --------------------------
if want d3 || want mapshaper; then
  need npm "comes with Node"
  if [[ ! -f $dir/node_modules/.package-lock.json || $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
    echo "== npm ci --prefix $dir"
    npm ci --prefix "$dir" --no-audit --no-fund
  fi
fi
if want geopandas; then
  need python3 "Python 3.11 or newer"
  if ! cmp -s "$dir/requirements.txt" "$dir/.venv/installed-requirements.txt"; then
    echo "== Python venv in $dir/.venv"
    python3 -m venv "$dir/.venv"
    "$dir/.venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$dir/requirements.txt"
    cp "$dir/requirements.txt" "$dir/.venv/installed-requirements.txt"
  fi
fi

# --- Build spheres-map and export the year's GeoJSON -------------------------------------------
echo "== cargo build --release"
cargo build --release --quiet
bin=target/release/spheres-map
maps="$out/maps"
mkdir -p "$maps"
rm -f "$maps"/*
"$bin" --year "$year" --format geojson --out "$maps" -q
regions="$maps/$year.geojson"
[[ -s $regions ]] || { echo "peers.sh: $bin wrote no $regions" >&2; exit 1; }

# Layers the peers draw on top of the regions; missing or empty collections are skipped by them.
layers=""
for layer in lakes rivers railways lines places; do
  if [[ -f geodata/$layer.geojson ]]; then layers+=" $layer=geodata/$layer.geojson"; fi
done

# The batch: every treaty year's GeoJSON, for d3 to draw what `--all` draws.
years="$out/years"
mkdir -p "$years"
rm -f "$years"/*
"$bin" --all --format geojson --out "$years" -q

# --- Check every command once, then time ---------------------------------------------------------
svg_cmds=(-n "spheres-map svg" "$bin --year $year --format svg --out $maps -q")
png_cmds=(-n "spheres-map png" "$bin --year $year --format png --out $maps -q")
if want d3; then
  svg_cmds+=(-n "d3-geo svg" "node $dir/d3-resvg.mjs svg $maps/d3.svg $regions$layers")
  png_cmds+=(-n "d3-geo + resvg-js png" "node $dir/d3-resvg.mjs png $maps/d3.png $regions$layers")
fi
batch_cmds=(-n "spheres-map --all svg,png" "$bin --all --format svg,png --out $out/batch-ours -q")
if want d3; then
  batch_cmds+=(-n "d3-geo + resvg-js, each year" "$dir/d3-batch.sh $years $out/batch-d3$layers")
fi
if want mapshaper; then
  svg_cmds+=(-n "mapshaper svg" "$dir/mapshaper.sh $maps/mapshaper.svg $regions$layers")
fi
if want geopandas; then
  svg_cmds+=(-n "geopandas + matplotlib svg" "$dir/.venv/bin/python $dir/geopandas_map.py svg $maps/geopandas.svg $regions$layers")
  png_cmds+=(-n "geopandas + matplotlib png" "$dir/.venv/bin/python $dir/geopandas_map.py png $maps/geopandas.png $regions$layers")
fi
# Each list holds (-n NAME COMMAND) triples; run every command once so a broken peer fails here.
check() {
  local argv
  while [[ $# -ge 3 ]]; do
    read -r -a argv <<<"$3"
    "${argv[@]}" || { echo "peers.sh: '$2' failed: $3" >&2; exit 1; }
    shift 3
  done
}
echo "== One run of each command"
check "${svg_cmds[@]}"
check "${png_cmds[@]}"
if want d3; then
  check "${batch_cmds[@]}"
fi
ls -l "$maps"

cores=$(nproc 2>/dev/null || echo "?")
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
time_format() {
  local format=$1
  shift
  echo "== hyperfine: $format"
  hyperfine --warmup 3 --runs 20 -N --style basic \
    --export-markdown "$out/$format.md" --export-json "$out/$format.json" "$@"
}
time_format svg "${svg_cmds[@]}"
time_format png "${png_cmds[@]}"
summary_files=("$out/svg.json" "$out/png.json")
if want d3; then
  time_format batch "${batch_cmds[@]}"
  summary_files+=("$out/batch.json")
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

echo
echo "== Peer benchmark, $year map, 1920 × 1080, whole process (hyperfine --warmup 3 --runs 20 -N)"
echo "machine: $cores cores; load average before $load_before, after $load_after"
echo
cat "$out/svg.md"
echo
cat "$out/png.md"
echo
if want d3; then
  cat "$out/batch.md"
  echo
fi
node "$dir/summary.mjs" "${summary_files[@]}"
echo
echo "Note: the peers draw only filled regions, borders, lakes, rivers, railways, lines and dots;"
echo "spheres-map also lays out and draws the title, legend, labels, graticule, scale bar and notes."
echo "Results: $out/{svg,png,batch}.{md,json}; maps: $maps/"
