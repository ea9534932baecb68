/**
 * What is drawn so far: polylines turned into the rows' pieces (core band, stretching top and bottom bands), and
 * the crossings they make with what was drawn before them (docs/drawing-contract.md, "Crossings").
 */
import type { FlowTarget } from '../../model/model.js';
import type { Piece, Y } from '../types.js';
import type { RowBuilder } from '../route.js';
import { coreH, g, piece, rowAt, type Pt, type RouteState } from './state.js';

/** The empty record of what is drawn, one list per page. */
export function newDrawn(inp: RouteState['inp']): RouteState['drawn'] {
  return { vsegs: inp.pageSteps.map(() => []), hsegs: inp.pageSteps.map(() => []), currentFlow: -1, crossings: 0, crossed: new Set() };
}

/** Counts a polyline's crossings with what is drawn (noting both flows) and adds its runs to what is drawn. */
export function record(st: RouteState, page: number, pts: readonly Pt[]): void {
  const d = st.drawn;
  d.crossings += crossings(st, page, pts, (other) => {
    if (other >= 0) d.crossed.add(other);
    if (d.currentFlow >= 0) d.crossed.add(d.currentFlow);
  });
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i]!;
    const b = pts[i + 1]!;
    if (a.x === b.x) d.vsegs[page]!.push({ x: a.x, g1: Math.min(g(a.r, a.y), g(b.r, b.y)), g2: Math.max(g(a.r, a.y), g(b.r, b.y)), flow: d.currentFlow });
    else d.hsegs[page]!.push({ g: g(a.r, a.y), x1: Math.min(a.x, b.x), x2: Math.max(a.x, b.x), flow: d.currentFlow });
  }
}

/** What the rows hold already (the joins between the symbols of a multi-lane step) counts for crossings too. */
export function recordRows(st: RouteState): void {
  st.inp.stepRows.forEach((rows, page) =>
    rows.forEach((row, r) => {
      for (const p of row.core.pieces) record(st, page, [{ x: p.x1, r, y: p.y1 as number }, { x: p.x2, r, y: p.y2 as number }]);
    }),
  );
}

/**
 * How many drawn segments of the page a polyline crosses (each one's flow told to `hit`, when given); counting
 * stops at `stop` (a route that crosses so often can no longer win: tracks.ts plan); the first `length` points.
 */
export function crossings(st: RouteState, page: number, pts: readonly Pt[], hit?: (flow: number) => void, stop = Infinity, length = pts.length): number {
  let n = 0;
  for (let i = 0; i + 1 < length && n < stop; i++) {
    const a = pts[i]!;
    const b = pts[i + 1]!;
    if (a.x === b.x) {
      const g1 = Math.min(g(a.r, a.y), g(b.r, b.y));
      const g2 = Math.max(g(a.r, a.y), g(b.r, b.y));
      for (const h of st.drawn.hsegs[page]!)
        if (h.g > g1 && h.g < g2 && a.x > h.x1 && a.x < h.x2) {
          n++;
          hit?.(h.flow);
        }
    } else {
      const gy = g(a.r, a.y);
      const x1 = Math.min(a.x, b.x);
      const x2 = Math.max(a.x, b.x);
      for (const v of st.drawn.vsegs[page]!)
        if (v.x > x1 && v.x < x2 && gy > v.g1 && gy < v.g2) {
          n++;
          hit?.(v.flow);
        }
    }
  }
  return n;
}

/**
 * Draws a polyline as pieces in the bands of the rows it passes (recording it for crossings); the last piece
 * gets the arrowhead, or (a merged arrow) the join. An arrow that reaches its step on this page becomes one
 * that later flows to the step may merge into.
 */
export function emit(st: RouteState, page: number, pts: readonly Pt[], from: number, to: FlowTarget, arrow: boolean, join?: string): void {
  record(st, page, pts);
  const n = st.inp.stepRows[page]!.length;
  const isStep = (r: number): boolean => r >= 0 && r < n;
  // A run above the core band (a lifted top exit): the row's band grows to hold it (liftRows).
  for (const p of pts)
    if (p.y < 0 && isStep(p.r)) {
      const row = rowAt(st, page, p.r);
      row.lift = Math.max(row.lift ?? 0, -p.y);
    }
  let last: Piece | null = null;
  let lastRow: RowBuilder | null = null;
  const core = (r: number, x1: number, y1: number, x2: number, y2: number): void => {
    if (x1 === x2 && y1 === y2) return;
    const row = rowAt(st, page, r);
    last = piece(x1, y1, x2, y2, from, to, false);
    lastRow = row;
    row.core.pieces.push(last);
  };
  const band = (r: number, which: 'top' | 'bottom', x: number, down: boolean): void => {
    if (!isStep(r)) return;
    rowAt(st, page, r)[which].push(down ? piece(x, 0, x, '100%', from, to, false) : piece(x, '100%', x, 0, from, to, false));
  };
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i]!;
    const b = pts[i + 1]!;
    if (a.r === b.r) {
      core(a.r, a.x, a.y, b.x, b.y);
      continue;
    }
    const x = a.x;
    if (b.r > a.r) {
      core(a.r, x, a.y, x, coreH(st, page, a.r));
      band(a.r, 'bottom', x, true);
      for (let r = a.r + 1; r < b.r; r++) {
        band(r, 'top', x, true);
        core(r, x, 0, x, coreH(st, page, r));
        band(r, 'bottom', x, true);
      }
      band(b.r, 'top', x, true);
      core(b.r, x, 0, x, b.y);
    } else {
      core(a.r, x, a.y, x, 0);
      band(a.r, 'top', x, false);
      for (let r = a.r - 1; r > b.r; r--) {
        band(r, 'bottom', x, false);
        core(r, x, coreH(st, page, r), x, 0);
        band(r, 'top', x, false);
      }
      band(b.r, 'bottom', x, false);
      core(b.r, x, coreH(st, page, b.r), x, b.y);
    }
  }
  if ((arrow || join) && last && lastRow) {
    const l: Piece = last;
    const row: RowBuilder = lastRow;
    row.core.pieces[row.core.pieces.length - 1] = join ? { ...l, join } : { ...l, arrow: true };
  }
  // An arrow that reaches its step (not a merged one, not the half ending in a connector) can take merged ones.
  if (arrow && typeof to === 'number' && st.inp.pageOf.get(to) === page) {
    const list = st.hostsOf.get(to) ?? [];
    list.push({ key: `${from}->${to}`, page, pts });
    st.hostsOf.set(to, list);
  }
}

/**
 * Rows with a run above the core band's top (a lifted top exit, top-exit.ts liftedRun): the band grows by that
 * much and 1 px at its top, and as much at its bottom so that its symbols keep their place in the row (the band
 * is centred in it); everything in it moves down as much, but the ends of runs at the band's edges, which meet
 * the stretching bands. Done once every route is drawn and before the labels are placed (their wishes move too).
 */
export function liftRows(st: RouteState): void {
  st.inp.stepRows.forEach((rows, page) =>
    rows.forEach((row, r) => {
      if (!row.lift) return;
      const e = Math.ceil(row.lift) + 1;
      const h = row.core.height;
      const y = (v: number): number => (v === 0 ? 0 : v === h ? h + 2 * e : v + e);
      const band = (v: Y): Y => (typeof v === 'number' ? y(v) : v);
      const { pieces, symbols, labels } = row.core;
      for (let i = 0; i < pieces.length; i++) pieces[i] = { ...pieces[i]!, y1: band(pieces[i]!.y1), y2: band(pieces[i]!.y2) };
      for (let i = 0; i < symbols.length; i++) symbols[i] = { ...symbols[i]!, y: symbols[i]!.y + e };
      for (let i = 0; i < labels.length; i++) labels[i] = { ...labels[i]!, y: labels[i]!.y + e };
      for (const w of st.labelWishes)
        if (w.page === page && w.r === r) {
          w.at = { ...w.at, y: w.at.y + e };
          w.end = { x: w.end.x, y: y(w.end.y) };
        }
      row.core.height = h + 2 * e;
      row.lift = 0;
    }),
  );
}
