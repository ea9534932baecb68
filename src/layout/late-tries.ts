/**
 * The last tries on a finished drawing (layout-tries.ts bestRouting): its connectors in the format's row where that
 * costs nothing else, its crossing flows routed first one by one. Each routes the drawing again with the choices
 * the tries before it made, and is kept only when the quality report's counts say so.
 */
import type { RouteOutput, RowBuilder } from './route.js';
import { inOtherRow, noMoreThan, type Faults } from './route/faults.js';
import { crossingFlows, crossingSteps, drawnCrossings, drawnRows } from './route/tries.js';
import type { RouterState, RouteTry, TryFaults } from './layout-tries.js';

/**
 * Connectors in their page's other connector row (issue 20 item 2: the format puts a flow onwards' outgoing
 * connector in its page's bottom row, its twin in the next page's top row, a loop back's the reverse), where the
 * router found the other row crossing fewer, or as few with the connector in its lanes or the route shorter: their
 * flows keep the format's row unless that crosses more (RouteInput.usualRow), all at once, else (`oneByOne`: not
 * on a page of a long procedure) one by one; kept when fewer connectors are in the other row and nothing else the
 * quality report counts is worse (no label less clear, no crossing, no connector off its lane, no arrow nearer a
 * symbol or on top of another). A try that crosses more is routed once more with the crossing narrow-lane decisions'
 * branches first (`tries`, the router's state: not on a page of a long procedure), and judged so.
 */
export function formatRowTries(
  best: RouteTry,
  faultsOf: (t: RouteTry) => Faults & { overlaps: number },
  oneByOne: boolean,
  tries?: RouterState,
): RouteTry {
  const halves = otherRowHalves(best.out);
  // None could keep its row at no more crossings: routed so, the drawing would be the same.
  if (!halves.some((h) => best.out.rowFree.has(h))) return best;
  let was = faultsOf(best);
  const better = (now: Faults & { overlaps: number }): boolean => now.otherRow < was.otherRow && noMoreThan(now, was) && now.overlaps <= was.overlaps;
  const tryHalves = (set: ReadonlySet<string>): boolean => {
    let t = best.inRows(set);
    let now = faultsOf(t);
    if (!better(now) && now.crossings > was.crossings && tries) {
      t = earlyIfCrossing(t, tries, () => best.inRows(set));
      now = faultsOf(t);
    }
    if (!better(now)) return false;
    [best, was] = [t, now];
    return true;
  };
  const all = new Set(halves);
  const kept = tryHalves(all) ? all : new Set<string>();
  if (!oneByOne) return best;
  // Then those still in the other row that could keep their row, one by one (the routings asked for before are
  // shared, sharedRoutings: a single half is not routed twice).
  for (const h of otherRowHalves(best.out)) if (!kept.has(h) && best.out.rowFree.has(h) && tryHalves(new Set([...kept, h]))) kept.add(h);
  return best;
}

/**
 * A try that crosses more only because a narrow-lane decision's branch to the next step, routed after the other
 * flows, found its way taken (A4, a generated 25-step procedure at 10 lanes: 23->17 then went straight up across
 * 20->21): routed again (`again`) with the crossing decisions' branches routed first (route.ts routeEarly), as
 * reroute tries too; the try itself when no such decision crosses.
 */
function earlyIfCrossing(t: RouteTry, tries: RouterState, again: () => RouteTry): RouteTry {
  const cs = crossingSteps(t.stepRows, t.out.connectorRows);
  const sides = new Set(t.out.sideSteps.filter((d) => cs.has(d)));
  return sides.size > 0 ? withEarly(tries, sides, again) : t;
}

/** A routing with these narrow-lane decisions' branches routed before the other flows too (RouterState.early). */
export function withEarly(tries: RouterState, steps: ReadonlySet<number>, routed: () => RouteTry): RouteTry {
  const was = tries.early;
  tries.early = new Set([...(was ?? []), ...steps]);
  try {
    return routed();
  } finally {
    tries.early = was;
  }
}

/** `settled` under the tops a try was routed with (RouterState.tops), restored after it, also on a throw. */
export function withTops<T>(tries: RouterState, tops: ReadonlySet<number> | null, settle: () => T): T {
  const was = tries.tops;
  tries.tops = tops;
  try {
    return settle();
  } finally {
    tries.tops = was;
  }
}

/** Nothing the quality report counts worse (faults.ts noMoreThan), and no more arrows on top of each other or nearer than 1.5 mm. */
export function noWorseDrawn(now: TryFaults, was: TryFaults): boolean {
  return noMoreThan(now, was) && now.overlaps <= was.overlaps && now.tight <= was.tight;
}

/**
 * Of a try's `otherRow` connectors in their page's other row, those formatRowTries cannot bring back: the router
 * found their usual row crossing more (RouteOutput.rowFree names the others). A route into a side whose arrowhead
 * would hang over a corner costs more (tracks.ts furtherOut): a loop back's connector may then take the other row
 * for a track further out at as many crossings, which the finished drawing takes back.
 */
export function otherRowStuck(out: RouteOutput, otherRow: number): number {
  return otherRow - otherRowHalves(out).filter((h) => out.rowFree.has(h)).length;
}

/** The halves of flows across pages (`flow@page`, RouteInput.usualRow) whose connectors sit in their page's other row. */
function otherRowHalves(out: RouteOutput): string[] {
  const halves: string[] = [];
  out.connectorRows.forEach((c, page) => {
    // A page of a long procedure's try: the other pages have no connector rows.
    if (!c.top && !c.bottom) return;
    for (const [row, top] of [[c.top, true], [c.bottom, false]] as const) {
      if (!row) continue;
      for (const s of row.core.symbols) {
        if (!inOtherRow(s, top)) continue;
        const i = out.others.findIndex((e) => e.from === s.from && e.to === s.to);
        if (i >= 0) halves.push(`${i}@${page}`);
      }
    }
  });
  return halves;
}

/**
 * A finished drawing whose arrows still cross (issue 20 item 3): each of the first few flows that cross (those
 * routed on their own: loops, branches, jumps) routed first, alone, the try's other choices kept. The re-tries
 * route the crossing flows first all together (route/tries.ts bestTry), and the shortest of them then takes the way
 * another needs: in loops across pages at 9 lanes on F4, 9->2 took the right of the page, where 20->7 runs up to
 * step 7, and crossed it; with 20->7 first, 9->2 goes left and 29->3 right, round 20->7, no arrow crossing (29->3's
 * connector then under its track, outside step 3's lane, as at 9 lanes on A4: a crossing avoided before a
 * connector in its lane). Kept when it crosses fewer and is no worse otherwise (labels, arrows near symbols or on
 * top of each other or nearer than 1.5 mm, junctions), its connectors outside their lanes apart.
 */
export function aloneFirst(best: RouteTry, faults: (t: RouteTry) => TryFaults): RouteTry {
  // Crossings first (connectors placed): most drawings (and pages) cross nothing, and a try that crosses no fewer
  // is not judged further (its labels are not placed).
  const crossed = (t: RouteTry): number => (t.out.connect(), drawnCrossings(t.stepRows, t.out.connectorRows));
  let fewest = crossed(best);
  if (fewest === 0) return best;
  let was: TryFaults | null = null;
  const base = best;
  const flows = crossingFlows(base.stepRows, base.out.connectorRows)
    .map(({ from, to }) => base.out.others.findIndex((e) => e.from === from && e.to === to))
    .filter((i) => i >= 0);
  for (const i of flows.slice(0, MAX_ALONE)) {
    const t = base.reordered(new Set([i]), false);
    if (crossed(t) >= fewest) continue;
    was ??= faults(best);
    const now = faults(t);
    const noWorse =
      now.labels <= was.labels && now.ambiguous <= was.ambiguous && now.misplaced <= was.misplaced && now.nearSymbol <= was.nearSymbol && now.overlaps <= was.overlaps && now.tight <= was.tight && now.junctions <= was.junctions;
    if (now.crossings < was.crossings && noWorse) [best, was, fewest] = [t, now, now.crossings];
  }
  return best;
}

/** The crossing flows aloneFirst routes first, one by one, at most (a routing each). */
const MAX_ALONE = 3;

/**
 * A finished drawing with connectors outside their steps' lanes (issue 20 item 2), where a lane too narrow for
 * three (two fill a 15 mm lane) gave one to another lane: its connectors placed again, one of such three on the
 * row's second level straight under its track, the others beside it (route/connectors.ts packRaised). Nothing is
 * routed again: kept when fewer connectors are outside and nothing else the quality report counts is worse, else
 * placed again as they were. `forget` drops what `faults` remembers of a try's drawing.
 */
export function raisedTry(best: RouteTry, faults: (t: RouteTry) => TryFaults, forget: (t: RouteTry) => void): void {
  // No lane takes a second level (the placement is the same): nothing to count.
  if (!best.out.connect(true)) return;
  best.out.connect(false);
  const was = faults(best);
  best.out.connect(true);
  forget(best);
  const now = faults(best);
  if (now.offLane < was.offLane && noWorseDrawn(now, was) && now.otherRow <= was.otherRow) return;
  best.out.connect(false);
  forget(best);
}

/**
 * Connectors still outside their steps' lanes after offLaneTries (issue 20 item 2): their flows' routes to them
 * also sought on each side of their steps' lanes (RouteInput.laneSides), those flows first. The best route overall
 * may arrive on the far side of another flow's arrival, which the jog to the lanes would cross (a loop into step 2
 * at 12 lanes on A4 came up the right of the page, past two loops' connectors, where the left of the page reaches
 * its lane past none). Kept, with the router's state naming those flows, when fewer connectors are outside,
 * nothing else the quality report counts is worse (the connectors in the other row included) and the arrows are at
 * most `slack` px longer per connector brought into its lane (a detour round the page is no better: a loop across
 * pages at 11 lanes on A4 would bring two in with 23 cm more arrow, a generated 25-step procedure at 10 lanes one
 * with 14 cm, its branch back running up the far side of the page and back along the row). Those flows first,
 * shortest first, then (that try not kept) longest first: the way to a connector's lane may be walled off by
 * another loop of the row routed before it (a generated 40-step procedure at 4 lanes: 12->6, shorter, went up the
 * right of the page, its jog along page 1's bottom row from lane 1 to the right edge, and 15->8's connector went
 * to lane 1 with its track up the left; 15->8 first, it takes the right into step 8's side, its connector in its
 * lane, and 12->6 the left, 12 cm less arrow). One routing more, only when the first try is not kept.
 */
export function sidesTry(best: RouteTry, tries: RouterState, off: ReadonlySet<number>, faults: (t: RouteTry) => TryFaults, slack: number): RouteTry {
  if (off.size === 0) return best;
  const was = faults(best);
  const before = tries.sides;
  tries.sides = new Set([...(before ?? []), ...off]);
  for (const longest of [false, true]) {
    let t = best.reordered(off, longest);
    t.out.finish();
    let now = faults(t);
    if (now.crossings > was.crossings) {
      t = earlyIfCrossing(t, tries, () => best.reordered(off, longest));
      t.out.finish();
      now = faults(t);
    }
    const fewer = was.offLane - now.offLane;
    if (fewer > 0 && noWorseDrawn(now, was) && now.otherRow <= was.otherRow && now.length <= was.length + fewer * slack) return t;
  }
  tries.sides = before;
  return best;
}

/** The length of every arrow drawn, px (a piece over a whole row: the row's core height). */
export function drawnLength(stepRows: readonly (readonly RowBuilder[])[], connectorRows: RouteOutput['connectorRows']): number {
  let n = 0;
  for (const row of drawnRows(stepRows, connectorRows))
    for (const p of row.core.pieces) n += Math.abs(p.x2 - p.x1) + (typeof p.y1 === 'number' && typeof p.y2 === 'number' ? Math.abs(p.y2 - p.y1) : row.core.height);
  return n;
}
