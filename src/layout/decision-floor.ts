/**
 * Issue 20 item 4, the page count first: the lanes of a decision met by two arrows are held at DECISION_LANE
 * (fill.ts decisionLane) so that its "Tidak" is owned, and that floor narrows Kegiatan, whose rows grow taller (a
 * rework chain at 10 lanes on F4 printed 3 pages where the 11-lane one fits 2). Where the floor held the lanes
 * (fill.ts heldByDecisionFloor) and the columns without it paginate to fewer pages, both are drawn, and the one
 * without the floor is kept when its drawing has no more faults than the other (route/faults.ts, as the layout's
 * tries count them, with arrows drawn on top of each other): so the floor stays where it owns labels (rework
 * chains three steps back at 9-10 lanes on F4) and gives way where it only costs a page. Pagination does not
 * depend on routing: the page counts are compared on the estimate before anything is drawn, and nothing more is
 * drawn when they are the same.
 */
import type { SopModel } from '../model/model.js';
import type { HeaderWords } from '../model/config.js';
import { symbolSize, type Columns, type Paper } from './geometry.js';
import { fittedFor, heldByDecisionFloor } from './fill.js';
import { headerLayout, paginate } from './paginate.js';
import type { RowBuilder } from './route.js';
import { noMoreThan, type Faults } from './route/faults.js';
import { drawnOverlaps } from './route/tries.js';
import type { SopLayout } from './types.js';
import { KeyedMemo } from '../util/keyed-memo.js';

/** What the choice needs from the layout (layout.ts): the columns with the floor, and how to get and draw the others. */
export interface FloorInput {
  readonly model: SopModel;
  /** The layout options that shape the columns (paper, rows per page, header words, lane widths). */
  readonly key: string;
  /** The columns with lanes held at the decision lane's floor (fill.ts). */
  readonly floored: Columns;
  /** The columns without that floor. */
  readonly bare: () => Columns;
  /** How many pages the procedure takes on columns `cols`, estimated (paginate.ts, before routing). */
  readonly pages: (cols: Columns) => number;
  /** The layout on columns `cols`, on the estimated pages, with what the quality report would count in it. */
  readonly draw: (cols: Columns) => { lay: SopLayout; faults: Faults };
}

/** Per model and layout options: the columns kept, with or without the floor. */
const chosen = new KeyedMemo<SopModel, Columns>();

/** The columns chosen without drawing (the floor held nothing, or saves no page), else the two to draw. */
function undrawn(inp: FloorInput): Columns | { floored: Columns; bare: Columns } {
  if (!heldByDecisionFloor(inp.floored)) return inp.floored;
  const known = chosen.get(inp.model, inp.key);
  if (known) return known;
  // One page has no page to save (most short procedures: no second search of the columns).
  const pages = inp.pages(inp.floored);
  if (pages <= 1) return chosen.set(inp.model, inp.key, inp.floored);
  const bare = inp.bare();
  if (sameColumns(bare, inp.floored) || inp.pages(bare) >= pages) return chosen.set(inp.model, inp.key, inp.floored);
  return { floored: inp.floored, bare };
}

/**
 * The columns kept (the same for every layout of this model and options, so that the PDF's measuring pass and its
 * print take the same), and their layout on the estimated pages when both had to be drawn to choose.
 */
export function floorColumns(inp: FloorInput): { cols: Columns; lay?: SopLayout; faults?: Faults } {
  const u = undrawn(inp);
  if (!('bare' in u)) return { cols: u };
  const a = inp.draw(u.floored);
  const b = inp.draw(u.bare);
  const keep = noMoreFaults(a, b);
  chosen.set(inp.model, inp.key, keep ? u.bare : u.floored);
  return keep ? { cols: u.bare, ...b } : { cols: u.floored, ...a };
}

/** The columns kept when no drawing is needed to know them (layout.ts tableFrame), else null. */
export function floorFrame(inp: FloorInput): Columns | null {
  const u = undrawn(inp);
  return 'bare' in u ? null : u;
}

/**
 * Whether drawing `b` has no more faults than `a`: labels not owned (ambiguous and misplaced ones among them), crossings, arrows
 * near symbols, connectors off their lanes, junctions, and arrows drawn on top of each other (route/faults.ts, the
 * counts layout-tries.ts fewerFaults judges its tries by).
 */
export function noMoreFaults(a: { lay: SopLayout; faults: Faults }, b: { lay: SopLayout; faults: Faults }): boolean {
  return noMoreThan(b.faults, a.faults) && overlapsIn(b.lay) <= overlapsIn(a.lay);
}

/** Arrows drawn on top of each other in a finished layout (route/tries.ts drawnOverlaps, which only reads its rows). */
function overlapsIn(lay: SopLayout): number {
  return drawnOverlaps(lay.pages.map((pg) => pg.rows as unknown as RowBuilder[]), []);
}

function sameColumns(a: Columns, b: Columns): boolean {
  const keys = ['table', 'no', 'kegiatan', 'lanes', 'lane', 'kelengkapan', 'waktu', 'output', 'keterangan'] as const;
  return keys.every((k) => a[k] === b[k]) && String(a.widths ?? '') === String(b.widths ?? '');
}

/** How many pages the procedure takes on `cols` (paginate.ts on the estimated row heights fillColumns kept). */
export function estimatedPages(model: SopModel, p: Paper, cols: Columns, headers: HeaderWords, footer: number, maxRows?: number): number {
  const known = fittedFor(cols);
  const header = known?.header ?? headerLayout(model, cols, headers);
  return paginate(model, p, cols, symbolSize(cols.lane).h, {
    headerHeight: header.height,
    footerHeight: footer,
    ...(maxRows !== undefined ? { maxRows } : {}),
    ...(known ? { estimated: known.heights } : {}),
  }).pages.length;
}
