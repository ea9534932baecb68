/**
 * The bottom vertex of a decision met by a loop back from below, kept for that loop's arrival (docs/drawing-contract.md,
 * "A loop back may enter a decision by its bottom"): which decisions may, the points kept, and the entry offered.
 */
import type { FlowEdge } from '../../model/model.js';
import { downCandidates, keepBottomAndSide, keepDown, type KeptBottom } from './bottom-exit.js';
import { sidesOnly } from './points.js';
import { BORDER_GAP, borderX, HEAD_RUN, perInput, routedSteps, SYMBOL_GAP_MIN, type Exit, type RouteState } from './state.js';

/**
 * Issue 20 item 3: a decision of a rework chain three steps back carries four arrows, the arrival from the step
 * before at its top, the branch to the next step leaving its bottom, the branch back by one side and the loop back
 * into it by the other. The loop in comes from below (a later step, or the page's bottom connector row); where it
 * takes the side the branch to the next step turns to, the two cross under the symbol (9 lanes on F4: 4->5 across
 * 7->4, 9->10 across 12->9, 10->11 across 13->10). In a try (RouteInput.inSteps) the loop in enters by the bottom
 * vertex, from a track beside the lane's centre line at the jog level, and the branch to the next step leaves by the
 * side facing that step's lane (as bottom-exit.ts keepDown keeps it), the branch back by the other side: the loop in
 * and the branch back then lie on the same side of the chain. Candidates: in one lane, met by a loop back from a
 * later step, the next step in another lane; not those whose top or bottom other tries keep.
 */
export const inCandidates: (st: RouteState) => Set<number> = perInput((st) => inDecisions(st));

/**
 * The level of a bottom entry's run sideways in decision b's row: the jog level, or lower where that leaves the run
 * up into the vertex shorter than an arrowhead and 1 px (HEAD_RUN: the quality report's arrowhead over a corner);
 * null when the core band has no such level 1.5 mm above the row's border (its rule drawn half a pixel inside:
 * the quality report measured 1.46 mm at BORDER_GAP), in a row no taller than the band.
 */
function runLevel(st: RouteState, b: number): number | null {
  const { inp } = st;
  const row = inp.stepRows[inp.pageOf.get(b)!]?.[inp.rowOf.get(b)!];
  const y = Math.max(st.jogY, st.symBottom + HEAD_RUN);
  return row && y <= st.hc && y <= Math.max(st.hc, row.minHeight) - BORDER_GAP - 0.6 ? y : null;
}

function inDecisions(st: RouteState): Set<number> {
  const { inp } = st;
  const out = new Set<number>();
  if (inp.pages) return out;
  const loopedInto = new Set<number>();
  for (const n of routedSteps(inp)) for (const e of inp.outgoing[n]!) if (typeof e.to === 'number' && e.to < n) loopedInto.add(e.to);
  for (const b of routedSteps(inp)) {
    const s = inp.model.steps[b - 1]!;
    if (s.symbol !== 'decision' || !loopedInto.has(b) || sidesOnly(st, b) || runLevel(st, b) === null) continue;
    const lanes = inp.lanesOf(b);
    if (lanes.length !== 1) continue;
    if (!inp.outgoing[b]!.some((e) => e.to === b + 1) || inp.lanesOf(b + 1).includes(lanes[0]!)) continue;
    out.add(b);
  }
  return out;
}

/**
 * The decisions of a try whose bottom is kept (route.ts): for their branch back down (RouteInput.downSteps,
 * bottom-exit.ts keepDown), or for the loop back into them (RouteInput.inSteps, keepIn); not those whose top is kept
 * (`tops`). Either way their branch to the next step leaves by the side kept for it.
 */
export function keptDowns(st: RouteState, tops: ReadonlySet<number>): Set<number> {
  const { inp } = st;
  const downs = new Set<number>();
  if (inp.downSteps) for (const b of downCandidates(st)) if (inp.downSteps.has(b) && !tops.has(b) && keepDown(st, b)) downs.add(b);
  if (inp.inSteps) for (const b of inCandidates(st)) if (inp.inSteps.has(b) && !tops.has(b) && !downs.has(b) && keepIn(st, b)) downs.add(b);
  return downs;
}

/** The points kept per decision of a try (keepIn): the bottom for the loop in, the side for the branch to the next step. */
const keptOf = new WeakMap<RouteState, Map<number, KeptBottom>>();

/** Keeps decision b's bottom for a loop in and the side facing the next step's lane for its branch there; false when either is taken. */
const keepIn = (st: RouteState, b: number): boolean => keepBottomAndSide(st, b, keptOf);

/** The points decision b keeps for its own branches (points.ts entries leaves them to it): the side for the next step. */
export function inPoints(st: RouteState, b: number): number {
  if (!st.inp.inSteps) return 0;
  const k = keptOf.get(st)?.get(b);
  return k?.next ? 1 : 0;
}

/** The side exit kept for the branch of a decision of keepIn to the next step (freed now), or none. */
export function inNextExit(st: RouteState, e: FlowEdge, r: number): Exit[] {
  if (!st.inp.inSteps || e.to !== e.from + 1) return [];
  const k = keptOf.get(st)?.get(e.from);
  if (!k?.next) return [];
  st.points.used.delete(k.next);
  k.next = null;
  const lane = st.inp.lanesOf(e.from)[0]!;
  const at = { x: st.centers[lane]! + (k.side === 'L' ? -st.sym.w / 2 : st.sym.w / 2), r, y: st.symMid };
  return [k.side === 'L' ? { lane, side: 'L', at, min: -Infinity, max: at.x - SYMBOL_GAP_MIN + 0.01, penalty: 0 } : { lane, side: 'R', at, min: at.x + SYMBOL_GAP_MIN - 0.01, max: Infinity, penalty: 0 }];
}

/** The bottom kept for a loop back into a decision of keepIn (freed now: the route takes it), or none. */
export function inEntry(st: RouteState, e: FlowEdge, r: number): Exit[] {
  if (!st.inp.inSteps || typeof e.to !== 'number' || e.to >= e.from) return [];
  const k = keptOf.get(st)?.get(e.to);
  if (!k?.bottom) return [];
  st.points.used.delete(k.bottom);
  k.bottom = null;
  const lane = st.inp.lanesOf(e.to)[0]!;
  // Its run up into the vertex an arrowhead and 1 px long at least (runLevel), its run sideways at that level (tracks.ts trackY).
  return [{ lane, side: 'B', at: { x: st.centers[lane]!, r, y: st.symBottom }, min: borderX(st, lane), max: borderX(st, lane + 1), penalty: 0, runY: runLevel(st, e.to)! }];
}
