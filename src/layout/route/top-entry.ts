/**
 * An arrow into a step's top from a track shows its whole arrowhead (docs/drawing-contract.md, "arrowhead over
 * corner"): at TOP_RUN_Y its run down to the symbol is 6 px, shorter than the head (7 px), which then covers the
 * corner the line turns at. (TOP_RUN_Y keeps 1.5 mm from the row's top border, the symbol 12 px under it: 8 px would
 * take a deeper core band, taller rows.) Such a route goes straight in from a point facing the top's lane
 * (straightIn), or straight down from a connector of the page's top row (straightDown); a narrow-lane decision's
 * branch to the next step enters the side facing its track (sideInstead); else its run sideways lies in the row
 * above, 1.5 mm over the rows' border (the run down is then 18.5 px), where that row is clear there, or, where the
 * row's text makes it taller than its core band, HEAD_RUN above the symbol (the band is centred in the row: the room
 * above it keeps the run 1.5 mm from the row's top border). No row grows.
 */
import { crossings } from './drawn.js';
import { clearAt, connectorEnd, fits, plan, toTrack } from './tracks.js';
import { BORDER_GAP, coreH, g, HEAD_RUN, rowAt, TOP_RUN_Y, TRACK_GAP, type Exit, type Plan, type Pt, type RouteState } from './state.js';

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

/**
 * The row of a point where a route meets its track (tracks.ts trackY): a top entry's run up (`up`: its route meets the
 * track by the run in the row above, tracks.ts runsUp) is in the row above.
 */
export const runRow = (ex: Exit, up: boolean): number => (up ? ex.at.r - 1 : ex.at.r);

/**
 * A route planned from a side or bottom point of a step into the top of a step in a later row of the page, its head
 * over its corner (shortTop), drawn straight in instead: its run from the point goes on sideways to the centre line
 * of the top's lane (a bottom exit's at its jog level) and turns down into the top, no track and no run at
 * TOP_RUN_Y, where that line is free (no symbol, no other arrow on or near it, the run along no other) and the route
 * crosses no more than the plan's. The same points; null where it cannot.
 */
export function straightIn(st: RouteState, page: number, p: Plan): Plan | null {
  const { ex, en } = p;
  if (!ex || !en || !shortTop(p) || ex.side === 'T' || ex.at.r >= en.at.r || ex.dy !== undefined) return null;
  const cx = en.at.x;
  if (!fits(ex, cx) || Math.abs(cx - ex.at.x) < HEAD_RUN || (ex.side === 'L' ? cx > ex.at.x : ex.side === 'R' ? cx < ex.at.x : false)) return null;
  const ra = ex.at.r;
  const rb = en.at.r;
  const rows = st.inp.stepRows[page]!;
  // No symbol on the way down: the steps of the rows passed (and the exit's, beside its point) keep out of the lane.
  for (let r = ra; r < rb; r++) {
    const step = rows[r]!.step;
    if (step !== null && st.inp.lanesOf(step).includes(en.lane)) return null;
  }
  const head = toTrack(st, page, ex, cx);
  const y = head[head.length - 1]!.y;
  if (!clearAt(st, page, ra, y, ex.at.x, cx)) return null;
  const g1 = g(ra, y);
  const g2 = g(rb, en.at.y);
  // A run near the line from above its start to its end (the top's symbol parts the line from a run below it: the
  // run down from that symbol's bottom goes on from it as any flow through the step).
  for (const v of st.drawn.vsegs[page]!) if (Math.abs(v.x - cx) < TRACK_GAP && v.g2 > g1 - 40 && v.g1 < g2) return null;
  const pts: Pt[] = [...head, en.at];
  const crossed = crossings(st, page, pts);
  if (crossed > p.crossings) return null;
  return { ...p, crossings: crossed, pts, track: { x: cx, taken: null } };
}

/**
 * A route planned from the page's top connector row into the top of a step by a short run down (shortTop): straight
 * down from the connector instead, set over the top's lane centre (the way a primary flow across a page break comes
 * in, flows.ts routePrimary), where that line is free (no symbol in the lane in the rows above, no other arrow on or
 * near it) and crosses no more than the plan. Null where it cannot.
 */
export function straightDown(st: RouteState, page: number, p: Plan): Plan | null {
  const { ex, en } = p;
  if (ex || !en || !shortTop(p) || p.pts[0]!.r !== -1) return null;
  const cx = en.at.x;
  const rows = st.inp.stepRows[page]!;
  for (let r = 0; r < en.at.r; r++) {
    const step = rows[r]!.step;
    if (step !== null && st.inp.lanesOf(step).includes(en.lane)) return null;
  }
  const g2 = g(en.at.r, en.at.y);
  for (const v of st.drawn.vsegs[page]!) if (Math.abs(v.x - cx) < TRACK_GAP && v.g1 < g2) return null;
  const pts: Pt[] = [connectorEnd(st, cx, -1), en.at];
  const crossed = crossings(st, page, pts);
  if (crossed > p.crossings) return null;
  return { ...p, crossings: crossed, pts, track: { x: cx, taken: null } };
}

/** Whether a planned route ends in a top by a run down shorter than HEAD_RUN (its head over the corner). */
export function shortTop(p: Plan): boolean {
  const n = p.pts.length;
  if (p.en?.side !== 'T' || n < 2) return false;
  const a = p.pts[n - 2]!;
  const b = p.pts[n - 1]!;
  return a.r === b.r && a.x === b.x && Math.abs(b.y - a.y) < HEAD_RUN;
}

/**
 * A narrow-lane decision's branch to the next step planned into its top by a short run down (shortTop): into the
 * side of that step facing its track instead, where that crosses no more and the run into the side shows the whole
 * arrowhead and more (HEAD_RUN). Null where it cannot.
 */
export function sideInstead(st: RouteState, page: number, p: Plan, exOpts: readonly (Exit | null)[], enAll: readonly Exit[]): Plan | null {
  if (!shortTop(p)) return null;
  const sides = enAll.filter((o) => o.side === 'L' || o.side === 'R');
  if (sides.length === 0) return null;
  const q = plan(st, page, exOpts, sides, null, null);
  if (!q || !q.en || q.crossings > p.crossings || q.cost > p.cost || Math.abs(q.track.x - q.en.at.x) < HEAD_RUN) return null;
  return q;
}
