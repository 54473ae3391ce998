#!/usr/bin/env bash
# Peer for benches/peers.sh: the map a mapshaper user would make from the same exported GeoJSON,
# in one mapshaper command (SVG only: mapshaper writes no PNG). Lambert conformal conic with
# parallels 38° and 50° N centred on 120° E, a 1920 × 1080 frame filled with the sea colour,
# regions filled by power, then the optional layers. No text is drawn.
# Usage: benches/peers/mapshaper.sh OUT.svg REGIONS.geojson [lakes=F] [rivers=F] [railways=F]
#                                                          [lines=F] [places=F]
# Layers whose file is missing or has no features are skipped. Ends by exec-ing mapshaper, so the
# only overhead over a hand-typed command is this script's start-up.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mapshaper="$here/node_modules/.bin/mapshaper"
if [[ $# -lt 2 ]]; then
  sed -n '2,9p' "$0" >&2
  exit 2
fi
out="$1"
regions="$2"
shift 2

has_features() { [[ -s "$1" ]] && grep -q '"type" *: *"Feature"' "$1"; }

inputs=("$regions")
names=regions
styles=(
  -style target=regions
  'fill=power == "japan" ? (status == "sphere" || status == "special_interests" ? "#F9D7BF" : "#A63A1E") : power == "russia" ? (status == "sphere" || status == "special_interests" ? "#93B5D8" : "#5A83AE") : "#F6F3EC"'
  'stroke=#4A4A4A' stroke-width=0.8
)
for arg in "$@"; do
  layer="${arg%%=*}"
  file="${arg#*=}"
  has_features "$file" || continue
  case "$layer" in
    lakes) styles+=(-style target=lakes 'fill=#B4CBDA' 'stroke=#6F94B0' stroke-width=0.5) ;;
    rivers) styles+=(-style target=rivers 'stroke=#6F94B0' stroke-width=1) ;;
    railways)
      styles+=(-style target=railways
        'stroke=operator == "japan" ? "#A63A1E" : operator == "russia" ? "#2F5D8A" : "#666666"'
        stroke-width=1.5) ;;
    lines) styles+=(-style target=lines 'stroke=#111111' stroke-width=2.5 'stroke-dasharray=uncertain ? "8 5" : ""') ;;
    places) styles+=(-style target=places r=3.5 'fill=#111111' 'stroke=#FFFFFF' stroke-width=1) ;;
    *) echo "unknown layer argument: $arg" >&2; exit 2 ;;
  esac
  inputs+=("$file")
  names+=",$layer"
done

# combine-files keeps the layers in one dataset, so one -proj projects them all.
exec "$mapshaper" -quiet -i "${inputs[@]}" combine-files \
  -rename-layers "$names" target='*' \
  -proj '+proj=lcc +lat_1=38 +lat_2=50 +lat_0=0 +lon_0=120' target='*' \
  -frame width=1920px height=1080px name=sea target=regions \
  -style target=sea 'fill=#B4CBDA' \
  "${styles[@]}" \
  -o target="sea,$names" "$out"
