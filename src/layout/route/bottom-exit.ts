/**
 * The bottom vertex of a narrow-lane decision met by two arrows, kept for its branch back when that branch runs
 * down (docs/drawing-contract.md, "A decision met by two arrows may send its branch back down from its bottom"): which
 * decisions may, the exits kept for the two branches, and how many points they keep from other flows.
 */
import type { FlowEdge } from '../../model/model.js';
import { arrivals, pointKey, sidesOnly } from './points.js';
import { borderX, perInput, routedSteps, type Exit, type RouteState } from './state.js';
import { backUp } from './top-exit.js';

/**
 * Issue 20 item 1: a decision met by two arrows (the flow from the step before at its top, a loop back from a
 * later step) whose labelled branch back leaves by a side in a lane under ~66 px has no place for "Tidak" 1 mm
 * nearer its run than the arrival at the top and 1 mm from the border (a chain three steps back whose loop goes
 * down to the page's bottom connector row: "Tidak" 1.9 mm from its run, 1.8 mm from the arrival). In a try
 * (RouteInput.downSteps) that branch leaves by the bottom, its label beside the run down, and the branch to the
 * next step by the side facing the next step's lane into its top: the label then lies under the symbol's slant,
 * ~2 mm from the runs leaving and entering the sides, beside its own run. The loop back into the decision takes
 * the other side. Candidates: in one lane, with a labelled branch back and the branch to the next step in another
 * lane, each routed as topCandidates are (route.ts). The lane's width is not asked: down-tries.ts tries them while
 * any label is not owned, and fewerFaults keeps what is better (in 93 px lanes, 5 on A4, none was).
 */
export const downCandidates: (st: RouteState) => Set<number> = perInput((st) => downDecisions(st));

function downDecisions(st: RouteState): Set<number> {
  const { inp } = st;
  const out = new Set<number>();
  // A decision with one arriving arrow whose side took a spare track (RouteInput.bottomSteps), asked of this try by
  // name (spare-downs.ts): on the pages of a long procedure too.
  const spare = (b: number): boolean => !!inp.downSteps?.has(b) && !!inp.bottomSteps?.has(b);
  // Not on the pages of a long procedure (layout-tries.ts bestRouting tries them under PARTIAL_STEPS steps only).
  if (inp.pages && !inp.downSteps) return out;
  const arriving = arrivals(inp);
  for (const b of routedSteps(inp)) {
    const s = inp.model.steps[b - 1]!;
    if (s.symbol !== 'decision' || sidesOnly(st, b) || (inp.pages || arriving(b) < 2 ? !spare(b) : false)) continue;
    if (downShaped(inp.outgoing[b]!, inp.lanesOf, b)) out.add(b);
  }
  return out;
}

/**
 * Whether decision b (its flows `outgoing`) has the shape a branch back down needs: in one lane, a labelled branch
 * back, and its branch to the next step in another lane (downCandidates; spare-downs.ts asks it before routing).
 */
export function downShaped(outgoing: readonly FlowEdge[], lanesOf: (n: number) => readonly number[], b: number): boolean {
  const lanes = lanesOf(b);
  if (lanes.length !== 1 || !outgoing.some(backUp)) return false;
  return outgoing.some((e) => e.to === b + 1) && !lanesOf(b + 1).includes(lanes[0]!);
}

/** A decision's bottom and the side facing the next step's lane, kept (their point keys, null once taken), and that side. */
export interface KeptBottom {
  bottom: string | null;
  next: string | null;
  readonly side: 'L' | 'R';
}

/** The points kept per decision of a try (keepDown), until their branch takes them (downExit). */
const keptOf = new WeakMap<RouteState, Map<number, KeptBottom>>();

/**
 * Keeps decision b's bottom and the side facing the next step's lane, noted in `kept` for the try (`st`), for the
 * branches kept by keepDown or bottom-entry.ts keepIn; false when either is taken already.
 */
export function keepBottomAndSide(st: RouteState, b: number, kept: WeakMap<RouteState, Map<number, KeptBottom>>): boolean {
  const { inp } = st;
  const lane = inp.lanesOf(b)[0]!;
  const side = st.centers[inp.lanesOf(b + 1)[0]!]! > st.centers[lane]! ? 'R' : 'L';
  const bottom = pointKey(b, lane, 'B');
  const next = pointKey(b, lane, side);
  if (st.points.used.has(bottom) || st.points.used.has(next)) return false;
  st.points.used.add(bottom);
  st.points.used.add(next);
  let m = kept.get(st);
  if (!m) kept.set(st, (m = new Map()));
  m.set(b, { bottom, next, side });
  return true;
}

/**
 * Keeps decision b's bottom for its branch back and the side facing the next step's lane for its branch there
 * (route.ts, before any flow is routed). False when either is taken already.
 */
export const keepDown = (st: RouteState, b: number): boolean => keepBottomAndSide(st, b, keptOf);

/** The points decision b keeps for its own branches (points.ts entries leaves them to it). */
export function downPoints(st: RouteState, b: number): number {
  if (!st.inp.downSteps) return 0;
  const k = keptOf.get(st)?.get(b);
  if (!k) return 0;
  return (k.bottom ? 1 : 0) + (k.next ? 1 : 0);
}

/** The exit kept for a branch of a decision of keepDown (freed now: the route takes it again), or none. */
export function downExit(st: RouteState, e: FlowEdge, r: number): Exit[] {
  if (!st.inp.downSteps) return [];
  const k = keptOf.get(st)?.get(e.from);
  if (!k) return [];
  const lane = st.inp.lanesOf(e.from)[0]!;
  const x = st.centers[lane]!;
  if (e.to === e.from + 1) {
    if (!k.next) return [];
    st.points.used.delete(k.next);
    k.next = null;
    // Its track beyond the lane border: in the gutter it would run down beside the label, as near it as its own run.
    const at = { x: x + (k.side === 'L' ? -st.sym.w / 2 : st.sym.w / 2), r, y: st.symMid };
    return [k.side === 'L' ? { lane, side: 'L', at, min: -Infinity, max: borderX(st, lane) - 1, penalty: 0 } : { lane, side: 'R', at, min: borderX(st, lane + 1) + 1, max: Infinity, penalty: 0 }];
  }
  if (!backUp(e) || !k.bottom) return [];
  st.points.used.delete(k.bottom);
  k.bottom = null;
  // The label under the slant on the side of the branch to the next step (its run leaves at the vertex's height and
  // turns down beyond the border): the branch back turns the other way, towards the loop into the decision.
  return [{ lane, side: 'B', at: { x, r, y: st.symBottom }, min: -Infinity, max: Infinity, penalty: 0, room: { L: k.side === 'L', R: k.side === 'R' } }];
}
