/**
 * Issue 20 item 1: the decisions met by two arrows whose branch back leaves by a side, "Tidak" beside the arrival
 * at the top (route/bottom-exit.ts downCandidates), tried with that branch leaving by the bottom and the branch to
 * the next step by a side (RouteInput.downSteps), decision by decision (layout-tries.ts bestRouting).
 */
import type { RouteTry, RouterState } from './layout-tries.js';

/**
 * Each candidate in step order (those the tops of topTries leave, and only while a label is not owned), added to
 * those kept when `better` says the drawing is (layout-tries.ts fewerFaults: labels better, nothing else the quality
 * report counts worse but connectors in the other row); `routed` routes with the router's state as it is
 * (`tries.downs` naming the decisions), which is left naming those of the try returned.
 */
export function downTries(first: RouteTry, tries: RouterState, routed: () => RouteTry, better: (was: RouteTry, t: RouteTry) => boolean, labelsLeft: (t: RouteTry) => number): RouteTry {
  if (first.out.downCandidates.size === 0) return first;
  let best = first;
  const kept = new Set<number>();
  for (const d of first.out.downCandidates) {
    // A decision whose top, or the next step's, is kept for a branch back up: route.ts leaves it as it is, so the
    // try would route as `best` did (a fifth of the tries on generated chains two to four back, 5-12 lanes).
    if (tries.tops?.has(d) || tries.tops?.has(d + 1)) continue;
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
