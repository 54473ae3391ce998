// Peer for benches/peers.sh: the map a d3 user would write for the same exported GeoJSON.
// Projects with d3-geo (Lambert conformal conic, parallels 38° and 50° N, centred on 120° E,
// fitted to a 1920 × 1080 frame), fills the regions by power, draws the optional layers, and
// writes an SVG; in png mode it rasterises that SVG with @resvg/resvg-js and writes only the PNG;
// in both mode it writes OUT_FILE.svg and OUT_FILE.png from one process (the batch comparison).
//
// Usage: node d3-resvg.mjs svg|png|both OUT_FILE REGIONS.geojson [lakes=F] [rivers=F] [railways=F]
//                                                            [lines=F] [places=F]
// Layers whose file is missing or has no features are skipped. No text is drawn.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { geoConicConformal, geoPath } from 'd3-geo';

const WIDTH = 1920;
const HEIGHT = 1080;
const MARGIN = 20;

const SEA = '#B4CBDA';
const OUTSIDE = '#F6F3EC';
const FILL = {
  japan: { sphere: '#F9D7BF', held: '#A63A1E' },
  russia: { sphere: '#93B5D8', held: '#5A83AE' },
};
const HELD = new Set(['territory', 'colony', 'leased_territory']);
const RAILWAY = { japan: '#A63A1E', russia: '#2F5D8A' };

function usage(message) {
  console.error(`${message}\nusage: node d3-resvg.mjs svg|png|both OUT_FILE REGIONS.geojson [layer=FILE ...]`);
  process.exit(2);
}

function readCollection(file) {
  if (!existsSync(file)) return null;
  const collection = JSON.parse(readFileSync(file, 'utf8'));
  return collection.features && collection.features.length > 0 ? collection : null;
}

// d3-geo reads polygons on the sphere: an exterior ring must run clockwise, the opposite of
// RFC 7946, or the polygon becomes its complement. Rewind every ring by its planar signed area.
function ringArea(ring) {
  let sum = 0;
  for (let i = 0, n = ring.length - 1; i < n; i++) {
    sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  }
  return sum / 2;
}

function rewindPolygon(rings) {
  return rings.map((ring, i) => {
    const counterClockwise = ringArea(ring) > 0;
    // Exterior (i = 0) clockwise, holes counter-clockwise.
    return (i === 0) === counterClockwise ? ring.slice().reverse() : ring;
  });
}

function rewind(collection) {
  for (const feature of collection.features) {
    const g = feature.geometry;
    if (!g) continue;
    if (g.type === 'Polygon') g.coordinates = rewindPolygon(g.coordinates);
    else if (g.type === 'MultiPolygon') g.coordinates = g.coordinates.map(rewindPolygon);
  }
  return collection;
}

function regionFill(properties) {
  const colours = FILL[properties.power];
  if (!colours) return OUTSIDE;
  return HELD.has(properties.status) ? colours.held : colours.sphere;
}

function escapeAttr(text) {
  return String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function drawSvg(regions, layers) {
  const projection = geoConicConformal()
    .parallels([38, 50])
    .rotate([-120, 0])
    .fitExtent([[MARGIN, MARGIN], [WIDTH - MARGIN, HEIGHT - MARGIN]], regions);
  const path = geoPath(projection);
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`);
  out.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="${SEA}"/>`);

  out.push('<g id="regions" stroke="#4A4A4A" stroke-width="0.8" stroke-linejoin="round">');
  for (const f of regions.features) {
    const d = path(f);
    if (d) out.push(`<path id="${escapeAttr(f.properties.id)}" fill="${regionFill(f.properties)}" d="${d}"/>`);
  }
  out.push('</g>');

  if (layers.lakes) {
    out.push(`<g id="lakes" fill="${SEA}" stroke="#6F94B0" stroke-width="0.5">`);
    for (const f of layers.lakes.features) {
      const d = path(f);
      if (d) out.push(`<path d="${d}"/>`);
    }
    out.push('</g>');
  }
  if (layers.rivers) {
    out.push('<g id="rivers" fill="none" stroke="#6F94B0" stroke-width="1" stroke-linejoin="round">');
    for (const f of layers.rivers.features) {
      const d = path(f);
      if (d) out.push(`<path d="${d}"/>`);
    }
    out.push('</g>');
  }
  if (layers.railways) {
    out.push('<g id="railways" fill="none" stroke-width="1.5" stroke-linejoin="round">');
    for (const f of layers.railways.features) {
      const d = path(f);
      const stroke = RAILWAY[f.properties && f.properties.operator] || '#666666';
      if (d) out.push(`<path stroke="${stroke}" d="${d}"/>`);
    }
    out.push('</g>');
  }
  if (layers.lines) {
    out.push('<g id="lines" fill="none" stroke="#111111" stroke-width="2.5" stroke-linejoin="round">');
    for (const f of layers.lines.features) {
      const d = path(f);
      const dash = f.properties && f.properties.uncertain ? ' stroke-dasharray="8 5"' : '';
      if (d) out.push(`<path${dash} d="${d}"/>`);
    }
    out.push('</g>');
  }
  if (layers.places) {
    out.push('<g id="places" fill="#111111" stroke="#FFFFFF" stroke-width="1">');
    for (const f of layers.places.features) {
      if (!f.geometry || f.geometry.type !== 'Point') continue;
      const p = projection(f.geometry.coordinates);
      if (p) out.push(`<circle cx="${p[0].toFixed(1)}" cy="${p[1].toFixed(1)}" r="3.5"/>`);
    }
    out.push('</g>');
  }
  out.push('</svg>\n');
  return out.join('\n');
}

const [mode, outFile, regionsFile, ...layerArgs] = process.argv.slice(2);
if (!['svg', 'png', 'both'].includes(mode)) usage(`unknown mode: ${mode}`);
if (!outFile || !regionsFile) usage('missing OUT_FILE or REGIONS.geojson');
const regions = readCollection(regionsFile);
if (!regions) usage(`no regions in ${regionsFile}`);
rewind(regions);

const layers = {};
for (const arg of layerArgs) {
  const eq = arg.indexOf('=');
  const name = arg.slice(0, eq);
  if (eq < 1 || !['lakes', 'rivers', 'railways', 'lines', 'places'].includes(name)) {
    usage(`unknown layer argument: ${arg}`);
  }
  const collection = readCollection(arg.slice(eq + 1));
  if (collection) layers[name] = name === 'lakes' ? rewind(collection) : collection;
}

const svg = drawSvg(regions, layers);
if (mode === 'both') writeFileSync(`${outFile}.svg`, svg);
if (mode === 'svg') {
  writeFileSync(outFile, svg);
} else {
  // Loaded only for PNG, so the SVG run does not pay for the native module.
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: WIDTH },
    font: { loadSystemFonts: false },
    shapeRendering: 2, // geometricPrecision: anti-aliased
  });
  writeFileSync(mode === 'both' ? `${outFile}.png` : outFile, resvg.render().asPng());
}
