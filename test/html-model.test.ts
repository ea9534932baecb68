/**
 * Issue 22 item 1 for the HTML's table: the browser lays out the lines the page model broke, where the page model
 * puts them. Every text line of the procedure table (caption, header titles with their hyphens, each cell, the
 * timing line) has the model's text and sits within 1 px of the model's place; every row has the model's height.
 * Real Chromium, the HTML paginated as `sop build` writes it beside a native PDF.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSop } from '../bench/generate.mjs';
import { compile } from '../src/index.js';
import { renderHtml } from '../src/emit/html/render.js';
import { contentBox, PX_PER_MM } from '../src/layout/geometry.js';
import { layoutSop } from '../src/layout/layout.js';
import { HYPHEN } from '../src/layout/text.js';
import type { SopModel } from '../src/model/model.js';
import { buildDocument } from '../src/page/build.js';
import { encodePng, nativePagination } from '../src/page/native.js';
import { imageSize } from '../src/util/image-size.js';
import type { PageModel, TextMark } from '../src/page/types.js';
import { loadTemplates } from '../src/project/templates.js';
import { findBrowser } from '../src/render/browser.js';
import { RenderSession } from '../src/render/session.js';
import { testBrowser } from './helpers/browser.js';

const root = join(import.meta.dirname, '..');
const templates = loadTemplates();

/** A line of text: its words, where it starts (left edge) and its baseline, page px. */
interface Placed {
  text: string;
  x: number;
  y: number;
}

/** Row boundaries (tops, then the last bottom) of each procedure page, and its lines of text. */
interface PageFacts {
  rows: number[];
  lines: Placed[];
}

/** The page model's: the table's text (cells, caption, timing), not the flowchart's labels and letters. */
function modelFacts(page: PageModel): PageFacts {
  const lines: Placed[] = [];
  const tops = new Set<number>();
  let bottom = 0;
  for (const m of page.marks) {
    if (m.kind === 'rect' && m.role === 'cell') {
      tops.add(m.y);
      bottom = Math.max(bottom, m.y + m.h);
    }
    if (m.kind !== 'text' || !(m.cell || m.heading || m.data?.['timing'] !== undefined)) continue;
    const t: TextMark = m;
    // A no-break space prints as a space; the browser's side reads every blank as one ("Bidang 3" in a lane title).
    lines.push({ text: t.runs.map((r) => r.text).join('').replace(/\u00a0/g, ' '), x: t.anchor === 'middle' ? t.x - t.width / 2 : t.x, y: t.y });
  }
  return { rows: [...[...tops].sort((a, b) => a - b), bottom], lines };
}

/**
 * The page model's identity page: every line of text but the lists' numbers (the HTML's are the `<ol>`'s markers), and
 * the row boundaries (its horizontal rules and its cells' edges).
 */
function identityFacts(page: PageModel): PageFacts {
  const lines: Placed[] = [];
  const ys: number[] = [];
  for (const m of page.marks) {
    if (m.kind === 'rect' && m.role === 'cell') ys.push(m.y, m.y + m.h);
    if (m.kind === 'line' && m.y1 === m.y2) ys.push(m.y1);
    if (m.kind !== 'text') continue;
    const text = m.runs.map((r) => r.text).join('');
    if (!/^\d+\.$/.test(text)) lines.push({ text, x: m.anchor === 'middle' ? m.x - m.width / 2 : m.x, y: m.y });
  }
  return { rows: boundaries(ys), lines };
}

/** Distinct row boundaries: values within 1.5 px of each other are one (a collapsed border drawn by two cells). */
function boundaries(ys: readonly number[]): number[] {
  const out: number[] = [];
  for (const y of [...ys].sort((a, b) => a - b)) if (out.length === 0 || y - out[out.length - 1]! > 1.5) out.push(y);
  return out;
}

/**
 * The browser's, read from the laid-out HTML whatever its markup: the lines of text of each cell as the browser laid
 * them out (its characters grouped by the line box they fall in), each line's left edge and baseline (a character's
 * box starts the font's ascent, rounded, above it), each procedure table's row boundaries. Relative to the section's
 * top-left corner: the print puts it at the page's margin.
 */
const READ = `(() => {
  const range = document.createRange();
  const linesOf = (cell, s) => {
    const style = getComputedStyle(cell);
    const shown = (t) => (style.textTransform === 'uppercase' ? t.toLocaleUpperCase('id') : t);
    const lines = [];
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const size = parseFloat(getComputedStyle(node.parentElement).fontSize);
      for (let i = 0; i < node.data.length; i++) {
        const c = node.data[i];
        if (c === '\u00ad') continue;
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const r = [...range.getClientRects()].find((q) => q.width > 0 || q.height > 0);
        if (!r) continue;
        let line = lines.find((l) => Math.abs(l.top - r.top) < 2);
        if (!line) lines.push((line = { top: r.top, text: '', x: Infinity, size }));
        line.text += c;
        if (c.trim() !== '') line.x = Math.min(line.x, r.left);
      }
    }
    return lines.sort((a, b) => a.top - b.top).map((l) => ({ text: shown(l.text.replace(/\\s+/g, ' ').trim()), x: l.x - s.left, y: l.top - s.top + Math.round(l.size * 0.905) }));
  };
  const procedure = [...document.querySelectorAll('section.procedure')].map((sec) => {
    const s = sec.getBoundingClientRect();
    const cells = sec.querySelectorAll('.caption, table.procedure-table th, table.procedure-table td:not(.flow), .timing');
    const lines = [...cells].flatMap((c) => linesOf(c, s)).filter((l) => l.text !== '');
    const trs = [...sec.querySelectorAll('table.procedure-table tr')].map((tr) => tr.getBoundingClientRect());
    const rows = [...trs.map((r) => r.top - s.top), trs[trs.length - 1].bottom - s.top];
    return { lines, rows };
  });
  const identity = [...document.querySelectorAll('section.identity')].map((sec) => {
    const s = sec.getBoundingClientRect();
    const lines = [...sec.querySelectorAll('th, td')].flatMap((c) => linesOf(c, s)).filter((l) => l.text !== '');
    const rows = [...sec.querySelectorAll('tr')].flatMap((tr) => [tr.getBoundingClientRect().top - s.top, tr.getBoundingClientRect().bottom - s.top]);
    return { lines, rows };
  });
  return { procedure, identity };
})()`;

/** Compares the two; resolves to the number of lines the model ends with a hyphen (a word broken at a soft hyphen). */
function compare(model: SopModel, name: string, session: RenderSession, logo: Uint8Array | null = null): Promise<number> {
  const size = logo ? imageSize(logo)! : null;
  const doc = buildDocument(model, logo && size ? { logo: { mime: 'image/png', bytes: logo, ...size } } : {});
  const pages = doc.pages.filter((p) => p.kind === 'procedure').map(modelFacts);
  const logoDataUri = logo ? `data:image/png;base64,${Buffer.from(logo).toString('base64')}` : null;
  const html = renderHtml(model, templates, { measured: nativePagination(model, {}), logoDataUri });
  const width = contentBox(layoutSop(model).paper).width;
  return session.withDocument(html, async (page) => {
    await page.emulateMediaType('print');
    await page.setViewport({ width: Math.floor(width), height: 800 });
    const read = (await page.evaluate(READ)) as { procedure: PageFacts[]; identity: PageFacts[] };
    const got = read.procedure;
    expect(got.length, name).toBe(pages.length);
    const m = Math.round(layoutSop(model).paper.marginMm * PX_PER_MM);
    const wrong: string[] = [];
    pages.forEach((want, pi) => {
      const have = got[pi]!;
      expect(have.lines.map((l) => l.text), `${name} page ${pi + 1}: the lines`).toEqual(want.lines.map((l) => l.text));
      // The table's rows: the first row's top may lie anywhere (the caption's lines decide it, checked below); each
      // row's height is the model's.
      expect(have.rows.length, `${name} page ${pi + 1}: rows`).toBe(want.rows.length);
      for (let i = 1; i < want.rows.length; i++) {
        const dh = have.rows[i]! - have.rows[i - 1]! - (want.rows[i]! - want.rows[i - 1]!);
        if (Math.abs(dh) > 1) wrong.push(`${name} p${pi + 1} row ${i}: ${(have.rows[i]! - have.rows[i - 1]!).toFixed(2)} px, the model ${(want.rows[i]! - want.rows[i - 1]!).toFixed(2)}`);
      }
      want.lines.forEach((w, i) => {
        const h = have.lines[i]!;
        const dx = h.x + m - w.x;
        const dy = h.y + m - w.y;
        if (Math.abs(dx) > 1 || Math.abs(dy) > 1) wrong.push(`${name} p${pi + 1} "${w.text}": off by ${dx.toFixed(2)}, ${dy.toFixed(2)} px`);
      });
    });
    // The identity pages: each of the model's lines is a line of the HTML, within 1 px; the rows' boundaries alike.
    const ids = doc.pages.filter((p) => p.kind === 'identity').map(identityFacts);
    expect(read.identity.length, `${name}: identity pages`).toBe(ids.length);
    ids.forEach((want, pi) => {
      const have = read.identity[pi]!;
      const left = [...have.lines];
      for (const w of want.lines) {
        const k = left.findIndex((h) => h.text === w.text && Math.abs(h.x + m - w.x) <= 1 && Math.abs(h.y + m - w.y) <= 1);
        if (k < 0) {
          const near = have.lines.filter((h) => h.text === w.text).map((h) => `${(h.x + m - w.x).toFixed(2)}, ${(h.y + m - w.y).toFixed(2)}`);
          wrong.push(`${name} identity p${pi + 1} "${w.text}": ${near.length > 0 ? `off by ${near.join(' / ')} px` : 'not a line of the HTML'}`);
        } else left.splice(k, 1);
      }
      for (const h of left) wrong.push(`${name} identity p${pi + 1} "${h.text}": a line the model does not have`);
      const rows = boundaries(have.rows.map((y) => y + m));
      if (rows.length !== want.rows.length || rows.some((y, i) => Math.abs(y - rows[0]! - (want.rows[i]! - want.rows[0]!)) > 1)) {
        wrong.push(`${name} identity p${pi + 1} rows: ${rows.map((y) => (y - rows[0]!).toFixed(1)).join(' ')}; the model ${want.rows.map((y) => (y - want.rows[0]!).toFixed(1)).join(' ')}`);
      }
    });
    expect(wrong).toEqual([]);
    return pages.reduce((n, p) => n + p.lines.filter((l) => l.text.endsWith(HYPHEN)).length, 0);
  });
}

const sops = readdirSync(join(root, 'sops')).filter((f) => f.endsWith('.sop')).sort();

/** Generated cases: many lanes (narrow columns whose titles hyphenate), long texts with italics, several pages. */
const LONG = 'memeriksa kelengkapan berkas permohonan beserta dokumen pendukung/lampiran secara *menyeluruh* dan teliti';
const longSteps = (src: string): string =>
  src.replace(/^( {2}@s\d+ \[[^\]]*\] .*)$/gm, `$1 ${LONG}`).replace(/^( {4}Output: .*)$/gm, '$1 dan tanda terima/bukti penyerahan berkas');
const longTitles = (src: string): string => src.replace(/^( {2}- l\d+: )(.*)$/gm, '$1Pengadministrasi Kesekretariatan $2');
const generated: [string, string][] = [
  ['10 lanes', generateSop(3, { steps: 30, lanes: 10 })],
  ['12 lanes, long texts', longSteps(generateSop(5, { steps: 24, lanes: 12 }))],
  ['10 lanes, titles that hyphenate, long texts', longTitles(longSteps(generateSop(9, { steps: 20, lanes: 10 })))],
  ['3 lanes, long texts', longSteps(generateSop(11, { steps: 16, lanes: 3 }))],
];

describe.skipIf(!findBrowser())('the HTML\'s table is the page model\'s: same lines, same places, same row heights (Chromium)', () => {
  let session: RenderSession;
  beforeAll(() => {
    session = new RenderSession(findBrowser()!);
  });
  afterAll(async () => {
    await session.close();
  });

  it.each(sops)('sops/%s', async (file) => {
    const model = compile(readFileSync(join(root, 'sops', file), 'utf8')).model!;
    await compare(model, file, session);
  });

  it.each(generated)('generated: %s', async (name, src) => {
    const r = compile(src);
    expect(r.model, name).toBeTruthy();
    const hyphens = await compare(r.model!, name, session);
    if (name.includes('hyphenate')) expect(hyphens).toBeGreaterThan(0);
  });

  it('a logo above the agency lines (300 x 400 px: drawn 30 mm tall), agency lines enough to make the rows taller', async () => {
    const w = 300;
    const h = 400;
    const px = new Uint8Array(w * h * 4).fill(255);
    for (let i = 0; i < w * h; i += 7) px[i * 4] = 0;
    const src = generateSop(13, { steps: 8, lanes: 4 }).replace('  - Sekretariat', '  - Sekretariat\n  - Sub Bagian Umum dan Kepegawaian serta Keuangan dan Perlengkapan Kantor\n  - Bidang Kelembagaan\n  - Seksi Pelayanan Administrasi');
    const r = compile(src);
    expect(r.model).toBeTruthy();
    await compare(r.model!, 'logo', session, encodePng(px, w, h, 96));
  });
});

describe.skipIf(!findBrowser())('the HTML on a screen wider than the page', () => {
  it('the identity table and the lists under it keep the model\'s widths: their dividers line up, as in print', async () => {
    const shared = await testBrowser();
    try {
      const page = await shared.browser.newPage();
      await page.setViewport({ width: 1800, height: 900 });
      const model = compile(readFileSync(join(root, 'sops', 'pelayanan-tamu.sop'), 'utf8')).model!;
      await page.setContent(renderHtml(model, templates));
      const edges = (await page.evaluate(`[...document.querySelectorAll('.identity-table, .lists-table')].map((t) => {
        const c = t.querySelector('td, th').getBoundingClientRect();
        return [c.right, t.getBoundingClientRect().width];
      })`)) as [number, number][];
      expect(edges.length).toBeGreaterThanOrEqual(2);
      const [divider, width] = edges[0]!;
      for (const [d, w] of edges) {
        expect(Math.abs(d - divider)).toBeLessThanOrEqual(1);
        expect(Math.abs(w - width)).toBeLessThanOrEqual(1);
      }
      expect(width).toBeLessThan(1200);
      await page.close();
    } finally {
      await shared.close();
    }
  });
});
