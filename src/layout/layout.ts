/**
 * The swimlane layout: pages of rows, each step's symbols in its lanes, the
 * joins of multi-lane steps; the arrows are routed by route.ts. Pure
 * geometry: model in, pages of rows with pieces, symbols and labels out.
 */
import { DEFAULT_HEADERS, PAPER_SIZES, type HeaderWords, type PaperSize, type SopConfig } from '../model/config.js';
import type { FlowEdge, FlowTarget, SopModel } from '../model/model.js';
import { outgoingEdges } from '../model/graph.js';
import { timingLine } from '../model/flow-facts.js';
import { plainText } from '../util/inline.js';
import { DECISION_KEGIATAN, DECISION_LANE, FONT, PX_PER_MM, columns, contentBox, kegiatanFloor, laneLefts, laneWidths, longestPiece, mutuLimits, paper as paperOf, symbolSize, type Columns, type Paper } from './geometry.js';
import { fillColumns, fittedFor, unwidenedOf } from './fill.js';
import { textWidth } from './font-metrics.js';
import { CONNECTOR_ROW, CORE, coreHeight, headerLayout, paginate, type MeasuredHeights } from './paginate.js';
import { routeFlows, type RouteOutput, type RowBuilder } from './route.js';
import { letterConnectors } from './route/connectors.js';
import type { SlantQuery } from './route/state.js';
import { drawingFaults, type Faults } from './route/faults.js';
import { bestTry, connectorsOffLane, crossingSteps, drawnCrossings, drawnOverlaps } from './route/tries.js';
import type { PageLayout, Piece, RowLayout, SopLayout, Y } from './types.js';

export interface LayoutOptions {
  readonly paper?: PaperSize;
  readonly maxRowsPerPage?: number;
  /** Header words (their widths shape the columns). */
  readonly headers?: HeaderWords;
  /** Row and header heights measured in the browser: paginate on these instead of the estimate. */
  readonly measured?: MeasuredHeights;
  /** Every step on one page, rows only as tall as their symbols: the table the browser measures. */
  readonly unpaginated?: boolean;
  /**
   * `decisions`: the lanes of decisions met by two arrows may widen (fill.ts widenDecisionLanes) when the drawing
   * is better for it. Absent or `equal`: lanes share the flowchart width equally, as spec/format.md has it.
   */
  readonly laneWidths?: 'equal' | 'decisions';
}

/** The layout options a project's sop.config.json sets (paper, rows per page, lane widths, header words). */
export function layoutOptions(config: SopConfig): LayoutOptions {
  return {
    ...(config.paper ? { paper: config.paper } : {}),
    ...(config.maxRowsPerPage ? { maxRowsPerPage: config.maxRowsPerPage } : {}),
    ...(config.laneWidths === 'decisions' ? { laneWidths: 'decisions' as const } : {}),
    headers: { ...DEFAULT_HEADERS, ...(config.headers ?? {}) },
  };
}

export function layoutSop(model: SopModel, options: LayoutOptions = {}): SopLayout {
  const p = paperOf(options.paper);
  const headers = options.headers ?? DEFAULT_HEADERS;
  const footer = footerHeight(timingLine(model.timing, model.steps), contentBox(p).width);
  const widen = options.laneWidths === 'decisions';
  const cols = layoutColumns(model, p, headers, footer, options.maxRowsPerPage, widen);
  // Decision lanes widened (fill.ts widenDecisionLanes): kept when the drawing is better for it, judged once on the
  // estimated pages (so that the PDF's measuring pass and its print take the same columns). Long procedures
  // (SIDES_STEPS on) keep them unjudged: a second drawing would double their cost on every keystroke in the preview.
  if (!cols.widths || model.steps.length >= SIDES_STEPS) return drawSop(model, options, p, headers, footer, cols).lay;
  const key = `${p.name}\u0000${options.maxRowsPerPage ?? ''}\u0000${JSON.stringify(headers)}`;
  let memo = widened.get(model);
  if (!memo) widened.set(model, (memo = new Map()));
  let chosen = memo.get(key);
  if (chosen === undefined) {
    const plain = unwidenedOf(cols) ?? layoutColumns(model, p, headers, footer, options.maxRowsPerPage, false);
    const base = { ...(options.maxRowsPerPage !== undefined ? { maxRowsPerPage: options.maxRowsPerPage } : {}), laneWidths: 'decisions' as const };
    const a = drawSop(model, base, p, headers, footer, plain, true);
    const b = drawSop(model, base, p, headers, footer, cols, true);
    const keep = widerIsBetter(a.faults!, b.faults!);
    chosen = keep ? cols : plain;
    memo.set(key, chosen);
    // Drawn on the estimate already: the one kept is the layout asked for.
    if (!options.measured && !options.unpaginated) return keep ? b.lay : a.lay;
  }
  return drawSop(model, options, p, headers, footer, chosen).lay;
}

/** Per model and paper: the columns kept, widened or not. */
const widened = new WeakMap<SopModel, Map<string, Columns>>();

/**
 * Widened decision lanes are kept when fewer labels are ambiguous or near a border and nothing else the quality
 * report counts gets worse (crossings, arrows near a symbol, connectors off their lane): a lane widened moves
 * routes elsewhere too.
 */
export function widerIsBetter(equal: Faults, wider: Faults): boolean {
  return wider.labels < equal.labels && wider.crossings <= equal.crossings && wider.nearSymbol <= equal.nearSymbol && wider.offLane <= equal.offLane;
}

/** The layout on columns `cols` (and, when asked, what the quality report would count in it). */
function drawSop(model: SopModel, options: LayoutOptions, p: Paper, headers: HeaderWords, footer: number, cols: Columns, faults = false): { lay: SopLayout; faults?: Faults } {
  const laneCount = Math.max(1, model.lanes.length);
  const known = fittedFor(cols);
  const header = known?.header ?? headerLayout(model, cols, headers);
  const sym = symbolSize(cols.lane);
  const lefts = laneLefts(cols, laneCount);
  const centers = Array.from({ length: laneCount }, (_, i) => Math.round((lefts[i]! + lefts[i + 1]!) / 2));
  const hc = coreHeight(sym.h, cols.lane);
  const symTop = CORE.top;
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

  // ---- pages and rows ----
  const { pages: pageSteps, heights } = paginate(model, p, cols, sym.h, {
    headerHeight: header.height,
    footerHeight: footer,
    ...(options.maxRowsPerPage !== undefined ? { maxRows: options.maxRowsPerPage } : {}),
    ...(options.measured ? { measured: options.measured } : {}),
    ...(options.unpaginated ? { unpaginated: true } : {}),
    ...(known ? { estimated: known.heights } : {}),
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
  /** The step rows with their symbols and multi-lane joins, before any flow is drawn (of `pages` only: the others empty). */
  const freshRows = (pages?: ReadonlySet<number>): RowBuilder[][] => {
    const stepRows: RowBuilder[][] = pageSteps.map((steps, pi) => (pages && !pages.has(pi) ? [] : steps.map((s) => newRow('step', s, heights[s]!, hc))));
    stepRows.forEach((rows) => {
      for (const row of rows) {
        const s = model.steps[row.step! - 1]!;
        const lanes = stepLanes(s.number);
        for (const li of lanes) row.core.symbols.push({ kind: s.symbol, x: centers[li]!, y: symMid, step: s.number, lane: laneIdAt(li) });
        for (let i = 0; i + 1 < lanes.length; i++) {
          const a = lanes[i]!;
          const b = lanes[i + 1]!;
          row.core.pieces.push(piece(centers[a]! + sym.w / 2, symMid, centers[b]! - sym.w / 2, symMid, s.number, s.number, false));
        }
      }
    });
    return stepRows;
  };
  const outgoing = outgoingEdges(model);
  const incoming = incomingEdges(model, outgoing);
  const slantCache = new Map<string, SlantQuery>();
  /** A router of these pages (all when not given); `bottom`: every branch to the next step leaves the bottom. */
  const routeOn = (pages?: ReadonlySet<number>, bottom = false): Router => (first, longestFirst = false, bottomFirst = false, bottomSteps, siblingSteps) => {
    const stepRows = freshRows(pages);
    const out = routeFlows({
      model,
      slantCache,
      laneCount,
      laneWidth: cols.lane,
      lanesWidth: cols.lanes,
      laneLefts: lefts,
      sym,
      centers,
      hc,
      symTop,
      connectorRowHeight: CONNECTOR_ROW,
      pageSteps,
      pageOf,
      rowOf,
      stepRows,
      lanesOf: stepLanes,
      laneId: laneIdAt,
      outgoing,
      incoming,
      newRow,
      ...(pages ? { pages } : {}),
      ...(first ? { first } : {}),
      ...(longestFirst ? { longestFirst } : {}),
      ...(bottomFirst || bottom ? { bottomFirst: true } : {}),
      ...(bottomSteps ? { bottomSteps } : {}),
      ...(siblingSteps ? { siblingSteps } : {}),
    });
    return { stepRows, out };
  };
  const faultsIn = { laneLefts: lefts, lanesOf: stepLanes, sym };
  const ctx: RouteContext = { model, stepLanes, laneIdAt, faultsIn };
  let stepRows: RowBuilder[][];
  let connRows: RouteOutput['connectorRows'];
  if (model.steps.length < PAGED_STEPS || pageSteps.length === 1) {
    // Routed whole: a short procedure, or every step on one sheet (the SVG's unpaginated layout, as wide as a page
    // and as long as the procedure): from SIDES_STEPS steps on, from the bottom and once (a second routing of the
    // whole sheet to compare would double its cost).
    const best = bestRouting(routeOn(undefined, model.steps.length >= SIDES_STEPS), model.steps.length, false, ctx);
    stepRows = best.stepRows;
    connRows = best.out.connectorRows;
  } else {
    // Page by page (PAGED_STEPS steps on): every flow is routed on its pages, a flow across pages on each of its
    // two, each half from the same points whatever the other page's routes (route.ts RouteInput.pages); so each
    // page is routed, re-tried and judged alone, as a short procedure is, and the re-tries cost what the pages
    // with crossings or faults cost, not the whole procedure each time. The pages are put together and their
    // connectors lettered again in reading order.
    stepRows = [];
    const rows: { top: RowBuilder | null; bottom: RowBuilder | null }[] = [];
    pageSteps.forEach((steps, pi) => {
      const best = bestRouting(routeOn(new Set([pi])), steps.length, true, ctx);
      stepRows.push(best.stepRows[pi]!);
      rows.push(best.out.connectorRows[pi]!);
    });
    letterConnectors(rows);
    connRows = rows;
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

  const lay: SopLayout = { paper: p, columns: cols, header, symbol: sym, laneCount, laneCenters: centers, pages };
  return faults ? { lay, faults: drawingFaults(faultsIn, stepRows, connRows) } : { lay };
}

/** The flows arriving at each step (by number), in the order of `outgoing`. */
function incomingEdges(model: SopModel, outgoing: readonly (readonly FlowEdge[])[]): FlowEdge[][] {
  const incoming: FlowEdge[][] = [[]];
  for (const s of model.steps) incoming[s.number] = [];
  for (const s of model.steps) for (const e of outgoing[s.number]!) if (typeof e.to === 'number') incoming[e.to]?.push(e);
  return incoming;
}

/** What the tries of one layout judge by: the model, each step's lanes and the lanes' ids, the frame of the faults. */
interface RouteContext {
  readonly model: SopModel;
  readonly stepLanes: (n: number) => readonly number[];
  readonly laneIdAt: (i: number) => string;
  readonly faultsIn: Parameters<typeof drawingFaults>[0];
}

/**
 * The routing kept of the tries of one router (the whole procedure, or one page of it, `paged`): fewer crossings,
 * the re-routes of a finished first try (reroute), connectors off their lanes. `steps`: how many steps the router
 * routes (fewer tries when they are many).
 */
function bestRouting(route: Router, steps: number, paged: boolean, ctx: RouteContext): RouteTry {
  const { stepLanes, laneIdAt, faultsIn } = ctx;
  // A page of a long procedure gets one re-try of each kind when arrows cross (route/tries.ts bestTry): three cost
  // its pages with crossings ~50 % more routings and drew them no better (generated 200- and 1000-step procedures).
  const trySteps = paged ? PAGED_TRY_STEPS : steps;
  // Fewer crossings: route again while arrows cross, keep the best try (route/tries.ts).
  let best = bestTry(trySteps, (first, longestFirst) => route(first, longestFirst));
  best = reroute(ctx, steps, trySteps, paged, best, route);
  // Connectors outside their step's lanes (issue 20 item 2) whose flows were routed after flows that took the way
  // to their lanes (their jogs would cross those flows' arrivals): routed again with those flows first, kept when
  // fewer connectors are outside, nothing else the quality report counts gets worse and the arrows are no longer in
  // all (a connector reached by a detour across the page is no better: a loop across pages at 11 lanes on A4 would
  // put all its connectors in their lanes with 23 cm more arrow). One routing more, for routers of fewer than
  // PARTIAL_STEPS steps (a 100-step procedure at 8 lanes routed whole would lay out ~35 % slower in the editor's preview).
  if (steps < PARTIAL_STEPS) {
    const off = offLaneFlows(best.out, stepLanes, laneIdAt);
    if (off.size > 0) {
      const faultsOf = (t: typeof best): Faults & { overlaps: number; length: number } => ({
        ...drawingFaults(faultsIn, t.stepRows, t.out.connectorRows),
        overlaps: drawnOverlaps(t.stepRows, t.out.connectorRows),
        length: drawnLength(t.stepRows, t.out.connectorRows),
      });
      best.out.finish();
      const was = faultsOf(best);
      const t = route(off);
      t.out.finish();
      const now = faultsOf(t);
      if (now.offLane < was.offLane && now.crossings <= was.crossings && now.labels <= was.labels && now.nearSymbol <= was.nearSymbol && now.overlaps <= was.overlaps && now.length <= was.length + 0.5)
        best = t;
    }
  }
  // The try kept gets its labels (the re-routes only placed their connectors to be counted).
  best.out.finish();
  return best;
}

/** One routing of every flow: the step rows drawn and what the router says of them. */
interface RouteTry {
  stepRows: RowBuilder[][];
  out: RouteOutput;
}

/** A routing with these choices (route.ts): flows first, longest first, branches from the bottom, which steps. */
type Router = (
  first?: ReadonlySet<number>,
  longestFirst?: boolean,
  bottomFirst?: boolean,
  bottomSteps?: ReadonlySet<number>,
  siblingSteps?: ReadonlySet<number>,
) => RouteTry;

/** The re-routes of a finished first try: side spares, crossing narrow-lane decisions, jogs on top of each other. */
function reroute(ctx: RouteContext, steps: number, trySteps: number, paged: boolean, first0: RouteTry, route: Router): RouteTry {
  const { model, stepLanes, laneIdAt } = ctx;
  let best = first0;
  // A page of a long procedure is routed once for each of these choices, not re-tried (route/tries.ts bestTry):
  // re-tries drew generated 100- to 1000-step procedures no better, at ~40 % more routings.
  const again = (r: (first?: ReadonlySet<number>, longestFirst?: boolean) => RouteTry): RouteTry => {
    if (!paged) return bestTry(trySteps, r);
    const t = r();
    t.out.connect();
    return t;
  };
  // A decision whose side found no free track runs 1.5 px from another arrow: its branch leaves the bottom instead,
  // when that crosses no more (a page loop at 8-9 lanes on A4 ran 0-0.6 mm along the loop back to step 3), or
  // when its spare track left two jogs to connectors on one level.
  if (best.out.sideSpares.length > 0) {
    const bottomSteps = new Set(best.out.sideSpares);
    const retry = again((first, longestFirst) => route(first, longestFirst, false, bottomSteps));
    // Two jogs drawn on top of each other read as one arrow: worse than a crossing.
    const overlaps = drawnOverlaps(best.stepRows, best.out.connectorRows);
    const fewer = drawnOverlaps(retry.stepRows, retry.out.connectorRows) - overlaps;
    if (fewer < 0 || (fewer === 0 && drawnCrossings(retry.stepRows, retry.out.connectorRows) <= drawnCrossings(best.stepRows, best.out.connectorRows))) best = retry;
  }
  // Narrow-lane decisions that left by their sides (route/points.ts sidesOnly) but made arrows cross, counted on the
  // finished drawing (the jogs to off-page connectors are placed last). First the crossing decisions alone keep
  // their sides, their other branch leaving away from the next step (route/points.ts siblingSide); then one of them
  // leaves by the bottom (each, when they are few), then all of them: the others keep their sides and clear labels
  // (a page loop at 10 lanes crossed once, and all five decisions printed "Tidak" beside the Ya run). Such a try is
  // kept when it crosses fewer and puts no more arrows on top of each other and no more connectors outside their
  // step's lanes, or crosses as few with fewer so. Last, every such branch down from the bottom when that crosses
  // fewer (its labels may then be ambiguous), and each decision back to its sides when that costs nothing.
  // A page of a long procedure whose crossings no decision leaving by its sides takes part in (a loop crosses
  // another) keeps its sides: routing them otherwise would not remove those crossings, and costs a routing each.
  const sidesCross = (t: RouteTry): boolean => {
    const steps = crossingSteps(t.stepRows, t.out.connectorRows);
    return t.out.sideSteps.some((d) => steps.has(d));
  };
  if (best.out.bySide > 0 && (!paged || sidesCross(best))) {
    let n = drawnCrossings(best.stepRows, best.out.connectorRows);
    // The tries of the crossing decisions alone: for procedures under PARTIAL_STEPS steps only.
    const crossing = n > 0 && steps < PARTIAL_STEPS ? crossingSteps(best.stepRows, best.out.connectorRows) : null;
    const spares = new Set(best.out.sideSpares);
    const overlaps = drawnOverlaps(best.stepRows, best.out.connectorRows);
    let off = connectorsOffLane(best.out.connectorRows, stepLanes, laneIdAt);
    const first = best;
    const better = (t: typeof best): void => {
      const m = drawnCrossings(t.stepRows, t.out.connectorRows);
      if (m > n || drawnOverlaps(t.stepRows, t.out.connectorRows) > overlaps) return;
      const o = connectorsOffLane(t.out.connectorRows, stepLanes, laneIdAt);
      if (o > off || (m === n && (o === off || best === first))) return;
      [best, n, off] = [t, m, o];
    };
    if (crossing) better(again((first, longestFirst) => route(first, longestFirst, false, spares, crossing)));
    const decisions = crossing ? [...crossing].filter((s) => model.steps[s - 1]?.symbol === 'decision') : [];
    if (decisions.length > 1 && decisions.length <= 3)
      for (const d of decisions) if (n > 0 || off > 0) better(again((first, longestFirst) => route(first, longestFirst, false, new Set([...spares, d]))));
    if (decisions.length > 0 && n > 0) {
      const bottomSteps = new Set([...spares, ...decisions]);
      better(again((first, longestFirst) => route(first, longestFirst, false, bottomSteps)));
    }
    if (n > 0) {
      const plain = again((first, longestFirst) => route(first, longestFirst, true));
      const m = drawnCrossings(plain.stepRows, plain.out.connectorRows);
      if (m < n) {
        best = plain;
        // Each decision back to its sides, one at a time (one routing each, not re-tried), when that crosses,
        // overlaps and strays no more: its "Tidak" then not beside the Ya run (a generated 40-step procedure at 8
        // lanes: 9 ambiguous labels, then 2).
        if (crossing) {
          const bottom = new Set(first.out.sideSteps);
          let ov = drawnOverlaps(plain.stepRows, plain.out.connectorRows);
          let o = connectorsOffLane(plain.out.connectorRows, stepLanes, laneIdAt);
          for (const d of first.out.sideSteps) {
            bottom.delete(d);
            const t = route(undefined, false, false, new Set(bottom));
            t.out.connect();
            const tc = drawnCrossings(t.stepRows, t.out.connectorRows);
            const tov = drawnOverlaps(t.stepRows, t.out.connectorRows);
            const to = connectorsOffLane(t.out.connectorRows, stepLanes, laneIdAt);
            if (tc <= m && tov <= ov && to <= o) [best, ov, o] = [t, tov, to];
            else bottom.add(d);
          }
        }
      }
    }
  }
  // Jogs drawn on top of each other (the drawing contract forbids them: a flow then reads as another), left when a
  // connector row has more connectors than its lanes hold under their tracks: routed again longest first (the long
  // loops take the outer tracks, their connectors no longer packed past the others'), by the sides, then from the
  // bottom; kept when it overlaps less and crosses no more (a page loop at 11 lanes on A4: 2 overlaps and 3
  // crossings, then no overlap and 1 crossing).
  let overlaps = drawnOverlaps(best.stepRows, best.out.connectorRows);
  if (overlaps > 0) {
    const crossings = drawnCrossings(best.stepRows, best.out.connectorRows);
    for (const bottomFirst of [false, true]) {
      const t = route(undefined, true, bottomFirst);
      t.out.connect();
      const o = drawnOverlaps(t.stepRows, t.out.connectorRows);
      if (o < overlaps && drawnCrossings(t.stepRows, t.out.connectorRows) <= crossings) [best, overlaps] = [t, o];
      if (overlaps === 0) break;
    }
  }
  return best;
}

/** The length of every arrow drawn, px (a piece over a whole row: the row's core height). */
function drawnLength(stepRows: readonly (readonly RowBuilder[])[], connectorRows: RouteOutput['connectorRows']): number {
  let n = 0;
  for (const row of [...stepRows.flat(), ...connectorRows.flatMap((c) => [c.top, c.bottom])])
    if (row)
      for (const p of row.core.pieces)
        n += Math.abs(p.x2 - p.x1) + (typeof p.y1 === 'number' && typeof p.y2 === 'number' ? Math.abs(p.y2 - p.y1) : row.core.height);
  return n;
}

/** The flows (numbered as RouteInput.first) whose connectors sit outside their step's lanes. */
function offLaneFlows(out: RouteOutput, lanesOf: (step: number) => readonly number[], laneId: (lane: number) => string): Set<number> {
  const set = new Set<number>();
  for (const c of out.connectorRows)
    for (const row of [c.top, c.bottom])
      if (row)
        for (const s of row.core.symbols)
          if (s.kind === 'connector' && !lanesOf(s.step).some((l) => laneId(l) === s.lane)) {
            const i = out.others.findIndex((e) => e.from === s.from && e.to === s.to);
            if (i >= 0) set.add(i);
          }
  return set;
}

/**
 * From this many steps on, narrow-lane decisions are not routed by their sides (route/points.ts sidesOnly) when the
 * procedure is drawn on one sheet (drawSop), and widened decision lanes are not judged (layoutSop).
 */
const SIDES_STEPS = 150;

/** From this many steps on, a procedure is routed page by page (drawSop). */
const PAGED_STEPS = 60;

/** A page of a long procedure re-tries as a procedure of this many steps would (route/tries.ts bestTry: once). */
const PAGED_TRY_STEPS = 300;

/**
 * From this many steps on, narrow-lane decisions whose sides made arrows cross all leave by the bottom at once, as
 * before the partial tries (a 100-step procedure at 8 lanes would route 16 times instead of 8, ~25 ms more on
 * each keystroke of the editor's preview).
 */
const PARTIAL_STEPS = 60;

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

/** The table's columns for `model` on paper `p`: the first guess from the content, then searched for the shortest procedure. */
function layoutColumns(model: SopModel, p: Paper, headers: HeaderWords, footer: number, maxRows?: number, widen = false): Columns {
  const laneCount = Math.max(1, model.lanes.length);
  const content = {
    laneTitles: model.lanes.map((l) => plainText(l.title)),
    kelengkapan: model.steps.map((s) => plainText(s.kelengkapan)),
    waktu: model.steps.map((s) => s.waktu?.text ?? ''),
    output: model.steps.map((s) => plainText(s.output)),
    keterangan: model.steps.map((s) => plainText(s.keterangan)),
    kegiatan: model.steps.map((s) => plainText(s.text)),
    headers,
    steps: model.steps.length,
  };
  const guess = columns(p, laneCount, content);
  // Width moved between the columns while the estimated procedure gets shorter (fill.ts); the same with or
  // without measured heights, so that the PDF's measuring pass and its print agree.
  const mutu = mutuLimits(guess.table, content);
  return fillColumns(model, p, guess, {
    headers,
    texts: content,
    footerHeight: footer,
    kegiatanFloor: Math.min(guess.kegiatan, kegiatanFloor(guess.table, laneCount)),
    // From 9 lanes Kegiatan may give up to 17 % of the table so that the symbols stay 7 mm wide.
    kegiatanLeast: Math.min(guess.kegiatan, laneCount >= 9 ? Math.ceil(guess.table * 0.17) : kegiatanFloor(guess.table, laneCount)),
    mutuFloor: {
      kelengkapan: Math.min(guess.kelengkapan, mutu.kelengkapan.min),
      waktu: Math.min(guess.waktu, mutu.waktu.min),
      output: Math.min(guess.output, mutu.output.min),
      keterangan: Math.min(guess.keterangan, mutu.keterangan.min),
    },
    ...(maxRows !== undefined ? { maxRows } : {}),
    ...(loopedDecision(model)
      ? {
          decisionLane: { lane: DECISION_LANE, least: Math.max(Math.ceil(guess.table * DECISION_KEGIATAN), longestPiece(content.kegiatan, FONT.sizePx) + 2 * FONT.cellPadX + 1) },
          ...(widen ? { decisionLanes: loopedDecisionLanes(model) } : {}),
        }
      : {}),
  });
}

/** The lanes (index: how many) of the decisions met by more than one arrow (loopedDecision). */
function loopedDecisionLanes(model: SopModel): Map<number, number> {
  const arriving = arrivals(model);
  const index = new Map(model.lanes.map((l, i) => [l.id, i]));
  const out = new Map<number, number>();
  for (const s of model.steps) {
    if (s.symbol !== 'decision' || (arriving.get(s.number) ?? 0) <= 1) continue;
    for (const id of new Set(s.lanes)) {
      const i = index.get(id);
      if (i !== undefined) out.set(i, (out.get(i) ?? 0) + 1);
    }
  }
  return out;
}

/**
 * Whether a decision is met by more than one arrow (one from above and a loop back into it): with Ya and Tidak
 * leaving, every vertex carries an arrow and "Tidak" is owned only in lanes of DECISION_LANE (geometry.ts).
 */
function loopedDecision(model: SopModel): boolean {
  const arriving = arrivals(model);
  return model.steps.some((s) => s.symbol === 'decision' && (arriving.get(s.number) ?? 0) > 1);
}

/** How many arrows arrive at each step (by number). */
function arrivals(model: SopModel): Map<number, number> {
  const arriving = new Map<number, number>();
  for (const e of model.edges) if (typeof e.to === 'number') arriving.set(e.to, (arriving.get(e.to) ?? 0) + 1);
  return arriving;
}

/** Symbols narrower than this are hard to read in print (issue 20: at least 7 mm at 9-10 lanes). */
export const MIN_SYMBOL_MM = 7;

/**
 * Symbols under 7 mm on `paperName` (too many lanes for the paper): their width, and the first other paper on
 * which they would reach 7 mm (null if none), for a warning at build time. Null when the symbols are wide enough.
 */
export function smallSymbols(model: SopModel, paperName: PaperSize = 'A4', headers: HeaderWords = DEFAULT_HEADERS): { lanes: number; mm: number; better: { paper: PaperSize; mm: number } | null } | null {
  if (model.lanes.length < 2 || model.steps.length === 0) return null;
  const mmOn = (name: PaperSize): number => symbolSize(columnsOn(model, name, headers).lane).w / PX_PER_MM;
  const mm = mmOn(paperName);
  if (mm >= MIN_SYMBOL_MM) return null;
  let better: { paper: PaperSize; mm: number } | null = null;
  for (const other of PAPER_SIZES) {
    if (other === paperName) continue;
    const m = mmOn(other);
    if (m >= MIN_SYMBOL_MM && (!better || m < better.mm)) better = { paper: other, mm: m };
  }
  return { lanes: model.lanes.length, mm, better };
}

/** The columns `model` would get on paper `name` (widened decision lanes when `widen`), without drawing it. */
function columnsOn(model: SopModel, name: PaperSize, headers: HeaderWords, widen = false): Columns {
  const p = paperOf(name);
  const footer = footerHeight(timingLine(model.timing, model.steps), contentBox(p).width);
  return layoutColumns(model, p, headers, footer, undefined, widen);
}

/**
 * Decisions met by two arrows whose lane stays narrower than DECISION_LANE on `paperName` (too many lanes, too
 * little room to widen theirs: their "Tidak" may read as another arrow's, docs/drawing-contract.md), the
 * narrowest such lane in mm, the first other paper whose columns widen all of them (null if none) with the same
 * `laneWidths`, and, when lanes are equal, whether `laneWidths: "decisions"` would give them all their room on
 * this paper, for a warning at build time. Null when every such decision has its room.
 */
export function crampedDecisions(
  model: SopModel,
  paperName: PaperSize = 'A4',
  headers: HeaderWords = DEFAULT_HEADERS,
  mode: 'equal' | 'decisions' = 'equal',
): { decisions: number; mm: number; better: PaperSize | null; widen: boolean } | null {
  if (model.steps.length === 0 || !loopedDecision(model)) return null;
  const needy = loopedDecisionLanes(model);
  const cramped = (cols: Columns): { decisions: number; px: number } => {
    const widths = laneWidths(cols, Math.max(1, model.lanes.length));
    let decisions = 0;
    let px = Infinity;
    for (const [lane, n] of needy)
      if (widths[lane]! < DECISION_LANE) {
        decisions += n;
        px = Math.min(px, widths[lane]!);
      }
    return { decisions, px };
  };
  // Equal lanes are the columns alone; widened ones are kept only when the drawing is better for it (layoutSop).
  const here = cramped(mode === 'equal' ? columnsOn(model, paperName, headers) : layoutSop(model, { paper: paperName, headers, laneWidths: mode }).columns);
  if (here.decisions === 0) return null;
  let better: PaperSize | null = null;
  for (const other of PAPER_SIZES) {
    if (other === paperName || better) continue;
    if (cramped(columnsOn(model, other, headers, mode === 'decisions')).decisions === 0) better = other;
  }
  const widen = mode === 'equal' && cramped(layoutSop(model, { paper: paperName, headers, laneWidths: 'decisions' }).columns).decisions === 0;
  return { decisions: here.decisions, mm: here.px / PX_PER_MM, better, widen };
}
