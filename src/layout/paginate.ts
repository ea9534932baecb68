/**
 * Pagination of the procedure table: row heights estimated from the text
 * (generously), pages filled greedily; page breaks fall only between rows.
 */
import type { SopModel } from '../model/model.js';
import { FONT, PX_PER_MM, lineCount, textHeight, type Columns, type Paper } from './geometry.js';

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
  const titles = Math.max(1, ...model.lanes.map((l) => lineCount(l.title, cols.lane)));
  return FONT.lineHeightPx + 2 * FONT.cellPadY + 2 + titles * FONT.lineHeightPx + 2 * FONT.cellPadY + 2;
}

export function rowMinHeight(model: SopModel, step: number, cols: Columns, symbolH: number): number {
  const s = model.steps[step - 1]!;
  const plain = (t: string): string => t.replace(/\\\*/g, '*').replace(/\*/g, '');
  return Math.max(
    coreHeight(symbolH) + 8,
    textHeight(plain(s.text), cols.kegiatan),
    textHeight(plain(s.kelengkapan), cols.kelengkapan),
    textHeight(s.waktu?.text ?? '', cols.waktu),
    textHeight(plain(s.output), cols.output),
    textHeight(plain(s.keterangan), cols.keterangan),
  );
}

/** Groups steps into pages; returns the step numbers of each page. */
export function paginate(model: SopModel, p: Paper, cols: Columns, symbolH: number, maxRows?: number): number[][] {
  const pageHeight = (p.heightMm - 2 * p.marginMm) * PX_PER_MM;
  const available = pageHeight - CAPTION - headerHeight(model, cols) - 2 * CONNECTOR_ROW - SLACK;
  const pages: number[][] = [];
  let current: number[] = [];
  let used = 0;
  for (const s of model.steps) {
    const h = rowMinHeight(model, s.number, cols, symbolH);
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
  return pages;
}
