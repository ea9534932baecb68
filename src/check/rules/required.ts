import type { Range } from '../../ast/nodes.js';
import type { Rule } from '../rule.js';

const TOP: Range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

/**
 * `Nama SOP`, `Nomor SOP` and `Tanggal Pembuatan` should be filled (a warning:
 * some seeds lost their identity page); `Pelaksana` and `Prosedur` must exist.
 */
export const requiredSectionsRule: Rule = {
  name: 'required-sections',
  codes: ['SOP401', 'SOP402'],
  run(ctx) {
    const s = ctx.facts.sections;
    for (const [key, label] of [
      ['nama', 'Nama SOP'],
      ['nomor', 'Nomor SOP'],
      ['tanggalPembuatan', 'Tanggal Pembuatan'],
    ] as const) {
      const section = s.get(key);
      if (!section?.value) ctx.report({ code: 'SOP401', range: section?.label.range ?? TOP, params: { label, present: section ? 1 : 0 } });
    }
    const pelaksana = s.get('pelaksana');
    if (!pelaksana || pelaksana.lanes.length === 0) {
      ctx.report({ code: 'SOP402', range: pelaksana?.label.range ?? TOP, params: { label: 'Pelaksana' } });
    }
    if (!s.get('prosedur')) ctx.report({ code: 'SOP402', range: TOP, params: { label: 'Prosedur' } });
  },
};

/** A procedure with no steps is an error. */
export const noStepsRule: Rule = {
  name: 'no-steps',
  codes: ['SOP307'],
  run(ctx) {
    const prosedur = ctx.facts.sections.get('prosedur');
    if (prosedur && prosedur.steps.length === 0) ctx.report({ code: 'SOP307', range: prosedur.label.range });
  },
};
