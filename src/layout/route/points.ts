/**
 * Which point of a symbol a flow leaves and enters (docs/drawing-contract.md, "Points"): a decision's vertices,
 * a box's or capsule's side midpoints, each carrying at most one arrow; the last point a step still needs for
 * its own branches is kept for them; a labelled branch leaves by a side whose half of the lane holds its label.
 */
import type { FlowEdge } from '../../model/model.js';
import { PX_PER_MM } from '../geometry.js';
import { blockedSpans, inSpans, keyObstacles, LABEL_ASCENT, LABEL_WIDTH, labelHits, mergedAt, mergeSpans, obstaclesNear, spanEdge, type Obstacles } from './label-space.js';
import { keyNum, keyStart, keyWord, memoOf, type NumMemo } from '../../util/num-key.js';
import { borderX, gutterOf, kindOf, perInput, routedSources, routedSteps, rowAt, SYMBOL_GAP_MIN, type Exit, type RouteState, type Side, type SlantQuery, type SlantRoom } from './state.js';
import type { RowBuilder } from '../route.js';
import { downPoints } from './bottom-exit.js';
import { inPoints } from './bottom-entry.js';
import { topEntryRuns } from './top-entry.js';

/**
 * What a point costs a route (times tracks.ts PENALTY_PX): a side point nothing, a bottom exit 3, a top entry 6;
 * a side the step's own label needs, for an incoming loop, 50 more; a labelled branch's side too narrow for its
 * label, 50 more when the run goes beyond the lane border (the label beside it there), 1000 otherwise. Beyond the
 * border costs less than a crossing (tracks.ts CROSSING_COST): at 500 a decision in a 52 px lane sent its "Tidak" to
 * the side crossing the join of a multi-lane step rather than round it by its other side (issue 20 item 3); on the
 * quality report crossings 59 -> 54, and no label count worse.
 */
export const PENALTY = { bottom: 3, top: 6, labelSide: 50, sibling: 50, beyond: 50, cramped: 1000 } as const;

export const pointKey = (step: number, lane: number, side: Side): string => `${step}:${lane}:${side}`;

/** The points state: the sides a multi-lane step's join takes between its symbols are taken from the start. */
export function newPoints(st: Pick<RouteState, 'inp'>): RouteState['points'] {
  const used = new Set<string>();
  for (const n of routedSteps(st.inp)) {
    const lanes = st.inp.lanesOf(n);
    for (let i = 0; i + 1 < lanes.length; i++) {
      used.add(pointKey(n, lanes[i]!, 'R'));
      used.add(pointKey(n, lanes[i + 1]!, 'L'));
    }
  }
  return { used, unrouted: new Map(), labelledLeft: new Map(), topKept: new Set() };
}

/** 1 mm (and the browser's rounding): a label keeps this from lane borders and lies this much nearer its own arrow than any other. */
export const OWN_MARGIN = PX_PER_MM + 0.2;

/**
 * Issue 20 items 1 and 7: a decision in a lane too narrow for "Tidak" beside a side vertex (half the lane under
 * the word, 2 mm and a little: ~66 px) leaves by its two sides, the bottom kept free: a label beside a run down
 * the centre line would lie as near that run as its own, and under a symbol whose bottom is free, "Tidak" spans
 * the centre line, 1 mm nearer its own arrow than the other branch's.
 */
export function sidesOnly(st: RouteState, step: number): boolean {
  if (st.inp.bottomFirst || st.inp.bottomSteps?.has(step)) return false;
  return sideCandidates(st).has(step);
}

/** The decisions sidesOnly holds for unless RouteInput.bottomFirst or bottomSteps says otherwise. */
const sideCandidates: (st: RouteState) => ReadonlySet<number> = perInput((st) => narrowDecisions(st));

/**
 * What RouteInput.bottomSteps and siblingSteps can change in a try of these pages (with this sidesWide): `sides`,
 * the decisions of sideCandidates whose flow to the next step has an end on a page routed (sidesOnly is asked of
 * no other: a decision off those pages leaves nothing there); `siblings`, those of them on a page routed whose
 * next step lies in another lane (siblingSide moves nothing else).
 */
export function sideChoices(st: RouteState): { sides: ReadonlySet<number>; siblings: ReadonlySet<number> } {
  const { inp } = st;
  const routed = new Set(routedSteps(inp));
  const sides = new Set<number>();
  const siblings = new Set<number>();
  for (const d of sideCandidates(st)) {
    if (!routed.has(d) && !routed.has(d + 1)) continue;
    sides.add(d);
    if (routed.has(d) && inp.outgoing[d]!.some((e) => e.to === d + 1) && inp.lanesOf(d + 1)[0] !== inp.lanesOf(d)[0]) siblings.add(d);
    // Its branch to the end takes the side facing the arrival (flows.ts routeEnd, arrivalSide).
    else if (routed.has(d) && inp.outgoing[d]!.some((e) => e.to === 'selesai') && arrivalSide(st, d) !== null) siblings.add(d);
  }
  return { sides, siblings };
}

/** How many arrows arrive at each step (RouteInput.incoming when given, else counted from the outgoing flows). */
export function arrivals(inp: RouteState['inp']): (n: number) => number {
  const { incoming } = inp;
  if (incoming) return (n) => incoming[n]!.length;
  const arriving = new Map<number, number>();
  for (const out of inp.outgoing) if (out) for (const e of out) if (typeof e.to === 'number') arriving.set(e.to, (arriving.get(e.to) ?? 0) + 1);
  return (n) => arriving.get(n) ?? 0;
}

/**
 * The decisions sidesOnly holds for: in one lane too narrow, with two labelled branches to steps, and at most one
 * arrow arriving (the top takes it: with more, the bottom would carry one, and the label under it would be as
 * near that arrow as its own).
 */
function narrowDecisions(st: RouteState, wide = st.inp.sidesWide ?? false): Set<number> {
  const { inp } = st;
  const arriving = arrivals(inp);
  const out = new Set<number>();
  for (const n of routedSources(inp)) {
    const s = inp.model.steps[n - 1]!;
    if (s.symbol !== 'decision' || arriving(n) > 1) continue;
    const lanes = inp.lanesOf(s.number);
    if (lanes.length !== 1) continue;
    const lane = lanes[0]!;
    const half = Math.min(st.centers[lane]! - borderX(st, lane), borderX(st, lane + 1) - st.centers[lane]!);
    // A try (RouteInput.sidesWide): also where "Tidak" beside a side vertex would come within 1 mm of the border.
    const need = wide ? st.sym.w / 2 + 1 + LABEL_WIDTH.Tidak + OWN_MARGIN : LABEL_WIDTH.Tidak + 2 * OWN_MARGIN + 2;
    if (half >= need) continue;
    if (inp.outgoing[s.number]!.filter((e) => e.label).length >= 2) out.add(s.number);
  }
  return out;
}

/**
 * Whether the sidesWide try (RouteInput.sidesWide) would send a decision by its sides that this routing does not:
 * without one, that try has nothing of its own to try (layout-tries.ts bestRouting skips it on a page of a long
 * procedure).
 */
export function widerSides(st: RouteState): boolean {
  const now = narrowDecisions(st);
  for (const d of narrowDecisions(st, true)) if (!now.has(d)) return true;
  return false;
}

/**
 * A narrow-lane decision's other branch (routed before its branch to the next step, which takes the side left
 * over: route.ts), in a try for the decisions of RouteInput.siblingSteps: the side towards the next step's lane
 * costs PENALTY.sibling more, so that the branch to it does not leave away from it and cross the other on its
 * way (a page loop at 10 lanes crossed so, and was then drawn with every decision's branch from the bottom,
 * "Tidak" beside the Ya run). Only a try: in a rework chain the other side costs crossings elsewhere.
 */
export function siblingSide(st: RouteState, e: FlowEdge, opts: Exit[]): Exit[] {
  const a = e.from;
  if (!st.inp.siblingSteps?.has(a) || !sidesOnly(st, a) || !st.inp.outgoing[a]!.some((o) => o !== e && o.to === a + 1)) return opts;
  const dx = st.centers[st.inp.lanesOf(a + 1)[0]!]! - st.centers[st.inp.lanesOf(a)[0]!]!;
  if (dx === 0) return opts;
  const toward = dx > 0 ? 'R' : 'L';
  return opts.map((o) => (o.side === toward ? { ...o, penalty: o.penalty + PENALTY.sibling } : o));
}

/**
 * The side of decision `a` facing the lane the step before flows into it from (its arrow comes down to the top
 * from there), or null (no flow from the step before, or from the same lane). In a try for the decisions of
 * RouteInput.siblingSteps a narrow-lane decision's branch to the end takes that side (flows.ts routeEnd), so that
 * its other branch leaves by the side away from the arrival and does not cross it (a loop across pages at 11
 * lanes on F4: "Tidak" back left across the arrival from the step before, then sent down from the bottom, its
 * label beside the Ya run).
 */
export function arrivalSide(st: RouteState, a: number): 'L' | 'R' | null {
  const { inp } = st;
  if (a < 2 || !inp.outgoing[a - 1]!.some((e) => e.to === a)) return null;
  const dx = st.centers[inp.lanesOf(a - 1)[0]!]! - st.centers[inp.lanesOf(a)[0]!]!;
  return dx === 0 ? null : dx < 0 ? 'L' : 'R';
}

/** Notes the flows each step still has to route by a side or its bottom (its labelled ones apart). */
export function expectFlows(st: RouteState, flows: readonly FlowEdge[]): void {
  const { unrouted, labelledLeft } = st.points;
  for (const e of flows) {
    unrouted.set(e.from, (unrouted.get(e.from) ?? 0) + 1);
    if (e.label) labelledLeft.set(e.from, (labelledLeft.get(e.from) ?? 0) + 1);
  }
}

/** A flow of step a is being routed: one fewer it still needs a point for. */
export function flowRouted(st: RouteState, e: FlowEdge): void {
  const a = e.from;
  const { unrouted, labelledLeft } = st.points;
  unrouted.set(a, (unrouted.get(a) ?? 1) - 1);
  if (e.label) labelledLeft.set(a, (labelledLeft.get(a) ?? 1) - 1);
}

/** Marks a point as carrying an arrow (an off-middle point by its offset). */
export function takePoint(st: RouteState, step: number, x: Exit): void {
  st.points.used.add(x.dy === undefined ? pointKey(step, x.lane, x.side) : `${pointKey(step, x.lane, x.side)}:${x.dy}`);
}

const outline = (st: RouteState, lane: number, side: Side): number => st.centers[lane]! + (side === 'L' ? -st.sym.w / 2 : side === 'R' ? st.sym.w / 2 : 0);

/** Where a flow may leave step `a` (row r): free side points of its outer symbols, a free bottom. */
export function exits(st: RouteState, a: number, r: number, anyPoint = false): Exit[] {
  const { sym, centers, symBottom } = st;
  const usedPoints = st.points.used;
  const lanes = st.inp.lanesOf(a);
  const lo = lanes[0]!;
  const hi = lanes[lanes.length - 1]!;
  // Every point is taken: leave a side a quarter above the middle (counted by the quality report).
  if (anyPoint) return offPoints(st, a, r, [-sym.h / 4, sym.h / 4, -sym.h / 8, sym.h / 8]);
  const out: Exit[] = [];
  if (!usedPoints.has(pointKey(a, lo, 'L'))) out.push(sidePoint(st, lo, 'L', r));
  if (!usedPoints.has(pointKey(a, hi, 'R'))) out.push(sidePoint(st, hi, 'R', r));
  if (out.length > 0 && sidesOnly(st, a)) return out;
  for (const l of lanes)
    if (!usedPoints.has(pointKey(a, l, 'B'))) out.push({ lane: l, side: 'B', at: { x: centers[l]!, r, y: symBottom }, min: -Infinity, max: Infinity, penalty: PENALTY.bottom });
  return out;
}

/**
 * Where a flow may enter step `b` (row r): free side points and a free top,
 * but never the points the step's own branches still need to leave by.
 */
export function entries(st: RouteState, b: number, r: number, anyPoint = false): Exit[] {
  const { sym, centers, symTop } = st;
  const { used: usedPoints, unrouted, labelledLeft } = st.points;
  const lanes = st.inp.lanesOf(b);
  const lo = lanes[0]!;
  const hi = lanes[lanes.length - 1]!;
  // Every point is taken (more arrows meet this step than it has points): enter a side a quarter below the middle.
  if (anyPoint) return offPoints(st, b, r, [sym.h / 4, -sym.h / 4, sym.h / 8, -sym.h / 8]);
  const sides: Exit[] = [];
  if (!usedPoints.has(pointKey(b, lo, 'L'))) sides.push(sidePoint(st, lo, 'L', r));
  if (!usedPoints.has(pointKey(b, hi, 'R'))) sides.push(sidePoint(st, hi, 'R', r));
  // A side that holds a label the step's own branch will need, when the other side does not: taken last.
  if ((labelledLeft.get(b) ?? 0) > 0)
    for (let i = 0; i < sides.length; i++) {
      const o = sides[i]!;
      const other: 'L' | 'R' = o.side === 'L' ? 'R' : 'L';
      if (labelRoom(st, o.lane, o.side as 'L' | 'R', 'Tidak') && !labelRoom(st, other === 'L' ? lo : hi, other, 'Tidak')) sides[i] = { ...o, penalty: o.penalty + PENALTY.labelSide };
    }
  // A top kept for the step's branch back up (topCandidates) is a point that branch leaves by.
  const bottoms = (sidesOnly(st, b) ? 0 : lanes.filter((l) => !usedPoints.has(pointKey(b, l, 'B'))).length) + (st.points.topKept.has(b) ? 1 : 0) + downPoints(st, b) + inPoints(st, b);
  const out = sides.length + bottoms > (unrouted.get(b) ?? 0) ? sides : [];
  for (const l of lanes) {
    if (usedPoints.has(pointKey(b, l, 'T'))) continue;
    const top: Exit = { lane: l, side: 'T', at: { x: centers[l]!, r, y: symTop }, min: -Infinity, max: Infinity, penalty: PENALTY.top, ...topEntryRuns(st, b, l, r) };
    out.push(top);
  }
  return out;
}

function sidePoint(st: RouteState, lane: number, side: 'L' | 'R', r: number): Exit {
  const x = outline(st, lane, side);
  return side === 'L'
    ? { lane, side, at: { x, r, y: st.symMid }, min: -Infinity, max: x - SYMBOL_GAP_MIN + 0.01, penalty: 0 }
    : { lane, side, at: { x, r, y: st.symMid }, min: x + SYMBOL_GAP_MIN - 0.01, max: Infinity, penalty: 0 };
}

/**
 * Points on the outer sides off the middle, on the outline (a diamond's slanted edge, a capsule's arc): the first
 * offset of `dys` still free on each side (each offset point, like each vertex, carries one arrow).
 */
function offPoints(st: RouteState, step: number, r: number, dys: readonly number[]): Exit[] {
  const { sym } = st;
  const lanes = st.inp.lanesOf(step);
  const lo = lanes[0]!;
  const hi = lanes[lanes.length - 1]!;
  const k = kindOf(st, step);
  const rr = sym.h / 2;
  const out: Exit[] = [];
  for (const [lane, side] of [[lo, 'L'], [hi, 'R']] as const) {
    const dy = dys.find((d) => !st.points.used.has(`${pointKey(step, lane, side)}:${d}`)) ?? dys[0]!;
    const inset = k === 'decision' ? (sym.w / 2) * (Math.abs(dy) / rr) : k === 'terminator' ? rr - Math.sqrt(rr * rr - dy * dy) : 0;
    const x = outline(st, lane, side) + (side === 'L' ? inset : -inset);
    const edge = outline(st, lane, side);
    out.push(
      side === 'L'
        ? { lane, side, at: { x, r, y: st.symMid + dy }, min: -Infinity, max: edge - SYMBOL_GAP_MIN + 0.01, penalty: 0, dy }
        : { lane, side, at: { x, r, y: st.symMid + dy }, min: edge + SYMBOL_GAP_MIN - 0.01, max: Infinity, penalty: 0, dy },
    );
  }
  return out;
}

// ---- exits that suit a labelled branch ----

/**
 * A labelled branch leaves by a side whose half of the lane holds its label (between the symbol's centre line
 * and the lane border, under or over the symbol) unless no side does: in a lane narrower than ~56 px only the
 * left half (the wider one by the border's half pixel) may.
 */
/** Whether a label fits between the symbol's centre line and the lane border on that side. */
export function labelRoom(st: RouteState, lane: number, side: 'L' | 'R', text: 'Ya' | 'Tidak'): boolean {
  const need = LABEL_WIDTH[text] + 3;
  return side === 'L' ? st.centers[lane]! - borderX(st, lane) >= need : borderX(st, lane + 1) - st.centers[lane]! >= need;
}

/** A labelled branch's exits, weighed by the room their label would have. */
export function labelFit(st: RouteState, page: number, opts: Exit[], text: FlowEdge['label']): Exit[] {
  if (!text) return opts;
  const fitsSide = (o: Exit): boolean => o.side === 'T' || o.side === 'B' || labelRoom(st, o.lane, o.side, text);
  // A side too narrow: the run leaves for a track beyond the lane border, and the label goes beside it there.
  // (A loop, not flatMap: an array per exit was garbage on every labelled flow of every try.)
  const out: Exit[] = [];
  for (const o of opts) {
    if (o.side === 'B') {
      out.push({ ...o, room: { L: halfFree(st, page, o, 'L', text), R: halfFree(st, page, o, 'R', text) } });
      continue;
    }
    if (fitsSide(o)) {
      if (!needsSlant(st, o, text)) {
        out.push(o);
        continue;
      }
      // Worked out when a track is planned for this exit (tracks.ts slanted), once: the row is then as it is now
      // (the flow is planned before anything of it is drawn), and most exits offered are never planned.
      const slant = slantRoom(st, page, o, text);
      out.push(slant ? { ...o, slant } : o);
      continue;
    }
    // Beyond the first lane's left border or the last lane's right one lie the table's text columns: no track there
    // for the label to go beside (a review found "Tidak" over Kelengkapan's text, 12 lanes on A4), only the cramped place.
    if (o.side === 'L' ? o.lane === 0 : o.lane === st.centers.length - 1) {
      out.push({ ...o, penalty: o.penalty + PENALTY.cramped });
      continue;
    }
    const far: Exit =
      o.side === 'L'
        ? { ...o, max: Math.min(o.max, borderX(st, o.lane) - 1), penalty: o.penalty + PENALTY.beyond }
        : { ...o, min: Math.max(o.min, borderX(st, o.lane + 1) + 1), penalty: o.penalty + PENALTY.beyond };
    out.push(far, { ...o, penalty: o.penalty + PENALTY.cramped });
  }
  return out;
}

/** 3 mm: the most a label lies from the vertex its arrow leaves (labels.ts VERTEX_REACH); 2.5 mm: from its run (labels.ts REACH). */
const VERTEX_REACH = 3 * PX_PER_MM - 0.3;
const REACH = 2.5 * PX_PER_MM;

/**
 * Issue 20 items 1 and 7: a labelled side exit (L or R) whose gutter, from the point to the lane border, is
 * narrower than its label and 1 mm: the label lies over or under the run, partly over the symbol's slanted edge
 * (labels.ts besideVertex). For each side of the run, the distances from the point at which a track (turning to
 * that side) leaves the label a free place there that is its arrow's plainly (1 mm from the border, 1 mm nearer
 * its own arrow than any other: the run, or the track when it passes near), as the row is now: intervals, merged.
 * A track nearer the point boxes the label in (a rework chain's Tidak, with the Ya jog under it, went 0.8 mm from
 * the border); one further out may leave it nearer another arrow than its own. Undefined when the gutter holds
 * the label (the track then never decides).
 */
/** Whether a labelled exit is a side exit whose gutter is narrower than its label and 1 mm (slantRoom has work). */
function needsSlant(st: RouteState, o: Exit, text: 'Ya' | 'Tidak'): boolean {
  if (o.side !== 'L' && o.side !== 'R') return false;
  return gutterOf(st, o) < LABEL_WIDTH[text] + OWN_MARGIN + 2;
}

/**
 * The places of slantRoom on one side of the run (above or below), each given to `visit` with the distance of its
 * far end from the point, the nearest other arrow and its own (the run); `visit` returning true stops the walk.
 */
function walkSlant(
  st: RouteState,
  row: RowBuilder,
  near: Obstacles,
  o: Exit,
  text: 'Ya' | 'Tidak',
  v: 'above' | 'below',
  wanted: (other: number, own: number, pad: number) => boolean,
  visit: (far: number, other: number, own: number, pad: number) => boolean,
): void {
  const width = LABEL_WIDTH[text];
  const H = LABEL_ASCENT;
  const { x, y } = o.at;
  const dir = o.side === 'R' ? 1 : -1;
  const n = near.pieces.length;
  // Scratch room reused from call to call (two arrays and a typed array per walk were garbage, the typed array's
  // buffer outside the heap swept one by one by the collector).
  if (EY2.length < n) {
    EY2 = new Float64Array(2 * n);
    X1S = new Float64Array(2 * n);
    X2S = new Float64Array(2 * n);
  }
  const ey2 = EY2;
  const x1s = X1S;
  const x2s = X2S;
  for (let i = 0; i < n; i++) {
    const p = near.pieces[i]!;
    x1s[i] = Math.min(p.x1, p.x2);
    x2s[i] = Math.max(p.x1, p.x2);
  }
  // The places labels.ts tries beside the vertex (0.5 px apart up, 1 px across, a 1 px pad) and near the run (its
  // finest grid: tops 1 px apart from REACH off the run, 0.25 px across, a 0.6 px pad), from 1 px beyond the point
  // to 16 px over the symbol, clear of the run (not drawn yet) by the pad and, above, the white patch under the glyphs.
  for (const { dys, step, pad } of SLANT_GRIDS)
    for (const dy of dys) {
      if (dy <= (v === 'below' ? pad : pad + 1.2)) continue;
      const top = v === 'below' ? y + dy : y - dy - H;
      // The glyphs' box (top - 1 to top + H + 1, labels.ts owned) lies dy - 1 from the run.
      const own = Math.max(0, dy - 1);
      const lo = dir === 1 ? x - 16 : x - 1 - width;
      let nb = blockedSpans(st, row, near, lo - 1, lo + 18, top, width, H, pad);
      if (nb < 0) continue;
      nb = mergeSpans(nb);
      for (let i = 0; i < n; i++) {
        const p = near.pieces[i]!;
        const y1 = p.y1 as number;
        const y2 = p.y2 as number;
        const ey = Math.max(0, top - 1 - Math.max(y1, y2), Math.min(y1, y2) - (top + H + 1));
        ey2[i] = ey * ey;
      }
      // dx = -16 + k * step up to 1 (exact: multiples of a quarter pixel); a place inside a span taken skips to the
      // first place past that span (the places between are inside it too: left moves one way with dx).
      const last = Math.round(17 / step);
      for (let k = 0; k <= last; k++) {
        const dx = -16 + k * step;
        if (Math.max(0, dx) ** 2 + own ** 2 > VERTEX_REACH ** 2) continue;
        const left = dir === 1 ? x + dx : x - dx - width;
        const right = left + width;
        const j = mergedAt(left, nb);
        if (j >= 0) {
          k = pastSpan(x, width, dir, step, k, last, spanEdge(j, dir === 1)) - 1;
          continue;
        }
        if (nearBorder(st.borders, left - OWN_MARGIN, right + OWN_MARGIN)) continue;
        // The nearest other arrow: the square root of the least squared distance (the same number as the least root).
        let d2 = Infinity;
        for (let i = 0; i < n; i++) {
          const ex = Math.max(0, left - x2s[i]!, x1s[i]! - right);
          const d = ex * ex + ey2[i]!;
          if (d < d2) d2 = d;
        }
        const other = Math.sqrt(d2);
        // A place that would give the caller nothing is not tested against the row (the costly part).
        if (!wanted(other, own, pad)) continue;
        if (labelHits(st, row, left, top, width, H, pad, near, 1) > 0) continue;
        if (visit(dx + width, other, own, pad)) return;
      }
    }
}

/** walkSlant's squared vertical distances and the pieces' extents across, one per piece near (grown as needed). */
let EY2 = new Float64Array(64);
let X1S = new Float64Array(64);
let X2S = new Float64Array(64);

/**
 * walkSlant's first place k2 > k (dx = -16 + k2 * step) whose left edge is past `edge` (dir 1: at or beyond the
 * span's end; dir -1: at or before its start), last + 1 when none is: a guess a step short, then walked exactly.
 */
function pastSpan(x: number, width: number, dir: 1 | -1, step: number, k: number, last: number, edge: number): number {
  let k2 = Math.max(k + 1, Math.floor((dir === 1 ? edge - x + 16 : x - width - edge + 16) / step) - 1);
  if (dir === 1) while (k2 <= last && x + (-16 + k2 * step) < edge) k2++;
  else while (k2 <= last && x - (-16 + k2 * step) - width > edge) k2++;
  return k2;
}

/** Whether a lane border lies strictly between lo and hi. */
function nearBorder(borders: readonly number[], lo: number, hi: number): boolean {
  for (let i = 0; i < borders.length; i++) if (borders[i]! > lo && borders[i]! < hi) return true;
  return false;
}

const SLANT_GRIDS = [
  { dys: range(1.5, 10, 0.5), step: 1, pad: 1 },
  { dys: range(REACH % 1, REACH, 1), step: 0.25, pad: 0.6 },
];

/**
 * slantRoom's answers for one exit, each side worked out when first asked (tracks.ts slanted asks the side away
 * from the turn first, and most exits stop there): whether some place there is owned by the run alone, and the
 * track distances (intervals) that leave a place owned.
 */
function slantRoom(st: RouteState, page: number, o: Exit, text: 'Ya' | 'Tidak'): SlantQuery | undefined {
  if (!needsSlant(st, o, text)) return undefined;
  // The answers depend only on what the key names (the point, the label, the row's height, the symbols' size, the
  // lane borders and what lies near: walkSlant's obstacles): the tries of one layout share them (layout.ts).
  const width = LABEL_WIDTH[text];
  const { x, y } = o.at;
  const row = rowAt(st, page, o.at.r);
  const near = obstaclesNear(st, row, x - 20 - width, y - 14 - LABEL_ASCENT, x + 20 + width, y + 14 + LABEL_ASCENT);
  // The numbers themselves, not printed (util/num-key.ts: printing them cost more than the rest of a cache hit).
  keyStart();
  keyWord(o.side);
  keyWord(text);
  for (const v of [x, y, row.core.height, st.sym.w, st.sym.h, st.borders.length]) keyNum(v);
  for (const b of st.borders) keyNum(b);
  keyObstacles(near, false);
  const memo = memoOf(slantMemo, st.inp.slantCache);
  if (!memo) return slantQuery(st, row, near, o, text);
  const e = memo.entry();
  return (e.value ??= slantQuery(st, row, near, o, text));
}
/** slantRoom's answers by key, per layout (keyed by its RouteInput.slantCache). */
const slantMemo = new WeakMap<object, NumMemo<SlantQuery>>();

/** The queries on the row as it is now: `near` is taken now (the row's height does not change), asked later. */
function slantQuery(st: RouteState, row: RowBuilder, near: Obstacles, o: Exit, text: 'Ya' | 'Tidak'): SlantQuery {
  const owned: Partial<Record<'above' | 'below', boolean>> = {};
  const rooms: Partial<Record<'above' | 'below', SlantRoom>> = {};
  return {
    owned(v) {
      if (owned[v] === undefined) {
        let any = false;
        walkSlant(st, row, near, o, text, v, (other, own) => other >= own + OWN_MARGIN, (_far, other, own) => (any = other >= own + OWN_MARGIN));
        owned[v] = any;
      }
      return owned[v]!;
    },
    rooms(v) {
      if (!rooms[v]) {
        const sure: [number, number][] = [];
        const may: [number, number][] = [];
        // The track keeps the label's pad; beside it (the side it turns to), it may be the nearer own piece. Where
        // a track may leave the place owned (as labels.ts owned judges), and where it surely does (a pixel more
        // from other arrows: the glyphs' box as the browser draws it differs a little; a pixel more from the track).
        // A place adds an interval when the run alone leaves it owned, or a track may (sure needs more of both).
        const adds = (other: number, own: number, pad: number): boolean => other >= own + OWN_MARGIN || other - OWN_MARGIN >= pad;
        walkSlant(st, row, near, o, text, v, adds, (far, other, own, pad) => {
          addRoom(may, far, other, own, OWN_MARGIN, pad);
          addRoom(sure, far, other, own, OWN_MARGIN + 1, pad + 1);
          return false;
        });
        rooms[v] = { sure: mergeIntervals(sure), may: mergeIntervals(may) };
      }
      return rooms[v]!;
    },
  };
}

/**
 * slantQuery's interval for a place (far end `far`, other arrows `other` away, its own `own`): unbounded when the run
 * alone leaves it owned, else up to where the track is no nearer than the other arrows. Not added when the last one
 * holds it (the places of one top come in order: the union, all mergeIntervals keeps, is the same).
 */
function addRoom(list: [number, number][], far: number, other: number, own: number, margin: number, gap: number): void {
  const a = far + gap;
  let b = Infinity;
  if (other < own + margin) {
    if (!(other - margin >= gap)) return;
    b = far + other - margin;
  }
  const last = list[list.length - 1];
  if (last && a >= last[0] && b <= last[1]) return;
  list.push([a, b]);
}

/** from, from + step, ... up to `to`. */
function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to + 1e-9; v += step) out.push(v);
  return out;
}

/** Closed intervals sorted and merged where they overlap. */
function mergeIntervals(list: [number, number][]): [number, number][] {
  list.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of list) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Whether a label has room, as the row is now, beside a bottom exit's run down, in that half of the lane under the symbol. */
function halfFree(st: RouteState, page: number, o: Exit, half: 'L' | 'R', text: 'Ya' | 'Tidak'): boolean {
  const { symBottom, jogY } = st;
  const row = rowAt(st, page, o.at.r);
  const width = LABEL_WIDTH[text];
  const lo = half === 'L' ? borderX(st, o.lane) + 2 : o.at.x + 2;
  const hi = half === 'L' ? o.at.x - 2 - width : borderX(st, o.lane + 1) - 2 - width;
  const near = obstaclesNear(st, row, lo - 3, symBottom - 2, hi + width + 3, jogY + 2);
  for (let top = symBottom + 1; top + LABEL_ASCENT <= jogY - 2; top += 1) {
    const nb = blockedSpans(st, row, near, lo - 1, hi + 1, top, width, LABEL_ASCENT, 1);
    if (nb < 0) continue;
    for (let x = lo; x <= hi; x += 0.5) if (!inSpans(x, nb) && labelHits(st, row, x, top, width, LABEL_ASCENT, 1, near, 1) === 0) return true;
  }
  return false;
}
