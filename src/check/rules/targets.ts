import type { Rule } from '../rule.js';
import { suggest } from '../../util/suggest.js';

/** A flow target is `@label` of some step or `selesai`; anything else is an error, with the nearest label as a hint. */
export const flowTargetRule: Rule = {
  name: 'flow-target',
  codes: ['SOP204', 'SOP206'],
  run(ctx) {
    const labels = ctx.model.steps.flatMap((s) => (s.label ? [s.label] : []));
    for (const t of ctx.facts.targets) {
      const range = t.field.value?.range ?? t.field.range;
      if (t.resolution.kind === 'invalid') {
        ctx.report({ code: 'SOP206', range, params: { text: t.field.value?.value ?? '' } });
      } else if (t.resolution.kind === 'unknown') {
        const s = suggest(t.resolution.name, labels);
        ctx.report({
          code: 'SOP204',
          range,
          params: { name: t.resolution.name, suggestion: s ? '@' + s : '' },
          ...(s ? { suggestions: ['@' + s] } : {}),
        });
      }
    }
  },
};
