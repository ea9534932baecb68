/**
 * The text of the procedure table, broken into lines once (text.ts), for the
 * page model (src/page/build.ts places the lines) and the HTML's view model
 * (src/emit/html/view-model.ts prints each line as its own block): the header's
 * titles with their sizes and the fitted titles' soft hyphens, each step's
 * cells, the caption and the timing line. Widths are the layout's columns
 * less the padding and the 1 px border (FONT.cellPadX).
 */
import type { HeaderWords } from '../model/config.js';
import type { SopModel, Step } from '../model/model.js';
import { FONT, hyphenateTitle, laneWidths, type FittedTitle } from './geometry.js';
import { runsOf, textLines, type Line, type Run } from './text.js';
import type { SopLayout } from './types.js';

/** The width for text in a cell `w` px wide (border to border). */
export const cellInner = (w: number): number => w - 2 * FONT.cellPadX - 1;

/** A cell's lines, at `size` px on lines of `lineHeight` px; `runs`: its text before breaking (a title's with its soft hyphens). */
export interface CellText {
  readonly runs: readonly Run[];
  readonly lines: readonly Line[];
  readonly size: number;
  readonly lineHeight: number;
}

export interface HeaderText {
  readonly no: CellText;
  readonly kegiatan: CellText;
  readonly pelaksana: CellText;
  readonly mutuBaku: CellText;
  readonly keterangan: CellText;
  readonly lanes: readonly CellText[];
  readonly kelengkapan: CellText;
  readonly waktu: CellText;
  readonly output: CellText;
  /** Height of the header's first row (Pelaksana, Mutu Baku); the second is the rest of `lay.header.height`. */
  readonly row1: number;
}

const cell = (runs: readonly Run[], width: number, size: number, lineHeight: number): CellText => ({ runs, lines: textLines(runs, width, size), size, lineHeight });
const bold12 = (text: string, width: number): CellText => cell(runsOf(text, true), width, FONT.sizePx, FONT.lineHeightPx);
/** A column title at its fitted size, soft hyphens where its words must break (printed as the model prints them). */
const title = (text: string, fit: FittedTitle, col: number): CellText =>
  cell(
    runsOf(text, true).map((r) => ({ ...r, text: hyphenateTitle(r.text, fit.sizePx, col) })),
    cellInner(col),
    fit.sizePx,
    fit.sizePx * 1.2,
  );

/** The header's cells, broken into lines. */
export function headerText(model: SopModel, lay: SopLayout, headers: HeaderWords): HeaderText {
  const cols = lay.columns;
  const head = lay.header;
  const pelaksana = bold12(headers.pelaksana, cellInner(cols.lanes));
  const mutuBaku = bold12(headers.mutuBaku, cellInner(cols.kelengkapan + cols.waktu + cols.output));
  const laneTitles = model.lanes.length > 0 ? model.lanes.map((l) => l.title) : [''];
  const widths = laneWidths(cols, lay.laneCount);
  return {
    no: bold12(headers.no, cellInner(cols.no)),
    kegiatan: bold12(headers.kegiatan, cellInner(cols.kegiatan)),
    pelaksana,
    mutuBaku,
    keterangan: title(headers.keterangan, head.keterangan, cols.keterangan),
    lanes: laneTitles.map((t, i) => title(t, head.lanes[i] ?? head.lanes[0]!, widths[i] ?? cols.lane)),
    kelengkapan: title(headers.kelengkapan, head.kelengkapan, cols.kelengkapan),
    waktu: title(headers.waktu, head.waktu, cols.waktu),
    output: title(headers.output, head.output, cols.output),
    row1: Math.max(pelaksana.lines.length, mutuBaku.lines.length, 1) * FONT.lineHeightPx + 2 * FONT.cellPadY + 1,
  };
}

/** A step's cells (`no` the step's number), each its lines. */
export type StepText = Readonly<Record<'no' | 'kegiatan' | 'kelengkapan' | 'waktu' | 'output' | 'keterangan', readonly Line[]>>;

/** A step's cells, broken into lines at 12 px. */
export function stepText(step: Step, lay: SopLayout): StepText {
  const cols = lay.columns;
  const lines = (runs: readonly Run[], col: number): readonly Line[] => textLines(runs, cellInner(col), FONT.sizePx);
  return {
    no: lines([{ text: String(step.number), bold: false, italic: false }], cols.no),
    kegiatan: lines(runsOf(step.text), cols.kegiatan),
    kelengkapan: lines(runsOf(step.kelengkapan), cols.kelengkapan),
    waktu: lines(runsOf(step.waktu?.text ?? ''), cols.waktu),
    output: lines(runsOf(step.output), cols.output),
    keterangan: lines(runsOf(step.keterangan), cols.keterangan),
  };
}

/** The caption above each page's table: bold 14 px on 18 px lines, upper case, across the content box. */
export function captionText(model: SopModel, contentWidth: number): CellText {
  const runs = runsOf(model.name ? `SOP ${model.name}` : 'SOP', true).map((r) => ({ ...r, text: r.text.toLocaleUpperCase('id') }));
  return cell(runs, contentWidth, 14, 18);
}

/** "Jumlah waktu: …" under the last page's table: 11 px on 14 px lines. */
export function timingText(timing: string, contentWidth: number): CellText {
  return cell([{ text: timing, bold: false, italic: false }], contentWidth, 11, 14);
}
