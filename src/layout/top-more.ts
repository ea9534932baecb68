/**
 * Issue 20 item 1: after topTries (layout-tries.ts) kept a set of decisions sending their branch back from the top
 * all at once, the candidates left, one at a time on top of it. A rework chain three back at 12 lanes on F4 kept
 * decision 12 alone and stopped there: decisions 4, 5, 6, 9, 11, 13 and 14 kept "Tidak" beside a side vertex, in the
 * corner of the Ya line leaving the bottom (ambiguous, 0.6 mm from the lane border; read as "Tidak goes to the next
 * step"). Only for procedures under PARTIAL_STEPS steps (`settle` given): each try is one routing more.
 */
import type { RouteTry, TryFaults } from './layout-tries.js';
import { noWorseDrawn } from './late-tries.js';

export interface OneByOne {
  /** Routes with those decisions' branches back by the top (null: none); the router's state names them. */
  readonly routeWith: (steps: ReadonlySet<number> | null) => RouteTry;
  /** Whether `t` draws better than `was` (topTries' judgement). */
  readonly better: (was: RouteTry, t: RouteTry) => boolean;
  /** How many labels a try leaves not owned. */
  readonly labels: (t: RouteTry) => number;
}

/**
 * The candidates of `first` one at a time, in step order, each added to those kept (`kept`, the routing `start`)
 * when `better` says the drawing is. The router's state names the decisions of the try returned.
 */
export function oneByOne(first: RouteTry, start: RouteTry, kept: Set<number>, o: OneByOne): RouteTry {
  let best = start;
  let last = start !== first;
  for (const d of first.out.topCandidates) {
    if (kept.has(d)) continue;
    // Every label owned: no try can draw them better (fewerFaults), nothing more to route.
    if (last && o.labels(best) === 0) break;
    const t = o.routeWith(new Set([...kept, d]));
    last = o.better(best, t);
    if (!last) continue;
    best = t;
    kept.add(d);
  }
  return last ? best : o.routeWith(kept.size > 0 ? kept : null);
}

/**
 * The decisions added to the set kept all at once (`bulk`, routed with `steps`) by oneByOne (`more`), judged as the
 * re-routings for connectors off their lanes leave both (`settle`) by `faults`: kept when fewer labels are not owned
 * and nothing else the quality report counts is worse (arrows near each other or short before their head neither),
 * else the set kept all at once, routed again (the router's state names it).
 */
export function moreKept(bulk: RouteTry, steps: ReadonlySet<number>, more: RouteTry, o: OneByOne, settle: (t: RouteTry) => RouteTry, faults: (t: RouteTry) => TryFaults): RouteTry {
  if (more === bulk) return bulk;
  const a = faults(settle(bulk));
  const b = faults(settle(more));
  return b.labels < a.labels && noWorseDrawn(b, a) && b.otherRow <= a.otherRow ? more : o.routeWith(steps);
}
