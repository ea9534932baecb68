/**
 * Issue 20 items 1 and 7 in narrow equal lanes (under NARROW_LANE: 11-12 lanes on A4 and F4): a decision's label
 * that the finished drawing leaves not owned (as near another arrow as its own, or within 1 mm of a lane border,
 * route/faults.ts) often has no owned place at all in lanes as routed (47 px on A4 at 12 lanes: Ya beside a bottom
 * exit that turns sideways, Tidak beside a side vertex), whatever the router tries. A few px more of every lane
 * give it one: the columns are searched again with the lanes at least that much wider (fill.ts `laneLeast`, the
 * width taken from Kegiatan and the Mutu Baku columns down to their floors, so the lanes stay equal, as the format
 * has them), and the drawing on them is kept when the procedure takes no more pages (estimated), its labels are
 * fewer, and nothing else the layout's tries count is more (crossings, arrows near symbols, connectors off their
 * lanes or in the other row, junctions, arrows on top of each other: decision-floor.ts noMoreFaults). Wider lanes
 * move every route, so the wider table is judged by a drawing, once per SOP and options.
 */
import type { SopModel } from '../model/model.js';
import type { Columns } from './geometry.js';
import { NARROW_LANE } from './paginate.js';
import { noMoreFaults } from './decision-floor.js';
import type { Faults } from './route/faults.js';
import type { SopLayout } from './types.js';
import { KeyedMemo } from '../util/keyed-memo.js';

/**
 * How much wider every lane is tried, px. Measured on the generated 25-step, 12-lane procedure on F4: at 60 px
 * instead of 56 every label is owned (each gutter 17 px instead of 16, geometry.ts symbolSize), at 58-59 "Tidak"
 * of a decision met by two arrows is still as near the branch to the next step as its own.
 */
export const ROOM_PX = 4;
/**
 * Kegiatan's least share of the table when the lanes widen for a label: under its 15 % floor (geometry.ts
 * kegiatanFloor), as the table has no other room at 11-12 lanes (the Mutu Baku columns are at their longest word
 * there), and only when the procedure takes no more pages for it (estimated). F4's 12 lanes of 60 px leave 11.5 %.
 */
export const ROOM_KEGIATAN = 0.11;

/** What the choice needs from the layout (layout.ts). */
export interface RoomInput {
  readonly model: SopModel;
  /** The layout options that shape the columns (as decision-floor.ts FloorInput's key). */
  readonly key: string;
  /** The columns chosen (equal lanes). */
  readonly cols: Columns;
  /** Their drawing on the estimated pages, when the layout has it already (decision-floor.ts drew it). */
  readonly drawn?: { lay: SopLayout; faults: Faults };
  /** The columns searched again with every lane at least `lane` px wide. */
  readonly columns: (lane: number) => Columns;
  /** How many pages the procedure takes on columns `cols`, estimated (paginate.ts, before routing). */
  readonly pages: (cols: Columns) => number;
  /** The layout on columns `cols`, on the estimated pages, with what the quality report would count in it. */
  readonly draw: (cols: Columns) => { lay: SopLayout; faults: Faults };
}

/** Per model and layout options: the columns kept. */
const chosen = new KeyedMemo<SopModel, Columns>();

/** Whether the lanes of `cols` may be searched again for a label's room (no drawing needed to know). */
export function roomMayWiden(model: SopModel, cols: Columns): boolean {
  return !cols.widths && cols.lane < NARROW_LANE && model.steps.some((s) => s.symbol === 'decision');
}

/**
 * The columns kept when known without drawing: chosen before for these options, never widened, or widened to no
 * avail (the table has no room for wider lanes, or they take more pages: nothing to draw); else null.
 */
export function knownRoom(inp: Pick<RoomInput, 'model' | 'key' | 'cols' | 'columns' | 'pages'>): Columns | null {
  if (!roomMayWiden(inp.model, inp.cols)) return inp.cols;
  const known = chosen.get(inp.model, inp.key);
  if (known) return known;
  return roomier(inp) ? null : chosen.set(inp.model, inp.key, inp.cols);
}

/** The columns with every lane ROOM_PX wider, when the table has room for them on no more pages (estimated); else null. */
function roomier(inp: Pick<RoomInput, 'model' | 'key' | 'cols' | 'columns' | 'pages'>): Columns | null {
  const known = wider.get(inp.model, inp.key);
  if (known !== undefined) return known;
  const c = inp.columns(inp.cols.lane + ROOM_PX);
  return wider.set(inp.model, inp.key, !c.widths && c.lane >= inp.cols.lane + ROOM_PX && inp.pages(c) <= inp.pages(inp.cols) ? c : null);
}
/** Per model and layout options: roomier's columns (searched once: tableFrame and the layout both ask). */
const wider = new KeyedMemo<SopModel, Columns | null>();

/**
 * The columns kept (the same for every layout of this model and options: the PDF's measuring pass and its print
 * take the same), and their drawing on the estimated pages.
 */
export function roomColumns(inp: RoomInput): { cols: Columns; lay: SopLayout } {
  let best = inp.drawn ?? inp.draw(inp.cols);
  let cols = inp.cols;
  const w = best.faults.labels > 0 ? roomier(inp) : null;
  if (w) {
    const d = inp.draw(w);
    if (roomIsBetter(best, d)) {
      best = d;
      cols = w;
    }
  }
  chosen.set(inp.model, inp.key, cols);
  return { cols, lay: best.lay };
}

/** Whether drawing `b` owns more labels than `a` and has no more of anything else (connectors in the other row too). */
function roomIsBetter(a: { lay: SopLayout; faults: Faults }, b: { lay: SopLayout; faults: Faults }): boolean {
  return b.faults.labels < a.faults.labels && b.faults.otherRow <= a.faults.otherRow && noMoreFaults(a, b);
}
