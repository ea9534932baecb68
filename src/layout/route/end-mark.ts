/**
 * A decision's branch that ends the procedure (`Ya: selesai`) ends in a terminator of its own, small, in the
 * decision's lane and row (docs/drawing-contract.md, "A branch to the end"): a flowchart's path ends in a
 * terminator, and a stub ending in nothing read as "an arrow to nothing". Where it fits, in order:
 *
 * - beside a side vertex, on its level (the stub straight out, the terminator after it), when the gutter holds
 *   the stub, the terminator and 1.5 mm to the lane border (lanes of 128 px and more);
 * - under the stub's end, the stub out of a side vertex and down (an L), when the gutter holds the run out (1 mm
 *   at least), the terminator's outer half and 1 mm to the border (lanes of ~52 px and more);
 * - in narrower gutters, straight down from the side vertex (the other branch's "Tidak" lies under the diamond's
 *   other half), or for a "Tidak" branch of a narrow-lane decision straight up over it (its own label's only
 *   place is under the diamond on that side);
 * - under the bottom vertex, when the router sends it there and the band below the symbol holds it (narrow lanes).
 *
 * Its box is drawn as a route's (drawn.ts record): an arrow routed later through it counts as crossing it.
 */
import type { SymbolMark } from '../types.js';
import type { SymbolSize } from '../geometry.js';
import { BORDER_GAP, gutterOf, HEAD_RUN, MIN_RUN, round, type Exit, type Pt, type RouteState } from './state.js';

/** The end terminator's height (a capsule: its ends are half circles) and its widest; narrower where the gutter asks. */
export const END_H = 8;
export const END_W = 16;
const END_W_MIN = 10;
const END_H_MIN = 6;
/** The stub's length into the terminator: an arrowhead (7 px) and 3 px of shaft. */
const STUB = HEAD_RUN + 2;
/**
 * The shaft beside the arrowhead of a stub straight up or down from a side vertex into a terminator: the head's base
 * 5 px or more from the vertex's level, where the diamond's edge lies further inside than the head's half width (3.5
 * px). An arrowhead alone had its base on the diamond's slanting edge (a reviewer's 8-lane SOP: "a drawing glitch").
 */
const SIDE_SHAFT = 5;

/**
 * The shafts to try, longest first: SIDE_SHAFT, then the least that keeps the head's base (ARROW: 3.5 px either side,
 * 7 px long, HEAD_RUN a px more) off the diamond's edge, for a band with no room for more.
 */
function shafts(st: RouteState): number[] {
  const least = Math.max(0, Math.ceil((3.5 * st.sym.h) / st.sym.w - (HEAD_RUN - 7) + 0.1));
  return [SIDE_SHAFT, least];
}
/** A small terminator keeps 1 mm from the row's edges and lane borders where 1.5 mm leaves it no room (as a label). */
const EDGE = MIN_RUN;

/**
 * Half the width and the height of a symbol mark's box: a step's symbol, a connector, an end terminator (its own
 * size). Allocation-free: label-space.ts asks for every place tried.
 */
export const markHalfW = (sym: SymbolSize, s: SymbolMark): number => (s.kind === 'end' ? (s.w ?? END_W) / 2 : s.kind === 'connector' ? sym.cw / 2 : sym.w / 2);
export const markHalfH = (sym: SymbolSize, s: SymbolMark): number => (s.kind === 'end' ? (s.h ?? END_H) / 2 : s.kind === 'connector' ? sym.ch / 2 : sym.h / 2);

/** markHalfW and markHalfH together. */
export function markHalf(sym: SymbolSize, s: SymbolMark): [number, number] {
  return [markHalfW(sym, s), markHalfH(sym, s)];
}

/** Where a branch to the end from exit `ex` runs and where its terminator lies; null when none fits there. */
export interface EndPlace {
  readonly pts: Pt[];
  /** The terminator's centre and size. */
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/**
 * The place of a branch to the end leaving by `ex` (row r's core band), or null when its terminator has no room there.
 * `up`: in a gutter too narrow for a run out, the terminator lies over the side vertex, not under it (a "Tidak" of
 * the branch has its only place under the diamond, on that side: docs/drawing-contract.md, "Narrow lanes"); up to
 * `above` px over the core band (straight down from the vertex: under it), where the row's text leaves that room
 * (drawn.ts liftRows then grows the band).
 */
export function endPlace(st: RouteState, ex: Exit, hc: number, up = false, above = 0): EndPlace | null {
  const { at } = ex;
  const room = (y: number): boolean => y + END_H / 2 <= hc - EDGE;
  if (ex.side === 'B') {
    const y = at.y + HEAD_RUN + END_H / 2;
    if (!room(y)) return null;
    return { pts: [at, { x: at.x, r: at.r, y: y - END_H / 2 }], x: at.x, y, w: END_W, h: END_H };
  }
  if (ex.side !== 'L' && ex.side !== 'R') return null;
  const dir = ex.side === 'L' ? -1 : 1;
  const gutter = gutterOf(st, ex);
  // Beside the vertex, on its level.
  if (gutter >= STUB + END_W + BORDER_GAP) {
    const x = at.x + dir * (STUB + END_W / 2);
    return { pts: [at, { x: at.x + dir * STUB, r: at.r, y: at.y }], x, y: at.y, w: END_W, h: END_H };
  }
  // Straight down (or up) from the vertex: 1 mm from the border, 1.5 mm from the diamond's centre line (a run down
  // from its bottom vertex or into its top one passes it there).
  const w = Math.floor(Math.min(END_W, 2 * (gutter - EDGE), 2 * (st.sym.w / 2 - BORDER_GAP)));
  if (up && w >= END_W_MIN) {
    // Over the vertex: the stub an arrowhead and a shaft where the row has room, the terminator 1 mm from the row's top
    // edge (the core band's, or the row's where `above` lets it rise over the band).
    for (const shaft of shafts(st)) {
      const top = at.y - HEAD_RUN - shaft;
      const h = Math.min(END_H, Math.floor(top + above - EDGE));
      if (h < END_H_MIN) continue;
      return { pts: [at, { x: at.x, r: at.r, y: top }], x: at.x, y: top - h / 2, w, h };
    }
  }
  const y = at.y + STUB + END_H / 2;
  if (!room(y)) return null;
  // Out and down: the run out at least 1 mm, the terminator's outer half and 1 mm to the border beyond it (narrower
  // where that leaves the run out too short). Its run down keeps the other branch's label under the diamond 1 mm
  // nearer its own arrow: straight down from the vertex, 11 px from that label in a 55 px lane, it did not.
  for (const wl of [END_W, END_W_MIN + 2]) {
    const out = Math.min(STUB, gutter - wl / 2 - EDGE);
    if (out < MIN_RUN) continue;
    const x = at.x + dir * out;
    return { pts: [at, { x, r: at.r, y: at.y }, { x, r: at.r, y: y - END_H / 2 }], x, y, w: wl, h: END_H };
  }
  // Straight down from the vertex, with a shaft where the band has room (as over it).
  if (w < END_W_MIN) return null;
  for (const shaft of shafts(st))
    for (const h of [END_H, END_H_MIN]) {
      const top = at.y + STUB + shaft;
      if (top + h <= hc - EDGE + above) return { pts: [at, { x: at.x, r: at.r, y: top }], x: at.x, y: top + h / 2, w, h };
    }
  return { pts: [at, { x: at.x, r: at.r, y: y - END_H / 2 }], x: at.x, y, w, h: END_H };
}

/** The terminator's outline as a closed polyline (drawn.ts record: routes through it count as crossings). */
export function endOutline(p: EndPlace, r: number): Pt[] {
  const L = round(p.x - p.w / 2);
  const R = round(p.x + p.w / 2);
  const T = round(p.y - p.h / 2);
  const B = round(p.y + p.h / 2);
  return [
    { x: L, r, y: T },
    { x: R, r, y: T },
    { x: R, r, y: B },
    { x: L, r, y: B },
    { x: L, r, y: T },
  ];
}

/** The end terminator's mark, for the row's symbols. */
export function endMark(p: EndPlace, step: number, lane: string): SymbolMark {
  return { kind: 'end', x: round(p.x), y: round(p.y), w: p.w, h: p.h, step, lane, to: 'selesai' };
}
