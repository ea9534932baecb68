/**
 * What the quality report (test/helpers/drawing-quality.mjs) would count against a finished drawing, estimated
 * from the layout: labels not plainly their arrow's (ambiguous or within 1 mm of a lane border), arrows within
 * 1.5 mm of a symbol they do not touch, connectors outside their step's lanes, and crossings. layout.ts compares
 * the drawing with widened decision lanes (fill.ts widenDecisionLanes) against the one with equal lanes on these.
 */
import { CHANNEL_GAP, PX_PER_MM } from '../geometry.js';
import type { RouteInput, RouteOutput, RowBuilder } from '../route.js';
import { boxToPiece, LABEL_ASCENT, LABEL_WIDTH, labelLeft, ownJoin } from './label-space.js';
import { OWN_MARGIN } from './points.js';
import { markHalf } from './end-mark.js';
import { laneAt } from './state.js';
import { drawnCrossings, drawnRows } from './tries.js';
import type { SymbolMark } from '../types.js';

/** 3 mm: a label farther than this from its own arrow is astray (the quality report's limit). */
const ASTRAY = 3 * PX_PER_MM;

export interface Faults {
  /** Labels as near another arrow as their own (1 mm), or within 1 mm of a lane border. */
  readonly labels: number;
  /** Of those, the labels as near another arrow as their own (1 mm): the ones that can be misread. */
  readonly ambiguous: number;
  readonly nearSymbol: number;
  readonly offLane: number;
  /**
   * Connectors in their page's other connector row (the format's: a flow onwards leaves by the bottom row and enters
   * by the next page's top row, a loop back the reverse).
   */
  readonly otherRow: number;
  readonly crossings: number;
  /** Arrows merged into another arrow (a step with no free point left). */
  readonly junctions: number;
  /**
   * Labels lying on another arrow (the quality report's `label on a line`: the glyphs' box, 1 px pad, touching a
   * piece), more than 3 mm from their own or from its vertex (`label astray`), or across a lane border (`label on a
   * border`): worse. Among `labels` too only when also ambiguous or within 1 mm of a border (a label on another arrow
   * or across a border always is; one astray and clear of both is not).
   */
  readonly misplaced: number;
}

/**
 * The faults of a finished drawing; `crossings`: its drawnCrossings, when the caller counted them already; `faulty`,
 * when given, gets the step of each label counted (not owned, or misplaced).
 */
export function drawingFaults(
  inp: Pick<RouteInput, 'laneLefts' | 'lanesWidth' | 'lanesOf' | 'sym'>,
  stepRows: readonly (readonly RowBuilder[])[],
  connectorRows: RouteOutput['connectorRows'],
  crossings = drawnCrossings(stepRows, connectorRows),
  faulty?: Set<number>,
): Faults {
  // Every lane border, the last lane's right one too, as route/state.ts has them: without it a label across it (over
  // the Kelengkapan column's text, 12 lanes on A4) counted as placed well, and laneAt read the last lane as the one
  // before it, so a connector there counted off its lane when it was in it, and in it when it was not.
  const borders = [...inp.laneLefts.map((x) => x - 0.5), inp.lanesWidth - 0.5];
  const outside = (x: number, R: number): boolean => x < borders[0]! - 0.5 || R > borders[borders.length - 1]! + 0.5;
  let labels = 0;
  let ambiguous = 0;
  let nearSymbol = 0;
  let offLane = 0;
  let junctions = 0;
  let misplaced = 0;
  let otherRow = 0;
  // Labels and misplaced ones counted so far (`faulty`: which label added one).
  let counted = 0;
  for (const c of connectorRows) {
    if (c.top) for (const s of c.top.core.symbols) if (inOtherRow(s, true)) otherRow++;
    if (c.bottom) for (const s of c.bottom.core.symbols) if (inOtherRow(s, false)) otherRow++;
  }
  for (const row of drawnRows(stepRows, connectorRows)) {
    for (const p of row.core.pieces) if (p.join) junctions++;
    const pieces = row.core.pieces.filter((p) => typeof p.y1 === 'number' && typeof p.y2 === 'number');
    for (const l of row.core.labels) {
      const width = LABEL_WIDTH[l.text];
      const x = labelLeft(l);
      const R = x + width;
      const T = l.y - LABEL_ASCENT - 1;
      const B = l.y + 1;
      let own = Infinity;
      let other = Infinity;
      for (const p of pieces) {
        const d = boxToPiece(p, x, T, R, B);
        if (p.from === l.from && p.to === l.to) own = Math.min(own, d);
        // The join of the label's own decision (a multi-lane decision) names no branch (labels.ts nearerOwn).
        else if (!ownJoin(p, l.from)) other = Math.min(other, d);
      }
      if (other < own + OWN_MARGIN) ambiguous++;
      // On another arrow, far from its own or its vertex, or across a lane border (a label placed where nothing was free).
      const far = own > ASTRAY || farFromVertex(inp, row, l, x, R, T, B);
      const out = outside(x, R);
      if (other < 0.5 || far || out || borders.some((b) => b > x - 0.5 && b < R + 0.5)) misplaced++;
      if (other < own + OWN_MARGIN || far || out || borders.some((b) => b > x - OWN_MARGIN && b < R + OWN_MARGIN)) labels++;
      if (faulty && (labels + misplaced > counted)) faulty.add(l.from);
      counted = labels + misplaced;
    }
    for (const s of row.core.symbols) {
      const [hw, hh] = markHalf(inp.sym, s);
      if (s.kind === 'connector' && !inp.lanesOf(s.step).includes(laneAt({ borders }, s.x))) offLane++;
      for (const p of pieces) {
        // An end terminator (end-mark.ts): only its own stub touches it.
        if (s.kind === 'end' ? p.from === s.step && p.to === 'selesai' : p.from === s.step || p.to === s.step) continue;
        const dx = Math.max(0, s.x - hw - Math.max(p.x1, p.x2), Math.min(p.x1, p.x2) - (s.x + hw));
        const dy = Math.max(0, s.y - hh - Math.max(p.y1 as number, p.y2 as number), Math.min(p.y1 as number, p.y2 as number) - (s.y + hh));
        if (Math.sqrt(dx * dx + dy * dy) < CHANNEL_GAP - 0.05) nearSymbol++;
      }
    }
  }
  return { labels, ambiguous, nearSymbol, offLane, otherRow, crossings, junctions, misplaced };
}

/**
 * Whether faults `b` are nowhere more than `a`'s: labels not owned (ambiguous and misplaced ones among them),
 * crossings, arrows near symbols, connectors off their lanes, junctions (the callers add arrows on top of each other).
 */
export function noMoreThan(b: Faults, a: Faults): boolean {
  return (
    b.labels <= a.labels &&
    b.ambiguous <= a.ambiguous &&
    b.misplaced <= a.misplaced &&
    b.crossings <= a.crossings &&
    b.nearSymbol <= a.nearSymbol &&
    b.offLane <= a.offLane &&
    b.junctions <= a.junctions
  );
}

/** noMoreThan, and no more connectors in their page's other row. */
export function noMoreAtAll(b: Faults, a: Faults): boolean {
  return noMoreThan(b, a) && b.otherRow <= a.otherRow;
}

/** Whether a symbol is a connector in its page's top row (`top`) or bottom one that the format puts in the other row. */
export function inOtherRow(s: SymbolMark, top: boolean): boolean {
  if (s.kind !== 'connector' || typeof s.from !== 'number' || typeof s.to !== 'number') return false;
  const leaving = s.step === s.from;
  return top !== (s.to <= s.from ? leaving : !leaving);
}

/** Whether a label's box (x..R, T..B) lies more than 3 mm from the vertex its arrow leaves (an end of one of its pieces on its symbol). */
function farFromVertex(inp: Pick<RouteInput, 'sym'>, row: RowBuilder, l: RowBuilder['core']['labels'][number], x: number, R: number, T: number, B: number): boolean {
  const { w, h } = inp.sym;
  const ends = row.core.pieces.filter((p) => p.from === l.from && p.to === l.to && typeof p.y1 === 'number').flatMap((p) => [[p.x1, p.y1 as number], [p.x2, p.y2 as number]] as const);
  // Of every symbol of the step (a multi-lane decision has one per lane), the vertex its arrow leaves.
  for (const s of row.core.symbols) {
    if (s.step !== l.from || s.kind === 'connector') continue;
    const vertices = [
      [s.x - w / 2, s.y],
      [s.x + w / 2, s.y],
      [s.x, s.y - h / 2],
      [s.x, s.y + h / 2],
    ] as const;
    const v = vertices.find(([vx, vy]) => ends.some(([ex, ey]) => Math.abs(ex - vx) < 1.5 && Math.abs(ey - vy) < 1.5));
    if (!v) continue;
    const dx = Math.max(0, x - v[0], v[0] - R);
    const dy = Math.max(0, T - v[1], v[1] - B);
    return Math.sqrt(dx * dx + dy * dy) > ASTRAY;
  }
  return false;
}
