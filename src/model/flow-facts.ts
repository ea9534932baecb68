/**
 * Flow facts: how long a procedure takes, summed from the steps' `Waktu`.
 *
 * - `ya`: the path a procedure takes when every decision answers "Ya" (the
 *   usual case), from the first step to the end;
 * - `longest`: the longest way from the first step to an end where every
 *   loop (a branch back to an earlier step) is taken at most once.
 *
 * Minutes are ranges (`15-30 menit`); a step whose `Waktu` is free text
 * (`Sesuai kebutuhan`) adds nothing and is listed in `uncounted`. Pure.
 */
import type { FlowEdge, Step } from './model.js';

export interface TimeTotal {
  /** Summed minutes (ranges add up their ends). */
  readonly minutes: { readonly min: number; readonly max: number };
  /** Step numbers in the order walked (a step taken twice appears twice). */
  readonly path: readonly number[];
  /** Steps on the path whose `Waktu` is written but is no duration. */
  readonly uncounted: readonly number[];
}

export interface FlowTiming {
  readonly ya: TimeTotal;
  /** Null when the procedure has too many loops to try every way (more than 12, or 50 000 step-and-loop states). */
  readonly longest: TimeTotal | null;
}

/** Loops beyond this are not enumerated (2^n states per step). */
const MAX_LOOPS = 12;
/** States (steps times sets of loops taken) beyond this are not enumerated: a generated 60 000-step file stays fast. */
const MAX_STATES = 50_000;

const weight = (s: Step | undefined): { min: number; max: number } =>
  s?.waktu?.kind === 'duration' ? s.waktu.minutes : { min: 0, max: 0 };

function total(steps: readonly Step[], path: readonly number[]): TimeTotal {
  let min = 0;
  let max = 0;
  const uncounted: number[] = [];
  for (const n of path) {
    const s = steps[n - 1];
    const w = weight(s);
    min += w.min;
    max += w.max;
    if (s?.waktu && s.waktu.kind !== 'duration' && !uncounted.includes(n)) uncounted.push(n);
  }
  // Sums of decimals (0.5 menit) are rounded to what a reader can see.
  return { minutes: { min: Math.round(min * 1000) / 1000, max: Math.round(max * 1000) / 1000 }, path, uncounted };
}

function outgoing(stepCount: number, edges: readonly FlowEdge[]): FlowEdge[][] {
  const out: FlowEdge[][] = Array.from({ length: stepCount + 1 }, () => []);
  for (const e of edges) out[e.from]?.push(e);
  return out;
}

/** The path through "Ya" (or the only way on) from step 1; stops at an end or before a step seen twice. */
function yaPath(stepCount: number, out: readonly FlowEdge[][]): number[] {
  const path: number[] = [];
  const seen = new Set<number>();
  let at: number | 'selesai' | undefined = stepCount > 0 ? 1 : undefined;
  while (typeof at === 'number' && !seen.has(at)) {
    seen.add(at);
    path.push(at);
    const es: readonly FlowEdge[] = out[at] ?? [];
    const e: FlowEdge | undefined = es.find((x) => x.label === 'Ya') ?? es.find((x) => x.label === null) ?? es[0];
    at = e?.to;
  }
  return path;
}

/** Back edges of a depth-first walk from step 1: what makes a loop. */
function backEdges(stepCount: number, out: readonly FlowEdge[][]): Map<FlowEdge, number> {
  const state = new Uint8Array(stepCount + 1); // 0 new, 1 on the stack, 2 done
  const back = new Map<FlowEdge, number>();
  if (stepCount === 0) return back;
  // Iterative, so that a long procedure cannot overflow the stack.
  const stack: { node: number; i: number }[] = [{ node: 1, i: 0 }];
  state[1] = 1;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const es = out[top.node] ?? [];
    if (top.i >= es.length) {
      state[top.node] = 2;
      stack.pop();
      continue;
    }
    const e = es[top.i++]!;
    if (typeof e.to !== 'number' || e.to < 1 || e.to > stepCount) continue;
    if (state[e.to] === 1) back.set(e, back.size);
    else if (state[e.to] === 0) {
      state[e.to] = 1;
      stack.push({ node: e.to, i: 0 });
    }
  }
  return back;
}

/**
 * The longest walk from step 1 to an end using each back edge at most once.
 * Without back edges the graph is acyclic, and every back edge taken grows
 * the set of used ones, so (step, used set) states form a DAG: memoised
 * longest path over them.
 */
function longestPath(steps: readonly Step[], out: readonly FlowEdge[][]): number[] | null {
  const n = steps.length;
  if (n === 0) return [];
  const back = backEdges(n, out);
  if (back.size > MAX_LOOPS || (n + 1) * 2 ** back.size > MAX_STATES) return null;
  const NONE = -1;
  const memo = new Map<number, { max: number; min: number; next: FlowEdge | null } | typeof NONE>();
  const key = (node: number, mask: number): number => mask * (n + 1) + node;
  // Iterative post-order over states, so deep procedures do not overflow the stack.
  const best = (startNode: number, startMask: number): void => {
    const stack: { node: number; mask: number; expanded: boolean }[] = [{ node: startNode, mask: startMask, expanded: false }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const k = key(top.node, top.mask);
      if (memo.has(k)) {
        stack.pop();
        continue;
      }
      const transitions: { e: FlowEdge; node: number; mask: number }[] = [];
      for (const e of out[top.node] ?? []) {
        if (e.to === 'selesai') transitions.push({ e, node: 0, mask: top.mask });
        else {
          const b = back.size === 0 ? undefined : back.get(e);
          if (b === undefined) transitions.push({ e, node: e.to, mask: top.mask });
          else if (!(top.mask & (1 << b))) transitions.push({ e, node: e.to, mask: top.mask | (1 << b) });
        }
      }
      if (!top.expanded) {
        top.expanded = true;
        for (const t of transitions) if (t.node !== 0 && !memo.has(key(t.node, t.mask))) stack.push({ node: t.node, mask: t.mask, expanded: false });
        continue;
      }
      stack.pop();
      const w = weight(steps[top.node - 1]);
      let chosen: { max: number; min: number; next: FlowEdge | null } | typeof NONE = NONE;
      // No way on at all: the walk ends here (the model's last step, or a broken target).
      if ((out[top.node] ?? []).length === 0) chosen = { max: w.max, min: w.min, next: null };
      for (const t of transitions) {
        const rest = t.node === 0 ? { max: 0, min: 0 } : memo.get(key(t.node, t.mask));
        if (rest === undefined || rest === NONE) continue;
        const cand = { max: w.max + rest.max, min: w.min + rest.min, next: t.e };
        if (chosen === NONE || cand.max > chosen.max || (cand.max === chosen.max && cand.min > chosen.min)) chosen = cand;
      }
      memo.set(k, chosen);
    }
  };
  best(1, 0);
  if (memo.get(key(1, 0)) === NONE) return null;
  const path: number[] = [];
  let node = 1;
  let mask = 0;
  while (node !== 0 && path.length <= n * (back.size + 1)) {
    path.push(node);
    const m = memo.get(key(node, mask));
    if (m === undefined || m === NONE || m.next === null) break;
    const e = m.next;
    const b = back.get(e);
    if (b !== undefined) mask |= 1 << b;
    node = e.to === 'selesai' ? 0 : e.to;
  }
  return path;
}

/** The timing facts of a procedure. */
export function flowTiming(steps: readonly Step[], edges: readonly FlowEdge[]): FlowTiming {
  const out = outgoing(steps.length, edges);
  const longest = longestPath(steps, out);
  return { ya: total(steps, yaPath(steps.length, out)), longest: longest ? total(steps, longest) : null };
}

/** Minutes as a reader says them: `1 hari 2 jam 5 menit` (a day counted as 24 hours). */
export function formatMinutes(minutes: number, lang: 'id' | 'en' = 'id'): string {
  const units: readonly [number, string, string][] = [
    [60 * 24, 'hari', 'day'],
    [60, 'jam', 'hour'],
    [1, 'menit', 'minute'],
  ];
  let rest = Math.round(minutes * 60) / 60;
  const parts: string[] = [];
  for (const [size, id, en] of units) {
    const k = size === 1 ? Math.round(rest * 100) / 100 : Math.floor(rest / size);
    if (k > 0) parts.push(lang === 'id' ? `${String(k).replace('.', ',')} ${id}` : `${k} ${en}${k === 1 ? '' : 's'}`);
    rest -= k * size;
  }
  return parts.length > 0 ? parts.join(' ') : lang === 'id' ? '0 menit' : '0 minutes';
}

/** A range of minutes: `15 menit` or `15 menit – 1 jam`. */
export function formatRange(m: { readonly min: number; readonly max: number }, lang: 'id' | 'en' = 'id'): string {
  return m.min === m.max ? formatMinutes(m.max, lang) : `${formatMinutes(m.min, lang)} – ${formatMinutes(m.max, lang)}`;
}

/**
 * The line printed under the procedure table, or null when no step on the
 * way has a duration: `Jumlah waktu: 1 jam 35 menit (jalur "Ya"); paling
 * lama 2 jam bila setiap putaran dijalani sekali. Tanpa langkah 5.`
 */
export function timingLine(t: FlowTiming, steps: readonly Step[], lang: 'id' | 'en' = 'id'): string | null {
  if (t.ya.minutes.max === 0 && (t.longest?.minutes.max ?? 0) === 0) return null;
  const longer = t.longest !== null && t.longest.minutes.max > t.ya.minutes.max;
  const uncounted = [...new Set([...t.ya.uncounted, ...(longer ? t.longest!.uncounted : [])])].sort((a, b) => a - b);
  const free = uncounted.map((n) => `${n} (${steps[n - 1]?.waktu?.text ?? ''})`).join(', ');
  // The "Ya" path is named only where there is a choice of path: a procedure without a decision has one path.
  const decides = steps.some((s) => s.symbol === 'decision');
  if (lang === 'en') {
    return (
      `Total time: ${formatRange(t.ya.minutes, 'en')}${decides ? ' (the "Ya" path)' : ''}` +
      (longer ? `; at most ${formatRange(t.longest!.minutes, 'en')} with every loop taken once` : '') +
      '.' +
      (free ? ` Not counted: step${uncounted.length > 1 ? 's' : ''} ${free}.` : '')
    );
  }
  return (
    `Jumlah waktu: ${formatRange(t.ya.minutes)}${decides ? ' (jalur "Ya")' : ''}` +
    (longer ? `; paling lama ${formatRange(t.longest!.minutes)} bila setiap putaran dijalani sekali` : '') +
    '.' +
    (free ? ` Tidak terhitung: langkah ${free}.` : '')
  );
}
