/**
 * Issue 22: the official document drawn without a browser. The SVG against
 * reviewed golden files and the drawing contract; the PDF is PDF/A-2b with
 * every font embedded, byte-reproducible; a build with Chromium out of reach
 * makes every default output and the PNG; and parity with the Chromium PDF of
 * the same SOP (same pages, same words, ink within 2 % at 50 dpi) on sops/
 * and generated cases (1-12 lanes, A4 and F4, long texts, loops across pages,
 * multi-lane steps, logos, italics: test/helpers/parity-cases.ts).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProject } from '../src/index.js';
import { outgoingEdges } from '../src/model/graph.js';
import { nativePdf, nativeSvg, rasterise } from '../src/page/native.js';
import { pdfMetaOf } from '../src/render/pdf.js';
import { runWidth, runsOf, wrap } from '../src/layout/text.js';
import { findBrowser } from '../src/render/browser.js';
import { runCliAsync } from './helpers/cli.js';
import { inkDiff, italicWords, pageCount, rasterise as rasterPdf, words } from './helpers/ink-parity.js';
import { A4_CASES, F4_CASES, writeParityCases } from './helpers/parity-cases.js';
import { tempDir } from './helpers/tmp.js';
import { rmSync } from 'node:fs';

const sopsDir = join(import.meta.dirname, '../sops');
const SOPS = readdirSync(sopsDir).filter((f) => f.endsWith('.sop'));
const NO_BROWSER = { SOP_CHROMIUM: '/tidak/ada/chromium' };

const modelOf = (name: string) => {
  const project = checkProject({ files: SOPS.map((f) => ({ path: f, text: readFileSync(join(sopsDir, f), 'utf8') })) });
  return project.files.find((x) => x.file === `${name}.sop`)!.model;
};

describe('native text: the layout\'s break opportunities', () => {
  const lines = (text: string, avail: number) => wrap(runsOf(text, true), avail, 13).map((l) => l.runs.map((r) => r.text).join(''));
  it('breaks after "/" only between two words of three letters or more, as the layout and Chromium do', () => {
    // "Kasubbag TU/" fits, "Kasubbag TU/Umpar" does not: Chromium keeps TU/Umpar whole (a lane header of pembuatan-sk-tim-kerja-bidang-3).
    const avail = runWidth('Kasubbag TU/', 13, true) + 2;
    expect(lines('Kasubbag TU/Umpar', avail)).toEqual(['Kasubbag', 'TU/Umpar']);
    expect(lines('Kasubbag Umum/Kepegawaian', runWidth('Kasubbag Umum/', 13, true) + 2)).toEqual(['Kasubbag Umum/', 'Kepegawaian']);
    expect(lines('surat-menyurat', runWidth('menyurat', 13, true) + 2)).toEqual(['surat-', 'menyurat']);
  });

  it('never breaks at a no-break space, as Chromium: a title line never starts with the "/" or "," it holds (hyphenateTitle)', () => {
    // "Analis Kepegawaian" fits, "Analis Kepegawaian /" does not: the "/" went to the next line's start.
    const avail = runWidth('Analis Kepegawaian', 13, true) + 2;
    expect(lines('Analis Kepegawaian\u00a0/ Verifikator', avail)).toEqual(['Analis', 'Kepegawaian\u00a0/', 'Verifikator']);
    expect(lines('Kepala Bidang\u00a03', runWidth('Kepala Bidang', 13, true) + 2)).toEqual(['Kepala', 'Bidang\u00a03']);
  });
});

describe('native SVG: the procedure as one table', () => {
  for (const name of ['penanganan-rumah-tangga-kantor', 'pelayanan-tamu']) {
    it(`${name}.svg (golden)`, async () => {
      await expect(nativeSvg({ model: modelOf(name), config: {} })).toMatchFileSnapshot(join(import.meta.dirname, 'golden/svg', `${name}.svg`));
    });
  }

  it('carries the drawing contract, real text and the bundled font', () => {
    const model = modelOf('penyusunan-duk');
    const svg = nativeSvg({ model, config: {} });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('font-family="Liberation Sans, Arial, sans-serif"');
    // One header (no page break), every step's symbol with its step and lane.
    expect(svg.match(/>Kegiatan</g)).toHaveLength(1);
    for (const s of model.steps) expect(svg, `step ${s.number}`).toMatch(new RegExp(`data-symbol="${s.symbol}" data-step="${s.number}" data-lane="`));
    // Each flow edge drawn, arrowheads as the HTML's marker.
    for (const s of model.steps) {
      for (const e of outgoingEdges(model)[s.number] ?? []) if (e.to !== 'selesai' || e.label) expect(svg).toContain(`data-from="${s.number}" data-to="${e.to}"`);
    }
    expect(svg).toContain('marker-end="url(#sop-arrow)"');
    for (const d of model.steps.filter((s) => s.symbol === 'decision')) {
      expect(svg).toMatch(new RegExp(`data-label="Ya" data-from="${d.number}"`));
      expect(svg).toMatch(new RegExp(`data-label="Tidak" data-from="${d.number}"`));
    }
    // Real, searchable text (a step's words, the timing line).
    expect(svg).toContain('Menginventarisasi penyusunan dokumen');
    expect(svg).toContain('data-timing=""');
  });

  it('escapes what it prints', () => {
    const project = checkProject({ files: [{ path: 'x.sop', text: 'Nama SOP: A <b> & "c"\nNomor SOP: 1\nPelaksana:\n  - a: Staf <i>\nProsedur:\n  [a] Kirim <script>alert(1)</script> & selesai\n' }] });
    const svg = nativeSvg({ model: project.files[0]!.model, config: {} });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('Staf &lt;i&gt;');
  });
});

describe('native PDF in one process', () => {
  it('the same bytes whatever was drawn before (fonts are parsed once and shared)', async () => {
    const a = modelOf('penyusunan-duk');
    const b = modelOf('pelayanan-tamu');
    const first = await nativePdf({ model: a, config: {} }, pdfMetaOf(a));
    await nativePdf({ model: b, config: {} }, pdfMetaOf(b));
    const again = await nativePdf({ model: a, config: {} }, pdfMetaOf(a));
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
  });
});

describe('PNG without a browser', () => {
  it('draws the SVG at the scale asked, and under the pixel cap smaller, saying so', async () => {
    const svg = nativeSvg({ model: modelOf('pelayanan-tamu'), config: {} });
    const w = Number(/width="([\d.]+)"/.exec(svg)![1]);
    const h = Number(/height="([\d.]+)"/.exec(svg)![1]);
    const r = await rasterise(svg, 200 / 96);
    expect(Buffer.from(r.png.subarray(0, 4)).toString('latin1')).toBe('\x89PNG');
    expect(r.capped).toBe(false);
    expect(r.width).toBe(Math.round((w * 200) / 96));
    const capped = await rasterise(svg, 200 / 96, 100_000);
    expect(capped.capped).toBe(true);
    expect(capped.width * capped.height).toBeLessThanOrEqual(100_000);
    expect(capped.scale).toBeLessThan(1);
    expect(h).toBeGreaterThan(0);
  });
});

describe('sop build with no Chromium (default formats and png)', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('sop-native-');
    mkdirSync(join(dir, 'sops'));
    for (const f of ['pelayanan-tamu.sop', 'penyusunan-duk.sop']) copyFileSync(join(sopsDir, f), join(dir, 'sops', f));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds html, pdf, mmd, svg and png, exit 0; the PDF is PDF/A-2b with every font embedded, tagged', async () => {
    const r = await runCliAsync(['build', 'sops', '--format', 'html,pdf,mmd,svg,png', '--out', 'a'], { cwd: dir, env: NO_BROWSER });
    expect(r.code, r.stderr).toBe(0);
    for (const ext of ['html', 'pdf', 'mmd', 'svg', 'png']) expect(existsSync(join(dir, `a/penyusunan-duk.${ext}`)), ext).toBe(true);
    const pdf = join(dir, 'a/penyusunan-duk.pdf');
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const line of fonts) expect(line, line).toMatch(/LiberationSans\S*\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    const meta = execFileSync('pdfinfo', ['-meta', pdf], { encoding: 'utf8' });
    expect(meta).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(meta).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(meta).toContain('Penyusunan DUK');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Title:\s+Penyusunan DUK/);
    expect(info).toMatch(/PDF version:\s+1\.7/);
    // "Disahkan oleh" and its value on one line, as every row of the identity page (the value sat 2.25 pt lower).
    const words = [...execFileSync('pdftotext', ['-f', '1', '-l', '1', '-bbox', join(dir, 'a/pelayanan-tamu.pdf'), '-'], { encoding: 'utf8' }).matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), text: m[3]! }));
    const label = words.find((w) => w.text === 'Disahkan')!;
    const value = words.filter((w) => w.text === '-' && w.x > label.x + 100).sort((a, b) => Math.abs(a.y - label.y) - Math.abs(b.y - label.y))[0]!;
    expect(Math.abs(value.y - label.y)).toBeLessThan(0.5);
    // The default build (no --format) needs no browser either.
    const d = await runCliAsync(['build', 'sops', '--out', 'b'], { cwd: dir, env: NO_BROWSER });
    expect(d.code, d.stderr).toBe(0);
    expect(readdirSync(join(dir, 'b')).sort()).toEqual([...['pelayanan-tamu', 'penyusunan-duk'].flatMap((n) => ['html', 'mmd', 'pdf', 'svg'].map((e) => `${n}.${e}`)), 'fonts'].sort());
  });

  it('the same bytes run to run; SOURCE_DATE_EPOCH sets the dates', async () => {
    const one = await runCliAsync(['build', 'sops', '--format', 'pdf,svg,png', '--out', 'r1'], { cwd: dir, env: NO_BROWSER });
    const two = await runCliAsync(['build', 'sops/pelayanan-tamu.sop', '--format', 'pdf,svg,png', '--out', 'r2'], { cwd: dir, env: NO_BROWSER });
    expect(one.code + two.code).toBe(0);
    for (const ext of ['pdf', 'svg', 'png']) expect(readFileSync(join(dir, `r1/pelayanan-tamu.${ext}`)).equals(readFileSync(join(dir, `r2/pelayanan-tamu.${ext}`))), ext).toBe(true);
    const e = await runCliAsync(['build', 'sops/pelayanan-tamu.sop', '--format', 'pdf', '--out', 'r3'], { cwd: dir, env: { ...NO_BROWSER, SOURCE_DATE_EPOCH: '1700000000' } });
    expect(e.code).toBe(0);
    const info = execFileSync('pdfinfo', ['-isodates', join(dir, 'r3/pelayanan-tamu.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/CreationDate:\s+2023-11-14T22:13:20Z/);
    expect(info).toMatch(/ModDate:\s+2023-11-14T22:13:20Z/);
    expect(execFileSync('pdfinfo', ['-meta', join(dir, 'r3/pelayanan-tamu.pdf')], { encoding: 'utf8' })).toContain('<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>');
  });

  it('--png-scale changes the resolution; a bad one is a usage error', async () => {
    const r = await runCliAsync(['build', 'sops/pelayanan-tamu.sop', '--format', 'png', '--png-scale', '0.5', '--out', 's'], { cwd: dir, env: NO_BROWSER });
    expect(r.code, r.stderr).toBe(0);
    const full = readFileSync(join(dir, 'a/pelayanan-tamu.png'));
    const half = readFileSync(join(dir, 's/pelayanan-tamu.png'));
    expect(Math.abs(half.readUInt32BE(16) * 2 - full.readUInt32BE(16))).toBeLessThanOrEqual(2);
    const bad = await runCliAsync(['build', 'sops/pelayanan-tamu.sop', '--format', 'png', '--png-scale', 'banyak', '--out', 's'], { cwd: dir, env: NO_BROWSER });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--png-scale');
  });
});

const browser = findBrowser();

describe.skipIf(!browser)('parity with the Chromium PDF (pages, words, ink at 50 dpi)', () => {
  let dir: string;
  // Two projects, A4 (sops/ and the A4 cases) and F4, each engine building both at once.
  beforeAll(async () => {
    dir = tempDir('sop-parity-');
    mkdirSync(join(dir, 'p'));
    mkdirSync(join(dir, 'f4'));
    for (const f of SOPS) copyFileSync(join(sopsDir, f), join(dir, 'p', f));
    writeParityCases(join(dir, 'p'), join(dir, 'f4'));
    const c = await runCliAsync(['build', 'p', 'f4', '--format', 'pdf', '--pdf-engine', 'chromium', '--out', 'chromium', '--jobs', '2'], { cwd: dir });
    const n = await runCliAsync(['build', 'p', 'f4', '--format', 'pdf', '--out', 'native', '--jobs', '2'], { cwd: dir, env: NO_BROWSER });
    expect(c.code, c.stderr).toBe(0);
    expect(n.code, n.stderr).toBe(0);
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the F4 cases on F4 and the logos in both engines', () => {
    // The page's width in pt: F4 landscape is 330 mm (935.4 pt), A4 297 mm (841.9 pt); Chromium rounds to ~0.4 pt.
    const width = (pdf: string) => Number(/Page size:\s+([\d.]+) x/.exec(execFileSync('pdfinfo', [join(dir, pdf)], { encoding: 'utf8' }))![1]);
    for (const engine of ['chromium', 'native']) {
      expect(Math.abs(width(`${engine}/f4-satu-lajur.pdf`) - 935.4), engine).toBeLessThan(1);
      expect(Math.abs(width(`${engine}/satu-lajur.pdf`) - 841.9), engine).toBeLessThan(1);
      for (const f of ['logo-png', 'logo-jpeg', 'f4-miring-logo']) {
        expect(execFileSync('pdfimages', ['-list', join(dir, `${engine}/${f}.pdf`)], { encoding: 'utf8' }), `${engine}/${f}`).toMatch(/^\s+1\s+\d+\s+image/m);
      }
    }
  });

  for (const f of [...SOPS, ...Object.keys(A4_CASES), ...Object.keys(F4_CASES)]) {
    it(f, () => {
      const a = join(dir, 'chromium', f.replace('.sop', '.pdf'));
      const b = join(dir, 'native', f.replace('.sop', '.pdf'));
      expect(pageCount(b)).toBe(pageCount(a));
      expect(words(b)).toEqual(words(a));
      expect(italicWords(b)).toEqual(italicWords(a));
      const ra = rasterPdf(a);
      const rb = rasterPdf(b);
      ra.forEach((page, i) => {
        const d = inkDiff(page, rb[i]!, INK);
        expect(d.ratio, `page ${i + 1}: ${d.unmatched} of ${d.inkA + d.inkB} ink pixels unmatched`).toBeLessThanOrEqual(0.02);
      });
    });
  }

  it('the measure can fail: another SOP, the drawing 3 px off or the italics lost is far from the Chromium print', () => {
    const a = rasterPdf(join(dir, 'chromium/penyusunan-duk.pdf'));
    const b = rasterPdf(join(dir, 'native/pelayanan-tamu.pdf'));
    expect(inkDiff(a[1]!, b[1]!, INK).ratio).toBeGreaterThan(0.2);
    const shifted = { ...a[1]!, px: new Uint8Array(a[1]!.px.length).fill(255) };
    const w = a[1]!.w;
    for (let i = 0; i + 2 < a[1]!.px.length; i++) if ((i % w) + 2 < w) shifted.px[i + 2] = a[1]!.px[i]!;
    expect(inkDiff(a[1]!, shifted, INK).ratio).toBeGreaterThan(0.02);
    // Italics lost would not show in the ink (an italic word is within 1 px of the upright one at 50 dpi): the words in italics do.
    expect(italicWords(join(dir, 'chromium/miring.pdf'))).toEqual(expect.arrayContaining(['Database', 'Microsoft', 'Office', 'spreadsheet', 'Logbook']));
    expect(italicWords(join(dir, 'chromium/miring.pdf')).length).toBeGreaterThanOrEqual(30);
  });
});

/**
 * Ink: grey below 160. Chromium fills each 1 px border as a rectangle, which poppler draws light grey at 50 dpi
 * where it straddles two pixels, while our stroked rules come out black there: at 128 a few such borders of the
 * identity page (~0.6 % of its ink) count as differences; at 160 they count less (identity pages 1.0-1.5 %,
 * procedure pages under 0.9 %).
 */
const INK = 160;
