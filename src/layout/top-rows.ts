/**
 * Issue 20 items 1 and 7: the row of a narrow-lane decision that may send its branch back up from its top
 * (route/top-exit.ts topCandidates) asks the height its label needs on that branch's stub. Where "Tidak" fits beside
 * the stub on neither side with 1 mm to the lane border (lanes under ~60 px: 10 lanes on A4), top-exit.ts liftedRun
 * lifts the run sideways LIFTED_STUB above the vertex, above the core band, and the label lies on the stub at the
 * lane's centre; but only where the row's text leaves that room above the band. Rows of two or three lines (52 px
 * at 10 lanes on A4, the core band 46) left 3 px: "Tidak" stood beside the stub 0.5 mm from the border (the
 * generated 200-step procedure at 10 lanes: 4->1, 38->36, 51->44). paginate.ts gives such a row that height where
 * its page still holds it: the pages stay as they were.
 */
import type { SopModel } from '../model/model.js';
import { CORE, coreHeight } from './paginate.js';
import { LABEL_WIDTH } from './route/label-space.js';
import { OWN_MARGIN } from './route/points.js';
import { BORDER_GAP } from './route/state.js';
import { backUp, LIFTED_STUB } from './route/top-exit.js';

/**
 * The height each step's row asks (index: step number; 0: none more than its text): the core band and, above and
 * below it (the band is centred in its row), the lifted run's room: BORDER_GAP and 1 px from the row's top, LIFTED_STUB
 * over the symbol's top. `lane`: the lanes' width, `symbolH`: the symbol's height.
 */
export function topRowHeights(model: SopModel, lane: number, symbolH: number): (step: number) => number {
  const laneOf = new Map(model.lanes.map((l, i) => [l.id, i]));
  const arriving = new Map<number, number>();
  for (const e of model.edges) if (typeof e.to === 'number') arriving.set(e.to, (arriving.get(e.to) ?? 0) + 1);
  const want = new Map<number, number>();
  const height = coreHeight(symbolH, lane) + 2 * (BORDER_GAP + 1 + LIFTED_STUB - CORE.top);
  for (const s of model.steps) {
    const b = s.number;
    if (s.symbol !== 'decision' || b < 2 || (arriving.get(b) ?? 0) < 2 || s.lanes.length !== 1) continue;
    const before = model.steps[b - 2]!;
    // A labelled branch back whose label fits beside the stub on neither side, the step before flowing into it from another lane.
    const back = model.edges.find((e) => e.from === b && backUp(e));
    if (!back?.label || LABEL_WIDTH[back.label] + 2.5 + OWN_MARGIN <= lane / 2) continue;
    if (!model.edges.some((e) => e.from === b - 1 && e.to === b) || before.lanes.some((l) => laneOf.get(l) === laneOf.get(s.lanes[0]!))) continue;
    want.set(b, height);
  }
  return (step) => want.get(step) ?? 0;
}
