/**
 * The laid-out flowchart: pages of rows, each row's drawing split into three
 * bands so that it stays whole whatever the row's height turns out to be:
 *
 *   top    (stretches; vertical pieces only, y from 0 to '100%')
 *   core   (fixed height; symbols, labels and every horizontal piece)
 *   bottom (stretches; vertical pieces only)
 *
 * x is in px from the left edge of the lanes area; y is in px within the
 * band, or '100%' for the bottom of a stretching band.
 */
import type { Columns, Paper, SymbolSize } from './geometry.js';
import type { HeaderLayout } from './paginate.js';
import type { FlowTarget, SymbolKind } from '../model/model.js';

export type Y = number | '100%';

/** One straight piece of an arrow. `from`/`to` are the edge's step numbers. */
export interface Piece {
  readonly x1: number;
  readonly y1: Y;
  readonly x2: number;
  readonly y2: Y;
  readonly from: number;
  readonly to: FlowTarget;
  /** Draw an arrowhead at (x2, y2). */
  readonly arrow: boolean;
  /** The last piece of a merged arrow: it ends at (x2, y2) on the arrow of this edge ("from->to"), which goes on to the same step. */
  readonly join?: string;
}

export interface SymbolMark {
  /** `end`: the small terminator a decision's branch to the end runs into (route/end-mark.ts); its step is the decision's. */
  readonly kind: SymbolKind | 'connector' | 'end';
  /** Centre, in the core band. */
  readonly x: number;
  readonly y: number;
  readonly step: number;
  readonly lane: string;
  /** Connectors: the letter of the pair and the edge they continue. */
  readonly letter?: string;
  readonly from?: number;
  readonly to?: FlowTarget;
  /** An end terminator's size (the others take the layout's symbol size). */
  readonly w?: number;
  readonly h?: number;
}

export interface LabelMark {
  readonly x: number;
  readonly y: number;
  readonly text: 'Ya' | 'Tidak';
  readonly anchor: 'start' | 'end' | 'middle';
  readonly from: number;
  readonly to: FlowTarget;
}

export interface RowLayout {
  readonly kind: 'step' | 'connectors';
  /** The step of a step row. */
  readonly step: number | null;
  /** Height of the whole row, px: measured in the browser, or estimated from the font metrics. */
  readonly minHeight: number;
  readonly top: readonly Piece[];
  readonly core: {
    readonly height: number;
    readonly pieces: readonly Piece[];
    readonly symbols: readonly SymbolMark[];
    readonly labels: readonly LabelMark[];
  };
  readonly bottom: readonly Piece[];
}

export interface PageLayout {
  /** Rows in order: an optional connector row, step rows, an optional connector row. */
  readonly rows: readonly RowLayout[];
}

export interface SopLayout {
  readonly paper: Paper;
  readonly columns: Columns;
  /** The header's titles fitted to the columns, and its height. */
  readonly header: HeaderLayout;
  readonly symbol: SymbolSize;
  readonly laneCount: number;
  /** x of each lane's centre. */
  readonly laneCenters: readonly number[];
  readonly pages: readonly PageLayout[];
}
