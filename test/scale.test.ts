/**
 * Big inputs fail fast and clearly (issue 11 items 5 and 6): no stack
 * overflow from spreading an unbounded array into a call, code frames in
 * linear time, and a cap on the diagnostics printed per file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, parse } from '../src/index.js';
import { lineAt } from '../src/diagnostics/code-frame.js';
import { renderPretty } from '../src/cli/reporters.js';

describe('no stack overflow on big inputs', () => {
  it('500 000 lines of `x`: one SOP101 per line, no throw', () => {
    const diags = parse('x\n'.repeat(500_000)).diagnostics;
    expect(diags.filter((d) => d.code === 'SOP101')).toHaveLength(500_000);
  });

  it('a loop of 130 000 steps: one SOP306 at its first step, pointing at its last', () => {
    const n = 130_000;
    const steps = Array.from({ length: n }, (_, i) => (i === 0 ? '  @awal [a] Langkah\n' : '  [a] Langkah\n')).join('');
    const src = `Nama SOP: Putaran\nPelaksana:\n  - a: A\nProsedur:\n${steps}    Lanjut: @awal\n`;
    const loops = check(src).filter((d) => d.code === 'SOP306');
    expect(loops).toHaveLength(1);
    expect(loops[0]!.range.start.line).toBe(5);
    expect(loops[0]!.related?.[0]?.range.start.line).toBe(4 + n);
  });

  it('no source file spreads an array into a call (`f(...xs)`)', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(join(import.meta.dirname, '../src'));
    const offenders: string[] = [];
    for (const f of files) {
      readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
        if (/^\s*(\*|\/\/)/.test(line)) return; // comments
        // A spread right after `(` or `, ` inside a call; object and array literals are fine.
        if (/\b(push|unshift|max|min|concat|fromCharCode|fromCodePoint|splice)\((?:[^()]*,\s*)?\.\.\./.test(line)) offenders.push(`${f}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});

describe('code frames of many diagnostics', () => {
  it('lineAt indexes LF, CRLF and CR line ends', () => {
    const text = 'satu\r\ndua\rtiga\nempat';
    expect([1, 2, 3, 4, 5].map((n) => lineAt(text, n))).toEqual(['satu', 'dua', 'tiga', 'empat', '']);
    expect(lineAt('a\n', 2)).toBe('');
  });

  it('prints at most 100 code frames per file, then how many more', () => {
    const text = 'x\n'.repeat(30_000);
    const diags = check(text, { file: 'besar.sop' });
    const out = renderPretty(diags, new Map([['besar.sop', text]]), false, 'id');
    expect(out.match(/\[SOP\d+\]/g)).toHaveLength(100);
    expect(out).toContain(`… dan ${(diags.length - 100).toLocaleString('en').replace(/,/g, ' ')} lainnya di besar.sop (semuanya: --format json)`);
    expect(renderPretty(diags, new Map([['besar.sop', text]]), false, 'en')).toMatch(/… and 29 9\d\d more in besar\.sop/);
  });
});
