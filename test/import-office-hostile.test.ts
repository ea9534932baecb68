/**
 * Word, Excel and OpenDocument files that are small but declare a great deal
 * (a hostile probe): every one a few KB within the archive's caps, each of
 * which held `sop import` (and the language server's import) for minutes or
 * ran it out of memory. Each is now one clear refusal, in seconds.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../src/import/input.js';
import { OFFICE_LIMITS } from '../src/import/office-limits.js';
import { parseXml } from '../src/import/xml.js';
import { runCli } from './helpers/cli.js';
import { importRefusal, zip } from './helpers/import.js';
import { tempDir } from './helpers/tmp.js';

const refusal = (bytes: Uint8Array): Promise<string> => importRefusal(bytes, 'id');

const workbook = (sheets: number, sheet: string): Buffer =>
  zip([
    { name: 'xl/workbook.xml', data: Buffer.from(`<workbook><sheets>${'<sheet name="a" r:id="rId1"/>'.repeat(sheets)}</sheets></workbook>`) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from('<Relationships><Relationship Id="rId1" Target="worksheets/s.xml"/></Relationships>') },
    { name: 'xl/worksheets/s.xml', data: Buffer.from(sheet) },
  ]);

const content = (body: string): Buffer => zip([{ name: 'content.xml', data: Buffer.from(`<office:document-content><office:body>${body}</office:body></office:document-content>`) }]);

describe('sop import: office files that declare more than they hold', () => {
  it('a tag of 200 000 letters and no "=" is read in one pass (a 400-byte .docx held the import for 48 s)', async () => {
    const t0 = Date.now();
    const doc = parseXml(`<w:p ${'b'.repeat(200_000)} c="d"></w:p>`);
    expect((doc.children[0] as { attrs: Record<string, string> }).attrs).toEqual({ c: 'd' });
    const drafts = await importBytes(zip([{ name: 'word/document.xml', data: Buffer.from(`<w:document><w:body><w:p ${'b'.repeat(200_000)}></w:p></w:body></w:document>`) }]), { source: 'x' });
    expect(drafts).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(3_000);
    // Attributes as before: both quotes, blanks around "=", a name without a value skipped.
    const a = parseXml(`<a x = "1" y='2' lone z="3=4" w:v="&lt;5"/>`).children[0] as { attrs: Record<string, string> };
    expect(a.attrs).toEqual({ x: '1', y: '2', z: '3=4', 'w:v': '<5' });
  }, 20_000);

  it('a sheet part is read once, and rows are counted over every sheet', async () => {
    // Named 5 000 times, its cell on row 200 000 (940 bytes): a billion rows, V8 out of memory after 56 s at 4.7 GB.
    const sheet = '<worksheet><sheetData><row r="100000"><c r="A100000" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>';
    const many = workbook(40, sheet);
    expect(many.length).toBeLessThan(2_000);
    const t0 = Date.now();
    expect(await importBytes(many, { source: 'x' })).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(5_000);
    // Two sheet parts, each under the limit, together over it.
    const two = zip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook><sheets><sheet name="a" r:id="rId1"/><sheet name="b" r:id="rId2"/></sheets></workbook>') },
      { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from('<Relationships><Relationship Id="rId1" Target="worksheets/a.xml"/><Relationship Id="rId2" Target="worksheets/b.xml"/></Relationships>') },
      { name: 'xl/worksheets/a.xml', data: Buffer.from(sheet) },
      { name: 'xl/worksheets/b.xml', data: Buffer.from(sheet.replaceAll('100000', '150000')) },
    ]);
    expect(await refusal(two)).toContain('lebih dari 200 000 baris');
  }, 60_000);

  it('merged ranges are counted over the file (20 000 ranges of 1 000 x 200 cells, 2 KB, ran for hours)', async () => {
    const merges = (n: number): string => `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData><mergeCells>${'<mergeCell ref="A1:GR1000"/>'.repeat(n)}</mergeCells></worksheet>`;
    const t0 = Date.now();
    expect(await refusal(workbook(1, merges(6)))).toBe(`berkas ini memuat terlalu banyak sel gabungan (lebih dari 1 000 000); tidak dibaca`);
    expect(await refusal(workbook(1, merges(20_000)))).toContain('terlalu banyak sel gabungan');
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(OFFICE_LIMITS.mergedCells).toBe(1_000_000);
  }, 60_000);

  it('an OpenDocument cell repeated across a row repeated down the sheet is counted cell by cell (3.4 billion cells from 1.6 KB)', async () => {
    const row = `<table:table-row table:number-rows-repeated="1000">${'<table:table-cell table:number-columns-repeated="1000"><text:p>x</text:p></table:table-cell>'.repeat(3)}</table:table-row>`;
    const t0 = Date.now();
    expect(await refusal(content(`<office:spreadsheet><table:table table:name="a">${row}</table:table></office:spreadsheet>`))).toBe('berkas ini memuat terlalu banyak sel (lebih dari 2 000 000); tidak dibaca');
    const textRow = `<table:table-row>${'<table:table-cell table:number-columns-repeated="1000"><text:p>x</text:p></table:table-cell>'.repeat(17)}</table:table-row>`;
    expect(await refusal(content(`<office:text><table:table>${textRow.repeat(200)}</table:table></office:text>`))).toContain('terlalu banyak sel');
    expect(Date.now() - t0).toBeLessThan(15_000);
  }, 120_000);

  it('drawn connectors are matched against shapes within one budget for the file (140 tables at the limits, 200 KB, took 171 s)', async () => {
    const table = `<w:tbl><w:tblGrid><w:gridCol w:w="500"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:pict>${'<v:line from="0pt,0pt" to="10pt,900pt"/><v:rect style="width:10pt;height:10pt"/>'.repeat(4_000)}</w:pict></w:r></w:p></w:tc></w:tr></w:tbl>`;
    const one = zip([{ name: 'word/document.xml', data: Buffer.from(`<w:document><w:body>${table}</w:body></w:document>`) }]);
    expect(await importBytes(one, { source: 'x' })).toEqual([]);
    const two = zip([{ name: 'word/document.xml', data: Buffer.from(`<w:document><w:body>${table}${table}</w:body></w:document>`) }]);
    expect(await refusal(two)).toBe('gambar bagan di berkas ini terlalu banyak untuk dicocokkan (lebih dari 25 000 000 pasangan garis dan bentuk di semua tabel dan lembarnya); tidak dibaca');
  }, 60_000);
});

describe('sop import: an office file is read in a process of its own, as a PDF is', () => {
  // One table of 60 000 rows of eight cells: 60 MB of XML in 227 KB, under every count the reader keeps; read in
  // sop's own process it took 14 s and 960 MB, with no cap at all.
  const big = (): Buffer => {
    const row = '<w:tr>' + '<w:tc><w:p><w:r><w:t>kata kata kata kata kata kata kata kata kata kata</w:t></w:r></w:p></w:tc>'.repeat(8) + '</w:tr>';
    return zip([{ name: 'word/document.xml', data: Buffer.from(`<w:document><w:body><w:tbl>${row.repeat(60_000)}</w:tbl></w:body></w:document>`) }]);
  };

  it('held to the memory cap (SOP_IMPORT_PDF_MEMORY_MB lowers it for both): refused in one line, in seconds; nothing written', () => {
    const dir = tempDir('sop-import-apart-');
    writeFileSync(join(dir, 'besar.docx'), big());
    const t0 = Date.now();
    const r = runCli(['import', 'besar.docx', '--out', 'o'], { cwd: dir, env: { SOP_IMPORT_PDF_MEMORY_MB: '128' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sop import: besar.docx: berkas ini terlalu besar atau terlalu rumit untuk dibaca (memerlukan lebih dari 128 MB memori); pecah menjadi berkas yang lebih kecil\n');
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(existsSync(join(dir, 'o'))).toBe(false);
    const en = runCli(['import', 'besar.docx', '--out', 'o', '--lang', 'en'], { cwd: dir, env: { SOP_IMPORT_PDF_MEMORY_MB: '128' } });
    expect(en.stderr).toContain('this file is too large or too complex to read (it needs more than 128 MB of memory)');
  }, 60_000);

  it('answers the rows its reader makes in this process (a Calc workbook of the agency fixtures)', async () => {
    const { readOfficeRows } = await import('../src/import/pdf-process.js');
    const { officeToRows } = await import('../src/import/office.js');
    const bytes = readFileSync(join(import.meta.dirname, 'fixtures/import/agency/x9_ttd_per_baris.xlsx'));
    const entry = new URL('../dist/import/pdf-reader.js', import.meta.url);
    expect(existsSync(entry)).toBe(true);
    expect(await readOfficeRows(bytes, { deadlineMs: 20_000, entry })).toEqual(await officeToRows(bytes));
  }, 60_000);
});
