/**
 * Text input and the general rules of the importer, on inputs written for
 * the purpose (not the seeds): OCR damage, broken cells, a missing row
 * number, column-aligned text with wrapped rows, misspelt labels, and the
 * drafts' names. Whole drafts against reviewed golden files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/index.js';
import { readMarks, cleanCell, htmlItalics } from '../src/import/clean.js';
import { fileBase, importText } from '../src/import/import.js';
import { splitList } from '../src/import/read-table.js';
import { titleCase, matchLabel } from '../src/import/words.js';

const dir = join(import.meta.dirname, 'fixtures/import');
const read = (f: string): string => readFileSync(join(dir, f), 'utf8');

describe('sop import: text', () => {
  for (const name of ['noisy-tabs', 'aligned']) {
    it(`${name}.txt imports to its reviewed draft, which checks without errors`, () => {
      const drafts = importText(read(`${name}.txt`), { source: `${name}.txt` });
      expect(drafts.map((d) => d.text).join('\n')).toBe(read(`${name}.expected.sop`));
      for (const d of drafts) expect(check(d.text).filter((x) => x.severity === 'error')).toEqual([]);
    });
  }

  it('reads the noisy table: Cyrillic "Т dak", a TeX arrow, a broken label, a missing number, a misspelt label, the NIP', () => {
    const [d] = importText(read('noisy-tabs.txt'), { source: 'n' });
    const codes = d!.guesses.map((g) => g.code);
    expect(codes).toContain('SOP705'); // Peralatan/perlengkapn
    expect(codes).toContain('SOP707'); // the row without a number
    expect(codes).toContain('SOP709'); // 60 mnt
    expect(d!.text).toContain('(tanda Tidak/Ya di sumber)');
    expect(d!.text).toContain('Dasar Hukum:\n  - Undang-Undang Nomor 1 Tahun 2004\n  - Peraturan Pemerintah Nomor 12 Tahun 2019\n');
    expect(d!.text).toContain('  NIP: 19650809 198603 1 012\n');
    expect(d!.text).toContain('Tanggal Pembuatan: 05-01-2024\n');
    expect(d!.text).not.toContain('rightarrow');
  });

  it('finds several SOPs in one file and names each from its title, with safe file names', () => {
    const two = `${read('aligned.txt')}\n\n${read('aligned.txt').replace('PENGIRIMAN SURAT DINAS', '../../ETC/PASSWD')}`;
    const drafts = importText(two, { source: 'x' });
    expect(drafts.map((d) => d.fileName)).toEqual(['pengiriman-surat-dinas.sop', 'etc-passwd.sop']);
    expect(fileBase('')).toBe('');
    expect(fileBase('Ünïcödé / Ñame: *x*')).toBe('unicode-name-x');
  });

  it('reads Ya/Tidak marks through OCR damage, and nothing else as a mark', () => {
    expect(readMarks('Fidak')).toEqual(['tidak']);
    expect(readMarks(cleanCell('Т dak'))).toEqual(['tidak']);
    expect(readMarks('tidak ya')).toEqual(['tidak', 'ya']);
    expect(readMarks('Tldak → Ya')).toEqual(['tidak', 'ya']);
    expect(readMarks('Data')).toBeNull();
    expect(readMarks('Menerima')).toBeNull();
    expect(htmlItalics(cleanCell('a \\rightarrow b <i>Front Desk</i> 5*'))).toBe('a → b *Front Desk* 5\\*');
  });

  it('reads a decision whose "tidak" OCR misread, and keeps the text as written', () => {
    const text = 'No\tKegiatan\tPelaksana\t\tMutu Baku\t\t\tKet\n\t\tStaf\tKasubbag\tKelengkapan\tWaktu\tOutput\t\n1\tMenyusun draf dan menyampaikan kepada Kasubbag\t\t\tData\t5 menit\tDraf\t\n2\tMemeriksa draf, jika fidak sesuai dikembalikan kepada Staf untuk diperbaiki\t\t\tDraf\t5 menit\tDraf\t\n3\tMemaraf draf\t\t\tDraf\t5 menit\tDraf\t\n';
    const [d] = importText(text, { source: 'x' });
    expect(d!.text).toContain('jika fidak sesuai dikembalikan kepada Staf untuk diperbaiki\n');
    expect(d!.text).toMatch(/jika fidak sesuai[^\n]*\n(?: {4}.*\n)*? {4}Tidak: @menyusun\n/);
  });

  it('splits numbered lists only on numbers in sequence', () => {
    expect(splitList('1. A Nomor 125 Tahun 2021 2. B 3. C')).toEqual(['A Nomor 125 Tahun 2021', 'B', 'C']);
    expect(splitList('Peraturan Nomor 2. Tahun 2020')).toEqual(['Peraturan Nomor 2. Tahun 2020']);
    expect(splitList('a. satu b. dua')).toEqual(['satu', 'dua']);
    expect(splitList('-')).toEqual([]);
  });

  it('writes upper-case titles in title case, keeping acronyms the document spells in capitals', () => {
    const vocab = new Map([['duk', 'DUK'], ['bimtek', 'Bimtek']]);
    expect(titleCase('PENYUSUNAN DUK', vocab)).toBe('Penyusunan DUK');
    expect(titleCase('PELATIHAN/BIMTEK BIDANG III', vocab)).toBe('Pelatihan/Bimtek Bidang III');
    expect(titleCase('PEMBUATAN SK TIM DAN RAPAT', vocab)).toBe('Pembuatan SK Tim dan Rapat');
    expect(titleCase('Sudah Campuran', vocab)).toBe('Sudah Campuran');
  });

  it('matches labels exactly or with one slip, never a sentence that starts with "Nomor"', () => {
    expect(matchLabel('Judul SOP')?.label.key).toBe('nama');
    expect(matchLabel('Peralatan/perengkapan 1. ATK')?.approx).toBe('Peralatan/perengkapan');
    expect(matchLabel('Nomor SOP: 1/2')?.rest).toBe('1/2');
    expect(matchLabel('Nomor urut kegiatan ini')).toBeNull();
    expect(matchLabel('Kegiatan')).toBeNull();
  });
});
