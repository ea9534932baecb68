import { describe, expect, it } from 'vitest';
import { keyNum, keyStart, keyWord, memoOf, NumMemo } from '../src/util/num-key.js';

/** The entry of a key made of these numbers (and words). */
function entryOf<V>(memo: NumMemo<V>, parts: readonly (number | string)[]): { value: V | undefined } {
  keyStart();
  for (const p of parts) if (typeof p === 'number') keyNum(p);
  else keyWord(p);
  return memo.entry();
}

describe('num-key (the label memos: route/points.ts slantRoom, route/labels.ts placeLabels)', () => {
  it('finds the entry of the same numbers in the same order, and only that one', () => {
    const memo = new NumMemo<string>();
    entryOf(memo, [1.25, 2, 'Tidak']).value = 'a';
    expect(entryOf(memo, [1.25, 2, 'Tidak']).value).toBe('a');
    // As a printed key: 0 and -0 alike.
    entryOf(memo, [0, 3]).value = 'zero';
    expect(entryOf(memo, [-0, 3]).value).toBe('zero');
    for (const other of [[2, 1.25, 'Tidak'], [1.25, 2, 'Ya'], [1.25, 2], [1.25, 2, 'Tidak', 0], [1.2500000000000002, 2, 'Tidak']])
      expect(entryOf(memo, other).value).toBeUndefined();
  });

  it('keeps thousands of keys apart (entries sharing a hash are told apart by their numbers)', () => {
    const memo = new NumMemo<number>();
    const keys = Array.from({ length: 5000 }, (_, i) => [i % 7, (i * 0.25) % 13, Math.floor(i / 3) + 0.1]);
    const first = new Map<string, number>();
    keys.forEach((k, i) => {
      if (!first.has(k.join(','))) first.set(k.join(','), i);
      entryOf(memo, k).value ??= i;
    });
    for (const k of keys) expect(entryOf(memo, k).value).toBe(first.get(k.join(',')));
    expect(first.size).toBeGreaterThan(1000);
  });

  it('keeps one memo per owner, none without one', () => {
    const store = new WeakMap<object, NumMemo<number>>();
    const a = {};
    expect(memoOf(store, a)).toBe(memoOf(store, a));
    expect(memoOf(store, {})).not.toBe(memoOf(store, a));
    expect(memoOf(store, undefined)).toBeNull();
  });
});
