/**
 * A connector row's places and jogs (connectors.ts placeRow): where a connector may sit in a lane, connectors packed
 * in order into their places, the level each jog runs on, and the connectors brought into their steps' lanes across
 * another flow's run where the order of the arrivals walls them out (issue 20 items 2 and 3: the format places a
 * connector in its step's lane; the crossing that place needs is not avoidable).
 */
import { BORDER_GAP, borderX, laneAt, MIN_RUN, round, TRACK_GAP, type PendingConnector, type RouteState } from './state.js';

/** Where a connector's centre may lie in a lane, 1.5 mm from its borders (lo > hi: the lane is too narrow for that). */
export function laneRoom(st: RouteState, lane: number): [number, number] {
  const half = st.sym.cw / 2;
  return [borderX(st, lane) + half + BORDER_GAP, borderX(st, lane + 1) - half - BORDER_GAP];
}

/** packSpans without the clearance from the other arrivals. */
export function packIn(targets: readonly number[], span: readonly (readonly [number, number])[], apart: number): number[] | number {
  const n = targets.length;
  // The latest place each may take with room for the ones after it (and no kink short of its target).
  const late: number[] = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let l = Math.min(span[i]![1], i + 1 < n ? late[i + 1]! - apart : Infinity);
    const a = targets[i]!;
    if (l < a && l > a - MIN_RUN) l = a - MIN_RUN;
    late[i] = l;
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const lo = Math.max(span[i]![0], i > 0 ? out[i - 1]! + apart : -Infinity);
    const hi = late[i]!;
    if (lo > hi + 0.01) return i;
    const a = targets[i]!;
    let x = Math.min(hi, Math.max(lo, a));
    if (x > a && x < a + MIN_RUN) {
      if (a + MIN_RUN > hi + 0.01) return i;
      x = a + MIN_RUN;
    }
    out.push(round(x));
  }
  return out;
}

/** A jog from a track arriving at `a` to its connector at `p`; `far`: a flow into its connector in a short row. */
export interface Jog {
  readonly a: number;
  readonly p: number;
  readonly far: boolean;
}

interface Levels {
  readonly at: number[];
  readonly crossings: number;
  /** Flows into their connector on the nearer level of a short row: their heads over the corner. */
  readonly heads: number;
  readonly shared: boolean;
}

/**
 * The level of each jog (index into levels; -1 for a connector straight under its track): no two overlapping
 * jogs on one level, and fewest crossings between the jogs and the other flows' runs to and from them. Two jogs
 * that overlap cross unless the one that goes further takes the level nearer the boundary (the L shapes nest), so
 * each jog in turn takes the level that crosses least; in arrival order and in the reverse, the better kept.
 */
export function assignLevels(jogs: readonly Jog[], levels: readonly number[], boundary: number, meet: number, half: number): number[] {
  return levelsOf(jogs, levels, boundary, meet, half).at;
}

/**
 * assignLevels' levels, with the crossings they make, the heads they leave over a corner (each weighed as half a
 * crossing) and whether a jog had to share a level with one it overlaps.
 */
function levelsOf(jogs: readonly Jog[], levels: readonly number[], boundary: number, meet: number, half: number): Levels {
  const inside = (v: number, e1: number, e2: number): boolean => v > Math.min(e1, e2) && v < Math.max(e1, e2);
  /** Whether jog i's run along its level crosses jog j's vertical runs (j at level lj, -1: straight). */
  const hits = (i: number, li: number, j: number, lj: number): number => {
    const { a, p } = jogs[i]!;
    const o = jogs[j]!;
    const y = levels[li]!;
    let n = 0;
    if (inside(o.a, a, p) && inside(y, boundary, lj < 0 ? meet : levels[lj]!)) n++;
    if (lj >= 0 && inside(o.p, a, p) && inside(y, levels[lj]!, meet)) n++;
    return n;
  };
  const cost = (i: number, li: number, j: number, lj: number): number => (li >= 0 ? hits(i, li, j, lj) : 0) + (lj >= 0 ? hits(j, lj, i, li) : 0);
  const overlap = (i: number, j: number): boolean => {
    const lo = (k: number): number => Math.min(jogs[k]!.a, jogs[k]!.p) - 2;
    const hi = (k: number): number => Math.max(jogs[k]!.a, jogs[k]!.p) + 2;
    return !(hi(i) < lo(j) || lo(i) > hi(j));
  };
  const headOver = (i: number, k: number): boolean => k === 0 && jogs[i]!.far && jogs[i]!.a !== jogs[i]!.p;
  const run = (order: readonly number[]): Levels => {
    const at: number[] = jogs.map(() => -1);
    const set: number[] = [];
    let crossings = 0;
    let heads = 0;
    let shared = false;
    for (const i of order) {
      if (jogs[i]!.a === jogs[i]!.p) {
        for (const j of set) crossings += cost(i, -1, j, at[j]!);
        set.push(i);
        continue;
      }
      let best = -1;
      let bestCost = Infinity;
      for (let k = 0; k < levels.length; k++) {
        if (set.some((j) => at[j] === k && overlap(i, j))) continue;
        // The level nearer the connectors (1 mm from them) passes none but its own within 1.5 mm (issue 20 item 7).
        if (k === 0 && jogs.some((o, j) => j !== i && o.p + half + TRACK_GAP > Math.min(jogs[i]!.a, jogs[i]!.p) && o.p - half - TRACK_GAP < Math.max(jogs[i]!.a, jogs[i]!.p))) continue;
        // A flow into its connector on the nearer level of a short row: its head over its corner (less than a crossing).
        let c = headOver(i, k) ? HEAD_WEIGHT : 0;
        for (const j of set) c += cost(i, k, j, at[j]!);
        if (c < bestCost) {
          best = k;
          bestCost = c;
        }
      }
      const fell = best < 0;
      if (fell) {
        best = 0; // Both levels taken over this span: the nearer one, shared (the quality report shows it).
        shared = true;
        bestCost = 0;
        for (const j of set) bestCost += cost(i, 0, j, at[j]!);
      }
      at[i] = best;
      // A head over its corner as chosen above (on a shared level the overlap is the fault counted).
      const head = !fell && headOver(i, best);
      if (head) heads++;
      crossings += bestCost - (head ? HEAD_WEIGHT : 0);
      set.push(i);
    }
    return { at, crossings, heads, shared };
  };
  const forward = jogs.map((_, i) => i);
  const a = run(forward);
  if (a.crossings === 0 && a.heads === 0 && !a.shared) return a;
  const b = run([...forward].reverse());
  // A shared level (jogs on top of each other) is worse than any crossing.
  if (a.shared !== b.shared) return a.shared ? b : a;
  return b.crossings + b.heads * HEAD_WEIGHT < a.crossings + a.heads * HEAD_WEIGHT ? b : a;
}

/** A head over a corner, against crossings in choosing a jog's level: less than one. */
const HEAD_WEIGHT = 0.5;

/** The most crossings a connector's jog may make to reach its step's lane (one flow's run, or its run and jog). */
const MAX_CROSS_IN = 2;

/**
 * Brings into a lane of its step each connector `done` left outside them (packRow keeps the order of the arrivals,
 * so that no jog crosses another flow's run; a track walled out by the page's loops arrives beyond such a run):
 * put among the connectors of that lane in any order, the lane's connectors packed again (packIn) and the others
 * kept where they are, where its jog crosses at most MAX_CROSS_IN runs of the row, no jog shares a level with one
 * it overlaps and no connector sits under another flow's run: the place with the fewest crossings, then the
 * nearest its arrival. `done`'s places are changed in place; the connector on the row's second level (`raised`)
 * stays where it is.
 */
export function crossIn(
  st: RouteState,
  done: { c: PendingConnector; pos: number }[],
  levels: readonly number[],
  boundary: number,
  meet: number,
  far: (c: PendingConnector) => boolean,
  raised: number,
): void {
  const { inp, sym } = st;
  const half = sym.cw / 2;
  const apart = sym.cw + 3;
  const clear = half + TRACK_GAP;
  const measure = (at: readonly number[]): Levels => levelsOf(done.map(({ c }, k) => ({ a: c.arrivalX, p: at[k]!, far: far(c) })), levels, boundary, meet, half);
  done.forEach((d, i) => {
    const lanes = inp.lanesOf(d.c.step);
    if (i === raised || lanes.includes(laneAt(st, d.pos))) return;
    const now = done.map((o) => o.pos);
    const before = measure(now);
    if (before.shared) return;
    let best: { at: number[]; cross: number; jog: number } | null = null;
    const others = done.map((_, j) => j).filter((j) => j !== i).sort((p, q) => now[p]! - now[q]!);
    for (const lane of lanes) {
      const [lo, hi] = laneRoom(st, lane);
      if (lo > hi) continue;
      // The lane's connectors (not the one on the second level) are packed again around it; the others stay.
      const moves = (j: number): boolean => j !== raised && laneAt(st, now[j]!) === lane;
      for (let k = 0; k <= others.length; k++) {
        const order = [...others.slice(0, k), i, ...others.slice(k)];
        const spans = order.map((j): readonly [number, number] => (j === i || moves(j) ? [lo, hi] : [now[j]!, now[j]!]));
        const targets = order.map((j) => (j === i ? Math.min(hi, Math.max(lo, d.c.arrivalX)) : moves(j) ? done[j]!.c.arrivalX : now[j]!));
        const packed = packIn(targets, spans, apart);
        if (typeof packed === 'number') continue;
        const at = [...now];
        order.forEach((j, m) => (at[j] = packed[m]!));
        const a = d.c.arrivalX;
        if (at[i] !== a && Math.abs(at[i]! - a) < MIN_RUN - 0.01) continue;
        // No connector moved under another flow's run in from the row's edge.
        if (at.some((x, m) => x !== now[m] && done.some((o, n) => n !== m && Math.abs(o.c.arrivalX - x) < clear - 0.01))) continue;
        const r = measure(at);
        const cross = r.crossings - before.crossings;
        // No flow into its connector left with its head over a corner, nor one taken off it (the moves judged on crossings alone).
        if (r.shared || cross > MAX_CROSS_IN || r.heads !== before.heads) continue;
        const jog = at.reduce((s, x, m) => s + Math.abs(x - done[m]!.c.arrivalX), 0);
        if (!best || cross < best.cross || (cross === best.cross && jog < best.jog - 0.01)) best = { at, cross, jog };
      }
    }
    if (best) best.at.forEach((x, m) => (done[m]!.pos = x));
  });
}
