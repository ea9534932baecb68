/**
 * Issue 20 item 1 before item 3: a label an official can read backwards is worse than a crossing. The tries of one
 * router (layout-tries.ts bestRouting) each judge a narrow question (fewer crossings, fewer connectors off their
 * lanes, a label owned) and keep a try only when nothing else gets worse, so a drawing whose labels are all owned at
 * the cost of a crossing more is passed over for one that crosses less. When the drawing they keep has an ambiguous
 * label, bestRouting runs its tries a second time with fewerFaults taking labels made unambiguous for as many
 * crossings more (labelsFirst), and every drawing either pass finished is remembered (remember); the first pass's
 * drawing gives way to the one with the fewest ambiguous labels that pays for them (pays): at most one crossing or
 * connector in its page's other row more for each label made unambiguous, nothing else the quality report counts
 * worse. Arrowheads over a corner only break ties: counted in that budget they kept 17 of the quality report's 18
 * ambiguous labels (docs/drawing-contract.md, "Unambiguous first").
 */
import type { RouteTry, RouterState, TryFaults } from './layout-tries.js';
import { headsOf } from './end-try.js';
import { noWorseDrawn } from './late-tries.js';

/** The finished drawings of one router's tries, in the order finished, each with the router's state it was finished with. */
export type Finished = Map<RouteTry, RouterState>;

/** Whether fewerFaults (layout-tries.ts) takes labels made unambiguous for as many crossings more: during labelsFirst. */
let trading = false;
export const trades = (): boolean => trading;

/** `pass` with fewerFaults trading crossings for labels made unambiguous (the flag restored, also on a throw). */
export function labelsFirst<T>(pass: () => T): T {
  const was = trading;
  trading = true;
  try {
    return pass();
  } finally {
    trading = was;
  }
}

/** Remembers finished try `t` as the router's state `state` names it; returns it. */
export function remember(done: Finished, t: RouteTry, state: RouterState): RouteTry {
  done.set(t, { ...state });
  return t;
}

/**
 * The try to keep: `kept`, or the finished one with fewer ambiguous labels that pays for them (`key`). `tries` is
 * left naming the try returned (the state it was finished with).
 */
export function unambiguousFirst(kept: RouteTry, done: Finished, tries: RouterState, faults: (t: RouteTry) => TryFaults): RouteTry {
  const k = faults(kept);
  let best = kept;
  let bestKey: number[] | null = null;
  for (const t of done.keys()) {
    if (t === kept) continue;
    const f = faults(t);
    if (!pays(f, k)) continue;
    // Fewest ambiguous, then labels not owned, then crossings and connectors in the other row, then arrowheads over
    // a corner, then length.
    const key = [f.ambiguous, f.labels, f.crossings + f.otherRow, headsOf(t), f.length];
    const i = bestKey ? key.findIndex((v, j) => v !== bestKey![j]) : -1;
    if (!bestKey || (i >= 0 && key[i]! < bestKey[i]!)) [best, bestKey] = [t, key];
  }
  if (best !== kept) Object.assign(tries, done.get(best));
  return best;
}

/**
 * Whether `b` has fewer ambiguous labels than `a` and pays for them: at most one crossing or connector in its page's
 * other row more for each label made unambiguous, and no more labels not owned, misplaced labels, arrows near symbols,
 * connectors off their lanes, junctions, arrows on top of each other or nearer each other than 1.5 mm.
 */
export function pays(b: TryFaults, a: TryFaults): boolean {
  const fewer = a.ambiguous - b.ambiguous;
  if (fewer <= 0) return false;
  const more = b.crossings - a.crossings + b.otherRow - a.otherRow;
  // The crossings weighed above; the rest no worse (late-tries.ts noWorseDrawn).
  return more <= fewer && noWorseDrawn({ ...b, crossings: a.crossings }, a);
}
