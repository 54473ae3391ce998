"""Peer for benches/peers.sh: the map a geopandas user would make from the same exported GeoJSON.

Reads the regions with geopandas, projects them to a Lambert conformal conic (parallels 38° and
50° N, centred on 120° E), fills them by power, draws the optional layers, and saves a 1920 × 1080
figure (19.2 × 10.8 in at 100 dpi) as SVG or PNG with matplotlib. No text is drawn.

Usage: python geopandas_map.py svg|png OUT_FILE REGIONS.geojson [lakes=F] [rivers=F]
                               [railways=F] [lines=F] [places=F]
Layers whose file is missing or has no features are skipped.
"""

import os
import sys

import matplotlib

matplotlib.use("Agg")
import geopandas  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

CRS = "+proj=lcc +lat_1=38 +lat_2=50 +lat_0=0 +lon_0=120 +datum=WGS84 +units=m"
WIDTH, HEIGHT, DPI = 1920, 1080, 100
MARGIN = 20  # pixels
PT = 72 / DPI  # points per pixel, for line widths and marker sizes

SEA = "#B4CBDA"
OUTSIDE = "#F6F3EC"
FILL = {
    "japan": {"sphere": "#F9D7BF", "held": "#A63A1E"},
    "russia": {"sphere": "#93B5D8", "held": "#5A83AE"},
}
HELD = {"territory", "colony", "leased_territory"}
RAILWAY = {"japan": "#A63A1E", "russia": "#2F5D8A"}
LAYERS = ("lakes", "rivers", "railways", "lines", "places")


def usage(message):
    sys.exit(f"{message}\n{__doc__.split('Usage: ')[1]}")


def read(path):
    if not os.path.exists(path):
        return None
    frame = geopandas.read_file(path)
    return frame.to_crs(CRS) if len(frame) else None


def region_fill(power, status):
    colours = FILL.get(power)
    if colours is None:
        return OUTSIDE
    return colours["held"] if status in HELD else colours["sphere"]


def main(argv):
    if len(argv) < 3 or argv[0] not in ("svg", "png"):
        usage("expected svg|png OUT_FILE REGIONS.geojson")
    mode, out, regions_path = argv[:3]
    regions = read(regions_path)
    if regions is None:
        usage(f"no regions in {regions_path}")
    layers = {}
    for arg in argv[3:]:
        name, _, path = arg.partition("=")
        if name not in LAYERS or not path:
            usage(f"unknown layer argument: {arg}")
        layers[name] = read(path)

    fig = plt.figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI, facecolor=SEA)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()

    colours = [region_fill(p, s) for p, s in zip(regions["power"], regions["status"])]
    regions.plot(ax=ax, color=colours, edgecolor="#4A4A4A", linewidth=0.8 * PT)
    if layers.get("lakes") is not None:
        layers["lakes"].plot(ax=ax, color=SEA, edgecolor="#6F94B0", linewidth=0.5 * PT)
    if layers.get("rivers") is not None:
        layers["rivers"].plot(ax=ax, color="#6F94B0", linewidth=1 * PT)
    if layers.get("railways") is not None:
        railways = layers["railways"]
        operator = railways["operator"] if "operator" in railways else [None] * len(railways)
        railways.plot(ax=ax, color=[RAILWAY.get(o, "#666666") for o in operator], linewidth=1.5 * PT)
    if layers.get("lines") is not None:
        lines = layers["lines"]
        uncertain = lines["uncertain"].fillna(False).astype(bool) if "uncertain" in lines else None
        if uncertain is None:
            lines.plot(ax=ax, color="#111111", linewidth=2.5 * PT)
        else:
            if (~uncertain).any():
                lines[~uncertain].plot(ax=ax, color="#111111", linewidth=2.5 * PT)
            if uncertain.any():
                lines[uncertain].plot(ax=ax, color="#111111", linewidth=2.5 * PT, linestyle=(0, (8 / 2.5, 5 / 2.5)))
    if layers.get("places") is not None:
        diameter = 7 * PT
        layers["places"].plot(ax=ax, color="#111111", edgecolor="#FFFFFF", linewidth=1 * PT, markersize=diameter**2)

    # Fit the regions in the frame with a margin, keeping the projection's aspect.
    xmin, ymin, xmax, ymax = regions.total_bounds
    scale = min((WIDTH - 2 * MARGIN) / (xmax - xmin), (HEIGHT - 2 * MARGIN) / (ymax - ymin))
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    half_w, half_h = WIDTH / 2 / scale, HEIGHT / 2 / scale
    ax.set_xlim(cx - half_w, cx + half_w)
    ax.set_ylim(cy - half_h, cy + half_h)
    ax.set_aspect("equal")

    fig.savefig(out, format=mode, dpi=DPI, facecolor=SEA)


if __name__ == "__main__":
    main(sys.argv[1:])
