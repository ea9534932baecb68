/**
 * Issue 22, speed of the native renderer, and what it must keep: the bundled
 * fonts read and subset without fontkit (src/page/ttf.ts) give the glyphs
 * fontkit gives; the PNG written by us holds resvg's pixels; a character the
 * font lacks is a warning naming it and its line; the CLI's PDF chunk loads
 * neither fontkit nor the other packages PDFKit imports but the native PDF
 * never calls; the procedure table is tagged as a table.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng, nativeDocument, nativeRasterSvg, nativeSheet, nativeSvg, rasterise, rasteriseSheet } from '../src/page/native.js';
import { drawPage, fontFile, renderNativePdf } from '../src/page/pdf.js';
import { pdfMetaOf } from '../src/render/pdf.js';
import { compile } from '../src/index.js';
import { TrueType } from '../src/page/ttf.js';
import { advance } from '../src/layout/font-metrics.js';
import { wrap } from '../src/layout/text.js';
import type { PageModel } from '../src/page/types.js';
import { runCliAsync } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';
import { words } from './helpers/ink-parity.js';

interface FkGlyph {
  id: number;
  advanceWidth: number;
  path: { toSVG(): string };
  _getContours(): { x: number; y: number; onCurve: boolean }[][];
}
interface FkFont {
  numGlyphs: number;
  glyphForCodePoint(cp: number): FkGlyph;
  getGlyph(id: number): FkGlyph;
}
const fk = (bytes: Uint8Array): FkFont => (fontkit as unknown as { create(b: Buffer): FkFont }).create(Buffer.from(bytes));

describe('the bundled fonts without fontkit (src/page/ttf.ts)', () => {
  for (const style of ['Regular', 'Bold', 'Italic', 'BoldItalic'] as const) {
    it(`${style}: the glyph of every BMP character and its advance are fontkit's; a subset draws each glyph as the whole font does`, () => {
      const bytes = readFileSync(fontFile(style));
      const ours = new TrueType(bytes);
      const theirs = fk(bytes);
      const gids = [0];
      const wrong: string[] = [];
      for (let cp = 0; cp <= 0xffff; cp++) {
        const g = ours.glyphId(cp);
        if (g !== theirs.glyphForCodePoint(cp).id) wrong.push(`U+${cp.toString(16)}`);
        if (g !== 0 && !gids.includes(g) && (cp < 0x3000 || gids.length < 40)) gids.push(g);
      }
      expect(wrong).toEqual([]);
      // Composite glyphs (accented letters, U+2010) among them: their components are carried and renumbered.
      const sub = fk(ours.subset(gids));
      expect(sub.numGlyphs).toBeGreaterThan(gids.length);
      const differ = gids.filter((g, i) => sub.getGlyph(i).path.toSVG() !== theirs.getGlyph(g).path.toSVG() || sub.getGlyph(i).advanceWidth !== theirs.getGlyph(g).advanceWidth || ours.advance(g) !== theirs.getGlyph(g).advanceWidth);
      expect(differ).toEqual([]);
      // The font read stays as it was (a Buffer's slice() shares its memory: a subset once wrote into the font).
      expect(bytes.equals(readFileSync(fontFile(style)))).toBe(true);
    });
  }
});

describe('glyph outlines for the PNG (TrueType.outline, src/page/glyph-paths.ts)', () => {
  for (const style of ['Regular', 'Bold', 'Italic', 'BoldItalic'] as const) {
    it(`${style}: every glyph's contours are fontkit's (composite glyphs placed)`, () => {
      const bytes = readFileSync(fontFile(style));
      const ours = new TrueType(bytes);
      const theirs = fk(bytes);
      const wrong: number[] = [];
      for (let g = 0; g < ours.numGlyphs; g++) {
        const o = ours.outline(g);
        const contours = theirs.getGlyph(g)._getContours();
        const flat = contours.flat();
        const same =
          o.ends.length === contours.length &&
          o.x.length === flat.length &&
          flat.every((p, i) => Math.abs(p.x - o.x[i]!) < 1e-6 && Math.abs(p.y - o.y[i]!) < 1e-6 && p.onCurve === o.on[i]) &&
          contours.every((c, i) => o.ends[i] === contours.slice(0, i + 1).reduce((n, x) => n + x.length, 0) - 1);
        if (!same) wrong.push(g);
      }
      expect(wrong).toEqual([]);
      // Accented letters are composites of a base letter and an accent: both parts are in the outline.
      expect(ours.outline(ours.glyphId(0xe9)).ends.length).toBeGreaterThan(ours.outline(ours.glyphId(0x65)).ends.length);
    });
  }

  it('the SVG resvg draws has each line of text as one <path> of outlines, no <text>; its pixels are those of the <text> drawing but for anti-aliasing at glyph edges', async () => {
    for (const name of ['penyusunan-duk', 'pembuatan-sk-tim-kerja-bidang-3']) {
      const model = compile(readFileSync(join(import.meta.dirname, '../sops', `${name}.sop`), 'utf8')).model;
      const svg = nativeSvg({ model, config: {} });
      const raster = nativeRasterSvg({ model, config: {} });
      expect(raster).not.toContain('<text');
      expect(raster.match(/<path transform="matrix\(/g)?.length).toBe(svg.match(/<text /g)?.length);
      const a = decodePng((await rasterise(svg, 200 / 96)).png);
      const b = decodePng((await rasterise(raster, 200 / 96)).png);
      expect([b.w, b.h]).toEqual([a.w, a.h]);
      let differ = 0;
      let inkA = 0;
      let inkB = 0;
      for (let i = 0; i < a.rgba.length; i += 4) {
        if (Math.abs(a.rgba[i]! - b.rgba[i]!) > 64) differ++;
        if (a.rgba[i]! < 128) inkA++;
        if (b.rgba[i]! < 128) inkB++;
      }
      // Measured: ~1-2 in 10 000 pixels, all at the edges of glyphs.
      expect(differ / (a.w * a.h), name).toBeLessThan(0.0005);
      expect(Math.abs(inkA - inkB) / inkA, name).toBeLessThan(0.01);
    }
  });
});

describe('the PNG drawn without resvg (src/page/raster.ts)', () => {
  it('draws what resvg draws from the same SVG: the same size and ink, pixels apart only by anti-aliasing at edges; under the pixel cap smaller; a page with an image through resvg', async () => {
    for (const name of ['penyusunan-duk', 'pelaksanaan-pelatihan-bimtek']) {
      const model = compile(readFileSync(join(import.meta.dirname, '../sops', `${name}.sop`), 'utf8')).model;
      const sheet = nativeSheet({ model, config: {} });
      const ours = await sheet.png(200 / 96);
      const a = decodePng((await rasterise(sheet.rasterSvg(), 200 / 96)).png);
      const b = decodePng(ours.png);
      expect([b.w, b.h, ours.width, ours.capped]).toEqual([a.w, a.h, a.w, false]);
      let far = 0;
      let inkA = 0;
      let inkB = 0;
      for (let i = 0; i < a.rgba.length; i += 4) {
        if (Math.abs(a.rgba[i]! - b.rgba[i]!) > 128) far++;
        inkA += 255 - a.rgba[i]!;
        inkB += 255 - b.rgba[i]!;
      }
      // resvg samples 4 x 4 points a pixel, ours the exact area: edge pixels differ by up to a quarter. Measured: far
      // 0.01-0.1 %, ink within 0.3 %.
      expect(far / (a.w * a.h), name).toBeLessThan(0.002);
      expect(Math.abs(inkA - inkB) / inkA, name).toBeLessThan(0.02);
    }
    const page = { width: 40, height: 30, kind: 'procedure' as const, marks: [{ kind: 'line' as const, x1: 2, y1: 10.5, x2: 30, y2: 10.5, width: 1, role: 'rule' as const }] };
    const small = await rasteriseSheet(page, 200 / 96, 1000);
    expect(small.capped).toBe(true);
    expect(small.width * small.height).toBeLessThanOrEqual(1000);
    const row = decodePng((await rasteriseSheet(page, 1)).png);
    expect(row.rgba[(10 * 40 + 15) * 4]).toBe(0);
    expect(row.rgba[(12 * 40 + 15) * 4]).toBe(255);
    // A red logo: drawn by resvg (in colour: an RGB PNG).
    const logo = encodePng(new Uint8Array([200, 30, 40, 255, 200, 30, 40, 255, 200, 30, 40, 255, 200, 30, 40, 255]), 2, 2, 96);
    const withImage = await rasteriseSheet({ ...page, marks: [...page.marks, { kind: 'image', x: 0, y: 0, w: 10, h: 10, mime: 'image/png', bytes: logo }] }, 1);
    expect(withImage.png[25]).toBe(2);
    expect(decodePng(withImage.png).w).toBe(40);
  });

  it('places each glyph at its origin rounded to 1/4 px (each glyph rasterised once per size and position, then reused), the same bytes whatever was drawn before', async () => {
    const line = (x: number, y: number, text = 'Mengarsipkan 11 berkas'): PageModel => ({
      width: 160,
      height: 30,
      kind: 'procedure',
      marks: [{ kind: 'text', x, y, size: 12, anchor: 'start', runs: [{ text, bold: false, italic: false }], width: 120 }],
    });
    const grey = async (p: PageModel, k: number): Promise<Uint8Array> => decodePng((await rasteriseSheet(p, k)).png).rgba;
    const at = await grey(line(10, 20), 1);
    // A glyph moved within the same quarter of a pixel: the same pixels (drawn at the exact position, its edges differed).
    const one = await grey(line(10, 20, 'M'), 1);
    expect(Buffer.from(await grey(line(10.04, 20.06, 'M'), 1)).equals(Buffer.from(one))).toBe(true);
    // A quarter further: drawn at the next position, not the same pixels.
    expect(Buffer.from(await grey(line(10.25, 20), 1)).equals(Buffer.from(at))).toBe(false);
    // Other glyphs, sizes and positions drawn in between (the masks kept meanwhile) change nothing.
    await grey(line(3.3, 17.8, 'Kepala Dinas menandatangani'), 200 / 96);
    await grey(line(10.5, 20.5), 2);
    expect(Buffer.from(await grey(line(10, 20), 1)).equals(Buffer.from(at))).toBe(true);
    // Ink where the text is, none around it.
    let ink = 0;
    for (let i = 0; i < at.length; i += 4) ink += 255 - at[i]!;
    expect(ink).toBeGreaterThan(255 * 200);
    expect(at[(2 * 160 + 2) * 4]).toBe(255);
  });
});

/** The pixels of a PNG (8-bit, no interlace, filter 0 on every row) as RGBA. */
function decodePng(png: Uint8Array): { w: number; h: number; rgba: Uint8Array } {
  const b = Buffer.from(png);
  let at = 8;
  let w = 0;
  let h = 0;
  let type = -1;
  const idat: Buffer[] = [];
  while (at < b.length) {
    const len = b.readUInt32BE(at);
    const kind = b.toString('latin1', at + 4, at + 8);
    const data = b.subarray(at + 8, at + 8 + len);
    if (kind === 'IHDR') {
      w = data.readUInt32BE(0);
      h = data.readUInt32BE(4);
      type = data[9]!;
    }
    if (kind === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const ch = { 0: 1, 4: 2, 2: 3, 6: 4 }[type]!;
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    expect(raw[y * (w * ch + 1)]).toBe(0);
    for (let x = 0; x < w; x++) {
      const p = y * (w * ch + 1) + 1 + x * ch;
      const q = (y * w + x) * 4;
      const grey = ch <= 2;
      rgba[q] = raw[p]!;
      rgba[q + 1] = grey ? raw[p]! : raw[p + 1]!;
      rgba[q + 2] = grey ? raw[p]! : raw[p + 2]!;
      rgba[q + 3] = ch === 2 ? raw[p + 1]! : ch === 4 ? raw[p + 3]! : 255;
    }
  }
  return { w, h, rgba };
}

describe('the PNG written by us (encodePng)', () => {
  const pixels = (w: number, h: number, f: (x: number, y: number) => [number, number, number, number]): Uint8Array => {
    const px = new Uint8Array(w * h * 4);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) px.set(f(x, y), (y * w + x) * 4);
    return px;
  };
  const cases: Record<string, { f: (x: number, y: number) => [number, number, number, number]; type: number }> = {
    'grey drawing: one byte a pixel': { f: (x, y) => ((x + y) % 3 === 0 ? [0, 0, 0, 255] : [200, 200, 200, 255]), type: 0 },
    'a coloured logo: RGB': { f: (x) => (x === 2 ? [200, 30, 40, 255] : [255, 255, 255, 255]), type: 2 },
    'grey, not opaque': { f: (x) => [90, 90, 90, x === 1 ? 128 : 255], type: 4 },
    'colour, not opaque': { f: (x) => [10, 20, 30, x === 1 ? 0 : 255], type: 6 },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: the pixels come back as drawn, the resolution recorded`, () => {
      const px = pixels(7, 5, c.f);
      const png = encodePng(px, 7, 5, 200);
      expect(png[25]).toBe(c.type);
      const back = decodePng(png);
      expect([back.w, back.h]).toEqual([7, 5]);
      expect(Buffer.from(back.rgba).equals(Buffer.from(px))).toBe(true);
      const phys = Buffer.from(png).indexOf('pHYs', 0, 'latin1');
      expect(Buffer.from(png).readUInt32BE(phys + 4)).toBe(Math.round(200 / 0.0254));
      expect(Buffer.from(encodePng(px, 7, 5, 200)).equals(Buffer.from(png))).toBe(true);
    });
  }
});

describe('characters the bundled font lacks', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('sop-glyphs-');
    const text = readFileSync(join(import.meta.dirname, '../sops/penyusunan-duk.sop'), 'utf8').replace('Menerima', 'Menerima \u{1F600} \u6587');
    writeFileSync(join(dir, 'emoji.sop'), text);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a warning per character, naming it, its code point and its line; the build succeeds', async () => {
    const line = readFileSync(join(dir, 'emoji.sop'), 'utf8').split('\n').findIndex((l) => l.includes('\u{1F600}'));
    const r = await runCliAsync(['build', 'emoji.sop', '--format', 'pdf', '--out', 'o'], { cwd: dir, env: { SOP_CHROMIUM: '/tidak/ada' } });
    expect(r.code, r.stderr).toBe(0);
    // The line of the step that holds it (here the step's first line).
    expect(r.stderr).toContain(`emoji.sop:${line + 1}: peringatan: karakter "\u{1F600}" (U+1F600) tidak ada di fon bawaan`);
    expect(r.stderr).toContain('(U+6587)');
    // Each prints as a box, and the text layer keeps each (a CID of its own with its ToUnicode entry).
    expect(execFileSync('pdftotext', [join(dir, 'o/emoji.pdf'), '-'], { encoding: 'utf8' })).toContain('Menerima \u{1F600} \u6587');
    const en = await runCliAsync(['build', 'emoji.sop', '--format', 'svg', '--out', 'o', '--lang', 'en'], { cwd: dir, env: { SOP_CHROMIUM: '/tidak/ada' } });
    expect(en.stderr).toContain('warning: the character "\u{1F600}" (U+1F600) is not in the bundled font');
  });

  it('the layout measures each as the box it prints (.notdef), and the characters the font has by their widths: no line runs out of its cell', () => {
    for (const [style, bold] of [['Regular', false], ['Bold', true]] as const) {
      const face = new TrueType(readFileSync(fontFile(style)));
      const per = (g: number): number => Math.round((face.advance(g) * 1000) / 2048);
      const wrong: string[] = [];
      for (let cp = 0x100; cp < 0x10000; cp++) {
        if ((cp >= 0xd800 && cp <= 0xdfff) || cp === 0x200b || (cp >= 0x300 && cp <= 0x36f)) continue;
        const g = face.glyphId(cp);
        // A character the font lacks is the box's width; one it has is OTHER (556) unless the table names it.
        const want = g === 0 ? per(0) : advance(cp, bold);
        if (advance(cp, bold) !== want || (g !== 0 && advance(cp, bold) === per(0) && per(g) !== per(0))) wrong.push(cp.toString(16));
      }
      expect(wrong, `${style}: measured unlike the font`).toEqual([]);
      for (const cp of [0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2026]) expect(advance(cp, bold), cp.toString(16)).toBe(per(face.glyphId(cp)));
      // A pair of surrogates (one character) is one box.
      expect(advance(0xd835, bold) + advance(0xdd18, bold)).toBe(per(0));
      // Lines of characters the font lacks, broken where the measure says, are no wider than the cell as drawn.
      for (const text of ['Memeriksa ' + '\u65e5'.repeat(80), 'Memeriksa ' + '\u{1D518}'.repeat(80), '\u2026\u2014'.repeat(40)]) {
        for (const line of wrap([{ text, bold, italic: false }], 300, 12)) {
          const drawn = [...line.runs.map((r) => r.text).join('')].reduce((w, c) => w + (per(face.glyphId(c.codePointAt(0)!)) * 12) / 1000, 0);
          expect(drawn, text.slice(0, 12)).toBeLessThanOrEqual(300 + 0.01);
        }
      }
    }
  });

  it('none for the SOPs of sops/ (every character they use is in the font)', async () => {
    const sops = join(import.meta.dirname, '../sops');
    const r = await runCliAsync(['build', sops, '--format', 'svg', '--out', join(dir, 's')], { cwd: dir, env: { SOP_CHROMIUM: '/tidak/ada' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('fon bawaan');
    expect(readdirSync(join(dir, 's')).length).toBeGreaterThan(0);
  });
});

describe('the CLI bundle (scripts/bundle.mjs)', () => {
  it("PDFKit's chunk loads fontkit, linebreak and AES only when called (never, for the native PDF)", () => {
    const chunks = join(import.meta.dirname, '../dist/cli/chunks');
    const pdfkit = readdirSync(chunks).find((f) => f.startsWith('pdfkit') && f.endsWith('.js'));
    expect(pdfkit, 'PDFKit bundled in a chunk of its own').toBeDefined();
    const code = readFileSync(join(chunks, pdfkit!), 'utf8');
    for (const dep of ['fontkit', 'linebreak', '@noble/ciphers/aes']) {
      expect(code).not.toMatch(new RegExp(`from ["']${dep}["']`));
      expect(code).toMatch(new RegExp(`fromPdfkit\\d*\\("${dep.replace('/', '\\/')}"\\)`));
    }
  });
});

describe('the PDF tags the procedure table (Table, THead, TBody, TR, TH, TD)', () => {
  it('header cells are TH (scope Column) in THead, each step a TR of TD in TBody, the cells holding their text', async () => {
    const dir = tempDir('sop-tags-');
    try {
      const r = await runCliAsync(['build', join(import.meta.dirname, '../sops/penyusunan-duk.sop'), '--format', 'pdf', '--out', dir], { cwd: dir, env: { SOP_CHROMIUM: '/tidak/ada' } });
      expect(r.code, r.stderr).toBe(0);
      const tree = execFileSync('pdfinfo', ['-struct-text', join(dir, 'penyusunan-duk.pdf')], { encoding: 'utf8' });
      const lines = tree.split('\n').map((l) => l.trim());
      const table = lines.indexOf('Table (block)');
      expect(table).toBeGreaterThan(0);
      expect(lines.slice(table + 1, table + 5)).toEqual(['THead', 'TR', 'TH:', '/Scope /Column']);
      expect(lines[table + 5]).toBe('"No."');
      const body = lines.indexOf('TBody', table);
      expect(body).toBeGreaterThan(table);
      // The first step's row: its number, then its activity.
      expect(lines.slice(body + 1, body + 4)).toEqual(['TR', 'TD', '"1"']);
      expect(lines.filter((l) => l === 'TR').length).toBeGreaterThan(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the PDF compressed off the main thread (pdf.ts sealPage, SubsetFont.prepare)', () => {
  it("gives the bytes of PDFKit's own compression: pages sealed, pages written to after their seal, none sealed", async () => {
    const model = compile(readFileSync(join(import.meta.dirname, '../sops/penyusunan-duk.sop'), 'utf8')).model;
    const doc = await nativeDocument({ model, config: {} });
    const meta = pdfMetaOf(model);
    const drawn = async (seal: 'each' | 'then-write' | 'none'): Promise<Buffer> =>
      Buffer.from(
        await renderNativePdf(doc, meta, async (pdf, page, root, sealPage) => {
          if (seal === 'then-write') {
            // Half the page, sealed, then the rest: PDFKit compresses the whole page after all.
            const half = Math.floor(page.marks.length / 2);
            drawPage(pdf, { ...page, marks: page.marks.slice(0, half) }, root);
            await sealPage();
            drawPage(pdf, { ...page, marks: page.marks.slice(half) }, root);
          } else drawPage(pdf, page, root);
          if (seal === 'each') await sealPage();
        }),
      );
    const none = await drawn('none');
    expect((await drawn('each')).equals(none)).toBe(true);
    expect(Buffer.from(await renderNativePdf(doc, meta)).equals(none)).toBe(true);
    // Drawn in two halves (two sections a page): other bytes, but the same text, every half of it.
    const dir = tempDir('sop-seal-');
    try {
      writeFileSync(join(dir, 'none.pdf'), none);
      writeFileSync(join(dir, 'split.pdf'), await drawn('then-write'));
      expect(words(join(dir, 'split.pdf'))).toEqual(words(join(dir, 'none.pdf')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
