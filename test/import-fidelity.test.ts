/**
 * The importer keeps a drafter's text: nothing but the documented clean-ups
 * changes it, and what is changed is said in the draft (SOP706). Inputs are
 * made here: text, Word and Excel files written by hand (test/helpers/import.ts
 * zip), a PDF drawn with pdf-lib.
 */
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { check } from '../src/index.js';
import { importText } from '../src/import/import.js';
import { importBytes } from '../src/import/input.js';
import { pdfToRows } from '../src/import/pdf.js';
import { zip } from './helpers/import.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A procedure table, tab-separated: two lanes, the given step rows (No. first). */
const table = (steps: readonly (readonly string[])[]): string =>
  [
    'Nama SOP\tUji Teks',
    '',
    'No\tKegiatan\tPelaksana\t\tMutu Baku\t\t\tKeterangan',
    '\t\tKabid\tStaf\tKelengkapan\tWaktu\tOutput\t',
    ...steps.map((s) => s.join('\t')),
    '',
  ].join('\n');

/** A Word document: one paragraph, then a table of the same header and the given step rows; a cell is runs of [text, italic]. */
function docx(steps: readonly (readonly (readonly [string, boolean][])[])[]): Buffer {
  const run = ([t, italic]: readonly [string, boolean]): string => `<w:r>${italic ? '<w:rPr><w:i/></w:rPr>' : ''}<w:t xml:space="preserve">${esc(t)}</w:t></w:r>`;
  const p = (runs: readonly (readonly [string, boolean])[]): string => `<w:p>${runs.map(run).join('')}</w:p>`;
  const tc = (runs: readonly (readonly [string, boolean])[], span = 1): string => `<w:tc>${span > 1 ? `<w:tcPr><w:gridSpan w:val="${span}"/></w:tcPr>` : ''}${p(runs)}</w:tc>`;
  const plain = (t: string, span = 1): string => tc([[t, false]], span);
  const rows = [
    plain('No.') + plain('Kegiatan') + plain('Pelaksana', 2) + plain('Mutu Baku', 3) + plain('Keterangan'),
    plain('') + plain('') + plain('Kabid') + plain('Staf') + plain('Kelengkapan') + plain('Waktu') + plain('Output') + plain(''),
    ...steps.map((cells) => cells.map((c) => tc(c)).join('')),
  ];
  const doc = `<?xml version="1.0"?><w:document xmlns:w="w"><w:body>${p([['SOP UJI WORD', false]])}<w:tbl>${rows.map((r) => `<w:tr>${r}</w:tr>`).join('')}</w:tbl></w:body></w:document>`;
  return zip([{ name: 'word/document.xml', data: Buffer.from(doc) }]);
}

const cells = (...texts: string[]): [string, boolean][][] => texts.map((t) => [[t, false]]);

describe('sop import keeps the text inside angle brackets', () => {
  it('text input: `<Daftar>`, `a < b`, `<b>…</b>`, `<Output>` are the drafter\'s text', () => {
    const [d] = importText(table([['1', 'Menyusun <Daftar> nilai a < b dan c > d serta <b>tebal</b> kepada Staf', '', '', 'Berkas <A1>', '5 menit', '<Output>', '<catatan>'], ['2', 'Memeriksa', '', '', 'x', '5 menit', 'y', '']]), { source: 'x' });
    expect(d!.text).toContain('] Menyusun <Daftar> nilai a < b dan c > d serta <b>tebal</b> kepada Staf\n');
    expect(d!.text).toContain('    Kelengkapan: Berkas <A1>\n');
    expect(d!.text).toContain('    Output: <Output>\n');
    expect(d!.text).toContain('    Keterangan: <catatan>\n');
    expect(d!.guesses.map((g) => g.code)).not.toContain('SOP706');
    expect(check(d!.text).filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('text input: HTML italics `<i>…</i>` become `*…*` and the draft says so (SOP706) at that line', () => {
    const [d] = importText(table([['1', 'Menyerahkan berkas kepada Staf <i>Front Desk</i>', '', '', 'Berkas', '5 menit', 'Berkas', ''], ['2', 'Memeriksa', '', '', 'x', '5 menit', 'y', '']]), { source: 'x' });
    expect(d!.text).toMatch(/ {2}# SOP706: huruf miring HTML \(<i>…<\/i>\) di sumber ditulis \*…\*\.\n {2}\[kabid\] Menyerahkan berkas kepada Staf \*Front Desk\*\n/);
    const g = d!.guesses.find((x) => x.code === 'SOP706')!;
    expect(d!.text.split('\n')[g.range.start.line - 1]).toContain('Staf *Front Desk*');
    expect(g.message).toContain('huruf miring HTML');
  });

  it('Word: `<Output>` and a literal `<i>…</i>` are text; an italic run is `*…*`', async () => {
    const [d] = await importBytes(
      docx([
        [...cells('1', 'Menyusun <Daftar> kepada Staf', '', '', 'Berkas', '5 menit', '<Output>', '<catatan>')],
        [[['2', false]], [['Mengirim ke ', false], ['Front Desk', true], [' dan <i>arsip</i>', false]], ...cells('', '', 'x', '5 menit', 'y', '')],
      ]),
      { source: 'x.docx' },
    );
    expect(d!.text).toContain('] Menyusun <Daftar> kepada Staf\n');
    expect(d!.text).toContain('    Output: <Output>\n');
    expect(d!.text).toContain('    Keterangan: <catatan>\n');
    expect(d!.text).toContain('] Mengirim ke *Front Desk* dan <i>arsip</i>\n');
    expect(d!.guesses.map((g) => g.code)).not.toContain('SOP706');
  });

  it('PDF: a cell `Menyusun <Daftar>` keeps its text', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([400, 200]);
    const font = await doc.embedFont(StandardFonts.Helvetica);
    page.drawText('Menyusun <Daftar> nilai a < b', { x: 40, y: 150, size: 10, font, color: rgb(0, 0, 0) });
    page.drawText('<catatan>', { x: 300, y: 150, size: 10, font, color: rgb(0, 0, 0) });
    const rows = await pdfToRows(await doc.save(), { deadlineMs: 30_000 });
    expect(rows.flatMap((r) => r.cells.map((c) => c.text))).toEqual(['Menyusun <Daftar> nilai a < b', '<catatan>']);
  });
});
