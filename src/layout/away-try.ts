/**
 * Issue 20 item 1: a decision whose branch back may leave by its top (route/top-exit.ts topCandidates) and whose
 * flow from the step before comes from the previous page: its connector may sit anywhere in the decision's top
 * connector row, so that flow may enter the side away from the decision's loops back (route/flows.ts
 * awayFromLoops), which then keep theirs. At 11 lanes on A4 the top try for decision 9 (its "Tidak" owned, beside
 * the run up) had put the flow from step 8 into the left, the loop back from step 13 round the right, and step
 * 10's "Tidak" round that to a connector outside its lane; so the try was given up and "Tidak" printed 4.5 mm from
 * its vertex, beyond the lane border. One routing more, only where such a decision exists and a label is not owned.
 */
import type { RouterState, RouteTry } from './layout-tries.js';
import { drawingFaults, type Faults } from './route/faults.js';

/**
 * `best` (its tops: tries.tops) routed again with every such decision's branch back by the top and its flow from the
 * previous page away from its loops (tries.away), kept when it is better (`fewer`: layout-tries.ts fewerFaults) with
 * no more connectors in their page's other row (fewerFaults alone trades one for a label: a rework chain three back
 * at 10 lanes on A4). The router's state names the choices of the try returned.
 */
export function awayTry(
  best: RouteTry,
  tries: RouterState,
  route: () => RouteTry,
  fewer: (was: RouteTry, t: RouteTry) => boolean,
  faults: (t: RouteTry) => Faults,
  geo: Parameters<typeof drawingFaults>[0],
): RouteTry {
  if (best.out.awayCandidates.size === 0) return best;
  // Those whose own label is not owned (ambiguous, near a border or astray): the others have nothing to gain (a
  // routing each page of a 1 000-step procedure, 2 of a 100-step one, for none).
  const faulty = new Set<number>();
  best.out.finish();
  drawingFaults(geo, best.stepRows, best.out.connectorRows, 0, faulty);
  const away = new Set([...best.out.awayCandidates].filter((b) => faulty.has(b)));
  if (away.size === 0) return best;
  const was = faults(best);
  const tops = tries.tops;
  tries.tops = new Set([...(tops ?? []), ...away]);
  tries.away = away;
  const t = route();
  if (fewer(best, t) && faults(t).otherRow <= was.otherRow) return t;
  tries.tops = tops;
  tries.away = null;
  return best;
}
