import { DURATION_UNITS, parseDuration, rangesTurned } from '../../model/duration.js';
import { suggest } from '../../util/suggest.js';
import type { Rule } from '../rule.js';

/** Abbreviations drafters use, for the "did you mean". */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  dtk: 'detik', det: 'detik', mnt: 'menit', men: 'menit', mins: 'menit', min: 'menit', j: 'jam', hr: 'hari', hri: 'hari',
  mgg: 'minggu', bln: 'bulan',
};

/**
 * `Waktu` has a unit: a bare number, or a number with an unknown unit, is a warning. So is a range written backwards
 * (`30-5 menit`: the total would run from 30 to 5) and a step that takes no time at all (`0 menit`).
 */
export const durationRule: Rule = {
  name: 'duration',
  codes: ['SOP406', 'SOP407', 'SOP409', 'SOP410'],
  run(ctx) {
    for (const fields of ctx.facts.stepFields) {
      const value = fields.get('waktu')?.value;
      if (!value) continue;
      const d = parseDuration(value.value);
      if (d.kind === 'bare') ctx.report({ code: 'SOP406', range: value.range, params: { text: value.value } });
      if (d.kind === 'unknown-unit') {
        const s = ABBREVIATIONS[d.unit.toLowerCase()] ?? suggest(d.unit, DURATION_UNITS);
        ctx.report({ code: 'SOP407', range: value.range, params: { unit: d.unit, suggestion: s ?? '' } });
      }
      if (d.kind !== 'duration') continue;
      const backwards = d.parts.find((p) => p.min > p.max);
      if (backwards) {
        const show = (n: number): string => String(n).replace('.', ',');
        // The drafter's own text with each backward range turned round (units and spacing as written).
        const fixed = rangesTurned(value.value.trim());
        ctx.report({ code: 'SOP409', range: value.range, params: { text: value.value, from: show(backwards.min), to: show(backwards.max), fixed } });
      } else if (d.minutes.max === 0) ctx.report({ code: 'SOP410', range: value.range, params: { text: value.value } });
    }
  },
};
