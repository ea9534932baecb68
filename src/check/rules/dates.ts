import { compareDates, formatDateId, parseDate, type SopDate } from '../../model/dates.js';
import type { Rule } from '../rule.js';

/** A date is a real date in an accepted form; revision and effective dates do not precede creation. */
export const datesRule: Rule = {
  name: 'dates',
  codes: ['SOP403', 'SOP404'],
  run(ctx) {
    const parsed = new Map<string, SopDate>();
    for (const key of ['tanggalPembuatan', 'tanggalRevisi', 'tanggalEfektif'] as const) {
      const value = ctx.facts.sections.get(key)?.value;
      if (!value) continue;
      const p = parseDate(value.value);
      if (p.kind === 'invalid') ctx.report({ code: 'SOP403', range: value.range, params: { text: value.value, reason: p.reason } });
      else if (p.kind === 'date') parsed.set(key, p.date);
    }
    const created = parsed.get('tanggalPembuatan');
    if (!created) return;
    for (const [key, label] of [
      ['tanggalRevisi', 'Tanggal Revisi'],
      ['tanggalEfektif', 'Tanggal Efektif'],
    ] as const) {
      const d = parsed.get(key);
      if (d && compareDates(d, created) < 0) {
        ctx.report({
          code: 'SOP404',
          range: ctx.facts.sections.get(key)!.value!.range,
          params: { label, date: formatDateId(d), created: formatDateId(created) },
        });
      }
    }
  },
};
