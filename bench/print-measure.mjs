/**
 * Issue 9: the printed procedure. Row-height estimate against the browser's
 * measurement, pages per SOP and how full each page is (estimate-only
 * pagination vs measured), and the PDF build time with and without the
 * measuring pass, all in one browser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkProject, compile } from '../dist/index.js';
import { renderHtml } from '../dist/emit/html/render.js';
import { loadTemplates } from '../dist/cli/templates.js';
import { layoutSop } from '../dist/layout/layout.js';
import { contentBox, paper } from '../dist/layout/geometry.js';
import { CONNECTOR_ROW } from '../dist/layout/paginate.js';
import { findBrowser } from '../dist/render/browser.js';
import { RenderSession } from '../dist/render/session.js';
import { measureDocument, measuredPdf } from '../dist/render/measure.js';
import { generateSop } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function corpus() {
  const dir = join(root, 'sops');
  const names = readdirSync(dir).filter((f) => f.endsWith('.sop')).sort();
  const project = checkProject({ files: names.map((n) => ({ path: n, text: readFileSync(join(dir, n), 'utf8') })) });
  return project.files.map((f) => ({ name: f.file, model: f.model }));
}

/** Per-row relative error of the estimate against the measurement. */
function rowErrors(model, measured, opts = {}) {
  const lay = layoutSop(model, { ...opts, unpaginated: true });
  void lay;
  const est = layoutSop(model, opts);
  const heights = new Map();
  for (const pg of est.pages) for (const r of pg.rows) if (r.step !== null) heights.set(r.step, r.minHeight);
  const errs = [];
  for (const s of model.steps) {
    const m = measured.rows[s.number];
    if (m > 0) errs.push(Math.abs(heights.get(s.number) - m) / m);
  }
  return errs;
}

/** Fill ratio of each procedure page: rows + connector rows + header + caption over the content height. */
function fill(lay, measured) {
  const box = contentBox(lay.paper).height;
  return lay.pages.map((pg) => {
    let used = measured ? measured.header + measured.caption : lay.header.height + 26;
    for (const r of pg.rows) used += r.step !== null && measured ? Math.ceil(measured.rows[r.step]) : r.minHeight;
    return used / box;
  });
}

/** Whether a page other than the last had room for the next step's row (with a connector row). */
function roomLeft(lay, measured) {
  const box = contentBox(lay.paper).height;
  let bad = 0;
  lay.pages.forEach((pg, i) => {
    const next = lay.pages[i + 1]?.rows.find((r) => r.step !== null);
    if (!next) return;
    let used = measured.header + measured.caption;
    for (const r of pg.rows) used += r.step !== null ? Math.ceil(measured.rows[r.step]) : r.minHeight;
    if (used + Math.ceil(measured.rows[next.step]) <= box - 2) bad++;
  });
  return bad;
}

export async function printBench() {
  const exe = findBrowser();
  if (!exe) return [];
  const templates = loadTemplates();
  const session = new RenderSession(exe);
  const width = contentBox(paper('A4')).width;
  const measure = (model, config = {}) => session.withDocument(renderHtml(model, templates, { config, unpaginated: true }), (p) => measureDocument(p, width));
  try {
    const sops = corpus();
    const results = { sops: [], gen: [] };
    const perSop = [];
    for (const { name, model } of sops) {
      const m = await measure(model);
      results.sops.push(...rowErrors(model, m));
      const estLay = layoutSop(model);
      const mLay = layoutSop(model, { measured: m });
      perSop.push({ name, est: estLay.pages.length, measured: mLay.pages.length, fillEst: fill(estLay, m), fill: fill(mLay, m), room: roomLeft(mLay, m) });
    }
    for (let i = 0; i < 100; i++) {
      const model = compile(generateSop(1000 + i, { steps: 6 + (i % 10), lanes: 1 + (i % 12) })).model;
      const m = await measure(model);
      for (const e of rowErrors(model, m)) results.gen.push(e);
    }
    // PDF build of sops/: estimate-only pagination vs measured, same browser, warmed up, alternating.
    const times = { est: [], meas: [] };
    for (let round = 0; round < 4; round++) {
      for (const kind of round % 2 === 0 ? ['est', 'meas'] : ['meas', 'est']) {
        const t0 = performance.now();
        for (const { model } of sops) {
          if (kind === 'est') await session.pdf(renderHtml(model, templates));
          else await measuredPdf(session, (stage) => renderHtml(model, templates, stage), 'A4');
        }
        if (round > 0) times[kind].push(performance.now() - t0);
      }
    }
    const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // 1 000-step layout with measured heights (the heights of a 1 000-row table measured once).
    return { results, perSop, pdfEst: med(times.est), pdfMeas: med(times.meas) };
  } finally {
    await session.close();
  }
}

const stats = (errs) => {
  const s = [...errs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  return { n: s.length, mean, p95: s[Math.floor(s.length * 0.95)] ?? 0, max: s[s.length - 1] ?? 0, over5: s.filter((e) => e > 0.05).length };
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await printBench();
  console.log('sops', stats(r.results.sops), 'gen', stats(r.results.gen));
  for (const p of r.perSop) console.log(p.name, p.est, p.measured, p.fill.map((f) => f.toFixed(2)).join(' '), 'room', p.room);
  console.log('pdf est', r.pdfEst.toFixed(0), 'meas', r.pdfMeas.toFixed(0));
}
