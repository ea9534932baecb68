/**
 * Pagination of the procedure table: row heights estimated from the text
 * (generously), pages filled greedily; page breaks fall only between rows.
 */
import type { SopModel } from '../model/model.js';
import { plainText } from '../util/inline.js';
import { FONT, PX_PER_MM, lineCount, textHeight, type Columns, type Paper } from './geometry.js';
import { maxOf } from '../util/array.js';

export const CORE = { top: 12, bottom: 14 } as const;
export const CONNECTOR_ROW = 30;
/** Caption above each page's table, and slack for borders and rounding. */
const CAPTION = 30;
const SLACK = 24;

export function coreHeight(symbolH: number): number {
  return CORE.top + symbolH + CORE.bottom;
}

/** Height of the two-row table header: the lane titles may wrap. */
export function headerHeight(model: SopModel, cols: Columns): number {
  const titles = maxOf(model.lanes.map((l) => lineCount(l.title, cols.lane)), 1);
  return FONT.lineHeightPx + 2 * FONT.cellPadY + 2 + titles * FONT.lineHeightPx + 2 * FONT.cellPadY + 2;
}

export function rowMinHeight(model: SopModel, step: number, cols: Columns, symbolH: number): number {
  const s = model.steps[step - 1]!;
  return Math.max(
    coreHeight(symbolH) + 8,
    textHeight(plainText(s.text), cols.kegiatan),
    textHeight(plainText(s.kelengkapan), cols.kelengkapan),
    textHeight(s.waktu?.text ?? '', cols.waktu),
    textHeight(plainText(s.output), cols.output),
    textHeight(plainText(s.keterangan), cols.keterangan),
  );
}

export interface Pagination {
  /** The step numbers of each page. */
  readonly pages: number[][];
  /** Each step's estimated row height, px (index: step number). */
  readonly heights: readonly number[];
}

/** Groups steps into pages by their estimated row heights. */
export function paginate(model: SopModel, p: Paper, cols: Columns, symbolH: number, maxRows?: number): Pagination {
  const pageHeight = (p.heightMm - 2 * p.marginMm) * PX_PER_MM;
  const available = pageHeight - CAPTION - headerHeight(model, cols) - 2 * CONNECTOR_ROW - SLACK;
  const pages: number[][] = [];
  let current: number[] = [];
  let used = 0;
  const heights: number[] = [0];
  for (const s of model.steps) {
    const h = rowMinHeight(model, s.number, cols, symbolH);
    heights[s.number] = h;
    const full = current.length > 0 && (used + h > available || (maxRows !== undefined && current.length >= maxRows));
    if (full) {
      pages.push(current);
      current = [];
      used = 0;
    }
    current.push(s.number);
    used += h;
  }
  if (current.length > 0) pages.push(current);
  return { pages, heights };
}
