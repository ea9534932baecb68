/**
 * The orthogonal connector router (docs/drawing-contract.md, "How arrows are
 * routed"). Pure geometry: the laid-out rows in, pieces, labels and off-page
 * connectors added to them.
 *
 * - A step's flow to the next step leaves the bottom of its symbol and
 *   enters the top of the next one (a change of lane is a jog under it).
 * - Every other flow runs in its own vertical channel ("track") in a gutter
 *   between a symbol and a lane border, chosen among all free tracks for the
 *   fewest crossings, then the shortest path; it leaves and enters at a free
 *   vertex (a decision) or side midpoint (a box): each such point carries at
 *   most one arrow, so a returning arrow never lands where a branch leaves.
 * - Tracks keep TRACK_GAP from each other and BORDER_GAP from lane borders;
 *   labels go beside the run that leaves the symbol, where they touch no
 *   line, border or symbol.
 */
import type { FlowEdge, FlowTarget, SopModel, SymbolKind } from '../model/model.js';
import { LABEL_PX, PX_PER_MM, type SymbolSize } from './geometry.js';
import type { LabelMark, Piece, SymbolMark, Y } from './types.js';
import { maxOf, minOf } from '../util/array.js';

/** 1.5 mm (issue 10): between parallel runs of different arrows, and from an arrow to a lane border. */
export const TRACK_GAP = Math.ceil(1.5 * PX_PER_MM * 10) / 10;
/** Lane borders are drawn by the browser: a little margin over 1.5 mm for its rounding. */
export const BORDER_GAP = TRACK_GAP + 0.3;
/** A track's distance from the symbol it serves: the stub shows a whole arrowhead (7 px) and a bit of shaft. */
const SYMBOL_GAP = 10;
/** The least a track may keep from a symbol when the gutter is narrow (still over 1 mm). */
const SYMBOL_GAP_MIN = 4;
/** Shortest straight run (1 mm). */
const MIN_RUN = Math.ceil(PX_PER_MM * 10) / 10;
/** Height of the horizontal run above a symbol when an arrow enters its top from a track. */
const TOP_RUN_Y = 6;
/** Label glyph boxes at LABEL_PX (templates/sop.css .flow-label, Arial; at 10 px: Ya 12.2, Tidak 24.4, caps 7.2). */
const LABEL_WIDTH: Record<'Ya' | 'Tidak', number> = { Ya: 1.23 * LABEL_PX, Tidak: 2.45 * LABEL_PX };
const LABEL_ASCENT = 0.74 * LABEL_PX;

export interface RowBuilder {
  kind: 'step' | 'connectors';
  step: number | null;
  minHeight: number;
  top: Piece[];
  core: { height: number; pieces: Piece[]; symbols: SymbolMark[]; labels: LabelMark[] };
  bottom: Piece[];
}

export interface RouteInput {
  readonly model: SopModel;
  readonly laneCount: number;
  readonly laneWidth: number;
  readonly lanesWidth: number;
  readonly sym: SymbolSize;
  readonly centers: readonly number[];
  /** Core band height of a step row, and where its symbols sit. */
  readonly hc: number;
  readonly symTop: number;
  readonly connectorRowHeight: number;
  readonly pageSteps: readonly (readonly number[])[];
  readonly pageOf: ReadonlyMap<number, number>;
  readonly rowOf: ReadonlyMap<number, number>;
  readonly stepRows: readonly (readonly RowBuilder[])[];
  readonly lanesOf: (step: number) => readonly number[];
  readonly laneId: (lane: number) => string;
  readonly outgoing: readonly (readonly FlowEdge[])[];
  readonly newRow: (kind: RowBuilder['kind'], step: number | null, minHeight: number, height: number) => RowBuilder;
  /**
   * Flows (indices into RouteOutput.crossed's numbering: the steps' outgoing flows that are neither a primary flow
   * nor a branch to the end, in step order) routed before the others: those that crossed in an earlier try.
   */
  readonly first?: ReadonlySet<number>;
  /** Route the longest flows first instead of the shortest (another try when arrows cross). */
  readonly longestFirst?: boolean;
}

export interface RouteOutput {
  /** Each page's connector rows (null when the page has none). */
  readonly connectorRows: readonly { top: RowBuilder | null; bottom: RowBuilder | null }[];
  /** Crossings of arrows drawn (each counted once, when the second arrow is drawn). */
  readonly crossings: number;
  /** The flows that take part in a crossing (numbered as RouteInput.first), in ascending order. */
  readonly crossed: readonly number[];
  /**
   * Places the connectors and the Ya/Tidak labels (once, on a try that may be kept: the others are thrown away);
   * how many labels found no free place.
   */
  readonly finish: () => number;
}

type Side = 'T' | 'B' | 'L' | 'R';
/** A point of a polyline: x, the row on its page (-1: top connector row; n: bottom one) and y in that row's core band. */
interface Pt {
  readonly x: number;
  readonly r: number;
  readonly y: number;
}
interface VSeg {
  readonly x: number;
  readonly g1: number;
  readonly g2: number;
  /** The flow drawn (numbered as RouteInput.first; -1: a primary flow or a branch to the end). */
  readonly flow: number;
}
interface HSeg {
  readonly g: number;
  readonly x1: number;
  readonly x2: number;
  readonly flow: number;
}
interface Exit {
  readonly lane: number;
  readonly side: Side;
  /** The point on the symbol and the corner where the run turns into the track's direction. */
  readonly at: Pt;
  /** Constraint on the track: x < max (left exits), x > min (right), anything (bottom/top). */
  readonly min: number;
  readonly max: number;
  readonly penalty: number;
  /** An off-middle point's offset (when every vertex or midpoint is taken). */
  readonly dy?: number;
  /** A labelled bottom exit: whether the label has room left and right of the run down (the side away from the turn holds it). */
  readonly room?: { readonly L: boolean; readonly R: boolean };
}

/** Rows of a page are 1000 units apart in the vertical order used for crossings; the core band starts at +100. */
const G_ROW = 1000;
const G_CORE = 100;
const g = (r: number, y: number): number => (r + 1) * G_ROW + G_CORE + y;

export function routeFlows(inp: RouteInput): RouteOutput {
  const { model, sym, centers, hc, symTop } = inp;
  const symBottom = symTop + sym.h;
  const symMid = symTop + sym.h / 2;
  // The jog under a symbol: half way down the band, or (a deep band: narrow lanes) 8 px above its bottom, leaving
  // room for a label between it and the symbol.
  const jogY = hc - symBottom > 16 ? hc - 8 : symBottom + Math.round((hc - symBottom) / 2);
  const connRows = inp.pageSteps.map(() => ({ top: null as RowBuilder | null, bottom: null as RowBuilder | null }));
  const kindOf = (n: number): SymbolKind => model.steps[n - 1]!.symbol;
  /**
   * The centre line of lane border i (0: the cell's left edge, laneCount: its right edge): a lane's separator
   * is the last px inside its box (templates/sop.css .lane-col); the cell's left edge is half a px outside, its
   * right edge up to a px inside (the table's borders take their share of the columns' widths).
   */
  const borderX = (i: number): number => (i >= inp.laneCount ? inp.lanesWidth - 0.5 : i * inp.laneWidth - 0.5);

  const rowAt = (page: number, r: number): RowBuilder => {
    const n = inp.stepRows[page]!.length;
    if (r >= 0 && r < n) return inp.stepRows[page]![r]!;
    const where = r < 0 ? 'top' : 'bottom';
    let row = connRows[page]![where];
    if (!row) {
      row = inp.newRow('connectors', null, inp.connectorRowHeight, inp.connectorRowHeight);
      connRows[page]![where] = row;
    }
    return row;
  };
  const coreH = (page: number, r: number): number => (r >= 0 && r < inp.stepRows[page]!.length ? hc : inp.connectorRowHeight);

  // ---- the points of symbols that carry an arrow (one arrow each) ----
  const usedPoints = new Set<string>();
  const used = usedPoints;
  /** Each step's flows still to route from a side or its bottom: incoming flows leave them a point. */
  const unrouted = new Map<number, number>();
  const pointKey = (step: number, lane: number, side: Side): string => `${step}:${lane}:${side}`;
  for (const s of model.steps) {
    const lanes = inp.lanesOf(s.number);
    for (let i = 0; i + 1 < lanes.length; i++) {
      used.add(pointKey(s.number, lanes[i]!, 'R'));
      used.add(pointKey(s.number, lanes[i + 1]!, 'L'));
    }
  }

  // ---- tracks: in each half of each lane, between the symbol and the lane border ----
  interface Track {
    readonly x: number;
    /** Taken vertical intervals per page, in g units. */
    readonly taken: Map<number, [number, number][]>;
    /** Nearer its symbol than SYMBOL_GAP: the arrowhead overlaps the turn; used when the other tracks are busy. */
    readonly tight?: boolean;
  }
  const tracks: Track[] = [];
  for (let lane = 0; lane < inp.laneCount; lane++) {
    const left = borderX(lane);
    const right = borderX(lane + 1);
    const c = centers[lane]!;
    for (const [outer, inner] of [
      [left + BORDER_GAP, c - sym.w / 2],
      [right - BORDER_GAP, c + sym.w / 2],
    ] as const) {
      const dir = outer < inner ? 1 : -1; // from the border towards the symbol
      const room = Math.abs(inner - outer);
      let gap = SYMBOL_GAP;
      if (room < gap) gap = Math.max(SYMBOL_GAP_MIN, room / 2);
      const span = room - gap;
      if (span < 0) {
        // No room for a track clear of both: one in the middle of the gutter (the quality report shows it).
        tracks.push({ x: round((outer + inner) / 2 - (dir * BORDER_GAP) / 2), taken: new Map() });
        continue;
      }
      const n = Math.floor(span / TRACK_GAP) + 1;
      if (n === 1 && room >= SYMBOL_GAP_MIN + TRACK_GAP + 0.3) {
        // A narrow gutter (lanes under ~68 px): two tracks 1.5 mm apart, the outer one 1.5 mm from the border;
        // the inner one, nearer the symbol than SYMBOL_GAP, is taken only when the outer is busy.
        tracks.push({ x: round(outer), taken: new Map() });
        tracks.push({ x: round(outer + dir * TRACK_GAP), taken: new Map(), tight: true });
        continue;
      }
      const step = n > 1 ? span / (n - 1) : 0;
      // Innermost first: the nearest track is the one a short loop takes.
      for (let k = 0; k < n; k++) tracks.push({ x: round(inner - dir * (gap + k * step)), taken: new Map() });
    }
  }
  tracks.sort((a, b) => a.x - b.x);
  // Spare tracks, used only when every track is taken over the rows a flow needs (lanes too narrow for their
  // loops): 1.5 px apart, so arrows still never run on top of each other; the quality report counts the tight gaps.
  const spares: Track[] = [];
  /** Whether a track lies within 1 px of x (tracks are sorted by x: the nearest ones either side of it decide). */
  const nearTrack = (x: number): boolean => {
    let lo = 0;
    let hi = tracks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tracks[mid]!.x < x) lo = mid + 1;
      else hi = mid;
    }
    return (lo < tracks.length && Math.abs(tracks[lo]!.x - x) < 1) || (lo > 0 && Math.abs(tracks[lo - 1]!.x - x) < 1);
  };
  for (let lane = 0; lane < inp.laneCount; lane++) {
    const left = lane * inp.laneWidth;
    const c = centers[lane]!;
    for (let x = left + 1.5; x < c - sym.w / 2 - 1.5; x += 1.5) if (!nearTrack(x)) spares.push({ x, taken: new Map() });
    for (let x = left + inp.laneWidth - 1.5; x > c + sym.w / 2 + 1.5; x -= 1.5) if (!nearTrack(x)) spares.push({ x, taken: new Map() });
  }

  // ---- what is drawn so far, per page, for counting crossings ----
  const vsegs: VSeg[][] = inp.pageSteps.map(() => []);
  const hsegs: HSeg[][] = inp.pageSteps.map(() => []);
  /** The flow being routed (numbered as RouteInput.first; -1: none of those), the crossings so far and their flows. */
  let currentFlow = -1;
  let crossingCount = 0;
  const crossedFlows = new Set<number>();
  const record = (page: number, pts: readonly Pt[]): void => {
    crossingCount += crossings(page, pts, (other) => {
      if (other >= 0) crossedFlows.add(other);
      if (currentFlow >= 0) crossedFlows.add(currentFlow);
    });
    for (let i = 0; i + 1 < pts.length; i++) {
      const a = pts[i]!;
      const b = pts[i + 1]!;
      if (a.x === b.x) vsegs[page]!.push({ x: a.x, g1: Math.min(g(a.r, a.y), g(b.r, b.y)), g2: Math.max(g(a.r, a.y), g(b.r, b.y)), flow: currentFlow });
      else hsegs[page]!.push({ g: g(a.r, a.y), x1: Math.min(a.x, b.x), x2: Math.max(a.x, b.x), flow: currentFlow });
    }
  };
  /** How many drawn segments of the page a polyline crosses (each one's flow told to `hit`, when given). */
  const crossings = (page: number, pts: readonly Pt[], hit?: (flow: number) => void): number => {
    let n = 0;
    for (let i = 0; i + 1 < pts.length; i++) {
      const a = pts[i]!;
      const b = pts[i + 1]!;
      if (a.x === b.x) {
        const g1 = Math.min(g(a.r, a.y), g(b.r, b.y));
        const g2 = Math.max(g(a.r, a.y), g(b.r, b.y));
        for (const h of hsegs[page]!)
          if (h.g > g1 && h.g < g2 && a.x > h.x1 && a.x < h.x2) {
            n++;
            hit?.(h.flow);
          }
      } else {
        const gy = g(a.r, a.y);
        const x1 = Math.min(a.x, b.x);
        const x2 = Math.max(a.x, b.x);
        for (const v of vsegs[page]!)
          if (v.x > x1 && v.x < x2 && gy > v.g1 && gy < v.g2) {
            n++;
            hit?.(v.flow);
          }
      }
    }
    return n;
  };

  // ---- pieces in the bands from a polyline ----
  function emit(page: number, pts: readonly Pt[], from: number, to: FlowTarget, arrow: boolean, join?: string): void {
    record(page, pts);
    const n = inp.stepRows[page]!.length;
    const isStep = (r: number): boolean => r >= 0 && r < n;
    let last: Piece | null = null;
    let lastRow: RowBuilder | null = null;
    const core = (r: number, x1: number, y1: number, x2: number, y2: number): void => {
      if (x1 === x2 && y1 === y2) return;
      const row = rowAt(page, r);
      last = piece(x1, y1, x2, y2, from, to, false);
      lastRow = row;
      row.core.pieces.push(last);
    };
    const band = (r: number, which: 'top' | 'bottom', x: number, down: boolean): void => {
      if (!isStep(r)) return;
      rowAt(page, r)[which].push(down ? piece(x, 0, x, '100%', from, to, false) : piece(x, '100%', x, 0, from, to, false));
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
        core(a.r, x, a.y, x, coreH(page, a.r));
        band(a.r, 'bottom', x, true);
        for (let r = a.r + 1; r < b.r; r++) {
          band(r, 'top', x, true);
          core(r, x, 0, x, coreH(page, r));
          band(r, 'bottom', x, true);
        }
        band(b.r, 'top', x, true);
        core(b.r, x, 0, x, b.y);
      } else {
        core(a.r, x, a.y, x, 0);
        band(a.r, 'top', x, false);
        for (let r = a.r - 1; r > b.r; r--) {
          band(r, 'bottom', x, false);
          core(r, x, coreH(page, r), x, 0);
          band(r, 'top', x, false);
        }
        band(b.r, 'bottom', x, false);
        core(b.r, x, coreH(page, b.r), x, b.y);
      }
    }
    if ((arrow || join) && last && lastRow) {
      const l: Piece = last;
      const row: RowBuilder = lastRow;
      row.core.pieces[row.core.pieces.length - 1] = join ? { ...l, join } : { ...l, arrow: true };
    }
    // An arrow that reaches its step (not a merged one, not the half ending in a connector) can take merged ones.
    if (arrow && typeof to === 'number' && inp.pageOf.get(to) === page) {
      const list = hostsOf.get(to) ?? [];
      list.push({ key: `${from}->${to}`, page, pts });
      hostsOf.set(to, list);
    }
  }
  /** Arrows arriving at each step, as polylines: a flow that finds no free point of the step merges into one. */
  const hostsOf = new Map<number, { key: string; page: number; pts: readonly Pt[] }[]>();

  // ---- labels, placed once every line is drawn ----
  interface LabelWish {
    page: number;
    r: number;
    text: 'Ya' | 'Tidak';
    from: number;
    to: FlowTarget;
    /** The point where the arrow leaves and the direction of its first run, then of its second. */
    at: Pt;
    first: 'down' | 'left' | 'right';
    then: 'up' | 'down' | 'left' | 'right' | 'none';
    lane: number;
    /** Where the first run (from `at`, in the same row) ends. */
    end: { x: number; y: number };
  }
  const labelWishes: LabelWish[] = [];

  // ---- off-page connectors, placed once every page is routed ----
  interface PendingConnector {
    page: number;
    where: 'top' | 'bottom';
    arrivalX: number;
    letter: string;
    flowIn: boolean;
    from: number;
    to: FlowTarget;
    step: number;
  }
  const pending: PendingConnector[] = [];
  let letterCount = 0;
  const nextLetter = (): string => {
    let n = letterCount++;
    let s = '';
    do {
      s = String.fromCharCode(65 + (n % 26)) + s;
      n = Math.floor(n / 26) - 1;
    } while (n >= 0);
    return s;
  };

  // ---- primary flows: bottom to top of the next step ----
  const primaryOf = new Map<number, FlowEdge>();
  for (const s of model.steps) {
    const out = inp.outgoing[s.number]!.filter((e) => e.to === s.number + 1);
    const chosen = out.find((e) => e.label === 'Ya') ?? out[0];
    if (chosen) primaryOf.set(s.number, chosen);
  }

  function routePrimary(e: FlowEdge): void {
    const a = e.from;
    const b = e.to as number;
    const la = inp.lanesOf(a);
    const lb = inp.lanesOf(b);
    let best: [number, number] = [la[0]!, lb[0]!];
    for (const x of la) for (const y of lb) if (Math.abs(centers[x]! - centers[y]!) < Math.abs(centers[best[0]]! - centers[best[1]]!)) best = [x, y];
    used.add(pointKey(a, best[0], 'B'));
    used.add(pointKey(b, best[1], 'T'));
    const xs = centers[best[0]]!;
    const xt = centers[best[1]]!;
    const pa = inp.pageOf.get(a)!;
    const pb = inp.pageOf.get(b)!;
    const ra = inp.rowOf.get(a)!;
    const rb = inp.rowOf.get(b)!;
    if (e.label) {
      labelWishes.push({ page: pa, r: ra, text: e.label, from: a, to: b, at: { x: xs, r: ra, y: symBottom }, first: 'down', then: xt === xs ? 'down' : xt < xs ? 'left' : 'right', lane: best[0], end: { x: xs, y: xt === xs ? hc : jogY } });
    }
    if (pa === pb) {
      const pts: Pt[] = [{ x: xs, r: ra, y: symBottom }];
      if (xs !== xt) pts.push({ x: xs, r: ra, y: jogY }, { x: xt, r: ra, y: jogY });
      pts.push({ x: xt, r: rb, y: symTop });
      emit(pa, pts, a, b, true);
      return;
    }
    const letter = nextLetter();
    const nA = inp.stepRows[pa]!.length;
    emit(pa, [{ x: xs, r: ra, y: symBottom }, { x: xs, r: nA, y: 0 }], a, b, false);
    pending.push({ page: pa, where: 'bottom', arrivalX: xs, letter, flowIn: true, from: a, to: b, step: a });
    emit(pb, [{ x: xt, r: -1, y: inp.connectorRowHeight }, { x: xt, r: rb, y: symTop }], a, b, true);
    pending.push({ page: pb, where: 'top', arrivalX: xt, letter, flowIn: false, from: a, to: b, step: b });
  }

  // ---- other flows: a free point, a track, a free point ----
  const outline = (lane: number, side: Side): number => centers[lane]! + (side === 'L' ? -sym.w / 2 : side === 'R' ? sym.w / 2 : 0);

  /** Where a flow may leave step `a` (row r): free side points of its outer symbols, a free bottom. */
  function exits(a: number, r: number, anyPoint = false): Exit[] {
    const lanes = inp.lanesOf(a);
    const lo = lanes[0]!;
    const hi = lanes[lanes.length - 1]!;
    // Every point is taken: leave a side a quarter above the middle (counted by the quality report).
    if (anyPoint) return offPoints(a, r, [-sym.h / 4, sym.h / 4, -sym.h / 8, sym.h / 8]);
    const out: Exit[] = [];
    if (!usedPoints.has(pointKey(a, lo, 'L'))) out.push(sidePoint(lo, 'L', r));
    if (!usedPoints.has(pointKey(a, hi, 'R'))) out.push(sidePoint(hi, 'R', r));
    for (const l of lanes)
      if (!usedPoints.has(pointKey(a, l, 'B')))
        out.push({ lane: l, side: 'B', at: { x: centers[l]!, r, y: symBottom }, min: -Infinity, max: Infinity, penalty: 3 });
    return out;
  }
  /**
   * Where a flow may enter step `b` (row r): free side points and a free top,
   * but never the points the step's own branches still need to leave by.
   */
  function entries(b: number, r: number, anyPoint = false): Exit[] {
    const lanes = inp.lanesOf(b);
    const lo = lanes[0]!;
    const hi = lanes[lanes.length - 1]!;
    // Every point is taken (more arrows meet this step than it has points): enter a side a quarter below the middle.
    if (anyPoint) return offPoints(b, r, [sym.h / 4, -sym.h / 4, sym.h / 8, -sym.h / 8]);
    const sides: Exit[] = [];
    if (!usedPoints.has(pointKey(b, lo, 'L'))) sides.push(sidePoint(lo, 'L', r));
    if (!usedPoints.has(pointKey(b, hi, 'R'))) sides.push(sidePoint(hi, 'R', r));
    // A side that holds a label the step's own branch will need, when the other side does not: taken last.
    if ((labelledLeft.get(b) ?? 0) > 0)
      for (let i = 0; i < sides.length; i++) {
        const o = sides[i]!;
        const other: 'L' | 'R' = o.side === 'L' ? 'R' : 'L';
        if (labelRoom(o.lane, o.side as 'L' | 'R', 'Tidak') && !labelRoom(other === 'L' ? lo : hi, other, 'Tidak')) sides[i] = { ...o, penalty: o.penalty + 50 };
      }
    const bottoms = lanes.filter((l) => !usedPoints.has(pointKey(b, l, 'B'))).length;
    const out = sides.length + bottoms > (unrouted.get(b) ?? 0) ? sides : [];
    for (const l of lanes)
      if (!usedPoints.has(pointKey(b, l, 'T')))
        out.push({ lane: l, side: 'T', at: { x: centers[l]!, r, y: symTop }, min: -Infinity, max: Infinity, penalty: 6 });
    return out;
  }
  function sidePoint(lane: number, side: 'L' | 'R', r: number): Exit {
    const x = outline(lane, side);
    return side === 'L'
      ? { lane, side, at: { x, r, y: symMid }, min: -Infinity, max: x - SYMBOL_GAP_MIN + 0.01, penalty: 0 }
      : { lane, side, at: { x, r, y: symMid }, min: x + SYMBOL_GAP_MIN - 0.01, max: Infinity, penalty: 0 };
  }
  /**
   * Points on the outer sides off the middle, on the outline (a diamond's slanted edge, a capsule's arc): the first
   * offset of `dys` still free on each side (each offset point, like each vertex, carries one arrow).
   */
  function offPoints(step: number, r: number, dys: readonly number[]): Exit[] {
    const lanes = inp.lanesOf(step);
    const lo = lanes[0]!;
    const hi = lanes[lanes.length - 1]!;
    const k = kindOf(step);
    const rr = sym.h / 2;
    const out: Exit[] = [];
    for (const [lane, side] of [[lo, 'L'], [hi, 'R']] as const) {
      const dy = dys.find((d) => !usedPoints.has(`${pointKey(step, lane, side)}:${d}`)) ?? dys[0]!;
      const inset = k === 'decision' ? (sym.w / 2) * (Math.abs(dy) / rr) : k === 'terminator' ? rr - Math.sqrt(rr * rr - dy * dy) : 0;
      const x = outline(lane, side) + (side === 'L' ? inset : -inset);
      const edge = outline(lane, side);
      out.push(
        side === 'L'
          ? { lane, side, at: { x, r, y: symMid + dy }, min: -Infinity, max: edge - SYMBOL_GAP_MIN + 0.01, penalty: 0, dy }
          : { lane, side, at: { x, r, y: symMid + dy }, min: edge + SYMBOL_GAP_MIN - 0.01, max: Infinity, penalty: 0, dy },
      );
    }
    return out;
  }
  /** The polyline from a point of a symbol to a track (or back: reversed by the caller). */
  const toTrack = (page: number, ex: Exit, x: number): Pt[] => {
    if (ex.side === 'B') {
      const y = level(page, ex.at.r, [jogY, jogY - TRACK_GAP - 0.1], ex.at.x, x);
      return [ex.at, { x: ex.at.x, r: ex.at.r, y }, { x, r: ex.at.r, y }];
    }
    if (ex.side === 'T') {
      return [ex.at, { x: ex.at.x, r: ex.at.r, y: TOP_RUN_Y }, { x, r: ex.at.r, y: TOP_RUN_Y }];
    }
    return [ex.at, { x, r: ex.at.r, y: ex.at.y }];
  };
  /** The first of `ys` where a horizontal run from x1 to x2 in row r runs along no other (the jog of another flow). */
  function level(page: number, r: number, ys: readonly number[], x1: number, x2: number): number {
    const lo = Math.min(x1, x2);
    const hi = Math.max(x1, x2);
    for (const y of ys) {
      const gy = g(r, y);
      let clear = true;
      for (const h of hsegs[page]!)
        if (!(Math.abs(h.g - gy) >= TRACK_GAP - 0.5 || h.x2 < lo - 1 || h.x1 > hi + 1)) {
          clear = false;
          break;
        }
      if (clear) return y;
    }
    return ys[0]!;
  }
  const fits = (ex: Exit, x: number): boolean => {
    if (!(x > ex.min && x < ex.max)) return false;
    // A bottom exit or top entry needs a run of at least MIN_RUN to its track.
    if ((ex.side === 'B' || ex.side === 'T') && Math.abs(x - ex.at.x) < MIN_RUN) return false;
    return true;
  };
  const free = (t: Track, page: number, g1: number, g2: number): boolean => {
    const list = t.taken.get(page);
    if (list) for (const [a, b] of list) if (!(g2 + 40 < a || g1 > b + 40)) return false;
    return true;
  };
  const take = (t: Track, page: number, g1: number, g2: number): void => {
    const list = t.taken.get(page) ?? [];
    list.push([g1, g2]);
    t.taken.set(page, list);
  };

  interface Plan {
    cost: number;
    pts: Pt[];
    track: Track;
    ex: Exit | null;
    en: Exit | null;
  }
  /**
   * The best route on one page between an exit (or the page's connector row
   * `connAt` when ex is null) and an entry (or a connector row when en is null).
   */
  function plan(
    page: number,
    exOpts: readonly (Exit | null)[],
    enOpts: readonly (Exit | null)[],
    connFrom: number | null,
    connTo: number | null,
    among: readonly Track[] = tracks,
  ): Plan | null {
    let best: Plan | null = null;
    for (const t of among) {
      for (const ex of exOpts) {
        if (ex && !fits(ex, t.x)) continue;
        for (const en of enOpts) {
          if (en && !fits(en, t.x)) continue;
          // The cost below without its crossings: a route that cannot beat the best so far is not drawn.
          const len = Math.abs(t.x - (ex?.at.x ?? t.x)) + Math.abs(t.x - (en?.at.x ?? t.x));
          const cramped = ex?.room && !(t.x < ex.at.x ? ex.room.R : ex.room.L) ? 5000 : 0;
          const base = len + (ex?.penalty ?? 0) * 10 + (en?.penalty ?? 0) * 10 + (t.tight ? 40 : 0) + cramped;
          if (best && base >= best.cost) continue;
          const head: Pt[] = ex ? toTrack(page, ex, t.x) : [{ x: t.x, r: connFrom!, y: connFrom! < 0 ? inp.connectorRowHeight : 0 }];
          const tail: Pt[] = en ? toTrack(page, en, t.x).reverse() : [{ x: t.x, r: connTo!, y: connTo! < 0 ? inp.connectorRowHeight : 0 }];
          const h = head[head.length - 1]!;
          const k = tail[0]!;
          const g1 = Math.min(g(h.r, h.y), g(k.r, k.y));
          const g2 = Math.max(g(h.r, h.y), g(k.r, k.y));
          if (!free(t, page, g1, g2)) continue;
          const pts = [...head, ...tail];
          const cost = 1000 * crossings(page, pts) + len + (ex?.penalty ?? 0) * 10 + (en?.penalty ?? 0) * 10 + (t.tight ? 40 : 0) + cramped;
          if (!best || cost < best.cost) best = { cost, pts, track: t, ex, en };
        }
      }
    }
    return best;
  }

  function commit(page: number, p: Plan, e: FlowEdge, stepA: number, stepB: number | null, arrow: boolean, join?: string): void {
    const mark = (step: number, x: Exit): void => {
      used.add(x.dy === undefined ? pointKey(step, x.lane, x.side) : `${pointKey(step, x.lane, x.side)}:${x.dy}`);
    };
    if (p.ex) mark(stepA, p.ex);
    if (p.en && stepB !== null) mark(stepB, p.en);
    const pts = p.pts;
    // The track's vertical run: the points where the path reaches and leaves the track.
    const onTrack = pts.filter((q) => q.x === p.track.x);
    const gs = onTrack.map((q) => g(q.r, q.y));
    take(p.track, page, minOf(gs), maxOf(gs));
    emit(page, pts, e.from, e.to, arrow && !join, join);
    if (p.ex && e.label) {
      const first = p.ex.side === 'B' ? 'down' : p.ex.side === 'L' ? 'left' : 'right';
      const second = pts[2] ?? pts[1]!;
      const corner = pts[1]!;
      const then =
        p.ex.side === 'B'
          ? second.x < corner.x ? 'left' : 'right'
          : g(second.r, second.y) < g(corner.r, corner.y) ? 'up' : 'down';
      labelWishes.push({ page, r: p.ex.at.r, text: e.label, from: e.from, to: e.to, at: p.ex.at, first, then, lane: p.ex.lane, end: corner.r === p.ex.at.r ? corner : { x: corner.x, y: hc } });
    }
  }

  /**
   * A merged arrow: from an exit (or the connector row `connFrom`) along a free track to a point on an arrow
   * already arriving at step b (row rb), meeting it square: a vertical run onto its horizontal run, or a
   * horizontal one onto its vertical run, at least 1 mm from its corners. That arrow's head serves both.
   */
  function planJoin(page: number, exOpts: readonly (Exit | null)[], connFrom: number | null, b: number, rb: number): (Plan & { join: string }) | null {
    let best: (Plan & { join: string }) | null = null;
    const H = coreH(page, rb);
    const consider = (t: Track, tail: Pt[], join: string): void => {
      for (const ex of exOpts) {
        if (ex && !fits(ex, t.x)) continue;
        const head: Pt[] = ex ? toTrack(page, ex, t.x) : [{ x: t.x, r: connFrom!, y: connFrom! < 0 ? inp.connectorRowHeight : 0 }];
        const h = head[head.length - 1]!;
        const k = tail[0]!;
        if (h.r === k.r && Math.abs(h.y - k.y) < MIN_RUN) continue;
        const g1 = Math.min(g(h.r, h.y), g(k.r, k.y));
        const g2 = Math.max(g(h.r, h.y), g(k.r, k.y));
        if (!free(t, page, g1, g2)) continue;
        const pts = [...head, ...tail];
        const last = tail[tail.length - 1]!;
        const len = Math.abs(t.x - (ex?.at.x ?? t.x)) + Math.abs(t.x - last.x);
        const cost = 1000 * crossings(page, pts) + len + (ex?.penalty ?? 0) * 10 + (t.tight ? 40 : 0);
        if (!best || cost < best.cost) best = { cost, pts, track: t, ex, en: null, join };
      }
    };
    for (const host of hostsOf.get(b) ?? []) {
      if (host.page !== page) continue;
      for (let i = 0; i + 1 < host.pts.length; i++) {
        const A = host.pts[i]!;
        const B = host.pts[i + 1]!;
        if (A.x !== B.x) {
          // Onto a horizontal run in the target's row: from the track straight up or down.
          if (A.r !== rb) continue;
          const lo = Math.min(A.x, B.x) + MIN_RUN + 0.5;
          const hi = Math.max(A.x, B.x) - MIN_RUN - 0.5;
          for (const t of tracks) if (t.x >= lo && t.x <= hi) consider(t, [{ x: t.x, r: rb, y: A.y }], host.key);
          continue;
        }
        // Onto a vertical run, where it lies in the target's row: a horizontal run from the track.
        let ylo: number;
        let yhi: number;
        if (A.r === rb && B.r === rb) [ylo, yhi] = [Math.min(A.y, B.y), Math.max(A.y, B.y)];
        else if (B.r === rb) [ylo, yhi] = A.r < rb ? [0, B.y] : [B.y, H];
        else if (A.r === rb) [ylo, yhi] = B.r < rb ? [0, A.y] : [A.y, H];
        else continue;
        for (const yj of [TOP_RUN_Y, TOP_RUN_Y + 1.5, jogY, jogY - TRACK_GAP - 0.1, symMid]) {
          if (yj < ylo + MIN_RUN || yj > yhi - MIN_RUN || yj < BORDER_GAP || yj > H - BORDER_GAP) continue;
          for (const t of tracks) {
            if (Math.abs(t.x - A.x) < MIN_RUN + 0.5) continue;
            const x1 = Math.min(t.x, A.x);
            const x2 = Math.max(t.x, A.x);
            const row = rowAt(page, rb);
            if (row.core.symbols.some((s) => s.kind !== 'connector' && Math.abs(yj - s.y) <= sym.h / 2 + 1 && s.x + sym.w / 2 + 1 > x1 && s.x - sym.w / 2 - 1 < x2)) continue;
            const gy = g(rb, yj);
            if (hsegs[page]!.some((h) => Math.abs(h.g - gy) < TRACK_GAP - 0.5 && h.x2 >= x1 - 1 && h.x1 <= x2 + 1)) continue;
            consider(t, [{ x: t.x, r: rb, y: yj }, { x: A.x, r: rb, y: yj }], host.key);
          }
        }
      }
    }
    return best;
  }

  /** When no track is free: a spare one; when none is free either, the first track, shared (the quality report shows it). */
  function forced(page: number, exOpts: readonly (Exit | null)[], enOpts: readonly (Exit | null)[], connFrom: number | null, connTo: number | null): Plan {
    const p = plan(page, exOpts, enOpts, connFrom, connTo, spares);
    if (p) return p;
    const ex0 = exOpts[0] ?? null;
    const en0 = enOpts[0] ?? null;
    const y0 = ex0 ? g(ex0.at.r, ex0.at.y) : g(connFrom!, 0);
    const y1 = en0 ? g(en0.at.r, en0.at.y) : g(connTo!, 0);
    const t = [...tracks, ...spares].find((c) => free(c, page, Math.min(y0, y1) - 100, Math.max(y0, y1) + 100)) ?? tracks[0]!;
    const ex = exOpts[0] ?? null;
    const en = enOpts[0] ?? null;
    const head = ex ? toTrack(page, ex, t.x) : [{ x: t.x, r: connFrom!, y: connFrom! < 0 ? inp.connectorRowHeight : 0 }];
    const tail = en ? toTrack(page, en, t.x).reverse() : [{ x: t.x, r: connTo!, y: connTo! < 0 ? inp.connectorRowHeight : 0 }];
    return { cost: Infinity, pts: [...head, ...tail], track: t, ex, en };
  }

  /**
   * A labelled branch leaves by a side whose half of the lane holds its label (between the symbol's centre line
   * and the lane border, under or over the symbol) unless no side does: in a lane narrower than ~56 px only the
   * left half (the wider one by the border's half pixel) may.
   */
  /** Whether a label fits between the symbol's centre line and the lane border on that side. */
  function labelRoom(lane: number, side: 'L' | 'R', text: 'Ya' | 'Tidak'): boolean {
    const need = LABEL_WIDTH[text] + 3;
    return side === 'L' ? centers[lane]! - borderX(lane) >= need : borderX(lane + 1) - centers[lane]! >= need;
  }
  /** Labelled branches of each step that still leave by a side or a track: an incoming flow leaves them the side their label fits. */
  const labelledLeft = new Map<number, number>();

  function labelFit(page: number, opts: Exit[], text: FlowEdge['label']): Exit[] {
    if (!text) return opts;
    const fitsSide = (o: Exit): boolean => o.side === 'T' || o.side === 'B' || labelRoom(o.lane, o.side, text);
    // A side too narrow: the run leaves for a track beyond the lane border, and the label goes beside it there.
    return opts.flatMap((o) => {
      if (o.side === 'B') return [{ ...o, room: { L: halfFree(page, o, 'L', text), R: halfFree(page, o, 'R', text) } }];
      if (fitsSide(o)) return [o];
      const far: Exit = o.side === 'L' ? { ...o, max: Math.min(o.max, borderX(o.lane) - 1), penalty: o.penalty + 500 } : { ...o, min: Math.max(o.min, borderX(o.lane + 1) + 1), penalty: o.penalty + 500 };
      return [far, { ...o, penalty: o.penalty + 1000 }];
    });
  }

  /** Whether a label has room, as the row is now, beside a bottom exit's run down, in that half of the lane under the symbol. */
  function halfFree(page: number, o: Exit, half: 'L' | 'R', text: 'Ya' | 'Tidak'): boolean {
    const row = rowAt(page, o.at.r);
    const width = LABEL_WIDTH[text];
    const lo = half === 'L' ? borderX(o.lane) + 2 : o.at.x + 2;
    const hi = half === 'L' ? o.at.x - 2 - width : borderX(o.lane + 1) - 2 - width;
    const near = obstaclesNear(row, lo - 3, symBottom - 2, hi + width + 3, jogY + 2);
    for (let top = symBottom + 1; top + LABEL_ASCENT <= jogY - 2; top += 1) {
      const nb = blockedSpans(row, near, lo - 1, hi + 1, top, width, LABEL_ASCENT, 1);
      if (nb < 0) continue;
      for (let x = lo; x <= hi; x += 0.5) if (!inSpans(x, nb) && labelHits(row, x, top, width, LABEL_ASCENT, 1, near, 1) === 0) return true;
    }
    return false;
  }

  function routeSide(e: FlowEdge): void {
    const a = e.from;
    unrouted.set(a, (unrouted.get(a) ?? 1) - 1);
    if (e.label) labelledLeft.set(a, (labelledLeft.get(a) ?? 1) - 1);
    const b = e.to as number;
    const pa = inp.pageOf.get(a)!;
    const pb = inp.pageOf.get(b)!;
    const ra = inp.rowOf.get(a)!;
    const rb = inp.rowOf.get(b)!;
    // When every point of a symbol carries an arrow already, one is shared (the quality report counts it).
    const exOpts = labelFit(pa, exits(a, ra).length > 0 ? exits(a, ra) : exits(a, ra, true), e.label);
    const full = entries(b, rb).length === 0;
    const enOpts = full ? entries(b, rb, true) : entries(b, rb);
    if (pa === pb) {
      // Every point of the target carries an arrow: merge into one of them (a junction), else enter off the points.
      const j = full ? planJoin(pa, exOpts, null, b, rb) : null;
      if (j) return commit(pa, j, e, a, null, true, j.join);
      const p = plan(pa, exOpts, enOpts, null, null) ?? forced(pa, exOpts, enOpts, null, null);
      commit(pa, p, e, a, b, true);
      return;
    }
    const letter = nextLetter();
    const forward = pb > pa;
    const nA = inp.stepRows[pa]!.length;
    const nB = inp.stepRows[pb]!.length;
    const connA = forward ? nA : -1;
    const p1 = plan(pa, exOpts, [null], null, connA) ?? forced(pa, exOpts, [null], null, connA);
    commit(pa, p1, e, a, null, false);
    pending.push({ page: pa, where: forward ? 'bottom' : 'top', arrivalX: p1.track.x, letter, flowIn: true, from: a, to: b, step: a });
    const connB = forward ? -1 : nB;
    const j2 = full ? planJoin(pb, [null], connB, b, rb) : null;
    const p2 = j2 ?? plan(pb, [null], enOpts, connB, null) ?? forced(pb, [null], enOpts, connB, null);
    commit(pb, p2, e, b, j2 ? null : b, true, j2?.join);
    pending.push({ page: pb, where: forward ? 'top' : 'bottom', arrivalX: p2.track.x, letter, flowIn: false, from: a, to: b, step: b });
  }

  /** A decision branch that ends the procedure: a short labelled stub from a free point. */
  function routeEnd(e: FlowEdge): void {
    const a = e.from;
    const page = inp.pageOf.get(a)!;
    const r = inp.rowOf.get(a)!;
    const opts = exits(a, r);
    const ex = opts.find((o) => o.side === 'B') ?? opts.find((o) => o.side === 'R') ?? opts[0];
    if (!ex) return;
    used.add(pointKey(a, ex.lane, ex.side));
    const halfGutter = (inp.laneWidth - sym.w) / 2;
    const len = Math.max(MIN_RUN + 3, Math.min(14, halfGutter - BORDER_GAP));
    const dir = ex.side === 'L' ? -1 : 1;
    const end: Pt = ex.side === 'B' ? { x: ex.at.x, r, y: Math.min(hc - 3, symBottom + 12) } : { x: ex.at.x + dir * len, r, y: ex.at.y };
    emit(page, [ex.at, end], a, 'selesai', true);
    if (e.label) {
      const first = ex.side === 'B' ? 'down' : ex.side === 'L' ? 'left' : 'right';
      labelWishes.push({ page, r, text: e.label, from: a, to: 'selesai', at: ex.at, first, then: 'none', lane: ex.lane, end });
    }
  }

  // What the rows hold already (the joins between the symbols of a multi-lane step) counts for crossings too.
  inp.stepRows.forEach((rows, page) =>
    rows.forEach((row, r) => {
      for (const p of row.core.pieces) record(page, [{ x: p.x1, r, y: p.y1 as number }, { x: p.x2, r, y: p.y2 as number }]);
    }),
  );
  // Primary flows first (their points are fixed), then the others, shortest first so that loops nest.
  for (const s of model.steps) {
    const pr = primaryOf.get(s.number);
    if (pr) routePrimary(pr);
  }
  const others: FlowEdge[] = [];
  const ends: FlowEdge[] = [];
  for (const s of model.steps) {
    const pr = primaryOf.get(s.number);
    for (const e of inp.outgoing[s.number]!) {
      if (e === pr) continue;
      if (e.to === 'selesai') {
        // An ordinary step's flow to the end needs no arrow: its terminator ends it.
        if (s.symbol === 'decision') ends.push(e);
        continue;
      }
      others.push(e);
    }
  }
  for (const e of others) {
    unrouted.set(e.from, (unrouted.get(e.from) ?? 0) + 1);
    if (e.label) labelledLeft.set(e.from, (labelledLeft.get(e.from) ?? 0) + 1);
  }
  const spanOf = (e: FlowEdge): number => {
    const pa = inp.pageOf.get(e.from)!;
    const pb = inp.pageOf.get(e.to as number)!;
    if (pa !== pb) return 1e6 + Math.abs(e.from - (e.to as number));
    return Math.abs(inp.rowOf.get(e.from)! - inp.rowOf.get(e.to as number)!);
  };
  // Branches to the end take their point first: they have nowhere else to go.
  for (const e of ends) routeEnd(e);
  // Flows that crossed in an earlier try first (each group shortest first).
  const first = inp.first ?? new Set<number>();
  others
    .map((e, i) => ({ e, i, span: spanOf(e), early: first.has(i) ? 0 : 1 }))
    .sort((x, y) => x.early - y.early || (inp.longestFirst ? y.span - x.span : x.span - y.span) || x.i - y.i)
    .forEach(({ e, i }) => {
      currentFlow = i;
      routeSide(e);
    });
  currentFlow = -1;

  return {
    connectorRows: connRows,
    crossings: crossingCount,
    crossed: [...crossedFlows].sort((a, b) => a - b),
    finish: () => {
      placeConnectors();
      return placeLabels();
    },
  };

  // ---- connector rows ----
  function placeConnectors(): void {
    const H = inp.connectorRowHeight;
    for (const where of ['top', 'bottom'] as const) {
      for (let page = 0; page < inp.pageSteps.length; page++) {
        const list = pending.filter((c) => c.page === page && c.where === where).sort((x, y) => x.arrivalX - y.arrivalX);
        if (list.length === 0) continue;
        const row = rowAt(page, where === 'top' ? -1 : inp.stepRows[page]!.length);
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
          const pos = connectorX(c.arrivalX, placed);
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
    }
  }

  /**
   * A connector's x: under the arriving track when it is clear of the lane
   * borders and of the connectors already placed in the row, else the
   * nearest such place (in any lane), at least 1 mm away so the jog is no kink.
   */
  function connectorX(arrival: number, placed: readonly number[]): number {
    const half = sym.cw / 2;
    const apart = sym.cw + 3;
    let best: number | null = null;
    const consider = (x: number): void => {
      if (x !== arrival && Math.abs(x - arrival) < MIN_RUN - 0.01) return;
      if (placed.some((q) => Math.abs(q - x) < apart - 0.01)) return;
      if (best === null || Math.abs(x - arrival) < Math.abs(best - arrival)) best = x;
    };
    for (let lane = 0; lane < inp.laneCount; lane++) {
      const lo = borderX(lane) + half + BORDER_GAP;
      const hi = borderX(lane + 1) - half - BORDER_GAP;
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

  // ---- labels ----
  /** Places every Ya/Tidak label; how many found no free place (each then touches as little as it can). */
  function placeLabels(): number {
    let astray = 0;
    const H = LABEL_ASCENT;
    // Labels of branches leaving by a side first: they have the fewest places; a label beside a downward run has more.
    const order = [...labelWishes.filter((w) => w.first !== 'down'), ...labelWishes.filter((w) => w.first === 'down')];
    const wishOf = new Map<LabelMark, number>();
    const wishIndex = new Map(labelWishes.map((w, i) => [w, i]));
    const rows = new Set<RowBuilder>();
    for (const w of order) {
      const row = rowAt(w.page, w.r);
      const width = LABEL_WIDTH[w.text];
      // Candidate boxes (left, top), nearest first, tried as they are generated (a label that finds no free
      // place tries every one, so no list is built): the first that touches nothing wins, else the one touching least.
      const { x, y } = w.at;
      let best: { x: number; y: number; anchor: 'start' | 'end' } | null = null;
      let bestHits = Infinity;
      // Only what lies near the vertex can touch a box tried beside it (at most 16 px + the word across, 10 px +
      // the word's height up or down, pad included): the hit counts are the row's, found among fewer things.
      const nearVertex = obstaclesNear(row, x - 20 - width, y - 14 - H, x + 20 + width, y + 14 + H);
      // The places beside the vertex, in order of preference, each offered to `visit` until it says stop.
      const besideVertex = (visit: (cx: number, cy: number, anchor: 'start' | 'end') => boolean): void => {
        if (w.first === 'down') {
          const sides: ('right' | 'left')[] = w.then === 'right' ? ['left', 'right'] : ['right', 'left'];
          for (const side of sides)
            for (let dy = 1; dy <= 6; dy += 1) {
              const top = y + dy;
              if (side === 'right' ? visit(x + 2.5, top, 'start') : visit(x - 2.5 - width, top, 'end')) return;
            }
        } else {
          const dir = w.first === 'right' ? 1 : -1;
          // Away from where the arrow turns first; the other side when the turn is far enough (the hit test decides).
          const vs: ('below' | 'above')[] = w.then === 'up' ? ['below', 'above'] : ['above', 'below'];
          for (const v of vs)
            // Nearest the vertex first; further under the symbol's slanted edge when the gutter is narrower than the word.
            for (let dy = 1.5; dy <= 10; dy += 0.5)
              for (let dx = 1; dx >= -16; dx -= 1) {
                const top = v === 'below' ? y + dy : y - dy - H;
                if (dir === 1 ? visit(x + dx, top, 'start') : visit(x - dx - width, top, 'end')) return;
              }
        }
      };
      // The first free place beside the vertex wins (the taken spans of each top rule out most places at once).
      let spansTop = NaN;
      let nb = 0;
      besideVertex((cx, cy, anchor) => {
        if (cy !== spansTop) {
          spansTop = cy;
          nb = blockedSpans(row, nearVertex, x - 19 - width, x + 19, cy, width, H, 1);
        }
        if (nb < 0 || inSpans(cx, nb) || labelHits(row, cx, cy, width, H, 1, nearVertex, 1) > 0) return false;
        best = { x: cx, y: cy, anchor };
        bestHits = 0;
        return true;
      });
      if (bestHits > 0) {
        // Narrow lanes: anywhere within 2.5 mm of the run that leaves the vertex and 7 mm of the vertex, in the
        // symbol's lane or the neighbouring one that run reaches (beside it there), or across the symbol's centre
        // line; nearest the run and the vertex first, in the symbol's own lane when it can.
        const x1 = Math.min(x, w.end.x);
        const x2 = Math.max(x, w.end.x);
        const y1 = Math.min(y, w.end.y);
        const y2 = Math.max(y, w.end.y);
        const laneAt = (px: number): number => Math.min(inp.laneCount - 1, Math.max(0, Math.floor((px + 0.5) / inp.laneWidth)));
        const reach = 2.5 * PX_PER_MM;
        const near = 7 * PX_PER_MM;
        const around = obstaclesNear(row, x1 - reach - width - 3, y1 - reach - H - 3, x2 + reach + width + 3, y2 + reach + H + 4);
        // Candidates within reach, on a 1 px grid with a 1 px margin; then (a lane just too narrow, under ~54 px)
        // on a 0.25 px grid with a 0.6 px margin. The free one of least cost wins (its distance to the run, half
        // its distance to the vertex, 6 px outside the symbol's lane), the first generated among equals.
        const search = (step: number, pad: number): boolean => {
          let bestCost = Infinity;
          let bx = 0;
          let by = 0;
          for (let lane = Math.max(laneAt(x1), w.lane - 1); lane <= Math.min(laneAt(x2), w.lane + 1); lane++) {
            const left = borderX(lane) + 1;
            const lo = left + Math.max(0, Math.ceil((x1 - reach - width - left) / step) * step);
            const hi = Math.min(borderX(lane + 1) - 1 - width, x2 + reach);
            const other = lane === w.lane ? 0 : 6;
            for (let top = Math.max(1.5, y1 - reach - H); top + H <= row.core.height - 1.5 && top <= y2 + reach; top += Math.max(1, step)) {
              const dy = Math.max(0, top - y2, y1 - (top + H));
              const vy = Math.max(0, top - y, y - (top + H));
              // Both distances are at least their vertical part.
              if (dy > reach || vy > near) continue;
              const nb = blockedSpans(row, around, lo - 1, hi + 1, top, width, H, pad);
              if (nb < 0) continue;
              for (let lx = lo; lx <= hi; lx += step) {
                if (inSpans(lx, nb)) continue;
                const d = Math.hypot(dy, Math.max(0, lx - x2, x1 - (lx + width)));
                if (d > reach) continue;
                // Near the vertex, in the symbol's own lane, rather than further along the run.
                const dv = Math.hypot(vy, Math.max(0, lx - x, x - (lx + width)));
                if (dv > near) continue;
                const cost = d + 0.5 * dv + other;
                if (cost >= bestCost) continue;
                if (labelHits(row, lx, top, width, H, pad, around, 1) === 0) {
                  bestCost = cost;
                  bx = lx;
                  by = top;
                }
              }
            }
          }
          if (bestCost === Infinity) return false;
          best = { x: bx, y: by, anchor: 'start' };
          bestHits = 0;
          return true;
        };
        if (!search(2, 1) && !search(1, 1) && !search(0.25, 0.6))
          // No free place at all: the place beside the vertex that touches least.
          besideVertex((cx, cy, anchor) => {
            const hits = labelHits(row, cx, cy, width, H, 1, nearVertex);
            if (hits < bestHits) {
              best = { x: cx, y: cy, anchor };
              bestHits = hits;
            }
            return false;
          });
      }
      best = best!;
      if (bestHits > 0) astray++;
      const lx = best.anchor === 'start' ? best.x : best.x + width;
      const mark: LabelMark = { x: round(lx), y: round(best.y + H), text: w.text, anchor: best.anchor, from: w.from, to: w.to };
      row.core.labels.push(mark);
      wishOf.set(mark, wishIndex.get(w)!);
      rows.add(row);
    }
    // Each row's labels in the order their flows were routed (as before the side-first placement).
    for (const row of rows) row.core.labels.sort((p, q) => (wishOf.get(p) ?? -1) - (wishOf.get(q) ?? -1));
    return astray;
  }

  /** The pieces, symbols and labels of a row's core band that reach into a box (left, top, right, bottom). */
  function obstaclesNear(row: RowBuilder, L: number, T: number, R: number, B: number): Obstacles {
    const { pieces, symbols, labels } = row.core;
    const hw = sym.w / 2 + 0.8;
    const hh = sym.h / 2 + 0.8;
    return {
      pieces: pieces.filter((p) => Math.max(p.x1, p.x2) >= L && Math.min(p.x1, p.x2) <= R && Math.max(p.y1 as number, p.y2 as number) >= T && Math.min(p.y1 as number, p.y2 as number) <= B),
      symbols: symbols.filter((s) => s.kind !== 'connector' && s.x + hw >= L && s.x - hw <= R && s.y + hh >= T && s.y - hh <= B),
      labels: labels.filter((l) => {
        const lx = l.anchor === 'start' ? l.x : l.x - LABEL_WIDTH[l.text];
        return lx <= R && lx + LABEL_WIDTH[l.text] >= L && l.y >= T && l.y - LABEL_ASCENT <= B;
      }),
    };
  }

  /**
   * The spans of left edges x in [lo, hi] at which a label box (x, top, w, h, pad as labelHits) surely touches
   * something, written into SPANS (from, to, exclusive, each drawn in by a hair so that rounding cannot make
   * a free box look taken); their count, or -1 when every box of that top touches the band's edge. A box left
   * outside them is then tried with labelHits, which decides: the spans only save it the boxes that cannot win.
   */
  function blockedSpans(row: RowBuilder, near: Obstacles, lo: number, hi: number, top: number, w: number, h: number, pad: number): number {
    const T = top - pad;
    const B = top + h + pad + 1.2;
    if (T < 0.5 || B > row.core.height - 0.5) return -1;
    let n = 0;
    for (let i = 0; i <= inp.laneCount; i++) {
      const bx = borderX(i);
      n = addSpan(n, lo, hi, bx - w - pad - 0.5, bx + pad + 0.5);
    }
    for (let i = 0; i < near.pieces.length; i++) {
      const p = near.pieces[i]!;
      const y1 = p.y1 as number;
      const y2 = p.y2 as number;
      if (Math.max(y1, y2) >= T && Math.min(y1, y2) <= B) n = addSpan(n, lo, hi, Math.min(p.x1, p.x2) - w - pad, Math.max(p.x1, p.x2) + pad);
    }
    const hw = sym.w / 2 + 0.8;
    for (let i = 0; i < near.symbols.length; i++) {
      const s = near.symbols[i]!;
      if (s.kind === 'connector') continue;
      const dy = Math.abs(Math.min(Math.max(s.y, T), B) - s.y) / (sym.h / 2 + 0.8);
      // The box touches when its nearest point to the centre lies within m across (the diamond narrows with dy).
      const m = s.kind === 'decision' ? (1 - dy) * hw : dy <= 1 ? hw : -1;
      if (m >= 0) n = addSpan(n, lo, hi, s.x - m - w - pad, s.x + m + pad);
    }
    for (let i = 0; i < near.labels.length; i++) {
      const l = near.labels[i]!;
      if (!(l.y - h < B && l.y > T)) continue;
      const lw = LABEL_WIDTH[l.text];
      const lx = l.anchor === 'start' ? l.x : l.x - lw;
      n = addSpan(n, lo, hi, lx - w - pad, lx + lw + pad);
    }
    return n;
  }

  /**
   * How many things a label box (left, top, width, height) in a row's core band would touch, counting up to
   * `limit`: the band's edges, lane borders, and the row's pieces, symbols and labels (or those of `near`, when
   * the box lies inside the area they were gathered from).
   */
  function labelHits(row: RowBuilder, x: number, y: number, w: number, h: number, pad = 1, near: Obstacles = row.core, limit = Infinity): number {
    const L = x - pad;
    const R = x + w + pad;
    const T = y - pad;
    // The label's white patch reaches 1.2 px under the baseline (emit/html/view-model.ts labelBox).
    const B = y + h + pad + 1.2;
    let n = 0;
    if (T < 0.5 || B > row.core.height - 0.5) n++;
    for (let i = 0; i <= inp.laneCount && n < limit; i++) {
      const bx = borderX(i);
      if (bx > L - 0.5 && bx < R + 0.5) n++;
    }
    for (let i = 0; i < near.pieces.length; i++) {
      if (n >= limit) return n;
      const p = near.pieces[i]!;
      const y1 = p.y1 as number;
      const y2 = p.y2 as number;
      if (Math.max(p.x1, p.x2) >= L && Math.min(p.x1, p.x2) <= R && Math.max(y1, y2) >= T && Math.min(y1, y2) <= B) n++;
    }
    for (let i = 0; i < near.symbols.length; i++) {
      if (n >= limit) return n;
      const s = near.symbols[i]!;
      if (s.kind === 'connector') continue;
      // A diamond is |dx|/(w/2) + |dy|/(h/2) <= 1, the others their box. Both measures grow with |dx| and
      // |dy| separately, so the box's point nearest the centre (the centre clamped into it) decides, exactly.
      const dx = Math.abs(Math.min(Math.max(s.x, L), R) - s.x) / (sym.w / 2 + 0.8);
      const dy = Math.abs(Math.min(Math.max(s.y, T), B) - s.y) / (sym.h / 2 + 0.8);
      if (s.kind === 'decision' ? dx + dy <= 1 : dx <= 1 && dy <= 1) n++;
    }
    for (let i = 0; i < near.labels.length; i++) {
      if (n >= limit) return n;
      const l = near.labels[i]!;
      const lw = LABEL_WIDTH[l.text];
      const lx = l.anchor === 'start' ? l.x : l.x - lw;
      if (lx < R && lx + lw > L && l.y - h < B && l.y > T) n++;
    }
    return n;
  }
}

/** Scratch room for blockedSpans (pairs from, to); 0.001 px: far above rounding, far below the 0.25 px grid. */
const SPANS = new Float64Array(512);
const HAIR = 1e-3;

/** Whether x lies inside one of the first nb spans of SPANS (a box there surely touches something). */
function inSpans(x: number, nb: number): boolean {
  for (let i = 0; i < nb; i++) if (x > SPANS[2 * i]! && x < SPANS[2 * i + 1]!) return true;
  return false;
}

/** Writes span n (from a to b, drawn in by HAIR) into SPANS unless it misses [lo, hi] or SPANS is full; the new count. */
function addSpan(n: number, lo: number, hi: number, a: number, b: number): number {
  if (b < lo || a > hi || n >= SPANS.length / 2) return n;
  SPANS[2 * n] = a + HAIR;
  SPANS[2 * n + 1] = b - HAIR;
  return n + 1;
}

/** What a label box may touch in a row's core band. */
interface Obstacles {
  pieces: readonly Piece[];
  symbols: readonly SymbolMark[];
  labels: readonly LabelMark[];
}

const round = (v: number): number => Math.round(v * 100) / 100;

function piece(x1: number, y1: Y, x2: number, y2: Y, from: number, to: FlowTarget, arrow: boolean): Piece {
  const r = (v: Y): Y => (typeof v === 'number' ? round(v) : v);
  return { x1: r(x1) as number, y1: r(y1), x2: r(x2) as number, y2: r(y2), from, to, arrow };
}
