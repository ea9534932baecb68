/**
 * Off-page connectors (docs/drawing-contract.md, "Off-page connectors"): a flow that crosses a page break ends
 * in a lettered connector in a connector row and resumes from its twin; the letters in the order the flows are
 * routed; each connector under its track when that is clear, else at the nearest clear place, the jog to it on
 * one of two levels.
 */
import { maxOf } from '../../util/array.js';
import type { RowBuilder } from '../route.js';
import { BORDER_GAP, borderX, MIN_RUN, piece, round, rowAt, TRACK_GAP, type PendingConnector, type Pt, type RouteState } from './state.js';
import { pushAll } from '../../util/array.js';

export function newConnectors(): RouteState['connectors'] {
  return { pending: [], letters: 0 };
}

/** The next pair's key, in the order flows are routed (placeConnectors letters the pairs in reading order). */
export function nextLetter(st: RouteState): string {
  return String(st.connectors.letters++);
}

/** The n-th letter: A..Z, AA, AB... */
function letterOf(n: number): string {
  let s = '';
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}

/**
 * One half of a flow across a page break: the connector its track arrives at (flowIn: the flow goes into it) or
 * leaves from; placed by placeConnectors once every page is routed.
 */
export function pendConnector(st: RouteState, c: PendingConnector): void {
  st.connectors.pending.push(c);
}

/** A connector placed in its row, its symbol still to draw (its letter is known once every row is placed). */
interface Placed {
  readonly c: PendingConnector;
  readonly row: RowBuilder;
  readonly pos: number;
  readonly y: number;
  readonly lane: number;
}

/**
 * Places every pending connector in its page's connector rows, with the jogs from the tracks to them; then
 * letters them in reading order (issue 20 item 2): page by page, the top row before the bottom one, left to
 * right, each pair's first appearance takes the next letter.
 */
export function placeConnectors(st: RouteState): void {
  const placed: Placed[] = [];
  for (let page = 0; page < st.inp.pageSteps.length; page++) {
    for (const where of ['top', 'bottom'] as const) {
      const list = st.connectors.pending.filter((c) => c.page === page && c.where === where).sort((x, y) => x.arrivalX - y.arrivalX);
      if (list.length > 0) pushAll(placed, placeRow(st, page, where, list).sort((p, q) => p.pos - q.pos));
    }
  }
  const letters = new Map<string, string>();
  let n = 0;
  for (const p of placed) if (!letters.has(p.c.letter)) letters.set(p.c.letter, letterOf(n++));
  for (const { c, row, pos, y, lane } of placed)
    row.core.symbols.push({ kind: 'connector', x: pos, y, step: c.step, lane: st.inp.laneId(lane), letter: letters.get(c.letter)!, from: c.from, to: c.to });
}

/** One connector row's connectors, left to right by where their tracks arrive. */
function placeRow(st: RouteState, page: number, where: 'top' | 'bottom', list: readonly PendingConnector[]): Placed[] {
  const { inp, sym } = st;
  const H = inp.connectorRowHeight;
  const row = rowAt(st, page, where === 'top' ? -1 : inp.stepRows[page]!.length);
  const symTopY = where === 'top' ? 2 : H - 2 - sym.ch;
  const tipY = symTopY + sym.ch;
  // The flow meets the connector at its tip (top row) or its flat top (bottom row).
  const meetY = where === 'top' ? tipY : symTopY;
  const boundary = where === 'top' ? H : 0;
  // Jogs run on two levels, each at least 1.5 mm from the row's edge and 1 mm from the connectors; a jog takes
  // the level nearer the connectors unless it would run along another jog there.
  const near = where === 'top' ? tipY + MIN_RUN + 0.2 : symTopY - MIN_RUN - 0.2;
  const levels = where === 'top' ? [near, near + TRACK_GAP + 0.1] : [near, near - TRACK_GAP - 0.1];
  const busy: [number, number][][] = levels.map(() => []);
  const placed: number[] = [];
  const out: Placed[] = [];
  for (const c of list) {
    const pos = connectorX(st, c.arrivalX, placed, inp.lanesOf(c.step), list.map((o) => o.arrivalX));
    placed.push(pos);
    const lane = Math.min(inp.laneCount - 1, Math.max(0, Math.floor(pos / inp.laneWidth)));
    const lo = Math.min(pos, c.arrivalX) - 2;
    const hi = Math.max(pos, c.arrivalX) + 2;
    let k = levels.findIndex((_, i) => busy[i]!.every(([a2, b2]) => hi < a2 || lo > b2));
    if (k < 0) k = 0;
    busy[k]!.push([lo, hi]);
    const jog = round(levels[k]!);
    const path: Pt[] =
      pos === c.arrivalX
        ? [{ x: pos, r: 0, y: boundary }, { x: pos, r: 0, y: meetY }]
        : [{ x: c.arrivalX, r: 0, y: boundary }, { x: c.arrivalX, r: 0, y: jog }, { x: pos, r: 0, y: jog }, { x: pos, r: 0, y: meetY }];
    const ordered = c.flowIn ? path : [...path].reverse();
    ordered.forEach((pt, k2) => {
      const nx = ordered[k2 + 1];
      if (nx) row.core.pieces.push(piece(pt.x, pt.y, nx.x, nx.y, c.from, c.to, c.flowIn && k2 === ordered.length - 2));
    });
    out.push({ c, row, pos, y: symTopY + sym.ch / 2, lane });
  }
  return out;
}

/**
 * A connector's x: under the arriving track when it is clear of the lane
 * borders and of the connectors already placed in the row, else the
 * nearest such place (in any lane), at least 1 mm away so the jog is no kink.
 */
function connectorX(st: RouteState, arrival: number, placed: readonly number[], own: readonly number[], arrivals: readonly number[]): number {
  const { sym, centers, inp } = st;
  const half = sym.cw / 2;
  const apart = sym.cw + 3;
  let best: number | null = null;
  let ownLanes = true;
  const consider = (x: number): void => {
    if (x !== arrival && Math.abs(x - arrival) < MIN_RUN - 0.01) return;
    // In the step's lanes only when the jog there crosses no other flow arriving in the row (issue 20 item 3).
    if (ownLanes && arrivals.some((q) => q !== arrival && (q - x) * (q - arrival) < 0)) return;
    if (placed.some((q) => Math.abs(q - x) < apart - 0.01)) return;
    if (best === null || Math.abs(x - arrival) < Math.abs(best - arrival)) best = x;
  };
  // The lanes of the connector's step first (issue 20 item 2: no arrow crosses the page to its connector); any lane when they are full.
  for (const lanes of [own, inp.laneCount > own.length ? [...Array(inp.laneCount).keys()] : []]) {
    for (const lane of lanes) considerLane(lane);
    if (best !== null) break;
    ownLanes = false;
  }
  function considerLane(lane: number): void {
    const lo = borderX(st, lane) + half + BORDER_GAP;
    const hi = borderX(st, lane + 1) - half - BORDER_GAP;
    if (lo > hi) {
      consider(centers[lane]!);
      return;
    }
    // The clamped arrival, the ends of the interval, 1 mm either side, and beside every placed connector.
    const xs = [Math.min(hi, Math.max(lo, arrival)), lo, hi, arrival - MIN_RUN, arrival + MIN_RUN];
    for (const q of placed) xs.push(q - apart, q + apart);
    for (const x of xs) if (x >= lo && x <= hi) consider(x);
  }
  // No room left in the row (more connectors than lanes can hold): beside the last one.
  return round(best ?? Math.min(maxOf([arrival, ...placed.map((q) => q + apart)]), inp.lanesWidth - half - 1));
}
