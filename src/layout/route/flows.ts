/**
 * Each kind of flow, routed (docs/drawing-contract.md, "How arrows are routed"): an ordinary flow from the
 * bottom of its symbol to the top of the next; any other flow from a free point along a track to a free point
 * (or merged into an arrow already there), through a connector pair across a page break; a decision's branch
 * to the end as a short stub.
 */
import type { FlowEdge } from '../../model/model.js';
import { hasRow, pairKey, pendConnector, rowCrossings } from './connectors.js';
import { emit, record } from './drawn.js';
import { endMark, endOutline, endPlace, type EndPlace } from './end-mark.js';
import { planJoin } from './junctions.js';
import { wishAlong, wishEnd, wishPrimary } from './labels.js';
import { LABEL_WIDTH } from './label-space.js';
import { arrivalSide, entries, exits, expectFlows, flowRouted, labelFit, OWN_MARGIN, PENALTY, pointKey, siblingSide, sidesOnly, takePoint } from './points.js';
import { topCandidates, topExit } from './top-exit.js';
import { sideInstead, straightDown, straightIn } from './top-entry.js';
import { downExit } from './bottom-exit.js';
import { inEntry, inNextExit } from './bottom-entry.js';
import { CROSSING_COST, forced, headClear, plan, take, tracksIn } from './tracks.js';
import { bandRoom, BORDER_GAP, borderX, g, gutterOf, MIN_RUN, perInput, routedPage, rowAt, TRACK_GAP, type Exit, type Plan, type Pt, type RouteState, type Track } from './state.js';
import { maxOf, minOf } from '../../util/array.js';

/** Each step's ordinary flow (of the steps numbered): to the next step (a decision's Ya branch when both go there). */
export function primaryFlows(st: RouteState, steps: Iterable<number>): Map<number, FlowEdge> {
  const primaryOf = new Map<number, FlowEdge>();
  for (const n of steps) {
    const out = st.inp.outgoing[n]!.filter((e) => e.to === n + 1);
    const chosen = out.find((e) => e.label === 'Ya') ?? out[0];
    if (chosen) primaryOf.set(n, chosen);
  }
  return primaryOf;
}

/** An ordinary flow: from the bottom of its symbol to the top of the next (the nearest pair of lanes), a jog between. */
export function routePrimary(st: RouteState, e: FlowEdge): void {
  const { inp, centers, symBottom, symTop, jogY } = st;
  const a = e.from;
  const b = e.to as number;
  const la = inp.lanesOf(a);
  const lb = inp.lanesOf(b);
  let best: [number, number] = [la[0]!, lb[0]!];
  for (const x of la) for (const y of lb) if (Math.abs(centers[x]! - centers[y]!) < Math.abs(centers[best[0]]! - centers[best[1]]!)) best = [x, y];
  st.points.used.add(pointKey(a, best[0], 'B'));
  st.points.used.add(pointKey(b, best[1], 'T'));
  const xs = centers[best[0]]!;
  const xt = centers[best[1]]!;
  const pa = inp.pageOf.get(a)!;
  const pb = inp.pageOf.get(b)!;
  const ra = inp.rowOf.get(a)!;
  const rb = inp.rowOf.get(b)!;
  if (routedPage(st, pa)) wishPrimary(st, e, pa, ra, best[0], xs, xt);
  if (pa === pb) {
    const pts: Pt[] = [{ x: xs, r: ra, y: symBottom }];
    if (xs !== xt) pts.push({ x: xs, r: ra, y: jogY }, { x: xt, r: ra, y: jogY });
    pts.push({ x: xt, r: rb, y: symTop });
    emit(st, pa, pts, a, b, true);
    return;
  }
  const letter = pairKey(e);
  // A try of some pages only (RouteInput.pages): each half on its own page, when that page is routed.
  if (routedPage(st, pa)) downToConnector(st, e, pa, ra, xs, letter);
  if (routedPage(st, pb)) {
    emit(st, pb, [{ x: xt, r: -1, y: inp.connectorRowHeight }, { x: xt, r: rb, y: symTop }], a, b, true);
    pendConnector(st, { page: pb, where: 'top', arrivalX: xt, letter, flowIn: false, from: a, to: b, step: b });
  }
}

/** Draws a planned route: its points taken, its track reserved, its pieces drawn, its label wished for. */
function commit(st: RouteState, page: number, p: Plan, e: FlowEdge, stepA: number, stepB: number | null, arrow: boolean, join?: string): void {
  if (p.ex) takePoint(st, stepA, p.ex);
  if (p.ex?.side === 'T') st.points.topKept.delete(stepA);
  if (p.en && stepB !== null) takePoint(st, stepB, p.en);
  const pts = p.pts;
  // The track's vertical run: the points where the path reaches and leaves the track.
  const onTrack = pts.filter((q) => q.x === p.track.x);
  const gs = onTrack.map((q) => g(q.r, q.y));
  take(p.track, page, minOf(gs), maxOf(gs));
  emit(st, page, pts, e.from, e.to, arrow && !join, join);
  if (p.ex) wishAlong(st, e, page, p.ex, pts);
}

/**
 * The flow from the step before into a decision whose top is kept for its branch back up (points.ts
 * topCandidates): from the bottom of its symbol along a track into the side of the decision that faces it (the
 * other side costs more); from the previous page, from its connector at the page's top along a track into that
 * side (the half on the page before goes down to its connector as an ordinary flow does). False when no such
 * route exists (the caller draws it as an ordinary flow).
 */
export function routeIntoSide(st: RouteState, e: FlowEdge): boolean {
  const { inp, centers } = st;
  const a = e.from;
  const b = e.to as number;
  const page = inp.pageOf.get(a)!;
  const pb = inp.pageOf.get(b)!;
  const ra = inp.rowOf.get(a)!;
  const rb = inp.rowOf.get(b)!;
  const exOpts = page === pb ? labelFit(st, page, exits(st, a, ra).filter((o) => o.side === 'B'), e.label) : [];
  const lb = inp.lanesOf(b)[0]!;
  // The side that costs nothing: facing the step before (in a try, across a page break, away from the loops into b).
  const facing = (page !== pb && inp.awaySteps?.has(b) ? awayFromLoops(st, b) : null) ?? sideFacing(st, a, b);
  // "Tidak" back to this step, beside the run up from the top (1.5 px from it, 1 mm nearer it than the track of
  // this arrival), may lie on either side of it: the track keeps clear of the half lane it needs (tracks.ts
  // CLEAR_COST). Only in a chain one step back: further back, tracks beyond the border put connectors off their lanes.
  const back = st.points.topKept.has(b) && inp.outgoing[b]!.some((o) => !!o.label && o.to === a);
  const clear = back ? { x: centers[lb]!, d: 1.5 + LABEL_WIDTH.Tidak + OWN_MARGIN + 1 } : undefined;
  const enOpts = entries(st, b, rb)
    .filter((o) => o.side === 'L' || o.side === 'R')
    .map((o) => ({ ...o, ...(clear ? { clear } : {}), penalty: o.penalty + (o.side === facing ? 0 : 50) }));
  if ((page === pb && exOpts.length === 0) || enOpts.length === 0) return false;
  // In that try, its track an arrowhead and 1 px from the point (the head clear of the corner).
  if (page !== pb) return intoSideFromPage(st, e, pb, inp.awaySteps?.has(b) ? enOpts.map((o) => headClear(o)) : enOpts);
  // On a page of a long procedure its head clear of the corner where a track leaves room for it (a top given its row's room, top-rows.ts).
  const p = (inp.pages ? plan(st, page, exOpts, enOpts.map((o) => headClear(o)), null, null) : null) ?? plan(st, page, exOpts, enOpts, null, null);
  if (!p) return false;
  commit(st, page, p, e, a, b, true);
  return true;
}

/** A primary flow's half on the page it leaves: straight down from its step's bottom to the page's bottom connector row. */
function downToConnector(st: RouteState, e: FlowEdge, pa: number, ra: number, xs: number, letter: string): void {
  const a = e.from;
  const b = e.to as number;
  emit(st, pa, [{ x: xs, r: ra, y: st.symBottom }, { x: xs, r: st.inp.stepRows[pa]!.length, y: 0 }], a, b, false);
  pendConnector(st, { page: pa, where: 'bottom', arrivalX: xs, letter, flowIn: true, from: a, to: b, step: a });
}

/** routeIntoSide across a page break: the step before's half as routePrimary draws it, this page's from its top connector row. */
function intoSideFromPage(st: RouteState, e: FlowEdge, pb: number, enOpts: Exit[]): boolean {
  const { inp } = st;
  const a = e.from;
  const b = e.to as number;
  if (!routedPage(st, pb)) return false;
  const p = plan(st, pb, [null], enOpts, -1, null);
  if (!p) return false;
  const pa = inp.pageOf.get(a)!;
  const ra = inp.rowOf.get(a)!;
  const la = inp.lanesOf(a)[0]!;
  const xs = st.centers[la]!;
  const letter = pairKey(e);
  st.points.used.add(pointKey(a, la, 'B'));
  if (routedPage(st, pa)) {
    wishPrimary(st, e, pa, ra, la, xs, xs);
    downToConnector(st, e, pa, ra, xs, letter);
  }
  commit(st, pb, p, e, b, b, true);
  pendConnector(st, { page: pb, where: 'top', arrivalX: p.track.x, letter, flowIn: false, from: a, to: b, step: b });
  return true;
}

/**
 * The side of decision b the flow from the previous page enters (intoSideFromPage), or null: its connector may sit
 * anywhere in b's top connector row, so no side faces it; the side away from the other arrows into b (loops back
 * from later steps on its page), when they all come from one side, which they then keep. Issue 20 item 1: at 11
 * lanes on A4 the flow from step 8's connector took the left of decision 9, the loop back from step 13 (on the
 * left) came round to the right, and step 10's "Tidak" went round that to a connector outside its lane, so 9's
 * "Tidak" by the top (its label owned) was given up. Only in a try (RouteInput.awaySteps, away-try.ts): in rework
 * chains three back the side facing the step before crosses less.
 */
function awayFromLoops(st: RouteState, b: number): 'L' | 'R' | null {
  const { inp, centers } = st;
  const lb = inp.lanesOf(b)[0]!;
  let left = 0;
  let right = 0;
  for (let n = b + 1; n < inp.outgoing.length; n++) {
    if (inp.pageOf.get(n) !== inp.pageOf.get(b) || !inp.outgoing[n]!.some((o) => o.to === b)) continue;
    const dx = centers[inp.lanesOf(n)[0]!]! - centers[lb]!;
    if (dx < 0) left++;
    else if (dx > 0) right++;
  }
  return (left > 0) === (right > 0) ? null : left > 0 ? 'R' : 'L';
}

/** The side facing the step before flowing into b: the one routeIntoSide gives no penalty unless awayFromLoops says otherwise. */
function sideFacing(st: RouteState, a: number, b: number): 'L' | 'R' {
  return st.centers[st.inp.lanesOf(a)[0]!]! < st.centers[st.inp.lanesOf(b)[0]!]! ? 'L' : 'R';
}

/** The decisions of topCandidates whose flow from the previous page awayFromLoops would send into the other side (RouteInput.awaySteps). */
export const awayCandidates: (st: RouteState) => Set<number> = perInput((st) => {
  const { inp } = st;
  const out = new Set<number>();
  for (const b of topCandidates(st)) {
    if (inp.pageOf.get(b - 1) === inp.pageOf.get(b)) continue;
    const away = awayFromLoops(st, b);
    if (away !== null && away !== sideFacing(st, b - 1, b)) out.add(b);
  }
  return out;
});

/**
 * Any other flow: a free point, a track, a free point (on each page of a flow across a page break). `toTop`: a
 * narrow-lane decision's branch to the next step (points.ts sidesOnly) enters the top, as a primary flow does.
 */
export function routeSide(st: RouteState, e: FlowEdge, toTop = false): void {
  const { inp } = st;
  const a = e.from;
  flowRouted(st, e);
  const b = e.to as number;
  const pa = inp.pageOf.get(a)!;
  const pb = inp.pageOf.get(b)!;
  const ra = inp.rowOf.get(a)!;
  const rb = inp.rowOf.get(b)!;
  // A try of some pages only (RouteInput.pages): a flow across a page break drawn on the routed one of its pages.
  const onA = routedPage(st, pa);
  const onB = routedPage(st, pb);
  // When every point of a symbol carries an arrow already, one is shared (the quality report counts it).
  // A top kept for this branch is the only point it leaves by (another would leave the loop into the decision no
  // point but a junction).
  const top = onA ? topExit(st, e, ra) : [];
  // Or the point kept for it by a decision sending its branch back down (bottom-exit.ts downCandidates).
  const down = onA && top.length === 0 ? downExit(st, e, ra) : [];
  const kept = down.length > 0 || !onA || top.length > 0 ? down : inNextExit(st, e, ra);
  const freeExits = onA && top.length === 0 && kept.length === 0 ? exits(st, a, ra) : [];
  const exFree = top.length > 0 ? top : kept.length > 0 ? kept : onA ? labelFit(st, pa, freeExits.length > 0 ? freeExits : exits(st, a, ra, true), e.label) : [];
  const exOpts = toTop ? exFree : siblingSide(st, e, exFree);
  // The bottom kept for this loop back in (bottom-entry.ts keepIn) is the only point it enters by.
  const below = onB ? inEntry(st, e, rb) : [];
  const full = onB && below.length === 0 && entries(st, b, rb).length === 0;
  const enAll = !onB ? [] : below.length > 0 ? below : full ? entries(st, b, rb, true) : entries(st, b, rb);
  const tops = toTop ? enAll.filter((o) => o.side === 'T') : [];
  const enOpts = tops.length > 0 ? tops : enAll;
  if (pa === pb) {
    // Every point of the target carries an arrow: merge into one of them (a junction), else enter off the points.
    const j = full ? planJoin(st, pa, exOpts, null, b, rb) : null;
    if (j) return commit(st, pa, j, e, a, null, true, j.join);
    const p = plan(st, pa, exOpts, enOpts, null, null) ?? forced(st, pa, exOpts, enOpts, null, null);
    // Straight in, else into the side; a branch routed before the other flows (route.ts routeEarly) keeps the top: a
    // side taken so early is one they lack. The side is planned only when straight in cannot be.
    const inTop = straightIn(st, pa, p) ?? (toTop && !st.inp.earlySteps?.has(a) ? sideInstead(st, pa, p, exOpts, enAll) : null);
    commit(st, pa, inTop ?? p, e, a, b, true);
    return;
  }
  const letter = pairKey(e);
  const forward = pb > pa;
  if (onA) {
    const nA = inp.stepRows[pa]!.length;
    const connA = forward ? nA : -1;
    // Issue 20 item 2: the track to a connector runs in the step's own lanes, so its connector sits there too.
    const whereA = forward ? 'bottom' : 'top';
    const c1 = inLanes(st, pa, a, whereA, nA, (conn, among) => plan(st, pa, exOpts, [null], null, conn, among));
    const p1 = c1?.p ?? forced(st, pa, exOpts, [null], null, connA);
    commit(st, pa, p1, e, a, null, false);
    pendConnector(st, { page: pa, where: c1?.where ?? whereA, arrivalX: p1.track.x, letter, flowIn: true, from: a, to: b, step: a });
  }
  if (!onB) return;
  const nB = inp.stepRows[pb]!.length;
  const whereB = forward ? 'top' : 'bottom';
  const connB = forward ? -1 : nB;
  const j2 = full ? planJoin(st, pb, [null], connB, b, rb) : null;
  const c2 = j2 ? null : inLanes(st, pb, b, whereB, nB, (conn, among) => plan(st, pb, [null], enOpts, conn, null, among));
  const p2f = j2 ?? c2?.p ?? forced(st, pb, [null], enOpts, connB, null);
  // From the top connector row into a top: straight down from a connector over it where the lane is free.
  const p2 = (!j2 && (c2?.where ?? whereB) === 'top' && straightDown(st, pb, p2f)) || p2f;
  commit(st, pb, p2, e, b, j2 ? null : b, true, j2?.join);
  pendConnector(st, { page: pb, where: c2?.where ?? whereB, arrivalX: p2.track.x, letter, flowIn: false, from: a, to: b, step: b });
}

/**
 * The route to a connector of `step` (issue 20 items 2 and 3): to the usual connector row or (when the page has
 * it anyway) the other one, along a track in the step's lanes or anywhere; its connector then goes in the step's
 * lanes, the jog in the row taking it there (rowCrossings counts the crossings that makes), or stays under its
 * track. Fewest crossings first; of those alike, the connector in its lanes, then the cheaper route (its jog in
 * the row counted as length).
 */
function inLanes(
  st: RouteState,
  page: number,
  step: number,
  usual: 'top' | 'bottom',
  n: number,
  route: (conn: number, among?: readonly Track[]) => Plan | null,
): { p: Plan; where: 'top' | 'bottom' } | null {
  const own = tracksIn(st, step);
  const lanes = st.inp.lanesOf(step);
  const lo = borderX(st, lanes[0]!);
  const hi = borderX(st, lanes[lanes.length - 1]! + 1);
  // A half asked to leave its usual row (RouteInput.otherRow) prefers the other one among routes alike; one asked to
  // keep it (RouteInput.usualRow) prefers the usual one to any but a route crossing more.
  const half = `${st.drawn.currentFlow}@${page}`;
  const away = st.inp.otherRow?.has(half) ?? false;
  const keep = st.inp.usualRow?.has(half) ?? false;
  let best: { p: Plan; where: 'top' | 'bottom'; x: number; k: number; r: number; off: number; u: number; c: number } | null = null;
  // The fewest crossings of a route to the usual row.
  let usualX = Infinity;
  // A flow of RouteInput.laneSides: its track also sought on each side of the step's lanes (the best route overall
  // may arrive on the side of another flow's arrival, whose jog its own would cross to reach the lanes).
  const sides = st.inp.laneSides?.has(st.drawn.currentFlow) ? [st.tracks.all.filter((t) => t.x <= lo), st.tracks.all.filter((t) => t.x >= hi)] : [];
  for (const where of [usual, usual === 'top' ? 'bottom' : 'top'] as const) {
    if (where !== usual && !hasRow(st, page, where)) continue;
    for (const among of [own, undefined, ...sides]) {
      const p = route(where === 'top' ? -1 : n, among);
      if (!p) continue;
      const x = p.track.x;
      const inside = x > lo && x < hi;
      const u = away && where === usual ? 1 : 0;
      const r = keep && where !== usual ? 1 : 0;
      // A labelled exit whose label has no place by its run (points.ts labelFit: cramped) is worse than a connector
      // off its lanes: in the last lane, "Tidak" printed over the Kelengkapan column's text (12 lanes on A4).
      const k = (p.ex?.penalty ?? 0) >= PENALTY.cramped ? 1 : 0;
      const options = [{ x: p.crossings + rowCrossings(st, page, where, x, step), k, r, off: 0, u, c: p.cost + (inside ? 0 : Math.min(Math.abs(x - lo), Math.abs(x - hi))) }];
      if (!inside) options.push({ x: p.crossings, k, r, off: 1, u, c: p.cost });
      for (const o of options) {
        if (!best || before(o, best)) best = { p, where, ...o };
        if (where === usual) usualX = Math.min(usualX, o.x);
      }
    }
  }
  if (best && best.where !== usual && usualX <= best.x) st.connectors.rowFree.add(half);
  return best;
}

/**
 * Whether route option `a` comes before `b` (inLanes): fewer crossings, then a place for its label, the usual row
 * kept, in its lanes, the row asked for, cheaper.
 */
function before(a: { x: number; k: number; r: number; off: number; u: number; c: number }, b: typeof a): boolean {
  for (const k of ['x', 'k', 'r', 'off', 'u'] as const) if (a[k] !== b[k]) return a[k] < b[k];
  return a.c < b.c;
}

/**
 * The flows still to route noted (`expected`: route/points.ts expectFlows), then the branches to the end (routeEnd):
 * those RouteInput.lateEnds leaves for later noted too, routed by `late` after the other flows. `sides`: the decisions
 * whose branch took a side (RouteOutput.endSides).
 */
export function routeEnds(st: RouteState, ends: readonly FlowEdge[], expected: readonly FlowEdge[]): { sides: ReadonlySet<number>; late: () => void } {
  expectFlows(st, expected);
  const sides = new Set<number>();
  const left = ends.filter((e) => !routeEnd(st, e, sides));
  expectFlows(st, left);
  return { sides, late: () => left.forEach((e) => routeEnd(st, e, sides, true)) };
}

/**
 * A decision branch that ends the procedure: a short labelled stub from a free point into a small terminator of its
 * own (end-mark.ts), on the first point where one fits: the side facing the arrival (a narrow-lane decision leaving by
 * its sides), the bottom, the right, the left. False when it is left for later (`late`: RouteInput.lateEnds; taken
 * first, its side was often the one its sibling branch back would have left by, which then went round the other way).
 */
function routeEnd(st: RouteState, e: FlowEdge, sides: Set<number>, late = false): boolean {
  const { inp, hc } = st;
  const a = e.from;
  const page = inp.pageOf.get(a)!;
  const r = inp.rowOf.get(a)!;
  const opts = exits(st, a, r);
  const narrow = sidesOnly(st, a);
  const toward = inp.siblingSteps?.has(a) && narrow ? arrivalSide(st, a) : null;
  // A decision whose flow to the next step leaves by the bottom (not a narrow-lane one) jogs under the symbol towards
  // that step's lane, and that flow's label lies beside its run down on the other side: the terminator lies on the
  // jog's side over the side vertex or beside it, else on the other side.
  const next = inp.outgoing[a]!.find((o) => o !== e && o.to === a + 1);
  const dx = next && !narrow ? inp.centers[inp.lanesOf(a + 1)[0]!]! - inp.centers[inp.lanesOf(a)[0]!]! : 0;
  const jog = dx > 1 ? 'R' : dx < -1 ? 'L' : null;
  const tidak = e.label === 'Tidak';
  const jogExit = opts.find((o) => o.side === jog);
  const tries: [Exit | undefined, boolean, boolean][] = [
    [opts.find((o) => o.side === toward), narrow && tidak, true],
    [opts.find((o) => o.side === 'B'), false, true],
    // Over the side vertex (a gutter too narrow for a run out) only when the gutter is as wide as the label: a wider
    // one had no place but under the vertex, on the Ya jog, read as the Ya branch's ("Tidak", 23 px, in a 19 px
    // gutter: a reviewer's 9-lane SOP on F4; "Ya", 12 px, under its stub in a 15 px one reads well); the other side
    // then takes it.
    [jogExit, !!jogExit && e.label !== null && gutterOf(st, jogExit) >= LABEL_WIDTH[e.label], false],
    [opts.find((o) => o.side === (jog === 'R' ? 'L' : 'R')), narrow && tidak, true],
    ...opts.map((o): [Exit, boolean, boolean] => [o, narrow && tidak, true]),
  ];
  let ex: Exit | undefined;
  let place: EndPlace | null = null;
  // The room over the core band the row's text leaves (a terminator over a side vertex may rise into it).
  const above = Math.max(0, bandRoom(st, page, r));
  for (const [o, up, below] of tries) {
    if (!o) continue;
    const p = endPlace(st, o, hc, up, above);
    if (p && (below || p.y <= o.at.y)) {
      [ex, place] = [o, p];
      break;
    }
  }
  // A terminator on a side not chosen for the arrival (RouteOutput.endSides): in end-try.ts's try (RouteInput.lateEnds)
  // routed after the other flows, a point kept for it (points.ts entries), on the side they left free.
  if (!late && ex && ex.side !== 'B' && ex.side !== toward) {
    sides.add(a);
    if (inp.lateEnds?.has(a)) return false;
  }
  if (late) flowRouted(st, e);
  if (!ex || !place) return true;
  st.points.used.add(pointKey(a, ex.lane, ex.side));
  const row = rowAt(st, page, r);
  const own = row.core.symbols.find((m) => m.step === a && m.kind !== 'connector');
  // Its box first, as a route of this flow (an arrow routed through it later crosses it), and the tracks through it or
  // within 1.5 mm of it taken over its row; then the stub.
  record(st, page, endOutline(place, r));
  const lo = place.x - place.w / 2 - TRACK_GAP;
  const hi = place.x + place.w / 2 + TRACK_GAP;
  for (const t of st.tracks.all) if (t.x > lo && t.x < hi) take(t, page, g(r, 0), g(r, hc));
  row.core.symbols.push(endMark(place, a, own?.lane ?? ''));
  // Over or under the core band: the band grows to hold it (drawn.ts liftRows, as for a lifted run; it grows as much at
  // both ends), 1 mm from its edges.
  const over = Math.max(place.h / 2 - place.y, place.y + place.h / 2 + MIN_RUN - hc);
  if (over > 0) row.lift = Math.max(row.lift ?? 0, over);
  emit(st, page, place.pts, a, 'selesai', true);
  wishEnd(st, e, page, r, ex, place.pts);
  return true;
}
