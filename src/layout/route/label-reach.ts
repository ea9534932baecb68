/**
 * Issue 20 item 1, the last search for an owned label place (labels.ts placeLabel): anywhere within reach of the
 * vertex its arrow leaves, beside any piece of its own arrow there, not only beside the first run. A branch leaving
 * a side vertex that turns at once (a loop back up a track 10 px from the vertex, another loop's track just beyond
 * it) has no owned place along its stub; above the stub, between the run up and the symbol's slanted edge, it has.
 * Asked only of labels that found no owned place otherwise, so no label that has one moves.
 */
import type { RowBuilder } from '../route.js';
import { blockedSpans, boxToPiece, LABEL_ASCENT, LABEL_WIDTH, labelHits, mergeSpans, nextFree, obstaclesNear, unownedSpans, WALK, type Obstacles } from './label-space.js';
import { OWN_MARGIN } from './points.js';
import type { LabelWish, RouteState } from './state.js';

/** A label box's left edge and top; its text anchored at its start (labels.ts Place). */
export interface ReachPlace {
  readonly x: number;
  readonly y: number;
  readonly anchor: 'start';
}

/**
 * The owned place (owned: labels.ts) within `reach` of the vertex nearest the arrow's own pieces and the vertex
 * (and, given `clear` px, no nearer than that to another arrow's), free of everything with a 1 px margin; tops on a
 * 0.5 px grid, lefts on a 0.25 px one. Null when there is none.
 */
export function ownedInReach(
  st: RouteState,
  row: RowBuilder,
  w: LabelWish,
  reach: number,
  owned: (near: Obstacles, w: LabelWish, x: number, y: number) => boolean,
  clear = 0,
): ReachPlace | null {
  const width = LABEL_WIDTH[w.text];
  const H = LABEL_ASCENT;
  const { x, y } = w.at;
  // The lefts and tops tried: every box owned's test could accept, the glyph box with its 1 px band over and under
  // the ascent within reach of the vertex (T0, T1). Leaving the band out had left 6 labels ambiguous and 2 near a
  // border among the layout-hash cases (chains two and three back, loops across pages at 6 lanes on F4).
  const L0 = Math.ceil(x - reach - width);
  const L1 = Math.floor(x + reach);
  const T0 = Math.ceil(y - reach - H - 1);
  const T1 = Math.floor(y + reach + 1);
  const near = obstaclesNear(st, row, L0 - 12, T0 - 12, L1 + width + 12, T1 + H + 12);
  const own = near.pieces.filter((p) => p.from === w.from && p.to === w.to);
  if (own.length === 0) return null;
  const others = clear > 0 ? near.pieces.filter((p) => !(p.from === w.from && p.to === w.to)) : [];
  let best: ReachPlace | null = null;
  let bestCost = Infinity;
  const dyOf = (top: number): number => Math.max(0, top - 1 - y, y - (top + H + 1));
  const tops: number[] = [];
  // The far search's area is four times the other's: on a grid twice as coarse (1 px tops, 0.5 px lefts).
  const ts = clear > 0 ? 2 * TOP_STEP : TOP_STEP;
  const ls = clear > 0 ? 2 * LEFT_STEP : LEFT_STEP;
  for (let top = T0; top <= T1; top += ts) tops.push(top);
  // The far search (`clear`, label-far.ts): nearest the vertex's level first, so that a place found early rules the
  // others out (each costs at least half its distance to the vertex); a stable sort keeps the first among equals.
  if (clear > 0) tops.sort((a, b) => dyOf(a) - dyOf(b));
  for (const top of tops) {
    const dy = dyOf(top);
    if (clear > 0 && 0.5 * dy >= bestCost) break;
    if (dy > reach || 0.5 * dy >= bestCost) continue;
    // At this top, the lefts within reach of the vertex, outside the spans where the box surely touches something
    // or cannot be owned (a lane border or another arrow level with it within OWN_MARGIN): those are tried.
    const hx = Math.sqrt(reach * reach - dy * dy);
    const lo = Math.ceil((x - hx - width) / ls) * ls;
    const hi = x + hx;
    let nb = blockedSpans(st, row, near, lo - 1, hi + 1, top, width, H, 1);
    if (nb < 0) continue;
    nb = mergeSpans(unownedSpans(st, near, nb, lo - 1, hi + 1, top, width, H, OWN_MARGIN, w.from, w.to));
    WALK.at = 0;
    for (let left = nextFree(lo, lo, ls, nb); left <= hi; left = nextFree(left + ls, lo, ls, nb)) {
      const R = left + width;
      const dx = Math.max(0, left - x, x - R);
      const dv = dx === 0 ? dy : dy === 0 ? dx : Math.sqrt(dx * dx + dy * dy);
      if (dv > reach) continue;
      let cost = nearest(own, left, top - 1, R, top + H + 1) + 0.5 * dv;
      if (cost >= bestCost) continue;
      if (labelHits(st, row, left, top, width, H, 1, near, 1) > 0) continue;
      // `clear`: the places nearer another arrow than that cost more, by as much (a label between its run and a
      // parallel one, owned by 1 mm, after one with nothing else near); asked of free places only.
      if (clear > 0) cost += Math.max(0, clear - nearest(others, left, top - 1, R, top + H + 1));
      if (cost >= bestCost) continue;
      if (!owned(near, w, left, top)) continue;
      best = { x: left, y: top, anchor: 'start' };
      bestCost = cost;
    }
  }
  return best;
}

/** The grid of the search, px: tops 0.5 px apart, lefts 0.25 px apart. */
const TOP_STEP = 0.5;
const LEFT_STEP = 0.25;

/** The distance from a box (L, T, R, B) to the nearest of `pieces`. */
function nearest(pieces: Obstacles['pieces'], L: number, T: number, R: number, B: number): number {
  let best = Infinity;
  for (const p of pieces) best = Math.min(best, boxToPiece(p, L, T, R, B));
  return best;
}
