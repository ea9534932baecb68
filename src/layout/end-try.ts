/**
 * A decision's branch to the end whose terminator takes a side (route/end-mark.ts, route/flows.ts routeEnd) is routed
 * first: it has nowhere else to go. At 3-8 lanes that side was often the one its sibling branch back would have left
 * by, which then went round the other way: into the first step's top from a track a few px above it (an arrowhead
 * over a corner), or across the arrows it passed. One routing more where such a branch exists: those branches routed
 * after the other flows, a point kept for them (route/points.ts entries), on the side left free; kept when no count
 * of the quality report the router knows is worse and crossings, arrows near a symbol or arrowheads over a corner
 * are fewer.
 */
import type { RouteTry, RouterState } from './layout-tries.js';
import type { Faults } from './route/faults.js';
import { noMoreAtAll } from './route/faults.js';
import { drawnRows } from './route/tries.js';
import { HEAD_RUN } from './route/state.js';
import type { Piece } from './types.js';

/** Arrowheads ending a straight run shorter than the head and 1 px (the quality report's `arrowhead over corner`), in one band of a row. */
function shortHeads(pieces: readonly Piece[]): number {
  let n = 0;
  for (const p of pieces) {
    if (!p.arrow || typeof p.y1 !== 'number' || typeof p.y2 !== 'number') continue;
    const len = Math.abs(p.x2 - p.x1) + Math.abs(p.y2 - p.y1);
    if (len >= HEAD_RUN - 0.05) continue;
    // The run before it, turning at its start, in the same band (a run across a band's edge is not short).
    const turn = pieces.some((q) => q !== p && q.from === p.from && q.to === p.to && q.x2 === p.x1 && q.y2 === p.y1 && (q.x1 === q.x2) !== (p.x1 === p.x2));
    if (turn) n++;
  }
  return n;
}

/** A try's arrowheads over a corner (shortHeads), estimated from its drawing. */
export function headsOf(t: RouteTry): number {
  let n = 0;
  for (const row of drawnRows(t.stepRows, t.out.connectorRows)) n += shortHeads(row.top) + shortHeads(row.core.pieces) + shortHeads(row.bottom);
  return n;
}

/**
 * `best` settled (`settle`: the tries after it), and routed again (`route`: the router's tries) with its branches to
 * the end on a side routed last, all of them, then each alone, and settled so; the best of those better than it kept
 * (fewer crossings, arrows near a symbol and arrowheads over a corner, nothing else worse). The router's state names
 * the choices of the try returned.
 */
export function endsTry(best: RouteTry, tries: RouterState, settle: (t: RouteTry) => RouteTry, route: () => RouteTry, faults: (t: RouteTry) => Faults): RouteTry {
  const was = settle(best);
  const ends = was.out.endSides;
  if (ends.size === 0 || tries.lateEnds) return was;
  // The state as `was` was finished with (every choice named: layout-tries.ts newRouterState), to start each try from.
  const saved: RouterState = { ...tries };
  const a = faults(was);
  const ha = headsOf(was);
  const worst = (f: Faults, h: number): number => f.crossings + f.nearSymbol + h;
  let kept: { t: RouteTry; n: number; state: RouterState } | null = null;
  const sets = ends.size > 1 ? [ends, ...[...ends].map((d) => new Set([d]))] : [ends];
  for (const set of sets) {
    Object.assign(tries, saved, { lateEnds: set });
    const t = settle(route());
    const b = faults(t);
    const hb = headsOf(t);
    const n = worst(b, hb);
    if (n < worst(a, ha) && b.crossings <= a.crossings && b.nearSymbol <= a.nearSymbol && hb <= ha && noMoreAtAll(b, a) && (!kept || n < kept.n)) kept = { t, n, state: { ...tries } };
  }
  Object.assign(tries, kept ? kept.state : saved);
  return kept ? kept.t : was;
}
