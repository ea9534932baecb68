/**
 * The level of the run sideways into a step's top from a track (docs/drawing-contract.md, "No arrowhead over a
 * corner"): at TOP_RUN_Y the run down to the symbol is 6 px, shorter than the arrowhead (7 px), whose head then
 * covers the corner the line turns at. The run lies lower in the row above, 1.5 mm over the rows' border (the run
 * down is then 18 px), where that row's band is clear there; or, where the row's text makes it taller than its core
 * band, HEAD_RUN above the symbol (the band is centred in the row: the room above it keeps the run 1.5 mm from the
 * row's top border).
 */
import { BORDER_GAP, coreH, HEAD_RUN, rowAt, TOP_RUN_Y, type Exit, type RouteState } from './state.js';

/** What a top entry into step b (lane l, row r of its page) may carry: runY (its own row's room), runUp (the row above). */
export function topEntryRuns(st: RouteState, b: number, l: number, r: number): Pick<Exit, 'runY' | 'runUp'> {
  const page = st.inp.pageOf.get(b)!;
  const y = st.symTop - HEAD_RUN;
  // The stretching band above the core (the browser makes a row no lower than its minHeight; the core is centred).
  const room = (rowAt(st, page, r).minHeight - st.hc) / 2;
  if (y < TOP_RUN_Y && room + y >= BORDER_GAP) return { runY: y };
  // The row above, a step row whose step is not in this lane (a run down from its bottom would read as going on) and
  // sends no labelled branch (its labels lie in its row: a run there left 64 more of them ambiguous on the quality report).
  if (r < 1) return {};
  const above = rowAt(st, page, r - 1).step;
  if (above === null || st.inp.lanesOf(above).includes(l) || st.inp.outgoing[above]!.some((e) => !!e.label)) return {};
  return { runUp: coreH(st, page, r - 1) - BORDER_GAP - 0.5 };
}

/** The row of a point where a route meets its track at level y (tracks.ts trackY): a top entry's run up is in the row above. */
export const runRow = (ex: Exit, y: number): number => (ex.runUp !== undefined && y === ex.runUp ? ex.at.r - 1 : ex.at.r);
