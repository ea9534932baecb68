import type { Rule } from '../rule.js';

/** A step label (`@name`) names one step: using it twice is an error that points at the first. */
export const duplicateStepLabelRule: Rule = {
  name: 'duplicate-step-label',
  codes: ['SOP205'],
  run(ctx) {
    for (const f of ctx.facts.stepLabels) {
      if (!f.duplicateOf) continue;
      ctx.report({
        code: 'SOP205',
        range: f.node.range,
        params: { name: f.node.name },
        related: [{ range: f.duplicateOf.range, code: 'first' }],
      });
    }
  },
};
