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
import { ALL_LABELS } from '../src/syntax/labels.js';

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

const LABEL_WORDS_RE = new RegExp(
  String.raw`^[\t ]*(?:${ALL_LABELS.flatMap((l) => [l.canonical, ...l.aliases])
    .map((l) => l.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '[\\t ]+'))
    .join('|')})[\t ]*:`,
  'gimu',
);

/** Words of a text outside field labels (labels are printed in their canonical spelling), with their counts. */
function words(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of text.replace(/^\ufeff/, '').replace(LABEL_WORDS_RE, ' ').matchAll(/[\p{L}\p{N}]+/gu)) m.set(w[0], (m.get(w[0]) ?? 0) + 1);
  return m;
}

/** Every word of the input is in the output as often, or the file is refused. */
function expectNothingDropped(input: string): void {
  const r = format(input);
  if (r.text === null) {
    expect(r.errors.length).toBeGreaterThan(0);
    return;
  }
  const out = words(r.text);
  for (const [w, n] of words(input)) expect({ w, n: out.get(w) ?? 0 }).toEqual({ w, n: Math.max(n, out.get(w) ?? 0) });
}

const sopsDir = join(import.meta.dirname, '../sops');
const seeds = readdirSync(sopsDir).filter((f) => f.endsWith('.sop')).map((f) => readFileSync(join(sopsDir, f), 'utf8'));
const LINE_PIECES = [
  'Nama SOP: x', 'Pelaksana:', 'Prosedur:', '- a: A', '- b:', '- c', '-', '- d: ', '[a] Langkah', '@x [a, b] Dua', 'Ya: @x',
  'Tidak: selesai', 'Lanjut: @y', 'Waktu: 5', 'NIP: 1', 'Tanggal Pembuatan: 31-02-2023', '# c', '[', ']', '@', ':', '',
  '  ', '\t', '*a*', '\\*', 'Disahkan oleh: K', 'Nama: N', 'Dasar Hukum: z', '[a,,]', '@@ [x]', 'Kelengkapan:',
  'Keterkaitan:', '- SOP Lain', 'Peralatan: p', 'Judul SOP: j', 'Ket: k', '- e:f', 'Instansi: i', '- 1. satu',
];

describe('the formatter never drops a word (item 8)', () => {
  it('a lane with no title (`- b:`, SOP207) is refused, not dropped', () => {
    const src = 'Nama SOP: A\nPelaksana:\n  - a: A\n  - b:\nProsedur:\n  [a] X\n';
    const r = format(src);
    expect(r.text).toBeNull();
    expect(r.errors.map((e) => [e.code, e.range.start.line])).toEqual([['SOP207', 4]]);
    expect(format(src.replace('  - b:\n', '  -\n')).text).toBeNull();
  });

  it('property: line soups of the language (with lanes lacking titles)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINE_PIECES), { maxLength: 40 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => {
        expectNothingDropped(lines.join(eol));
      }),
      { numRuns: 1500 },
    );
  });

  it('property: mutated real and generated SOPs', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...seeds), fc.integer({ min: 1, max: 100_000 }).map((s) => generateSop(s, { steps: 6, lanes: 3 }))),
        fc.array(fc.tuple(fc.nat(), fc.nat(12), fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(...LINE_PIECES).map((l) => `\n${l}\n`))), {
          maxLength: 5,
        }),
        (seed, edits) => {
          let s = seed;
          for (const [at, del, ins] of edits) {
            const i = at % (s.length + 1);
            s = s.slice(0, i) + ins + s.slice(i + del);
          }
          expectNothingDropped(s);
        },
      ),
      { numRuns: 600 },
    );
  });
});
