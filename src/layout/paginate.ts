/**
 * Pagination of the procedure table. Row heights are the browser's measured
 * ones when a PDF is built (render/measure.ts), otherwise estimated from the
 * font metrics; pages are filled greedily: a page breaks only when the next
 * row, with the connector rows the page would then need, does not fit, except
 * that a last page of one step takes the last row of the page before when it
 * can (no widow). Page breaks fall only between rows.
 */
import type { HeaderWords } from '../model/config.js';
import type { SopModel } from '../model/model.js';
import { outgoingEdges } from '../model/graph.js';
import { plainText } from '../util/inline.js';
import { runsOf, textLines } from './text.js';
import { FONT, contentBox, fitTitleGroups, fitTitles, lineCount, textHeight, titleHeight, type Columns, type FittedTitle, type Paper } from './geometry.js';

/** The core band of a step row: room above the symbol for an arriving arrowhead, below it for labels and jogs. */
export const CORE = { top: 12, bottom: 14 } as const;
/**
 * Height of a row of off-page connectors: the connector (12 px, 2 px from the row's edge), its jogs on two levels
 * 1.5 mm apart, the nearer one an arrowhead and 1 px from the connector (route/state.ts HEAD_RUN), the farther one
 * 1.5 mm from the row's other edge.
 */
export const CONNECTOR_ROW = 34;
/**
 * A bottom connector row where at most one flow leaves the page (into its connector there): its jogs on two levels
 * 1 mm and 2.5 mm from the connectors, the one flow's on the farther (its arrowhead short of its corner), 30 px.
 */
export const CONNECTOR_ROW_ONE = 30;
/** The caption above each page's table (14 px bold on an 18 px line, 8 px below). */
export const CAPTION = 26;
/** Kept free at the foot of a page: rounding of estimated heights, and of measured ones. */
const SLACK_ESTIMATED = 8;
const SLACK_MEASURED = 2;

/**
 * Lanes narrower than this (68 px, 18 mm) have no room for a 7 pt "Tidak" beside a diamond's side vertex: the
 * core band is deeper under the symbol, so the label fits between the symbol and the jog of the flow leaving it.
 */
export const NARROW_LANE = 68;
/** The core band's depth under the symbol in a narrow lane. */
export const CORE_BOTTOM_NARROW = 20;

export function coreHeight(symbolH: number, laneWidth = Infinity): number {
  return CORE.top + symbolH + (laneWidth < NARROW_LANE ? CORE_BOTTOM_NARROW : CORE.bottom);
}

/** Heights measured in the browser (render/measure.ts), px. */
export interface MeasuredHeights {
  /** Each step row's height (index: step number; index 0 unused). */
  readonly rows: readonly number[];
  /** The table header (both rows). */
  readonly header: number;
  /** The caption with its margin. */
  readonly caption: number;
  /** What is printed under the table on the last page (the timing line), with its margin; 0 if nothing. */
  readonly footer?: number;
}

/** The table header's titles, fitted to their columns. */
export interface HeaderLayout {
  readonly lanes: readonly FittedTitle[];
  readonly kelengkapan: FittedTitle;
  readonly waktu: FittedTitle;
  readonly output: FittedTitle;
  readonly keterangan: FittedTitle;
  /** Estimated height of both header rows, px. */
  readonly height: number;
}

export function headerLayout(
  model: SopModel,
  cols: Columns,
  headers: HeaderWords,
  /** fitTitles, or a memo of it (fill.ts asks for the same titles at many widths). */
  fit: (titles: readonly string[], widthPx: number, sizePx?: number) => readonly FittedTitle[] = fitTitles,
): HeaderLayout {
  // Every column title at one size (lane titles and the Mutu Baku ones alike).
  const [lanes, [kelengkapan], [waktu], [output], [keterangan]] = fitTitleGroups(
    [
      { titles: model.lanes.length > 0 ? model.lanes.map((l) => plainText(l.title)) : [''], widthPx: cols.lane },
      { titles: [headers.kelengkapan], widthPx: cols.kelengkapan },
      { titles: [headers.waktu], widthPx: cols.waktu },
      { titles: [headers.output], widthPx: cols.output },
      { titles: [headers.keterangan], widthPx: cols.keterangan },
    ],
    fit,
  ) as [FittedTitle[], [FittedTitle], [FittedTitle], [FittedTitle], [FittedTitle]];
  // Lines as the header prints them (table-text.ts headerText): lineCount breaks a word wider than its column at
  // any pixel, the print at a character, and a 100-character `headers.no` ran out of its cell above the table.
  const top = (text: string, w: number): number => Math.max(1, textLines(runsOf(text, true), Math.max(1, w - 2 * FONT.cellPadX - 1), FONT.sizePx).length) * FONT.lineHeightPx + 2 * FONT.cellPadY + 1;
  const row1 = Math.max(top(headers.pelaksana, cols.lanes), top(headers.mutuBaku, cols.kelengkapan + cols.waktu + cols.output));
  let tallest = 0;
  for (const t of lanes) tallest = Math.max(tallest, titleHeight(t));
  for (const t of [kelengkapan, waktu, output]) tallest = Math.max(tallest, titleHeight(t));
  const spanned = Math.max(top(headers.no, cols.no), top(headers.kegiatan, cols.kegiatan), titleHeight(keterangan));
  return { lanes, kelengkapan, waktu, output, keterangan, height: Math.max(row1 + tallest, spanned) };
}

/** A step row's estimated height: its tallest cell, or what its symbol and arrows need. */
export function rowMinHeight(model: SopModel, step: number, cols: Columns, symbolH: number): number {
  const s = model.steps[step - 1]!;
  return Math.max(
    coreHeight(symbolH, cols.lane),
    textHeight(plainText(s.text), cols.kegiatan),
    textHeight(plainText(s.kelengkapan), cols.kelengkapan),
    textHeight(s.waktu?.text ?? '', cols.waktu),
    textHeight(plainText(s.output), cols.output),
    textHeight(plainText(s.keterangan), cols.keterangan),
  );
}

export interface PaginateOptions {
  readonly maxRows?: number;
  readonly measured?: MeasuredHeights;
  /** Estimated header height (used when nothing was measured). */
  readonly headerHeight: number;
  /** Estimated height of what follows the table on the last page (used when nothing was measured). */
  readonly footerHeight?: number;
  /** Every step on one page (the browser measures the rows of this table). */
  readonly unpaginated?: boolean;
  /** Estimated row heights already worked out (index: step number), as rowMinHeight gives them. */
  readonly estimated?: readonly number[];
  /** The height a step's row asks beyond its text (top-rows.ts), given where its page still holds it. */
  readonly roomy?: (step: number) => number;
}

export interface Pagination {
  /** The step numbers of each page. */
  readonly pages: number[][];
  /** Each step's row height, px (index: step number): measured, or estimated. */
  readonly heights: readonly number[];
}

/**
 * The nearest and farthest step each step is joined to by a flow (either direction), and the later steps each step's
 * flows go to; once per model (fill.ts paginates often).
 */
const reaches = new WeakMap<SopModel, Reach>();
type Reach = { lo: readonly number[]; hi: readonly number[]; later: readonly (readonly number[])[] };
function reachOf(model: SopModel): Reach {
  let r = reaches.get(model);
  if (r) return r;
  const n = model.steps.length;
  const lo: number[] = [];
  const hi: number[] = [];
  const later: number[][] = [];
  for (let i = 0; i <= n; i++) {
    lo[i] = i;
    hi[i] = i;
    later[i] = [];
  }
  const outgoing = outgoingEdges(model);
  for (const s of model.steps) {
    for (const e of outgoing[s.number] ?? []) {
      if (typeof e.to !== 'number' || e.to < 1 || e.to > n) continue;
      const a = s.number;
      const b = e.to;
      lo[a] = Math.min(lo[a]!, b);
      hi[a] = Math.max(hi[a]!, b);
      lo[b] = Math.min(lo[b]!, a);
      hi[b] = Math.max(hi[b]!, a);
      if (b > a) later[a]!.push(b);
    }
  }
  reaches.set(model, (r = { lo, hi, later }));
  return r;
}

/**
 * The height of the bottom connector row of a page of steps a..b: CONNECTOR_ROW when two or more flows leave it
 * there (into their connectors: their jogs may need both levels an arrowhead from the connectors), else
 * CONNECTOR_ROW_ONE (the one flow's jog on the level farther from them).
 */
function bottomRow(r: Reach, a: number, b: number): number {
  let n = 0;
  for (let k = a; k <= b; k++) for (const t of r.later[k]!) if (t > b && ++n >= 2) return CONNECTOR_ROW;
  return CONNECTOR_ROW_ONE;
}

/** Each page's bottom connector row's height (when it has one), by page index. */
export function bottomRows(model: SopModel, pages: readonly (readonly number[])[]): (page: number) => number {
  const r = reachOf(model);
  const h = pages.map((steps) => (steps.length > 0 ? bottomRow(r, steps[0]!, steps[steps.length - 1]!) : CONNECTOR_ROW));
  return (page) => h[page] ?? CONNECTOR_ROW;
}

/**
 * What step `k` takes of a page it has alone, under the caption and header, as paginate counts it with measured
 * heights: its row, a connector row above and one below when flows join it to steps before and after it, the
 * footer when it is the last step, and the slack. The page-fit check (page/build.ts pageOverflow) asks it.
 */
export function aloneOnPage(model: SopModel, k: number, m: MeasuredHeights): number {
  const r = reachOf(model);
  const conn = (r.lo[k]! < k ? CONNECTOR_ROW : 0) + (r.hi[k]! > k ? bottomRow(r, k, k) : 0);
  const foot = k === model.steps.length ? (m.footer ?? 0) : 0;
  return Math.ceil(m.rows[k] ?? 0) + conn + foot + SLACK_MEASURED;
}

/** Groups steps into pages, filling each page as far as its rows and connector rows fit. */
export function paginate(model: SopModel, p: Paper, cols: Columns, symbolH: number, opts: PaginateOptions): Pagination {
  const n = model.steps.length;
  const heights: number[] = [0];
  const estimate = (k: number): number => opts.estimated?.[k] ?? rowMinHeight(model, k, cols, symbolH);
  for (const s of model.steps) {
    const measured = opts.measured?.rows[s.number];
    heights[s.number] = opts.unpaginated ? coreHeight(symbolH, cols.lane) : measured !== undefined && measured > 0 ? Math.ceil(measured) : estimate(s.number);
  }
  if (opts.unpaginated) return { pages: n > 0 ? [model.steps.map((s) => s.number)] : [], heights };

  const reach = reachOf(model);
  const m = opts.measured;
  // A measurement that found no header or caption (a custom template) falls back to the estimate for it.
  const table = contentBox(p).height;
  const page: PageRoom = {
    heights,
    available: table - (m && m.caption > 0 ? m.caption : CAPTION) - (m && m.header > 0 ? m.header : opts.headerHeight) - (m ? SLACK_MEASURED : SLACK_ESTIMATED),
    footer: m ? (m.footer ?? 0) : (opts.footerHeight ?? 0),
    ...(opts.maxRows !== undefined ? { maxRows: opts.maxRows } : {}),
  };
  let pages = fill(model, reach, page);
  // Measured heights: the pages the estimate gives, when they fit the measured room and take no more pages. The
  // columns were judged on the estimated pages (label-room.ts, decision-floor.ts, widened lanes), and the layout
  // tries drawn on them: pages packed tighter moved a page break and drew worse (F4, 25 steps, 12 lanes: step 9
  // on step 8's page, its Tidak ambiguous under the diamond), and printed the drawing no one judged.
  if (m) {
    const estimated: PageRoom = { ...page, heights: [0, ...model.steps.map((s) => estimate(s.number))], available: table - CAPTION - opts.headerHeight - SLACK_ESTIMATED, footer: opts.footerHeight ?? 0 };
    const judged = fill(model, reach, estimated);
    if (judged.length <= pages.length && judged.every((steps) => fitsPage(model, reach, page, steps[0]!, steps[steps.length - 1]!))) pages = judged;
  }
  // Rows asking more room, each where its page still fits with it: the pages stay.
  if (opts.roomy)
    for (const steps of pages)
      for (const k of steps) {
        const was = heights[k]!;
        heights[k] = Math.max(was, opts.roomy(k));
        if (!fitsPage(model, reach, page, steps[0]!, steps[steps.length - 1]!)) heights[k] = was;
      }
  return { pages, heights };
}

/** The room of a page: each step's row height (index: step number), the table's room under its header, the footer. */
interface PageRoom {
  readonly heights: readonly number[];
  readonly available: number;
  readonly footer: number;
  readonly maxRows?: number;
}

/** Whether steps a..b fit one page, with the connector rows and the footer they need. */
function fitsPage(model: SopModel, reach: Reach, room: PageRoom, a: number, b: number): boolean {
  let h = 0;
  let rLo = Infinity;
  let rHi = -Infinity;
  for (let k = a; k <= b; k++) {
    h += room.heights[k]!;
    rLo = Math.min(rLo, reach.lo[k]!);
    rHi = Math.max(rHi, reach.hi[k]!);
  }
  const conn = (rLo < a ? CONNECTOR_ROW : 0) + (rHi > b ? bottomRow(reach, a, b) : 0);
  const foot = b === model.steps.length ? room.footer : 0;
  return h + conn + foot <= room.available && (room.maxRows === undefined || b - a + 1 <= room.maxRows);
}

/** The steps filled greedily into pages of `room`, a widow given the last row of the page before when both fit. */
function fill(model: SopModel, reach: Reach, room: PageRoom): number[][] {
  const n = model.steps.length;
  const { lo, hi } = reach;
  const pages: number[][] = [];
  let current: number[] = [];
  let used = 0;
  let first = 1;
  let reachLo = Infinity;
  let reachHi = -Infinity;
  for (const s of model.steps) {
    const k = s.number;
    const h = room.heights[k]!;
    const nLo = Math.min(reachLo, lo[k]!);
    const nHi = Math.max(reachHi, hi[k]!);
    // The page [first..k] with the connector rows it would need if it ended after k.
    const conn = (nLo < first ? CONNECTOR_ROW : 0) + (nHi > k ? bottomRow(reach, first, k) : 0);
    // The last page also holds what is printed under the table.
    const foot = k === n ? room.footer : 0;
    const fits = used + h + conn + foot <= room.available && (room.maxRows === undefined || current.length < room.maxRows);
    if (current.length > 0 && !fits) {
      pages.push(current);
      current = [];
      used = 0;
      first = k;
      reachLo = lo[k]!;
      reachHi = hi[k]!;
    } else {
      reachLo = nLo;
      reachHi = nHi;
    }
    current.push(k);
    used += h;
  }
  if (current.length > 0) pages.push(current);

  // A widow: the last page holds one step while the page before holds more. That page gives it its last row
  // when both still fit (the page count stays; docs/printing.md).
  const last = pages[pages.length - 1];
  const before = pages[pages.length - 2];
  if (last && before && last.length === 1 && before.length > 1) {
    const moved = before[before.length - 1]!;
    if (fitsPage(model, reach, room, before[0]!, moved - 1) && fitsPage(model, reach, room, moved, last[0]!)) {
      before.pop();
      last.unshift(moved);
    }
  }
  return pages;
}
