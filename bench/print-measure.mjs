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
import { loadTemplates } from '../dist/project/templates.js';
import { layoutSop } from '../dist/layout/layout.js';
import { contentBox, paper } from '../dist/layout/geometry.js';
import { findBrowser } from '../dist/render/browser.js';
import { RenderSession } from '../dist/render/session.js';
import { measureDocument, measuredPdf } from '../dist/render/measure.js';
import { chainSop, generateSop } from './generate.mjs';
import { fmt, timeMedian } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function corpus() {
  const dir = join(root, 'sops');
  const names = readdirSync(dir).filter((f) => f.endsWith('.sop')).sort();
  const project = checkProject({ files: names.map((n) => ({ path: n, text: readFileSync(join(dir, n), 'utf8') })) });
  return project.files.map((f) => ({ name: f.file, model: f.model }));
}

/** Per-row relative error of the estimate against the measurement. */
function rowErrors(model, measured, opts = {}) {
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
  return lay.pages.map((pg, i) => {
    let used = measured ? measured.header + measured.caption + (i === lay.pages.length - 1 ? measured.footer ?? 0 : 0) : lay.header.height + 26;
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

/** Before this work (commit 30876e4, old HTML measured in Chromium): procedure pages and fill ratio per page, A4. */
const BEFORE = {
  'mekanisme-pelaporan-tim-kerja.sop': [0.91, 0.27],
  'pelaksanaan-pelatihan-bimtek.sop': [0.88, 0.57],
  'pelaporan-kegiatan-pelatihan-bimtek.sop': [0.87, 0.27],
  'pelayanan-tamu.sop': [0.82, 0.29],
  'pembuatan-sk-tim-kerja-bidang-3.sop': [0.81, 0.62],
  'penanganan-rumah-tangga-kantor.sop': [0.72],
  'penugasan-kegiatan-bidang-3.sop': [0.47],
  'penyusunan-duk.sop': [0.86, 0.64],
};

export async function measureCorpus() {
  const exe = findBrowser();
  if (!exe) return null;
  const templates = loadTemplates();
  const session = new RenderSession(exe);
  const width = contentBox(paper('A4')).width;
  const measure = (model, config = {}) => session.withDocument(renderHtml(model, templates, { config, unpaginated: true }), (p) => measureDocument(p, width));
  try {
    const sops = corpus();
    const errs = { sops: [], gen: [] };
    const perSop = [];
    for (const { name, model } of sops) {
      const m = await measure(model);
      for (const e of rowErrors(model, m)) errs.sops.push(e);
      const mLay = layoutSop(model, { measured: m });
      perSop.push({ name, pages: mLay.pages.length, fill: fill(mLay, m), room: roomLeft(mLay, m) });
    }
    for (let i = 0; i < 100; i++) {
      const model = compile(generateSop(1000 + i, { steps: 6 + (i % 10), lanes: 1 + (i % 12) })).model;
      const m = await measure(model);
      for (const e of rowErrors(model, m)) errs.gen.push(e);
    }
    // PDF build of sops/: estimate-only pagination (what a build did before) vs measured, same browser, alternating rounds.
    const times = { est: [], meas: [] };
    for (let round = 0; round < 5; round++) {
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
    return { errs, perSop, pdfEst: med(times.est), pdfMeas: med(times.meas) };
  } finally {
    await session.close();
  }
}

/** The rows of the bench table (bench/run.mjs suite "print"). */
export async function printBench() {
  const r = await measureCorpus();
  if (!r) return [{ metric: 'printed procedure', value: 'no Chromium', baseline: '', ratio: '', target: '', ok: false }];
  const sops = stats(r.errs.sops);
  const gen = stats(r.errs.gen);
  const pages = r.perSop.reduce((s, p) => s + p.pages, 0);
  const before = Object.values(BEFORE).reduce((s, f) => s + f.length, 0);
  const room = r.perSop.reduce((s, p) => s + p.room, 0);
  const pct = (x) => `${(x * 100).toFixed(1)} %`;
  const big = compile(generateSop(99, { steps: 1000, lanes: 8 })).model;
  const est = layoutSop(big);
  const rows = [0];
  for (const pg of est.pages) for (const row of pg.rows) if (row.step !== null) rows[row.step] = row.minHeight;
  const measured = { rows, header: est.header.height, caption: 26, footer: 20 };
  const bigMs = timeMedian(() => layoutSop(big), 7, 3);
  const bigMeasMs = timeMedian(() => layoutSop(big, { measured }), 7, 3);
  const out = [
    { metric: 'procedure pages of sops/ (8 SOPs, 49 steps), A4, PDF on measured heights', value: String(pages), baseline: `before (30876e4): ${before}`, ratio: `${fmt(pages / before, 2)}x`, target: '<= 10', ok: pages <= 10 },
    { metric: 'procedure pages (not the last) with room for their next row', value: String(room), baseline: '', ratio: '', target: '0', ok: room === 0 },
  ];
  for (const p of r.perSop) {
    out.push({ metric: `${p.name}: pages, fill per page`, value: `${p.pages}: ${p.fill.map((f) => f.toFixed(2)).join(', ')}`, baseline: `before: ${BEFORE[p.name]?.length ?? '?'}: ${(BEFORE[p.name] ?? []).map((f) => f.toFixed(2)).join(', ')}`, ratio: '', target: '' });
  }
  out.push(
    { metric: `row height, estimate vs Chromium, sops/ (${sops.n} rows)`, value: `mean ${pct(sops.mean)}, max ${pct(sops.max)}`, baseline: 'measured', ratio: `${sops.over5} rows > 5 %`, target: 'within 5 %', ok: sops.max <= 0.05 },
    { metric: `row height, estimate vs Chromium, 100 generated SOPs (1-12 lanes, ${gen.n} rows)`, value: `mean ${pct(gen.mean)}, max ${pct(gen.max)}`, baseline: 'measured', ratio: `${gen.over5} rows > 5 %`, target: 'within 5 %', ok: gen.max <= 0.05 },
    { metric: 'layout of one 1 000-step procedure (8 lanes), estimated / measured heights', value: `${fmt(bigMs, 1)} / ${fmt(bigMeasMs, 1)} ms`, baseline: '', ratio: '', target: '< 200 ms', ok: Math.max(bigMs, bigMeasMs) < 200 },
    { metric: 'PDF build of sops/ (8 PDFs), measuring pass + PDF', value: `${fmt(r.pdfMeas, 0)} ms`, baseline: `estimate-only, as before: ${fmt(r.pdfEst, 0)} ms`, ratio: `${fmt(r.pdfMeas / r.pdfEst, 2)}x`, target: '<= 1.3x', ok: r.pdfMeas / r.pdfEst <= 1.3 },
  );
  return out;
}

const stats = (errs) => {
  const s = [...errs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  return { n: s.length, mean, p95: s[Math.floor(s.length * 0.95)] ?? 0, max: s[s.length - 1] ?? 0, over5: s.filter((e) => e > 0.05).length };
};



/**
 * Issue 20 item 4: pages and fill per SOP, as the PDF paginates them (measured heights), for sops/, the two
 * review SOPs (test/fixtures/print/) and generated 9-12-lane SOPs, at A4 and F4. Not a timing: a table.
 */
export async function pagesBench() {
  const exe = findBrowser();
  if (!exe) throw new Error('the pages report needs Chromium');
  const templates = loadTemplates();
  const session = new RenderSession(exe);
  const fixtures = join(root, 'test/fixtures/print');
  const cases = [
    ...corpus().map((c) => [c.name, c.model]),
    ...readdirSync(fixtures).filter((f) => f.endsWith('.sop')).sort().map((f) => [`review: ${f}`, compile(readFileSync(join(fixtures, f), 'utf8')).model]),
    ...[9, 10, 11, 12].map((n) => [`generated, ${n} lanes, 25 steps`, compile(generateSop(900 + n, { steps: 25, lanes: n })).model]),
    ['chain of 9 rework loops, 9 lanes', compile(chainSop(11, 9, { text: 14 })).model],
  ];
  const lines = [];
  const totals = { A4: 0, F4: 0, sopsA4: 0, widows: 0, differ: 0, small: 0 };
  try {
    for (const paperName of ['A4', 'F4']) {
      const width = contentBox(paper(paperName)).width;
      for (const [name, model] of cases) {
        const config = { paper: paperName };
        const m = await session.withDocument(renderHtml(model, templates, { config, unpaginated: true }), (p) => measureDocument(p, width));
        const lay = layoutSop(model, { paper: paperName, measured: m });
        const est = layoutSop(model, { paper: paperName });
        const html = renderHtml(model, templates, { config, measured: m });
        const identity = html.split('<section class="page identity').length - 1;
        const steps = lay.pages.map((pg) => pg.rows.filter((r) => r.step !== null).length);
        const same = JSON.stringify(steps) === JSON.stringify(est.pages.map((pg) => pg.rows.filter((r) => r.step !== null).length));
        const widow = steps.length > 1 && steps[steps.length - 1] === 1 && steps[steps.length - 2] > 1;
        const symMm = (lay.symbol.w * 25.4) / 96;
        const pages = identity + lay.pages.length;
        totals[paperName] += pages;
        if (paperName === 'A4' && !name.includes(':') && !name.includes(',')) totals.sopsA4 += pages;
        if (widow) totals.widows++;
        if (!same) totals.differ++;
        if (model.lanes.length >= 9 && model.lanes.length <= 10 && symMm < 7) totals.small++;
        const f = fill(lay, m).map((x) => x.toFixed(2)).join(' ');
        lines.push(`| ${name} | ${paperName} | ${model.lanes.length} | ${model.steps.length} | ${pages} (${identity} + ${lay.pages.length}) | ${steps.join('/')} | ${f} | ${widow ? 'yes' : 'no'} | ${((lay.columns.lane * 25.4) / 96).toFixed(1)} / ${symMm.toFixed(1)} | ${same ? 'same' : est.pages.map((pg) => pg.rows.filter((r) => r.step !== null).length).join('/')} |`);
      }
    }
  } finally {
    await session.close();
  }
  const head = '| SOP | paper | lanes | steps | pages (identity + procedure) | steps per page | fill per procedure page | widow | lane / symbol mm | estimate-only pages |\n|---|---|---:|---:|---|---|---|---|---|---|';
  const note = [
    'Pages as the PDF prints them: row heights measured in Chromium (render/measure.ts), columns searched for the shortest',
    'procedure (src/layout/fill.ts), no widow (a last page of one step takes a row from the page before). Fill: rows,',
    'connector rows, header and caption over the page\'s content height. "estimate-only pages": the pagination without',
    'measuring (what a build without a browser writes; `sop build -f html,pdf` writes the HTML the PDF printed).',
    `Totals: sops/ ${totals.sopsA4} A4 pages (target <= 16); all cases ${totals.A4} A4, ${totals.F4} F4 pages; widows ${totals.widows};`,
    `9-10 lanes with symbols under 7 mm: ${totals.small}; estimate and measurement paginate differently: ${totals.differ}.`,
  ].join('\n');
  return { text: `${note}\n\n${head}\n${lines.join('\n')}` };
}
