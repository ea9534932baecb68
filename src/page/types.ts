/**
 * The page model: every mark of every page of the official document, in CSS
 * px (1/96 in) from the page's top-left corner. Computed from the layout
 * (src/layout/) by src/page/build.ts; drawn by src/page/svg.ts (SVG, and PNG
 * through resvg) and src/page/pdf.ts (PDF/A-2b through PDFKit), so that the
 * drawings cannot disagree.
 */
import type { Run } from '../layout/text.js';

/** Attributes of the drawing contract (docs/drawing-contract.md), written into the SVG as data-*. */
export type Data = Readonly<Record<string, string | number>>;

export interface LineMark {
  readonly kind: 'line';
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly width: number;
  /** `flow`: a piece of an arrow (square caps, maybe a head); `rule`: a table or lane border. */
  readonly role: 'flow' | 'rule' | 'underline';
  /** An arrowhead at (x2, y2). */
  readonly arrow?: boolean;
  readonly data?: Data;
}

export interface RectMark {
  readonly kind: 'rect';
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly rx?: number;
  /** `#fff`, or null for none. */
  readonly fill: string | null;
  /** Stroke width, 0 for none. */
  readonly stroke: number;
  readonly role: 'cell' | 'symbol' | 'label-bg';
  readonly data?: Data;
}

export interface PolygonMark {
  readonly kind: 'polygon';
  /** x0, y0, x1, y1, ... */
  readonly points: readonly number[];
  readonly fill: string | null;
  readonly stroke: number;
  readonly role: 'symbol';
  readonly data?: Data;
}

export interface TextMark {
  readonly kind: 'text';
  /** Where the line starts (or its middle/end, by `anchor`), and its baseline. */
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly anchor: 'start' | 'middle' | 'end';
  readonly runs: readonly Run[];
  /** Advance width of the whole line, px. */
  readonly width: number;
  readonly underline?: boolean;
  /** The procedure page's caption: a heading in the PDF's structure. */
  readonly heading?: boolean;
  /**
   * The cell of the procedure table the line is in (the PDF's table structure): its row on the page (0 and 1 the
   * header's), one id per cell (the lines of a cell share it), a header cell or not.
   */
  readonly cell?: TableCell;
  readonly data?: Data;
}

export interface TableCell {
  readonly row: number;
  readonly id: number;
  readonly header: boolean;
}

export interface ImageMark {
  readonly kind: 'image';
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly mime: string;
  readonly bytes: Uint8Array;
  /** The logo's file as messages name it (src/page/picture.ts), when known. */
  readonly name?: string;
}

export interface LinkMark {
  readonly kind: 'link';
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly href: string;
}

export type Mark = LineMark | RectMark | PolygonMark | TextMark | ImageMark | LinkMark;

export interface PageModel {
  readonly width: number;
  readonly height: number;
  readonly kind: 'identity' | 'procedure';
  readonly marks: readonly Mark[];
}

export interface DocumentModel {
  readonly pages: readonly PageModel[];
  /** Index of the first procedure page (the outline's "Prosedur"), or -1. */
  readonly procedureStart: number;
}

/** The font the layout measures and every native drawing uses (bundled in fonts/). */
export const FONT_FAMILY = 'Liberation Sans';

/** Arrowheads (layout/flow-marks.ts ARROW_MARKER, the HTML's and the SVG's #sop-arrow): 7 px long, 7 px wide, the tip on the line's end. */
export const ARROW = { length: 7, halfWidth: 3.5 } as const;
