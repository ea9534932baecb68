/**
 * The re-routings of a finished drawing (layout.ts drawSop): the branches back by the top, the decisions of
 * crossing flows, connectors off their lanes; each a try kept only when the quality report would count fewer faults.
 */
import type { SopModel } from '../model/model.js';
import { PX_PER_MM } from './geometry.js';
import type { RouteOutput, RowBuilder } from './route.js';
import type { SymbolMark } from './types.js';
import { drawingFaults, noMoreThan } from './route/faults.js';
import { aloneFirst, formatRowTries, otherRowStuck, raisedTry, sidesTry, withEarly, withTops } from './late-tries.js';
import { inTries, settledDowns } from './down-tries.js';
import { awayTry } from './away-try.js';
import { endsTry } from './end-try.js';
import { spareDowns } from './spare-downs.js';
import { finishedMore, moreKept, oneByOne } from './top-more.js';
import { labelsFirst, remember, trades, unambiguousFirst, type Finished } from './plain-first.js';
import { bestTry, connectorsOffLane, crossingFlows, crossingSteps, drawnRows, inOwnLane, offLaneConnectors } from './route/tries.js';
import { crossedIn, faultsOf, forgetCounts, laidOver, overlapsOf, tryFaultsOf, type TryFaults } from './try-faults.js';
export type { TryFaults } from './try-faults.js';

/**
 * From this many steps on, narrow-lane decisions whose sides made arrows cross all leave by the bottom at once, as
 * before the partial tries (a 100-step procedure at 8 lanes would route 16 times instead of 8, ~25 ms more on
 * each keystroke of the editor's preview).
 */
export const PARTIAL_STEPS = 60;
/** A page of a long procedure: no re-try in route/tries.ts bestTry; its crossing flows go first, alone, at the end (aloneFirst). */
const PAGED_TRY_STEPS = Infinity;
/** What the tries of one layout judge by: the model, each step's lanes and the lanes' ids, the frame of the faults. */
export interface RouteContext {
  readonly model: SopModel;
  readonly stepLanes: (n: number) => readonly number[];
  readonly laneIdAt: (i: number) => string;
  readonly faultsIn: Parameters<typeof drawingFaults>[0];
}
/**
 * The tries a router is in (one per router: the whole procedure, or one page of a long one): the decisions met by
 * two arrows that send their branch back up from the top (topTries), decisions with one arriving arrow by their
 * sides in wider lanes too (route/points.ts sidesOnly, the sidesWide try).
 */
export interface RouterState {
  tops: ReadonlySet<number> | null;
  wide: boolean;
  /** Narrow-lane decisions whose branches are routed before the other flows (reroute; route.ts routeEarly). */
  early: ReadonlySet<number> | null;
  /** Decisions met by two arrows that send their branch back down from the bottom; `ins`: whose loop back in enters it (down-tries.ts); `away`: whose flow from the previous page enters the side away from their loops back (away-try.ts); `lateEnds`: whose branch to the end is routed after the other flows (end-try.ts). */
  downs: ReadonlySet<number> | null;
  ins: ReadonlySet<number> | null;
  away: ReadonlySet<number> | null;
  lateEnds: ReadonlySet<number> | null;
  /** Flows whose route to a connector is also sought beside its step's lanes (late-tries.ts sidesTry; route.ts laneSides). */
  sides: ReadonlySet<number> | null;
}

/** Every choice named (null: none), so that a copy of the state (`{ ...tries }`) assigned back leaves none over. */
export const newRouterState = (): RouterState => ({ tops: null, wide: false, early: null, sides: null, downs: null, ins: null, away: null, lateEnds: null });

/**
 * The routing kept of the tries of one router (the whole procedure, or one page of a long one, `paged`; `tries`: its
 * state): fewer crossings, branches back by the top and by the bottom, then settledRouting (routedOnce); when that
 * drawing has an ambiguous label, the same tries again taking labels for crossings and the drawing kept that pays
 * for its labels (plain-first.ts). `steps`: how many steps it routes (fewer tries when many); `sides`: narrow-lane
 * decisions may leave by their sides (layout.ts SIDES_STEPS).
 */
export function bestRouting(route: Router, tries: RouterState, steps: number, paged: boolean, sides: boolean, ctx: RouteContext): RouteTry {
  const faults = (t: RouteTry): TryFaults => tryFaultsOf(ctx.faultsIn, t);
  // The second pass starts as the first did (the state names every choice: newRouterState).
  const start = { ...tries };
  const done: Finished = new Map();
  const kept = remember(done, routedOnce(route, tries, steps, paged, sides, ctx, done), tries);
  // Unambiguous first (plain-first.ts): when a label is ambiguous, the tries again with fewerFaults taking labels
  // made unambiguous for crossings, and the finished drawing that pays for its labels kept. Not on a page of a long
  // procedure, nor from PARTIAL_STEPS steps on (the routings twice); most procedures have no ambiguous label.
  if (paged || !sides || steps >= PARTIAL_STEPS || faultsOf(ctx.faultsIn, kept).ambiguous === 0) return kept;
  const once = { ...tries };
  Object.assign(tries, start);
  const traded = labelsFirst(() => routedOnce(route, tries, steps, paged, sides, ctx, done));
  remember(done, traded, tries);
  Object.assign(tries, once);
  return unambiguousFirst(kept, done, tries, faults);
}

/** One pass of bestRouting's tries; `done` remembers each drawing they finish. */
function routedOnce(route: Router, tries: RouterState, steps: number, paged: boolean, sides: boolean, ctx: RouteContext, done: Finished): RouteTry {
  const { faultsIn } = ctx;
  const tryFaults = (t: RouteTry): TryFaults => tryFaultsOf(faultsIn, t);
  // Fewer crossings: route again while arrows cross, keep the best try (route/tries.ts bestTry; `again`: with the router's state as it is
  // then); a page of a long procedure gets one re-try of each kind: three cost its pages with crossings ~50 % more routings and drew them no better (generated 200- and 1000-step procedures).
  const trySteps = paged ? PAGED_TRY_STEPS : steps;
  const again = (): RouteTry => bestTry(trySteps, route);
  let best = again();
  const first = best;
  // The set of branches back by the top kept all at once, when topTries kept decisions on top of it (top-more.ts).
  let bulk: ReadonlySet<number> | null = null;
  const routeWith = (set: ReadonlySet<number> | null): RouteTry => {
    tries.tops = set;
    const t = set ? again() : first;
    topsOf.set(t, set);
    return t;
  };
  if (sides && best.out.topCandidates.size > 0 && faultsOf(faultsIn, best).labels > 0)
    best = topTries(
      best,
      routeWith,
      faultsIn,
      // Settled with the tops it was routed with (the router's state names them), then as they were.
      sides && steps < PARTIAL_STEPS ? (t) => withTops(tries, topsOf.get(t) ?? null, () => settled(t, route, ctx, paged)) : undefined,
      // Not on a page of a long procedure: the routings of the decisions left and the tries after them, twice.
      paged ? undefined : (set) => (bulk = set),
    );
  const finish = (t: RouteTry): RouteTry => {
    // A decision whose flow from the previous page may enter the side away from its loops, its branch back by the top (away-try.ts).
    if (sides) t = awayTry(t, tries, again, (was, u) => fewerFaults(faultsIn, was, u), (u) => faultsOf(faultsIn, u), faultsIn);
    const rest = (u: RouteTry): RouteTry => remember(done, settledRouting(ctx, route, tries, steps, trySteps, paged, sides, u), tries);
    // Branches back by the bottom where "Tidak" is still beside the arrival at the top, the rest, then loops into the bottom (down-tries.ts); then branches to the end on a side routed last (end-try.ts).
    const settle = (u: RouteTry): RouteTry => (!sides || paged || steps >= PARTIAL_STEPS ? rest(u) : inTries(settledDowns(u, tries, again, (was, v) => fewerFaults(faultsIn, was, v), (v) => faultsOf(faultsIn, v).labels, rest, tryFaults), tries, () => rest(again()), tryFaults));
    return paged ? settle(t) : endsTry(t, tries, settle, again, (u) => faultsOf(faultsIn, u));
  };
  // The decisions kept on top of the set judged again on the finished drawing, against the set alone finished so.
  return bulk ? finishedMore(best, bulk, tries, routeWith, finish, tryFaults) : finish(best);
}
/** After the tries judged by labels (bestRouting): reroute, offLaneTries, widerTry, aloneFirst, formatRowTries, raisedTry. */
function settledRouting(ctx: RouteContext, route: Router, tries: RouterState, steps: number, trySteps: number, paged: boolean, sides: boolean, best: RouteTry): RouteTry {
  const { stepLanes, laneIdAt, faultsIn } = ctx;
  // The routing as the tries so far left it (the sidesWide try routes the same when it moves no decision).
  const plain = best;
  best = reroute(ctx, steps, trySteps, paged, sides, best, route, tries);
  const tryFaults = (t: RouteTry): TryFaults => tryFaultsOf(faultsIn, t);
  // Connectors outside their step's lanes (issue 20 item 2): routed again so that fewer are.
  if (sides && steps < PARTIAL_STEPS) {
    best.out.finish();
    best = offLaneTries(best, route, stepLanes, laneIdAt, !paged, tryFaults);
    // Not on the pages of a long procedure (a routing more a page, for none of the quality report's counts).
    if (!paged) best = sidesTry(best, tries, offLaneFlows(best.out, stepLanes, laneIdAt), tryFaults, OTHER_ROW_LENGTH);
  }
  // Labels still not owned beside a side vertex in lanes of 67-83 px, where "Tidak" slants under the symbol's edge:
  // the decisions with one arriving arrow leave by their sides there too, kept when that is better (fewerFaults).
  // A page of a long procedure tries it only when some decision would leave by its sides that does not now.
  if (sides && steps < PARTIAL_STEPS) best = widerTry(best, plain, route, tries, trySteps, paged, faultsIn);
  // Arrows still crossing (issue 20 item 3): each crossing flow routed first, alone, the choices of the tries above
  // kept (on the pages of a long procedure too, instead of bestTry's re-try with every crossing flow first: fewer
  // routings, and fewer crossings, as those choices are kept).
  if (sides && steps < PARTIAL_STEPS) best = aloneFirst(best, tryFaults);
  // Connectors in their page's other connector row (issue 20 item 2): their flows keep the format's row when that
  // costs nothing the quality report counts. A page of a long procedure tries them all at once only (one by one
  // too, a 1 000-step procedure at 8 lanes was routed 15 % more often than before these tries; all at once, 8 %).
  if (sides && steps < PARTIAL_STEPS) best = formatRowTries(best, (t) => ({ ...faultsOf(faultsIn, t), overlaps: overlapsOf(t) }), !paged, paged ? undefined : tries);
  // Connectors still outside their lanes, one crowded out of a lane too narrow for three: on the row's second level.
  best.out.connect();
  if (sides && steps < PARTIAL_STEPS && offLaneConnectors(best.out.connectorRows, stepLanes, laneIdAt).length > 0) raisedTry(best, tryFaults, forgetCounts);
  // The try kept gets its labels (the re-routes only placed their connectors to be counted).
  best.out.finish();
  return best;
}

/**
 * The sidesWide try (bestRouting), when a label is not owned. When it would send no decision by its sides that
 * `best` does not (route/points.ts widerSides), it routes as `plain` (the routing before the re-routes, whose
 * choices, the tops, it shares) did: that one is judged instead of routed again; on a page of a long procedure,
 * nothing is tried then.
 */
function widerTry(best: RouteTry, plain: RouteTry, route: Router, tries: RouterState, trySteps: number, paged: boolean, geo: Parameters<typeof drawingFaults>[0]): RouteTry {
  const wider = best.out.widerSides();
  if (paged && !wider) return best;
  if (faultsOf(geo, best).labels === 0) return best;
  if (!wider) return fewerFaults(geo, best, plain) ? plain : best;
  tries.wide = true;
  const t = bestTry(trySteps, route);
  if (fewerFaults(geo, best, t)) return t;
  tries.wide = false;
  return best;
}

/**
 * Issue 20 item 1: rework chains in narrow lanes, their branches back leaving by the top (route/points.ts
 * topCandidates): every candidate first, then those whose arrows crossed nothing in the try before (a chain
 * three steps back crosses more when all of them do), kept when fewer labels are ambiguous or near a border and
 * nothing else the quality report counts gets worse (nor arrows on top of each other); then decision by decision
 * (one try each). `routeWith` routes with those decisions (null: as before, and returns the first try). `settle`:
 * a try as the later re-routings for connectors off their lanes leave it (offLaneTries): a try whose labels are
 * better but with more connectors outside their lanes is judged so, with the one before, and kept only when then no
 * more are outside or it crosses fewer (a branch back by the top can crowd its lane's connector row with a third
 * connector: at 12 lanes on A4 every top taken left 6 outside). `bulk` (not given: they are not tried): told the set kept all
 * at once when the decisions left are kept on top of it (top-more.ts), for bestRouting to judge both finished.
 */
export function topTries(first: RouteTry, routeWith: (steps: ReadonlySet<number> | null) => RouteTry, geo: Parameters<typeof drawingFaults>[0], settle?: (t: RouteTry) => RouteTry, bulk?: (steps: ReadonlySet<number>) => void): RouteTry {
  let steps = new Set(first.out.topCandidates);
  // Judged as offLaneTries will leave them (a branch back by the top may crowd a lane's connector row: a connector
  // outside its lane that the other row then brings back in counts as none).
  const S = settle ?? ((t: RouteTry): RouteTry => t);
  const better = (was: RouteTry, t: RouteTry): boolean => {
    // Settling costs routings: only a try whose labels are better but with more connectors outside their lanes
    // is settled (with the one it is judged against); the re-routings keep labels and crossings no worse.
    if (!fewerFaults(geo, was, t, true)) return false;
    const ok = (x: RouteTry, y: RouteTry): boolean => faultsOf(geo, y).offLane <= faultsOf(geo, x).offLane || faultsOf(geo, y).crossings < faultsOf(geo, x).crossings;
    if (ok(was, t) && fewerFaults(geo, was, t)) return true;
    const a = S(was);
    const b = S(t);
    return fewerFaults(geo, a, b) && ok(a, b);
  };
  const o = { routeWith, better, labels: (t: RouteTry): number => faultsOf(geo, t).labels, otherRow: (t: RouteTry): number => faultsOf(geo, t).otherRow, stuck: (t: RouteTry): number => otherRowStuck(t.out, faultsOf(geo, t).otherRow), ...(bulk ? { bulk } : {}) };
  for (let i = 0; i < 3 && steps.size > 0; i++) {
    const t = routeWith(steps);
    // Those left then one at a time on top of them (top-more.ts), for procedures under PARTIAL_STEPS steps.
    if (better(first, t)) return !settle || !bulk || o.labels(t) === 0 ? t : moreKept(t, steps, oneByOne(first, t, new Set(steps), o), o, S, (u) => tryFaultsOf(geo, u));
    // A decision whose branch back (to an earlier step) or whose flow in from the step before crossed: as before.
    const out = new Set<number>();
    for (const { from, to } of crossingFlows(t.stepRows, t.out.connectorRows)) {
      if (typeof to !== 'number') continue;
      if (to < from) out.add(from);
      if (to === from + 1) out.add(to);
    }
    const fewer = new Set([...steps].filter((d) => !out.has(d)));
    if (fewer.size === steps.size) break;
    steps = fewer;
  }
  // Then one decision at a time, in step order, each kept when the drawing is better with it (a chain three steps
  // back: some decisions' branches from the top cross the loops of the decisions between, others cross nothing).
  // The router's state names the decisions of the try returned (the last one routed, or routed again).
  return oneByOne(first, first, new Set<number>(), o);
}

/**
 * Whether try `t` draws labels better than `was`: fewer labels not owned, as few crossings, arrows near symbols,
 * junctions and arrows on top of each other, and fewer faults in all (a connector outside its lane counts as
 * much as a label).
 */
export function fewerFaults(geo: Parameters<typeof drawingFaults>[0], was: RouteTry, t: RouteTry, anyOffLane = false): boolean {
  const a = faultsOf(geo, was);
  const b = faultsOf(geo, t);
  // A label that can be misread (ambiguous) is worse than one within 1 mm of a border: fewer of them with no more
  // labels not owned counts too (12 lanes on A4: "Tidak" beside the run up 0.5 mm from the border, not beside the Ya run).
  // So is one more than 3 mm from its vertex or on another arrow (misplaced), as many being not owned: a branch back
  // by the top whose step before leaves by its sides had "Tidak" 3.7 mm from its vertex, beyond the lane border.
  const fewerWorst = b.ambiguous < a.ambiguous || (b.ambiguous <= a.ambiguous && b.misplaced < a.misplaced);
  const labelsBetter = b.labels < a.labels || (b.labels <= a.labels && fewerWorst);
  // anyOffLane: connectors off their lanes not counted (topTries settles them before it counts them).
  const ao = anyOffLane ? 0 : a.offLane;
  const bo = anyOffLane ? 0 : b.offLane;
  const fewerInAll = b.labels + bo < a.labels + ao || (b.labels + bo <= a.labels + ao && fewerWorst);
  // Unambiguous first (plain-first.ts): on bestRouting's second pass, labels made unambiguous for crossings.
  if (trades() && b.ambiguous < a.ambiguous && b.crossings - a.crossings <= a.ambiguous - b.ambiguous && noMoreThan({ ...b, crossings: a.crossings, offLane: bo }, { ...a, offLane: ao }) && overlapsOf(t) <= overlapsOf(was)) return true;
  // As good in every count the quality report has, and fewer connectors in the other row (issue 20 item 2).
  if (b.otherRow < a.otherRow && noMoreThan(b, a) && overlapsOf(t) <= overlapsOf(was)) return true;
  return (
    labelsBetter &&
    fewerInAll &&
    b.ambiguous <= a.ambiguous &&
    b.misplaced <= a.misplaced &&
    b.crossings <= a.crossings &&
    b.nearSymbol <= a.nearSymbol &&
    b.junctions <= a.junctions &&
    overlapsOf(t) <= overlapsOf(was)
  );
}

/** One routing of every flow: the step rows drawn and what the router says of them. */
export interface RouteTry {
  stepRows: RowBuilder[][];
  out: RouteOutput;
  /** The same routing, these halves of flows across pages ending in their page's other connector row (RouteInput.otherRow). */
  again: (otherRow: ReadonlySet<string>) => RouteTry;
  /** The same routing, these halves of flows across pages keeping the format's connector row (RouteInput.usualRow). */
  inRows: (usualRow: ReadonlySet<string>) => RouteTry;
  /** The same routing (its decisions' sides, its halves in the other row), these flows first, longest first or not. */
  reordered: (first: ReadonlySet<number>, longestFirst: boolean) => RouteTry;
}

/** A routing with these choices (route.ts): flows first, longest first, branches from the bottom, which steps. */
export type Router = (
  first?: ReadonlySet<number>,
  longestFirst?: boolean,
  bottomFirst?: boolean,
  bottomSteps?: ReadonlySet<number>,
  siblingSteps?: ReadonlySet<number>,
  otherRow?: ReadonlySet<string>,
  usualRow?: ReadonlySet<string>,
) => RouteTry;

/**
 * A router whose tries that would route alike share one routing (each is a pure function of what routingKey
 * names): the re-tries of a page often ask again for a routing made before (the decisions a try sends from the
 * bottom not leaving by their sides anyway). `bottom`: the router sends every branch from the bottom.
 */
export function sharedRoutings(route: Router, tries: RouterState, bottom: boolean): Router {
  const done = new Map<string, RouteTry>();
  const choices = new Map<boolean, ReturnType<RouteOutput['sideChoices']>>();
  // The order of the flows a try's `first` and `longestFirst` give (all they change in a routing: route/tries.ts
  // flowOrder), from the router's first try (the same flows for every try of the same pages): tries asking for
  // the same order share a routing (a re-try with the flows that crossed first, when those came first anyway).
  let orders: RouteOutput | null = null;
  return (first, longestFirst = false, bottomFirst = false, bottomSteps, siblingSteps, otherRow, usualRow) => {
    const key = ({ sides, siblings }: ReturnType<RouteOutput['sideChoices']>, order: RouteOutput): string => {
      // The decisions leaving by their sides (route/points.ts sidesOnly), and of those the ones siblingSteps moves.
      const bySides = bottomFirst || bottom ? [] : [...sides].filter((d) => !bottomSteps?.has(d));
      const moved = bySides.filter((d) => siblings.has(d) && siblingSteps?.has(d));
      return [tries.wide, order.orderOf(first, longestFirst).join(' '), bySides, moved, sorted(otherRow), sorted(usualRow), sorted(tries.tops), sorted(tries.early), sorted(tries.downs), sorted(tries.ins), sorted(tries.sides), sorted(tries.away), sorted(tries.lateEnds)].join('|');
    };
    const known = choices.get(tries.wide);
    const same = known && orders && done.get(key(known, orders));
    if (same) return same;
    const t = route(first, longestFirst, bottomFirst, bottomSteps, siblingSteps, otherRow, usualRow);
    const now = known ?? t.out.sideChoices();
    orders ??= t.out;
    choices.set(tries.wide, now);
    done.set(key(now, orders), t);
    return t;
  };
}

const sorted = <T extends number | string>(set: ReadonlySet<T> | null | undefined): string => (set ? [...set].sort().join(' ') : '');

/**
 * Connectors outside their step's lanes (issue 20 item 2) whose flows were routed after flows that took the way
 * to their lanes (their jogs would cross those flows' arrivals): routed again with those flows first, kept when
 * fewer connectors are outside, nothing else the quality report counts gets worse and the arrows are no longer in
 * all (a connector reached by a detour across the page is no better: a loop across pages at 11 lanes on A4 would
 * put all its connectors in their lanes with 23 cm more arrow). Then connectors outside because their lane had no
 * room left (two fill a 15 mm lane; a third does not fit even touching): the flows of the connectors in that lane
 * end in the page's other connector row when that crosses no more, kept on the same terms but for a bounded
 * length (OTHER_ROW_LENGTH per connector brought into its lane). One or two routings more, for procedures under
 * PARTIAL_STEPS steps (a 100-step one at 8 lanes would lay out ~35 % slower in the editor's preview).
 */
export function offLaneTries(
  best: RouteTry,
  route: Router,
  stepLanes: (n: number) => readonly number[],
  laneIdAt: (i: number) => string,
  halvesToo: boolean,
  faultsOf: (t: RouteTry) => TryFaults,
): RouteTry {
  const off = offLaneFlows(best.out, stepLanes, laneIdAt);
  if (off.size === 0) return best;
  let was = faultsOf(best);
  const worse = (now: TryFaults, than: TryFaults, slack: number): boolean =>
    now.crossings > than.crossings || now.labels > than.labels || now.nearSymbol > than.nearSymbol || now.overlaps > than.overlaps || now.tight > than.tight || now.length > than.length + slack;
  // Those flows first, shortest first; then longest first, the try's other choices kept (the decisions sent from the
  // bottom or by the other side by reroute): a loop that encloses another on its side then takes the outer track
  // (a shorter one first takes it when the inner one is tight, and the longer one goes round the page instead), and
  // a flow on that page that would cross it goes the other way (a loop across pages at 11 lanes on F4: 2 connectors
  // outside their lanes, then 1). Not on the pages of a long procedure (one routing more a page).
  const first = best;
  for (const t of halvesToo ? [route(off), first.reordered(off, true)] : [route(off)]) {
    t.out.finish();
    const now = faultsOf(t);
    if (now.offLane < was.offLane && !worse(now, was, 0.5)) [best, was] = [t, now];
  }
  // The other-row tries: not on the pages of a long procedure (up to five routings a page: a 1 000-step layout
  // took ~25 % longer for them).
  if (!halvesToo) return best;
  // All those halves at once, else one by one (the first few, those crowding the lane first), each kept when it
  // brings one more into its lane.
  const halves = crowdedHalves(best.out, stepLanes, laneIdAt);
  const base = best;
  const start = was;
  const tryHalves = (set: ReadonlySet<string>): boolean => {
    const u = base.again(set);
    u.out.finish();
    const then = faultsOf(u);
    if (then.offLane >= was.offLane || worse(then, start, (start.offLane - then.offLane) * OTHER_ROW_LENGTH)) return false;
    [best, was] = [u, then];
    return true;
  };
  if (halves.length === 0 || tryHalves(new Set(halves)) || halves.length === 1) return best;
  const kept = new Set<string>();
  for (const h of halves.slice(0, MAX_HALVES)) if (tryHalves(new Set([...kept, h]))) kept.add(h);
  return best;
}

/** The halves tried one by one, at most (each a routing: the layout of a 20-40-step procedure takes ~5-10 ms more). */
const MAX_HALVES = 3;

/**
 * The extra arrow a connector brought into its lane through the page's other connector row may cost, px (5 cm: a
 * rework chain three back at 11 lanes on A4 pays 2.3 cm for one, at 12 lanes 1.6 cm for two).
 */
const OTHER_ROW_LENGTH = 50 * PX_PER_MM;

/**
 * The halves of flows across pages (`flow@page`, RouteInput.otherRow) whose connectors sit in the lane of a
 * connector left outside its step's lanes in the same row, then that connector's own: one of them may end in the
 * page's other connector row and leave room.
 */
function crowdedHalves(out: RouteOutput, lanesOf: (step: number) => readonly number[], laneId: (lane: number) => string): string[] {
  const mates = new Set<string>();
  const offs = new Set<string>();
  const own = (s: SymbolMark): boolean => inOwnLane(s, lanesOf, laneId);
  out.connectorRows.forEach((c, page) => {
    // Only where the page has both rows: a half cannot leave for a row the page lacks (the routing would be the same).
    if (!c.top || !c.bottom) return;
    for (const row of [c.top, c.bottom]) {
      const cs = row.core.symbols.filter((s) => s.kind === 'connector');
      for (const s of cs) {
        if (own(s)) continue;
        const lanes = new Set(lanesOf(s.step).map(laneId));
        for (const m of cs) {
          if (m !== s && !(lanes.has(m.lane) && own(m))) continue;
          const i = out.others.findIndex((e) => e.from === m.from && e.to === m.to);
          if (i >= 0) (m === s ? offs : mates).add(`${i}@${page}`);
        }
      }
    }
  });
  return [...new Set([...mates, ...offs])];
}

/** The re-routes of a finished first try: side spares, crossing narrow-lane decisions, jogs on top of each other. */
export function reroute(ctx: RouteContext, steps: number, trySteps: number, paged: boolean, sides: boolean, first0: RouteTry, route: Router, tries: RouterState): RouteTry {
  const { model, stepLanes, laneIdAt } = ctx;
  let best = first0;
  // A page of a long procedure is routed once for each of these choices, not re-tried (route/tries.ts bestTry):
  // re-tries drew generated 100- to 1000-step procedures no better, at ~40 % more routings.
  const again = (r: (first?: ReadonlySet<number>, longestFirst?: boolean) => RouteTry): RouteTry => {
    if (!paged) return bestTry(trySteps, r);
    const t = r();
    t.out.connect();
    return t;
  };
  // A decision whose side found no free track runs 1.5 px from another arrow: its branch leaves the bottom instead,
  // when that crosses no more (a page loop at 8-9 lanes on A4 ran 0-0.6 mm along the loop back to step 3), or
  // when its spare track left two jogs to connectors on one level.
  if (best.out.sideSpares.length > 0) {
    const bottomSteps = new Set(best.out.sideSpares);
    const retry = again((first, longestFirst) => route(first, longestFirst, false, bottomSteps));
    // Two jogs drawn on top of each other read as one arrow: worse than a crossing.
    const overlaps = laidOver(best);
    const fewer = laidOver(retry) - overlaps;
    // Kept: on a page of a long procedure its spares may send their branch back down from the bottom instead (spare-downs.ts).
    if (fewer < 0 || (fewer === 0 && crossedIn(retry) <= crossedIn(best))) best = !paged ? retry : spareDowns(retry, bottomSteps, model, stepLanes, tries, () => again((first, longestFirst) => route(first, longestFirst, false, bottomSteps)), (was, t) => notWorse(t, was, ctx) && fewerFaults(ctx.faultsIn, was, t) && faultsOf(ctx.faultsIn, t).otherRow <= faultsOf(ctx.faultsIn, was).otherRow);
  }
  // Narrow-lane decisions that left by their sides (route/points.ts sidesOnly) but made arrows cross, counted on the
  // finished drawing (the jogs to off-page connectors are placed last). First the crossing decisions alone keep
  // their sides, their other branch leaving away from the next step (route/points.ts siblingSide); then one of them
  // leaves by the bottom (each, when they are few), then all of them: the others keep their sides and clear labels
  // (a page loop at 10 lanes crossed once, and all five decisions printed "Tidak" beside the Ya run). Such a try is
  // kept when it crosses fewer and puts no more arrows on top of each other and no more connectors outside their
  // step's lanes, or crosses as few with fewer so. Last, every such branch down from the bottom when that crosses
  // fewer (its labels may then be ambiguous), and each decision back to its sides when that costs nothing.
  // A page of a long procedure whose crossings no decision leaving by its sides takes part in (a loop crosses
  // another) keeps its sides: routing them otherwise would not remove those crossings, and costs a routing each.
  const sidesCross = (t: RouteTry): boolean => {
    const cs = crossingSteps(t.stepRows, t.out.connectorRows);
    return t.out.sideSteps.some((d) => cs.has(d));
  };
  if (best.out.bySide > 0 && (!paged || sidesCross(best))) {
    let n = crossedIn(best);
    // The tries of the crossing decisions alone: for procedures under PARTIAL_STEPS steps only.
    const crossing = n > 0 && steps < PARTIAL_STEPS ? crossingSteps(best.stepRows, best.out.connectorRows) : null;
    const spares = new Set(best.out.sideSpares);
    const overlaps = laidOver(best);
    let off = connectorsOffLane(best.out.connectorRows, stepLanes, laneIdAt);
    const first = best;
    const passed: RouteTry[] = [];
    const better = (t: typeof best): void => {
      passed.push(t);
      const m = crossedIn(t);
      if (m > n || laidOver(t) > overlaps) return;
      const o = connectorsOffLane(t.out.connectorRows, stepLanes, laneIdAt);
      if (o > off || (m === n && (o === off || best === first))) return;
      [best, n, off] = [t, m, o];
    };
    if (crossing) better(again((first, longestFirst) => route(first, longestFirst, false, spares, crossing)));
    // Then with their branches routed before the other flows (route.ts routeEarly): a flow that took the way across
    // a decision's branch to the next step goes round it instead (kept as the others, or below when only a
    // connector more off its lane than the first try had stands against it). Not on the pages of a long procedure: a
    // routing a page (~10 % of a 1 000-step layout) for no count of the quality report's 200-step cases.
    if (crossing && n > 0 && !paged) better(withEarly(tries, crossing, () => again((first, longestFirst) => route(first, longestFirst, false, spares, crossing))));
    const decisions = crossing ? [...crossing].filter((s) => model.steps[s - 1]?.symbol === 'decision') : [];
    if (decisions.length > 1 && decisions.length <= 3)
      for (const d of decisions) if (n > 0 || off > 0) better(again((first, longestFirst) => route(first, longestFirst, false, new Set([...spares, d]))));
    if (decisions.length > 0 && n > 0) {
      const bottomSteps = new Set([...spares, ...decisions]);
      better(again((first, longestFirst) => route(first, longestFirst, false, bottomSteps)));
    }
    if (n > 0) {
      const plain = again((first, longestFirst) => route(first, longestFirst, true));
      const m = crossedIn(plain);
      if (m < n) {
        best = plain;
        // Each decision back to its sides, one at a time (one routing each, not re-tried), when that crosses,
        // overlaps and strays no more: its "Tidak" then not beside the Ya run (a generated 40-step procedure at 8
        // lanes: 9 ambiguous labels, then 2).
        if (crossing) {
          const bottom = new Set(first.out.sideSteps);
          let ov = laidOver(plain);
          let o = connectorsOffLane(plain.out.connectorRows, stepLanes, laneIdAt);
          for (const d of first.out.sideSteps) {
            bottom.delete(d);
            const t = route(undefined, false, false, new Set(bottom));
            t.out.connect();
            const tc = crossedIn(t);
            const tov = laidOver(t);
            const to = connectorsOffLane(t.out.connectorRows, stepLanes, laneIdAt);
            if (tc <= m && tov <= ov && to <= o) [best, ov, o] = [t, tov, to];
            else bottom.add(d);
          }
        }
      }
    }
    // A try passed over for a connector more off its lane than the first had may draw as few crossings, overlaps
    // and connectors off their lanes as the one kept, and its labels better (fewerFaults): a generated 25-step
    // procedure at 10 lanes on A4 kept a decision sent down from its bottom, "Tidak" beside the Ya run, over the
    // same drawing with that decision by its sides (its branches routed first, route.ts routeEarly).
    // Not on the pages of a long procedure: labelling each try passed over cost the 100- to 1 000-step layouts ~25 %.
    if (!paged) for (const t of passed) if (t !== best && notWorse(t, best, ctx) && fewerFaults(ctx.faultsIn, best, t)) best = t;
  }
  // Jogs drawn on top of each other (the drawing contract forbids them: a flow then reads as another), left when a
  // connector row has more connectors than its lanes hold under their tracks: routed again longest first (the long
  // loops take the outer tracks, their connectors no longer packed past the others'), by the sides, then from the
  // bottom; kept when it overlaps less (a page loop at 11 lanes on A4: 2 overlaps and 3 crossings, then no overlap
  // and 1 crossing), even crossing more: two arrows on top of each other read as one, worse than a crossing (a
  // rework chain three back at 11 lanes on F4 ran 9->6 over 12->9 for 22 mm, 10 crossings; now 13).
  let overlaps = laidOver(best);
  if (overlaps > 0) {
    const before = best;
    for (const bottomFirst of sides ? [false, true] : [true]) {
      const t = route(undefined, true, bottomFirst);
      t.out.connect();
      const o = laidOver(t);
      if (o < overlaps) [best, overlaps] = [t, o];
      if (overlaps === 0) break;
    }
    if (best !== before && sides && steps < PARTIAL_STEPS) best = siblingsAgain(best, route, stepLanes, laneIdAt, overlaps);
  }
  return best;
}

/** Whether try `t` crosses, overlaps and leaves connectors off their lanes no more than `than` (reroute). */
function notWorse(t: RouteTry, than: RouteTry, ctx: RouteContext): boolean {
  const off = (u: RouteTry): number => connectorsOffLane(u.out.connectorRows, ctx.stepLanes, ctx.laneIdAt);
  return crossedIn(t) <= crossedIn(than) && laidOver(t) <= laidOver(than) && off(t) <= off(than);
}
/** A try as offLaneTries leaves it (its connectors brought into their lanes where they can be), worked out once. */
function settled(t: RouteTry, route: Router, ctx: RouteContext, paged: boolean): RouteTry {
  let s = settledOf.get(t);
  if (!s) {
    t.out.finish();
    s = offLaneTries(t, route, ctx.stepLanes, ctx.laneIdAt, !paged, (u) => tryFaultsOf(ctx.faultsIn, u));
    settledOf.set(t, s);
  }
  return s;
}
const settledOf = new WeakMap<RouteTry, RouteTry>();
/** The decisions sending their branch back from the top in each try of topTries (RouterState.tops). */
const topsOf = new WeakMap<RouteTry, ReadonlySet<number> | null>();
/**
 * A try routed again longest first for its overlaps (reroute) that still crosses: the crossing decisions' other
 * branches leave by the side away from the next step's lane (route/points.ts siblingSide), as reroute tried on the
 * first try; kept when it crosses fewer with no more overlaps or connectors outside their lanes (a page loop at 11
 * lanes on A4: a "Tidak" down to its connector crossed the "Ya" run to the next step, then none).
 */
function siblingsAgain(best: RouteTry, route: Router, stepLanes: (n: number) => readonly number[], laneIdAt: (i: number) => string, overlaps: number): RouteTry {
  const n = crossedIn(best);
  if (n === 0) return best;
  const t = route(undefined, true, false, undefined, crossingSteps(best.stepRows, best.out.connectorRows));
  t.out.connect();
  const fewer = crossedIn(t) < n && laidOver(t) <= overlaps;
  return fewer && connectorsOffLane(t.out.connectorRows, stepLanes, laneIdAt) <= connectorsOffLane(best.out.connectorRows, stepLanes, laneIdAt) ? t : best;
}

/** The flows (numbered as RouteInput.first) whose connectors sit outside their step's lanes. */
function offLaneFlows(out: RouteOutput, lanesOf: (step: number) => readonly number[], laneId: (lane: number) => string): Set<number> {
  const set = new Set<number>();
  for (const s of offLaneConnectors(out.connectorRows, lanesOf, laneId)) {
    const i = out.others.findIndex((e) => e.from === s.from && e.to === s.to);
    if (i >= 0) set.add(i);
  }
  return set;
}

