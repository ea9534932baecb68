/**
 * Issue 20 items 1 and 7: a narrow-lane decision with one arriving arrow whose side took a spare track (route.ts
 * sideSpares) is sent down from its bottom (layout-tries.ts reroute): its branch to the next step then runs down the
 * centre line from the bottom, and its branch back leaves by a side to a track in the lane's gutter or beyond it.
 * In a lane under ~66 px (10 lanes on A4) that gutter (14 px) is narrower than "Tidak" (23 px): the label lands
 * beyond the lane border, 4.5 mm from its vertex (astray) and within 1 mm of the border (the generated 200-step
 * procedure at 10 lanes: 74->66, 97->93, 183->182). Tried instead: the exits of a decision met by two arrows that
 * sends its branch back down (route/bottom-exit.ts downExit): the branch back by the bottom, "Tidak" under the slant
 * beside its run down, and the branch to the next step by the side facing that step's lane. With one arrival the
 * other side is free, so the run back turning towards it crosses no loop into the decision.
 */
import type { SopModel } from '../model/model.js';
import type { RouteTry, RouterState } from './layout-tries.js';
import { downShaped } from './route/bottom-exit.js';

/**
 * The try `kept` (sent down from the bottom for its spares, `spares`) or, when better (`better`: crosses, overlaps
 * and strays no more, draws its labels better), the one routed (`routed`, with the router's state as it is) with
 * those of its spares that can send their branch back down (`downs` naming them); the router's state is left naming
 * the decisions of the try returned.
 */
export function spareDowns(
  kept: RouteTry,
  spares: ReadonlySet<number>,
  model: SopModel,
  lanesOf: (n: number) => readonly number[],
  tries: RouterState,
  routed: () => RouteTry,
  better: (was: RouteTry, t: RouteTry) => boolean,
): RouteTry {
  const ds = [...spares].filter((d) => model.steps[d - 1]?.symbol === 'decision' && downShaped(model.edges.filter((e) => e.from === d), lanesOf, d) && !tries.downs?.has(d));
  if (ds.length === 0) return kept;
  const was = tries.downs ?? null;
  tries.downs = new Set([...(was ?? []), ...ds]);
  const t = routed();
  if (better(kept, t)) return t;
  tries.downs = was;
  return kept;
}
