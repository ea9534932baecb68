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
import { CLEAR_LANE, DECISION_KEGIATAN, DECISION_LANE, FONT, PX_PER_MM, ROUTABLE_LANE, columns, contentBox, kegiatanFloor, laneLefts, laneWidths, longestPiece, mutuLimits, paper as paperOf, symbolSize, type Columns, type Paper } from './geometry.js';
import { fillColumns, fittedFor, printedPagination, unwidenedOf } from './fill.js';
import { textWidth } from './font-metrics.js';
import { topRowHeights } from './top-rows.js';
import { bottomRows, CONNECTOR_ROW, CORE, coreHeight, headerLayout, NARROW_LANE, paginate, type MeasuredHeights } from './paginate.js';
import { routeFlows, type RouteOutput, type RowBuilder } from './route.js';
import { letterConnectors } from './route/connectors.js';
import type { SlantQuery } from './route/state.js';
import { drawingFaults, type Faults } from './route/faults.js';
import { estimatedPages, floorColumns, floorFrame, type FloorInput } from './decision-floor.js';
import { ROOM_KEGIATAN, knownRoom, roomColumns, roomMayWiden } from './label-room.js';
import { bestRouting, newRouterState, sharedRoutings, type RouteContext, type Router, type RouterState } from './layout-tries.js';
import type { PageLayout, Piece, RowLayout, SopLayout, Y } from './types.js';
import { KeyedMemo } from '../util/keyed-memo.js';

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
  // With or without the decision lanes' floor, the fewer pages when that draws no worse (decision-floor.ts; drawn
  // already on the estimate when both had to be: then the one kept is the layout asked for).
  const floorIn = floorInput(model, options, p, headers, footer);
  const fit = floorColumns(floorIn);
  const cols = fit.cols;
  const drawn = fit.lay && !options.measured && !options.unpaginated ? fit.lay : null;
  // Equal lanes too narrow for a decision's label: a few px wider when that draws it owned (label-room.ts).
  if (model.steps.length < SIDES_STEPS && roomMayWiden(model, cols)) return roomLayout(floorIn, fit, options, p, headers, footer);
  // Decision lanes widened (fill.ts widenDecisionLanes): kept when the drawing is better for it, judged once on the
  // estimated pages (so that the PDF's measuring pass and its print take the same columns). Long procedures
  // (SIDES_STEPS on) keep them unjudged: a second drawing would double their cost on every keystroke in the preview.
  if (!cols.widths || model.steps.length >= SIDES_STEPS) return drawn ?? drawSop(model, options, p, headers, footer, cols).lay;
  const key = `${p.name}\u0000${options.maxRowsPerPage ?? ''}\u0000${JSON.stringify(headers)}`;
  // Widened lanes kept by decision-floor.ts were judged there against the floor's: those are printed.
  if (fit.lay) widened.set(model, key, cols);
  if (drawn) return drawn;
  let chosen = widened.get(model, key);
  if (chosen === undefined) {
    const plain = unwidenedOf(cols) ?? layoutColumns(model, p, headers, footer, options.maxRowsPerPage, false);
    const base = { ...(options.maxRowsPerPage !== undefined ? { maxRowsPerPage: options.maxRowsPerPage } : {}), laneWidths: 'decisions' as const };
    const a = drawSop(model, base, p, headers, footer, plain, true);
    const b = drawSop(model, base, p, headers, footer, cols, true);
    const keep = widerIsBetter(a.faults!, b.faults!, { equal: a.lay.pages.length, wider: b.lay.pages.length });
    chosen = keep ? cols : plain;
    widened.set(model, key, chosen);
    // Drawn on the estimate already: the one kept is the layout asked for.
    if (!options.measured && !options.unpaginated) return keep ? b.lay : a.lay;
  }
  return drawSop(model, options, p, headers, footer, chosen).lay;
}

/**
 * The layout on the columns label-room.ts keeps for equal lanes too narrow for a decision's label: chosen once on the
 * estimated pages (the PDF's measuring pass and its print take the same), drawn again only when measured or on one sheet.
 */
function roomLayout(floorIn: FloorInput, fit: ReturnType<typeof floorColumns>, options: LayoutOptions, p: Paper, headers: HeaderWords, footer: number): SopLayout {
  const model = floorIn.model;
  const estimate = !options.measured && !options.unpaginated;
  const room = roomOf(floorIn, fit.cols, p, headers, footer, options.maxRowsPerPage);
  const known = knownRoom(room);
  if (known) return estimate && fit.lay && known === fit.cols ? fit.lay : drawSop(model, options, p, headers, footer, known).lay;
  const r = roomColumns({ ...room, ...(fit.lay && fit.faults ? { drawn: { lay: fit.lay, faults: fit.faults } } : {}), draw: floorIn.draw });
  return estimate ? r.lay : drawSop(model, options, p, headers, footer, r.cols).lay;
}

/** What label-room.ts needs to know the columns of `cols` with lanes wider, without drawing. */
function roomOf(floorIn: FloorInput, cols: Columns, p: Paper, headers: HeaderWords, footer: number, maxRows?: number): Parameters<typeof knownRoom>[0] {
  return { model: floorIn.model, key: floorIn.key, cols, columns: (lane) => layoutColumns(floorIn.model, p, headers, footer, maxRows, false, false, lane), pages: floorIn.pages };
}

/** A table before any step is placed: its paper, columns, header and symbol size, as layoutSop gives them. */
export type TableFrame = Pick<SopLayout, 'paper' | 'columns' | 'header' | 'symbol'>;

/**
 * The frame layoutSop would give `model`, without placing a step or routing a flow (what the page-fit check needs,
 * page/build.ts pageOverflow: the editor runs it after each edit). Null when the columns are chosen by drawing
 * (widened decision lanes are kept only when the drawing is better for it; lanes without the decision lanes' floor
 * when they save a page and draw no worse, decision-floor.ts): then only the layout itself knows them.
 */
export function tableFrame(model: SopModel, options: LayoutOptions = {}): TableFrame | null {
  const p = paperOf(options.paper);
  const headers = options.headers ?? DEFAULT_HEADERS;
  const footer = footerHeight(timingLine(model.timing, model.steps), contentBox(p).width);
  const floorIn = floorInput(model, options, p, headers, footer);
  const floored = floorFrame(floorIn);
  // Lanes a label may widen (label-room.ts) are known once drawn.
  const cols = floored && model.steps.length < SIDES_STEPS ? knownRoom(roomOf(floorIn, floored, p, headers, footer, options.maxRowsPerPage)) : floored;
  if (!cols || (cols.widths && model.steps.length < SIDES_STEPS)) return null;
  return { paper: p, columns: cols, header: fittedFor(cols)?.header ?? headerLayout(model, cols, headers), symbol: symbolSize(cols.lane) };
}

/**
 * What decision-floor.ts needs to choose the columns with or without the decision lanes' floor: both drawn on the
 * estimated pages, as the widened lanes are judged (the one kept with widened lanes is the one printed).
 */
function floorInput(model: SopModel, options: LayoutOptions, p: Paper, headers: HeaderWords, footer: number): FloorInput {
  const widen = options.laneWidths === 'decisions';
  const maxRows = options.maxRowsPerPage;
  const base = { ...(maxRows !== undefined ? { maxRowsPerPage: maxRows } : {}), ...(widen ? { laneWidths: 'decisions' as const } : {}) };
  return {
    model,
    key: `${p.name}\u0000${maxRows ?? ''}\u0000${JSON.stringify(headers)}\u0000${widen}`,
    floored: layoutColumns(model, p, headers, footer, maxRows, widen),
    bare: () => layoutColumns(model, p, headers, footer, maxRows, widen, false),
    pages: (cols) => estimatedPages(model, p, cols, headers, footer, maxRows),
    draw: (cols) => {
      const d = drawSop(model, base, p, headers, footer, cols, true);
      return { lay: d.lay, faults: d.faults! };
    },
  };
}

/** Per model and paper: the columns kept, widened or not. */
const widened = new KeyedMemo<SopModel, Columns>();

/**
 * Widened decision lanes are kept when fewer labels are ambiguous or near a border and nothing else the quality
 * report counts gets worse (crossings, arrows near a symbol, connectors off their lane): a lane widened moves
 * routes elsewhere too. A connector more outside its lane is no reason to keep arrows that cross (issue 20: no
 * avoidable crossing before a connector in its lane): wider lanes with fewer crossings are kept all the same.
 * On more pages (`pages`: equal's and wider's), only for fewer labels that can be misread (ambiguous): a label
 * placed further along its run in equal lanes, unambiguous but more than 3 mm from its vertex (route/label-far.ts
 * farLabels), is not worth a page (a generated 40-step procedure at 10 lanes on A4: 4 pages, 5 widened).
 */
export function widerIsBetter(equal: Faults, wider: Faults, pages?: { equal: number; wider: number }): boolean {
  if (pages && pages.wider > pages.equal && !(wider.ambiguous < equal.ambiguous)) return false;
  return wider.labels < equal.labels && wider.crossings <= equal.crossings && wider.nearSymbol <= equal.nearSymbol && (wider.offLane <= equal.offLane || wider.crossings < equal.crossings);
}

/** The layout on columns `cols` (and, when asked, what the quality report would count in it; `faults` a set: it gets the step of each label counted, drawingFaults `faulty`). */
function drawSop(model: SopModel, options: LayoutOptions, p: Paper, headers: HeaderWords, footer: number, cols: Columns, faults: boolean | Set<number> = false): { lay: SopLayout; faults?: Faults } {
  const laneCount = Math.max(1, model.lanes.length);
  const known = fittedFor(cols);
  const header = known?.header ?? headerLayout(model, cols, headers);
  const sym = symbolSize(cols.lane);
  const lefts = laneLefts(cols, laneCount);
  const centers = Array.from({ length: laneCount }, (_, i) => Math.round((lefts[i]! + lefts[i + 1]!) / 2));
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
    ...(known ? { estimated: known.heights } : {}), ...(cols.lane < NARROW_LANE ? { roomy: topRowHeights(model, cols.lane, sym.h) } : {}),
  });
  // The core band, its symbols lower in narrow lanes when every row is taller than that anyway (topRoom).
  const above = topRoom(model, cols.lane, options.unpaginated === true, coreHeight(sym.h, cols.lane), heights);
  const hc = coreHeight(sym.h, cols.lane) + above;
  const symTop = CORE.top + above;
  const symMid = symTop + sym.h / 2;
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
  // Each page's bottom connector row height (paginate.ts bottomRows), the same for every routing.
  const bottomRowHeight = bottomRows(model, pageSteps);
  /** A router of these pages (all when not given); `bottom`: every branch to the next step leaves the bottom. Its state
   * (`tries`: the decisions sending their branch back from the top, the sidesWide try) is its own: each page of a long
   * procedure is tried alone (layout-tries.ts bestRouting). */
  const routeOn = (pages: ReadonlySet<number> | undefined, bottom: boolean, tries: RouterState): Router => {
    const route: Router = (first, longestFirst = false, bottomFirst = false, bottomSteps, siblingSteps, otherRow, usualRow) => {
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
        bottomRowHeight,
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
        ...(tries.tops ? { topSteps: tries.tops } : {}),
        ...(tries.downs ? { downSteps: tries.downs } : {}), ...(tries.ins ? { inSteps: tries.ins } : {}), ...(tries.away ? { awaySteps: tries.away } : {}), ...(tries.lateEnds ? { lateEnds: tries.lateEnds } : {}),
        ...(tries.wide ? { sidesWide: true } : {}),
        ...(tries.early ? { earlySteps: tries.early } : {}),
        ...(tries.sides ? { laneSides: tries.sides } : {}),
        ...(otherRow ? { otherRow } : {}),
        ...(usualRow ? { usualRow } : {}),
      });
      return {
        stepRows,
        out,
        again: (halves) => route(first, longestFirst, bottomFirst, bottomSteps, siblingSteps, halves, usualRow),
        inRows: (halves) => route(first, longestFirst, bottomFirst, bottomSteps, siblingSteps, otherRow, halves),
        reordered: (f, longest) => route(f, longest, bottomFirst, bottomSteps, siblingSteps, otherRow, usualRow),
      };
    };
    return sharedRoutings(route, tries, bottom);
  };
  const faultsIn = { laneLefts: lefts, lanesWidth: cols.lanes, lanesOf: stepLanes, sym };
  const ctx: RouteContext = { model, stepLanes, laneIdAt, faultsIn };
  let stepRows: RowBuilder[][];
  let connRows: RouteOutput['connectorRows'];
  if (model.steps.length < PAGED_STEPS || pageSteps.length === 1) {
    // Routed whole: a short procedure, or every step on one sheet (the SVG's unpaginated layout, as wide as a page and as
    // long as the procedure): from SIDES_STEPS steps on, from the bottom and once (a second routing of the whole sheet to
    // compare would double its cost, paid on every keystroke in the editor's preview), without the decisions' sides' tries.
    const sides = model.steps.length < SIDES_STEPS;
    const tries = newRouterState();
    const best = keptDrawing(bestRouting(routeOn(undefined, !sides, tries), tries, model.steps.length, false, sides, ctx));
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
      const tries = newRouterState();
      const best = keptDrawing(bestRouting(routeOn(new Set([pi]), false, tries), tries, steps.length, true, true, ctx));
      stepRows.push(best.stepRows[pi]!);
      rows.push(best.out.connectorRows[pi]!);
    });
    letterConnectors(rows);
    connRows = rows;
  }
  const lay: SopLayout = { paper: p, columns: cols, header, symbol: sym, laneCount, laneCenters: centers, pages: pagesOf(pageSteps, stepRows, connRows) };
  return faults ? { lay, faults: drawingFaults(faultsIn, stepRows, connRows, undefined, faults instanceof Set ? faults : undefined) } : { lay };
}

/**
 * The routing the tries chose, its connectors walled out of their lanes brought in (RouteOutput.crossIn), its
 * arrowheads over a corner cleared where a trade of tracks harms nothing (RouteOutput.clearHeads), its labels owned
 * by no place near their vertex moved further along (RouteOutput.farLabels).
 */
function keptDrawing<T extends { out: RouteOutput }>(best: T): T {
  best.out.crossIn();
  best.out.clearHeads();
  best.out.farLabels();
  return best;
}

/** The pages of a finished drawing: each page's top connector row, its step rows, its bottom connector row. */
function pagesOf(pageSteps: readonly (readonly number[])[], stepRows: readonly (readonly RowBuilder[])[], connRows: RouteOutput['connectorRows']): PageLayout[] {
  return pageSteps.map((steps, pi) => {
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
}

/**
 * How much deeper the core band is over its symbols: TOP_ROOM in narrow lanes (route/labels.ts onRun: room on a
 * branch back's stub up from a decision's top for "Tidak", 2 px of line, the 8.8 px patch, 1 px of line, then its
 * turn at TOP_RUN_Y, where the gutters beside the stub hold the other arrows' tracks: a chain three steps back at
 * 11-12 lanes), for a procedure with a decision met by two arrows that sends a labelled branch back (route/top-exit.ts
 * topCandidates), and only when every step's row is at least that much taller than the core band (its text sets its
 * height): the rows and the pages stay as they are. Not on one sheet (the SVG's rows are the core band's height).
 */
function topRoom(model: SopModel, lane: number, unpaginated: boolean, core: number, heights: readonly number[]): number {
  if (unpaginated || lane >= NARROW_LANE) return 0;
  if (!model.steps.every((s) => (heights[s.number] ?? 0) >= core + TOP_ROOM + TOP_ROOM_SLACK)) return 0;
  const arriving = arrivals(model);
  const back = model.edges.some((e) => e.label && typeof e.to === 'number' && e.to < e.from && model.steps[e.from - 1]!.symbol === 'decision' && (arriving.get(e.from) ?? 0) >= 2);
  return back ? TOP_ROOM : 0;
}
const TOP_ROOM = 8;
/** A row's estimated height may differ a little from the browser's: so much more is asked of each. */
const TOP_ROOM_SLACK = 4;

/** The flows arriving at each step (by number), in the order of `outgoing`. */
function incomingEdges(model: SopModel, outgoing: readonly (readonly FlowEdge[])[]): FlowEdge[][] {
  const incoming: FlowEdge[][] = [[]];
  for (const s of model.steps) incoming[s.number] = [];
  for (const s of model.steps) for (const e of outgoing[s.number]!) if (typeof e.to === 'number') incoming[e.to]?.push(e);
  return incoming;
}

/**
 * From this many steps on, narrow-lane decisions are not routed by their sides (route/points.ts sidesOnly) when the
 * procedure is drawn on one sheet (drawSop), and widened decision lanes are not judged (layoutSop).
 */
const SIDES_STEPS = 150;

/** From this many steps on, a procedure is routed page by page (drawSop). */
const PAGED_STEPS = 60;


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
function layoutColumns(model: SopModel, p: Paper, headers: HeaderWords, footer: number, maxRows?: number, widen = false, floor = true, laneLeast?: number): Columns {
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
  const whole = columns(p, laneCount, content);
  // Width moved between the columns while the estimated procedure gets shorter (fill.ts); the same with or
  // without measured heights, so that the PDF's measuring pass and its print agree.
  const mutu = mutuLimits(whole.table, content);
  const fill = (start: Columns, least: 'min' | 'broken', wholeLane?: number): Columns =>
    fillColumns(model, p, start, {
      headers,
      ...(wholeLane !== undefined && wholeLane < start.lane ? { wholeLane } : {}),
      texts: content,
      footerHeight: footer,
      kegiatanFloor: Math.min(start.kegiatan, kegiatanFloor(start.table, laneCount)),
      // From 9 lanes Kegiatan may give up to 17 % of the table so that the symbols stay 7 mm wide.
      kegiatanLeast: Math.min(start.kegiatan, laneCount >= 9 ? Math.ceil(start.table * 0.17) : kegiatanFloor(start.table, laneCount)),
      mutuFloor: {
        kelengkapan: Math.min(start.kelengkapan, mutu.kelengkapan[least]),
        waktu: Math.min(start.waktu, mutu.waktu[least]),
        output: Math.min(start.output, mutu.output[least]),
        keterangan: Math.min(start.keterangan, mutu.keterangan[least]),
      },
      ...(maxRows !== undefined ? { maxRows } : {}),
      // Lanes wider for a label (label-room.ts): Kegiatan may give more, down to its longest word.
      ...(laneLeast !== undefined ? { laneLeast: { lane: laneLeast, kegiatan: Math.max(Math.ceil(start.table * ROOM_KEGIATAN), longestPiece(content.kegiatan, FONT.sizePx) + 2 * FONT.cellPadX + 1) } } : {}),
      ...(loopedDecision(model)
        ? {
            decisionLane: { lane: DECISION_LANE, least: Math.max(Math.ceil(start.table * DECISION_KEGIATAN), longestPiece(content.kegiatan, FONT.sizePx) + 2 * FONT.cellPadX + 1), ...(floor ? {} : { floor }) },
            ...(widen ? { decisionLanes: loopedDecisionLanes(model) } : {}),
          }
        : {}),
    });
  const kept = fill(whole, 'min');
  // Narrow lanes beside a Mutu Baku column held wide by one long word (geometry.ts columns(): `broken`): the word
  // breaks once at a syllable and the lanes take the width, when the print gains by it (below).
  if (whole.lane >= ROUTABLE_LANE) return kept;
  const broken = fill(columns(p, laneCount, content, true), 'broken', whole.lane);
  if (broken === kept) return kept;
  // As printed, a page less; or as many pages, wider lanes and no row taller. (A review found words broken in a
  // 6-lane table and the width gone to an empty Keterangan, the rows taller in all but one: the lanes must gain.)
  // Lanes too narrow for a track clear of symbol and border (CLEAR_LANE) take it on as many pages, rows taller or not:
  // a drafted 10-lane SOP on A4 kept 44 px lanes (loops 1.26 mm from borders) for one row a line lower; now 52 px.
  const a = printedPagination(model, p, broken, headers, footer, maxRows);
  const b = printedPagination(model, p, kept, headers, footer, maxRows);
  if (a.pages !== b.pages) return a.pages < b.pages ? broken : kept;
  return broken.lane > kept.lane && (kept.lane < CLEAR_LANE || a.heights.every((h, i) => h <= (b.heights[i] ?? 0))) ? broken : kept;
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
  // On its own paper, the columns the layout chose (lanes wider for a label's room, label-room.ts, once laid out).
  const mmOn = (name: PaperSize): number => symbolSize((name === paperName ? chosenColumns(model, name, headers) : columnsOn(model, name, headers)).lane).w / PX_PER_MM;
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

/**
 * Lane-title words printed in three pieces or more on `paperName` (issue 20 item 5: a title word breaks once, at a
 * syllable; where neither half fits a lane at the smallest title size, geometry.ts breakPieces breaks it at every
 * syllable rather than at any letter), for a warning at build time: the words, the lanes' width in mm, and the first
 * other paper whose lanes break each title word at most once (null if none). Null when every word breaks at most once.
 */
export function brokenTitles(model: SopModel, paperName: PaperSize = 'A4', headers: HeaderWords = DEFAULT_HEADERS): { words: string[]; mm: number; better: PaperSize | null } | null {
  if (model.lanes.length < 2 || model.steps.length === 0) return null;
  const on = (name: PaperSize): { words: string[]; lane: number } => {
    // This paper's lanes as the layout chooses them (chosenColumns, as smallSymbols): the other warnings of the same
    // build name those (an 11-lane SOP on A4 was told its lanes were 11.9 mm here and 13 mm in the label warning).
    const cols = name === paperName ? chosenColumns(model, name, headers) : columnsOn(model, name, headers);
    const words = new Set<string>();
    for (const t of headerLayout(model, cols, headers).lanes) for (const w of t.text.split(/\s+/)) if (w.split('\u00ad').length > 2) words.add(w.replaceAll('\u00ad', ''));
    return { words: [...words], lane: cols.lane };
  };
  const here = on(paperName);
  if (here.words.length === 0) return null;
  const better = PAPER_SIZES.find((other) => other !== paperName && on(other).words.length === 0) ?? null;
  return { words: here.words, mm: here.lane / PX_PER_MM, better };
}

/** The columns `model` would get on paper `name` (widened decision lanes when `widen`), without drawing it. */
function columnsOn(model: SopModel, name: PaperSize, headers: HeaderWords, widen = false): Columns {
  const p = paperOf(name);
  const footer = footerHeight(timingLine(model.timing, model.steps), contentBox(p).width);
  return layoutColumns(model, p, headers, footer, undefined, widen);
}

/**
 * Ya/Tidak labels not plainly their arrow's (as near another arrow as their own, or within 1 mm of a lane border:
 * drawingFaults) in the drawing of an SOP with decisions on `paperName`, for a warning at build time (issue 20
 * items 1 and 8): how many, the narrowest lane of a decision in mm, the first other paper
 * whose drawing has none (null if none) with the same `laneWidths`, and, when lanes are equal, whether
 * `laneWidths: "decisions"` would draw none on this paper. Null when the drawing has none: a rework chain in lanes
 * of 15.8 mm is drawn clean (its branches back leave by the top, route/top-exit.ts topCandidates), one in 14.6 mm
 * lanes is not.
 */
export function crampedDecisions(
  model: SopModel,
  paperName: PaperSize = 'A4',
  headers: HeaderWords = DEFAULT_HEADERS,
  mode: 'equal' | 'decisions' = 'equal',
): { labels: number; mm: number; better: PaperSize | null; widen: boolean; at: { step: number; page: number }[] } | null {
  if (model.steps.length === 0 || !model.steps.some((s) => s.symbol === 'decision')) return null;
  const { labels, cols, at } = labelFaultsOn(model, paperName, headers, mode);
  if (labels === 0) return null;
  // The narrowest lane holding a decision.
  const index = new Map(model.lanes.map((l, i) => [l.id, i]));
  const widths = laneWidths(cols, Math.max(1, model.lanes.length));
  let px = Infinity;
  for (const s of model.steps) if (s.symbol === 'decision') for (const l of s.lanes) px = Math.min(px, widths[index.get(l) ?? 0]!);
  let better: PaperSize | null = null;
  // Only a paper whose lanes are wider is drawn (each costs a layout; narrower lanes do not draw labels clearer).
  const laneOn = (name: PaperSize): number => columnsOn(model, name, headers).lane;
  const here = mode === 'equal' ? cols.lane : laneOn(paperName);
  for (const other of PAPER_SIZES) {
    if (other === paperName || better || laneOn(other) <= here) continue;
    if (labelFaultsOn(model, other, headers, mode).labels === 0) better = other;
  }
  // Drawn only when some lane would widen on this paper (the columns alone say so).
  const widen = mode === 'equal' && columnsOn(model, paperName, headers, true).widths !== undefined && labelFaultsOn(model, paperName, headers, 'decisions').labels === 0;
  return { labels, mm: px / PX_PER_MM, better, widen, at };
}

/**
 * The equal-lane columns of `model` on paper `name`: with or without the decision lanes' floor, as the layout chooses
 * (decision-floor.ts), and a label's room when the layout chose it already (label-room.ts: `sop build` laid the SOP
 * out on its paper before it warns).
 */
function chosenColumns(model: SopModel, name: PaperSize, headers: HeaderWords): Columns {
  const p = paperOf(name);
  const footer = footerHeight(timingLine(model.timing, model.steps), contentBox(p).width);
  const floorIn = floorInput(model, { paper: name, headers }, p, headers, footer);
  const floored = floorColumns(floorIn).cols;
  return knownRoom(roomOf(floorIn, floored, p, headers, footer)) ?? floored;
}

/**
 * How many labels drawingFaults counts in the drawing of `model` on paper `name` (its lanes as `mode` has them), its
 * columns, and the steps of those labels, each with its page as printed (the identity page is page 1).
 */
function labelFaultsOn(model: SopModel, name: PaperSize, headers: HeaderWords, mode: 'equal' | 'decisions'): { labels: number; cols: Columns; at: { step: number; page: number }[] } {
  const p = paperOf(name);
  const footer = footerHeight(timingLine(model.timing, model.steps), contentBox(p).width);
  const options: LayoutOptions = { paper: name, headers, ...(mode === 'decisions' ? { laneWidths: mode } : {}) };
  // Equal lanes: as the layout chooses them (chosenColumns).
  const cols = mode === 'equal' ? chosenColumns(model, name, headers) : layoutSop(model, options).columns;
  const steps = new Set<number>();
  const { lay, faults } = drawSop(model, options, p, headers, footer, cols, steps);
  const at = [...steps].sort((a, b) => a - b).map((step) => ({ step, page: 2 + lay.pages.findIndex((pg) => pg.rows.some((r) => r.step === step)) }));
  return { labels: faults!.labels, cols, at };
}
