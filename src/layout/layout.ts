/**
 * The swimlane layout and the orthogonal connector router. Pure geometry:
 * model in, pages of rows with pieces, symbols and labels out.
 *
 * Routing rules (format.md):
 * - a step's "primary" flow to the next step leaves the bottom of its symbol
 *   and enters the top of the next one;
 * - every other flow (a decision's other branch, loops back, jumps forward)
 *   leaves from a side of the symbol, runs in a vertical track in the gutter
 *   between symbols (tracks never hold a symbol), and enters the target's
 *   side; each track is reserved over the rows it spans, so two arrows never
 *   share one; stubs on one side of a symbol enter at distinct heights;
 * - a flow that crosses a page break ends in an off-page connector at the
 *   page's edge and resumes from its twin on the other page.
 */
import { DEFAULT_HEADERS, type HeaderWords, type PaperSize } from '../model/config.js';
import type { FlowEdge, FlowTarget, SopModel, SymbolKind } from '../model/model.js';
import { outgoingEdges } from '../model/graph.js';
import { timingLine } from '../model/flow-facts.js';
import { plainText } from '../util/inline.js';
import { columns, contentBox, paper as paperOf, symbolSize } from './geometry.js';
import { textWidth } from './font-metrics.js';
import { CONNECTOR_ROW, CORE, coreHeight, headerLayout, paginate, type MeasuredHeights } from './paginate.js';
import type { LabelMark, PageLayout, Piece, RowLayout, SopLayout, SymbolMark, Y } from './types.js';
import { maxOf, minOf } from '../util/array.js';

export interface LayoutOptions {
  readonly paper?: PaperSize;
  readonly maxRowsPerPage?: number;
  /** Header words (their widths shape the columns). */
  readonly headers?: HeaderWords;
  /** Row and header heights measured in the browser: paginate on these instead of the estimate. */
  readonly measured?: MeasuredHeights;
  /** Every step on one page, rows only as tall as their symbols: the table the browser measures. */
  readonly unpaginated?: boolean;
}

const TRACK_GAP = 4;

interface RowBuilder {
  kind: 'step' | 'connectors';
  step: number | null;
  minHeight: number;
  top: Piece[];
  core: { height: number; pieces: Piece[]; symbols: SymbolMark[]; labels: LabelMark[] };
  bottom: Piece[];
}

interface PendingConnector {
  page: number;
  /** The page's connector row it sits in. */
  where: 'top' | 'bottom';
  arrivalX: number;
  letter: string;
  /** The flow goes into the connector (true) or comes out of it. */
  flowIn: boolean;
  from: number;
  to: FlowTarget;
  step: number;
  lane: string;
}

type End =
  | { kind: 'step'; page: number; row: number; step: number; lanes: readonly number[] }
  | { kind: 'conn'; page: number; row: number; lane: number };

export function layoutSop(model: SopModel, options: LayoutOptions = {}): SopLayout {
  const p = paperOf(options.paper);
  const laneCount = Math.max(1, model.lanes.length);
  const headers = options.headers ?? DEFAULT_HEADERS;
  const cols = columns(p, laneCount, {
    laneTitles: model.lanes.map((l) => plainText(l.title)),
    kelengkapan: model.steps.map((s) => plainText(s.kelengkapan)),
    waktu: model.steps.map((s) => s.waktu?.text ?? ''),
    output: model.steps.map((s) => plainText(s.output)),
    keterangan: model.steps.map((s) => plainText(s.keterangan)),
    headers,
    steps: model.steps.length,
  });
  const header = headerLayout(model, cols, headers);
  const sym = symbolSize(cols.lane);
  const centers = Array.from({ length: laneCount }, (_, i) => Math.round(cols.lane * (i + 0.5)));
  const hc = coreHeight(sym.h);
  const symTop = CORE.top;
  const symBottom = CORE.top + sym.h;
  const symMid = CORE.top + sym.h / 2;
  const laneIndex = new Map(model.lanes.map((l, i) => [l.id, i]));
  const laneIdAt = (i: number): string => model.lanes[i]?.id ?? '';

  // Each step's lane columns, sorted, computed once (a step with no resolved lane sits in the first).
  const lanesOf: number[][] = [[]];
  for (const s of model.steps) {
    const idx = s.lanes.map((id) => laneIndex.get(id)).filter((i): i is number => i !== undefined);
    lanesOf[s.number] = idx.length > 0 ? [...new Set(idx)].sort((a, b) => a - b) : [0];
  }
  const stepLanes = (n: number): readonly number[] => lanesOf[n]!;
  const symbolOf = (n: number): SymbolKind => model.steps[n - 1]!.symbol;

  // ---- pages and rows ----
  const { pages: pageSteps, heights } = paginate(model, p, cols, sym.h, {
    headerHeight: header.height,
    footerHeight: footerHeight(timingLine(model.timing, model.steps), contentBox(p).width),
    ...(options.maxRowsPerPage !== undefined ? { maxRows: options.maxRowsPerPage } : {}),
    ...(options.measured ? { measured: options.measured } : {}),
    ...(options.unpaginated ? { unpaginated: true } : {}),
  });
  const pageOf = new Map<number, number>();
  const rowOf = new Map<number, number>();
  pageSteps.forEach((steps, pi) => steps.forEach((s, ri) => (pageOf.set(s, pi), rowOf.set(s, ri))));
  const newRow = (kind: RowBuilder['kind'], step: number | null, minHeight: number, height: number): RowBuilder => ({
    kind,
    step,
    minHeight,
    top: [],
    core: { height, pieces: [], symbols: [], labels: [] },
    bottom: [],
  });
  const stepRows: RowBuilder[][] = pageSteps.map((steps) =>
    steps.map((s) => newRow('step', s, heights[s]!, hc)),
  );
  const connRows = pageSteps.map(() => ({ top: null as RowBuilder | null, bottom: null as RowBuilder | null }));
  const rowAt = (page: number, row: number): RowBuilder => stepRows[page]![row]!;

  // ---- symbols and multi-lane joins ----
  for (const s of model.steps) {
    const row = rowAt(pageOf.get(s.number)!, rowOf.get(s.number)!);
    const lanes = stepLanes(s.number);
    for (const li of lanes) row.core.symbols.push({ kind: s.symbol, x: centers[li]!, y: symMid, step: s.number, lane: laneIdAt(li) });
    for (let i = 0; i + 1 < lanes.length; i++) {
      const a = lanes[i]!;
      const b = lanes[i + 1]!;
      row.core.pieces.push(piece(outlineX(s.symbol, centers[a]!, 1, 0), symMid, outlineX(s.symbol, centers[b]!, -1, 0), symMid, s.number, s.number, false));
    }
  }

  function outlineX(kind: SymbolKind, cx: number, side: 1 | -1, dy: number): number {
    const half = sym.w / 2;
    if (kind === 'decision') return cx + side * half * (1 - (2 * Math.abs(dy)) / sym.h);
    if (kind === 'terminator') {
      const r = sym.h / 2;
      return cx + side * (half - r + Math.sqrt(Math.max(0, r * r - dy * dy)));
    }
    return cx + side * half;
  }

  // ---- stub heights on the sides of symbols ----
  const slotsUsed = new Map<string, Set<number>>();
  const slotStep = Math.max(4, Math.floor(sym.h / 4));
  /**
   * A height on the side of a symbol for a stub: the centre (the vertex) first;
   * an arrow arriving from below takes the lower offsets first, one from above
   * the upper ones, so it never crosses the stubs nearer the centre.
   */
  function takeSlot(key: string, from: 'above' | 'below' | 'none'): number {
    const used = slotsUsed.get(key) ?? new Set<number>();
    slotsUsed.set(key, used);
    const limit = sym.h / 2 - 2;
    const sign = from === 'above' ? -1 : 1;
    const order = [0];
    for (let k = 1; k * slotStep <= limit; k++) order.push(sign * k * slotStep);
    for (let k = 1; k * slotStep <= limit; k++) order.push(-sign * k * slotStep);
    const pick = order.find((d) => !used.has(d)) ?? order[order.length - 1]!;
    used.add(pick);
    return pick;
  }

  // ---- tracks in the gutters ----
  // Region i lies left of lane i (region laneCount: right of the last lane).
  const regions = Array.from({ length: laneCount + 1 }, (_, i) => {
    const left = i === 0 ? 0 : centers[i - 1]! + sym.w / 2;
    const right = i === laneCount ? cols.lanes : centers[i]! - sym.w / 2;
    const n = Math.max(0, Math.floor((right - left) / TRACK_GAP) - 1);
    return Array.from({ length: n }, (_, k) => Math.round(left + TRACK_GAP * (k + 1)));
  });
  const occupancy = new Map<string, [number, number][]>();
  /** A free track over rows [lo, hi] in the first candidate region that has one, or null. */
  function findTrack(page: number, lo: number, hi: number, candidates: readonly number[], side: 1 | -1): number | null {
    for (const r of candidates) {
      const tracks = regions[r]!;
      const order = side === 1 ? tracks.map((_, k) => k) : tracks.map((_, k) => tracks.length - 1 - k);
      for (const k of order) {
        const key = `${page}:${r}:${k}`;
        const taken = occupancy.get(key) ?? [];
        if (taken.every(([a, b]) => hi < a || lo > b)) {
          taken.push([lo, hi]);
          occupancy.set(key, taken);
          return tracks[k]!;
        }
      }
    }
    return null;
  }

  function candidateRegions(lanesAB: readonly number[], side: 1 | -1): number[] {
    const out: number[] = [];
    if (side === 1) for (let r = maxOf(lanesAB) + 1; r <= laneCount; r++) out.push(r);
    else for (let r = minOf(lanesAB); r >= 0; r--) out.push(r);
    return out;
  }

  const pending: PendingConnector[] = [];
  let letterCount = 0;
  const nextLetter = (): string => {
    let n = letterCount++;
    let s = '';
    do {
      s = String.fromCharCode(65 + (n % 26)) + s;
      n = Math.floor(n / 26) - 1;
    } while (n >= 0);
    return s;
  };

  // ---- primary flows: bottom to top of the next step ----
  const outgoing = outgoingEdges(model);
  const primaryOf = new Map<number, FlowEdge>();
  const bottomUsed = new Set<number>();
  for (const s of model.steps) {
    const out = outgoing[s.number]!.filter((e) => e.to === s.number + 1);
    const chosen = out.find((e) => e.label === 'Ya') ?? out[0];
    if (chosen) {
      primaryOf.set(s.number, chosen);
      bottomUsed.add(s.number);
    }
  }

  function routePrimary(e: FlowEdge): void {
    const a = e.from;
    const b = e.to as number;
    const la = stepLanes(a);
    const lb = stepLanes(b);
    let best: [number, number] = [la[0]!, lb[0]!];
    for (const x of la) for (const y of lb) if (Math.abs(centers[x]! - centers[y]!) < Math.abs(centers[best[0]]! - centers[best[1]]!)) best = [x, y];
    const xs = centers[best[0]]!;
    const xt = centers[best[1]]!;
    const pa = pageOf.get(a)!;
    const pb = pageOf.get(b)!;
    const rowA = rowAt(pa, rowOf.get(a)!);
    const rowB = rowAt(pb, rowOf.get(b)!);
    // The label sits beside the exit, on the side away from the jog.
    if (e.label) rowA.core.labels.push({ x: xt < xs ? xs + 3 : xs - 3, y: symBottom + 9, text: e.label, anchor: xt < xs ? 'start' : 'end', from: a, to: b });
    if (pa === pb) {
      if (xs === xt) rowA.core.pieces.push(piece(xs, symBottom, xs, hc, a, b));
      else {
        const yj = symBottom + Math.round(CORE.bottom / 2);
        rowA.core.pieces.push(piece(xs, symBottom, xs, yj, a, b), piece(xs, yj, xt, yj, a, b), piece(xt, yj, xt, hc, a, b));
      }
      rowA.bottom.push(piece(xt, 0, xt, '100%', a, b));
    } else {
      const letter = nextLetter();
      rowA.core.pieces.push(piece(xs, symBottom, xs, hc, a, b));
      rowA.bottom.push(piece(xs, 0, xs, '100%', a, b));
      pending.push({ page: pa, where: 'bottom', arrivalX: xs, letter, flowIn: true, from: a, to: b, step: a, lane: laneIdAt(best[0]) });
      pending.push({ page: pb, where: 'top', arrivalX: xt, letter, flowIn: false, from: a, to: b, step: b, lane: laneIdAt(best[1]) });
    }
    rowB.top.push(piece(xt, 0, xt, '100%', a, b));
    rowB.core.pieces.push(piece(xt, 0, xt, symTop, a, b, true));
  }

  // ---- other flows: side exits, gutter tracks, side entries ----
  function routeSide(e: FlowEdge, side: 1 | -1): void {
    const a = e.from;
    const b = e.to as number;
    const pa = pageOf.get(a)!;
    const pb = pageOf.get(b)!;
    const A: End = { kind: 'step', page: pa, row: rowOf.get(a)!, step: a, lanes: stepLanes(a) };
    const B: End = { kind: 'step', page: pb, row: rowOf.get(b)!, step: b, lanes: stepLanes(b) };
    if (pa === pb) {
      routePart(A, B, side, e);
      return;
    }
    const letter = nextLetter();
    const forward = pb > pa;
    const srcLane = side === 1 ? maxOf(A.lanes) : minOf(A.lanes);
    const tgtLane = side === 1 ? maxOf(B.lanes) : minOf(B.lanes);
    const out: End = { kind: 'conn', page: pa, row: forward ? stepRows[pa]!.length : -1, lane: srcLane };
    const inn: End = { kind: 'conn', page: pb, row: forward ? -1 : stepRows[pb]!.length, lane: tgtLane };
    const x1 = routePart(A, out, side, e);
    pending.push({ page: pa, where: forward ? 'bottom' : 'top', arrivalX: x1, letter, flowIn: true, from: a, to: b, step: a, lane: laneIdAt(srcLane) });
    const x2 = routePart(inn, B, side, e);
    pending.push({ page: pb, where: forward ? 'top' : 'bottom', arrivalX: x2, letter, flowIn: false, from: a, to: b, step: b, lane: laneIdAt(tgtLane) });
  }

  /** Routes one part on one page; returns the track's x (where a connector end is met). */
  function routePart(A: End, B: End, preferred: 1 | -1, e: FlowEdge): number {
    const page = A.page;
    const span = (x: End): number[] => (x.kind === 'step' ? [...x.lanes] : [x.lane]);
    const lanesAB = [...span(A), ...span(B)];
    const lo = Math.min(A.row, B.row);
    const hi = Math.max(A.row, B.row);
    // The preferred side first; when its gutters are full over these rows, the other side.
    let side = preferred;
    let xk = findTrack(page, lo, hi, candidateRegions(lanesAB, side), side);
    if (xk === null) {
      side = -preferred as 1 | -1;
      xk = findTrack(page, lo, hi, candidateRegions(lanesAB, side), side);
    }
    if (xk === null) {
      // Every track is busy over these rows on both sides: share the nearest one (not seen in the stress tests).
      side = preferred;
      const r = candidateRegions(lanesAB, side).find((c) => regions[c]!.length > 0) ?? 0;
      xk = regions[r]![0] ?? Math.round(side === 1 ? cols.lanes - 2 : 2);
    }
    const up = B.row < A.row;
    const from = e.from;
    const to = e.to;

    if (A.kind === 'step') {
      const row = rowAt(page, A.row);
      const lane = side === 1 ? maxOf(A.lanes) : minOf(A.lanes);
      const dy = takeSlot(`${page}:${A.row}:${lane}:${side}`, 'none');
      const xv = outlineX(symbolOf(A.step), centers[lane]!, side, dy);
      row.core.pieces.push(piece(xv, symMid + dy, xk, symMid + dy, from, to));
      row.core.pieces.push(piece(xk, symMid + dy, xk, up ? 0 : hc, from, to));
      if (up) row.top.push(piece(xk, '100%', xk, 0, from, to));
      else row.bottom.push(piece(xk, 0, xk, '100%', from, to));
      if (e.label) {
        row.core.labels.push({ x: xv + side * 3, y: symMid + dy - 3, text: e.label, anchor: side === 1 ? 'start' : 'end', from, to });
      }
    }
    const step = up ? -1 : 1;
    for (let r = A.row + step; r !== B.row; r += step) {
      if (r < 0 || r >= stepRows[page]!.length) continue;
      const row = rowAt(page, r);
      if (up) {
        row.bottom.push(piece(xk, '100%', xk, 0, from, to));
        row.core.pieces.push(piece(xk, hc, xk, 0, from, to));
        row.top.push(piece(xk, '100%', xk, 0, from, to));
      } else {
        row.top.push(piece(xk, 0, xk, '100%', from, to));
        row.core.pieces.push(piece(xk, 0, xk, hc, from, to));
        row.bottom.push(piece(xk, 0, xk, '100%', from, to));
      }
    }
    if (B.kind === 'step') {
      const row = rowAt(page, B.row);
      const lane = side === 1 ? maxOf(B.lanes) : minOf(B.lanes);
      const dy = takeSlot(`${page}:${B.row}:${lane}:${side}`, up ? 'below' : 'above');
      const xe = outlineX(symbolOf(B.step), centers[lane]!, side, dy);
      if (up) {
        row.bottom.push(piece(xk, '100%', xk, 0, from, to));
        row.core.pieces.push(piece(xk, hc, xk, symMid + dy, from, to));
      } else {
        row.top.push(piece(xk, 0, xk, '100%', from, to));
        row.core.pieces.push(piece(xk, 0, xk, symMid + dy, from, to));
      }
      row.core.pieces.push(piece(xk, symMid + dy, xe, symMid + dy, from, to, true));
    }
    return xk;
  }

  /** A decision branch that ends the procedure: a short labelled stub. */
  function routeEnd(e: FlowEdge, where: 'bottom' | 1 | -1): void {
    const a = e.from;
    const row = rowAt(pageOf.get(a)!, rowOf.get(a)!);
    const lanes = stepLanes(a);
    if (where === 'bottom') {
      const x = centers[lanes[0]!]!;
      row.core.pieces.push(piece(x, symBottom, x, symBottom + CORE.bottom - 3, a, 'selesai', true));
      if (e.label) row.core.labels.push({ x: x + 3, y: symBottom + 9, text: e.label, anchor: 'start', from: a, to: 'selesai' });
      return;
    }
    const lane = where === 1 ? maxOf(lanes) : minOf(lanes);
    const dy = takeSlot(`${pageOf.get(a)}:${rowOf.get(a)}:${lane}:${where}`, 'none');
    const xv = outlineX(symbolOf(a), centers[lane]!, where, dy);
    const len = Math.max(6, Math.min(14, (cols.lane - sym.w) / 2 - 2));
    row.core.pieces.push(piece(xv, symMid + dy, xv + where * len, symMid + dy, a, 'selesai', true));
    if (e.label) row.core.labels.push({ x: xv + where * 3, y: symMid + dy - 3, text: e.label, anchor: where === 1 ? 'start' : 'end', from: a, to: 'selesai' });
  }

  for (const s of model.steps) {
    const out = outgoing[s.number]!;
    const primary = primaryOf.get(s.number);
    const others = out.filter((e) => e !== primary);
    if (primary) routePrimary(primary);
    const isDecision = s.symbol === 'decision';
    if (!isDecision) {
      // An ordinary step's flow to the end needs no arrow: its terminator ends it.
      for (const e of others) if (e.to !== 'selesai') routeSide(e, sideToward(s.number, e.to as number));
      continue;
    }
    const sideRouted = others;
    const sides = assignSides(s.number, sideRouted, !bottomUsed.has(s.number));
    sideRouted.forEach((e, i) => {
      const side = sides[i]!;
      if (e.to === 'selesai') routeEnd(e, side);
      else if (side === 'bottom') routeSide(e, sideToward(s.number, e.to));
      else routeSide(e, side);
    });
  }

  function sideToward(a: number, b: number): 1 | -1 {
    const mid = (l: readonly number[]): number => (minOf(l) + maxOf(l)) / 2;
    return mid(stepLanes(b)) < mid(stepLanes(a)) ? -1 : 1;
  }

  /** A decision's non-primary branches: one per side; a branch to the end may take the free bottom. */
  function assignSides(a: number, edges: readonly FlowEdge[], bottomFree: boolean): ('bottom' | 1 | -1)[] {
    if (edges.length === 1) {
      const e = edges[0]!;
      if (e.to === 'selesai') return [bottomFree ? 'bottom' : 1];
      return [sideToward(a, e.to)];
    }
    // Two branches: Ya on the left, Tidak on the right (a loop back reads on the right).
    return edges.map((e) => {
      if (e.to === 'selesai' && bottomFree) {
        bottomFree = false;
        return 'bottom';
      }
      return e.label === 'Ya' ? -1 : 1;
    });
  }

  // ---- connector rows ----
  for (const where of ['top', 'bottom'] as const) {
    for (let page = 0; page < pageSteps.length; page++) {
      const list = pending.filter((c) => c.page === page && c.where === where).sort((x, y) => x.arrivalX - y.arrivalX);
      if (list.length === 0) continue;
      const row = newRow('connectors', null, CONNECTOR_ROW, CONNECTOR_ROW);
      if (where === 'top') connRows[page]!.top = row;
      else connRows[page]!.bottom = row;
      let prev = -Infinity;
      list.forEach((c, i) => {
        const pos = Math.min(Math.max(c.arrivalX, prev + sym.cw + 3), cols.lanes - sym.cw / 2 - 1);
        prev = pos;
        const symTopY = where === 'top' ? 2 : 12;
        const tipY = symTopY + sym.ch;
        const boundary = where === 'top' ? CONNECTOR_ROW : 0;
        // The flow meets the connector at its tip (top row) or its flat top (bottom row).
        const meetY = where === 'top' ? tipY : symTopY;
        const jogY = where === 'top' ? tipY + 3 + 2 * (i % 4) : 2 + 2 * (i % 4);
        const path: [number, number][] =
          pos === c.arrivalX ? [[c.arrivalX, boundary], [pos, meetY]] : [[c.arrivalX, boundary], [c.arrivalX, jogY], [pos, jogY], [pos, meetY]];
        if (c.flowIn) {
          path.forEach((pt, k) => {
            const nx = path[k + 1];
            if (nx) row.core.pieces.push(piece(pt[0], pt[1], nx[0], nx[1], c.from, c.to, k === path.length - 2));
          });
        } else {
          const rev = [...path].reverse();
          rev.forEach((pt, k) => {
            const nx = rev[k + 1];
            if (nx) row.core.pieces.push(piece(pt[0], pt[1], nx[0], nx[1], c.from, c.to));
          });
        }
        row.core.symbols.push({ kind: 'connector', x: pos, y: symTopY + sym.ch / 2, step: c.step, lane: c.lane, letter: c.letter, from: c.from, to: c.to });
      });
    }
  }

  const pages: PageLayout[] = pageSteps.map((steps, pi) => {
    const rows: RowLayout[] = [];
    const top = connRows[pi]!.top;
    if (top) rows.push(freeze(top));
    steps.forEach((_s, ri) => {
      rows.push(freeze(stepRows[pi]![ri]!));
    });
    const bottom = connRows[pi]!.bottom;
    if (bottom) rows.push(freeze(bottom));
    return { rows };
  });

  return { paper: p, columns: cols, header, symbol: sym, laneCount, laneCenters: centers, pages };
}

/** The timing line under the last page's table (sop.css .timing: 11 px on 14 px lines, 6 px above), px. */
function footerHeight(text: string | null, width: number): number {
  if (text === null) return 0;
  return 6 + Math.ceil((textWidth(text, 11) * 1.02) / width) * 14;
}

function piece(x1: number, y1: Y, x2: number, y2: Y, from: number, to: FlowTarget, arrow = false): Piece {
  const r = (v: Y): Y => (typeof v === 'number' ? Math.round(v * 100) / 100 : v);
  return { x1: r(x1) as number, y1: r(y1), x2: r(x2) as number, y2: r(y2), from, to, arrow };
}

function freeze(r: RowBuilder): RowLayout {
  return { kind: r.kind, step: r.step, minHeight: r.minHeight, top: r.top, core: r.core, bottom: r.bottom };
}
