import type { Rule } from '../rule.js';
import { suggest, suggestByWords } from '../../util/suggest.js';

/** Each lane is declared once: an id or title used twice is an error that points at the first. */
export const duplicateLaneRule: Rule = {
  name: 'duplicate-lane',
  codes: ['SOP202'],
  run(ctx) {
    for (const f of ctx.facts.laneDecls) {
      if (!f.duplicateOf) continue;
      ctx.report({
        code: 'SOP202',
        range: f.decl.id?.range ?? f.decl.title.range,
        params: { name: f.duplicateName ?? f.lane.id },
        related: [{ range: f.duplicateOf.range, code: 'first' }],
      });
    }
  },
};

/** A step names its lanes by declared id or full title; an unknown one is an error with the nearest as a hint. */
export const unknownLaneRule: Rule = {
  name: 'unknown-lane',
  codes: ['SOP201'],
  run(ctx) {
    const names = ctx.model.lanes.flatMap((l) => (l.id === l.title ? [l.id] : [l.id, l.title]));
    // The hint lists the declared lanes as they are written in a step: by id.
    const known = ctx.model.lanes.map((l) => l.id).join('\n');
    for (const ref of ctx.facts.laneRefs) {
      if (ref.lane) continue;
      const s = suggest(ref.node.value, names) ?? suggestByWords(ref.node.value, names);
      ctx.report({
        code: 'SOP201',
        range: ref.node.range,
        params: { name: ref.node.value, suggestion: s ?? '', known },
        ...(s ? { suggestions: [s] } : {}),
      });
    }
  },
};

/** A lane that no step uses is a warning (an empty column on paper). */
export const unusedLaneRule: Rule = {
  name: 'unused-lane',
  codes: ['SOP203'],
  run(ctx) {
    // Stay silent while some lane reference is broken: the lane may be the one meant.
    // Likewise while a step names no lane, or there are no steps at all.
    const steps = ctx.facts.stepNodes;
    if (steps.length === 0 || ctx.facts.laneRefs.some((r) => !r.lane) || steps.some((s) => !s.lanesClosed || s.lanes.length === 0)) return;
    const used = new Set(ctx.facts.laneRefs.map((r) => r.lane!.id));
    for (const f of ctx.facts.laneDecls) {
      if (f.duplicateOf || used.has(f.lane.id)) continue;
      ctx.report({ code: 'SOP203', range: f.decl.id?.range ?? f.decl.title.range, params: { name: f.lane.id } });
    }
  },
};
