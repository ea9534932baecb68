/**
 * Issue 20 item 1, labels belong to one arrow visibly: two labels on one line a word space apart read as one
 * phrase ("Ya Tidak" under a diamond, a page reviewer's finding), and two one over the other corner to corner as
 * one block. The quality report's `labels side by side` (test/helpers/drawing-quality.mjs): two labels whose glyphs
 * share a line, under 2 mm apart, no vertical line between them; or on lines under 1 mm apart and under 1 mm apart
 * along them, no line between them. labels.ts placeLabels places such a pair's labels again, one at a time, where
 * they keep apart.
 */
import { LABEL_PX, PX_PER_MM } from '../geometry.js';
import type { LabelMark, Piece } from '../types.js';
import { LABEL_WIDTH, labelLeft } from './label-space.js';

/**
 * The glyphs' box as test/helpers/drawing-quality.mjs measures it, from the baseline: Arial's ascent 0.905 and
 * descent 0.212 of the font size, less 0.2 and 0.15 of that height.
 */
export const INK_ABOVE = (0.905 - 0.2 * 1.117) * LABEL_PX;
export const INK_BELOW = (0.212 - 0.15 * 1.117) * LABEL_PX;

/**
 * 2 mm between two labels' boxes on one line (the report measures the glyphs, 0.5 px inside each end, so this
 * keeps 1 px more; the browser's Arial is not quite LABEL_WIDTH).
 */
const APART = 2 * PX_PER_MM;

/**
 * 1 mm (and 1 px for the browser's rounding): two labels on lines nearer than this, and nearer than this along them,
 * read as one block too ("Tidak" over "Ya" beside a decision's vertex, 0.2-0.4 mm apart: a page reviewer's finding
 * on two SOPs of sops/), unless a line between parts them.
 */
const NEAR_LINES = PX_PER_MM + 1;

/**
 * Whether a label box (left x, right R, baseline base) lies side by side with `l`: on its line under APART from it,
 * or on a line under NEAR_LINES away and under NEAR_LINES from it along the lines; no piece between.
 */
export function sideBySide(pieces: readonly Piece[], l: LabelMark, x: number, R: number, base: number): boolean {
  const lx = labelLeft(l);
  const lR = lx + LABEL_WIDTH[l.text];
  // Their glyphs share a line (0.5 px more, for the browser's rounding).
  const rise = Math.abs(l.y - base) - (INK_ABOVE + INK_BELOW);
  if (rise >= 0.5) return rise < NEAR_LINES && lx < R + NEAR_LINES && lR > x - NEAR_LINES && !partedAcross(pieces, l, x, R, base);
  if (lx >= R + APART || lR <= x - APART) return false;
  // A vertical piece between them, across the line, parts them (a label either side of a run down).
  const lo = Math.min(R, lR);
  const hi = Math.max(x, lx);
  const top = Math.max(l.y, base) - INK_ABOVE;
  const bottom = Math.min(l.y, base) + INK_BELOW;
  return !pieces.some((p) => p.x1 === p.x2 && p.x1 > lo && p.x1 < hi && typeof p.y1 === 'number' && typeof p.y2 === 'number' && Math.min(p.y1, p.y2) < bottom && Math.max(p.y1, p.y2) > top);
}

/** The pairs of `labels` side by side (their indices, the later one first: it is placed again first). */
export function sideBySidePairs(pieces: readonly Piece[], labels: readonly LabelMark[]): [number, number][] {
  const pairs: [number, number][] = [];
  for (let j = 1; j < labels.length; j++) {
    const b = labels[j]!;
    const x = labelLeft(b);
    for (let i = 0; i < j; i++) if (sideBySide(pieces, labels[i]!, x, x + LABEL_WIDTH[b.text], b.y)) pairs.push([j, i]);
  }
  return pairs;
}

/**
 * `part` called for each pair of `labels` side by side (sideBySidePairs), in order, when the pair still is: `part`
 * may place either label again (labels.ts placeApart, label-far.ts farLabels), so a later pair is measured anew.
 */
export function eachSideBySide(pieces: readonly Piece[], labels: readonly LabelMark[], part: (j: number, i: number) => void): void {
  for (const [j, i] of sideBySidePairs(pieces, labels)) {
    const b = labels[j]!;
    const x = labelLeft(b);
    if (sideBySide(pieces, labels[i]!, x, x + LABEL_WIDTH[b.text], b.y)) part(j, i);
  }
}

/** Whether a line lies between two labels one over the other (a run sideways between their lines, or a run down between their ends). */
function partedAcross(pieces: readonly Piece[], l: LabelMark, x: number, R: number, base: number): boolean {
  const lx = labelLeft(l);
  const lR = lx + LABEL_WIDTH[l.text];
  const upper = Math.min(l.y, base) + INK_BELOW;
  const lower = Math.max(l.y, base) - INK_ABOVE;
  const num = (p: Piece): p is Piece & { y1: number; y2: number } => typeof p.y1 === 'number' && typeof p.y2 === 'number';
  return pieces.some(
    (p) =>
      num(p) &&
      ((p.y1 === p.y2 && p.y1 > upper && p.y1 < lower && Math.max(p.x1, p.x2) > Math.max(lx, x) - NEAR_LINES && Math.min(p.x1, p.x2) < Math.min(lR, R) + NEAR_LINES) ||
        (p.x1 === p.x2 && p.x1 > Math.min(lR, R) && p.x1 < Math.max(lx, x) && Math.min(p.y1, p.y2) < lower && Math.max(p.y1, p.y2) > upper)),
  );
}
