/**
 * Off-page connectors (docs/drawing-contract.md, "Off-page connectors"): a flow that crosses a page break ends
 * in a lettered connector in a connector row and resumes from its twin; the letters in the order the flows are
 * routed; each connector under its track when that is clear, else at the nearest clear place, the jog to it on
 * one of two levels.
 */
import { maxOf } from '../../util/array.js';
import { BORDER_GAP, borderX, MIN_RUN, piece, round, rowAt, TRACK_GAP, type PendingConnector, type Pt, type RouteState } from './state.js';

export function newConnectors(): RouteState['connectors'] {
  return { pending: [], letters: 0 };
}

/** The next pair's letter: A..Z, AA, AB... */
export function nextLetter(st: RouteState): string {
  let n = st.connectors.letters++;
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

/** Places every pending connector in its page's connector rows, with the jogs from the tracks to them. */
export function placeConnectors(st: RouteState): void {
  for (const where of ['top', 'bottom'] as const) {
    for (let page = 0; page < st.inp.pageSteps.length; page++) {
      const list = st.connectors.pending.filter((c) => c.page === page && c.where === where).sort((x, y) => x.arrivalX - y.arrivalX);
      if (list.length > 0) placeRow(st, page, where, list);
    }
  }
}

/** One connector row's connectors, left to right by where their tracks arrive. */
function placeRow(st: RouteState, page: number, where: 'top' | 'bottom', list: readonly PendingConnector[]): void {
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
  for (const c of list) {
    const pos = connectorX(st, c.arrivalX, placed);
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
    row.core.symbols.push({ kind: 'connector', x: pos, y: symTopY + sym.ch / 2, step: c.step, lane: inp.laneId(lane), letter: c.letter, from: c.from, to: c.to });
  }
}

/**
 * A connector's x: under the arriving track when it is clear of the lane
 * borders and of the connectors already placed in the row, else the
 * nearest such place (in any lane), at least 1 mm away so the jog is no kink.
 */
function connectorX(st: RouteState, arrival: number, placed: readonly number[]): number {
  const { sym, centers, inp } = st;
  const half = sym.cw / 2;
  const apart = sym.cw + 3;
  let best: number | null = null;
  const consider = (x: number): void => {
    if (x !== arrival && Math.abs(x - arrival) < MIN_RUN - 0.01) return;
    if (placed.some((q) => Math.abs(q - x) < apart - 0.01)) return;
    if (best === null || Math.abs(x - arrival) < Math.abs(best - arrival)) best = x;
  };
  for (let lane = 0; lane < inp.laneCount; lane++) {
    const lo = borderX(st, lane) + half + BORDER_GAP;
    const hi = borderX(st, lane + 1) - half - BORDER_GAP;
    if (lo > hi) {
      consider(centers[lane]!);
      continue;
    }
    // The clamped arrival, the ends of the interval, 1 mm either side, and beside every placed connector.
    const xs = [Math.min(hi, Math.max(lo, arrival)), lo, hi, arrival - MIN_RUN, arrival + MIN_RUN];
    for (const q of placed) xs.push(q - apart, q + apart);
    for (const x of xs) if (x >= lo && x <= hi) consider(x);
  }
  // No room left in the row (more connectors than lanes can hold): beside the last one.
  return round(best ?? Math.min(maxOf([arrival, ...placed.map((q) => q + apart)]), inp.lanesWidth - half - 1));
}
