/**
 * The formatter: golden files for messy inputs, and properties over every
 * file in sops/ and thousands of generated files: idempotent, meaning kept
 * (the same model), comments kept, diff of a file against its formatted self empty.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateSop } from '../bench/generate.mjs';
import { compile, diff, format } from '../src/index.js';

const dir = join(import.meta.dirname, 'fixtures/format');
const sopsDir = join(import.meta.dirname, '../sops');
const sops = readdirSync(sopsDir).filter((f) => f.endsWith('.sop')).map((f) => readFileSync(join(sopsDir, f), 'utf8'));

/** The model without positions: what must survive formatting. */
function meaning(text: string): unknown {
  const r = compile(text);
  const strip = (o: unknown): unknown =>
    JSON.parse(JSON.stringify(o, (k, v) => (k === 'range' ? undefined : v)));
  return strip(r.model);
}

const comments = (text: string): string[] =>
  text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('#'))
    .map((l) => l.replace(/\s+$/, ''));

describe('format golden files', () => {
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.sop') && !x.endsWith('.expected.sop'))) {
    it(f, async () => {
      const src = readFileSync(join(dir, f), 'utf8');
      const r = format(src);
      expect(r.errors).toEqual([]);
      await expect(r.text).toMatchFileSnapshot(join(dir, f.replace('.sop', '.expected.sop')));
      expect(format(r.text!).text).toBe(r.text);
      expect(meaning(r.text!)).toEqual(meaning(src));
      expect(comments(r.text!).sort()).toEqual(comments(src).sort());
    });
  }

  it('refuses a file with syntax errors', () => {
    const r = format('Nama SOP: x\nLabel Aneh: y\n');
    expect(r.text).toBeNull();
    expect(r.errors.map((e) => e.code)).toEqual(['SOP102']);
  });
});

/** Messes up a canonical text the ways drafters do, without changing its meaning. */
function mess(text: string, r: () => number): string {
  const lines = text.split('\n').map((l) => {
    const t = l.trim();
    if (t === '') return r() < 0.3 ? '' : l;
    const indent = ['', ' ', '\t', '      ', '\t  '][Math.floor(r() * 5)]!;
    let body = t;
    const m = /^([A-Za-z][A-Za-z /.-]*):(.*)$/.exec(t);
    if (m && !t.startsWith('-') && !t.startsWith('[') && !t.startsWith('@')) {
      const label = r() < 0.3 ? m[1]!.toUpperCase() : r() < 0.5 ? m[1]!.toLowerCase() : m[1]!;
      body = `${label.replace(/ /g, r() < 0.5 ? '  ' : ' ')}:${r() < 0.5 ? '   ' : ' '}${m[2]!.trim()}`;
    }
    return indent + body + (r() < 0.2 ? '   ' : '');
  });
  if (r() < 0.3) lines.splice(Math.floor(r() * lines.length), 0, '# komentar acak');
  const eol = r() < 0.3 ? '\r\n' : r() < 0.5 ? '\r' : '\n';
  return (r() < 0.2 ? '\ufeff' : '') + lines.join(eol);
}

describe('format properties', () => {
  it('every SOP of sops/ is canonical already, and formatting keeps its meaning', () => {
    for (const s of sops) {
      expect(format(s).text).toBe(s);
      expect(diff(s, format(s).text!)).toEqual([]);
      expect(diff(s, s)).toEqual([]);
    }
  });

  it('on thousands of generated, messed-up files: idempotent, same meaning, comments kept, no semantic diff', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 10 }), (seed, steps, lanes) => {
        let state = seed;
        const r = (): number => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
        const canonical = generateSop(seed, { steps, lanes });
        const messy = mess(canonical, r);
        const once = format(messy);
        expect(once.errors).toEqual([]);
        expect(format(once.text!).text).toBe(once.text);
        expect(meaning(once.text!)).toEqual(meaning(messy));
        expect(comments(once.text!).sort()).toEqual(comments(messy).sort());
        expect(diff(messy, once.text!)).toEqual([]);
        expect(diff(messy, messy)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
    // A hang guard only: 1000 runs take ~10 s alone, and up to 10x that on the loaded shared machine.
  }, 300_000);
});
