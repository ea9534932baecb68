/**
 * Off-page connectors (docs/drawing-contract.md, "Off-page connectors"): a flow that crosses a page break ends
 * in a lettered connector in a connector row and resumes from its twin; the letters in reading order; a row's
 * connectors placed together in their steps' lanes, in the order their tracks arrive, the jog to each on one of
 * two levels.
 */
import { maxOf } from '../../util/array.js';
import type { FlowEdge } from '../../model/model.js';
import type { SymbolMark } from '../types.js';
import type { RowBuilder } from '../route.js';
import { BORDER_GAP, borderX, HEAD_RUN, laneAt as laneOfX, layoutMemo, MIN_RUN, piece, round, routedSteps, rowAt, TRACK_GAP, type PendingConnector, type Pt, type RouteState } from './state.js';
import { pushAll } from '../../util/array.js';
import { assignLevels, crossIn, laneRoom, packIn } from './connector-levels.js';

export function newConnectors(): RouteState['connectors'] {
  return { pending: [], rows: null, rowFree: new Set(), crossIn: false };
}

/**
 * Whether a page has a connector row at its top or bottom: pagination made room for the rows the flows across
 * its breaks need in their usual places (the bottom of the source page, the top of the target; for a loop back
 * the reverse), and a flow may end in the other row of its page only when that row is there anyway.
 */
export function hasRow(st: RouteState, page: number, where: 'top' | 'bottom'): boolean {
  let rows = st.connectors.rows;
  if (!rows) {
    rows = new Set();
    const { inp } = st;
    const add = (e: FlowEdge): void => {
      if (typeof e.to !== 'number') return;
      const pa = inp.pageOf.get(e.from)!;
      const pb = inp.pageOf.get(e.to)!;
      if (pa === pb) return;
      rows!.add(`${pa}:${pb > pa ? 'bottom' : 'top'}`);
      rows!.add(`${pb}:${pb > pa ? 'top' : 'bottom'}`);
    };
    // The flows with an end on the pages routed (RouteInput.pages): those the rows of those pages are made for.
    for (const n of routedSteps(inp)) {
      for (const e of inp.outgoing[n]!) add(e);
      if (inp.incoming) for (const e of inp.incoming[n]!) add(e);
    }
    if (!inp.incoming && inp.pages) for (const s of inp.model.steps) for (const e of inp.outgoing[s.number]!) add(e);
    st.connectors.rows = rows;
  }
  return rows.has(`${page}:${where}`);
}

/**
 * The crossings a connector for `step` arriving at x would make in its row with the connectors already pending
 * there, each placed in its step's lanes nearest its arrival: one for each pair whose arrivals and connectors
 * run in opposite orders (their jogs cannot nest).
 */
export function rowCrossings(st: RouteState, page: number, where: 'top' | 'bottom', x: number, step: number): number {
  const place = (arrival: number, s: number): number => {
    const lanes = st.inp.lanesOf(s);
    const lo = borderX(st, lanes[0]!) + st.sym.cw / 2 + BORDER_GAP;
    const hi = borderX(st, lanes[lanes.length - 1]! + 1) - st.sym.cw / 2 - BORDER_GAP;
    return lo > hi ? (lo + hi) / 2 : Math.min(hi, Math.max(lo, arrival));
  };
  const pos = place(x, step);
  let n = 0;
  for (const c of st.connectors.pending) {
    if (c.page !== page || c.where !== where || c.arrivalX === x) continue;
    if ((c.arrivalX - x) * (place(c.arrivalX, c.step) - pos) < 0) n++;
  }
  return n;
}

/**
 * A flow's connector pair's key, the same in every try (placeConnectors letters the pairs in reading order; a
 * drawing put together from tries of different pages is lettered again by letterConnectors).
 */
export function pairKey(e: FlowEdge): string {
  return `${e.from}>${String(e.to)}>${e.label ?? ''}`;
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
  /** On the row's second level (packRow's `raised`). */
  readonly raised: boolean;
}

/**
 * Places every pending connector in its page's connector rows, with the jogs from the tracks to them; then
 * letters them in reading order (issue 20 item 2): page by page, the top row before the bottom one, left to
 * right, each pair's first appearance takes the next letter. Placed again (those placed before taken away) with
 * `raise`, a lane too narrow for three may hold one on the row's second level; whether one does. `again`: placed
 * again as they are (RouteOutput.crossIn).
 */
export function placeConnectors(st: RouteState, raise = false, again = false): boolean {
  // No row's lanes were too narrow for its connectors: a second level would change nothing.
  if (!again && raise && placing.has(st) && !crowded.has(st)) return false;
  unplace(st);
  crowded.delete(st);
  const mine: { row: RowBuilder; mark: SymbolMark | null; pieces: number }[] = [];
  placing.set(st, mine);
  const placed: Placed[] = [];
  const pages = [...new Set(st.connectors.pending.map((c) => c.page))].sort((a, b) => a - b);
  for (const page of pages) {
    for (const where of ['top', 'bottom'] as const) {
      const list = st.connectors.pending.filter((c) => c.page === page && c.where === where).sort((x, y) => x.arrivalX - y.arrivalX);
      // Reading order: top to bottom (a connector on the row's second level first in a bottom row, last in a top
      // row), then left to right.
      if (list.length > 0) pushAll(placed, placeRow(st, page, where, list, raise, mine).sort((p, q) => p.y - q.y || p.pos - q.pos));
    }
  }
  const letters = new Map<string, string>();
  let n = 0;
  for (const p of placed) if (!letters.has(p.c.letter)) letters.set(p.c.letter, letterOf(n++));
  for (const { c, row, pos, y, lane } of placed) {
    const mark: SymbolMark = { kind: 'connector', x: pos, y, step: c.step, lane: st.inp.laneId(lane), letter: letters.get(c.letter)!, from: c.from, to: c.to };
    pairs.set(mark, c.letter);
    row.core.symbols.push(mark);
    mine.push({ row, mark, pieces: 0 });
  }
  return placed.some((p) => p.raised);
}

/** What placeConnectors added to each row (its symbols, and how many pieces), so that it can place them again. */
const placing = new WeakMap<RouteState, { row: RowBuilder; mark: SymbolMark | null; pieces: number }[]>();

/** The states with a row where a connector is outside its step's lanes, a lane of its step holding two (placeRow). */
const crowded = new WeakSet<RouteState>();

/** Takes away the connectors placeConnectors placed in `st`'s rows, and the jogs to them. */
function unplace(st: RouteState): void {
  const mine = placing.get(st);
  if (!mine) return;
  placing.delete(st);
  for (const { row, mark, pieces } of mine) {
    const at = mark ? row.core.symbols.indexOf(mark) : -1;
    if (at >= 0) row.core.symbols.splice(at, 1);
    if (pieces > 0) row.core.pieces.splice(row.core.pieces.length - pieces, pieces);
  }
}

/** Each connector placed: its pair's key (pairKey). */
const pairs = new WeakMap<SymbolMark, string>();

/**
 * Letters again the connectors of a drawing whose pages come from different tries (layout.ts): in reading order,
 * page by page (each page's top connector row, then its bottom one), left to right, as placeConnectors does.
 */
export function letterConnectors(connectorRows: readonly { top: RowBuilder | null; bottom: RowBuilder | null }[]): void {
  const letters = new Map<string, string>();
  for (const c of connectorRows)
    for (const row of [c.top, c.bottom]) {
      if (!row) continue;
      const syms = row.core.symbols;
      for (let i = 0; i < syms.length; i++) {
        const key = pairs.get(syms[i]!);
        if (key === undefined) continue;
        let letter = letters.get(key);
        if (letter === undefined) letters.set(key, (letter = letterOf(letters.size)));
        if (syms[i]!.letter === letter) continue;
        const mark: SymbolMark = { ...syms[i]!, letter };
        pairs.set(mark, key);
        syms[i] = mark;
      }
    }
}

/** One connector row's connectors, left to right by where their tracks arrive. */
function placeRow(
  st: RouteState,
  page: number,
  where: 'top' | 'bottom',
  list: readonly PendingConnector[],
  raise: boolean,
  mine: { row: RowBuilder; mark: SymbolMark | null; pieces: number }[],
): Placed[] {
  const { inp, sym } = st;
  const H = where === 'top' ? inp.connectorRowHeight : inp.bottomRowHeight(page);
  const row = rowAt(st, page, where === 'top' ? -1 : inp.stepRows[page]!.length);
  const symTopY = where === 'top' ? 2 : H - 2 - sym.ch;
  const tipY = symTopY + sym.ch;
  // The flow meets the connector at its tip (top row) or its flat top (bottom row).
  const meetY = where === 'top' ? tipY : symTopY;
  const boundary = where === 'top' ? H : 0;
  // Jogs run on two levels, each at least 1.5 mm from the row's edge and an arrowhead and 1 px (HEAD_RUN) from the
  // connectors, so that the head of a flow into a connector lies on its own run, short of the corner (1 mm was
  // less than the head: it hung over the corner and over the jog beside); a jog takes the level nearer the
  // connectors unless it would run along another jog there. A shorter row (paginate.ts CONNECTOR_ROW_ONE: at most
  // one flow leaves the page there) keeps its nearer level 1 mm from them, and a flow into a connector takes the
  // farther one, an arrowhead and more from it, but where that would cross another jog.
  const roomy = H - 2 - sym.ch - HEAD_RUN - TRACK_GAP - 0.1 >= BORDER_GAP;
  const gap = roomy ? HEAD_RUN : MIN_RUN + 0.2;
  const near = where === 'top' ? tipY + gap : symTopY - gap;
  const levels = where === 'top' ? [near, near + TRACK_GAP + 0.1] : [near, near - TRACK_GAP - 0.1];
  const placed: number[] = [];
  const done: { c: PendingConnector; pos: number }[] = [];
  const arrivals = list.map((o) => o.arrivalX);
  const packed = packedRow(st, list, raise);
  const before = row.core.pieces.length;
  if (packed) list.forEach((c, i) => done.push({ c, pos: packed.at[i]! }));
  else
    for (const c of list) {
      const pos = connectorX(st, c.arrivalX, placed, inp.lanesOf(c.step), arrivals, done);
      placed.push(pos);
      done.push({ c, pos });
    }
  // A connector outside its step's lanes where a lane of its step holds two: a second level might take it in.
  const lanesHeld = done.map(({ pos }) => laneOfX(st, pos));
  const full = (l: number): boolean => lanesHeld.filter((h) => h === l).length >= 2;
  if (!raise && done.some(({ c }, i) => !inp.lanesOf(c.step).includes(lanesHeld[i]!) && inp.lanesOf(c.step).some(full))) crowded.add(st);
  const far = (c: PendingConnector): boolean => !roomy && c.flowIn;
  // Connectors the order of the arrivals walled out of their steps' lanes: brought in across another flow's run.
  if (packed && st.connectors.crossIn) crossIn(st, done, levels, boundary, meetY, far, packed.raised);
  const jogLevels = assignLevels(done.map(({ c, pos }) => ({ a: c.arrivalX, p: pos, far: far(c) })), levels, boundary, meetY, sym.cw / 2);
  // A connector on the row's second level (packRow's `raised`): straight under its track, 3.5 px from the row's
  // edge the track comes from (over 2 px: the run in the row above ends clear of its outline), its flow meeting it there.
  const raisedTop = where === 'top' ? H - RAISED_EDGE - sym.ch : RAISED_EDGE;
  const raisedMeet = where === 'top' ? raisedTop + sym.ch : raisedTop;
  const out: Placed[] = [];
  done.forEach(({ c, pos }, i) => {
    const lane = laneOfX(st, pos);
    const jog = round(levels[jogLevels[i]!]!);
    const up = packed?.raised === i;
    const path: Pt[] =
      pos === c.arrivalX
        ? [{ x: pos, r: 0, y: boundary }, { x: pos, r: 0, y: up ? raisedMeet : meetY }]
        : [{ x: c.arrivalX, r: 0, y: boundary }, { x: c.arrivalX, r: 0, y: jog }, { x: pos, r: 0, y: jog }, { x: pos, r: 0, y: meetY }];
    const ordered = c.flowIn ? path : [...path].reverse();
    ordered.forEach((pt, k2) => {
      const nx = ordered[k2 + 1];
      if (nx) row.core.pieces.push(piece(pt.x, pt.y, nx.x, nx.y, c.from, c.to, c.flowIn && k2 === ordered.length - 2));
    });
    out.push({ c, row, pos, y: (up ? raisedTop : symTopY) + sym.ch / 2, lane, raised: up });
  });
  mine.push({ row, mark: null, pieces: row.core.pieces.length - before });
  return out;
}

/**
 * packRow's answer, worked out once per layout (with its slantCache, RouteInput.slantCache: the same lanes and
 * symbols) for the same connectors arriving at the same places: the tries of a page route most of its flows across
 * pages alike. Depends on nothing else (the arrivals, the connectors' steps and the frame).
 */
function packedRow(st: RouteState, list: readonly PendingConnector[], raise: boolean): Packed {
  const memo = layoutMemo(packedMemo, st);
  if (!memo) return packRow(st, list, raise);
  let key = raise ? 'r;' : '';
  for (const c of list) key += `${c.arrivalX},${c.step};`;
  let packed = memo.get(key);
  if (packed === undefined) memo.set(key, (packed = packRow(st, list, raise)));
  return packed;
}
/** packRow's answer: each connector's x, and which one (if any) sits on the row's second level. */
type Packed = { at: number[]; raised: number } | null;
const packedMemo = new WeakMap<object, Map<string, Packed>>();

/**
 * Every connector of a row in a lane of its step, in the order of their arrivals (so that no two jogs cross:
 * they nest, assignLevels), each as near its arrival as the others let it, one connector's width and 3 px apart,
 * clear of the lane borders, and either under its arrival or 1 mm or more from it (no kink). A connector whose
 * track arrives outside its step's lanes and cannot reach them so (the order of the arrivals forbids it: its jog
 * would cross another flow, issue 20 item 3) stays in the lane of its track, or the lane beside it when that
 * leaves its place to a connector of that lane. Null when the lanes cannot hold
 * them so (connectorX then places them one by one).
 */
function packRow(st: RouteState, list: readonly PendingConnector[], raise: boolean): Packed {
  const { inp, sym, centers } = st;
  const half = sym.cw / 2;
  /** The place a connector may take in a lane: clear of its borders (the centre in a lane too narrow). */
  const laneSpan = (lane: number): [number, number] => {
    const [lo, hi] = laneRoom(st, lane);
    return lo > hi ? [centers[lane]!, centers[lane]!] : [lo, hi];
  };
  const laneAt = (x: number): number => laneOfX(st, x);
  // Each connector's interval: the lane of its step nearest its arrival.
  const own = list.map((c) => {
    let best: [number, number] = laneSpan(inp.lanesOf(c.step)[0]!);
    let bestD = Infinity;
    for (const lane of inp.lanesOf(c.step)) {
      const sp = laneSpan(lane);
      const d = Math.max(0, sp[0] - c.arrivalX, c.arrivalX - sp[1]);
      if (d < bestD) [best, bestD] = [sp, d];
    }
    return { span: best, outside: bestD > 0 && !inp.lanesOf(c.step).includes(laneAt(c.arrivalX)) ? bestD : 0 };
  });
  const relaxed = new Map<number, readonly [number, number]>();
  const pack = (extra?: [number, readonly [number, number]], raised = -1): number[] | number => {
    const spans = own.map((o, i) => (extra && extra[0] === i ? extra[1] : (relaxed.get(i) ?? o.span)));
    if (raised < 0) return packSpans(arrivals, spans, sym.cw + 3, half + TRACK_GAP);
    return packRaised(arrivals, spans, raised, sym.cw + 3, half + TRACK_GAP);
  };
  const arrivals = list.map((c) => c.arrivalX);
  const first = pack();
  if (typeof first !== 'number') return { at: first, raised: -1 };
  // Connectors whose tracks arrive outside their lanes stay in the lanes of their tracks, and a lane too narrow for
  // all its connectors gives one to the lane beside it (the order kept): of such placements, the one with the fewest
  // connectors outside their steps' lanes (issue 20 item 2: a connector whose jog to its lanes crosses nothing is
  // not left out with one that cannot reach its own), then one without a connector moved aside, then the
  // shortest jogs (the one moved aside: its own). Sets of those left outside by size, one, two, ... of them.
  const outside = list.map((_, i) => i).filter((i) => own[i]!.outside > 0);
  const sets: number[][] = [[]];
  for (let k = 0; k < sets.length && sets.length < MAX_RELAXED_SETS; k++) {
    const set = sets[k]!;
    for (const i of outside) if (i > (set[set.length - 1] ?? -1) && sets.length < MAX_RELAXED_SETS) sets.push([...set, i]);
  }
  const offOf = (r: readonly number[]): number => r.filter((x, i) => !inp.lanesOf(list[i]!.step).includes(laneAt(x))).length;
  const found: { best: { at: number[]; off: number; aside: number; d: number; raised: number } | null } = { best: null };
  const consider = (r: number[] | number, aside: number, d: number, raised = -1): void => {
    if (typeof r === 'number') return;
    const off = offOf(r);
    const b = found.best;
    if (!b || off < b.off || (off === b.off && (aside < b.aside || (aside === b.aside && d < b.d - 0.01)))) found.best = { at: r, off, aside, d, raised };
  };
  // A connector straight under its track in a lane of its step may take the row's second level (a lane holds
  // three so): each such one, the last resort among placements alike.
  const raisable = list.map((_, i) => i).filter((i) => {
    if (!raise) return false;
    const [lo, hi] = own[i]!.span;
    return own[i]!.outside === 0 && lo < hi && list[i]!.arrivalX >= lo && list[i]!.arrivalX <= hi;
  });
  for (const set of sets) {
    if (found.best && set.length > found.best.off) break;
    relaxed.clear();
    for (const i of set) relaxed.set(i, laneSpan(laneAt(list[i]!.arrivalX)));
    const jogs = (r: number[] | number): number => (typeof r === 'number' ? 0 : r.reduce((s, x, i) => s + Math.abs(x - list[i]!.arrivalX), 0));
    if (set.length > 0) {
      const r = pack();
      consider(r, 0, jogs(r));
    }
    for (const i of raisable) {
      if (set.includes(i)) continue;
      const r = pack(undefined, i);
      consider(r, 2, jogs(r), i);
    }
    // One left outside may sit in the lane beside its track's instead, to leave its place to a connector that
    // belongs there (a loop into the lane beside arrived left of two connectors of the lane it crowded): a
    // connector moved aside, taken only when fewer are then outside.
    for (const i of set) {
      const lane = laneAt(list[i]!.arrivalX);
      for (const l of [lane - 1, lane + 1]) {
        if (l < 0 || l >= inp.laneCount) continue;
        const r = pack([i, laneSpan(l)]);
        consider(r, 1, jogs(r));
      }
    }
    // A connector moved aside is one more outside its lanes (or as many, in a multi-lane step's): worth trying
    // only while that may still beat the best.
    if (found.best && set.length >= found.best.off) continue;
    list.forEach((c, i) => {
      const lane = laneAt(own[i]!.span[0]);
      for (const l of [lane - 1, lane + 1]) {
        if (l < 0 || l >= inp.laneCount) continue;
        const r = pack([i, laneSpan(l)]);
        consider(r, 1, typeof r === 'number' ? 0 : Math.abs(r[i]! - c.arrivalX));
      }
    });
  }
  return found.best ? { at: found.best.at, raised: found.best.raised } : null;
}

/**
 * packSpans with connector `raised` on the row's second level, straight under its arrival: the others keep to
 * their side of it, their arrivals and places `clear` of its centre (no jog passes it, no run grazes it).
 */
function packRaised(targets: readonly number[], span: readonly (readonly [number, number])[], raised: number, apart: number, clear: number): number[] | number {
  const u = targets[raised]!;
  const rest: number[] = [];
  const spans: [number, number][] = [];
  for (let i = 0; i < targets.length; i++) {
    if (i === raised) continue;
    const a = targets[i]!;
    if (Math.abs(a - u) < clear) return i;
    const [lo, hi] = span[i]!;
    spans.push(a < u ? [lo, Math.min(hi, u - clear)] : [Math.max(lo, u + clear), hi]);
    rest.push(a);
  }
  if (spans.some(([lo, hi]) => lo > hi + 0.01)) return raised;
  const at = packSpans(rest, spans, apart, clear);
  if (typeof at === 'number') return at;
  at.splice(raised, 0, u);
  return at;
}

/** A connector on a row's second level: its distance from the row's edge its track comes from, px. */
const RAISED_EDGE = 3.5;

/** The sets of connectors left in their tracks' lanes tried, at most (a row rarely has more than 3 outside). */
const MAX_RELAXED_SETS = 64;

/**
 * Places points in order, each in its span, `apart` from the one before, as near its target as the others let
 * it, and under its target or MIN_RUN or more from it; the index of the first that finds no place when they do not fit.
 */
function packSpans(targets: readonly number[], span: readonly (readonly [number, number])[], apart: number, clear: number): number[] | number {
  const first = packIn(targets, span, apart);
  if (typeof first === 'number') return first;
  // A connector beside another's arriving run (nearer than `clear`): its jog may run along that run or cross it.
  // Packed again with such connectors kept to their side of the run; kept when fewer are so.
  const grazing = (placed: readonly number[]): [number, number][] => {
    const out: [number, number][] = [];
    placed.forEach((p, i) => {
      if (p !== targets[i]) targets.forEach((q, j) => j !== i && Math.abs(q - p) < clear - 0.01 && out.push([i, j]));
    });
    return out;
  };
  let best = first;
  let fewest = grazing(first).length;
  let placed = first;
  const spans = span.map(([lo, hi]): [number, number] => [lo, hi]);
  for (let k = 0; k < targets.length; k++) {
    const near = grazing(placed);
    if (near.length === 0) break;
    for (const [i, j] of near) {
      const q = targets[j]!;
      if (q > placed[i]!) spans[i]![1] = Math.min(spans[i]![1], q - clear);
      else spans[i]![0] = Math.max(spans[i]![0], q + clear);
    }
    if (spans.some(([lo, hi]) => lo > hi + 0.01)) break;
    const again = packIn(targets, spans, apart);
    if (typeof again === 'number') break;
    placed = again;
    const n = grazing(again).length;
    if (n < fewest) [best, fewest] = [again, n];
  }
  return best;
}

/**
 * A connector's x: under the arriving track when it is clear of the lane
 * borders and of the connectors already placed in the row, else the
 * nearest such place (in any lane), at least 1 mm away so the jog is no kink.
 */
function connectorX(
  st: RouteState,
  arrival: number,
  placed: readonly number[],
  own: readonly number[],
  arrivals: readonly number[],
  done: readonly { c: PendingConnector; pos: number }[],
): number {
  const { sym, centers, inp } = st;
  const half = sym.cw / 2;
  const apart = sym.cw + 3;
  const clear = half + TRACK_GAP;
  let best: number | null = null;
  let ownLanes = true;
  let strict = true;
  const consider = (x: number): void => {
    if (x !== arrival && Math.abs(x - arrival) < MIN_RUN - 0.01) return;
    if (strict) {
      // First choice: not beside another flow's run in from the row's edge (a parallel gap, or an arrow grazing the
      // connector), passing over no arrival still to place, and keeping the order of the arrivals already placed
      // (their jogs then nest, assignLevels).
      if (arrivals.some((q) => q !== arrival && Math.abs(q - x) < clear - 0.01)) return;
      if (arrivals.some((q) => q !== arrival && !done.some((d) => d.c.arrivalX === q) && (q - x) * (q - arrival) < 0)) return;
      if (done.some((d) => (d.pos - x) * (d.c.arrivalX - arrival) <= 0)) return;
    }
    // In the step's lanes only when the jog there crosses no other flow arriving in the row (issue 20 item 3).
    else if (ownLanes && arrivals.some((q) => q !== arrival && (q - x) * (q - arrival) < 0)) return;
    if (placed.some((q) => Math.abs(q - x) < apart - 0.01)) return;
    if (best === null || Math.abs(x - arrival) < Math.abs(best - arrival)) best = x;
  };
  // The lanes of the connector's step first (issue 20 item 2: no arrow crosses the page to its connector); any lane when they are full.
  // In each, a place that meets the first choice's rules before one that does not.
  for (const lanes of [own, inp.laneCount > own.length ? [...Array(inp.laneCount).keys()] : []]) {
    for (const s of [true, false]) {
      strict = s;
      for (const lane of lanes) considerLane(lane);
      if (best !== null) break;
    }
    if (best !== null) break;
    ownLanes = false;
  }
  function considerLane(lane: number): void {
    const [lo, hi] = laneRoom(st, lane);
    if (lo > hi) {
      consider(centers[lane]!);
      return;
    }
    // The clamped arrival, the ends of the interval, 1 mm either side, and beside every placed connector.
    const xs = [Math.min(hi, Math.max(lo, arrival)), lo, hi, arrival - MIN_RUN, arrival + MIN_RUN];
    for (const q of placed) xs.push(q - apart, q + apart);
    for (const q of arrivals) if (q !== arrival) xs.push(q - clear, q + clear);
    for (const x of xs) if (x >= lo && x <= hi) consider(x);
  }
  // No room left in the row (more connectors than lanes can hold): beside the last one.
  return round(best ?? Math.min(maxOf([arrival, ...placed.map((q) => q + apart)]), inp.lanesWidth - half - 1));
}
