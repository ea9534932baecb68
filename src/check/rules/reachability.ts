import { outgoingEdges } from '../../model/graph.js';
import type { Rule } from '../rule.js';

/** Every step can be reached from the first step; one that cannot is a warning. */
export const unreachableStepRule: Rule = {
  name: 'unreachable-step',
  codes: ['SOP305'],
  run(ctx) {
    const { steps } = ctx.model;
    // A broken target might have reached the step: stay silent rather than guess.
    if (steps.length === 0 || ctx.facts.flowBroken) return;
    const out = outgoingEdges(ctx.model);
    const seen = new Set<number>([1]);
    const queue = [1];
    while (queue.length > 0) {
      const from = queue.pop()!;
      for (const e of out[from]!) {
        if (typeof e.to === 'number' && !seen.has(e.to)) {
          seen.add(e.to);
          queue.push(e.to);
        }
      }
    }
    for (const s of steps) {
      if (!seen.has(s.number)) {
        ctx.report({ code: 'SOP305', range: ctx.facts.stepNodes[s.number - 1]!.headRange, params: { step: s.number } });
      }
    }
  },
};
