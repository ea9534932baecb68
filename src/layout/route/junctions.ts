/**
 * Junctions (docs/drawing-contract.md, "Junctions"): when every point of a step carries an arrow already, a
 * further flow merges into an arrow already arriving there, meeting it square, without a head of its own.
 */
import { markHalf } from './end-mark.js';
import { crossings } from './drawn.js';
import { connectorEnd, CROSSING_COST, fits, free, PENALTY_PX, TIGHT_COST, toTrack } from './tracks.js';
import { BORDER_GAP, coreH, g, MIN_RUN, rowAt, TOP_RUN_Y, TRACK_GAP, type Exit, type Plan, type Pt, type RouteState, type Track } from './state.js';

export type JoinPlan = Plan & { join: string };

/**
 * A merged arrow: from an exit (or the connector row `connFrom`) along a free track to a point on an arrow
 * already arriving at step b (row rb), meeting it square: a vertical run onto its horizontal run, or a
 * horizontal one onto its vertical run, at least 1 mm from its corners. That arrow's head serves both.
 */
export function planJoin(st: RouteState, page: number, exOpts: readonly (Exit | null)[], connFrom: number | null, b: number, rb: number): JoinPlan | null {
  let best: JoinPlan | null = null;
  const consider = (t: Track, tail: Pt[], join: string): void => {
    for (const ex of exOpts) {
      if (ex && !fits(ex, t.x)) continue;
      const head: Pt[] = ex ? toTrack(st, page, ex, t.x) : [connectorEnd(st, t.x, connFrom!)];
      const h = head[head.length - 1]!;
      const k = tail[0]!;
      if (h.r === k.r && Math.abs(h.y - k.y) < MIN_RUN) continue;
      const g1 = Math.min(g(h.r, h.y), g(k.r, k.y));
      const g2 = Math.max(g(h.r, h.y), g(k.r, k.y));
      if (!free(t, page, g1, g2)) continue;
      const pts = [...head, ...tail];
      const last = tail[tail.length - 1]!;
      const len = Math.abs(t.x - (ex?.at.x ?? t.x)) + Math.abs(t.x - last.x);
      const crossed = crossings(st, page, pts);
      const cost = CROSSING_COST * crossed + len + (ex?.penalty ?? 0) * PENALTY_PX + (t.tight ? TIGHT_COST : 0);
      if (!best || cost < best.cost) best = { cost, crossings: crossed, pts, track: t, ex, en: null, join };
    }
  };
  for (const host of st.hostsOf.get(b) ?? []) {
    if (host.page !== page) continue;
    for (let i = 0; i + 1 < host.pts.length; i++) joinsOnto(st, page, rb, host.pts[i]!, host.pts[i + 1]!, (t, tail) => consider(t, tail, host.key));
  }
  return best;
}

/** The tails (from a track to a run A-B of an arriving arrow, in the target's row rb) a merged arrow may end with. */
function joinsOnto(st: RouteState, page: number, rb: number, A: Pt, B: Pt, consider: (t: Track, tail: Pt[]) => void): void {
  const { sym, jogY, symMid } = st;
  const tracks = st.tracks.all;
  const H = coreH(st, page, rb);
  if (A.x !== B.x) {
    // Onto a horizontal run in the target's row: from the track straight up or down.
    if (A.r !== rb) return;
    const lo = Math.min(A.x, B.x) + MIN_RUN + 0.5;
    const hi = Math.max(A.x, B.x) - MIN_RUN - 0.5;
    for (const t of tracks) if (t.x >= lo && t.x <= hi) consider(t, [{ x: t.x, r: rb, y: A.y }]);
    return;
  }
  // Onto a vertical run, where it lies in the target's row: a horizontal run from the track.
  let ylo: number;
  let yhi: number;
  if (A.r === rb && B.r === rb) [ylo, yhi] = [Math.min(A.y, B.y), Math.max(A.y, B.y)];
  else if (B.r === rb) [ylo, yhi] = A.r < rb ? [0, B.y] : [B.y, H];
  else if (A.r === rb) [ylo, yhi] = B.r < rb ? [0, A.y] : [A.y, H];
  else return;
  for (const yj of [TOP_RUN_Y, TOP_RUN_Y + 1.5, jogY, jogY - TRACK_GAP - 0.1, symMid]) {
    if (yj < ylo + MIN_RUN || yj > yhi - MIN_RUN || yj < BORDER_GAP || yj > H - BORDER_GAP) continue;
    for (const t of tracks) {
      if (Math.abs(t.x - A.x) < MIN_RUN + 0.5) continue;
      const x1 = Math.min(t.x, A.x);
      const x2 = Math.max(t.x, A.x);
      const row = rowAt(st, page, rb);
      if (
        row.core.symbols.some((s) => {
          if (s.kind === 'connector') return false;
          const [hw, hh] = markHalf(sym, s);
          return Math.abs(yj - s.y) <= hh + 1 && s.x + hw + 1 > x1 && s.x - hw - 1 < x2;
        })
      )
        continue;
      const gy = g(rb, yj);
      if (st.drawn.hsegs[page]!.some((h) => Math.abs(h.g - gy) < TRACK_GAP - 0.5 && h.x2 >= x1 - 1 && h.x1 <= x2 + 1)) continue;
      consider(t, [{ x: t.x, r: rb, y: yj }, { x: A.x, r: rb, y: yj }]);
    }
  }
}
