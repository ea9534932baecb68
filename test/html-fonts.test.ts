/**
 * Issue 22, items 1 and 3 for the HTML: the document loads the bundled
 * Liberation Sans through @font-face (written beside `sop build`'s HTML,
 * inlined for Chromium's print), and its flowchart is drawn from the marks
 * the page model (PDF, SVG, PNG) draws.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSop } from '../bench/generate.mjs';
import { compile } from '../src/index.js';
import { renderHtml } from '../src/emit/html/render.js';
import { BUNDLED_FONTS } from '../src/emit/html/fonts.js';
import { inlineBundledFonts } from '../src/page/html-fonts.js';
import { buildDocument } from '../src/page/build.js';
import { nativePagination } from '../src/page/native.js';
import type { Mark } from '../src/page/types.js';
import { loadTemplates } from '../src/project/templates.js';
import { findBrowser } from '../src/render/browser.js';
import { RenderSession } from '../src/render/session.js';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

const root = join(import.meta.dirname, '..');
const templates = loadTemplates();
const sop = readFileSync(join(root, 'sops/pelayanan-tamu.sop'), 'utf8');
const FACES = BUNDLED_FONTS.map((f) => f.file);

describe('the bundled font in the HTML (@font-face)', () => {
  it('names the four faces of Liberation Sans, first in the font stack', () => {
    const html = renderHtml(compile(sop).model!, templates);
    for (const f of BUNDLED_FONTS) {
      expect(html).toContain(`@font-face { font-family: "Liberation Sans"; src: url("fonts/${f.file}") format("truetype"); font-weight: ${f.weight}; font-style: ${f.fontStyle}; }`);
    }
    expect(html).toMatch(/body \{[^}]*font-family: "Liberation Sans", Arial/);
    expect(renderHtml(compile(sop).model!, templates, { fontBase: null })).not.toContain('@font-face');
  });

  it('sop build writes the fonts and their licence once into the output folder, named relatively from each HTML', () => {
    const dir = tempDir('sop-fonts-');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.sop'), sop);
    writeFileSync(join(dir, 'sub', 'b.sop'), sop.replace('Nama SOP:', 'Nama SOP: Dua').replace(/Nomor SOP: .*/, 'Nomor SOP: 2/2026'));
    const r = runCli(['build', '.', '--format', 'html', '--out', 'out'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    for (const f of [...FACES, 'LICENSE']) expect(readFileSync(join(dir, 'out/fonts', f)).equals(readFileSync(join(root, 'fonts', f))), f).toBe(true);
    const a = readFileSync(join(dir, 'out/a.html'), 'utf8');
    expect(a).toContain('url("./fonts/LiberationSans-Regular.ttf")');
    const bFile = ['out/sub/b.html', 'out/b.html'].map((p) => join(dir, p)).find((p) => existsSync(p))!;
    const b = readFileSync(bFile, 'utf8');
    const base = /url\("([^"]*)LiberationSans-Regular\.ttf"\)/.exec(b)![1]!;
    // Resolved from its own folder, the URL reaches out/fonts/.
    expect(existsSync(join(bFile, '..', base, 'LiberationSans-Regular.ttf'))).toBe(true);
  });

  it('an --incremental build whose HTML is up to date still puts back a missing out/fonts/', () => {
    const dir = tempDir('sop-fonts-');
    writeFileSync(join(dir, 'a.sop'), sop);
    expect(runCli(['build', '.', '--format', 'html', '--out', 'out', '--incremental'], { cwd: dir }).code).toBe(0);
    rmSync(join(dir, 'out/fonts'), { recursive: true });
    const again = runCli(['build', '.', '--format', 'html', '--out', 'out', '--incremental'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(readdirSync(join(dir, 'out/fonts')).sort()).toEqual(['LICENSE', ...FACES].sort());
  });

  it('the document Chromium prints carries the fonts as data: URLs (its page loads nothing else)', () => {
    const html = inlineBundledFonts(renderHtml(compile(sop).model!, templates, { fontBase: '../x/' }));
    expect(html).not.toMatch(/url\("\.\.\/x\//);
    const regular = readFileSync(join(root, 'fonts/LiberationSans-Regular.ttf')).toString('base64');
    expect(html).toContain(`url("data:font/ttf;base64,${regular}")`);
    // Italic segments (*Front Desk*): the italic faces go too; a document without any, without them.
    expect(html.match(/@font-face/g)).toHaveLength(4);
    const plain = inlineBundledFonts(renderHtml(compile(sop.replace(/\*/g, '')).model!, templates));
    expect(plain.match(/@font-face/g)).toHaveLength(2);
    expect(plain).not.toMatch(/font-style: italic/);
  });
});

describe.skipIf(!findBrowser())('Chromium lays out and prints with the bundled font', () => {
  let session: RenderSession;
  beforeAll(() => {
    session = new RenderSession(findBrowser()!);
  });
  afterAll(async () => {
    await session.close();
  });

  it('the text is drawn in the bundled Liberation Sans (2.1.5: it has \u0180, the system\'s 1.07 does not)', async () => {
    // Only the bundled version has Latin Extended-B: with the system's 1.07 the letter falls back to another family.
    const html = renderHtml(compile(sop.replace('Menerima Tamu (sesuai', 'Menerima Tamu \u0180 (sesuai')).model!, templates);
    expect(html).toContain('\u0180');
    const fonts = await session.withDocument(html, async (page) => {
      const cdp = await page.createCDPSession();
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const doc = await cdp.send('DOM.getDocument');
      const cells = await cdp.send('DOM.querySelectorAll', { nodeId: doc.root.nodeId, selector: 'td.kegiatan' });
      const used = new Set<string>();
      for (const nodeId of cells.nodeIds) for (const f of (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts) used.add(f.familyName);
      return [...used];
    });
    expect(fonts).toEqual(['Liberation Sans']);
  });
});

/** The symbols and labels of each procedure page: the page model's, and the HTML's (in each row's core band). */
interface Shape {
  key: string;
  /** Points of the outline (a rect: its four corners) or of the label's patch, and the label's text position. */
  pts: number[];
  size: string;
}

function modelShapes(marks: readonly Mark[]): Shape[] {
  const out: Shape[] = [];
  for (const m of marks) {
    if (m.kind === 'rect' && m.role === 'symbol') out.push({ key: `${m.data!['symbol']}:${m.data!['step']}`, pts: [m.x, m.y], size: `${m.w}x${m.h}r${m.rx ?? 0}` });
    else if (m.kind === 'polygon') out.push({ key: `${m.data!['symbol']}:${m.data!['step']}`, pts: [...m.points], size: m.data!['letter'] !== undefined ? `letter ${m.data!['letter']}` : '' });
    else if (m.kind === 'rect' && m.role === 'label-bg') out.push({ key: 'label', pts: [m.x, m.y], size: `${m.w}x${m.h}` });
  }
  return out;
}

function htmlShapes(section: string): Shape[] {
  const out: Shape[] = [];
  const nums = (s: string): number[] => s.split(/[ ,]/).map(Number);
  for (const el of section.matchAll(/<(rect|polygon) class="(symbol [a-z]+|label-bg)"([^>]*)>/g)) {
    const attr = (n: string): string => new RegExp(` ${n}="([^"]*)"`).exec(el[3]!)?.[1] ?? '';
    if (el[2] === 'label-bg') out.push({ key: 'label', pts: [+attr('x'), +attr('y')], size: `${attr('width')}x${attr('height')}` });
    else if (el[1] === 'rect') out.push({ key: `${attr('data-symbol')}:${attr('data-step')}`, pts: [+attr('x'), +attr('y')], size: `${attr('width')}x${attr('height')}r${attr('rx')}` });
    else out.push({ key: `${attr('data-symbol')}:${attr('data-step')}`, pts: nums(attr('points')), size: attr('data-letter') !== '' || attr('data-symbol') === 'connector' ? `letter ${attr('data-letter')}` : '' });
  }
  return out;
}

describe('one model: the HTML draws the page model\'s symbols and labels', () => {
  it('same shapes, sizes and letters, each moved by its row\'s offset only (a generated 6-lane SOP over several pages)', () => {
    const model = compile(generateSop(7, { steps: 40, lanes: 6 })).model!;
    const doc = buildDocument(model, {});
    // Paginated alike, as `sop build` writes the HTML beside a native PDF.
    const html = renderHtml(model, templates, { measured: nativePagination(model, {}) });
    const sections = html.split('<section class="page procedure">').slice(1);
    const pages = doc.pages.filter((p) => p.kind === 'procedure');
    expect(sections.length).toBe(pages.length);
    expect(pages.length).toBeGreaterThan(1);
    let connectors = 0;
    let labels = 0;
    pages.forEach((pg, i) => {
      const a = modelShapes(pg.marks);
      const b = htmlShapes(sections[i]!);
      expect(b.map((s) => `${s.key} ${s.size}`)).toEqual(a.map((s) => `${s.key} ${s.size}`));
      const dxs = new Set<number>();
      a.forEach((s, k) => {
        const h = b[k]!;
        expect(h.pts.length).toBe(s.pts.length);
        const dx = s.pts[0]! - h.pts[0]!;
        const dy = s.pts[1]! - h.pts[1]!;
        dxs.add(Math.round(dx * 10));
        for (let j = 0; j < s.pts.length; j += 2) {
          expect(Math.abs(s.pts[j]! - h.pts[j]! - dx)).toBeLessThan(0.011);
          expect(Math.abs(s.pts[j + 1]! - h.pts[j + 1]! - dy)).toBeLessThan(0.011);
        }
        if (s.key.startsWith('connector')) connectors++;
        if (s.key === 'label') labels++;
      });
      // One horizontal offset per page: the flow cell's left edge.
      expect(dxs.size).toBe(1);
    });
    expect(connectors).toBeGreaterThan(0);
    expect(labels).toBeGreaterThan(0);
  });
});
