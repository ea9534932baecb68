import type { Position } from '../../ast/nodes.js';
import { LIMITS, flowsPast } from '../../model/limits.js';
import type { Rule } from '../rule.js';

/**
 * A SOP stays within the limits every output shares (src/model/limits.ts): at most LIMITS.steps steps
 * (SOP591, at the first step past it), LIMITS.lanes lanes (SOP592, at the first lane past it) and
 * LIMITS.text characters (SOP594, at the character past it); a lane title at most LIMITS.laneTitle characters
 * (SOP595, at the lane); at most LIMITS.flowsPast arrows beside one step (SOP597, at the first step with the most).
 * Errors: nothing is laid out past them.
 */
export const sizeLimitsRule: Rule = {
  name: 'size-limits',
  codes: ['SOP591', 'SOP592', 'SOP594', 'SOP595', 'SOP597'],
  run(ctx) {
    const start: Position = { line: 1, column: 1, offset: 0 };
    const lanes = ctx.model.lanes;
    if (lanes.length > LIMITS.lanes) {
      // A lane from sop.config.json has no place in the file: the start of the file.
      ctx.report({ code: 'SOP592', range: lanes[LIMITS.lanes]!.range ?? { start, end: start }, params: { lanes: lanes.length, max: LIMITS.lanes } });
    }
    for (const l of lanes) {
      const chars = [...l.title].length;
      if (chars > LIMITS.laneTitle && l.range) ctx.report({ code: 'SOP595', range: l.range, params: { chars, max: LIMITS.laneTitle } });
    }
    const steps = ctx.model.steps;
    if (steps.length > LIMITS.steps) ctx.report({ code: 'SOP591', range: steps[LIMITS.steps]!.range, params: { steps: steps.length, max: LIMITS.steps } });
    // At the first step with the most arrows beside it (SOP597).
    const past = flowsPast(ctx.model);
    const at = past.count > LIMITS.flowsPast ? steps.find((s) => s.number === past.step) : undefined;
    if (at) ctx.report({ code: 'SOP597', range: at.range, params: { count: past.count, max: LIMITS.flowsPast, step: at.number } });
    const text = ctx.text;
    if (text.length > LIMITS.text) {
      const before = text.slice(0, LIMITS.text);
      const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
      const line = (before.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
      const at: Position = { line, column: LIMITS.text - lineStart + 1, offset: LIMITS.text };
      ctx.report({ code: 'SOP594', range: { start: at, end: { ...at, column: at.column + 1, offset: at.offset + 1 } }, params: { chars: text.length, max: LIMITS.text / 1_000_000 } });
    }
  },
};
