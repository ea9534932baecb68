/**
 * Hints where a newcomer needs them (issue 19 item 9): an undeclared lane
 * names the nearest and the declared ones, an unknown label its nearest label
 * (or those valid at the place), an invalid target `@label`, and a procedure
 * heading in other words is one error with the fix, its steps read as the
 * procedure (nothing cascades).
 */
import { describe, expect, it } from 'vitest';
import { check, compile } from '../src/index.js';

const head = 'Nama SOP: Uji\nNomor SOP: 1/2/3\nTanggal Pembuatan: 01-02-2023\nPelaksana:\n  - kasubag: Kepala Sub Bagian Umum\n  - kasi: Kepala Seksi Pelayanan\n';
const errors = (src: string, lang: 'id' | 'en' = 'id') => check(src, { lang }).filter((d) => d.severity === 'error');

describe('SOP201: an undeclared lane', () => {
  it('names the nearest by title words and lists the declared lanes', () => {
    const d = errors(head + 'Prosedur:\n  [kasubag] Menerima\n  [Kepala Seksi] Memeriksa\n')[0]!;
    expect(d.code).toBe('SOP201');
    expect(d.hint).toBe('Mungkin maksud Anda `Kepala Seksi Pelayanan`? Pelaksana yang dideklarasikan: `kasubag`, `kasi`.');
    expect(d.suggestions).toEqual(['Kepala Seksi Pelayanan']);
  });
  it('with nothing near, still lists the declared lanes (English too)', () => {
    const src = head + 'Prosedur:\n  [kasubag] Menerima\n  [kasi] Memeriksa\n  [bendahara] Membayar\n';
    expect(errors(src)[0]!.hint).toBe('Pelaksana yang dideklarasikan: `kasubag`, `kasi`.');
    expect(errors(src, 'en')[0]!.hint).toBe('Declared lanes: `kasubag`, `kasi`.');
  });
});

describe('SOP102: an unknown label', () => {
  const inStep = (label: string) => errors(head + `Prosedur:\n  [kasubag] Menerima\n    ${label}: x\n  [kasi] Memeriksa\n`)[0]!;
  for (const [label, meant] of [
    ['Waktu Penyelesaian', 'Waktu'],
    ['Keluaran', 'Output'],
    ['Catatan', 'Keterangan'],
    ['Kelengkapan Persyaratan', 'Kelengkapan'],
  ] as const) {
    it(`\`${label}\` in a step suggests \`${meant}\``, () => {
      const d = inStep(label);
      expect(d.code).toBe('SOP102');
      expect(d.hint).toBe(`Mungkin maksud Anda \`${meant}\`?`);
      expect(d.suggestions).toEqual([meant]);
    });
  }
  for (const [label, meant] of [
    ['Tgl Revisi', 'Tanggal Revisi'],
    ['Tanggal Berlaku', 'Tanggal Efektif'],
    ['Peralatan dan Perlengkapan', 'Peralatan/Perlengkapan'],
    ['Pencatatan/Pendataan', 'Pencatatan dan Pendataan'],
  ] as const) {
    it(`\`${label}\` in the document suggests \`${meant}\``, () => {
      const d = errors(`${label}: x\n` + head + 'Prosedur:\n  [kasubag] Menerima\n  [kasi] Memeriksa\n')[0]!;
      expect(d.code).toBe('SOP102');
      expect(d.hint).toBe(`Mungkin maksud Anda \`${meant}\`?`);
    });
  }
  it('nothing near: the labels valid at the place', () => {
    expect(inStep('Zzz').hint).toBe('Label yang berlaku di sini: `Kelengkapan`, `Waktu`, `Output`, `Keterangan`, `Ya`, `Tidak`, `Lanjut`.');
  });
});

describe('SOP206: an invalid target', () => {
  const src = (target: string) => head + `Prosedur:\n  @konsep [kasubag] Menyusun konsep\n  [kasi] Memeriksa konsep\n    Ya: selesai\n    Tidak: ${target}\n`;
  for (const [target, meant] of [
    ['konsep', '@konsep'],
    ['Konsep', '@konsep'],
    ['kembali ke konsep', '@konsep'],
    ['Selesai.', 'selesai'],
    // A step named by its number: its label (a reviewer's `Tidak: langkah 3` got only the general hint).
    ['langkah 1', '@konsep'],
    ['ke langkah 1', '@konsep'],
    ['1', '@konsep'],
  ] as const) {
    it(`\`${target}\` suggests \`${meant}\``, () => {
      const d = errors(src(target))[0]!;
      expect(d.code).toBe('SOP206');
      expect(d.hint).toBe(`Mungkin maksud Anda \`${meant}\`? Tujuan ditulis \`@label\` (label sebuah langkah) atau \`selesai\`.`);
      expect(d.suggestions).toEqual([meant]);
    });
  }
  it('a word no step is labelled with: `@word`, the label still to give', () => {
    const d = errors(head + 'Prosedur:\n  [kasubag] Menyusun konsep\n  [kasi] Memeriksa konsep\n    Ya: selesai\n    Tidak: konsep\n')[0]!;
    expect(d.suggestions).toEqual(['@konsep']);
  });
});

describe('a procedure heading in other words', () => {
  // A newcomer's file: 7 steps with fields under a heading the language does not know.
  const steps = Array.from({ length: 7 }, (_, i) => `  [${i % 2 ? 'kasi' : 'kasubag'}] Kegiatan ${i + 1}\n    Waktu: 5 Menit\n    Output: Berkas\n`).join('');
  for (const heading of ['Langkah-langkah', 'Tahapan', 'Uraian Kegiatan', 'Langkah Langkah', 'Alur Kerja', 'Proses']) {
    it(`\`${heading}:\` is one SOP102 with the fix; its steps are the procedure`, () => {
      const r = compile(head + `${heading}:\n` + steps);
      expect(r.diagnostics.map((d) => d.code)).toEqual(['SOP102']);
      const d = r.diagnostics[0]!;
      expect(d.range).toMatchObject({ start: { line: 7, column: 1 }, end: { line: 7, column: 1 + heading.length } });
      expect(d.hint).toBe('Bagian langkah-langkah ditulis `Prosedur:`; langkah di bawahnya dibaca sebagai prosedur.');
      expect(d.suggestions).toEqual(['Prosedur']);
      expect(r.model.steps).toHaveLength(7);
    });
  }
  it('English', () => {
    const d = errors(head + 'Tahapan:\n' + steps, 'en')[0]!;
    expect(d.hint).toBe("The steps' section is written `Prosedur:`; the steps below it are read as the procedure.");
  });
  it('an unknown label with a list under it is not a heading; after `Prosedur` neither', () => {
    expect(errors(head + 'Dasar Hukm:\n  - UU 1\nProsedur:\n' + steps).map((d) => d.code)).toEqual(['SOP102']);
    // Under a step, an unknown label is a step field: the suggestion is a step field's.
    const r = compile(head + 'Prosedur:\n' + steps + '    Tahapan:\n  [kasi] Lagi\n');
    expect(r.diagnostics.map((d) => [d.code, d.params['heading']])).toEqual([['SOP102', undefined]]);
  });
});
