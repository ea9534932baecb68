/**
 * Page and table geometry, in CSS px (1/96 in) and mm: paper sizes, column
 * widths, symbol size, and a conservative estimate of text height (the
 * compiler paginates without a browser, so it must never underestimate).
 */
import type { PaperSize } from '../model/config.js';

export const PX_PER_MM = 96 / 25.4;

export interface Paper {
  readonly name: PaperSize;
  /** Landscape width and height, mm. */
  readonly widthMm: number;
  readonly heightMm: number;
  readonly marginMm: number;
}

const PAPERS: Readonly<Record<PaperSize, readonly [number, number]>> = {
  A4: [297, 210],
  F4: [330, 215],
  Legal: [355.6, 215.9],
  Letter: [279.4, 215.9],
};

export function paper(name: PaperSize = 'A4'): Paper {
  const [w, h] = PAPERS[name];
  return { name, widthMm: w, heightMm: h, marginMm: 15 };
}

/** Font metrics of the table text (templates/sop.css must agree). */
export const FONT = {
  sizePx: 12,
  lineHeightPx: 15,
  /** Average advance of a character, deliberately generous (Arial averages ~0.5em). */
  charPx: 6.9,
  cellPadX: 4,
  cellPadY: 3,
} as const;

export interface Columns {
  /** Width of the whole table, px. */
  readonly table: number;
  readonly no: number;
  readonly kegiatan: number;
  /** All lanes together. */
  readonly lanes: number;
  readonly lane: number;
  readonly kelengkapan: number;
  readonly waktu: number;
  readonly output: number;
  readonly keterangan: number;
}

/** Column widths (format.md: No 4%, Kegiatan ~23%, lanes ~44%, Kelengkapan 12%, Waktu 7%, Output 12%, Keterangan 8%). */
export function columns(p: Paper, laneCount: number): Columns {
  const table = Math.floor((p.widthMm - 2 * p.marginMm) * PX_PER_MM);
  const no = Math.round(table * 0.035);
  const waktu = Math.round(table * 0.07);
  const kelengkapan = Math.round(table * 0.115);
  const output = Math.round(table * 0.115);
  const keterangan = Math.round(table * 0.08);
  // Few lanes need less room: give the rest to the Kegiatan column.
  const laneShare = laneCount <= 2 ? 0.3 : laneCount <= 4 ? 0.4 : 0.45;
  const lane = Math.floor((table * laneShare) / Math.max(1, laneCount));
  const lanes = lane * Math.max(1, laneCount);
  const kegiatan = table - no - waktu - kelengkapan - output - keterangan - lanes;
  return { table, no, kegiatan, lanes, lane, kelengkapan, waktu, output, keterangan };
}

export interface SymbolSize {
  readonly w: number;
  readonly h: number;
  /** Connector (pentagon) width and height. */
  readonly cw: number;
  readonly ch: number;
}

/** One size for every symbol, fitted to the lane width. */
export function symbolSize(laneWidth: number): SymbolSize {
  const w = Math.max(18, Math.min(64, Math.floor(laneWidth * 0.5)));
  const h = Math.max(16, Math.min(30, Math.round(w * 0.5)));
  // The connector is a little flatter than wide: its row (30 px) then has room for two levels of jogs 1.5 mm apart (route.ts).
  return { w, h, cw: 16, ch: 12 };
}

/** Lines a text needs in a column of `widthPx`, by greedy word wrap. */
export function lineCount(text: string, widthPx: number): number {
  if (text === '') return 1;
  const perLine = Math.max(4, Math.floor((widthPx - 2 * FONT.cellPadX) / FONT.charPx));
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    let len = word.length;
    if (used > 0 && used + 1 + len <= perLine) {
      used += 1 + len;
      continue;
    }
    if (used > 0) lines++;
    // A word longer than a line breaks (CSS overflow-wrap: anywhere).
    while (len > perLine) {
      lines++;
      len -= perLine;
    }
    used = len;
  }
  return lines;
}

export function textHeight(text: string, widthPx: number): number {
  return lineCount(text, widthPx) * FONT.lineHeightPx + 2 * FONT.cellPadY + 2;
}
