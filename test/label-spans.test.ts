/**
 * The label search's spans (src/layout/route/label-space.ts): merged and walked left to right (mergeSpans,
 * spanAt, as searchNearRun walks a grid), they leave free exactly the left edges inSpans leaves free, so the
 * faster walk places every label where testing each left edge did.
 */
import { describe, expect, it } from 'vitest';
import { inMerged, inSpans, mergedAt, mergeSpans, spanAt, spanEdge, unownedSpans, WALK } from '../src/layout/route/label-space.js';
import type { RouteState } from '../src/layout/route/state.js';
import type { Piece } from '../src/layout/types.js';

/** A small deterministic generator (the same cases on every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('label spans', () => {
  it('the merged walk leaves free exactly the left edges inSpans leaves free', () => {
    const r = rng(20);
    let checked = 0;
    for (let k = 0; k < 300; k++) {
      const borders = Array.from({ length: 1 + Math.floor(r() * 4) }, () => Math.round(r() * 200) - 0.5);
      const pieces: Piece[] = Array.from({ length: Math.floor(r() * 8) }, () => {
        const x = Math.round(r() * 200 * 2) / 2;
        const vertical = r() < 0.5;
        const y = Math.round(r() * 40);
        const len = Math.round(r() * 30);
        return vertical
          ? { x1: x, y1: y, x2: x, y2: y + len, from: 1 + Math.floor(r() * 3), to: 2, arrow: false }
          : { x1: x, y1: y, x2: x + len, y2: y, from: 1 + Math.floor(r() * 3), to: 2, arrow: false };
      });
      const st = { borders } as unknown as RouteState;
      const near = { pieces, symbols: [], labels: [] };
      const lo = Math.round(r() * 40);
      const hi = lo + 120;
      const step = [2, 1, 0.25][k % 3]!;
      const top = Math.round(r() * 30);
      const nb = unownedSpans(st, near, 0, lo - 1, hi + 1, top, 23.3, 7, 3.98, 1, 2);
      const free: number[] = [];
      for (let x = lo; x <= hi; x += step) if (!inSpans(x, nb)) free.push(x);
      const m = mergeSpans(nb);
      // Searched as freeBesideVertex asks them, the merged spans leave free the same left edges.
      const searched: number[] = [];
      for (let x = lo; x <= hi; x += step) if (!inMerged(x, m)) searched.push(x);
      expect(searched).toEqual(free);
      // mergedAt names the span that holds a left edge (walkSlant jumps to its end, or right to left to its start).
      for (let x = lo; x <= hi; x += step) {
        const at = mergedAt(x, m);
        expect(at >= 0).toBe(inMerged(x, m));
        if (at >= 0) expect(spanEdge(at, false) < x && x < spanEdge(at, true)).toBe(true);
      }
      const leftward: number[] = [];
      for (let x = hi; x >= lo; x -= step) {
        const at = mergedAt(x, m);
        if (at >= 0) x = hi - Math.ceil((hi - spanEdge(at, false)) / step) * step + step;
        else leftward.push(x);
      }
      expect(leftward.reverse()).toEqual(free);
      const walked: number[] = [];
      let j = 0;
      for (let x = lo; x <= hi; x += step) {
        if (spanAt(x, m, j)) {
          j = WALK.at;
          x = lo + Math.ceil((WALK.end - lo) / step) * step - step;
          continue;
        }
        j = WALK.at;
        walked.push(x);
      }
      expect(walked).toEqual(free);
      checked += free.length;
    }
    // The cases leave some edges free and block others (the test would pass vacuously otherwise).
    expect(checked).toBeGreaterThan(1000);
  });

  it('a place within 1 mm of a border or of another arrow level with the label is ruled out; its own arrow is not', () => {
    const st = { borders: [99.5] } as unknown as RouteState;
    const own: Piece = { x1: 40, y1: 0, x2: 40, y2: 30, from: 1, to: 2, arrow: false };
    const other: Piece = { x1: 10, y1: 0, x2: 10, y2: 30, from: 3, to: 4, arrow: false };
    const nb = unownedSpans(st, { pieces: [own, other], symbols: [], labels: [] }, 0, 0, 120, 10, 20, 7, 4, 1, 2);
    // Left edges x of a 20 px box: the border at 99.5 rules out (75.5, 103.5); the other arrow at 10 rules out (-14, 14).
    expect(inSpans(80, nb)).toBe(true);
    expect(inSpans(103.6, nb)).toBe(false);
    expect(inSpans(13, nb)).toBe(true);
    expect(inSpans(14.5, nb)).toBe(false);
    // Its own arrow at 40 is no reason: a box at 30 (over it) is left to the other tests.
    expect(inSpans(30, nb)).toBe(false);
  });
});
