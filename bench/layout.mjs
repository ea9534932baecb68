/** Issue 3: layout + HTML speed, and how layout cost grows with procedure length. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { compile } from '../dist/index.js';
import { layoutSop } from '../dist/layout/layout.js';
import { renderHtml } from '../dist/emit/html/render.js';
import { generateSop } from './generate.mjs';
import { fmt, timeMedian } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function templates() {
  const t = join(root, 'templates');
  const partials = Object.fromEntries(
    readdirSync(join(t, 'partials')).map((f) => [f.replace('.hbs', ''), readFileSync(join(t, 'partials', f), 'utf8')]),
  );
  return { document: readFileSync(join(t, 'document.hbs'), 'utf8'), partials, css: readFileSync(join(t, 'sop.css'), 'utf8') };
}

export async function layoutBench() {
  const set = templates();
  const models = Array.from({ length: 1000 }, (_, i) => compile(generateSop(i + 1)).model);
  const htmlMs = timeMedian(() => {
    for (const m of models) renderHtml(m, set);
  }, 5, 1);
  // Baseline: the same documents' text pushed through a trivial Handlebars template (escaping every string).
  const trivial = Handlebars.compile('{{#each steps}}<tr><td>{{number}}</td><td>{{text}}</td><td>{{output}}</td></tr>{{/each}}', { strict: true });
  const baseMs = timeMedian(() => {
    for (const m of models) trivial(m);
  }, 5, 1);
  const perSec = 1000 / (htmlMs / 1000);

  const big = compile(generateSop(99, { steps: 1000, lanes: 8 })).model;
  const small = compile(generateSop(99, { steps: 100, lanes: 8 })).model;
  // Both warmed up alike; the small case runs 10 times per sample so that timer and JIT noise do not dominate it,
  // and keeps its 10 layouts until the sample ends, as the big case keeps its one: the garbage collector then
  // copies as much live layout in both (without it, the small case's layouts die young and cost it nothing).
  const bigMs = timeMedian(() => layoutSop(big), 9, 5);
  const smallMs =
    timeMedian(() => {
      const kept = [];
      for (let i = 0; i < 10; i++) kept.push(layoutSop(small));
      return kept;
    }, 9, 5) / 10;
  const growth = bigMs / smallMs;
  return [
    {
      metric: 'layout + HTML, 1 000 generated SOPs (12 steps, 6 lanes)',
      value: `${fmt(perSec, 0)} SOP/s (${fmt(htmlMs, 0)} ms)`,
      baseline: `a one-table Handlebars template of the same steps: ${fmt(baseMs, 0)} ms`,
      ratio: `${fmt(htmlMs / baseMs, 1)}x`,
      target: '>= 1 000 SOP/s',
      ok: perSec >= 1000,
    },
    {
      metric: 'layout of one 1 000-step procedure (8 lanes)',
      value: `${fmt(bigMs, 1)} ms`,
      baseline: `100 steps: ${fmt(smallMs, 2)} ms`,
      ratio: `${fmt(growth, 1)}x for 10x the steps`,
      target: '< 200 ms; growth < 15x (near-linear)',
      ok: bigMs < 200 && growth < 15,
    },
  ];
}
