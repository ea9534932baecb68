/**
 * The importer on untrusted text: mutated seeds and random tables never
 * throw, never hang, and every draft it makes parses without a syntax
 * error (so `sop fmt` and `sop check` take it), is canonical, and keeps
 * its guesses on lines of the draft.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, format } from '../src/index.js';
import { importText } from '../src/import/import.js';

const dir = join(import.meta.dirname, 'fixtures/import/seeds');
const seeds = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));

function holds(text: string): void {
  for (const d of importText(text, { source: 'x' })) {
    expect(check(d.text).filter((x) => x.code.startsWith('SOP1'))).toEqual([]);
    expect(format(d.text).text).toBe(d.text);
    const lines = d.text.split('\n').length;
    for (const g of d.guesses) expect(g.range.start.line).toBeLessThanOrEqual(lines);
  }
}

describe('sop import: untrusted text', () => {
  it('mutated seeds: no throw, drafts that parse and are canonical', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(fc.tuple(fc.nat(), fc.nat(40), fc.constantFrom('\t', '\n', ' ', '1', 'Tidak', 'Ya', '*', '[x]', '@', '#', ':', '- ', 'Pelaksana', 'jika tidak', 'kepada ', '\u0000', '\u202e', 'Т')), { maxLength: 8 }),
        (seed, edits) => {
          let s = seed;
          for (const [at, del, ins] of edits) {
            const i = at % (s.length + 1);
            s = s.slice(0, i) + ins + s.slice(i + del);
          }
          holds(s);
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);

  it('random tables under a real header: no throw, drafts that parse', () => {
    const header = 'No\tKegiatan\tPelaksana\t\tMutu Baku\t\t\tKet\n\t\tA\tB\tKelengkapan\tWaktu\tOutput\t\n';
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 12 }), { maxLength: 9 }), { maxLength: 12 }), (rows) => {
        holds(header + rows.map((r, i) => [String(i + 1), ...r].join('\t')).join('\n'));
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('a huge header (thousands of lanes) and long lines stay quick', () => {
    const lanes = Array.from({ length: 3000 }, (_v, i) => `Pejabat ${i}`).join('\t');
    const text = `No\tKegiatan\tPelaksana\tMutu Baku\n\t\t${lanes}\tKelengkapan\tWaktu\tOutput\n${Array.from({ length: 200 }, (_v, i) => `${i + 1}\t${'Menyerahkan kepada Pejabat 7 '.repeat(50)}\tx\t5 menit\ty`).join('\n')}\n`;
    const t = Date.now();
    importText(text, { source: 'x' });
    expect(Date.now() - t).toBeLessThan(10_000);
  }, 30_000);
});
