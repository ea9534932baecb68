/**
 * The importer keeps a drafter's text: nothing but the documented clean-ups
 * changes it, and what is changed is said in the draft (SOP706). Inputs are
 * made here: text, Word and Excel files written by hand (test/helpers/import.ts
 * zip), a PDF drawn with pdf-lib.
 */
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { check } from '../src/index.js';
import { CUT_MARK, MAX_CELL } from '../src/import/clean.js';
import { DRAFT_MAX_BYTES, importText } from '../src/import/import.js';
import { decodeText, importBytes } from '../src/import/input.js';
import { pdfToRows } from '../src/import/pdf.js';
import { SOURCE_MAX_BYTES } from '../src/project/io.js';
import { importRefusal, zip } from './helpers/import.js';

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

/** An Excel workbook of one sheet (inline strings), written by hand; `merges` as `C3:D3`. */
function xlsx(rows: readonly (readonly string[])[], opts: { sheet?: string; merges?: readonly string[] } = {}): Buffer {
  const col = (k: number): string => String.fromCharCode(65 + k);
  const row = (r: readonly string[], i: number): string => `<row r="${i + 1}">${r.map((t, k) => (t === '' ? '' : `<c r="${col(k)}${i + 1}" t="inlineStr"><is><t xml:space="preserve">${esc(t)}</t></is></c>`)).join('')}</row>`;
  const merges = opts.merges?.length ? `<mergeCells>${opts.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
  const sheet = `<worksheet xmlns="m"><sheetData>${rows.map(row).join('')}</sheetData>${merges}</worksheet>`;
  return zip([
    { name: 'xl/workbook.xml', data: Buffer.from(`<workbook xmlns="m" xmlns:r="r"><sheets><sheet name="${esc(opts.sheet ?? 'Lembar1')}" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from('<Relationships xmlns="p"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>') },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet) },
  ]);
}

/** The header rows of a procedure sheet (two lanes), as xlsx() takes them below a title row, and its merges there. */
const SHEET_HEADER: readonly (readonly string[])[] = [
  ['No', 'Kegiatan', 'Pelaksana', '', 'Mutu Baku', '', '', 'Keterangan'],
  ['', '', 'Kabid', 'Staf', 'Kelengkapan', 'Waktu', 'Output', ''],
];
const SHEET_MERGES = ['C2:D2', 'E2:G2'];

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

/** Every bidirectional control: what `sop check` reports as SOP117 anywhere in a file. */
const BIDI = ['\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
const BIDI_ANY = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('sop import drops every direction control', () => {
  it('text input: none is left in the draft or its comments, and the draft has no SOP117', () => {
    for (const c of BIDI) {
      const text = `Nama SOP\tPelayanan ${c}Tamu${c}\n\nSOP UJI ${c}ARAH${c}\n\n${table([['1', `Menerima ${c}tamu${c} kepada Staf`, '', '', `Buku${c}`, '5 menit', `${c}Daftar`, ''], ['2', 'Memeriksa', '', '', 'x', '5 menit', 'y', '']]).split('\n').slice(2).join('\n')}`;
      const [d] = importText(text, { source: 'x' });
      // The identity page's name differs from the table's title: the SOP704 comment quotes it.
      expect(d!.text, c.charCodeAt(0).toString(16)).toContain('# SOP704: ');
      expect(d!.text, c.charCodeAt(0).toString(16)).not.toMatch(BIDI_ANY);
      expect(check(d!.text).filter((x) => x.code === 'SOP117'), c.charCodeAt(0).toString(16)).toEqual([]);
    }
  });

  it('Word and Excel: none is left from a paragraph, a cell or a sheet name', async () => {
    const all = BIDI.join('');
    const word = await importBytes(docx([[...cells('1', `Menerima${all} tamu kepada Staf`, '', '', 'Buku', '5 menit', `Daftar${all}`, '')]]), { source: 'x.docx' });
    const sheet = await importBytes(xlsx([['SOP UJI'], ...SHEET_HEADER, ['1', `Menerima${all} tamu kepada Staf`, '', '', 'Buku', '5 menit', 'Daftar', '']], { sheet: `Lembar${all}1`, merges: SHEET_MERGES }), { source: 'x.xlsx' });
    for (const d of [...word, ...sheet]) {
      expect(d.text).toContain('Menerima tamu kepada Staf');
      expect(d.text).not.toMatch(BIDI_ANY);
      expect(check(d.text).filter((x) => x.code === 'SOP117')).toEqual([]);
    }
    expect(sheet[0]!.text).toContain('tabel di Lembar1 baris');
  });
});

describe('sop import reads a text file\'s encoding, and says when it guessed', () => {
  const words = 'café naïve – “kutip”';
  const procedure = (activity: string): string => table([['1', `${activity} kepada Staf`, '', '', 'Buku Tamu', '5 menit', 'Data', ''], ['2', 'Memeriksa', '', '', 'x', '5 menit', 'y', '']]);

  it('Windows-1252: every byte 0x80–0x9F as the WHATWG table has it (the five it leaves unassigned stay C1 controls, which cleanCell drops)', () => {
    const bytes = new Uint8Array([...Array.from({ length: 32 }, (_v, i) => 0x80 + i), 0xe9]);
    const { text, note } = decodeText(bytes);
    expect(text).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸé');
    expect(note?.params['mend']).toBe('cp1252');
  });

  it('a Windows-1252 file keeps its dashes and curly quotes, and the draft says how it was read (SOP706)', async () => {
    const cp1252 = Buffer.from(procedure(`Menerima tamu ${words}`).replace('–', '\x96').replace('“', '\x93').replace('”', '\x94'), 'latin1');
    const [d] = await importBytes(cp1252, { source: 'x.txt' });
    expect(d!.text).toContain(`] Menerima tamu ${words} kepada Staf\n`);
    expect(d!.text).toMatch(/# SOP706: berkas bukan UTF-8; dibaca sebagai Windows-1252 \(misalnya "[^"\n]*café[^"\n]*"\)[^\n]*\nNama SOP: Uji Teks\n/);
    const g = d!.guesses.find((x) => x.code === 'SOP706')!;
    expect(g.message).toContain('Windows-1252');
  });

  it('UTF-8 with one damaged byte is read as UTF-8 (the byte written U+FFFD), and the draft says so (SOP706)', async () => {
    const text = procedure(`Menerima tamu ${words}`).replace('Buku Tamu', 'Buku\u0000 Tamu');
    const utf8 = Buffer.from(text, 'utf8');
    utf8[utf8.indexOf(0)] = 0xff;
    const [d] = await importBytes(utf8, { source: 'x.txt' });
    expect(d!.text).toContain(`] Menerima tamu ${words} kepada Staf\n`);
    expect(d!.text).toContain('    Kelengkapan: Buku\ufffd Tamu\n');
    expect(d!.text).toMatch(/# SOP706: berkas UTF-8 dengan 1 bita rusak, ditulis \ufffd \(misalnya "[^"\n]*Buku\ufffd Tamu[^"\n]*"\)[^\n]*\nNama SOP: Uji Teks\n/);
    expect(d!.text).not.toContain('Ã');
  });

  it('plain UTF-8 (a U+FFFD of its own included), and UTF-16 with its mark: read as they are, nothing said', async () => {
    const text = procedure(`Menerima tamu ${words} \ufffd`);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le).swap16();
    for (const bytes of [Buffer.from(text, 'utf8'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), le, be]) {
      const [d] = await importBytes(bytes, { source: 'x.txt' });
      expect(d!.text).toContain(`] Menerima tamu ${words} \ufffd kepada Staf\n`);
      expect(d!.guesses.map((g) => g.code)).not.toContain('SOP706');
    }
    expect(decodeText(Buffer.from('abc')).note).toBeNull();
  });
});

describe('sop import cuts every cell at 20 000 characters, and says so', () => {
  const long = (n: number): string => Array.from({ length: Math.ceil(n / 10) }, (_v, i) => `kata${String(i % 100000).padStart(5, '0')} `).join('').slice(0, n);
  const cutNote = /# SOP706: teks sumber lebih dari 20 000 karakter dan dipotong; salin sisanya dari sumber bila perlu\.\n/;
  /** The draft's longest line, and that it holds no cut mark and checks without errors. */
  const sane = (text: string): number => {
    expect(text).not.toContain(CUT_MARK);
    expect(check(text).filter((x) => x.severity === 'error')).toEqual([]);
    return Math.max(0, ...text.split('\n').map((l) => l.length));
  };

  it('Excel: a 2 MB cell is cut, quickly, with a SOP706 comment above its step', async () => {
    const rows = [['SOP UJI PANJANG'], ...SHEET_HEADER, ['1', 'Menyusun data kepada Staf', '', '', 'Berkas', '5 menit', 'Data', ''], ['2', `Memeriksa ${long(2_000_000)}`, '', '', 'Data', '5 menit', 'Data', '']];
    const t = Date.now();
    const [d] = await importBytes(xlsx(rows, { merges: SHEET_MERGES }), { source: 'x.xlsx' });
    expect(Date.now() - t).toBeLessThan(5_000);
    expect(d!.text).toMatch(new RegExp(`${cutNote.source} {2}\\[staf\\] Memeriksa kata00000 `));
    expect(sane(d!.text)).toBeLessThanOrEqual(MAX_CELL + 20);
    const g = d!.guesses.find((x) => x.code === 'SOP706')!;
    expect(g.message).toContain('lebih dari 20 000 karakter; dipotong');
    expect(d!.text).toContain('Memeriksa kata00000 kata00001');
  });

  it('Word: two long cells are cut, each said', async () => {
    const doc = docx([[...cells('1', `Menyusun ${long(50_000)}`, '', '', 'Berkas', '5 menit', 'Data', '')], [...cells('2', 'Memeriksa', '', '', 'x', '5 menit', `Data ${long(30_000)}`, '')]]);
    const [d] = await importBytes(doc, { source: 'x.docx' });
    expect(d!.text.match(new RegExp(cutNote.source, 'g'))).toHaveLength(2);
    expect(sane(d!.text)).toBeLessThanOrEqual(MAX_CELL + 20);
  });

  it('PDF: a cell of 25 000 characters is cut at 20 000, marked for the draft', async () => {
    const doc = await PDFDocument.create();
    // As wide as a page may be, so that the whole line is on it.
    const page = doc.addPage([14_400, 200]);
    const font = await doc.embedFont(StandardFonts.Helvetica);
    page.drawText(long(25_000), { x: 10, y: 100, size: 1, font, color: rgb(0, 0, 0) });
    const rows = await pdfToRows(await doc.save(), { deadlineMs: 30_000 });
    const texts = rows.flatMap((r) => r.cells.map((c) => c.text));
    expect(texts).toHaveLength(1);
    expect(texts[0]!.length).toBeLessThanOrEqual(MAX_CELL + 1);
    expect(texts[0]!.endsWith(CUT_MARK)).toBe(true);
  });

  it('text: a line over 20 000 characters is cut as before, and now its last cell says so', () => {
    const [d] = importText(table([['1', `Menyusun ${long(30_000)}`, '', '', 'Berkas', '5 menit', 'Data', ''], ['2', 'Memeriksa', '', '', 'x', '5 menit', 'y', '']]), { source: 'x' });
    expect(d!.text).toMatch(new RegExp(`${cutNote.source} {2}\\[kabid\\] Menyusun kata00000 `));
    expect(sane(d!.text)).toBeLessThanOrEqual(MAX_CELL + 20);
  });

  it('a document whose draft would pass what `sop check` reads (10 MB) is refused with one clear error', async () => {
    expect(DRAFT_MAX_BYTES).toBe(SOURCE_MAX_BYTES);
    const steps = Array.from({ length: 560 }, (_v, i) => [String(i + 1), `Memeriksa ${long(19_000)}`, '', '', 'Data', '5 menit', 'Data', '']);
    const msg = await importRefusal(xlsx([['SOP UJI BESAR'], ...SHEET_HEADER, ...steps], { merges: SHEET_MERGES }), 'en');
    expect(msg).toContain('over 10 MB, the limit `sop check` reads');
  }, 60_000);
});
