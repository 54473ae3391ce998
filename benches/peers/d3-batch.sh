#!/usr/bin/env bash
# Peer for the batch comparison of benches/peers.sh: every year's map that spheres-map exported as
# GeoJSON, drawn by d3-resvg.mjs as SVG and PNG (one Node process per year, both files from it).
# Usage: d3-batch.sh GEOJSON_DIR OUT_DIR [layer=FILE ...]
set -euo pipefail
here=$(dirname "$0")
in=$1 out=$2
shift 2
mkdir -p "$out"
for regions in "$in"/*.geojson; do
  node "$here/d3-resvg.mjs" both "$out/$(basename "$regions" .geojson)" "$regions" "$@"
done
