import { checkNip } from '../../model/nip.js';
import type { Rule } from '../rule.js';

/** The approver's NIP has the shape `YYYYMMDD YYYYMM G NNN`; another shape is a warning. */
export const nipRule: Rule = {
  name: 'nip',
  codes: ['SOP405'],
  run(ctx) {
    const field = ctx.facts.sections.get('disahkanOleh')?.fields.find((f) => f.label.canonical === 'NIP');
    const value = field?.value;
    if (!value) return;
    const r = checkNip(value.value);
    if (!r.ok) ctx.report({ code: 'SOP405', range: value.range, params: { text: value.value, reason: r.reason } });
  },
};
