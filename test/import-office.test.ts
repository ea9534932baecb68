/**
 * Word and Excel input: fixtures made by LibreOffice (headless) from HTML
 * documents and flat spreadsheets with a drawn flowchart that a script
 * writes (scripts/import-office-fixtures.mjs), each imported back to the
 * model it was made from; and hostile archives (a zip
 * bomb, an XML entity bomb, an external reference) refused with one clear
 * error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../src/import/input.js';
import { importRefusal, zip } from './helpers/import.js';
import { modelDifferences, scoreImport } from '../src/import/score.js';
import { parseXml } from '../src/import/xml.js';
import { DRAWING_LIMITS } from '../src/import/office.js';

const root = join(import.meta.dirname, '..');
const dir = join(root, 'test/fixtures/import/office');

const refusal = (bytes: Uint8Array): Promise<string> => importRefusal(bytes, 'en');

describe('sop import: Word and Excel', () => {
  for (const name of ['pelaksanaan-pelatihan-bimtek', 'penyusunan-duk', 'pelayanan-tamu']) {
    for (const ext of ['docx', 'xlsx']) {
      it(`${name}.${ext} (made by LibreOffice) imports to the model it was made from`, async () => {
        const drafts = await importBytes(readFileSync(join(dir, `${name}.${ext}`)), { source: `${name}.${ext}` });
        expect(drafts).toHaveLength(1);
        let truth = readFileSync(join(root, 'sops', `${name}.sop`), 'utf8');
        // Calc's HTML import drops italics (the .xlsx holds "Petugas Front Desk" as plain text); Writer keeps them.
        if (ext === 'xlsx') truth = truth.replace(/(?<!\\)\*/g, '');
        expect(modelDifferences(drafts[0]!.text, truth)).toEqual([]);
      });
    }
  }

  for (const [name, ext] of [['pelaksanaan-pelatihan-bimtek', 'odt'], ['penyusunan-duk', 'odt'], ['pelayanan-tamu', 'odt'], ['pelayanan-tamu', 'ods']] as const) {
    it(`${name}.${ext} (LibreOffice's own format) imports to the model it was made from, as the .docx/.xlsx does`, async () => {
      const drafts = await importBytes(readFileSync(join(dir, `${name}.${ext}`)), { source: `${name}.${ext}` });
      expect(drafts).toHaveLength(1);
      let truth = readFileSync(join(root, 'sops', `${name}.sop`), 'utf8');
      // Calc's HTML import drops italics, as for the .xlsx; Writer keeps them.
      if (ext === 'ods') truth = truth.replace(/(?<!\\)\*/g, '');
      expect(modelDifferences(drafts[0]!.text, truth)).toEqual([]);
      const office = await importBytes(readFileSync(join(dir, `${name}.${ext === 'odt' ? 'docx' : 'xlsx'}`)), { source: `${name}.${ext}` });
      expect(drafts[0]!.text).toBe(office[0]!.text);
    });
  }

  for (const name of ['pelaksanaan-pelatihan-bimtek', 'penanganan-rumah-tangga-kantor', 'pelayanan-tamu']) {
    it(`${name}-drawn.xlsx: lanes and flows from the flowchart drawn on the sheet (shapes and connectors), italic runs kept, nothing guessed`, async () => {
      const drafts = await importBytes(readFileSync(join(dir, `${name}-drawn.xlsx`)), { source: `${name}-drawn.xlsx` });
      expect(drafts).toHaveLength(1);
      // The flat spreadsheet carries `*…*` as italic spans, which Calc keeps (its HTML import does not): compared with them.
      const truth = readFileSync(join(root, 'sops', `${name}.sop`), 'utf8');
      // The sheet holds the procedure table only (no identity page).
      const procedure = modelDifferences(drafts[0]!.text, truth).filter((d) => /^(lanes|steps|step \d+|flows):/.test(d));
      expect(procedure).toEqual([]);
      expect(drafts[0]!.guesses.filter((g) => g.code === 'SOP701' || g.code === 'SOP702' || g.code === 'SOP703')).toEqual([]);
    });
  }

  for (const name of ['pelaksanaan-pelatihan-bimtek', 'penanganan-rumah-tangga-kantor', 'pelayanan-tamu']) {
    it(`${name}-drawn.docx: lanes and flows from the shapes drawn in the Word table's cells and the connectors, nothing guessed`, async () => {
      const drafts = await importBytes(readFileSync(join(dir, `${name}-drawn.docx`)), { source: `${name}-drawn.docx` });
      expect(drafts).toHaveLength(1);
      // Writer keeps the italic spans of the .fodt.
      const truth = readFileSync(join(root, 'sops', `${name}.sop`), 'utf8');
      // The document holds the procedure table only (no identity page).
      const procedure = modelDifferences(drafts[0]!.text, truth).filter((d) => /^(name|lanes|steps|step \d+|flows):/.test(d));
      expect(procedure).toEqual([]);
      expect(drafts[0]!.guesses.filter((g) => g.code === 'SOP701' || g.code === 'SOP702' || g.code === 'SOP703')).toEqual([]);
    });
  }

  it('Word VML shapes (older Word, and the fallback of DrawingML) in table cells give lanes, symbols and flows; their text is no cell text', async () => {
    // Grid (twips): No. 500, Kegiatan 3000, two lanes of 1500, Kelengkapan 1500, Waktu 1000, Output 1500, Keterangan 1000; rows 800 (40 pt).
    const grid = [500, 3000, 1500, 1500, 1500, 1000, 1500, 1000].map((w) => `<w:gridCol w:w="${w}"/>`).join('');
    const p = (t: string): string => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
    const tc = (inner: string, span = 1): string => `<w:tc>${span > 1 ? `<w:tcPr><w:gridSpan w:val="${span}"/></w:tcPr>` : ''}${inner}</w:tc>`;
    const pict = (vml: string): string => `<w:p><w:r><w:pict>${vml}</w:pict></w:r></w:p>`;
    const shape = (spt: number): string => `<v:shape type="#_x0000_t${spt}" style="position:absolute;margin-left:10pt;margin-top:10pt;width:50pt;height:20pt"><v:textbox><w:txbxContent>${p('Ya')}</w:txbxContent></v:textbox></v:shape>`;
    const tr = (cells: string): string => `<w:tr><w:trPr><w:trHeight w:val="800" w:hRule="exact"/></w:trPr>${cells}</w:tr>`;
    const mutu = tc(p('Berkas')) + tc(p('5 Menit')) + tc(p('Berkas')) + tc(p(''));
    // Lane a starts at 175 pt, lane b at 250 pt; step rows start at 80, 120, 160 pt. Connectors are placed relative to the cell they are anchored in.
    const rows = [
      tr(tc(p('No.')) + tc(p('Kegiatan')) + tc(p('Pelaksana'), 2) + tc(p('Mutu Baku'), 3) + tc(p('Keterangan'))),
      tr(tc(p('')) + tc(p('')) + tc(p('Petugas A')) + tc(p('Petugas B')) + tc(p('Kelengkapan')) + tc(p('Waktu')) + tc(p('Output')) + tc(p(''))),
      // 1 → 2: a line from step 1's bottom to step 2's top.
      tr(tc(p('1')) + tc(p('Menerima berkas')) + tc(pict(shape(116) + '<v:line from="35pt,30pt" to="110pt,50pt"><v:stroke endarrow="block"/></v:line>')) + tc(p('')) + mutu),
      // 2 → 3 (a line), 2 → 1 (a connector, flipped: it runs up and left to step 1's side).
      tr(tc(p('2')) + tc(p('Memeriksa berkas')) + tc(p('')) + tc(pict(shape(110) + '<v:line from="35pt,30pt" to="-40pt,50pt"><v:stroke endarrow="block"/></v:line><v:shape type="#_x0000_t32" style="position:absolute;margin-left:-65pt;margin-top:-20pt;width:75pt;height:40pt;flip:x y"><v:stroke endarrow="block"/></v:shape>')) + mutu),
      tr(tc(p('3')) + tc(p('Mengarsipkan berkas')) + tc(pict(shape(116))) + tc(p('')) + mutu),
    ];
    const doc = `<?xml version="1.0"?><w:document xmlns:w="w" xmlns:v="v"><w:body>${p('SOP UJI VML')}<w:tbl><w:tblGrid>${grid}</w:tblGrid>${rows.join('')}</w:tbl></w:body></w:document>`;
    const drafts = await importBytes(zip([{ name: 'word/document.xml', data: Buffer.from(doc) }]), { source: 'vml.docx' });
    expect(drafts).toHaveLength(1);
    const truth = [
      'Nama SOP: Uji VML',
      'Pelaksana:',
      '  - a: Petugas A',
      '  - b: Petugas B',
      'Prosedur:',
      ...[['@terima [a] Menerima berkas'], ['@periksa [b] Memeriksa berkas', '  Ya: @arsip', '  Tidak: @terima'], ['@arsip [a] Mengarsipkan berkas']].flatMap((l) => [...l, '  Kelengkapan: Berkas', '  Waktu: 5 Menit', '  Output: Berkas'].map((x) => `  ${x}`)),
    ].join('\n');
    expect(modelDifferences(drafts[0]!.text, truth).filter((d) => /^(lanes|steps|step \d+|flows):/.test(d))).toEqual([]);
    expect(drafts[0]!.guesses.filter((g) => g.code === 'SOP701' || g.code === 'SOP702' || g.code === 'SOP703')).toEqual([]);
  });

  for (const name of ['pelaksanaan-pelatihan-bimtek', 'penyusunan-duk', 'pelayanan-tamu']) {
    it(`${name}-word.pdf (the Word file printed by Writer: stroked borders, centred cells) reads the procedure`, async () => {
      const drafts = await importBytes(readFileSync(join(dir, `${name}-word.pdf`)), { source: `${name}-word.pdf` });
      expect(drafts).toHaveLength(1);
      const s = scoreImport(drafts[0]!.text, readFileSync(join(root, 'sops', `${name}.sop`), 'utf8'));
      // Writer clips words that overflow a narrow cell ("ter" for "terkait"), so text is not compared; the procedure is.
      expect({ steps: s.steps.got, lanes: s.lanesExact, decisions: s.decisions.found, extra: s.decisions.extra, flows: s.flows.found, name: s.name, number: s.number }).toEqual({
        steps: s.steps.want, lanes: s.steps.want, decisions: s.decisions.want, extra: 0, flows: s.flows.want, name: true, number: true,
      });
    });
  }

  it('Excel inline strings are read, with or without runs (<is><t>, as generators other than Excel write them)', async () => {
    const is = (t: string, italic = false): string => (italic ? `<is><r><rPr><i/></rPr><t>${t}</t></r></is>` : `<is><t>${t}</t></is>`);
    const rows = [
      ['SOP UJI SEBARIS'],
      ['No', 'Kegiatan', 'Pelaksana', '', 'Mutu Baku', '', '', 'Keterangan'],
      ['', '', 'Kabid', 'Staf', 'Kelengkapan', 'Waktu', 'Output', ''],
      ['1', 'Menyusun data kepada Staf', '', '', 'Berkas', '5 menit', 'Data', ''],
      ['2', 'Memeriksa data', '', '', 'Data', '5 menit', 'Data', ''],
    ];
    const cell = (t: string, k: number, i: number): string => (t === '' ? '' : `<c r="${String.fromCharCode(65 + k)}${i + 1}" t="inlineStr">${is(t, t === 'Staf')}</c>`);
    const sheet = `<worksheet xmlns="m"><sheetData>${rows.map((r, i) => `<row r="${i + 1}">${r.map((t, k) => cell(t, k, i)).join('')}</row>`).join('')}</sheetData><mergeCells><mergeCell ref="C2:D2"/><mergeCell ref="E2:G2"/></mergeCells></worksheet>`;
    const drafts = await importBytes(
      zip([
        { name: 'xl/workbook.xml', data: Buffer.from('<workbook xmlns="m" xmlns:r="r"><sheets><sheet name="L" sheetId="1" r:id="rId1"/></sheets></workbook>') },
        { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from('<Relationships xmlns="p"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>') },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet) },
      ]),
      { source: 'inline.xlsx' },
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.text).toContain('Nama SOP: Uji Sebaris\n');
    expect(drafts[0]!.text).toContain('  - staf: *Staf*\n');
    expect(drafts[0]!.text).toContain('] Menyusun data kepada Staf\n');
    expect(drafts[0]!.text).toContain('] Memeriksa data\n');
  });

  it('refuses a zip bomb without inflating it whole', async () => {
    const big = Buffer.alloc(70 * 1024 * 1024, 0x20);
    const doc = Buffer.concat([Buffer.from('<w:document><w:body><w:p><w:r><w:t>'), big, Buffer.from('</w:t></w:r></w:p></w:body></w:document>')]);
    // Declared small, inflates past every cap.
    const msg = await refusal(zip([{ name: 'word/document.xml', data: doc, declaredSize: 100 }]));
    // The limit it passed, said as it is (one part over 64 MB, not "over 200 MB").
    expect(msg).toContain('one part of this Word/Excel file is too large when unpacked (over 64 MB)');
    const many = Array.from({ length: 5_001 }, (_, i) => ({ name: `x/${i}.xml`, data: Buffer.from('<a/>') }));
    expect(await refusal(zip(many))).toContain('holds too many parts (over 5000)');
  }, 60_000);

  it('never expands XML entities nor fetches external references', async () => {
    const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><w:document><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>';
    expect(await refusal(zip([{ name: 'word/document.xml', data: Buffer.from(laughs) }]))).toContain('DOCTYPE');
    const external = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>';
    expect(await refusal(zip([{ name: 'word/document.xml', data: Buffer.from(external) }]))).toContain('DOCTYPE');
    // Without a declaration, an unknown entity stays as written; the predefined ones and character references are decoded.
    const doc = parseXml('<a t="&lt;&#65;&#x42;&zzz;">x &amp; y &ent;</a>');
    const a = doc.children[0] as { attrs: Record<string, string>; children: string[] };
    expect(a.attrs['t']).toBe('<AB&zzz;');
    expect(a.children[0]).toBe('x & y &ent;');
  });

  it('refuses a drawing too large to match (every connector against every shape) with one clear error', async () => {
    const line = '<v:line from="0pt,0pt" to="10pt,10pt"/>';
    const doc = `<w:document><w:body><w:tbl><w:tblGrid><w:gridCol w:w="500"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:pict>${line.repeat(DRAWING_LIMITS.connectors + 1)}</w:pict></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`;
    expect(await refusal(zip([{ name: 'word/document.xml', data: Buffer.from(doc) }]))).toContain(`${DRAWING_LIMITS.connectors + 1} connectors; the limits are`);
  });

  it('an old Word document (.doc, made by LibreOffice) is refused with the hint to save it again, not as a text file with NUL bytes', async () => {
    const msg = await importRefusal(readFileSync(join(root, 'test/fixtures/import/agency/d1_cuti.doc')), 'id');
    expect(msg).toBe('dokumen Word/Excel format lama (.doc, .xls) belum dibaca: buka di Word, Excel atau LibreOffice, lalu simpan ulang sebagai .docx/.xlsx (atau .odt/.ods) atau PDF');
  });

  it('refuses a damaged archive and a zip that is no office document', async () => {
    expect(await refusal(Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.alloc(100)]))).toContain('damaged');
    expect(await refusal(zip([{ name: 'readme.txt', data: Buffer.from('hello') }]))).toContain('no Word (.docx), Excel (.xlsx) or OpenDocument (.odt, .ods)');
  });
});
