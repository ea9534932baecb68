/**
 * Issue 20 item 7 on the drawing the tries chose (RouteOutput.clearHeads, after connector-levels.ts crossIn): an
 * arrow into a symbol's side from a track nearer the point than its arrowhead and 1 px (HEAD_RUN) hangs its head over
 * the corner ("arrowhead over corner"). In a narrow gutter the router gives a loop back into a decision's side the
 * inner track, because the decision's branch down, routed first, took the outer one to pass by. The two runs swap
 * tracks: the loop comes in from the outer one and shows its whole head, the branch passes by the inner one. Where
 * no run lies beside it, the loop moves to a free track of the gutter instead. Kept only where no run lies on
 * another, none comes end to end with another nearer than the router keeps them (a run so near the loop's new place
 * may trade with it instead), none crosses the arrow's last run (its head on it would read as a junction), no jog
 * gets shorter than 1 mm, and the page's faults and crossings (route/faults.ts) are no more.
 * Only after the tries, as "Further along" is (docs/drawing-contract.md, "Heads clear").
 */
import type { Piece, Y } from '../types.js';
import type { RowBuilder } from '../route.js';
import { drawingFaults, noMoreAtAll, type Faults } from './faults.js';
import { BORDER_GAP, borderX, HEAD_RUN, laneAt, MIN_RUN, routedPage, type RouteState } from './state.js';

/** A piece's place: its row's list of pieces and its index there. */
interface At {
  readonly list: Piece[];
  readonly i: number;
}

/** A flow's vertical run at one x over a page, as positions (rowPos), and the pieces that make it and meet it. */
interface Run {
  readonly lo: number;
  readonly hi: number;
  readonly verticals: At[];
  readonly ends: At[];
}

const key = (p: Piece): string => `${p.from}->${p.to}`;
const isVertical = (p: Piece): boolean => p.x1 === p.x2 && p.y1 !== p.y2;
const isHorizontal = (p: Piece): boolean => p.y1 === p.y2 && p.x1 !== p.x2;

/** How many arrows into a side were brought in from further out (a trade of tracks, or a move to a free one). */
export function clearHeads(st: RouteState): number {
  let count = 0;
  st.inp.stepRows.forEach((stepRows, page) => {
    if (!routedPage(st, page)) return;
    const conn = st.connRows[page]!;
    const rows: RowBuilder[] = [...(conn.top ? [conn.top] : []), ...stepRows, ...(conn.bottom ? [conn.bottom] : [])];
    const first = conn.top ? 1 : 0;
    stepRows.forEach((row, r) => {
      for (const e of [...row.core.pieces]) if (shortEntry(st, row, e) && cleared(st, page, rows, first + r, e)) count++;
    });
  });
  return count;
}

/** An arrow into a symbol's side by a run shorter than HEAD_RUN, from a track. */
function shortEntry(st: RouteState, row: RowBuilder, e: Piece): boolean {
  if (!e.arrow || e.join || !isHorizontal(e) || Math.abs(e.x2 - e.x1) >= HEAD_RUN) return false;
  return row.core.symbols.some((s) => s.step === e.to && s.kind !== 'connector' && s.kind !== 'end' && Math.abs(Math.abs(e.x2 - s.x) - st.sym.w / 2) < 0.6);
}

/**
 * A position down the page: each row's three bands in turn, a band 1 long (y over the core band's height; a connector
 * row has its core band only, 3 long), so that the runs of a flow down rows and bands meet end to end.
 */
function rowPos(row: RowBuilder, ri: number, band: 0 | 1 | 2, y: Y): number {
  const frac = y === '100%' ? 1 : band === 1 ? y / row.core.height : 0;
  return row.kind === 'connectors' ? ri * 3 + frac * 3 : ri * 3 + band + frac;
}

type Placed = { p: Piece; at: At; a: number; b: number };

/** Every piece of the page with its place and its ends' positions. */
function piecesOf(rows: readonly RowBuilder[]): Placed[] {
  const out: Placed[] = [];
  rows.forEach((row, ri) => {
    const lists: [Piece[], 0 | 1 | 2][] = [[row.top, 0], [row.core.pieces, 1], [row.bottom, 2]];
    for (const [list, band] of lists) list.forEach((p, i) => out.push({ p, at: { list, i }, a: rowPos(row, ri, band, p.y1), b: rowPos(row, ri, band, p.y2) }));
  });
  return out;
}

const EPS = 1e-6;

/** Flow `k`'s vertical run at x through position `at`, and its pieces turning off it; null unless both its ends turn sideways. */
function runOf(all: readonly Placed[], k: string, x: number, at: number): Run | null {
  const own = all.filter((q) => key(q.p) === k);
  const vs = own.filter((q) => isVertical(q.p) && q.p.x1 === x).map((q) => ({ at: q.at, lo: Math.min(q.a, q.b), hi: Math.max(q.a, q.b) }));
  const start = vs.find((v) => v.lo <= at + EPS && v.hi >= at - EPS);
  if (!start) return null;
  let { lo, hi } = start;
  const verticals: At[] = [start.at];
  // Grown while a piece meets it (the bands of a row and the rows meet end to end).
  for (let grew = true; grew; ) {
    grew = false;
    for (const v of vs)
      if (!verticals.includes(v.at) && v.lo <= hi + EPS && v.hi >= lo - EPS) {
        verticals.push(v.at);
        lo = Math.min(lo, v.lo);
        hi = Math.max(hi, v.hi);
        grew = true;
      }
  }
  const ends = own.filter((q) => isHorizontal(q.p) && (q.p.x1 === x || q.p.x2 === x) && (Math.abs(q.a - lo) < EPS || Math.abs(q.a - hi) < EPS));
  // Both ends turn sideways: a run that starts at a symbol or a connector would leave it.
  if (!ends.some((q) => Math.abs(q.a - lo) < EPS) || !ends.some((q) => Math.abs(q.a - hi) < EPS)) return null;
  return { lo, hi, verticals, ends: ends.map((q) => q.at) };
}

/**
 * The entry e in row `ri` of the page (rows with its connector rows) brought in from further out: its run trades
 * tracks with a run beside it in the gutter, else moves to a free track there; kept when it harms nothing.
 */
function cleared(st: RouteState, page: number, rows: readonly RowBuilder[], ri: number, e: Piece): boolean {
  const all = piecesOf(rows);
  const xa = e.x1;
  const dir = xa > e.x2 ? 1 : -1;
  const lane = laneAt(st, e.x2 + dir);
  const border = borderX(st, dir > 0 ? lane + 1 : lane);
  const at = rowPos(rows[ri]!, ri, 1, e.y1);
  const a = runOf(all, key(e), xa, at);
  if (!a) return false;
  const inGutter = (x: number): boolean => dir * (x - e.x2) >= HEAD_RUN && dir * (border - x) >= BORDER_GAP - 0.01;
  // The runs along it (or end to end with it nearer than NEAR_RUN) in the gutter beyond HEAD_RUN, and the gutter's
  // tracks there, nearest the point first.
  const ways: { x: number; b: Run | null }[] = [];
  const seen = new Set<string>();
  for (const q of all)
    if (isVertical(q.p) && key(q.p) !== key(e) && inGutter(q.p.x1) && beside(rows, q, a.lo, a.hi, EPS) && !seen.has(`${key(q.p)}@${q.p.x1}`)) {
      seen.add(`${key(q.p)}@${q.p.x1}`);
      const b = runOf(all, key(q.p), q.p.x1, q.a);
      if (b) ways.push({ x: q.p.x1, b });
    }
  for (const t of st.tracks.all) if (inGutter(t.x)) ways.push({ x: t.x, b: null });
  ways.sort((p, q) => Math.abs(p.x - e.x2) - Math.abs(q.x - e.x2));
  if (ways.length === 0) return false;
  // The page's faults (the runs move on it alone), as it is: a way not taken leaves it so.
  const faults = (): Faults => drawingFaults(st.inp, [st.inp.stepRows[page]!], [st.connRows[page]!]);
  const before = faults();
  // No run then crosses the arrow's last run, where its head lies (a page reviewer found a loop's head on the run it
  // traded with, which passed the entry's level: F4, 10 lanes, step 10), read as a junction.
  const crossesHead = (w: { x: number; b: Run | null }): boolean =>
    all.some((q) => isVertical(q.p) && key(q.p) !== key(e) && (q.p.x1 - e.x2) * (q.p.x1 - w.x) < 0 && Math.min(q.a, q.b) < at - EPS && Math.max(q.a, q.b) > at + EPS && !(w.b && w.b.verticals.some((v) => v.list[v.i] === q.p))) ||
    (w.b !== null && (xa - e.x2) * (xa - w.x) < 0 && w.b.lo < at - EPS && w.b.hi > at + EPS);
  return ways.some((w) => !crossesHead(w) && traded(rows, all, a, xa, w.b, w.x, () => noMoreAtAll(faults(), before)));
}

/**
 * Run a (at xa) moves to xb, and run b (at xb, when given) to xa, when no run then lies on another or nearer than the
 * router keeps them (NEAR_RUN), and the drawing is no worse; whether they did.
 */
function traded(rows: readonly RowBuilder[], all: readonly Placed[], a: Run, xa: number, b: Run | null, xb: number, noWorseNow: () => boolean): boolean {
  const moving = new Set([...a.verticals, ...a.ends, ...(b ? [...b.verticals, ...b.ends] : [])].map((at) => at.list[at.i]!));
  // Nothing else along either track where its new run lies, nor meeting the old ones (a merged arrow's join).
  const still = all.filter((q) => !moving.has(q.p));
  const along = (x: number, lo: number, hi: number): boolean =>
    still.some((q) => isVertical(q.p) && Math.abs(q.p.x1 - x) < 1.5 && beside(rows, q, lo, hi, -EPS));
  const meets = (x: number, lo: number, hi: number): boolean => still.some((q) => (q.p.x1 === x && q.a >= lo - EPS && q.a <= hi + EPS) || (q.p.x2 === x && q.b >= lo - EPS && q.b <= hi + EPS));
  if (along(xb, a.lo, a.hi) || meets(xa, a.lo, a.hi) || (b && (along(xa, b.lo, b.hi) || meets(xb, b.lo, b.hi)))) return false;
  // A merged arrow's join ending on a moving piece (on a run's end, which a move may shorten) still ends on one after.
  const movingAt = all.filter((q) => moving.has(q.p));
  const on = (x: number, pos: number, p: Piece, pa: number, pb: number): boolean =>
    isVertical(p) ? x === p.x1 && pos >= Math.min(pa, pb) - EPS && pos <= Math.max(pa, pb) + EPS : Math.abs(pos - pa) < EPS && x >= Math.min(p.x1, p.x2) && x <= Math.max(p.x1, p.x2);
  const joined = still.filter((q) => q.p.join && movingAt.some((m) => on(q.p.x2, q.b, m.p, m.a, m.b)));
  const undo: [At, Piece][] = [];
  const put = (at: At, p: Piece): void => {
    undo.push([at, at.list[at.i]!]);
    at.list[at.i] = p;
  };
  let ok = true;
  const moves: [Run, number, number][] = b ? [[a, xa, xb], [b, xb, xa]] : [[a, xa, xb]];
  for (const [run, from, to] of moves) {
    for (const at of run.verticals) put(at, { ...at.list[at.i]!, x1: to, x2: to });
    for (const at of run.ends) {
      const p = at.list[at.i]!;
      const q = { ...p, x1: p.x1 === from ? to : p.x1, x2: p.x2 === from ? to : p.x2 };
      // A run that turns back, or an arrowhead's run shortened under HEAD_RUN (or under its length, when shorter), is no swap.
      if (Math.sign(q.x2 - q.x1) !== Math.sign(p.x2 - p.x1) || (q.arrow && Math.abs(q.x2 - q.x1) < Math.min(HEAD_RUN, Math.abs(p.x2 - p.x1)))) ok = false;
      // Nor a jog made shorter than 1 mm (MIN_RUN; the quality report's short jog: a connector's jog in its row).
      if (Math.abs(q.x2 - q.x1) < Math.min(MIN_RUN, Math.abs(p.x2 - p.x1))) ok = false;
      if (laidOn(at.list, at.i, q)) ok = false;
      put(at, q);
    }
  }
  if (ok) ok = joined.every((q) => movingAt.some((m) => on(q.p.x2, q.b, m.at.list[m.at.i]!, m.a, m.b)));
  if (ok) ok = noWorseNow();
  if (!ok) for (const [at, p] of undo.reverse()) at.list[at.i] = p;
  return ok;
}

/** 40 px: how near the router lets two runs of one track come end to end in a row (tracks.ts free). */
const NEAR_RUN = 40;

/**
 * Whether piece q's span down the page lies beside the span lo..hi: overlapping it by more than `overlap` (a negative
 * one: touching it counts too), or end to end with it in one core band nearer than NEAR_RUN.
 */
function beside(rows: readonly RowBuilder[], q: Placed, lo: number, hi: number, overlap: number): boolean {
  const qlo = Math.min(q.a, q.b);
  const qhi = Math.max(q.a, q.b);
  return (qlo < hi - overlap && qhi > lo + overlap) || nearer(rows, qhi, lo) || nearer(rows, hi, qlo);
}

/** Whether positions p (above) and q (below) lie in one core band under NEAR_RUN apart. */
function nearer(rows: readonly RowBuilder[], p: number, q: number): boolean {
  if (q < p) return false;
  const at = (pos: number): { ri: number; y: number } | null => {
    const ri = Math.min(rows.length - 1, Math.floor(pos / 3 + EPS));
    const row = rows[ri]!;
    const f = row.kind === 'connectors' ? (pos - ri * 3) / 3 : pos - ri * 3 - 1;
    return f < -EPS || f > 1 + EPS ? null : { ri, y: f * row.core.height };
  };
  const a = at(p);
  const b = at(q);
  return a !== null && b !== null && a.ri === b.ri && b.y - a.y < NEAR_RUN;
}

/** Whether a horizontal piece would lie along another of its band (under 1.5 px apart, overlapping). */
function laidOn(list: readonly Piece[], i: number, q: Piece): boolean {
  const lo = Math.min(q.x1, q.x2);
  const hi = Math.max(q.x1, q.x2);
  return list.some((p, j) => j !== i && isHorizontal(p) && typeof p.y1 === 'number' && Math.abs((p.y1 as number) - (q.y1 as number)) < 1.5 && Math.max(p.x1, p.x2) > lo && Math.min(p.x1, p.x2) < hi && key(p) !== key(q));
}
