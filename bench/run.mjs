/**
 * `npm run bench`: every benchmark, each against a baseline measured in the
 * same run; prints a table and writes bench/output/RESULTS.md (ignored by git).
 * `--record` also puts the sections that ran into the tracked bench/RESULTS.md,
 * leaving its other sections as they are (bench/record.mjs).
 * Usage: npm run bench [-- suite ...] [-- --record]   (suites: frontend, layout, render, formats, lsp, lspload, mermaid, frames, print, pages, book, bookengine, preview, playground, quality, import, native)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mergeResults } from './record.mjs';
import { frontendBench } from './frontend.mjs';
import { layoutBench } from './layout.mjs';
import { formatsBench, renderBench } from './render.mjs';
import { lspBench, lspLoadBench } from './lsp.mjs';
import { mermaidBench } from './mermaid.mjs';
import { bookBench, bookEngineBench } from './book.mjs';
import { pagesBench, printBench } from './print-measure.mjs';
import { previewBench } from './preview.mjs';
import { playgroundBench } from './playground.mjs';
import { framesBench } from './frames.mjs';
import { qualityBench } from './quality.mjs';
import { importBench } from './import.mjs';
import { nativeBench } from './native.mjs';
import { machine, table } from './lib.mjs';

const SUITES = {
  frontend: ['Front end (issue 2)', frontendBench],
  layout: ['Layout and HTML (issue 3)', layoutBench],
  render: ['Rendering through one browser (issue 4)', renderBench],
  formats: ['Formats together: PDF, SVG, PNG in one build (issue 11 item 1)', formatsBench],
  lsp: ['Language server (issue 6)', lspBench],
  lspload: ['Language server under load (issue 11 item 8, tooling)', lspLoadBench],
  mermaid: ['Mermaid diagrams by size (issue 11 item 7, issue 10 item 6)', mermaidBench],
  frames: ['Big inputs and code frames (issue 11 items 5 and 6, cli)', framesBench],
  print: ['Printed procedure: pages, row heights, PDF time (issue 9, print)', printBench],
  pages: ['Pages and fill per SOP, A4 and F4 (issue 20 item 4, print)', pagesBench],
  book: ['SOP book and CI at scale (issue 14, book)', bookBench],
  bookengine: ['The book without a browser: native vs Chromium (issue 22 item 7, book)', bookEngineBench],
  preview: ['Live preview: save-to-reload (issue 13 item 1, preview)', previewBench],
  playground: ['Playground: keystroke-to-preview (issue 13 item 3, playground)', playgroundBench],
  quality: ['Drawing quality: routing (issue 10 items 1-5, routing)', qualityBench],
  import: ['Import of existing SOPs: PDF speed, seed figures (issue 23, import)', importBench],
  native: ['Native drawing: PDF, SVG, PNG without a browser (issue 22, native)', nativeBench],
};

const args = process.argv.slice(2);
const record = args.includes('--record');
const unknown = args.filter((a) => a !== '--record' && !(a in SUITES));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown suite(s): ${unknown.join(', ')}; suites: ${Object.keys(SUITES).join(', ')}; option: --record\n`);
  process.exit(2);
}
const wanted = args.filter((a) => a in SUITES);
const names = wanted.length > 0 ? wanted : Object.keys(SUITES);
const sections = [];
for (const name of names) {
  const [title, fn] = SUITES[name];
  process.stderr.write(`bench: ${name}...\n`);
  const rows = await fn();
  // A suite returns timing rows, or (the drawing quality report) its own table.
  const t = Array.isArray(rows) ? table(rows) : rows.text;
  console.log(`\n## ${title}\n\n${t}`);
  sections.push({ title, text: `## ${title}\n\n${t}` });
}
const doc = `# Benchmark results

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}.

Machine: ${machine()}

Ratios compare with a baseline measured in the same run, so they travel
between machines better than the absolute figures. This machine is shared
and noisy: on 2026-11-23 the same code measured parse + check between 1 589
and 3 969 files/s and a cold \`sop check\` between 187 and 295 ms from run
to run (\`node -e 0\` itself between 88 and 134 ms); figures near a target
can fall either side of it.

Large Mermaid diagrams: Mermaid's own swimlane layout takes most of the time
(~0.5 s for a 12-step diagram with loops), in renderMermaid() as in ours, so
the gain per call is largest on small diagrams (the page setup that
renderMermaid() repeats is what we save).

${sections.map((s) => s.text).join('\n\n')}
`;
const outDir = new URL('./output/', import.meta.url);
mkdirSync(outDir, { recursive: true });
writeFileSync(new URL('./RESULTS.md', outDir), doc);
process.stderr.write('bench: results in bench/output/RESULTS.md\n');
if (record) {
  const tracked = new URL('./RESULTS.md', import.meta.url);
  const existing = existsSync(tracked) ? readFileSync(tracked, 'utf8') : doc;
  writeFileSync(tracked, mergeResults(existing, sections, new Date().toISOString().slice(0, 10)));
  process.stderr.write(`bench: ${sections.length} section(s) recorded in bench/RESULTS.md\n`);
} else {
  process.stderr.write('bench: bench/RESULTS.md unchanged (npm run bench -- --record updates it)\n');
}
