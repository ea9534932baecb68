/**
 * Ya/Tidak labels (docs/drawing-contract.md, "Labels", "Narrow lanes"): each labelled branch asks for a label
 * where its arrow leaves the symbol (a wish, made as it is routed); once every line is drawn, each goes beside
 * the run that leaves the vertex, at the nearest place that touches nothing (label-space.ts decides what touches).
 */
import type { FlowEdge } from '../../model/model.js';
import { LABEL_PX, PX_PER_MM } from '../geometry.js';
import type { LabelMark, Piece } from '../types.js';
import type { RowBuilder } from '../route.js';
import { OWN_MARGIN } from './points.js';
import { blockedSpans, boxToPiece, inMerged, keyObstacles, labelLeft, ownJoin, pieceInBox, LABEL_ASCENT, LABEL_WIDTH, labelHits, mergeSpans, nextFree, obstaclesNear, unownedSpans, WALK, type Obstacles } from './label-space.js';
import { ownedInReach } from './label-reach.js';
import { eachSideBySide, INK_ABOVE, INK_BELOW, sideBySide } from './label-apart.js';
import { borderX, g, laneAt, round, rowAt, type Exit, type LabelWish, type Pt, type RouteState } from './state.js';
import { keyNum, keyStart, keyWord, memoOf, type NumMemo } from '../../util/num-key.js';

// ---- wishes: where each labelled branch leaves ----

/** A labelled ordinary flow: beside its run down from the bottom vertex (xs), which jogs to xt under the symbol. */
export function wishPrimary(st: RouteState, e: FlowEdge, page: number, r: number, lane: number, xs: number, xt: number): void {
  if (!e.label) return;
  const { symBottom, hc, jogY } = st;
  st.labelWishes.push({ page, r, text: e.label, from: e.from, to: e.to, at: { x: xs, r, y: symBottom }, first: 'down', then: xt === xs ? 'down' : xt < xs ? 'left' : 'right', lane, end: { x: xs, y: xt === xs ? hc : jogY } });
}

/** A labelled branch routed from exit `ex` along the polyline pts: beside its first run. */
export function wishAlong(st: RouteState, e: FlowEdge, page: number, ex: Exit, pts: readonly Pt[]): void {
  if (!e.label) return;
  const first = ex.side === 'B' ? 'down' : ex.side === 'T' ? 'up' : ex.side === 'L' ? 'left' : 'right';
  const second = pts[2] ?? pts[1]!;
  const corner = pts[1]!;
  const then = ex.side === 'B' || ex.side === 'T' ? (second.x < corner.x ? 'left' : 'right') : g(second.r, second.y) < g(corner.r, corner.y) ? 'up' : 'down';
  st.labelWishes.push({ page, r: ex.at.r, text: e.label, from: e.from, to: e.to, at: ex.at, first, then, lane: ex.lane, end: corner.r === ex.at.r ? corner : { x: corner.x, y: st.hc } });
}

/**
 * A labelled branch to the end: beside its stub from `ex` (end-mark.ts endPlace). A stub down from a side vertex is
 * labelled as one leaving that side and turning down (its label away from the turn, above the side's level).
 */
export function wishEnd(st: RouteState, e: FlowEdge, page: number, r: number, ex: Exit, pts: readonly Pt[]): void {
  if (!e.label) return;
  const first = ex.side === 'B' ? 'down' : ex.side === 'L' ? 'left' : 'right';
  const then = ex.side !== 'B' && pts[pts.length - 1]!.y !== ex.at.y ? 'down' : 'none';
  st.labelWishes.push({ page, r, text: e.label, from: e.from, to: 'selesai', at: ex.at, first, then, lane: ex.lane, end: pts[1]! });
}

// ---- placement, once every line is drawn ----

/** A label box's left edge and top, and which end its text is anchored at. */
interface Place {
  readonly x: number;
  readonly y: number;
  /** 'middle': x is the box's centre (a label on its run: onRun). */
  readonly anchor: 'start' | 'end' | 'middle';
}

/** Places every Ya/Tidak label; how many found no free place (each then touches as little as it can). */
export function placeLabels(st: RouteState): number {
  let astray = 0;
  const wishes = st.labelWishes;
  // Labels of branches leaving by a side first: they have the fewest places; a label beside a downward run has more.
  const order = [...wishes.filter((w) => w.first !== 'down'), ...wishes.filter((w) => w.first === 'down')];
  const wishOf = new Map<LabelMark, number>();
  const wishIndex = new Map(wishes.map((w, i) => [w, i]));
  const rows = new Set<RowBuilder>();
  const memo = memoOf(placedMemo, st.inp.slantCache);
  for (const w of order) {
    const row = rowAt(st, w.page, w.r);
    let placed: { place: Place; hits: number };
    if (memo) {
      placeKey(row, w);
      const e = memo.entry();
      placed = e.value ??= placeLabel(st, row, w);
    } else placed = placeLabel(st, row, w);
    const { place, hits } = placed;
    if (hits > 0) astray++;
    const lx = place.anchor === 'end' ? place.x + LABEL_WIDTH[w.text] : place.x;
    const mark: LabelMark = { x: round(lx), y: round(place.y + LABEL_ASCENT), text: w.text, anchor: place.anchor, from: w.from, to: w.to };
    row.core.labels.push(mark);
    wishOf.set(mark, wishIndex.get(w)!);
    rows.add(row);
  }
  // Each row's labels in the order their flows were routed (as before the side-first placement).
  for (const row of rows) row.core.labels.sort((p, q) => (wishOf.get(p) ?? -1) - (wishOf.get(q) ?? -1));
  for (const row of rows) placeApart(st, row, (l) => wishes[wishOf.get(l)!]!, wishOf);
  return astray;
}

/**
 * The row's labels, while placeApart places one again: owned() then refuses a place side by side with any of
 * them (label-apart.ts); null otherwise.
 */
let apart: { labels: readonly LabelMark[]; pieces: readonly Piece[] } | null = null;

/** `f` run with owned() refusing a place side by side with any of the row's labels (as placeApart asks; label-far.ts). */
export function keptApart<T>(row: RowBuilder, f: () => T): T {
  const was = apart;
  apart = { labels: row.core.labels, pieces: row.core.pieces };
  try {
    return f();
  } finally {
    apart = was;
  }
}

/**
 * Issue 20 item 1: two labels of a row side by side (on one line under 2 mm apart, no line between: they read as
 * one phrase, "Ya Tidak"): the later one, else the earlier one, placed again among the others where it keeps
 * apart from every one, if it finds such a place it owns; else both stay. Labels elsewhere do not move.
 */
function placeApart(st: RouteState, row: RowBuilder, wishOfMark: (l: LabelMark) => LabelWish, wishOf: Map<LabelMark, number>): void {
  const { labels } = row.core;
  // Each pair once, in order (a label placed again keeps apart from all, so it makes no new pair).
  eachSideBySide(row.core.pieces, labels, (j, i) => {
    if (!againApart(st, row, j, wishOfMark(labels[j]!), wishOf)) againApart(st, row, i, wishOfMark(labels[i]!), wishOf);
  });
}

/** againApart's places (or none) for one layout, by placeKey (as placedMemo). */
const apartMemo = new WeakMap<object, NumMemo<{ place: Place | null }>>();

/** Label i of the row placed again, apart from the others, in place of the old one: whether it found an owned place. */
function againApart(st: RouteState, row: RowBuilder, i: number, w: LabelWish, wishOf: Map<LabelMark, number>): boolean {
  const { labels } = row.core;
  const old = labels[i]!;
  labels.splice(i, 1);
  apart = { labels, pieces: row.core.pieces };
  try {
    // Its own search first; else anywhere within reach of the vertex (label-reach.ts), not on a long procedure's
    // pages (as placeLabel): there it found no place more on the 200-step layout-hash cases and took 2 % of a
    // 1 000-step layout.
    const search = (): { place: Place | null } => {
      const found = ownedApart(st, row, w, placeLabel(st, row, w));
      return { place: found ?? (st.inp.pages ? null : ownedApart(st, row, w, { place: ownedInReach(st, row, w, VERTEX_REACH, (near, wish, lx, ly) => owned(st, near, wish, lx, ly)), hits: 0 })) };
    };
    // Kept for the layout's tries as placeLabel's places are (placedMemo), by the same key: the row without this label.
    const memo = memoOf(apartMemo, st.inp.slantCache);
    if (memo) placeKey(row, w);
    const { place } = memo ? (memo.entry().value ??= search()) : search();
    if (!place) {
      labels.splice(i, 0, old);
      return false;
    }
    const lx = place.anchor === 'end' ? place.x + LABEL_WIDTH[w.text] : place.x;
    const mark: LabelMark = { x: round(lx), y: round(place.y + LABEL_ASCENT), text: w.text, anchor: place.anchor, from: w.from, to: w.to };
    labels.splice(i, 0, mark);
    wishOf.set(mark, wishOf.get(old)!);
    return true;
  } finally {
    apart = null;
  }
}

/** The place found, when it touches nothing and is owned (apart from the other labels, while placeApart asks); else null. */
function ownedApart(st: RouteState, row: RowBuilder, w: LabelWish, found: { place: Place | null; hits: number }): Place | null {
  const { place, hits } = found;
  if (!place || hits > 0) return null;
  const width = LABEL_WIDTH[w.text];
  const left = place.anchor === 'middle' ? place.x - width / 2 : place.x;
  const near = obstaclesNear(st, row, left - 20, place.y - 20, left + width + 20, place.y + LABEL_ASCENT + 20);
  return owned(st, near, w, left, place.y) ? place : null;
}

/**
 * The places found by the tries of one layout (the same lane borders and symbols), by placeKey: a label is placed
 * where the same wish in the same row was placed before. The tries of a page route most of its rows alike, and
 * each try judged is labelled (a 1 000-step procedure at 8 lanes placed 3 900 labels, 1 600 of them different).
 * Kept for one layout (util/num-key.ts memoOf, as state.ts layoutMemo); none without its slantCache.
 */
const placedMemo = new WeakMap<object, NumMemo<{ place: Place; hits: number }>>();

/** What placeLabel depends on besides the layout's frame: the wish, and the row's core band as it is now (the key built). */
function placeKey(row: RowBuilder, w: LabelWish): void {
  const { core } = row;
  // The numbers themselves, not printed (util/num-key.ts).
  keyStart();
  keyWord(w.text);
  keyNum(w.from);
  keyNum(w.to === 'selesai' ? -1 : w.to);
  for (const v of [w.at.x, w.at.r, w.at.y]) keyNum(v);
  keyWord(w.first);
  keyWord(w.then);
  for (const v of [w.lane, w.end.x, w.end.y, core.height]) keyNum(v);
  keyObstacles(core, true);
}

/** One label's place: the first free one beside the vertex, else the nearest free one along its run, else the one touching least. */
function placeLabel(st: RouteState, row: RowBuilder, w: LabelWish): { place: Place; hits: number } {
  const width = LABEL_WIDTH[w.text];
  const H = LABEL_ASCENT;
  const { x, y } = w.at;
  // Only what lies near the vertex can touch a box tried beside it (at most 16 px + the word across, 10 px +
  // the word's height up or down, pad included): the hit counts are the row's, found among fewer things.
  const nearVertex = obstaclesNear(st, row, x - 20 - width, y - 14 - H, x + 20 + width, y + 14 + H);
  // A free place where the label plainly belongs to its arrow (owned), beside the vertex or near the run; else any free place.
  const beside = freeBesideVertex(st, row, w, nearVertex);
  if (beside && owned(st, nearVertex, w, beside.x, beside.y)) return { place: beside, hits: 0 };
  const along = freeNearRun(st, row, w, beside !== null);
  if (along?.owned) return { place: along.place, hits: 0 };
  // No owned place beside the run: on the run itself, its white patch interrupting the line.
  const on = onRun(st, row, w, nearVertex);
  if (on) return { place: on, hits: 0 };
  // Still none: anywhere within reach of the vertex, beside any piece of its own arrow (label-reach.ts). Not on the
  // pages of a long procedure (RouteInput.pages): there it owned no label more on the quality report's 200-step case
  // and took 5 % of a 1 000-step layout, none of its 206 searches finding a place.
  const reach = st.inp.pages ? null : ownedInReach(st, row, w, VERTEX_REACH, (near, wish, lx, ly) => owned(st, near, wish, lx, ly));
  if (reach) return { place: reach, hits: 0 };
  if (along && !beside) return { place: along.place, hits: 0 };
  if (beside) return { place: beside, hits: 0 };
  return leastTouching(st, row, w, nearVertex);
}

/** The label's white patch (flow-marks.ts labelMarks) from the glyph box's top: this much above it, 1.2 px under the baseline. */
const PATCH_ABOVE = 0.8 * LABEL_PX - LABEL_ASCENT;
const PATCH_BELOW = 1.2;
/**
 * The line left showing between the vertex and the patch (the arrow is seen leaving the vertex), px: 3 where the
 * run is long enough, down to 2 on a 12 px run to a jog (the patch is 8.8 px), further out when that is what is
 * free; and at least RUN_BEYOND beyond the patch.
 */
const RUN_SHOWN = [3, 2.5, 2, 3.5, 4] as const;
const RUN_BEYOND = 1;

/**
 * The fallback when no owned place exists beside a vertical first run (a branch leaving by the top or bottom
 * vertex): the label centred across that run, a little beyond the vertex, its white patch interrupting the line
 * (the edge labels of draw.io and Visio). The run must go on past the patch (no corner or end under it), nothing
 * but the run may touch the label (no other arrow joining it there), and the place must be owned: every other
 * piece 1 mm away, 1 mm from lane borders, within 3 mm of the vertex. Null when there is no such place.
 */
export function onRun(st: RouteState, row: RowBuilder, w: LabelWish, near: Obstacles): Place | null {
  if (w.first !== 'down' && w.first !== 'up') return null;
  const width = LABEL_WIDTH[w.text];
  const H = LABEL_ASCENT;
  const { x, y } = w.at;
  const own = (p: Piece): boolean => p.from === w.from && p.to === w.to;
  const run = runFrom(row.core.pieces.filter(own), x, y, w.first);
  if (run === null) return null;
  const others: Obstacles = { pieces: near.pieces.filter((p) => !own(p)), symbols: near.symbols, labels: near.labels };
  const left = x - width / 2;
  for (const gap of RUN_SHOWN) {
    // The glyph box's top: its patch begins `gap` beyond the vertex.
    const top = w.first === 'down' ? y + gap + PATCH_ABOVE : y - gap - PATCH_BELOW - H;
    const pTop = top - PATCH_ABOVE;
    const pBottom = top + H + PATCH_BELOW;
    if (w.first === 'down' ? pBottom + RUN_BEYOND > run : pTop - RUN_BEYOND < run) continue;
    if (labelHits(st, row, left, top, width, H, 1, others, 1) > 0) continue;
    // Of its own arrow, only the run lies under it (not a corner, a jog or a later piece coming back).
    if (near.pieces.some((p) => own(p) && !(p.x1 === x && p.x2 === x) && pieceInBox(p, left - 1, pTop - 1, left + width + 1, pBottom + 1))) continue;
    if (owned(st, near, w, left, top)) return { x, y: top, anchor: 'middle' };
  }
  return null;
}

/** Where the straight run of `pieces` from (x, y) going `dir` ends (its pieces joined end to end); null when none leaves there. */
function runFrom(pieces: readonly Piece[], x: number, y: number, dir: 'down' | 'up'): number | null {
  const vertical = pieces.filter((p) => p.x1 === x && p.x2 === x && typeof p.y1 === 'number' && typeof p.y2 === 'number');
  let end = y;
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of vertical) {
      const lo = Math.min(p.y1 as number, p.y2 as number);
      const hi = Math.max(p.y1 as number, p.y2 as number);
      if (dir === 'down' ? lo <= end + 0.01 && lo >= y - 0.01 && hi > end : hi >= end - 0.01 && hi <= y + 0.01 && lo < end) {
        end = dir === 'down' ? hi : lo;
        grew = true;
      }
    }
  }
  return end === y ? null : end;
}

/**
 * The places beside the vertex, in order of preference, each offered to `visit` until it says stop. Candidate
 * boxes (left, top), nearest first, tried as they are generated (a label that finds no free place tries every
 * one, so no list is built).
 */
function besideVertex(w: LabelWish, visit: (cx: number, cy: number, anchor: 'start' | 'end') => boolean): void {
  const width = LABEL_WIDTH[w.text];
  const H = LABEL_ASCENT;
  const { x, y } = w.at;
  if (w.first === 'down' || w.first === 'up') {
    const sides: ('right' | 'left')[] = w.then === 'right' ? ['left', 'right'] : ['right', 'left'];
    for (const side of sides)
      for (let dy = 1; dy <= 6; dy += 1) {
        // Beside the run down from the bottom vertex, or up from the top one (a branch back up: top-exit.ts topCandidates).
        const top = w.first === 'down' ? y + dy : y - dy - H;
        if (side === 'right' ? visit(x + 2.5, top, 'start') : visit(x - 2.5 - width, top, 'end')) return;
      }
  } else {
    const dir = w.first === 'right' ? 1 : -1;
    // Away from where the arrow turns first; the other side when the turn is far enough (the hit test decides).
    const vs: ('below' | 'above')[] = w.then === 'up' ? ['below', 'above'] : ['above', 'below'];
    for (const v of vs)
      // Nearest the vertex first; further under the symbol's slanted edge when the gutter is narrower than the word.
      for (let dy = 1.5; dy <= 10; dy += 0.5)
        for (let dx = 1; dx >= -16; dx -= 1) {
          const top = v === 'below' ? y + dy : y - dy - H;
          if (dir === 1 ? visit(x + dx, top, 'start') : visit(x - dx - width, top, 'end')) return;
        }
  }
}

/**
 * The first free place beside the vertex (the taken spans of each top rule out most places at once) where the
 * label plainly belongs to its arrow (owned); else the first free one.
 */
function freeBesideVertex(st: RouteState, row: RowBuilder, w: LabelWish, nearVertex: Obstacles): Place | null {
  const width = LABEL_WIDTH[w.text];
  const H = LABEL_ASCENT;
  const { x } = w.at;
  let found: Place | null = null;
  let first: Place | null = null;
  let spansTop = NaN;
  let spansOwned = false;
  let nb = 0;
  besideVertex(w, (cx, cy, anchor) => {
    // Once a free place is known, only one that may be owned is worth trying (the spans then rule out the others too).
    if (first && !inReach(w, cx, cy)) return false;
    if (cy !== spansTop || (first !== null) !== spansOwned) {
      spansTop = cy;
      spansOwned = first !== null;
      nb = blockedSpans(st, row, nearVertex, x - 19 - width, x + 19, cy, width, H, 1);
      if (spansOwned && nb >= 0) nb = unownedSpans(st, nearVertex, nb, x - 19 - width, x + 19, cy, width, H, OWN_MARGIN, w.from, w.to);
      // Merged once per top, then searched (a top's 17 places each asked the same spans).
      if (nb >= 0) nb = mergeSpans(nb);
    }
    if (nb < 0 || inMerged(cx, nb) || labelHits(st, row, cx, cy, width, H, 1, nearVertex, 1) > 0) return false;
    first ??= { x: cx, y: cy, anchor };
    if (!owned(st, nearVertex, w, cx, cy)) return false;
    found = { x: cx, y: cy, anchor };
    return true;
  });
  return (found ?? first) as Place | null;
}

/** 3 mm: the most a label lies from the vertex its arrow leaves. */
const VERTEX_REACH = 3 * PX_PER_MM - 0.3;

/**
 * Issue 20 items 1 and 7: a label box (left x, top y) that plainly belongs to its arrow: nearer the arrow's
 * pieces in the row than any other piece by OWN_MARGIN (by the router's box and by the report's), within
 * VERTEX_REACH of the vertex, OWN_MARGIN from lane borders, a word space from the other labels on its line.
 */
export function owned(st: RouteState, near: Obstacles, w: LabelWish, x: number, y: number, reach = VERTEX_REACH): boolean {
  if (!inReach(w, x, y, reach)) return false;
  const width = LABEL_WIDTH[w.text];
  const R = x + width;
  // The glyphs' box as the browser draws it (a little taller than the ascent; label-space.ts LABEL_ASCENT).
  const T = y - 1;
  const B = y + LABEL_ASCENT + 1;
  for (const bx of st.borders) if (bx > x - OWN_MARGIN && bx < R + OWN_MARGIN) return false;
  // Another label on its line (baselines less than the ascent apart), less than a word space before or after it,
  // reads as one word with it: "TidakYa", 0.7 px apart under a decision in a 47 px lane. Labels stacked one over
  // the other (8.5 px apart) do not.
  const base = y + LABEL_ASCENT;
  for (const l of near.labels) {
    const lx = labelLeft(l);
    if (Math.abs(l.y - base) < LABEL_ASCENT && lx < R + WORD_GAP && lx + LABEL_WIDTH[l.text] > x - WORD_GAP) return false;
  }
  // Placing a label again apart from the others (placeApart): none of the row's labels side by side with it.
  if (apart && apart.labels.some((l) => sideBySide(apart!.pieces, l, x, R, base))) return false;
  // And the box the quality report measures (the text's box less a fifth at the top, 0.15 at the bottom, 0.5 px at
  // each end): its bottom lies 0.6 px over B, so a label under its run is farther from it there, and a label 1 mm
  // nearer its own run by the first box may be 0.04 mm short by the second (generated 40 steps at 6 lanes: 20->12).
  // Not on the pages of a long procedure (RouteInput.pages): there it moved labels and so the tries kept, and a
  // 1 000-step layout took 6 % more time (the quality report's 200-step case drew no label better for it).
  if (!nearerOwn(near, w, x, T, R, B, OWN_MARGIN)) return false;
  return !!st.inp.pages || inkOwned(near, w, x, base);
}

/** nearerOwn by the glyphs' ink of a label box from `left` on baseline `base`, as the quality report measures it (test/helpers/drawing-quality.mjs). */
export function inkOwned(near: Obstacles, w: LabelWish, left: number, base: number): boolean {
  return nearerOwn(near, w, left + 0.5, base - INK_ABOVE, left + LABEL_WIDTH[w.text] - 0.5, base + INK_BELOW, OWN_MARGIN - 0.05);
}

/**
 * Whether the box (L, T, R, B) is nearer a piece of the wish's arrow than any other piece by `margin`; the join of
 * the decision's own symbols (a multi-lane decision) is not another arrow: it ties the step to itself and names no
 * branch (as test/helpers/drawing-quality.mjs measures).
 */
function nearerOwn(near: Obstacles, w: LabelWish, L: number, T: number, R: number, B: number, margin: number): boolean {
  let own = Infinity;
  let other = Infinity;
  for (const p of near.pieces) {
    const d = boxToPiece(p, L, T, R, B);
    if (p.from === w.from && p.to === w.to) own = Math.min(own, d);
    else if (!ownJoin(p, w.from)) other = Math.min(other, d);
  }
  return other >= own + margin;
}

/** The least gap between two labels on one line, px: about a space of the labels' Arial (0.28 em is 2.6 px). */
const WORD_GAP = 2;

/** Whether a label box (left x, top y) lies within VERTEX_REACH of the vertex its arrow leaves (owned's first test, and cheap). */
function inReach(w: LabelWish, x: number, y: number, reach = VERTEX_REACH): boolean {
  const R = x + LABEL_WIDTH[w.text];
  const dx = Math.max(0, x - w.at.x, w.at.x - R);
  const dy = Math.max(0, y - 1 - w.at.y, w.at.y - (y + LABEL_ASCENT + 1));
  return dx * dx + dy * dy <= reach * reach;
}

/** No free place at all: the place beside the vertex that touches least, and how many things it touches. */
function leastTouching(st: RouteState, row: RowBuilder, w: LabelWish, nearVertex: Obstacles): { place: Place; hits: number } {
  const width = LABEL_WIDTH[w.text];
  let best: Place | null = null;
  let bestHits = Infinity;
  besideVertex(w, (cx, cy, anchor) => {
    // Counted only as far as the best so far: a place touching as much cannot replace it.
    const hits = labelHits(st, row, cx, cy, width, LABEL_ASCENT, 1, nearVertex, bestHits);
    if (hits < bestHits) {
      best = { x: cx, y: cy, anchor };
      bestHits = hits;
    }
    return false;
  });
  return { place: best!, hits: bestHits };
}

/** How far a label may lie from the run that leaves the vertex, and from the vertex. */
const REACH = 2.5 * PX_PER_MM;
const NEAR = 7 * PX_PER_MM;

/** The run that leaves the vertex, as a box, and what lies within reach of it. */
interface RunArea {
  readonly row: RowBuilder;
  readonly w: LabelWish;
  readonly x1: number;
  readonly x2: number;
  readonly y1: number;
  readonly y2: number;
  readonly around: Obstacles;
}

/**
 * Narrow lanes: anywhere within 2.5 mm of the run that leaves the vertex and 7 mm of the vertex, in the
 * symbol's lane or the neighbouring one that run reaches (beside it there), or across the symbol's centre
 * line; nearest the run and the vertex first, in the symbol's own lane when it can. Candidates on a 2 px, then
 * a 1 px grid with a 1 px margin; then (a lane just too narrow, under ~54 px) on a 0.25 px grid with a 0.6 px margin.
 */
function freeNearRun(st: RouteState, row: RowBuilder, w: LabelWish, ownedOnly: boolean): { place: Place; owned: boolean } | null {
  const width = LABEL_WIDTH[w.text];
  const H = LABEL_ASCENT;
  const { x, y } = w.at;
  const x1 = Math.min(x, w.end.x);
  const x2 = Math.max(x, w.end.x);
  const y1 = Math.min(y, w.end.y);
  const y2 = Math.max(y, w.end.y);
  const around = obstaclesNear(st, row, x1 - REACH - width - 3, y1 - REACH - H - 3, x2 + REACH + width + 3, y2 + REACH + H + 4);
  const area: RunArea = { row, w, x1, x2, y1, y2, around };
  let any: Place | null = null;
  // A box free on a coarser grid with the wider margin is free on the finest grid with the narrower one too, so
  // the coarser grids find a free (owned) place only on a top where the finest finds one. The finest goes first
  // and notes those tops; the others try no more, and none when it finds none. When only an owned place counts
  // (a free one beside the vertex is known), a free one that is not owned is no answer.
  const tops = new Set<number>();
  const fine = searchNearRun(st, area, 0.25, 0.6, ownedOnly, tops, null);
  if (ownedOnly ? !fine?.owned : !fine) return null;
  for (const [step, pad] of [[2, 1], [1, 1], [0.25, 0.6]] as const) {
    // Once a free place is known, the finer grids look only for an owned one (within reach of the vertex).
    const only: boolean = ownedOnly || any !== null;
    const found: { place: Place; owned: boolean } | null = step === 0.25 && only === ownedOnly ? fine : searchNearRun(st, area, step, pad, only, null, tops);
    if (found?.owned) return found;
    any ??= found?.place ?? null;
  }
  return any ? { place: any, owned: false } : null;
}

/**
 * The free candidate of least cost on a grid of `step` px with margin `pad` (its distance to the run, half its
 * distance to the vertex, 6 px outside the symbol's lane), the first generated among equals. `note`: every top
 * (topKey) with a free place (an owned one when ownedOnly) goes into it, each place tried whatever its cost;
 * `only`: the tops tried, when not all.
 */
function searchNearRun(st: RouteState, a: RunArea, step: number, pad: number, ownedOnly: boolean, note: Set<number> | null, only: Set<number> | null): { place: Place; owned: boolean } | null {
  const { row, w, x1, x2, y1, y2, around } = a;
  const { inp } = st;
  const width = LABEL_WIDTH[w.text];
  const H = LABEL_ASCENT;
  const { x, y } = w.at;
  const laneOf = (px: number): number => laneAt(st, px + 0.5);
  let bestCost = Infinity;
  let bx = 0;
  let by = 0;
  let anyCost = Infinity;
  let ax = 0;
  let ay = 0;
  for (let lane = Math.max(laneOf(x1), w.lane - 1); lane <= Math.min(laneOf(x2), w.lane + 1); lane++) {
    const left = borderX(st, lane) + 1;
    const lo = left + Math.max(0, Math.ceil((x1 - REACH - width - left) / step) * step);
    const hi = Math.min(borderX(st, lane + 1) - 1 - width, x2 + REACH);
    const other = lane === w.lane ? 0 : 6;
    for (let top = Math.max(1.5, y1 - REACH - H), k = 0; top + H <= row.core.height - 1.5 && top <= y2 + REACH; top += Math.max(1, step), k++) {
      // The tops lie 1 px apart (2 px on the 2 px grid): the same tops on every grid, counted in 1 px.
      const key = topKey(lane, k * Math.max(1, step));
      if (only && !only.has(key)) continue;
      const dy = Math.max(0, top - y2, y1 - (top + H));
      const vy = Math.max(0, top - y, y - (top + H));
      // Both distances are at least their vertical part.
      if (dy > REACH || vy > NEAR) continue;
      // Every place of this top costs at least dy + vy / 2 + other (d >= dy, dv >= vy): none can beat the best.
      if (dy + 0.5 * vy + other >= bestCost && !note) continue;
      // Looking for an owned place only: the tops and lefts within reach of the vertex (inReach: the glyph box
      // within VERTEX_REACH, so at this top within hx across), away from borders and other arrows level with it.
      let lo2 = lo;
      let hi2 = hi;
      if (ownedOnly) {
        const gy = Math.max(0, top - 1 - y, y - (top + H + 1));
        if (vy > VERTEX_REACH + 1 || gy > VERTEX_REACH) continue;
        const hx = Math.sqrt(VERTEX_REACH * VERTEX_REACH - gy * gy) + 1e-6;
        lo2 = lo + Math.max(0, Math.ceil((x - hx - width - lo) / step) * step);
        hi2 = Math.min(hi, x + hx);
        if (lo2 > hi2) continue;
      }
      let nb = blockedSpans(st, row, around, lo2 - 1, hi2 + 1, top, width, H, pad);
      if (nb < 0) continue;
      if (ownedOnly) nb = unownedSpans(st, around, nb, lo2 - 1, hi2 + 1, top, width, H, OWN_MARGIN, w.from, w.to);
      // The spans merged and walked in order: a left edge inside one jumps to the first past its end.
      nb = mergeSpans(nb);
      WALK.at = 0;
      for (let lx = nextFree(lo2, lo2, step, nb); lx <= hi2; lx = nextFree(lx + step, lo2, step, nb)) {
        const ex = Math.max(0, lx - x2, x1 - (lx + width));
        const d = ex === 0 ? dy : dy === 0 ? ex : Math.sqrt(dy * dy + ex * ex);
        if (d > REACH) continue;
        // Near the vertex, in the symbol's own lane, rather than further along the run.
        const ev = Math.max(0, lx - x, x - (lx + width));
        const dv = ev === 0 ? vy : vy === 0 ? ev : Math.sqrt(vy * vy + ev * ev);
        if (dv > NEAR) continue;
        const cost = d + 0.5 * dv + other;
        if (cost >= bestCost && !note) continue;
        // Only a place within reach of the vertex may be owned; the others matter only when none is (and beat the best so far).
        const reach = dv <= VERTEX_REACH + 1 && inReach(w, lx, top);
        if (!reach && (ownedOnly || (cost >= anyCost && !note))) continue;
        if (labelHits(st, row, lx, top, width, H, pad, around, 1) === 0) {
          if (reach && owned(st, around, w, lx, top)) {
            note?.add(key);
            if (cost < bestCost) {
              bestCost = cost;
              bx = lx;
              by = top;
            }
          } else {
            if (!ownedOnly) note?.add(key);
            if (cost >= anyCost) continue;
            anyCost = cost;
            ax = lx;
            ay = top;
          }
        }
      }
    }
  }
  if (bestCost !== Infinity) return { place: { x: bx, y: by, anchor: 'start' }, owned: true };
  return anyCost === Infinity ? null : { place: { x: ax, y: ay, anchor: 'start' }, owned: false };
}

/** A top of searchNearRun's grids in a lane: its index counted in 1 px steps. */
function topKey(lane: number, k: number): number {
  return lane * 65536 + k;
}
