/**
 * Where a label box would touch something in a row's core band: the band's edges, lane borders, pieces,
 * symbols and other labels (docs/drawing-contract.md, "labels touch no line, border or symbol"). Used to place
 * labels (labels.ts) and to weigh the exits of a labelled branch (points.ts).
 */
import { LABEL_PX } from '../geometry.js';
import type { LabelMark, Piece, SymbolMark } from '../types.js';
import { markHalfH, markHalfW } from './end-mark.js';
import type { RowBuilder } from '../route.js';
import type { RouteState } from './state.js';
import { keyNum, keyWord } from '../../util/num-key.js';

/** Label glyph boxes at LABEL_PX (templates/sop.css .flow-label, Arial; at 10 px: Ya 12.2, Tidak 24.4, caps 7.2). */
export const LABEL_WIDTH: Record<'Ya' | 'Tidak', number> = { Ya: 1.23 * LABEL_PX, Tidak: 2.45 * LABEL_PX };
export const LABEL_ASCENT = 0.74 * LABEL_PX;

/** A placed label's left edge (its x is where its text is anchored: start, end or middle). */
export function labelLeft(l: LabelMark): number {
  return l.anchor === 'start' ? l.x : l.anchor === 'end' ? l.x - LABEL_WIDTH[l.text] : l.x - LABEL_WIDTH[l.text] / 2;
}

/** Whether a piece (of the core band: y numbers) reaches into the box L..R, T..B, its edges included. */
export function pieceInBox(p: Piece, L: number, T: number, R: number, B: number): boolean {
  const y1 = p.y1 as number;
  const y2 = p.y2 as number;
  return Math.max(p.x1, p.x2) >= L && Math.min(p.x1, p.x2) <= R && Math.max(y1, y2) >= T && Math.min(y1, y2) <= B;
}

/**
 * Whether a piece is the join of step `step`'s own symbols (a multi-lane step): it names no branch, so a label of
 * that step's decision does not weigh it as another arrow (labels.ts nearerOwn, unownedSpans, faults.ts; the quality
 * report likewise).
 */
export const ownJoin = (p: Pick<Piece, 'from' | 'to'>, step: number): boolean => p.from === step && p.to === step;

/** The distance from a box (L, T, R, B) to a piece of the core band (y numbers): 0 when it reaches into the box. */
export function boxToPiece(p: Piece, L: number, T: number, R: number, B: number): number {
  const y1 = p.y1 as number;
  const y2 = p.y2 as number;
  const dx = Math.max(0, L - Math.max(p.x1, p.x2), Math.min(p.x1, p.x2) - R);
  const dy = Math.max(0, T - Math.max(y1, y2), Math.min(y1, y2) - B);
  // Math.hypot is several times slower than the square root, and this runs for every piece of every place tried.
  return dx === 0 ? dy : dy === 0 ? dx : Math.sqrt(dx * dx + dy * dy);
}

/** What a label box may touch in a row's core band. */
export interface Obstacles {
  pieces: readonly Piece[];
  symbols: readonly SymbolMark[];
  labels: readonly LabelMark[];
}

/**
 * The pieces, symbols and labels of a row's core band that reach into a box (left, top, right, bottom), in the
 * row's order. Plain loops: every label place searched, and every side exit weighed, gathers these (three filters
 * with their closures made garbage enough to show in the collector's share).
 */
export function obstaclesNear(st: RouteState, row: RowBuilder, L: number, T: number, R: number, B: number): Obstacles {
  const { sym } = st;
  const { pieces, symbols, labels } = row.core;
  const ps: Piece[] = [];
  for (let i = 0; i < pieces.length; i++) if (pieceInBox(pieces[i]!, L, T, R, B)) ps.push(pieces[i]!);
  const ss: SymbolMark[] = [];
  for (let i = 0; i < symbols.length; i++) {
    const s = symbols[i]!;
    if (s.kind === 'connector') continue;
    const w = markHalfW(sym, s);
    const h = markHalfH(sym, s);
    if (s.x + w + 0.8 >= L && s.x - w - 0.8 <= R && s.y + h + 0.8 >= T && s.y - h - 0.8 <= B) ss.push(s);
  }
  const ls: LabelMark[] = [];
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    const lx = labelLeft(l);
    if (lx <= R && lx + LABEL_WIDTH[l.text] >= L && l.y >= T && l.y - LABEL_ASCENT <= B) ls.push(l);
  }
  return { pieces: ps, symbols: ss, labels: ls };
}

/**
 * Adds what a label box may touch to the key being built (util/num-key.ts): the pieces, symbols and labels, and
 * with `flows` the flow of each piece and label (a memo of label places: labels.ts placeKey; of label room, points.ts slantRoom).
 */
export function keyObstacles(near: Obstacles, flows: boolean): void {
  keyNum(near.pieces.length);
  for (const p of near.pieces) {
    // A core band's pieces end at numbers (labelHits), and flow to a step or the end (-1).
    keyNum(p.x1);
    keyNum(p.y1 as number);
    keyNum(p.x2);
    keyNum(p.y2 as number);
    if (flows) {
      keyNum(p.from);
      keyNum(p.to === 'selesai' ? -1 : p.to);
    }
  }
  keyNum(near.symbols.length);
  for (const m of near.symbols) {
    keyWord(m.kind);
    keyNum(m.x);
    keyNum(m.y);
    if (m.kind === 'end') keyNum(m.w ?? 0);
  }
  keyNum(near.labels.length);
  for (const l of near.labels) {
    keyWord(l.text);
    keyWord(l.anchor);
    keyNum(l.x);
    keyNum(l.y);
    if (flows) {
      keyNum(l.from);
      keyNum(l.to === 'selesai' ? -1 : l.to);
    }
  }
}

/**
 * The spans of left edges x in [lo, hi] at which a label box (x, top, w, h, pad as labelHits) surely touches
 * something, written into SPANS (from, to, exclusive, each drawn in by a hair so that rounding cannot make
 * a free box look taken); their count, or -1 when every box of that top touches the band's edge. A box left
 * outside them is then tried with labelHits, which decides: the spans only save it the boxes that cannot win.
 */
export function blockedSpans(st: RouteState, row: RowBuilder, near: Obstacles, lo: number, hi: number, top: number, w: number, h: number, pad: number): number {
  const { sym } = st;
  const T = top - pad;
  const B = top + h + pad + 1.2;
  if (T < 0.5 || B > row.core.height - 0.5) return -1;
  let n = 0;
  const borders = st.borders;
  for (let i = 0; i < borders.length; i++) {
    const bx = borders[i]!;
    n = addSpan(n, lo, hi, bx - w - pad - 0.5, bx + pad + 0.5);
  }
  for (let i = 0; i < near.pieces.length; i++) {
    const p = near.pieces[i]!;
    const y1 = p.y1 as number;
    const y2 = p.y2 as number;
    if (Math.max(y1, y2) >= T && Math.min(y1, y2) <= B) n = addSpan(n, lo, hi, Math.min(p.x1, p.x2) - w - pad, Math.max(p.x1, p.x2) + pad);
  }
  for (let i = 0; i < near.symbols.length; i++) {
    const s = near.symbols[i]!;
    if (s.kind === 'connector') continue;
    const hw = markHalfW(sym, s) + 0.8;
    const dy = Math.abs(Math.min(Math.max(s.y, T), B) - s.y) / (markHalfH(sym, s) + 0.8);
    // The box touches when its nearest point to the centre lies within m across (the diamond narrows with dy).
    const m = s.kind === 'decision' ? (1 - dy) * hw : dy <= 1 ? hw : -1;
    if (m >= 0) n = addSpan(n, lo, hi, s.x - m - w - pad, s.x + m + pad);
  }
  for (let i = 0; i < near.labels.length; i++) {
    const l = near.labels[i]!;
    if (!(l.y - h < B && l.y > T)) continue;
    const lw = LABEL_WIDTH[l.text];
    const lx = labelLeft(l);
    n = addSpan(n, lo, hi, lx - w - pad, lx + lw + pad);
  }
  return n;
}

/**
 * More spans (after the first nb) where a label box (x, top, w, glyphs from top - 1 to top + h + 1) cannot be
 * its arrow's plainly (labels.ts owned): within `margin` of a lane border, or of a piece of another arrow level
 * with it (owned wants every other piece `margin` farther than its own). The new count.
 */
export function unownedSpans(st: RouteState, near: Obstacles, nb: number, lo: number, hi: number, top: number, w: number, h: number, margin: number, from: number, to: unknown): number {
  let n = nb;
  const T = top - 1;
  const B = top + h + 1;
  for (const bx of st.borders) n = addSpan(n, lo, hi, bx - w - margin, bx + margin);
  for (const p of near.pieces) {
    // The wish's own arrow, and its decision's own join (owned's test does not weigh it either).
    if ((p.from === from && p.to === to) || ownJoin(p, from)) continue;
    const y1 = p.y1 as number;
    const y2 = p.y2 as number;
    if (Math.max(y1, y2) >= T && Math.min(y1, y2) <= B) n = addSpan(n, lo, hi, Math.min(p.x1, p.x2) - w - margin, Math.max(p.x1, p.x2) + margin);
  }
  return n;
}

/**
 * How many things a label box (left, top, width, height) in a row's core band would touch, counting up to
 * `limit`: the band's edges, lane borders, and the row's pieces, symbols and labels (or those of `near`, when
 * the box lies inside the area they were gathered from).
 */
export function labelHits(st: RouteState, row: RowBuilder, x: number, y: number, w: number, h: number, pad = 1, near: Obstacles = row.core, limit = Infinity): number {
  const { sym } = st;
  const L = x - pad;
  const R = x + w + pad;
  const T = y - pad;
  // The label's white patch reaches 1.2 px under the baseline (emit/html/view-model.ts labelBox).
  const B = y + h + pad + 1.2;
  let n = 0;
  if (T < 0.5 || B > row.core.height - 0.5) n++;
  const borders = st.borders;
  for (let i = 0; i < borders.length && n < limit; i++) {
    const bx = borders[i]!;
    if (bx > L - 0.5 && bx < R + 0.5) n++;
  }
  for (let i = 0; i < near.pieces.length; i++) {
    if (n >= limit) return n;
    const p = near.pieces[i]!;
    const y1 = p.y1 as number;
    const y2 = p.y2 as number;
    if (Math.max(p.x1, p.x2) >= L && Math.min(p.x1, p.x2) <= R && Math.max(y1, y2) >= T && Math.min(y1, y2) <= B) n++;
  }
  for (let i = 0; i < near.symbols.length; i++) {
    if (n >= limit) return n;
    const s = near.symbols[i]!;
    if (s.kind === 'connector') continue;
    // A diamond is |dx|/(w/2) + |dy|/(h/2) <= 1, the others their box. Both measures grow with |dx| and
    // |dy| separately, so the box's point nearest the centre (the centre clamped into it) decides, exactly.
    const hw = markHalfW(sym, s);
    const hh = markHalfH(sym, s);
    const dx = Math.abs(Math.min(Math.max(s.x, L), R) - s.x) / (hw + 0.8);
    const dy = Math.abs(Math.min(Math.max(s.y, T), B) - s.y) / (hh + 0.8);
    if (s.kind === 'decision' ? dx + dy <= 1 : dx <= 1 && dy <= 1) n++;
  }
  for (let i = 0; i < near.labels.length; i++) {
    if (n >= limit) return n;
    const l = near.labels[i]!;
    const lw = LABEL_WIDTH[l.text];
    const lx = labelLeft(l);
    if (lx < R && lx + lw > L && l.y - h < B && l.y > T) n++;
  }
  return n;
}

/** Scratch room for blockedSpans (pairs from, to); 0.001 px: far above rounding, far below the 0.25 px grid. */
const SPANS = new Float64Array(512);
const HAIR = 1e-3;

/**
 * The first nb spans of SPANS sorted and merged where they overlap (open intervals: a shared end stays free),
 * in place; their new count. inSpans then still holds, and nextFree may walk them in order.
 */
export function mergeSpans(nb: number): number {
  if (nb < 2) return nb;
  // Insertion sort by start: a handful of spans.
  for (let i = 1; i < nb; i++) {
    const a = SPANS[2 * i]!;
    const b = SPANS[2 * i + 1]!;
    let j = i - 1;
    while (j >= 0 && SPANS[2 * j]! > a) {
      SPANS[2 * j + 2] = SPANS[2 * j]!;
      SPANS[2 * j + 3] = SPANS[2 * j + 1]!;
      j--;
    }
    SPANS[2 * j + 2] = a;
    SPANS[2 * j + 3] = b;
  }
  let m = 0;
  for (let i = 0; i < nb; i++) {
    const a = SPANS[2 * i]!;
    const b = SPANS[2 * i + 1]!;
    if (!(a < b)) continue;
    if (m > 0 && a < SPANS[2 * m - 1]!) {
      if (b > SPANS[2 * m - 1]!) SPANS[2 * m - 1] = b;
    } else {
      SPANS[2 * m] = a;
      SPANS[2 * m + 1] = b;
      m++;
    }
  }
  return m;
}

/**
 * Merged spans (mergeSpans) walked left to right: from span index j on, the span that holds x (j advanced past
 * those ending at or before x); -1 when x is free. Returns the span's end in END and its index in AT.
 */
export const WALK = { at: 0, end: 0 };
export function spanAt(x: number, nb: number, j: number): boolean {
  while (j < nb && SPANS[2 * j + 1]! <= x) j++;
  WALK.at = j;
  if (j < nb && SPANS[2 * j]! < x) {
    WALK.end = SPANS[2 * j + 1]!;
    return true;
  }
  return false;
}

/**
 * The first left edge x, x + step, ... of a grid from `lo` that lies in none of the merged spans (mergeSpans), walked
 * left to right from span WALK.at on (0 for each new walk): a left inside a span jumps to the grid's first past its
 * end. The label searches walk their lefts so (labels.ts searchNearRun, label-reach.ts ownedInReach).
 */
export function nextFree(x: number, lo: number, step: number, nb: number): number {
  // "- step + step" as the walks wrote it (a jump to the left before, then the loop's step): the same floating-point
  // lefts, so that no label moves.
  while (spanAt(x, nb, WALK.at)) x = lo + Math.ceil((WALK.end - lo) / step) * step - step + step;
  return x;
}

/** inSpans for merged spans (mergeSpans: sorted, apart). */
export const inMerged = (x: number, nb: number): boolean => mergedAt(x, nb) >= 0;

/** The merged span (mergeSpans) that holds x: a binary search for the last that starts before x; its index, or -1 when x is free. */
export function mergedAt(x: number, nb: number): number {
  let lo = 0;
  let hi = nb;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (SPANS[2 * mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && x < SPANS[2 * lo - 1]! ? lo - 1 : -1;
}

/** Where span j starts (end false) or ends (end true). */
export const spanEdge = (j: number, end: boolean): number => SPANS[2 * j + (end ? 1 : 0)]!;

/** Whether x lies inside one of the first nb spans of SPANS (a box there surely touches something). */
export function inSpans(x: number, nb: number): boolean {
  for (let i = 0; i < nb; i++) if (x > SPANS[2 * i]! && x < SPANS[2 * i + 1]!) return true;
  return false;
}

/** Writes span n (from a to b, drawn in by HAIR) into SPANS unless it misses [lo, hi] or SPANS is full; the new count. */
function addSpan(n: number, lo: number, hi: number, a: number, b: number): number {
  if (b < lo || a > hi || n >= SPANS.length / 2) return n;
  SPANS[2 * n] = a + HAIR;
  SPANS[2 * n + 1] = b - HAIR;
  return n + 1;
}
