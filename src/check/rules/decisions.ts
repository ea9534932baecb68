import { outgoingEdges } from '../../model/graph.js';
import type { Rule } from '../rule.js';

/** A decision's branch may not point at its own step. */
export const selfBranchRule: Rule = {
  name: 'self-branch',
  codes: ['SOP301'],
  run(ctx) {
    for (const t of ctx.facts.targets) {
      if (t.branch === 'Lanjut' || t.resolution.kind !== 'step' || t.resolution.step !== t.step) continue;
      ctx.report({ code: 'SOP301', range: t.field.value?.range ?? t.field.range, params: { branch: t.branch } });
    }
  },
};

/**
 * Both branches of a decision going to the same place is a warning: it is no decision. Not said of a last step with
 * a branch unwritten: that branch has no next step to go to, SOP304 says so (`Ya: selesai` alone was told both).
 */
export const sameBranchesRule: Rule = {
  name: 'same-branches',
  codes: ['SOP302'],
  run(ctx) {
    const edges = outgoingEdges(ctx.model);
    const n = ctx.model.steps.length;
    const lastFields = ctx.facts.stepFields[n - 1];
    for (const s of ctx.model.steps) {
      if (s.symbol !== 'decision') continue;
      if (s.number === n && !(lastFields?.has('ya') && lastFields.has('tidak'))) continue;
      const out = edges[s.number]!.filter((e) => e.label !== null);
      if (out.length === 2 && out[0]!.to === out[1]!.to) {
        ctx.report({ code: 'SOP302', range: ctx.facts.stepNodes[s.number - 1]!.headRange });
      }
    }
  },
};

/** `Lanjut` is for ordinary steps; together with `Ya`/`Tidak` on one step it is an error. */
export const lanjutWithBranchesRule: Rule = {
  name: 'lanjut-with-branches',
  codes: ['SOP303'],
  run(ctx) {
    ctx.facts.stepFields.forEach((fields) => {
      const lanjut = fields.get('lanjut');
      if (lanjut && (fields.has('ya') || fields.has('tidak'))) ctx.report({ code: 'SOP303', range: lanjut.label.range });
    });
  },
};

/** A decision that is the last step must write both branches: there is no next step to fall to. */
export const lastDecisionRule: Rule = {
  name: 'last-decision',
  codes: ['SOP304'],
  run(ctx) {
    const n = ctx.model.steps.length;
    const last = ctx.model.steps[n - 1];
    if (!last || last.symbol !== 'decision') return;
    const fields = ctx.facts.stepFields[n - 1]!;
    for (const branch of ['Ya', 'Tidak'] as const) {
      if (!fields.has(branch === 'Ya' ? 'ya' : 'tidak')) {
        ctx.report({ code: 'SOP304', range: ctx.facts.stepNodes[n - 1]!.headRange, params: { branch } });
      }
    }
  },
};
