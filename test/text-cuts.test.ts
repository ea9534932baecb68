/**
 * A word wider than its cell is cut (text.ts overflowCuts), after punctuation where it can be. Each line walked
 * every punctuation mark of the word: a probe's 960 KB step of "ab/ab/…" (one word of 320 000 slashes) took
 * `sop check` 11 s (its SOP596 measure), and the language server as long on every edit, the time growing with the
 * square of the word's length.
 */
import { describe, expect, it } from 'vitest';
import { overflowCuts } from '../src/layout/text.js';

describe('a long word is cut after its punctuation, in time linear in its length', () => {
  it('the same cuts as walking every mark, on small words', () => {
    const naive = (word: string, avail: number): number[] => {
      // Every character 1 wide: a line holds `avail` characters; after the last mark past its first third.
      const punct: number[] = [];
      for (let i = 1; i < word.length - 1; i++) if ('/.-_:'.includes(word[i]!)) punct.push(i + 1);
      const cuts: number[] = [];
      let from = 0;
      while (word.length - from > avail) {
        let k = from + avail;
        let after = -1;
        for (const p of punct) if (p > from + (k - from) / 3 && p <= k) after = p;
        if (after > 0) k = after;
        else if (k - 1 > from && '-.,'.includes(word[k] ?? '')) k--;
        cuts.push(k);
        from = k;
      }
      return cuts;
    };
    for (const word of ['www.kalbarprov.go.id/e-arsip/berkas/2024', 'SP2D-GU/2024/00001/xx.yy.zz', 'a/b/c/d/e/f/g/h/i/j/k', '0123456789'.repeat(8)])
      for (const avail of [5, 7, 10, 13])
        expect(overflowCuts(word, avail, 1, (a, b) => b - a).map((c) => c.at), `${word} in ${avail}`).toEqual(naive(word, avail));
  });

  it('a word of 200 000 slashes is cut in well under a second', () => {
    const word = 'ab/'.repeat(200_000);
    const started = Date.now();
    const cuts = overflowCuts(word, 10, 1, (a, b) => b - a);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(cuts.length).toBe(Math.ceil(word.length / 9) - 1);
    expect(cuts.every((c) => word[c.at - 1] === '/')).toBe(true);
  });
});
