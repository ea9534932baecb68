/**
 * Every input gets diagnostics, never a throw or a hang: hostile inputs and
 * fast-check properties over random and mutated texts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, compile } from '../src/index.js';

const sopsDir = join(import.meta.dirname, '../sops');
const seeds = readdirSync(sopsDir).filter((f) => f.endsWith('.sop')).map((f) => readFileSync(join(sopsDir, f), 'utf8'));

describe('bad input', () => {
  it('an empty file: the required sections are reported', () => {
    expect(check('').map((d) => d.code)).toEqual(['SOP401', 'SOP401', 'SOP401', 'SOP402', 'SOP402']);
  });

  it('a file of only comments behaves as an empty one', () => {
    expect(check('# satu\n   # dua\n#')).toEqual(check(''));
  });

  it('binary garbage: control characters reported, no throw', () => {
    const bytes = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
    const diags = check(bytes);
    expect(diags.map((d) => d.code)).toContain('SOP114');
  });

  it('a line of 100 000 characters', () => {
    const long = 'x'.repeat(100_000);
    const r = compile(`Nama SOP: ${long}\nPelaksana:\n  - a: A\nProsedur:\n  [a] ${long}\n`);
    expect(r.model.name.length).toBe(100_000);
    expect(r.model.steps[0]!.text.length).toBe(100_000);
    expect(check(long).map((d) => d.code)).toContain('SOP101');
  });

  it('a 5 MB file is checked in one piece', () => {
    const step = '  [a] Melakukan sesuatu yang panjang\n    Waktu: 5 menit\n    Output: Dokumen\n';
    const big = 'Nama SOP: Besar\nPelaksana:\n  - a: A\nProsedur:\n' + step.repeat(Math.ceil(5_000_000 / step.length));
    const start = Date.now();
    const r = compile(big);
    expect(r.model.steps.length).toBeGreaterThan(60_000);
    // Past the size limits (src/model/limits.ts): checked in one piece all the same, and refused for every output.
    expect(r.diagnostics.map((d) => d.code)).toEqual(['SOP401', 'SOP401', 'SOP591', 'SOP594']);
    expect(Date.now() - start).toBeLessThan(30_000); // a hang guard, not a benchmark
  });

  it('an invisible character in a name is shown in the message, not hidden (`a\\u200b` is not `a`)', () => {
    const diags = check('Nama SOP: X\nPelaksana:\n  - a: A\nProsedur:\n  [a\u200b] Dua\n  [a] Tiga\n');
    const d = diags.find((x) => x.code === 'SOP201')!;
    expect(d.message).toBe('Pelaksana `a\\u200b` tidak dideklarasikan di `Pelaksana`.');
  });

  it('unknown labels everywhere: one diagnostic per line', () => {
    const src = Array.from({ length: 50 }, (_, i) => `Label${i}: nilai`).join('\n');
    const diags = check(src).filter((d) => d.code === 'SOP102');
    expect(diags).toHaveLength(50);
    expect(diags.map((d) => d.range.start.line)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });
});

const LINE_PIECES = [
  'Nama SOP: x', 'Pelaksana:', 'Prosedur:', '- a: A', '- b', '[a] Langkah', '@x [a, b] Dua', 'Ya: @x', 'Tidak: selesai',
  'Lanjut: @y', 'Waktu: 5', 'NIP: 1', 'Tanggal Pembuatan: 31-02-2023', '# c', '[', ']', '@', ':', '-', '', '  ', '\t', '*a*', '\\*',
  'Disahkan oleh: K', 'Nama: N', 'Dasar Hukum: z', '[a,,]', '@@ [x]', 'Kelengkapan:', '\u0000', '\ufeff',
];

describe('properties', () => {
  it('never throws on arbitrary text, and is deterministic', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        const a = check(s);
        const b = check(s);
        expect(a).toEqual(b);
        for (const d of a) {
          expect(d.range.start.line).toBeGreaterThanOrEqual(1);
          expect(d.range.start.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on line soups of the language', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINE_PIECES), { maxLength: 60 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => {
        check(lines.join(eol));
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on mutated real SOPs, and diagnostics stay in source order', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(fc.tuple(fc.nat(), fc.nat(20), fc.string({ maxLength: 8 })), { maxLength: 6 }),
        (seed, edits) => {
          let s = seed;
          for (const [at, del, ins] of edits) {
            const i = at % (s.length + 1);
            s = s.slice(0, i) + ins + s.slice(i + del);
          }
          const diags = check(s);
          for (let i = 1; i < diags.length; i++) {
            const a = diags[i - 1]!.range.start;
            const b = diags[i]!.range.start;
            expect(a.line < b.line || (a.line === b.line && a.column <= b.column)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
