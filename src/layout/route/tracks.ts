/**
 * Channels (docs/drawing-contract.md, "Channels", "Spare tracks"): the vertical tracks in the gutters between a
 * symbol and a lane border, their spacing, each reserved over the rows a flow spans; the best route on a page
 * from a point (or connector row) along a free track to a point (or connector row): fewest crossings, then shortest.
 */
import { crossings } from './drawn.js';
import {
  BORDER_GAP,
  borderX,
  g,
  HEAD_RUN,
  laneAt,
  MIN_RUN,
  round,
  SYMBOL_GAP,
  SYMBOL_GAP_MIN,
  TOP_RUN_Y,
  TRACK_GAP,
  type Exit,
  type Frame,
  type Plan,
  type Pt,
  type RouteState,
  type Track,
} from './state.js';
import { runRow } from './top-entry.js';
import { firstIndex } from '../../util/array.js';

/**
 * A route's cost: each crossing outweighs any detour; then its length in px, its points' penalties (points.ts)
 * times PENALTY_PX, a tight track, a labelled bottom exit whose label has no room on the side away from the turn, and
 * a labelled side exit's track that leaves its label no owned place (SLANT_COST).
 */
export const CROSSING_COST = 1000;
export const PENALTY_PX = 10;
export const TIGHT_COST = 40;
const CRAMPED_COST = 5000;

/**
 * A track nearer than 1.5 mm to a symbol it does not serve, per symbol (issue 20 item 7): worse than a detour,
 * and all of them together better than one crossing (item 3 first).
 */
export const NEAR_COST = 100;

/** The quality report's clearance of an arrow from a symbol (1.5 mm), with a margin for rounding. */
const CLEAR_OF_SYMBOL = TRACK_GAP + 0.1;

/**
 * A labelled side exit's track so near the point that its label has no owned place on the side the track turns
 * to, when the other side has none either and a track further out would give it one (points.ts slantRoom): more
 * than the detour to the next track out, less than a track passing a symbol (NEAR_COST).
 */
const SLANT_COST = 50;

/**
 * A track into a side of a decision whose branch back leaves by the top, so near its centre line that "Tidak"
 * beside the run up would be as near that track as its own run (Exit.clear): as SLANT_COST, more than the detour to
 * a track beyond the lane border, less than a track passing a symbol.
 */
const CLEAR_COST = SLANT_COST;

/**
 * What a route into a side may cost beyond the plan's to show its whole arrowhead (furtherOut): as SLANT_COST, more
 * than the detour to the track beyond the lane border, less than a track passing a symbol (NEAR_COST).
 */
const HEAD_COST = SLANT_COST;

/** SLANT_COST for a labelled side exit's track at x, turning up or down. */
function slanted(ex: Exit | null, x: number, up: boolean): number {
  const q = ex?.slant;
  if (!ex || !q) return 0;
  // Away from the turn, the track is no nearer the label than the run: the places owned by the run alone count there.
  if (q.owned(up ? 'below' : 'above')) return 0;
  const turn = q.rooms(up ? 'above' : 'below');
  if (turn.sure.length === 0) return 0;
  const d = Math.abs(x - ex.at.x);
  for (const [a, b] of turn.may) if (d >= a && d <= b) return 0;
  return SLANT_COST;
}

/**
 * How many symbols a track at x passes nearer than 1.5 mm over g1..g2 on a page, but those of the rows the
 * flow leaves and enters (its own steps').
 */
function symbolsPassed(st: RouteState, page: number, t: Track, g1: number, g2: number, rFrom: number | null, rTo: number | null): number {
  const { inp, sym, symTop, symBottom } = st;
  const x = t.x;
  const lane = laneAt(st, x);
  if (!t.sole && Math.abs(x - inp.centers[lane]!) - sym.w / 2 >= TRACK_GAP) return 0;
  const rows = inp.stepRows[page]!;
  let n = 0;
  for (let r = Math.max(0, Math.floor(g1 / 1000) - 2); r < rows.length && g(r, symTop) < g2; r++) {
    if (r === rFrom || r === rTo || g(r, symBottom) <= g1) continue;
    const step = rows[r]!.step;
    if (step !== null && inp.lanesOf(step).includes(lane)) n++;
  }
  return n;
}

/** The tracks of every lane, sorted by x, and the spare ones. */
export function newTracks(st: Frame): RouteState['tracks'] {
  const all = gutterTracks(st);
  all.sort((a, b) => a.x - b.x);
  let spares: Track[] | null = null;
  return {
    all,
    get spares(): Track[] {
      return (spares ??= spareTracks(st, all));
    },
    get sparesMade(): boolean {
      return spares !== null;
    },
  };
}

/** In each half of each lane, between the symbol and the lane border: 1.5 mm apart, innermost first. */
function gutterTracks(st: Frame): Track[] {
  const { inp } = st;
  const { sym, centers } = inp;
  const tracks: Track[] = [];
  for (let lane = 0; lane < inp.laneCount; lane++) {
    const left = borderX(st, lane);
    const right = borderX(st, lane + 1);
    const c = centers[lane]!;
    for (const [outer, inner] of [
      [left + BORDER_GAP, c - sym.w / 2],
      [right - BORDER_GAP, c + sym.w / 2],
    ] as const) {
      const dir = outer < inner ? 1 : -1; // from the border towards the symbol
      const room = Math.abs(inner - outer);
      let gap = SYMBOL_GAP;
      if (room < gap) gap = Math.max(SYMBOL_GAP_MIN, room / 2);
      const span = room - gap;
      if (span < 0) {
        // No room for a track clear of both: one in the middle of the gutter (the quality report shows it).
        tracks.push({ x: round((outer + inner) / 2 - (dir * BORDER_GAP) / 2), taken: null });
        continue;
      }
      const n = Math.floor(span / TRACK_GAP) + 1;
      if (n === 1 && room >= SYMBOL_GAP_MIN + TRACK_GAP + 0.3) {
        // A narrow gutter (lanes under ~68 px): two tracks 1.5 mm apart, the outer one 1.5 mm from the border;
        // the inner one, nearer the symbol than SYMBOL_GAP, is taken only when the outer is busy.
        tracks.push({ x: round(outer), taken: null });
        tracks.push({ x: round(outer + dir * TRACK_GAP), taken: null, tight: true });
        continue;
      }
      if (n === 1 && room < SYMBOL_GAP && room >= CLEAR_OF_SYMBOL + 0.5) {
        // A gutter of 12-16 px (lanes of 44-58 px, their symbols 24 px: 10-12 lanes on A4): its one track an arrowhead
        // and 1 px (HEAD_RUN) from the symbol, so that an arrow from it into the symbol's side shows its whole head
        // ("arrowhead over corner"), where the gutter has room for that 1.5 mm from the border; else 1.5 mm from the
        // symbol, clear of both (issue 20 item 7; at room / 2 it passed every other symbol of its lane 1.06 mm away).
        tracks.push({ x: round(inner - dir * (room >= HEAD_RUN ? HEAD_RUN : CLEAR_OF_SYMBOL)), taken: null, sole: true });
        continue;
      }
      const step = n > 1 ? span / (n - 1) : 0;
      // Innermost first: the nearest track is the one a short loop takes.
      for (let k = 0; k < n; k++) tracks.push({ x: round(inner - dir * (gap + k * step)), taken: null });
    }
  }
  return tracks;
}

/**
 * Spare tracks, used only when every track is taken over the rows a flow needs (lanes too narrow for their
 * loops): 1.5 px apart, so arrows still never run on top of each other; the quality report counts the tight gaps.
 */
function spareTracks({ inp }: Pick<RouteState, 'inp'>, tracks: readonly Track[]): Track[] {
  const { sym, centers } = inp;
  /** Whether a track lies within 1 px of x (tracks are sorted by x: the nearest ones either side of it decide). */
  const nearTrack = (x: number): boolean => {
    const lo = firstIndex(tracks.length, (m) => tracks[m]!.x >= x);
    return (lo < tracks.length && Math.abs(tracks[lo]!.x - x) < 1) || (lo > 0 && Math.abs(tracks[lo - 1]!.x - x) < 1);
  };
  const spares: Track[] = [];
  for (let lane = 0; lane < inp.laneCount; lane++) {
    const left = inp.laneLefts[lane]!;
    const c = centers[lane]!;
    for (let x = left + 1.5; x < c - sym.w / 2 - 1.5; x += 1.5) if (!nearTrack(x)) spares.push({ x, taken: null });
    for (let x = inp.laneLefts[lane + 1]! - 1.5; x > c + sym.w / 2 + 1.5; x -= 1.5) if (!nearTrack(x)) spares.push({ x, taken: null });
  }
  return spares;
}

/** The tracks inside the lanes of a step (from its first lane's left border to its last lane's right one). */
export function tracksIn(st: RouteState, step: number): Track[] {
  const lanes = st.inp.lanesOf(step);
  const lo = borderX(st, lanes[0]!);
  const hi = borderX(st, lanes[lanes.length - 1]! + 1);
  return st.tracks.all.filter((t) => t.x > lo && t.x < hi);
}

/** Whether a track is free over g1..g2 on a page (keeping 40 units from the runs already in it). */
export const free = (t: Track, page: number, g1: number, g2: number): boolean => {
  const list = t.taken?.get(page);
  if (list) for (const [a, b] of list) if (!(g2 + 40 < a || g1 > b + 40)) return false;
  return true;
};

/** Reserves a track over g1..g2 on a page. */
export const take = (t: Track, page: number, g1: number, g2: number): void => {
  const taken = (t.taken ??= new Map());
  const list = taken.get(page) ?? [];
  list.push([g1, g2]);
  taken.set(page, list);
};

/** Whether a track at x suits an exit: on its side, and (a bottom exit or top entry) at least MIN_RUN away. */
export const fits = (ex: Exit, x: number): boolean => {
  if (!(x > ex.min && x < ex.max)) return false;
  // A bottom exit or top entry needs a run of at least MIN_RUN to its track.
  if ((ex.side === 'B' || ex.side === 'T') && Math.abs(x - ex.at.x) < MIN_RUN) return false;
  return true;
};

/** The polyline from a point of a symbol to a track (or back: reversed by the caller). */
export function toTrack(st: RouteState, page: number, ex: Exit, x: number): Pt[] {
  return toTrackAt(ex, x, trackY(st, page, ex, x), runsUp(st, page, ex, x));
}

/** Where (y in row ex.at.r) the polyline of toTrack meets the track at x. */
function trackY(st: RouteState, page: number, ex: Exit, x: number): number {
  // A loop into a bottom vertex (bottom-entry.ts inEntry): at its run's level.
  if (ex.side === 'B') return ex.runY ?? level(st, page, ex.at.r, st.jogY, st.jogY - TRACK_GAP - 0.1, ex.at.x, x);
  if (ex.side === 'T') return ex.runUp !== undefined && clearAt(st, page, ex.at.r - 1, ex.runUp, ex.at.x, x) ? ex.runUp : (ex.runY ?? TOP_RUN_Y);
  return ex.at.y;
}

/** toTrack's polyline, meeting the track at y (trackY; in the row above when `up`). */
function toTrackAt(ex: Exit, x: number, y: number, up: boolean): Pt[] {
  const r = runRow(ex, up);
  if (ex.side === 'B' || ex.side === 'T') return [ex.at, { x: ex.at.x, r, y }, { x, r, y }];
  return [ex.at, { x, r: ex.at.r, y }];
}

/**
 * Whether the polyline of toTrack from a top entry meets the track at x by its run in the row above (Exit.runUp, taken
 * where that row is clear there: trackY): the row its run sideways lies in (top-entry.ts runRow).
 */
function runsUp(st: RouteState, page: number, ex: Exit, x: number): boolean {
  return ex.side === 'T' && ex.runUp !== undefined && clearAt(st, page, ex.at.r - 1, ex.runUp, ex.at.x, x);
}

/** Where a track meets a connector row (r -1: the top one, at its bottom edge; else the bottom one, at its top). */
export const connectorEnd = (st: RouteState, x: number, r: number): Pt => ({ x, r, y: connectorY(st, r) });
const connectorY = (st: RouteState, r: number): number => (r < 0 ? st.inp.connectorRowHeight : 0);

/** The first of y1, y2 where a horizontal run from x1 to x2 in row r runs along no other (the jog of another flow); else y1. */
function level(st: RouteState, page: number, r: number, y1: number, y2: number, x1: number, x2: number): number {
  return clearAt(st, page, r, y1, x1, x2) || !clearAt(st, page, r, y2, x1, x2) ? y1 : y2;
}

/** Whether a horizontal run from x1 to x2 at y in row r runs along no other (level). */
export function clearAt(st: RouteState, page: number, r: number, y: number, x1: number, x2: number): boolean {
  const lo = Math.min(x1, x2);
  const hi = Math.max(x1, x2);
  const gy = g(r, y);
  for (const h of st.drawn.hsegs[page]!) if (!(Math.abs(h.g - gy) >= TRACK_GAP - 0.5 || h.x2 < lo - 1 || h.x1 > hi + 1)) return false;
  return true;
}

/**
 * The best route on one page between an exit (or the page's connector row
 * `connFrom` when ex is null) and an entry (or the connector row `connTo` when en is null): the cheapest, and of
 * routes alike the first in the order of the tracks (by x), the exits, the entries. The candidates are weighed
 * cheapest first by what they cost before their crossings and the symbols they pass (their length, penalties,
 * cramped labels): once one is drawn, the dearer ones are not (most of a plan's routes used to be built, each a
 * little cheaper than the one before, as the tracks neared the exit); the order of the tracks still breaks ties.
 */
export function plan(
  st: RouteState,
  page: number,
  exOpts: readonly (Exit | null)[],
  enOpts: readonly (Exit | null)[],
  connFrom: number | null,
  connTo: number | null,
  among: readonly Track[] = st.tracks.all,
): Plan | null {
  // The candidates that suit both ends, in the order of the tracks, exits and entries (their index), with the cost
  // below without crossings, symbols passed and slant (`base`), the same sums as costOf makes.
  let n = 0;
  for (let ti = 0; ti < among.length; ti++) {
    const t = among[ti]!;
    for (let xi = 0; xi < exOpts.length; xi++) {
      const ex = exOpts[xi]!;
      if (ex && !fits(ex, t.x)) continue;
      for (let ni = 0; ni < enOpts.length; ni++) {
        const en = enOpts[ni]!;
        if (en && !fits(en, t.x)) continue;
        const len = Math.abs(t.x - (ex?.at.x ?? t.x)) + Math.abs(t.x - (en?.at.x ?? t.x));
        const cramped = (ex?.room && !(t.x < ex.at.x ? ex.room.R : ex.room.L) ? CRAMPED_COST : 0) + (en?.clear && Math.abs(t.x - en.clear.x) < en.clear.d ? CLEAR_COST : 0);
        const base = len + (ex?.penalty ?? 0) * PENALTY_PX + (en?.penalty ?? 0) * PENALTY_PX + (t.tight ? TIGHT_COST : 0) + cramped;
        if (n === cand.base.length) grow();
        cand.base[n] = base;
        cand.len[n] = len;
        cand.cramped[n] = cramped;
        cand.track[n] = ti;
        cand.ex[n] = xi;
        cand.en[n] = ni;
        cand.order[n] = n;
        n++;
      }
    }
  }
  // Cheapest first, ties in candidate order (insertion sort: a plan has tens of candidates; stable).
  const { order } = cand;
  for (let i = 1; i < n; i++) {
    const k = order[i]!;
    const b = cand.base[k]!;
    let j = i - 1;
    while (j >= 0 && cand.base[order[j]!]! > b) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = k;
  }
  let best: Plan | null = null;
  let bestAt = -1;
  // Whether a route costing `c` would come before the best so far (candidate `k`): cheaper, or as cheap and earlier.
  const wins = (c: number, k: number): boolean => best === null || c < best.cost || (c === best.cost && k < bestAt);
  for (let i = 0; i < n; i++) {
    const k = order[i]!;
    const base = cand.base[k]!;
    // No candidate after this one costs less (sorted), and one as cheap wins only from before the best.
    if (best && base > best.cost) break;
    if (!wins(base, k)) continue;
    const t = among[cand.track[k]!]!;
    const ex = exOpts[cand.ex[k]!]!;
    const en = enOpts[cand.en[k]!]!;
    const len = cand.len[k]!;
    const cramped = cand.cramped[k]!;
    // Where the route meets the track at each end (the polylines are built only for a route that can win).
    const hu = ex !== null && runsUp(st, page, ex, t.x);
    const ku = en !== null && runsUp(st, page, en, t.x);
    const hy = ex ? trackY(st, page, ex, t.x) : connectorY(st, connFrom!);
    const ky = en ? trackY(st, page, en, t.x) : connectorY(st, connTo!);
    const gh = g(ex ? runRow(ex, hu) : connFrom!, hy);
    const gk = g(en ? runRow(en, ku) : connTo!, ky);
    const g1 = Math.min(gh, gk);
    const g2 = Math.max(gh, gk);
    const slant = slanted(ex, t.x, gk < gh);
    if (slant > 0 && !wins(base + slant, k)) continue;
    if (!free(t, page, g1, g2)) continue;
    const near = Math.min(CROSSING_COST - 100, NEAR_COST * symbolsPassed(st, page, t, g1, g2, ex?.at.r ?? null, en?.at.r ?? null));
    const exPen = (ex?.penalty ?? 0) * PENALTY_PX;
    const enPen = (en?.penalty ?? 0) * PENALTY_PX;
    const tight = t.tight ? TIGHT_COST : 0;
    // A route that cannot win even crossing nothing is not counted.
    if (!wins(routeCost(0, near, len, exPen, enPen, tight, cramped, slant), k)) continue;
    // Crossings counted only as far as the route could still beat the best so far (all of them when, rounding
    // apart, so many still could), on the polyline written into a buffer: the route's own is built if it wins.
    const m = polyline(st, ex, en, t.x, hy, ky, hu, ku, connFrom, connTo);
    const stop = best ? Math.max(1, Math.ceil((best.cost - base - near - slant) / CROSSING_COST)) : Infinity;
    let crossed = crossings(st, page, scratch, undefined, stop, m);
    let cost = routeCost(crossed, near, len, exPen, enPen, tight, cramped, slant);
    if (crossed >= stop && wins(cost, k)) cost = routeCost((crossed = crossings(st, page, scratch, undefined, Infinity, m)), near, len, exPen, enPen, tight, cramped, slant);
    if (wins(cost, k)) {
      const head: Pt[] = ex ? toTrackAt(ex, t.x, hy, hu) : [connectorEnd(st, t.x, connFrom!)];
      const tail: Pt[] = en ? toTrackAt(en, t.x, ky, ku).reverse() : [connectorEnd(st, t.x, connTo!)];
      best = { cost, crossings: crossed, pts: [...head, ...tail], track: t, ex, en };
      bestAt = k;
    }
  }
  // Not among the spare tracks (1.5 px apart, nearest the symbol first: one further out lies nearer the lane border).
  return best && !(st.tracks.sparesMade && among === st.tracks.spares) ? furtherOut(st, page, best, connFrom, connTo, among) : best;
}

/**
 * A route into a side by a run shorter than the arrowhead and 1 px (HEAD_RUN): the head hangs over the corner
 * (docs/drawing-contract.md, "arrowhead over corner"; a narrow gutter's one track 1.5 mm from a symbol whose right
 * gutter is 1 px narrower than its left, or the inner track of two). The same points by a track further out instead
 * (the next lane's), where one is free and the route crosses no more and costs no more than HEAD_COST beyond the
 * plan's; the points kept, so that the flows routed after it find the same ones taken. Else the plan costs HEAD_COST
 * more: a route to a connector of the step (flows.ts inLanes) then takes a track beyond the lane's border where
 * that costs less, the connector kept in its lane by the jog in its row.
 */
function furtherOut(st: RouteState, page: number, p: Plan, connFrom: number | null, connTo: number | null, among: readonly Track[]): Plan {
  const en = p.en;
  if (!en || (en.side !== 'L' && en.side !== 'R') || Math.abs(p.track.x - en.at.x) >= HEAD_RUN) return p;
  const q = plan(st, page, [p.ex], [headClear(en)], connFrom, connTo, among);
  return q && q.crossings <= p.crossings && q.cost <= p.cost + HEAD_COST ? q : { ...p, cost: p.cost + HEAD_COST };
}

/** A side entry whose track keeps an arrowhead and 1 px (HEAD_RUN) from the point: the head clear of the corner. */
export function headClear(o: Exit): Exit {
  return o.side === 'R' ? { ...o, min: Math.max(o.min, o.at.x + HEAD_RUN) } : o.side === 'L' ? { ...o, max: Math.min(o.max, o.at.x - HEAD_RUN) } : o;
}

/** A route's cost (plan): its crossings, the symbols it passes, its length, its points' penalties, a tight track, cramped and slanted labels. */
function routeCost(crossed: number, near: number, len: number, exPen: number, enPen: number, tight: number, cramped: number, slant: number): number {
  return CROSSING_COST * crossed + near + len + exPen + enPen + tight + cramped + slant;
}

/** A candidate's polyline (toTrackAt's points, then the entry's reversed, or a connector row's end: connectorY), into `scratch`: how many points. */
function polyline(st: RouteState, ex: Exit | null, en: Exit | null, x: number, hy: number, ky: number, hu: boolean, ku: boolean, connFrom: number | null, connTo: number | null): number {
  let m = 0;
  if (!ex) m = put(m, x, connFrom!, connectorY(st, connFrom!));
  else {
    m = put(m, ex.at.x, ex.at.r, ex.at.y);
    if (ex.side === 'B' || ex.side === 'T') m = put(m, ex.at.x, runRow(ex, hu), hy);
    m = put(m, x, runRow(ex, hu), hy);
  }
  if (!en) return put(m, x, connTo!, connectorY(st, connTo!));
  m = put(m, x, runRow(en, ku), ky);
  if (en.side === 'B' || en.side === 'T') m = put(m, en.at.x, runRow(en, ku), ky);
  return put(m, en.at.x, en.at.r, en.at.y);
}
/** Writes point m of `scratch`; m + 1. */
function put(m: number, x: number, r: number, y: number): number {
  const q = scratch[m]!;
  q.x = x;
  q.r = r;
  q.y = y;
  return m + 1;
}
const scratch = Array.from({ length: 6 }, () => ({ x: 0, r: 0, y: 0 }));

/** plan's candidates, reused from call to call (grown as needed). */
const cand = { base: new Float64Array(256), len: new Float64Array(256), cramped: new Float64Array(256), track: new Int32Array(256), ex: new Int32Array(256), en: new Int32Array(256), order: new Int32Array(256) };
function grow(): void {
  for (const k of Object.keys(cand) as (keyof typeof cand)[]) {
    const a = cand[k];
    const b = new (a.constructor as Float64ArrayConstructor)(a.length * 2);
    b.set(a);
    (cand as Record<string, Float64Array | Int32Array>)[k] = b;
  }
}

/** When no track is free: a spare one; when none is free either, the first track, shared (the quality report shows it). */
export function forced(st: RouteState, page: number, exOpts: readonly (Exit | null)[], enOpts: readonly (Exit | null)[], connFrom: number | null, connTo: number | null): Plan {
  const { all, spares } = st.tracks;
  const p = plan(st, page, exOpts, enOpts, connFrom, connTo, spares);
  if (p) return p;
  const ex0 = exOpts[0] ?? null;
  const en0 = enOpts[0] ?? null;
  const y0 = ex0 ? g(ex0.at.r, ex0.at.y) : g(connFrom!, 0);
  const y1 = en0 ? g(en0.at.r, en0.at.y) : g(connTo!, 0);
  const t = [...all, ...spares].find((c) => free(c, page, Math.min(y0, y1) - 100, Math.max(y0, y1) + 100)) ?? all[0]!;
  const ex = exOpts[0] ?? null;
  const en = enOpts[0] ?? null;
  const head = ex ? toTrack(st, page, ex, t.x) : [connectorEnd(st, t.x, connFrom!)];
  const tail = en ? toTrack(st, page, en, t.x).reverse() : [connectorEnd(st, t.x, connTo!)];
  return { cost: Infinity, crossings: Infinity, pts: [...head, ...tail], track: t, ex, en };
}
