/**
 * The top vertex of a narrow-lane decision met by two arrows, kept for its branch back up (docs/drawing-contract.md,
 * "Points"): which decisions may send it so, the exit offered to that branch, and how high its run sideways lies.
 */
import type { FlowEdge } from '../../model/model.js';
import { LABEL_WIDTH } from './label-space.js';
import { arrivals, OWN_MARGIN, sidesOnly } from './points.js';
import { bandRoom, BORDER_GAP, borderX, perInput, routedSteps, type Exit, type RouteState } from './state.js';

/**
 * Issue 20 item 1: a decision met by two arrows (a rework chain: the branch from the step before
 * and a loop back from a later one) that also sends a branch back up. Its four vertices all carry an arrow; a
 * branch leaving by a side has no room for "Tidak" there (it lands beside the Ya run down), and swapping the
 * bottom and a side makes the loops of neighbouring decisions cross. In a try (RouteInput.topSteps) the branch
 * back leaves by the top, its label beside the run up, and the flow from the step before enters a side
 * (flows.ts routeIntoSide): each of the four arrows then takes a vertex, the two labelled ones the top and the
 * bottom, where a label beside the run has the half lane.
 */
export const topCandidates: (st: RouteState) => Set<number> = perInput((st) => topDecisions(st));

function topDecisions(st: RouteState): Set<number> {
  const { inp } = st;
  const arriving = arrivals(inp);
  const out = new Set<number>();
  // The steps on the pages routed (RouteInput.pages): a candidate, the step before it and its branch back are on one page.
  for (const b of routedSteps(inp)) {
    const s = inp.model.steps[b - 1]!;
    // The step before may be a narrow-lane decision leaving by its sides (sidesOnly): its branch to this one then
    // enters the side facing it from its track (route.ts routeFlows), as the flow from a box does (routeIntoSide).
    // Not on the pages of a long procedure (RouteInput.pages): there it drew no label better on the quality report's
    // 200-step case and cost a 1 000-step layout 5 % more routings.
    if (s.symbol !== 'decision' || b < 2 || arriving(b) < 2 || sidesOnly(st, b) || (inp.pages && sidesOnly(st, b - 1))) continue;
    const lanes = inp.lanesOf(b);
    if (lanes.length !== 1) continue;
    const lane = lanes[0]!;
    // A labelled branch back, the step before flowing into this one on the same page from another lane.
    if (!inp.outgoing[b]!.some(backUp)) continue;
    if (!inp.outgoing[b - 1]!.some((e) => e.to === b) || inp.lanesOf(b - 1).includes(lane)) continue;
    // The step before on this page or the one before (its flow then comes from a connector at this page's top).
    const pa = inp.pageOf.get(b - 1)!;
    const pb = inp.pageOf.get(b)!;
    if (pa !== pb && pa !== pb - 1) continue;
    out.add(b);
  }
  return out;
}

/** A labelled branch back to an earlier step: the one a top kept for it sends (topExit), or a bottom (bottom-exit.ts downExit). */
export const backUp = (e: FlowEdge): boolean => !!e.label && typeof e.to === 'number' && e.to < e.from;

/**
 * A labelled branch back to the step in the row just above on the same page: the one a top may send anywhere (a run up over
 * several rows, or to a connector at the page's top, would read as an arrow arriving at the top: the reviewer's
 * reading of a chain three steps back).
 */
function backUpOneRow(inp: RouteState['inp'], e: FlowEdge): boolean {
  const { pageOf, rowOf } = inp;
  return !!e.label && typeof e.to === 'number' && e.to < e.from && pageOf.get(e.to) === pageOf.get(e.from) && rowOf.get(e.to) === rowOf.get(e.from)! - 1;
}

/** The top of a decision kept for its branch back up (topCandidates), offered to that branch. */
export function topExit(st: RouteState, e: FlowEdge, r: number): Exit[] {
  const a = e.from;
  if (!st.points.topKept.has(a) || !backUp(e)) return [];
  const lane = st.inp.lanesOf(a)[0]!;
  const at = { x: st.centers[lane]!, r, y: st.symTop };
  const runY = liftedRun(st, e, r, lane);
  const lift = runY === undefined ? {} : { runY };
  if (backUpOneRow(st.inp, e)) return [{ lane, side: 'T', at, min: -Infinity, max: Infinity, penalty: 0, ...lift }];
  // Further up (a chain three steps back) the stub turns at once to a track in its own lane, towards the border:
  // a short stub, not a run up the centre line or across lanes that could read as an arrow arriving at the top.
  return [{ lane, side: 'T', at, min: borderX(st, lane), max: borderX(st, lane + 1), penalty: 0, ...lift }];
}

/**
 * The run up from a top exit that carries its label (labels.ts onRun: the patch, 8.8 px, with 3 px of line
 * showing below it and above it, short of the corner), px.
 */
export const LIFTED_STUB = 15;

/**
 * Issue 20 item 7: where a top exit's label fits beside its stub on neither side with 1 mm to the lane border
 * (labels.ts besideVertex: 2.5 px from the run; "Tidak" in lanes under ~60 px, 11-12 lanes on A4), its run sideways
 * lies LIFTED_STUB above the vertex, above the core band, so that the label lies on the stub (onRun) at the lane's
 * centre; only where the row's text leaves the room above the band (the run BORDER_GAP and 1 px from the row's
 * top: drawn.ts liftRows then grows the band to hold it). The level in the core band's px (negative), or undefined.
 */
function liftedRun(st: RouteState, e: FlowEdge, r: number, lane: number): number | undefined {
  // Any labelled branch back: a rework loop, or one further up (a generated 25-step procedure at 12 lanes on A4: 8->1
  // by its side, beyond the lane border, "Tidak" 3.7 mm from its vertex). Three steps back at 12 lanes on A4 this once
  // made the top try win with 6 connectors more off their lane (the decision's lane holding three in the page's top
  // row); a top is now judged as the re-routings for connectors leave it (layout-tries.ts settled), and no chain three
  // back draws otherwise for it.
  if (!e.label) return undefined;
  const x = st.centers[lane]!;
  const half = Math.max(x - borderX(st, lane), borderX(st, lane + 1) - x);
  if (LABEL_WIDTH[e.label] + 2.5 + OWN_MARGIN <= half) return undefined;
  const y = st.symTop - LIFTED_STUB;
  const room = bandRoom(st, st.inp.pageOf.get(e.from)!, r);
  return room + y >= BORDER_GAP + 1 ? y : undefined;
}

