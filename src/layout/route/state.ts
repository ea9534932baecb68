/**
 * What the router knows while it routes one try (src/layout/route.ts): the frame every module measures in
 * (symbol size, lane centres, the core band), and the state each concern owns, in one object passed to
 * every function: the points that carry an arrow (points.ts), the tracks (tracks.ts), what is drawn so far
 * and its crossings (drawn.ts), the arrows arriving at each step (junctions.ts), the labels to place
 * (labels.ts) and the connectors to place (connectors.ts).
 */
import type { FlowTarget, SymbolKind } from '../../model/model.js';
import { PX_PER_MM, type SymbolSize } from '../geometry.js';
import type { Piece, Y } from '../types.js';
import type { RouteInput, RowBuilder } from '../route.js';

/** 1.5 mm (issue 10): between parallel runs of different arrows, and from an arrow to a lane border. */
export const TRACK_GAP = Math.ceil(1.5 * PX_PER_MM * 10) / 10;
/** Lane borders are drawn by the browser: a little margin over 1.5 mm for its rounding. */
export const BORDER_GAP = TRACK_GAP + 0.3;
/** A track's distance from the symbol it serves: the stub shows a whole arrowhead (7 px) and a bit of shaft. */
export const SYMBOL_GAP = 10;
/** The least a track may keep from a symbol when the gutter is narrow (still over 1 mm). */
export const SYMBOL_GAP_MIN = 4;
/** Shortest straight run (1 mm). */
export const MIN_RUN = Math.ceil(PX_PER_MM * 10) / 10;
/**
 * The shortest straight run an arrowhead ends (issue 20, "an arrowhead over a corner"): the head (7 px: flow-marks.ts
 * ARROW_MARKER, page/types.ts ARROW) and 1 px of shaft, so that its base lies clear of the corner the run turns at.
 */
export const HEAD_RUN = 7 + 1;
/** Height of the horizontal run above a symbol when an arrow enters its top from a track. */
export const TOP_RUN_Y = 6;

export type Side = 'T' | 'B' | 'L' | 'R';
/** A point of a polyline: x, the row on its page (-1: top connector row; n: bottom one) and y in that row's core band. */
export interface Pt {
  readonly x: number;
  readonly r: number;
  readonly y: number;
}
/** A point of a symbol where a flow may leave or enter, and the run from it to a track. */
export interface Exit {
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
  /**
   * A labelled side exit whose gutter cannot hold its label 1 mm from the lane border (points.ts slantRoom): for
   * each side of the run, the distances from the point at which a track turning to that side surely (and may)
   * leave the label a free place there that is its arrow's plainly, as the row is now (merged intervals; on the
   * side away from the turn, any one will do). Each side worked out when first asked (points.ts slantRoom).
   */
  readonly slant?: SlantQuery;
  /**
   * A top exit: the level of its run sideways, when not TOP_RUN_Y (top-exit.ts topExit: lifted above the core band, y < 0);
   * a bottom entry: the level of its run sideways under the symbol (bottom-entry.ts inEntry).
   */
  readonly runY?: number;
  /**
   * A top entry: the level of its run sideways in the row above (its core band's px), taken where that row is clear
   * there (tracks.ts trackY, top-entry.ts): the run down into the top then shows the whole arrowhead and more.
   */
  readonly runUp?: number;
  /**
   * An entry into a side of a decision whose branch back leaves by the top (top-exit.ts topCandidates): a track nearer
   * than `d` to the symbol's centre line `x` leaves "Tidak" beside the run up no room on this side (tracks.ts CLEAR_COST).
   */
  readonly clear?: { readonly x: number; readonly d: number };
}
/** A side exit's slantRoom, per side of its run (Exit.slant), each side worked out when first asked. */
export interface SlantQuery {
  /** Whether a place on that side is owned by the run alone (the may-intervals reach infinity). */
  owned(v: 'above' | 'below'): boolean;
  rooms(v: 'above' | 'below'): SlantRoom;
}
/** Track distances from a side exit's point, as merged intervals [from, to]: where its label surely, and may, be owned. */
export interface SlantRoom {
  readonly sure: readonly (readonly [number, number])[];
  readonly may: readonly (readonly [number, number])[];
}
/** A vertical channel in a gutter. */
export interface Track {
  readonly x: number;
  /** Taken vertical intervals per page, in g units (made on the first taken: most tracks of a try stay free). */
  taken: Map<number, [number, number][]> | null;
  /** Nearer its symbol than SYMBOL_GAP: the arrowhead overlaps the turn; used when the other tracks are busy. */
  readonly tight?: boolean;
  /**
   * The one track of a gutter too narrow for two, kept 1.5 mm from its symbol (tracks.ts gutterTracks): a flow passing
   * another step's symbol there takes the only way that step's side exits have, and costs as a track near it.
   */
  readonly sole?: boolean;
}
/** A route on one page: its polyline, the track it runs in, the points it leaves and enters (null: a connector row). */
export interface Plan {
  cost: number;
  /** The arrows it crosses (the cost counts them first). */
  crossings: number;
  pts: Pt[];
  track: Track;
  ex: Exit | null;
  en: Exit | null;
}
/** A drawn vertical run, in g units. */
export interface VSeg {
  readonly x: number;
  readonly g1: number;
  readonly g2: number;
  /** The flow drawn (numbered as RouteInput.first; -1: a primary flow or a branch to the end). */
  readonly flow: number;
}
/** A drawn horizontal run, in g units. */
export interface HSeg {
  readonly g: number;
  readonly x1: number;
  readonly x2: number;
  readonly flow: number;
}
/** A Ya/Tidak label to place once every line is drawn. */
export interface LabelWish {
  page: number;
  r: number;
  text: 'Ya' | 'Tidak';
  from: number;
  to: FlowTarget;
  /** The point where the arrow leaves and the direction of its first run, then of its second. */
  at: Pt;
  first: 'down' | 'up' | 'left' | 'right';
  then: 'up' | 'down' | 'left' | 'right' | 'none';
  lane: number;
  /** Where the first run (from `at`, in the same row) ends. */
  end: { x: number; y: number };
}
/** An off-page connector to place once every page is routed. */
export interface PendingConnector {
  page: number;
  where: 'top' | 'bottom';
  arrivalX: number;
  /** The pair's key (connectors.ts pairKey): placeConnectors letters the pairs. */
  letter: string;
  flowIn: boolean;
  from: number;
  to: FlowTarget;
  step: number;
}
/** An arrow arriving at a step, as a polyline (a flow that finds no free point of the step may merge into it). */
export interface Host {
  key: string;
  page: number;
  pts: readonly Pt[];
}

export interface RouteState {
  readonly inp: RouteInput;
  readonly sym: SymbolSize;
  readonly centers: readonly number[];
  /** Core band height of a step row; where its symbols sit; the level of the jog under a symbol. */
  readonly hc: number;
  readonly symTop: number;
  readonly symBottom: number;
  readonly symMid: number;
  readonly jogY: number;
  /** The centre line of each lane border, 0..laneCount (borderX). */
  readonly borders: readonly number[];
  /** Each page's connector rows, made when a flow first needs them. */
  readonly connRows: { top: RowBuilder | null; bottom: RowBuilder | null }[];
  /** points.ts: the points of symbols that carry an arrow (one arrow each), and what each step still needs. */
  readonly points: {
    readonly used: Set<string>;
    /** Each step's flows still to route from a side or its bottom: incoming flows leave them a point. */
    readonly unrouted: Map<number, number>;
    /** Labelled branches of each step that still leave by a side or a track: an incoming flow leaves them the side their label fits. */
    readonly labelledLeft: Map<number, number>;
    /** Decisions whose top is kept for their branch back up (points.ts topKept): no flow enters it. */
    readonly topKept: Set<number>;
  };
  /** tracks.ts: the tracks, sorted by x, and the spare ones (made when first asked for: most tries need none). */
  readonly tracks: { readonly all: Track[]; readonly spares: Track[]; readonly sparesMade: boolean };
  /** drawn.ts: what is drawn so far, per page, for counting crossings. */
  readonly drawn: {
    readonly vsegs: VSeg[][];
    readonly hsegs: HSeg[][];
    /** The flow being routed (numbered as RouteInput.first; -1: none of those), the crossings so far and their flows. */
    currentFlow: number;
    crossings: number;
    readonly crossed: Set<number>;
  };
  /** junctions.ts: arrows arriving at each step. */
  readonly hostsOf: Map<number, Host[]>;
  /** labels.ts */
  readonly labelWishes: LabelWish[];
  /** connectors.ts */
  readonly connectors: {
    readonly pending: PendingConnector[];
    /** The connector rows pagination made room for, as `page:top` / `page:bottom` (computed on first use). */
    rows: Set<string> | null;
    /** Halves (`flow@page`) that took their page's other row where the format's would have crossed no more (flows.ts inLanes). */
    readonly rowFree: Set<string>;
    /**
     * Whether a connector the order of the arrivals walls out of its step's lanes is brought in across another flow's
     * run (connector-levels.ts crossIn): only on the drawing the tries chose (RouteOutput.crossIn).
     */
    crossIn: boolean;
  };
}

/** Rows of a page are 1000 units apart in the vertical order used for crossings; the core band starts at +100. */
const G_ROW = 1000;
const G_CORE = 100;
export const g = (r: number, y: number): number => (r + 1) * G_ROW + G_CORE + y;

/** The frame of a try: symbol levels and the jog, empty connector rows (the other concerns add their state). */
export function frame(inp: RouteInput): Frame {
  const { sym, hc, symTop } = inp;
  const symBottom = symTop + sym.h;
  const symMid = symTop + sym.h / 2;
  // The jog under a symbol: half way down the band, or (a deep band: narrow lanes) 8 px above its bottom, leaving
  // room for a label between it and the symbol.
  const jogY = hc - symBottom > 16 ? hc - 8 : symBottom + Math.round((hc - symBottom) / 2);
  const connRows = inp.pageSteps.map(() => ({ top: null as RowBuilder | null, bottom: null as RowBuilder | null }));
  const borders: number[] = [];
  for (let i = 0; i <= inp.laneCount; i++) borders.push(i >= inp.laneCount ? inp.lanesWidth - 0.5 : inp.laneLefts[i]! - 0.5);
  return { inp, sym, centers: inp.centers, hc, symTop, symBottom, symMid, jogY, borders, connRows };
}
export type Frame = Pick<RouteState, 'inp' | 'sym' | 'centers' | 'hc' | 'symTop' | 'symBottom' | 'symMid' | 'jogY' | 'borders' | 'connRows'>;

export const kindOf = (st: RouteState, n: number): SymbolKind => st.inp.model.steps[n - 1]!.symbol;

/**
 * The centre line of lane border i (0: the cell's left edge, laneCount: its right edge): a lane's separator
 * is the last px inside its box (templates/sop.css .lane-col); the cell's left edge is half a px outside, its
 * right edge up to a px inside (the table's borders take their share of the columns' widths). Computed once
 * per try (frame): the label search asks for them in its innermost loops.
 */
export const borderX = (st: Pick<RouteState, 'borders'>, i: number): number => st.borders[i]!;

/** The room beside a side exit's point (L or R), to its lane's border on that side. */
export const gutterOf = (st: Pick<RouteState, 'borders'>, o: Pick<Exit, 'side' | 'lane' | 'at'>): number =>
  o.side === 'L' ? o.at.x - borderX(st, o.lane) : borderX(st, o.lane + 1) - o.at.x;

/** The lane whose box holds x (lane i from its left edge, borderX(i) + 0.5), clamped to the lanes. */
export function laneAt(st: Pick<RouteState, 'borders'>, x: number): number {
  const b = st.borders;
  let lane = 0;
  while (lane < b.length - 2 && x >= b[lane + 1]! + 0.5) lane++;
  return lane;
}

/**
 * A map `store` keeps as long as one layout (keyed by its RouteInput.slantCache, one per layout: the same lanes,
 * symbols and frame), for what the tries of that layout work out alike; null without a slantCache.
 */
export function layoutMemo<V>(store: WeakMap<object, Map<string, V>>, st: Pick<RouteState, 'inp'>): Map<string, V> | null {
  const layout = st.inp.slantCache;
  if (!layout) return null;
  let memo = store.get(layout);
  if (!memo) store.set(layout, (memo = new Map()));
  return memo;
}

/**
 * `compute`, worked out once per RouteInput (one try's input: the steps routed, the decisions' sides and tops asked
 * for) and kept as long as it: the candidate decisions of points.ts sidesOnly, top-exit.ts and bottom-exit.ts.
 */
export function perInput<V>(compute: (st: RouteState) => V): (st: RouteState) => V {
  const memo = new WeakMap<RouteState['inp'], V>();
  return (st) => {
    let v = memo.get(st.inp);
    if (v === undefined) memo.set(st.inp, (v = compute(st)));
    return v;
  };
}

/** Whether a try routes this page (RouteInput.pages: all when not given). */
export const routedPage = (st: Pick<RouteState, 'inp'>, page: number): boolean => !st.inp.pages || st.inp.pages.has(page);

/**
 * The steps on the pages a try routes (RouteInput.pages), in order: worked out once for the tries of the same
 * pages (a page's router passes the same set of pages to each of its tries, and the router asks several times a try).
 */
export function routedSteps(inp: RouteInput): readonly number[] {
  if (!inp.pages) return inp.model.steps.map((s) => s.number);
  let byPages = stepsMemo.get(inp.pageSteps);
  if (!byPages) stepsMemo.set(inp.pageSteps, (byPages = new WeakMap()));
  let out = byPages.get(inp.pages);
  if (out) return out;
  out = [];
  for (let p = 0; p < inp.pageSteps.length; p++) if (inp.pages.has(p)) for (const n of inp.pageSteps[p]!) out.push(n);
  byPages.set(inp.pages, out);
  return out;
}
const stepsMemo = new WeakMap<RouteInput['pageSteps'], WeakMap<ReadonlySet<number>, number[]>>();

/**
 * The steps whose outgoing flows a try routes, in order: all of them, or (RouteInput.pages) the steps on the pages
 * routed and the steps elsewhere with a flow arriving on them.
 */
export function routedSources(inp: RouteInput): readonly number[] {
  let out = sourcesMemo.get(inp);
  if (out) return out;
  const steps = routedSteps(inp);
  if (!inp.pages) out = steps;
  else {
    const set = new Set(steps);
    for (const n of steps) {
      if (inp.incoming) for (const e of inp.incoming[n]!) set.add(e.from);
      else for (const s of inp.model.steps) if (inp.outgoing[s.number]!.some((e) => e.to === n)) set.add(s.number);
    }
    out = [...set].sort((a, b) => a - b);
  }
  sourcesMemo.set(inp, out);
  return out;
}
const sourcesMemo = new WeakMap<RouteInput, readonly number[]>();

/** Row r of a page: a step row, or (r -1 or n) its connector row, made on first use. */
export function rowAt(st: RouteState, page: number, r: number): RowBuilder {
  const { inp } = st;
  const n = inp.stepRows[page]!.length;
  if (r >= 0 && r < n) return inp.stepRows[page]![r]!;
  const where = r < 0 ? 'top' : 'bottom';
  let row = st.connRows[page]![where];
  if (!row) {
    const h = r < 0 ? inp.connectorRowHeight : inp.bottomRowHeight(page);
    row = inp.newRow('connectors', null, h, h);
    st.connRows[page]![where] = row;
  }
  return row;
}

/** The core band height of row r of a page. */
export const coreH = (st: RouteState, page: number, r: number): number =>
  r < 0 ? st.inp.connectorRowHeight : r < st.inp.stepRows[page]!.length ? st.hc : st.inp.bottomRowHeight(page);

export const round = (v: number): number => Math.round(v * 100) / 100;

export function piece(x1: number, y1: Y, x2: number, y2: Y, from: number, to: FlowTarget, arrow: boolean): Piece {
  const r = (v: Y): Y => (typeof v === 'number' ? round(v) : v);
  return { x1: r(x1) as number, y1: r(y1), x2: r(x2) as number, y2: r(y2), from, to, arrow };
}

/**
 * The room the row's text leaves over its core band (and as much under it: the core is centred, the browser makes a
 * row no lower than its minHeight), px: what drawn.ts liftRows may grow the band by for a run or a terminator there.
 */
export function bandRoom(st: RouteState, page: number, r: number): number {
  return (rowAt(st, page, r).minHeight - st.hc) / 2;
}
