/**
 * What the tries of layout-tries.ts judge a try by: the quality report's faults of its finished drawing (route/faults.ts),
 * its arrows on top of each other and crossings, each worked out once per try, its tight runs and length.
 */
import type { RouteTry } from './layout-tries.js';
import { drawnLength } from './late-tries.js';
import { drawingFaults, type Faults } from './route/faults.js';
import { drawnCrossings, drawnOverlaps, drawnTight } from './route/tries.js';

/**
 * What the quality report counts in a try, finished (its labels placed), counted once per try: the tries compare
 * the same try several times (the one kept so far with each new one).
 */
export function faultsOf(geo: Parameters<typeof drawingFaults>[0], t: RouteTry): Faults {
  let f = counted.get(t);
  if (!f) {
    t.out.finish();
    // Its crossings as crossedIn counts them (once per try: the labels a finish adds cross nothing).
    counted.set(t, (f = drawingFaults(geo, t.stepRows, t.out.connectorRows, crossedIn(t))));
  }
  return f;
}
const counted = new WeakMap<RouteTry, Faults>();

/** A finished try's arrows on top of each other (drawnOverlaps), counted once per try. */
export function overlapsOf(t: RouteTry): number {
  t.out.finish();
  return laidOver(t);
}

/**
 * A count of a try's drawing, its connectors placed, worked out once per try (the labels a finish adds move no
 * piece): reroute compares the try kept with each new one, and a routing shared by two tries (sharedRoutings) is
 * the same try.
 */
function countedOnce(count: typeof drawnCrossings): ((t: RouteTry) => number) & { forget: (t: RouteTry) => void } {
  const memo = new WeakMap<RouteTry, number>();
  const of = (t: RouteTry): number => {
    let n = memo.get(t);
    if (n === undefined) {
      t.out.connect();
      memo.set(t, (n = count(t.stepRows, t.out.connectorRows)));
    }
    return n;
  };
  return Object.assign(of, { forget: (t: RouteTry): void => void memo.delete(t) });
}
/** A try's arrows on top of each other (drawnOverlaps). */
export const laidOver = countedOnce(drawnOverlaps);
/** A try's crossings (drawnCrossings). */
export const crossedIn = countedOnce(drawnCrossings);
/** Everything counted of a try, forgotten: its connectors were placed again (raisedTry), its jogs moved. */
export function forgetCounts(t: RouteTry): void {
  counted.delete(t);
  laidOver.forget(t);
  crossedIn.forget(t);
}

/** What the quality report counts in a finished try, with its arrows on top of each other and their length (px). */
export type TryFaults = Faults & { overlaps: number; tight: number; length: number };

/** What offLaneTries, aloneFirst, the later tries and plain-first.ts judge a try by: the quality report's faults, overlaps, tight runs, length. */
export function tryFaultsOf(faultsIn: Parameters<typeof drawingFaults>[0], t: RouteTry): TryFaults {
  return { ...faultsOf(faultsIn, t), overlaps: overlapsOf(t), tight: drawnTight(t.stepRows, t.out.connectorRows), length: drawnLength(t.stepRows, t.out.connectorRows) };
}
