/**
 * Issue 20 item 1: after topTries (layout-tries.ts) kept a set of decisions sending their branch back from the top
 * all at once, the candidates left, one at a time on top of it. A rework chain three back at 12 lanes on F4 kept
 * decision 12 alone and stopped there: decisions 4, 5, 6, 9, 11, 13 and 14 kept "Tidak" beside a side vertex, in the
 * corner of the Ya line leaving the bottom (ambiguous, 0.6 mm from the lane border; read as "Tidak goes to the next
 * step"). Only for procedures under PARTIAL_STEPS steps (`settle` given): each try is one routing more. The decisions
 * added are judged twice: as the re-routings for connectors leave them (moreKept), then on the finished drawing
 * (finishedMore): the tries after topTries may end elsewhere with them than without (a 12-step chain three back at
 * 10 lanes on A4 ended with 2 crossings, where the set alone ended with none).
 */
import type { RouterState, RouteTry, TryFaults } from './layout-tries.js';
import { noWorseDrawn } from './late-tries.js';

export interface OneByOne {
  /** Routes with those decisions' branches back by the top (null: none); the router's state names them. */
  readonly routeWith: (steps: ReadonlySet<number> | null) => RouteTry;
  /** Whether `t` draws better than `was` (topTries' judgement). */
  readonly better: (was: RouteTry, t: RouteTry) => boolean;
  /** How many labels a try leaves not owned. */
  readonly labels: (t: RouteTry) => number;
  /** How many connectors a try puts in their page's other row. */
  readonly otherRow: (t: RouteTry) => number;
  /** Of those, how many the router found their usual row crossing more for (late-tries.ts otherRowStuck). */
  readonly stuck?: (t: RouteTry) => number;
  /** Told the set kept all at once when moreKept keeps decisions on top of it (finishedMore judges both again). */
  readonly bulk?: (steps: ReadonlySet<number>) => void;
}

/**
 * The candidates of `first` one at a time, in step order, each added to those kept (`kept`, the routing `start`)
 * when `better` says the drawing is; on top of a set kept all at once (`start` not `first`), only when it puts no
 * more connectors in their page's other row either (fewerFaults trades them for labels: at 12 lanes on F4 decision
 * 11's top put one there, and the finished drawing kept it), or no more that the router found their usual row
 * crossing more for (`stuck`: the others' rows formatRowTries takes back; with furtherOut, a chain three back at 10
 * lanes on A4 sent 10->7's connector to the other row for a whole arrowhead, and decisions 8 and 16 were lost: 4
 * ambiguous labels, not 2). The router's state names the decisions of the try returned.
 */
export function oneByOne(first: RouteTry, start: RouteTry, kept: Set<number>, o: OneByOne): RouteTry {
  let best = start;
  let last = start !== first;
  for (const d of first.out.topCandidates) {
    if (kept.has(d)) continue;
    // Every label owned: no try can draw them better (fewerFaults), nothing more to route.
    if (last && o.labels(best) === 0) break;
    const t = o.routeWith(new Set([...kept, d]));
    last = o.better(best, t) && (start === first || o.otherRow(t) <= o.otherRow(best) || (o.stuck !== undefined && o.stuck(t) <= o.stuck(best)));
    if (!last) continue;
    best = t;
    kept.add(d);
  }
  return last ? best : o.routeWith(kept.size > 0 ? kept : null);
}

/**
 * The decisions added to the set kept all at once (`bulk`, routed with `steps`) by oneByOne (`more`), as the
 * re-routings for connectors off their lanes leave both (`settle`), counted by `faults`: `more` when it leaves fewer
 * labels not owned, `o.bulk` then told the set, to judge both on the finished drawing (finishedMore: the re-routings
 * here may still trade a connector or a crossing that the tries after them take back); else the set kept all at
 * once, routed again (the router's state names it).
 */
export function moreKept(bulk: RouteTry, steps: ReadonlySet<number>, more: RouteTry, o: OneByOne, settle: (t: RouteTry) => RouteTry, faults: (t: RouteTry) => TryFaults): RouteTry {
  if (more === bulk) return bulk;
  if (faults(settle(more)).labels >= faults(settle(bulk)).labels) return o.routeWith(steps);
  o.bulk?.(steps);
  return more;
}

/**
 * Whether the drawing with the decisions added (`b`) is better than the one with the set kept all at once (`a`):
 * fewer labels not owned and nothing else the quality report counts worse (no more connectors in the other row,
 * arrows no nearer each other, no shorter run before a head); or the lead's trade (issue 20 item 1, a label an
 * official can read backwards being worse than a connector off its lane): at least TRADE_AMBIGUOUS fewer ambiguous
 * labels for at most one connector more off its lane, nothing else worse (the quality report's arrowheads over a
 * corner, not estimated here, may rise by one: bench/quality.mjs measures them).
 */
export function moreThanBulk(b: TryFaults, a: TryFaults): boolean {
  if (b.otherRow > a.otherRow) return false;
  if (b.labels < a.labels && noWorseDrawn(b, a)) return true;
  return b.ambiguous <= a.ambiguous - TRADE_AMBIGUOUS && b.offLane <= a.offLane + 1 && noWorseDrawn({ ...b, offLane: Math.min(b.offLane, a.offLane) }, a);
}

/** Ambiguous labels fewer that one connector more off its lane may pay for (moreThanBulk). */
export const TRADE_AMBIGUOUS = 3;

/**
 * The try `more` (moreKept kept decisions on top of the set `bulk`) and the set alone, each finished by the tries
 * after topTries (`finish`, from the router's state topTries left, its tops `bulk` for the set alone): the set's
 * finished drawing unless `more`'s is better on the same terms (moreThanBulk). The router's state is left naming
 * the try returned.
 */
export function finishedMore(more: RouteTry, bulk: ReadonlySet<number>, tries: RouterState, routeWith: (steps: ReadonlySet<number>) => RouteTry, finish: (t: RouteTry) => RouteTry, faults: (t: RouteTry) => TryFaults): RouteTry {
  const start: RouterState = { ...tries };
  Object.assign(tries, start, { tops: bulk });
  const a = finish(routeWith(bulk));
  const alone = { ...tries };
  Object.assign(tries, start);
  const b = finish(more);
  if (moreThanBulk(faults(b), faults(a))) return b;
  Object.assign(tries, alone);
  return a;
}
