/**
 * The orthogonal connector router (docs/drawing-contract.md, "How arrows are
 * routed"). Pure geometry: the laid-out rows in, pieces, labels and off-page
 * connectors added to them. One module per concern under route/, each a set of
 * functions over the state of one try (route/state.ts):
 *
 * - route/flows.ts: each kind of flow. A step's flow to the next step leaves
 *   the bottom of its symbol and enters the top of the next one (a change of
 *   lane is a jog under it); every other flow leaves a free point, runs in a
 *   track and enters a free point, through a connector pair across a page.
 * - route/points.ts: which vertex (a decision) or side midpoint (a box) a flow
 *   leaves and enters: each carries at most one arrow, so a returning arrow
 *   never lands where a branch leaves.
 * - route/tracks.ts: the vertical channels ("tracks") in the gutters between a
 *   symbol and a lane border, TRACK_GAP from each other and BORDER_GAP from
 *   lane borders; the route among all free tracks with the fewest crossings,
 *   then the shortest. route/junctions.ts: merging into an arrow when a step
 *   has no free point left.
 * - route/drawn.ts: polylines into the rows' bands, and their crossings.
 * - route/connectors.ts: off-page connectors and their letters.
 * - route/labels.ts, route/label-space.ts: Ya/Tidak labels beside the run that
 *   leaves the symbol, where they touch no line, border or symbol.
 * - route/tries.ts: the order flows are routed in, and the re-tries when
 *   arrows cross (layout.ts keeps the best).
 */
import type { FlowEdge, SopModel } from '../model/model.js';
import type { SymbolSize } from './geometry.js';
import type { LabelMark, Piece, SymbolMark } from './types.js';
import { placeConnectors, newConnectors } from './route/connectors.js';
import { liftRows, newDrawn, recordRows } from './route/drawn.js';
import { placeLabels } from './route/labels.js';
import { farLabels as moveFarLabels } from './route/label-far.js';
import { clearHeads } from './route/head-clear.js';
import { arrivalSide, newPoints, pointKey, sideChoices, sidesOnly, widerSides } from './route/points.js';
import { topCandidates } from './route/top-exit.js';
import { downCandidates } from './route/bottom-exit.js';
import { inCandidates, keptDowns } from './route/bottom-entry.js';
import { awayCandidates, primaryFlows, routeEnds, routeIntoSide, routePrimary, routeSide } from './route/flows.js';
import { frame, laneAt, routedPage, routedSources, routedSteps, type RouteState, type SlantQuery } from './route/state.js';
import { newTracks } from './route/tracks.js';
import { flowOrder } from './route/tries.js';
import { pushAll } from '../util/array.js';

export { BORDER_GAP, TRACK_GAP } from './route/state.js';

export interface RowBuilder {
  kind: 'step' | 'connectors';
  step: number | null;
  minHeight: number;
  top: Piece[];
  core: { height: number; pieces: Piece[]; symbols: SymbolMark[]; labels: LabelMark[] };
  bottom: Piece[];
  /** How far a run lies above the core band's top (route/drawn.ts liftRows grows the band to hold it), px. */
  lift?: number;
}

export interface RouteInput {
  readonly model: SopModel;
  /** The side exits' label room (route/points.ts slantRoom) by key, shared by the tries of one layout. */
  readonly slantCache?: Map<string, SlantQuery>;
  readonly laneCount: number;
  /** The narrowest lane (all of them, unless `laneLefts` says otherwise). */
  readonly laneWidth: number;
  readonly lanesWidth: number;
  /** Each lane's left edge, and lanesWidth last (laneCount + 1 values): lanes may differ in width. */
  readonly laneLefts: readonly number[];
  readonly sym: SymbolSize;
  readonly centers: readonly number[];
  /** Core band height of a step row, and where its symbols sit. */
  readonly hc: number;
  readonly symTop: number;
  /** The top connector rows' height. */
  readonly connectorRowHeight: number;
  /** A page's bottom connector row's height (paginate.ts bottomRows: shorter where one flow at most leaves there). */
  readonly bottomRowHeight: (page: number) => number;
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
  /** Every step's flow to the next leaves its bottom, narrow-lane decisions too (route/points.ts sidesOnly): a try when theirs cross. */
  readonly bottomFirst?: boolean;
  /** Narrow-lane decisions whose branch to the next step leaves the bottom all the same: their side took a spare track. */
  readonly bottomSteps?: ReadonlySet<number>;
  /** Narrow-lane decisions whose other branch leaves away from the next step's lane (route/points.ts siblingSide). */
  readonly siblingSteps?: ReadonlySet<number>;
  /** Decisions whose branch to the end, on a side, is routed after the other flows (end-try.ts; route/flows.ts routeEnd). */
  readonly lateEnds?: ReadonlySet<number>;
  /** Narrow-lane decisions whose branches are routed before every other flow (routeEarly). */
  readonly earlySteps?: ReadonlySet<number>;
  /**
   * Flows (numbered as `first`) whose route to an off-page connector is also sought on each side of its step's lanes
   * (route/flows.ts inLanes): a try for connectors left outside their lanes (late-tries.ts sidesTry).
   */
  readonly laneSides?: ReadonlySet<number>;
  /**
   * Decisions with one arriving arrow leave by their sides (route/points.ts sidesOnly) wherever "Tidak" does not fit
   * beside a side vertex with 1 mm to the border, not only in lanes too narrow to slant it under the symbol.
   */
  readonly sidesWide?: boolean;
  /** Narrow-lane decisions met by two arrows that send their branch back up from the top (of route/top-exit.ts topCandidates). */
  readonly topSteps?: ReadonlySet<number>;
  /** Of topSteps, those whose flow from the previous page enters the side away from their loops back (route/flows.ts awayFromLoops). */
  readonly awaySteps?: ReadonlySet<number>;
  /** Decisions met by two arrows that send their branch back down from the bottom (of route/bottom-exit.ts downCandidates, any lane width). */
  readonly downSteps?: ReadonlySet<number>;
  /** Decisions whose loop back in enters by the bottom, their branch to the next step leaving by a side (of route/bottom-entry.ts inCandidates). */
  readonly inSteps?: ReadonlySet<number>;
  /**
   * Halves of flows across pages (`flow@page`, the flow numbered as `first`) whose connector takes the page's other
   * connector row when that crosses no more: their lane had more connectors than room (layout.ts, issue 20 item 2).
   */
  readonly otherRow?: ReadonlySet<string>;
  /**
   * Halves of flows across pages (numbered as `otherRow`) whose connector takes the format's row (the page's bottom
   * one for a flow onwards where it leaves, its top one where it enters; a loop back the reverse) whenever that
   * crosses no more, before their connector's lane and the route's length (late-tries.ts formatRowTries).
   */
  readonly usualRow?: ReadonlySet<string>;
  /**
   * Route these pages only (a long procedure's pages are tried one by one, layout.ts): the flows with an end on
   * them, each drawn on those of its pages; `stepRows` need hold only their rows. All pages when not given.
   */
  readonly pages?: ReadonlySet<number>;
  /** The flows arriving at each step (by number), as `outgoing` has them: what a try of some pages needs of the others. */
  readonly incoming?: readonly (readonly FlowEdge[])[];
}

export interface RouteOutput {
  /** Decisions whose branch to the end took a side not facing the arrival (end-try.ts routes them last). */
  readonly endSides: ReadonlySet<number>;
  /** Each page's connector rows (null when the page has none). */
  readonly connectorRows: readonly { top: RowBuilder | null; bottom: RowBuilder | null }[];
  /** Crossings of arrows drawn (each counted once, when the second arrow is drawn). */
  readonly crossings: number;
  /** The flows that take part in a crossing (numbered as RouteInput.first), in ascending order. */
  readonly crossed: readonly number[];
  /** How many branches to the next step left a narrow-lane decision by a side (route/points.ts sidesOnly). */
  readonly bySide: number;
  /** The decisions of those whose branch by a side found no free track (a spare one, beside another arrow). */
  readonly sideSpares: readonly number[];
  /** The narrow-lane decisions that left by their sides in this try (route/points.ts sidesOnly). */
  readonly sideSteps: readonly number[];
  /** The flows numbered as RouteInput.first (a decision's other branch, loops, jumps). */
  readonly others: readonly FlowEdge[];
  /**
   * Halves of flows across pages (`flow@page`, as RouteInput.usualRow) whose connector took its page's other row
   * where a route to the format's row would have crossed no more (the other was in its lanes, or shorter).
   */
  readonly rowFree: ReadonlySet<string>;
  /** The decisions that could send their branch back up from the top (route/top-exit.ts topCandidates). */
  readonly topCandidates: ReadonlySet<number>;
  /** Of those, the ones whose flow from the previous page would enter the other side in a try (RouteInput.awaySteps). */
  readonly awayCandidates: ReadonlySet<number>;
  /** The decisions that could send their branch back down from the bottom (route/bottom-exit.ts downCandidates). */
  readonly downCandidates: ReadonlySet<number>;
  /** The decisions whose loop back in could enter by the bottom (route/bottom-entry.ts inCandidates). */
  readonly inCandidates: ReadonlySet<number>;
  /**
   * The decisions whose sides RouteInput.bottomSteps and siblingSteps can change (route/points.ts sideChoices): the
   * same for every try of the same pages and sidesWide.
   */
  readonly sideChoices: () => { sides: ReadonlySet<number>; siblings: ReadonlySet<number> };
  /** Whether RouteInput.sidesWide would send a decision by its sides that this routing does not (route/points.ts widerSides). */
  readonly widerSides: () => boolean;
  /**
   * The order the other flows would be routed in (tries.ts flowOrder) with these RouteInput.first and longestFirst,
   * the rest of this try's input kept: all that those two change in a routing (layout-tries.ts sharedRoutings).
   */
  readonly orderOf: (first: ReadonlySet<number> | undefined, longestFirst: boolean) => readonly number[];
  /**
   * Places the connectors and the Ya/Tidak labels (on a try that may be kept: the others are thrown away); how many
   * labels found no free place. Once: called again, it places nothing more.
   */
  readonly finish: () => number;
  /**
   * Places the connectors only (finish places them too), once: enough to count crossings, overlaps, connectors off
   * their lanes. `raise` true: placed again, a lane too narrow for three taking one of them on the row's second level
   * (route/connectors.ts packRaised; layout-tries.ts bestRouting judges it on the drawing kept); false: again as at
   * first; left out: as they are. Whether a connector was placed on a second level.
   */
  readonly connect: (raise?: boolean) => boolean;
  /**
   * On the drawing the tries chose, after connect: its connectors walled out of their steps' lanes brought in across
   * another flow's run (route/connector-levels.ts crossIn; issue 20 items 2 and 3).
   */
  readonly crossIn: () => void;
  /** On the drawing the tries chose, connected: a loop into a side with its head over the corner trades tracks with the run passing it (route/head-clear.ts). */
  readonly clearHeads: () => void;
  /** On the drawing the tries chose, finished: its labels owned by no place near their vertex moved further along (route/label-far.ts farLabels). */
  readonly farLabels: () => void;
}

/**
 * RouteOutput.finish, clearHeads and farLabels: the labels placed once connected, once; on the drawing the tries
 * chose, its arrowheads cleared of their corners once, its labels moved further along once, after them.
 */
function finished(st: RouteState, connect: () => void): Pick<RouteOutput, 'finish' | 'clearHeads' | 'farLabels'> {
  let astray: number | null = null;
  let cleared = false;
  let moved = false;
  const finish = (): number => {
    connect();
    astray ??= placeLabels(st);
    return astray;
  };
  return {
    finish,
    clearHeads: () => {
      connect();
      if (!cleared) clearHeads(st);
      cleared = true;
    },
    farLabels: () => {
      finish();
      if (!moved) moveFarLabels(st);
      moved = true;
    },
  };
}

/** RouteOutput.crossIn: once connected, the connectors placed again with those walled out of their lanes brought in. */
function crossInOnce(st: RouteState, connected: boolean | null): void {
  if (connected === null || st.connectors.crossIn) return;
  st.connectors.crossIn = true;
  placeConnectors(st, connected, true);
}

/**
 * Issue 20 item 6: the join of a multi-lane step whose lanes are not adjacent crosses the lanes between; drawn as
 * a double line (two rules 3 px apart, from outline to outline), it cannot be taken for a flow, which is one line.
 * A decision's join is double also between adjacent lanes: one plain line between two diamonds reads as a flow from
 * one decision to another (a page reviewer's finding).
 */
function doubleJoins(st: RouteState): void {
  const { inp, sym, symMid } = st;
  const half = 1.5;
  for (const rows of inp.stepRows)
    for (const row of rows) {
      const out: Piece[] = [];
      for (const p of row.core.pieces) {
        const decision = p.from === p.to && inp.model.steps[p.from - 1]?.symbol === 'decision';
        if (p.from !== p.to || (!decision && laneAt(st, Math.max(p.x1, p.x2)) - laneAt(st, Math.min(p.x1, p.x2)) <= 1)) {
          out.push(p);
          continue;
        }
        // Where the outline lies 1.5 px above and below the middle (a diamond narrows; a box does not).
        const inset = decision ? (sym.w / 2) * (half / (sym.h / 2)) : 0;
        for (const dy of [-half, half]) out.push({ ...p, x1: p.x1 - inset, y1: symMid + dy, x2: p.x2 + inset, y2: symMid + dy });
      }
      row.core.pieces.length = 0;
      pushAll(row.core.pieces, out);
    }
}

/** Whether a flow has an end on a page the try routes. */
function touches(st: RouteState, e: FlowEdge): boolean {
  const { inp } = st;
  return !inp.pages || routedPage(st, inp.pageOf.get(e.from)!) || (typeof e.to === 'number' && routedPage(st, inp.pageOf.get(e.to)!));
}

/**
 * A narrow-lane decision's branch to the next step (points.ts sidesOnly), by a side into the top kept for it
 * (`top`, freed now); `sideSpares` notes the decision when that took a spare track.
 */
function routeBySide(st: RouteState, e: FlowEdge, top: string | null, sideSpares: number[]): void {
  if (top) st.points.used.delete(top);
  const before = sparesTaken(st);
  routeSide(st, e, true);
  if (sparesTaken(st) > before) sideSpares.push(e.from);
}

/** The runs drawn on spare tracks so far. */
function sparesTaken(st: RouteState): number {
  let n = 0;
  if (!st.tracks.sparesMade) return n;
  for (const t of st.tracks.spares) if (t.taken) for (const runs of t.taken.values()) n += runs.length;
  return n;
}

/**
 * In a try for RouteInput.earlySteps, the branches of those narrow-lane decisions (points.ts sidesOnly) go
 * before every other flow, decision by decision in step order, the one to the next step right after its sibling:
 * routed last, that one had to cross what the others had drawn across its way (a generated 25-step procedure at
 * 10 lanes on A4: a loop back from three rows down went straight up across it, and the decision was then sent
 * down from its bottom, "Tidak" beside the Ya run); routed first, the loop goes round it. The flows routed.
 */
function routeEarly(st: RouteState, others: readonly FlowEdge[], bySide: readonly FlowEdge[], keptTops: readonly (string | null)[], sideSpares: number[]): Set<FlowEdge> {
  const early = new Set<FlowEdge>();
  const steps = st.inp.earlySteps;
  if (!steps) return early;
  for (const d of [...steps].sort((a, b) => a - b)) {
    const i = bySide.findIndex((e) => e.from === d);
    if (i < 0) continue;
    others.forEach((e, k) => {
      if (e.from !== d) return;
      st.drawn.currentFlow = k;
      routeSide(st, e);
      early.add(e);
    });
    st.drawn.currentFlow = -1;
    routeBySide(st, bySide[i]!, keptTops[i]!, sideSpares);
    early.add(bySide[i]!);
  }
  return early;
}

export function routeFlows(inp: RouteInput): RouteOutput {
  const f = frame(inp);
  const st: RouteState = {
    inp,
    sym: f.sym,
    centers: f.centers,
    hc: f.hc,
    symTop: f.symTop,
    symBottom: f.symBottom,
    symMid: f.symMid,
    jogY: f.jogY,
    borders: f.borders,
    connRows: f.connRows,
    points: newPoints(f),
    tracks: newTracks(f),
    drawn: newDrawn(inp),
    hostsOf: new Map(),
    labelWishes: [],
    connectors: newConnectors(),
  };
  // Crossings count a double join once: it is recorded before it is doubled.
  recordRows(st);
  doubleJoins(st);
  // Primary flows first (their points are fixed), then the others, shortest first so that loops nest.
  const steps = routedSteps(inp);
  // The steps whose flows are routed: those on the pages routed, and those with a flow arriving on them.
  const sources = routedSources(inp);
  const primaryOf = primaryFlows(st, sources);
  // Decisions whose top is kept for their branch back up: the flow from the step before enters a side.
  const tops = new Set<number>();
  if (inp.topSteps) for (const b of topCandidates(st)) if (inp.topSteps.has(b)) tops.add(b);
  for (const b of tops) {
    st.points.used.add(pointKey(b, inp.lanesOf(b)[0]!, 'T'));
    st.points.topKept.add(b);
  }
  // Decisions whose bottom is kept for their branch back down or a loop back in (bottom-entry.ts keptDowns): the branch
  // to the next step leaves by the side kept for it, into the next step's top (kept too; a side when that top is kept
  // for the next step's own branch back up), after the other flows.
  const downNext: [FlowEdge, string | null][] = [];
  const downs = keptDowns(st, tops);
  const intoSide: FlowEdge[] = [];
  // A narrow-lane decision's branch to the next step leaves by a side (points.ts sidesOnly): routed as the others
  // are, but last (the side its sibling branch needs is taken first), into the top of the next step, kept for it.
  const bySide: FlowEdge[] = [];
  const keptTops: (string | null)[] = [];
  for (const n of sources) {
    const pr = primaryOf.get(n);
    if (!pr || !touches(st, pr)) continue;
    // Into a side of a decision whose top is kept for its branch back (top-exit.ts topCandidates).
    const intoTop = tops.has(pr.to as number);
    if (downs.has(n) && intoTop) {
      downNext.push([pr, null]);
      continue;
    }
    if (intoTop && !sidesOnly(st, n)) {
      intoSide.push(pr);
      continue;
    }
    if (downs.has(n)) {
      const top = pointKey(n + 1, inp.lanesOf(n + 1)[0]!, 'T');
      const free = !st.points.used.has(top);
      if (free) st.points.used.add(top);
      downNext.push([pr, free ? top : null]);
      continue;
    }
    if (!sidesOnly(st, n)) {
      routePrimary(st, pr);
      continue;
    }
    // A narrow-lane decision's branch into such a decision: the side facing it (points.ts arrivalSide: a top candidate's
    // step before is in another lane) is kept for it instead of the top (a loop into the decision, routed before it,
    // would take that side and leave it none it can reach).
    const top = pointKey(pr.to as number, inp.lanesOf(pr.to as number)[0]!, (intoTop && arrivalSide(st, pr.to as number)) || 'T');
    const free = !st.points.used.has(top);
    if (free) st.points.used.add(top);
    bySide.push(pr);
    keptTops.push(free ? top : null);
  }
  const others: FlowEdge[] = [];
  const ends: FlowEdge[] = [];
  for (const n of sources) {
    const pr = primaryOf.get(n);
    for (const e of inp.outgoing[n]!) {
      if (e === pr) continue;
      if (e.to === 'selesai') {
        // An ordinary step's flow to the end needs no arrow: its terminator ends it.
        if (inp.model.steps[n - 1]!.symbol === 'decision' && routedPage(st, inp.pageOf.get(n)!)) ends.push(e);
        continue;
      }
      if (touches(st, e)) others.push(e);
    }
  }
  // Branches to the end take their point first (they have nowhere else to go), but in end-try.ts's try those on a side.
  const endsLeft = routeEnds(st, ends, [...bySide, ...downNext.map(([e]) => e), ...others]);
  // A branch to the next step by a side kept for it, before the loops as an ordinary flow is (they go round it).
  for (const [e, top] of downNext) routeBySide(st, e, top, []);
  for (const e of intoSide)
    if (!routeIntoSide(st, e)) {
      // No route into a side: an ordinary flow into the top after all.
      st.points.used.delete(pointKey(e.to as number, inp.lanesOf(e.to as number)[0]!, 'T'));
      st.points.topKept.delete(e.to as number);
      routePrimary(st, e);
    }
  const sideSpares: number[] = [];
  const early = routeEarly(st, others, bySide, keptTops, sideSpares);
  // Flows that crossed in an earlier try first (each group shortest first).
  for (const i of flowOrder(inp, others)) {
    if (early.has(others[i]!)) continue;
    st.drawn.currentFlow = i;
    routeSide(st, others[i]!);
  }
  st.drawn.currentFlow = -1;
  bySide.forEach((e, i) => {
    if (!early.has(e)) routeBySide(st, e, keptTops[i]!, sideSpares);
  });
  endsLeft.late();
  let connected: boolean | null = null;
  const connect = (raise?: boolean): boolean => {
    if (connected !== null && (raise === undefined || raise === connected)) return false;
    const first = connected === null;
    connected = raise ?? false;
    const raised = placeConnectors(st, connected);
    if (first) liftRows(st);
    return raised;
  };
  return {
    endSides: endsLeft.sides,
    connectorRows: st.connRows,
    crossings: st.drawn.crossings,
    crossed: [...st.drawn.crossed].sort((a, b) => a - b),
    bySide: bySide.length,
    sideSpares,
    sideSteps: steps.filter((n) => sidesOnly(st, n)),
    others,
    topCandidates: topCandidates(st), awayCandidates: awayCandidates(st),
    downCandidates: downCandidates(st),
    inCandidates: inCandidates(st),
    rowFree: st.connectors.rowFree,
    sideChoices: () => sideChoices(st),
    widerSides: () => widerSides(st),
    orderOf: (first, longestFirst) => flowOrder({ ...inp, ...(first ? { first } : { first: undefined }), longestFirst }, others),
    connect, crossIn: () => crossInOnce(st, connected),
    ...finished(st, connect),
  };
}
