/**
 * Crossing re-tries (docs/drawing-contract.md, "Crossings"): the router takes each flow's best route given those
 * drawn before it, so the order decides. The order of one try (flows that crossed before first, then shortest
 * or longest first), and which of several tries is kept.
 */
import type { FlowEdge, FlowTarget } from '../../model/model.js';
import type { Piece, SymbolMark, Y } from '../types.js';
import type { RouteInput, RouteOutput, RowBuilder } from '../route.js';
import { pushAll } from '../../util/array.js';
import { TRACK_GAP } from './state.js';

/**
 * The order the other flows are routed in (their indices, numbered as RouteInput.first): those that crossed in
 * an earlier try first, each group shortest first so that loops nest (longest first on request); a flow across
 * pages counts as longer than any on one page.
 */
export function flowOrder(inp: RouteInput, others: readonly FlowEdge[]): number[] {
  const spanOf = (e: FlowEdge): number => {
    const pa = inp.pageOf.get(e.from)!;
    const pb = inp.pageOf.get(e.to as number)!;
    if (pa !== pb) return 1e6 + Math.abs(e.from - (e.to as number));
    return Math.abs(inp.rowOf.get(e.from)! - inp.rowOf.get(e.to as number)!);
  };
  const first = inp.first ?? new Set<number>();
  return others
    .map((e, i) => ({ e, i, span: spanOf(e), early: first.has(i) ? 0 : 1 }))
    .sort((x, y) => x.early - y.early || (inp.longestFirst ? y.span - x.span : x.span - y.span) || x.i - y.i)
    .map(({ i }) => i);
}

/**
 * At most this many tries after the first when arrows cross, and fewer for procedures over REROUTE_STEPS / tries
 * steps (one from 150 steps on): a try costs a whole routing again, ~7 ms at 200 steps, which the playground and
 * the editor's preview pay on every keystroke.
 */
const MAX_REROUTES = 3;
const REROUTE_STEPS = 300;

/**
 * Fewer crossings: while arrows cross, route again with the flows that crossed (in any try so far) first, then
 * once longest first. A try with fewer crossings replaces the best so far unless more of its labels find no free
 * place (labels are placed only on such candidates). Most procedures have no crossing and are routed once; a long
 * one gets fewer tries (each routes every flow again). `route` makes one try; the one kept is finished.
 */
export function bestTry<T extends { readonly out: RouteOutput }>(steps: number, route: (first?: ReadonlySet<number>, longestFirst?: boolean) => T): T {
  const astray = new Map<T, number>();
  const finished = (t: T): number => {
    let n = astray.get(t);
    if (n === undefined) astray.set(t, (n = t.out.finish()));
    return n;
  };
  let best = route();
  const consider = (t: T): void => {
    if (t.out.crossings < best.out.crossings && finished(t) <= finished(best)) best = t;
  };
  // A page of a long procedure (steps Infinity) is not re-tried here: its crossing flows are, alone, once its other
  // tries are done (layout-tries.ts bestRouting, late-tries.ts aloneFirst).
  let tries = steps === Infinity ? 0 : Math.max(1, Math.min(MAX_REROUTES, Math.floor(REROUTE_STEPS / Math.max(1, steps))));
  // The crossed-first tries come first (they win most often); the last of three is kept for longest-first.
  let crossedFirst = Math.min(tries, MAX_REROUTES - 1);
  let last = best;
  const first = new Set<number>();
  while (crossedFirst > 0 && last.out.crossings > 0) {
    const before = first.size;
    for (const f of last.out.crossed) first.add(f);
    if (first.size === before) break;
    last = route(first);
    crossedFirst--;
    tries--;
    consider(last);
  }
  if (tries > 0 && best.out.crossings > 0) consider(route(undefined, true));
  finished(best);
  return best;
}

/** Every row of a finished drawing: the step rows page by page, then the connector rows. */
export function drawnRows(stepRows: readonly (readonly RowBuilder[])[], connectorRows: RouteOutput['connectorRows']): RowBuilder[] {
  const rows: RowBuilder[] = [];
  for (const page of stepRows) pushAll(rows, page);
  for (const c of connectorRows) {
    if (c.top) rows.push(c.top);
    if (c.bottom) rows.push(c.bottom);
  }
  return rows;
}

/**
 * Crossings of a finished drawing (connectors placed), row by row: a vertical piece through a horizontal one of
 * another flow, away from their ends (a double join's lower rule not counted: it is one line with the upper).
 */
export function drawnCrossings(stepRows: readonly (readonly RowBuilder[])[], connectorRows: RouteOutput['connectorRows']): number {
  return eachCrossing(stepRows, connectorRows, () => {});
}

/** The steps whose flows cross another's in a finished drawing (both ends of both flows). */
export function crossingSteps(stepRows: readonly (readonly RowBuilder[])[], connectorRows: RouteOutput['connectorRows']): Set<number> {
  const steps = new Set<number>();
  const add = (p: Piece): void => {
    steps.add(p.from);
    if (typeof p.to === 'number') steps.add(p.to);
  };
  eachCrossing(stepRows, connectorRows, (h, v) => (add(h), add(v)));
  return steps;
}

/** The flows whose pieces cross another's on a finished drawing, each once. */
export function crossingFlows(stepRows: readonly (readonly RowBuilder[])[], connectorRows: RouteOutput['connectorRows']): { from: number; to: FlowTarget }[] {
  const flows = new Map<string, { from: number; to: FlowTarget }>();
  const add = (p: Piece): void => void flows.set(`${p.from}>${p.to}`, { from: p.from, to: p.to });
  eachCrossing(stepRows, connectorRows, (h, v) => (add(h), add(v)));
  return [...flows.values()];
}

/** Calls `seen` with the horizontal and the vertical piece of each crossing (drawnCrossings); how many. */
function eachCrossing(stepRows: readonly (readonly RowBuilder[])[], connectorRows: RouteOutput['connectorRows'], seen: (h: Piece, v: Piece) => void): number {
  let n = 0;
  const rows = drawnRows(stepRows, connectorRows);
  // Each row's pieces sorted into the two lists, reused row after row (this runs on every try judged).
  const hs: Piece[] = HS;
  const vs: Piece[] = VS;
  for (const row of rows) {
    hs.length = 0;
    vs.length = 0;
    for (const p of row.core.pieces) {
      if (typeof p.y1 !== 'number' || typeof p.y2 !== 'number') continue;
      if (p.y1 === p.y2 && p.x1 !== p.x2) hs.push(p);
      else if (p.x1 === p.x2 && p.y1 !== p.y2) vs.push(p);
    }
    if (hs.length === 0 || vs.length === 0) continue;
    for (const h of hs) {
      const y = h.y1 as number;
      if (h.from === h.to && hs.some((o) => o !== h && o.from === h.from && o.to === h.to && Math.abs(y - (o.y1 as number) - 3) < 0.6)) continue;
      const x1 = Math.min(h.x1, h.x2);
      const x2 = Math.max(h.x1, h.x2);
      for (const v of vs) {
        if (v.from === h.from && v.to === h.to) continue;
        const y1 = Math.min(v.y1 as number, v.y2 as number);
        const y2 = Math.max(v.y1 as number, v.y2 as number);
        if (v.x1 > x1 + 0.8 && v.x1 < x2 - 0.8 && y > y1 + 0.8 && y < y2 - 0.8) {
          n++;
          seen(h, v);
        }
      }
    }
  }
  hs.length = 0;
  vs.length = 0;
  return n;
}

const HS: Piece[] = [];
const VS: Piece[] = [];

/** Runs of two flows drawn on top of each other in a row (a connector row's jogs sharing a level): a flow then reads as another. */
export function drawnOverlaps(stepRows: readonly (readonly RowBuilder[])[], connectorRows: RouteOutput['connectorRows']): number {
  let n = 0;
  const rows = drawnRows(stepRows, connectorRows);
  for (const row of rows) {
    const hs = row.core.pieces.filter((p) => typeof p.y1 === 'number' && p.y1 === p.y2 && p.x1 !== p.x2);
    for (let i = 0; i < hs.length; i++)
      for (let j = i + 1; j < hs.length; j++) {
        const a = hs[i]!;
        const b = hs[j]!;
        if ((a.from === b.from && a.to === b.to) || Math.abs((a.y1 as number) - (b.y1 as number)) > 0.5) continue;
        if (Math.min(Math.max(a.x1, a.x2), Math.max(b.x1, b.x2)) - Math.max(Math.min(a.x1, a.x2), Math.min(b.x1, b.x2)) > 1) n++;
      }
  }
  return n;
}

/**
 * Parallel runs of different arrows nearer than 1.5 mm (the quality report's `parallel gap`: a spare track beside
 * another), in a finished drawing: pairs of vertical pieces in one band of a row, or horizontal ones in its core.
 */
export function drawnTight(stepRows: readonly (readonly RowBuilder[])[], connectorRows: RouteOutput['connectorRows']): number {
  const near = (a: Piece, b: Piece, across: (p: Piece) => number, lo: (p: Piece) => number, hi: (p: Piece) => number): boolean =>
    !(a.from === b.from && a.to === b.to) && Math.abs(across(a) - across(b)) < TRACK_GAP - 0.5 && Math.min(hi(a), hi(b)) - Math.max(lo(a), lo(b)) > 1;
  const y = (v: Y, full: number): number => (typeof v === 'number' ? v : full);
  let n = 0;
  for (const row of drawnRows(stepRows, connectorRows))
    for (const band of [row.top, row.core.pieces, row.bottom]) {
      const vs = band.filter((p) => p.x1 === p.x2);
      const hs = band === row.core.pieces ? band.filter((p) => p.y1 === p.y2 && p.x1 !== p.x2) : [];
      for (let i = 0; i < vs.length; i++)
        for (let j = i + 1; j < vs.length; j++)
          if (near(vs[i]!, vs[j]!, (p) => p.x1, (p) => Math.min(y(p.y1, 1e4), y(p.y2, 1e4)), (p) => Math.max(y(p.y1, 1e4), y(p.y2, 1e4)))) n++;
      for (let i = 0; i < hs.length; i++)
        for (let j = i + 1; j < hs.length; j++) if (near(hs[i]!, hs[j]!, (p) => y(p.y1, 0), (p) => Math.min(p.x1, p.x2), (p) => Math.max(p.x1, p.x2))) n++;
    }
  return n;
}

/** Off-page connectors outside the lanes of the step they attach to (issue 20 item 2), in a finished drawing. */
export function connectorsOffLane(connectorRows: RouteOutput['connectorRows'], lanesOf: (step: number) => readonly number[], laneId: (lane: number) => string): number {
  return offLaneConnectors(connectorRows, lanesOf, laneId).length;
}

/** Whether a connector sits in a lane of the step it attaches to. */
export function inOwnLane(s: SymbolMark, lanesOf: (step: number) => readonly number[], laneId: (lane: number) => string): boolean {
  return lanesOf(s.step).some((l) => laneId(l) === s.lane);
}

/** The off-page connectors outside their step's lanes (issue 20 item 2), row by row. */
export function offLaneConnectors(connectorRows: RouteOutput['connectorRows'], lanesOf: (step: number) => readonly number[], laneId: (lane: number) => string): SymbolMark[] {
  const out: SymbolMark[] = [];
  for (const c of connectorRows)
    for (const row of [c.top, c.bottom])
      if (row) for (const s of row.core.symbols) if (s.kind === 'connector' && !inOwnLane(s, lanesOf, laneId)) out.push(s);
  return out;
}
