// Renders one Vega or Vega-Lite spec (its data already inlined as values) to SVG and PNG,
// headless: Vega's own SVG renderer, then resvg for the PNG (no canvas, no browser).
//
//   node render.mjs SPEC.json OUT_BASENAME
//
// Writes OUT_BASENAME.svg and OUT_BASENAME.png. Exits 1 with "error: <reason>" on stderr when the
// spec does not compile or render, and when Vega logs a warning or an error while running it
// (a field the spec reads that the data lacks shows up as such a warning).
import { readFileSync, writeFileSync } from 'node:fs';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import { Resvg } from '@resvg/resvg-js';

const [specFile, out] = process.argv.slice(2);
if (!specFile || !out) {
  console.error('usage: node render.mjs SPEC.json OUT_BASENAME');
  process.exit(2);
}

const problems = [];
const logger = {
  level(l) { return l === undefined ? vega.Warn : this; },
  error(...a) { problems.push('vega error: ' + a.join(' ')); return this; },
  warn(...a) { problems.push('vega warning: ' + a.join(' ')); return this; },
  info() { return this; },
  debug() { return this; },
};

try {
  let spec = JSON.parse(readFileSync(specFile, 'utf8'));
  const schema = String(spec.$schema || '');
  if (schema.includes('vega-lite')) {
    spec = vegaLite.compile(spec, { logger }).spec;
  }
  const view = new vega.View(vega.parse(spec), { renderer: 'none', logger });
  await view.runAsync();
  const svg = await view.toSVG();
  view.finalize();
  if (problems.length > 0) {
    throw new Error(problems.join('; '));
  }
  writeFileSync(out + '.svg', svg);
  const png = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  }).render().asPng();
  writeFileSync(out + '.png', png);
  console.log(`rendered ${out}.svg and ${out}.png`);
} catch (e) {
  console.error('error: ' + (e && e.message ? e.message : e));
  process.exit(1);
}
