/**
 * Issue 12 (files), the text side: line separators inside values (item 13),
 * a formatter that never drops a word (item 8).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateSop } from '../bench/generate.mjs';
import { check, compile, format, parseDate, parseDuration } from '../src/index.js';
import { checkNip } from '../src/model/nip.js';

const SEPARATORS = { 'U+2028': '\u2028', 'U+2029': '\u2029', 'U+0085': '\u0085' } as const;

const doc = (lane: string, extra = ''): string =>
  `Nama SOP: Contoh\nNomor SOP: 1\nTanggal Pembuatan: 2023-08-31\n${extra}Pelaksana:\n  - ${lane}\nProsedur:\n  [a] Satu\n`;

describe('a line separator inside a value is kept as text or reported, never reshapes the line (item 13)', () => {
  for (const [name, sep] of Object.entries(SEPARATORS)) {
    it(`${name} in a lane title stays in the title of lane a`, () => {
      const r = compile(doc(`a: Kepala${sep}Bagian`));
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(r.model.lanes.map((l) => [l.id, l.title])).toEqual([['a', `Kepala${sep}Bagian`]]);
      expect(format(doc(`a: Kepala${sep}Bagian`)).text).toContain(`- a: Kepala${sep}Bagian\n`);
    });

    it(`${name} between a lane id and its colon is not a blank`, () => {
      const r = compile(doc(`a${sep}: Kepala`));
      // Not lane `a` titled "Kepala": either kept whole as a title, or reported.
      expect(r.model.lanes.some((l) => l.id === 'a' && l.title === 'Kepala')).toBe(false);
    });

    it(`${name} inside a date, a NIP, a duration, a label or a step label is reported or kept`, () => {
      expect(parseDate(`31${sep}Agustus 2023`).kind).not.toBe('date');
      expect(checkNip(`198503302003121${sep}002`).ok).toBe(false);
      expect(parseDuration(`5${sep}Menit`).kind).toBe('free');
      expect(check(`Nama${sep}SOP: x\n`).some((d) => d.code === 'SOP101' || d.code === 'SOP102')).toBe(true);
      const step = compile(doc('a: A').replace('[a] Satu', `@x${sep}y [a] Satu`));
      expect(step.diagnostics.map((d) => d.code)).toContain('SOP111');
    });
  }

  it('a lone CR is a line end everywhere: the title part after it is its own (reported) line', () => {
    const r = compile(doc('a: Kepala\rBagian'));
    expect(r.model.lanes.map((l) => [l.id, l.title])).toEqual([['a', 'Kepala']]);
    expect(r.diagnostics.map((d) => [d.code, d.range.start.line])).toContainEqual(['SOP101', 6]);
  });
});
