import { DURATION_UNITS, parseDuration } from '../../model/duration.js';
import { suggest } from '../../util/suggest.js';
import type { Rule } from '../rule.js';

/** Abbreviations drafters use, for the "did you mean". */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  dtk: 'detik', det: 'detik', mnt: 'menit', men: 'menit', mins: 'menit', min: 'menit', j: 'jam', hr: 'hari', hri: 'hari',
  mgg: 'minggu', bln: 'bulan',
};

/** `Waktu` has a unit: a bare number, or a number with an unknown unit, is a warning. */
export const durationRule: Rule = {
  name: 'duration',
  codes: ['SOP406', 'SOP407'],
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
    }
  },
};
