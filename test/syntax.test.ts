import { describe, expect, it } from 'vitest';
import { check, compile, parse } from '../src/index.js';

const BASE = `Nama SOP: Contoh
Nomor SOP: 1
Tanggal Pembuatan: 2023-08-31
Pelaksana:
  - a: A
Prosedur:
  [a] Satu
`;

describe('lexical rules', () => {
  it('accepts LF, CRLF and CR line ends with the same result', () => {
    const lf = compile(BASE);
    const crlf = compile(BASE.replace(/\n/g, '\r\n'));
    const cr = compile(BASE.replace(/\n/g, '\r'));
    expect(crlf.diagnostics).toEqual([]);
    expect(cr.diagnostics).toEqual([]);
    expect(crlf.model.steps.map((s) => s.text)).toEqual(lf.model.steps.map((s) => s.text));
    expect(cr.model.lanes).toEqual(lf.model.lanes.map((l) => ({ ...l, range: cr.model.lanes[0]!.range })));
  });

  it('ignores a byte-order mark; positions start after it', () => {
    const r = compile('\ufeff' + BASE.replace('Nama SOP', 'Nmaa SOP'));
    expect(r.diagnostics[0]).toMatchObject({ code: 'SOP102', range: { start: { line: 1, column: 1 } } });
  });

  it('treats tabs as white space and gives indentation no meaning', () => {
    const r = compile(BASE.replace(/^ {2}/gm, '\t\t').replace('Prosedur:', '\t  Prosedur:'));
    expect(r.diagnostics).toEqual([]);
    expect(r.model.steps[0]!.text).toBe('Satu');
  });

  it('keeps comment lines with their positions; # elsewhere is text', () => {
    const r = parse(BASE.replace('  [a] Satu', '  # catatan\n  [a] Satu #1 di antrian'));
    expect(r.ast.comments).toEqual([
      { kind: 'Comment', text: ' catatan', range: { start: { line: 7, column: 3, offset: 92 }, end: { line: 7, column: 12, offset: 101 } } },
    ]);
    const step = r.ast.sections.find((s) => s.key === 'prosedur')!.steps[0]!;
    expect(step.text?.value).toBe('Satu #1 di antrian');
  });

  it('matches labels case-insensitively with folded spaces, and accepts aliases', () => {
    const src = BASE.replace('Nama SOP:', 'judul   sop:').replace('Prosedur:', 'KEGIATAN:').replace('Nomor SOP:', 'nomor:');
    const r = compile(src);
    expect(r.diagnostics).toEqual([]);
    expect(r.model.name).toBe('Contoh');
    expect(r.model.number).toBe('1');
  });

  it('reads a lane by id or full title, case-insensitively', () => {
    const r = compile(BASE.replace('- a: A', '- kasubag: Kepala Sub Bagian').replace('[a] Satu', '[KEPALA sub bagian] Satu\n  [Kasubag] Dua'));
    expect(r.diagnostics).toEqual([]);
    expect(r.model.steps.map((s) => s.lanes)).toEqual([['kasubag'], ['kasubag']]);
  });

  it('a lane without an id uses its title as id', () => {
    const r = compile(BASE.replace('- a: A', '- Pramu Kantor').replace('[a] Satu', '[pramu kantor] Satu'));
    expect(r.diagnostics).toEqual([]);
    expect(r.model.lanes).toMatchObject([{ id: 'Pramu Kantor', title: 'Pramu Kantor', index: 0 }]);
  });

  it('a colon inside an activity is text, not a label', () => {
    const r = compile(BASE.replace('[a] Satu', '[a] Catatan: memeriksa berkas'));
    expect(r.model.steps[0]!.text).toBe('Catatan: memeriksa berkas');
    expect(r.diagnostics).toEqual([]);
  });

  it('a list field takes an inline value, items, or both', () => {
    const r = compile(BASE + 'Peringatan: Satu\n  - Dua\n');
    expect(r.model.lists.peringatan).toEqual(['Satu', 'Dua']);
  });

  it('gives every node a 1-based, end-exclusive range', () => {
    const { ast } = parse(BASE);
    const nama = ast.sections[0]!;
    expect(nama.label.range).toEqual({ start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 9, offset: 8 } });
    expect(nama.value!.range).toEqual({ start: { line: 1, column: 11, offset: 10 }, end: { line: 1, column: 17, offset: 16 } });
    const step = ast.sections.find((s) => s.key === 'prosedur')!.steps[0]!;
    expect(step.lanesRange).toEqual({ start: { line: 7, column: 3, offset: 92 }, end: { line: 7, column: 6, offset: 95 } });
  });

  it('reports one diagnostic per malformed line and recovers at the next line', () => {
    const src = BASE + 'satu baris aneh\n[a\n@ [a] x\nLabel Aneh: y\n';
    const codes = check(src).map((d) => `${d.range.start.line}:${d.code}`);
    expect(codes).toEqual(['8:SOP101', '9:SOP109', '10:SOP111', '11:SOP102']);
  });
});

describe('flow model', () => {
  it('resolves decisions, defaults and ends', () => {
    const r = compile(`Pelaksana:
  - a: A
Prosedur:
  @satu [a] Satu
  [a] Periksa
    Tidak: @satu
  [a] Tiga
    Lanjut: selesai
  [a] Empat
    Ya: selesai
    Tidak: @satu
`);
    expect(r.model.edges).toEqual([
      { from: 1, to: 2, label: null },
      { from: 2, to: 3, label: 'Ya' },
      { from: 2, to: 1, label: 'Tidak' },
      { from: 3, to: 'selesai', label: null },
      { from: 4, to: 'selesai', label: 'Ya' },
      { from: 4, to: 1, label: 'Tidak' },
    ]);
    expect(r.model.steps.map((s) => s.symbol)).toEqual(['terminator', 'decision', 'terminator', 'decision']);
    expect(r.model.ends).toEqual([3]);
    expect(r.model.start).toBe(1);
    // Step 4 cannot be reached (3 ends the procedure): a warning, and the missing identity.
    expect(r.diagnostics.map((d) => d.code)).toEqual(['SOP401', 'SOP401', 'SOP401', 'SOP305']);
  });

  it('keeps *italic* markup and \\* literally in the model', () => {
    const r = compile(BASE.replace('[a] Satu', '[a] Melapor ke *Front Desk* \\* segera'));
    expect(r.model.steps[0]!.text).toBe('Melapor ke *Front Desk* \\* segera');
  });
});
