/**
 * Every checker rule has a failing fixture (`CODE-name.sop`, whose diagnostics
 * are compared with the reviewed golden `CODE-name.expected.txt`) and a
 * passing one (`CODE-name.ok.sop`, which must check clean).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG, check } from '../src/index.js';
import { renderDiagnostics } from './helpers/diagnostics.js';

const dir = join(import.meta.dirname, 'fixtures/check');
const files = readdirSync(dir).filter((f) => f.endsWith('.sop'));
const failing = files.filter((f) => !f.endsWith('.ok.sop'));

describe('rule fixtures', () => {
  for (const f of failing) {
    const code = f.slice(0, 6);
    it(`${f} reports ${code} (golden)`, async () => {
      const diags = check(readFileSync(join(dir, f), 'utf8'));
      expect(diags.map((d) => d.code)).toContain(code);
      await expect(renderDiagnostics(diags)).toMatchFileSnapshot(join(dir, f.replace(/\.sop$/, '.expected.txt')));
    });
    it(`${f.replace('.sop', '.ok.sop')} checks clean`, () => {
      const diags = check(readFileSync(join(dir, f.replace(/\.sop$/, '.ok.sop')), 'utf8'));
      expect(renderDiagnostics(diags)).toBe('\n');
    });
  }

  it('covers every file-level code of the catalogue with a fixture pair', () => {
    // SOP408 is a project rule; SOP116 comes from `sop fmt` only (test/files-text.test.ts).
    const fileCodes = Object.keys(CATALOG).filter((c) => /^SOP[1-4]/.test(c) && c !== 'SOP408' && c !== 'SOP116');
    const covered = new Set(failing.map((f) => f.slice(0, 6)));
    expect(fileCodes.filter((c) => !covered.has(c))).toEqual([]);
  });
});

describe('one mistake, one diagnostic (review 20)', () => {
  const doc = (last: string): string =>
    `Nama SOP: Uji\nNomor SOP: 1\nTanggal Pembuatan: 01-01-2024\nPelaksana:\n  - a: A\nProsedur:\n  @awal [a] Menyusun konsep\n  [a] Mengirim\n${last}`;

  it('a last decision with one branch written (`Ya: selesai`) is SOP304 only: its other branch has no next step to share', () => {
    expect(check(doc('    Ya: selesai\n')).map((d) => d.code)).toEqual(['SOP304']);
    expect(check(doc('    Tidak: @awal\n')).map((d) => d.code)).toEqual(['SOP304']);
  });

  it('both written to one place on the last step is still SOP302', () => {
    expect(check(doc('    Ya: selesai\n    Tidak: selesai\n')).map((d) => d.code)).toEqual(['SOP302']);
  });
});

describe('SOP204 with no label near the one written (review 20)', () => {
  it('says where the label is written, in both languages', () => {
    const src = 'Nama SOP: Uji\nNomor SOP: 1\nTanggal Pembuatan: 01-01-2024\nPelaksana:\n  - a: A\nProsedur:\n  [a] Menyusun konsep\n  [a] Memeriksa\n    Tidak: @awal\n  [a] Mengirim\n';
    const id = check(src).find((d) => d.code === 'SOP204')!;
    expect(id.hint).toBe('Tulis label itu di depan langkah tujuannya: `@awal [pelaksana] kegiatan`.');
    const en = check(src, { lang: 'en' }).find((d) => d.code === 'SOP204')!;
    expect(en.hint).toBe('Write the label before the step it leads to: `@awal [lane] activity`.');
  });
});
