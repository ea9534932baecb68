/**
 * The printed procedure in Chromium (issue 9): the row-height estimate
 * against the browser's measurement, nothing drawn outside the page's
 * content box on any paper at 1-12 lanes, pages full on measured heights,
 * and Ya/Tidak once each in the PDF's text layer.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSop } from '../bench/generate.mjs';
import { checkProject, compile } from '../src/index.js';
import { renderHtml } from '../src/emit/html/render.js';
import { loadTemplates } from '../src/project/templates.js';
import { contentBox, paper } from '../src/layout/geometry.js';
import { layoutSop } from '../src/layout/layout.js';
import type { MeasuredHeights } from '../src/layout/paginate.js';
import type { PaperSize } from '../src/model/config.js';
import { timingLine } from '../src/model/flow-facts.js';
import type { SopModel } from '../src/model/model.js';
import { findBrowser } from '../src/render/browser.js';
import { measureDocument, measuredPdf } from '../src/render/measure.js';
import { RenderSession } from '../src/render/session.js';
import { tempDir } from './helpers/tmp.js';

const sopsDir = join(import.meta.dirname, '../sops');
const names = readdirSync(sopsDir).filter((f) => f.endsWith('.sop')).sort();
const project = checkProject({ files: names.map((n) => ({ path: n, text: readFileSync(join(sopsDir, n), 'utf8') })) });
const templates = loadTemplates();

let session: RenderSession;
let tmp: string;
beforeAll(() => {
  const exe = findBrowser();
  if (!exe) throw new Error('browser tests need Chromium: apt-get install chromium (or set SOP_CHROMIUM)');
  session = new RenderSession(exe);
  tmp = tempDir('sop-print-');
});
afterAll(async () => {
  await session?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const measure = (model: SopModel, p: PaperSize = 'A4'): Promise<MeasuredHeights> =>
  session.withDocument(renderHtml(model, templates, { config: { paper: p }, unpaginated: true }), (page) => measureDocument(page, contentBox(paper(p)).width));

/** Relative error of each estimated row height against the measured one. */
async function errors(model: SopModel, p: PaperSize = 'A4'): Promise<number[]> {
  const m = await measure(model, p);
  const est = layoutSop(model, { paper: p });
  const out: number[] = [];
  for (const r of est.pages.flatMap((pg) => pg.rows)) if (r.step !== null) out.push(Math.abs(r.minHeight - m.rows[r.step]!) / m.rows[r.step]!);
  out.push(Math.abs(est.header.height - m.header) / m.header);
  return out;
}

describe('row heights: estimate vs Chromium', () => {
  it('within 5 % on every row of sops/ and of generated SOPs (1-12 lanes, every paper)', async () => {
    const all: number[] = [];
    for (const f of project.files) for (const e of await errors(f.model)) all.push(e);
    const papers: PaperSize[] = ['A4', 'F4', 'Legal', 'Letter'];
    for (let i = 0; i < 12; i++) for (const e of await errors(compile(generateSop(300 + i, { steps: 8, lanes: i + 1 })).model, papers[i % 4])) all.push(e);
    const worst = all.reduce((a, b) => Math.max(a, b), 0);
    expect(worst).toBeLessThanOrEqual(0.05);
  }, 60_000);
});

/** Everything drawn in the document that lies outside [0, width] horizontally, or a page taller than the content box. */
const OUTSIDE = `((width, height) => {
  const bad = [];
  const out = (el, r) => r.left < -0.01 || r.right > width + 0.01;
  for (const el of document.querySelectorAll('table, th, td, svg line, svg rect, svg polygon, svg text')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (out(el, r)) bad.push(el.tagName + ' ' + (el.getAttribute('class') || '') + ' ' + r.left.toFixed(2) + '..' + r.right.toFixed(2));
  }
  // A collapsed outer border reaches half its width beyond the table box.
  for (const t of document.querySelectorAll('table')) {
    const r = t.getBoundingClientRect();
    if (r.right + 0.5 > width + 0.01 || r.left - 0.5 < -0.01) bad.push('table ' + (t.getAttribute('class') || '') + ' border at ' + (r.left - 0.5).toFixed(2) + '..' + (r.right + 0.5).toFixed(2));
  }
  for (const s of document.querySelectorAll('section.page.procedure')) {
    const r = s.getBoundingClientRect();
    if (r.height > height + 0.01) bad.push('page of ' + r.height.toFixed(1) + 'px');
  }
  return bad;
})`;

describe('nothing outside the printable area', () => {
  it('A4, F4, Legal, Letter at 1-12 lanes: every table, cell, symbol, arrow and label inside the content box', async () => {
    const problems: string[] = [];
    for (const p of ['A4', 'F4', 'Legal', 'Letter'] as const) {
      const box = contentBox(paper(p));
      for (let n = 1; n <= 12; n++) {
        const model = compile(generateSop(500 + n, { steps: 14, lanes: n })).model;
        const html = renderHtml(model, templates, { config: { paper: p } });
        const bad = await session.withDocument(html, async (page) => {
          await page.setViewport({ width: Math.floor(box.width), height: 800 });
          return (await page.evaluate(`${OUTSIDE}(${box.width}, ${box.height})`)) as string[];
        });
        for (const b of bad.slice(0, 3)) problems.push(`${p} ${n} lanes: ${b}`);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});

describe('on screen', () => {
  it('each page is as wide as its tables and centred in the window; the caption stands over the procedure table', async () => {
    const f = project.files.find((x) => x.file === 'penyusunan-duk.sop')!;
    const got = await session.withDocument(renderHtml(f.model, templates), async (page) => {
      await page.setViewport({ width: 1600, height: 900 });
      return page.evaluate(`(() => {
        const box = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, centre: (r.left + r.right) / 2 }; };
        const proc = document.querySelector('.page.procedure');
        return { window: innerWidth, page: box(proc), caption: box(proc.querySelector('.caption')), table: box(proc.querySelector('table.procedure-table')) };
      })()`) as Promise<{ window: number; page: { left: number; right: number; centre: number }; caption: { centre: number }; table: { left: number; centre: number } }>;
    });
    // (The caption was centred on the window, its table kept to the left edge.)
    expect(Math.abs(got.caption.centre - got.table.centre)).toBeLessThan(2);
    expect(Math.abs(got.page.centre - got.window / 2)).toBeLessThan(10);
    expect(got.table.left).toBeGreaterThan(100);
  });
});

describe('PDF on measured heights', () => {
  it('sops/: pages as laid out, none but the last with room for its next row, Ya/Tidak once each in the text layer', async () => {
    const box = contentBox(paper('A4')).height;
    let procedurePages = 0;
    for (const f of project.files) {
      const m = await measure(f.model);
      const lay = layoutSop(f.model, { measured: m });
      procedurePages += lay.pages.length;
      lay.pages.forEach((pg, i) => {
        const next = lay.pages[i + 1]?.rows.find((r) => r.step !== null);
        if (!next) return;
        const used = m.caption + m.header + pg.rows.reduce((s, r) => s + r.minHeight, 0);
        expect(used + next.minHeight, `${f.file} page ${i + 1}`).toBeGreaterThan(box - 2);
      });
      const pdf = await measuredPdf(session, (stage) => renderHtml(f.model, templates, stage), 'A4');
      const file = join(tmp, f.file.replace('.sop', '.pdf'));
      writeFileSync(file, pdf);
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())![1]);
      expect(pages, f.file).toBe(1 + lay.pages.length);
      const text = execFileSync('pdftotext', ['-raw', file, '-']).toString();
      expect(text).not.toMatch(/\bTidak\s+Tidak\b|\bYa\s+Ya\b/);
      const labels = lay.pages.flatMap((pg) => pg.rows.flatMap((r) => r.core.labels.map((l) => l.text)));
      const inSteps = (w: string): number => f.model.steps.reduce((s, st) => s + (`${st.text} ${st.kelengkapan} ${st.output} ${st.keterangan}`.match(new RegExp(`\\b${w}\\b`, 'g'))?.length ?? 0), 0);
      const timing = timingLine(f.model.timing, f.model.steps) ?? '';
      for (const w of ['Ya', 'Tidak'] as const) {
        const expected = labels.filter((l) => l === w).length + inSteps(w) + (timing.match(new RegExp(`\\b${w}\\b`, 'g'))?.length ?? 0);
        expect(text.match(new RegExp(`\\b${w}\\b`, 'g'))?.length ?? 0, `${f.file}: ${w}`).toBe(expected);
      }
    }
    expect(procedurePages).toBeLessThanOrEqual(10);
  }, 120_000);
});
