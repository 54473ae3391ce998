// Summary for benches/peers.sh: reads hyperfine's JSON exports and prints, per format, each
// command's mean ± σ and each peer's ratio (peer mean ÷ spheres-map mean), then checks the goals
// against the fastest peer. The spheres-map command must be the first of each export.
//
// Usage: node summary.mjs svg.json png.json [batch.json]
import { readFileSync } from 'node:fs';

const GOALS = { svg: 15, png: 6, batch: 10 };
const ms = (s) => `${(s * 1000).toFixed(1)} ms`;

const [svgJson, pngJson, batchJson] = process.argv.slice(2);
if (!svgJson || !pngJson) {
  console.error('usage: node summary.mjs svg.json png.json [batch.json]');
  process.exit(2);
}

const lines = [];
let allMet = true;
const exports = [['svg', svgJson], ['png', pngJson]];
if (batchJson) exports.push(['batch', batchJson]);
for (const [format, file] of exports) {
  const { results } = JSON.parse(readFileSync(file, 'utf8'));
  const [ours, ...peers] = results;
  lines.push(`${format.toUpperCase()}  (goal: at least ${GOALS[format]}× faster than the fastest peer)`);
  lines.push(`  ${ours.command.padEnd(30)} ${ms(ours.mean).padStart(10)} ± ${ms(ours.stddev)}`);
  for (const peer of peers) {
    const ratio = peer.mean / ours.mean;
    lines.push(`  ${peer.command.padEnd(30)} ${ms(peer.mean).padStart(10)} ± ${ms(peer.stddev).padEnd(9)} ${ratio.toFixed(1)}× spheres-map`);
  }
  if (peers.length === 0) {
    lines.push('  no peer measured');
    continue;
  }
  const fastest = peers.reduce((a, b) => (b.mean < a.mean ? b : a));
  const ratio = fastest.mean / ours.mean;
  const met = ratio >= GOALS[format];
  allMet &&= met;
  lines.push(`  fastest peer: ${fastest.command}; ratio ${ratio.toFixed(1)}× (goal ${GOALS[format]}×): ${met ? 'MET' : 'NOT MET'}`);
  lines.push('');
}
console.log(lines.join('\n'));
console.log(allMet ? 'All goals met.' : 'Some goals not met.');
