/**
 * PDF input. Round trip: every PDF that sop prints (the SOPs of sops/, and
 * generated cases with 1 to 12 lanes, on A4 and F4, with loops that cross
 * pages), drawn by either engine (the native PDF, which strokes its cell
 * borders, and Chromium's, which fills them), imports back to the same
 * model: identity, lanes, steps (text, lanes, Mutu Baku, symbol) and flows,
 * read in this process or in the reading process of `sop import`. And
 * damaged or hostile PDFs are one clear error (import-pdf-hostile.test.ts:
 * the ones that overran the deadline, memory or stack).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the generator is a plain ES module without types.
import { generateSop } from '../bench/generate.mjs';
import { importBytes } from '../src/import/input.js';
import { pdfToRows } from '../src/import/pdf.js';
import { readerEntry, readPdfRows } from '../src/import/pdf-process.js';
import { modelDifferences } from '../src/import/score.js';
import { runCliAsync } from './helpers/cli.js';
import { importRefusal } from './helpers/import.js';
import { tempDir } from './helpers/tmp.js';

const root = join(import.meta.dirname, '..');
const dir = tempDir('sop-import-pdf-');
/** [seed, lanes, steps]: one lane to twelve, short to several pages with loops back across pages. */
const GENERATED: readonly [number, number, number][] = [
  [1, 1, 5],
  [2, 2, 12],
  [3, 4, 30],
  [4, 7, 45],
  [5, 12, 40],
  [6, 9, 60],
];
const ENGINES = ['native', 'chromium'] as const;

beforeAll(async () => {
  for (const paper of ['A4', 'F4']) {
    const src = join(dir, `src-${paper}`);
    mkdirSync(src, { recursive: true });
    for (const f of readdirSync(join(root, 'sops'))) writeFileSync(join(src, f), readFileSync(join(root, 'sops', f)));
    for (const [seed, lanes, steps] of GENERATED) writeFileSync(join(src, `gen-${seed}-${lanes}-${steps}.sop`), generateSop(seed, { lanes, steps }));
    for (const engine of ENGINES) {
      const r = await runCliAsync(['build', src, '-f', 'pdf', '--paper', paper, '--pdf-engine', engine, '-o', join(dir, `${engine}-${paper}`)]);
      if (r.code !== 0) throw new Error(`build failed: ${r.stderr}`);
    }
  }
}, 600_000);

describe('sop import: PDF', () => {
  for (const engine of ENGINES) for (const paper of ['A4', 'F4']) {
    it(`every PDF sop prints on ${paper} (${engine}) imports back to the same model`, async () => {
      const out = join(dir, `${engine}-${paper}`);
      const pdfs = readdirSync(out).filter((f) => f.endsWith('.pdf')).sort();
      expect(pdfs).toHaveLength(8 + GENERATED.length);
      for (const pdf of pdfs) {
        const drafts = await importBytes(readFileSync(join(out, pdf)), { source: pdf });
        expect(drafts, pdf).toHaveLength(1);
        const truth = readFileSync(join(dir, `src-${paper}`, pdf.replace(/\.pdf$/, '.sop')), 'utf8');
        expect(modelDifferences(drafts[0]!.text, truth), pdf).toEqual([]);
        // Read from the drawing, nothing is guessed about lanes or flows.
        expect(drafts[0]!.guesses.filter((g) => g.code === 'SOP701' || g.code === 'SOP703'), pdf).toEqual([]);
      }
    }, 120_000);
  }

  it('read in a process of its own (as sop import and the language server read), every PDF sop prints gives the same rows', async () => {
    const entry = readerEntry(pathToFileURL(join(root, 'dist/import/pdf-process.js')).href);
    expect(entry, 'run `npm run build` first').not.toBeNull();
    for (const engine of ENGINES) {
      const out = join(dir, `${engine}-A4`);
      for (const pdf of readdirSync(out).filter((f) => f.endsWith('.pdf'))) {
        const bytes = readFileSync(join(out, pdf));
        expect(await readPdfRows(bytes, { deadlineMs: 30_000, entry }), pdf).toEqual(await pdfToRows(bytes, { deadlineMs: 30_000 }));
      }
    }
  }, 120_000);

  it('refuses a damaged, a truncated, an encrypted-looking or an over-long PDF with one clear error', async () => {
    const good = readFileSync(join(dir, 'native-A4', 'pelayanan-tamu.pdf'));
    const fails = (bytes: Uint8Array): Promise<string> => importRefusal(bytes);
    expect(await fails(new TextEncoder().encode('%PDF-1.7\nnot really a pdf\n%%EOF'))).toContain('bukan PDF yang dapat dibaca');
    const truncated = await fails(good.subarray(0, 2000));
    expect(truncated).toMatch(/bukan PDF yang dapat dibaca|tidak ditemukan tabel/);
    const many = await PDFDocument.create();
    for (let i = 0; i < 301; i++) many.addPage([200, 200]);
    expect(await fails(await many.save())).toContain('301 halaman; batasnya 300');
  }, 60_000);

  it('a number that wraps alone onto the next line of the Kegiatan column is no new step row', async () => {
    // Narrow Kegiatan columns (wide decision lanes) wrap "… langkah 11" so that "11" starts a line of its own,
    // in the Kegiatan column: only a number in the No. column starts a step (the symbol below stays with step 1).
    const doc = await PDFDocument.create();
    const H = 300;
    const page = doc.addPage([500, H]);
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const black = rgb(0, 0, 0);
    for (const x of [40, 70, 250, 350, 450]) page.drawRectangle({ x, y: H - 250, width: 0.75, height: 200, color: black });
    for (const y of [50, 110, 170, 250]) page.drawRectangle({ x: 40, y: H - y, width: 410, height: 0.75, color: black });
    const text = (s: string, x: number, y: number): void => page.drawText(s, { x, y: H - y, size: 9, font, color: black });
    text('1', 45, 65);
    text('Mengoreksi surat masuk langkah', 75, 65);
    text('11', 75, 77);
    text('dinas', 355, 77);
    text('2', 45, 125);
    text('Menyusun data', 75, 125);
    // Process symbols in the lane column, low in each row.
    page.drawRectangle({ x: 270, y: H - 105, width: 60, height: 20, borderColor: black, borderWidth: 1.2 });
    page.drawRectangle({ x: 270, y: H - 160, width: 60, height: 20, borderColor: black, borderWidth: 1.2 });
    const rows = await pdfToRows(await doc.save(), { deadlineMs: 30_000 });
    const stepRows = rows.filter((r) => r.drawn).map((r) => [r.drawn!.id, r.cells[0]!.text, r.drawn!.symbol]);
    expect(stepRows).toEqual([
      [0, '1', 'process'],
      [1, '2', 'process'],
    ]);
    // The wrapped "11" is a line of step 1's text, read as such.
    const wrapped = rows.find((r) => r.cells[0]?.text === '11');
    expect(wrapped?.cells[0]!.x0).toBeCloseTo(70, 0);
    expect(wrapped?.drawn).toBeUndefined();
  }, 60_000);
});
