/**
 * Issue 20 item 1: the decisions met by two arrows whose branch back leaves by a side, "Tidak" beside the arrival
 * at the top (route/bottom-exit.ts downCandidates), tried with that branch leaving by the bottom and the branch to
 * the next step by a side (RouteInput.downSteps), decision by decision (layout-tries.ts bestRouting).
 */
import type { RouteTry, RouterState, TryFaults } from './layout-tries.js';
import { noWorseDrawn } from './late-tries.js';
import { crossingFlows } from './route/tries.js';

/**
 * The down tries (downTries) and the tries after them (`settle`: layout-tries.ts bestRouting's re-routings), first
 * without, then with the decisions whose next step's top is kept for its branch back up: their branch to the next
 * step enters that step's side instead (route.ts). Judged at the end (`faults`): such a try draws fewer labels not
 * owned and nothing else the quality report counts worse (connectors in the other row aside, as fewerFaults; no
 * arrows nearer each other than 1.5 mm or on top of each other), or it
 * is not kept (the re-routings after the down tries took crossings away from one and not the other: a chain three
 * back at 11 lanes on F4 kept decision 13 at 7 crossings either way, then ended with 7 instead of 5). The router's
 * state is left naming the try returned.
 */
export function settledDowns(first: RouteTry, tries: RouterState, routed: () => RouteTry, better: (was: RouteTry, t: RouteTry) => boolean, labelsLeft: (t: RouteTry) => number, settle: (t: RouteTry) => RouteTry, faults: (t: RouteTry) => TryFaults): RouteTry {
  const before = { ...tries };
  const a = settle(downTries(first, tries, routed, better, labelsLeft, true));
  const intoSide = [...first.out.downCandidates].some((d) => !before.tops?.has(d) && before.tops?.has(d + 1));
  if (!intoSide) return a;
  const fa = faults(a);
  if (fa.labels === 0) return a;
  const kept = { ...tries };
  Object.assign(tries, before);
  const down = downTries(first, tries, routed, better, labelsLeft, false);
  const same = (tries.downs?.size ?? 0) === (kept.downs?.size ?? 0) && [...(tries.downs ?? [])].every((d) => kept.downs?.has(d));
  if (!same) {
    const b = settle(down);
    const fb = faults(b);
    if (fb.labels < fa.labels && noWorseDrawn(fb, fa)) return b;
  }
  Object.assign(tries, kept);
  return a;
}

/**
 * Each candidate in step order (those the tops of topTries leave, and only while a label is not owned), added to
 * those kept when `better` says the drawing is (layout-tries.ts fewerFaults: labels better, nothing else the quality
 * report counts worse but connectors in the other row); `routed` routes with the router's state as it is
 * (`tries.downs` naming the decisions), which is left naming those of the try returned.
 */
export function downTries(first: RouteTry, tries: RouterState, routed: () => RouteTry, better: (was: RouteTry, t: RouteTry) => boolean, labelsLeft: (t: RouteTry) => number, skipNextTop = true): RouteTry {
  if (first.out.downCandidates.size === 0) return first;
  let best = first;
  const kept = new Set<number>();
  for (const d of first.out.downCandidates) {
    // A decision whose top is kept for a branch back up: route.ts leaves it as it is, so the try would route as `best`
    // did; `skipNextTop`: also one whose next step's top is (settledDowns tries them apart).
    if (tries.tops?.has(d) || (skipNextTop && tries.tops?.has(d + 1))) continue;
    if (labelsLeft(best) === 0) break;
    tries.downs = new Set([...kept, d]);
    const t = routed();
    if (!better(best, t)) continue;
    best = t;
    kept.add(d);
  }
  // A routing made before (shared by layout-tries.ts sharedRoutings when it was routed with the same decisions).
  tries.downs = kept.size > 0 ? kept : null;
  return best;
}

/**
 * Issue 20 item 3: the decisions whose loop back in could enter by the bottom (route/bottom-entry.ts inCandidates),
 * tried on the finished drawing while arrows cross, in step order, each only when its loop in or its branch to the
 * next step crosses there; each try routed with the router's state as the tries before the re-routings left it
 * (`tries.ins` naming the decisions) and finished by them (`settled`), kept when it crosses fewer arrows and nothing
 * else the quality report counts is worse (no more connectors in the other row, no arrows on top of each other or
 * nearer each other). The router's state is left as the try returned was finished with.
 */
export function inTries(first: RouteTry, tries: RouterState, settled: () => RouteTry, faults: (t: RouteTry) => TryFaults): RouteTry {
  if (first.out.inCandidates.size === 0) return first;
  let best = first;
  let was = faults(first);
  if (was.crossings === 0) return first;
  let kept: RouterState = { ...tries };
  const start: RouterState = { ...tries, wide: false, early: null, sides: null };
  const ins = new Set<number>(tries.ins ?? []);
  for (const d of first.out.inCandidates) {
    if (was.crossings === 0) break;
    if (ins.has(d) || tries.tops?.has(d) || tries.downs?.has(d)) continue;
    if (!crossingFlows(best.stepRows, best.out.connectorRows).some(({ from, to }) => (from === d && to === d + 1) || (to === d && from > d))) continue;
    Object.assign(tries, start, { ins: new Set([...ins, d]) });
    const t = settled();
    const now = faults(t);
    if (!(now.crossings < was.crossings && now.otherRow <= was.otherRow && noWorseDrawn(now, was))) continue;
    [best, was, kept] = [t, now, { ...tries }];
    ins.add(d);
  }
  Object.assign(tries, kept);
  return best;
}
