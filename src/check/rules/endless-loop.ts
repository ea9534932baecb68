import type { Rule } from '../rule.js';
import { maxOf, minOf } from '../../util/array.js';

/**
 * From every step some end must be reachable. A loop with no way out is an
 * error, reported once per loop at the loop's first step, not again at the
 * steps that lead into it.
 */
export const endlessLoopRule: Rule = {
  name: 'endless-loop',
  codes: ['SOP306'],
  run(ctx) {
    const { steps, edges } = ctx.model;
    const n = steps.length;
    if (n === 0) return;
    const succ: number[][] = Array.from({ length: n + 1 }, () => []);
    const pred: number[][] = Array.from({ length: n + 1 }, () => []);
    const canEnd = new Array<boolean>(n + 1).fill(false);
    for (const e of edges) {
      if (e.to === 'selesai') canEnd[e.from] = true;
      else {
        succ[e.from]!.push(e.to);
        pred[e.to]!.push(e.from);
      }
    }
    // A step whose target is broken may lead anywhere: count it as able to end.
    for (const t of ctx.facts.targets) if (t.resolution.kind === 'unknown' || t.resolution.kind === 'invalid') canEnd[t.step] = true;
    const queue = steps.map((s) => s.number).filter((k) => canEnd[k]);
    while (queue.length > 0) {
      const k = queue.pop()!;
      for (const p of pred[k]!) {
        if (!canEnd[p]) {
          canEnd[p] = true;
          queue.push(p);
        }
      }
    }
    const stuck = steps.map((s) => s.number).filter((k) => !canEnd[k]);
    if (stuck.length === 0) return;
    for (const component of cyclicComponents(stuck, succ)) {
      const first = minOf(component);
      const last = maxOf(component);
      ctx.report({
        code: 'SOP306',
        range: ctx.facts.stepNodes[first - 1]!.headRange,
        params: { step: first },
        ...(last !== first ? { related: [{ range: ctx.facts.stepNodes[last - 1]!.headRange, code: 'loop' as const }] } : {}),
      });
    }
  },
};

/** Strongly connected components (Tarjan, iterative) among `nodes` that contain a cycle. */
function cyclicComponents(nodes: readonly number[], succ: readonly (readonly number[])[]): number[][] {
  const inSet = new Set(nodes);
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { v: number; i: number }[] = [{ v: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const next = succ[frame.v]!.filter((w) => inSet.has(w));
      if (frame.i < next.length) {
        const w = next[frame.i++]!;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.v, Math.min(low.get(frame.v)!, index.get(w)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(frame.v)!));
      if (low.get(frame.v) === index.get(frame.v)) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== frame.v);
        const cyclic = comp.length > 1 || succ[frame.v]!.includes(frame.v);
        if (cyclic) out.push(comp);
      }
    }
  }
  return out.sort((a, b) => minOf(a) - minOf(b));
}
