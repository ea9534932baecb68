/**
 * Messages that lead the right way (issue 11 items 9 and 10): a numbered
 * step pasted from a word processor, and one diagnostic for a misspelled
 * list header.
 */
import { describe, expect, it } from 'vitest';
import { check, compile, format } from '../src/index.js';

/** Errors only: the fixtures leave lane `b` unused in places (SOP203, a warning). */
const errors = (src: string, lang: 'id' | 'en' = 'id') => check(src, { lang }).filter((d) => d.severity === 'error');
const doc = (procedure: string, extra = ''): string =>
  `Nama SOP: Uji\nNomor SOP: 1/2/3\nTanggal Pembuatan: 01-02-2023\n${extra}Pelaksana:\n  - a: Kepala\n  - b: Staf\nProsedur:\n${procedure}`;

describe('a numbered step pasted from Word', () => {
  for (const [number, line] of [
    ['2)', '  2) [a] Memeriksa berkas'],
    ['2.', '  2. [a] Memeriksa berkas'],
    ['b)', '  b) @cek [a, b] Memeriksa berkas'],
  ] as const) {
    it(`\`${line.trim()}\`: one SOP115 that shows the step without its number; the step still parses`, () => {
      const src = doc(`  [a] Menerima berkas\n${line}\n  [b] Mengarsipkan\n`);
      const r = compile(src);
      expect(r.diagnostics.map((d) => d.code)).toEqual(['SOP115']);
      const d = r.diagnostics[0]!;
      expect(d.severity).toBe('error');
      expect(d.range.start.line).toBe(9);
      expect(d.range.start.column).toBe(3);
      expect(d.range.end.column).toBe(3 + number.length);
      expect(d.message).toBe(`Langkah tidak diberi nomor sendiri: \`${number}\` di depan langkah ini tidak boleh ditulis.`);
      expect(d.hint).toBe(`Nomor langkah dihitung otomatis. Hapus nomornya: \`${line.trim().slice(number.length + 1)}\`.`);
      expect(r.model.steps.map((s) => s.text)).toEqual(['Menerima berkas', 'Memeriksa berkas', 'Mengarsipkan']);
      // Like every syntax error, it keeps `sop fmt` from rewriting the file.
      expect(format(src).text).toBeNull();
    });
  }

  it('a numbered line in Prosedur without lanes says how to write a step, not `- teks`', () => {
    const d = check(doc('  [a] Menerima berkas\n  2) Memeriksa berkas\n')).find((x) => x.code === 'SOP101')!;
    expect(d.hint).toContain('`[pelaksana] kegiatan`');
    expect(d.hint).not.toContain('- teks');
  });

  it('a numbered list item elsewhere still gets the dash hint; Dasar Hukum `1. UU ...` is not a step', () => {
    const diags = errors(doc('  [a] Menerima berkas\n', 'Dasar Hukum:\n  1. Undang-Undang Nomor 5 Tahun 2014\n'));
    expect(diags.map((d) => d.code)).toEqual(['SOP101']);
    expect(diags[0]!.hint).toContain('`- teks`');
  });

  it('English', () => {
    const d = errors(doc('  2) [a] Memeriksa berkas\n'), 'en')[0]!;
    expect(d.message).toBe('Steps are not numbered by hand: `2)` must not be written before this step.');
    expect(d.hint).toBe('Steps are numbered automatically. Remove the number: `[a] Memeriksa berkas`.');
  });
});

describe('a long text wrapped over two lines (review 20)', () => {
  it("a step's activity wrapped onto the next line: SOP101 says to join it to the step's line, by number", () => {
    const d = errors(doc('  [a] Menyusun konsep surat undangan rapat koordinasi\n    dan menyampaikannya kepada Staf\n  [b] Mengirim undangan\n'))[0]!;
    expect(d.code).toBe('SOP101');
    expect(d.range.start).toMatchObject({ line: 9, column: 5 });
    expect(d.hint).toBe('Kegiatan sebuah langkah ditulis dalam satu baris: sambungkan baris ini ke akhir baris 8 (teks panjang dilipat sendiri saat dicetak).');
    const en = errors(doc('  [a] Menyusun konsep surat undangan\n    dan menyampaikannya kepada Staf\n'), 'en')[0]!;
    expect(en.hint).toBe("A step's activity is written on one line: join this line to the end of line 8 (long text wraps by itself in print).");
  });

  it('a list item or a value wrapped after a comma: join it or make it an item', () => {
    const d = errors(doc('  [a] Menerima berkas\n  [b] Mengarsipkan\n', 'Dasar Hukum:\n  - Peraturan Pemerintah Nomor 7 Tahun 2021 tentang Kemudahan,\n    Pelindungan, dan Pemberdayaan Koperasi\n'))[0]!;
    expect(d.code).toBe('SOP101');
    expect(d.hint).toBe('Nilai ditulis dalam satu baris: sambungkan baris ini ke akhir baris 5, atau jadikan butir tersendiri `- teks`.');
  });

  it('not after a blank line, nor a capitalised line after a text with no comma: the general hint', () => {
    for (const body of ['  [a] Menerima berkas\n\n    dan mencatatnya\n', '  [a] Menerima berkas\n    Waktu 5 menit\n']) {
      const d = errors(doc(body))[0]!;
      expect(d.code).toBe('SOP101');
      expect(d.hint).toBe('Setiap baris berbentuk `Label: nilai`, `- item`, atau `[pelaksana] kegiatan`.');
    }
  });
});

describe('a misspelled list header', () => {
  it('`Dasar Hukm:` is one SOP102; its items are not blamed on `Disahkan oleh`', () => {
    const src = doc('  [a] Menerima berkas\n', 'Disahkan oleh: Kepala Dinas\n  Nama: Budi\nDasar Hukm:\n  - UU 1\n  - UU 2\n');
    const diags = errors(src);
    expect(diags.map((d) => d.code)).toEqual(['SOP102']);
    expect(diags[0]!.hint).toBe('Mungkin maksud Anda `Dasar Hukum`?');
  });

  it('items after a known header are still checked', () => {
    const src = doc('  [a] Menerima berkas\n', 'Dasar Hukm:\n  - UU 1\nNomor Lain: x\n  - salah\n');
    expect(errors(src).map((d) => d.code)).toEqual(['SOP102', 'SOP102']);
    const src2 = doc('  [a] Menerima berkas\n', 'Dasar Hukm:\n  - UU 1\nDisahkan oleh: Kepala\n  - salah\n');
    expect(errors(src2).map((d) => d.code)).toEqual(['SOP102', 'SOP105']);
  });
});
