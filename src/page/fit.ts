/**
 * The page-fit check as a diagnostic (SOP596): a SOP whose caption, table header and tallest row do not fit one
 * page (build.ts pageOverflow). `sop build` and `sop book` refuse such a SOP with it, `sop check` reports it; the language server and
 * `sop preview` show it as they show the other errors, so that a drafter sees it before a build fails.
 */
import type { Range } from '../ast/nodes.js';
import type { Lang } from '../diagnostics/catalog.js';
import { makeDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SopConfig } from '../model/config.js';
import type { SopModel } from '../model/model.js';
import { pageOverflow, type PageOverflow } from './build.js';

const AT_START: Range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

/**
 * SOP596 for a checked SOP whose header and tallest row do not fit the page, else null. Only for a SOP without
 * errors (its model is what would be laid out): the caller asks after the check.
 */
export function overflowDiagnostic(f: { readonly file: string; readonly text: string; readonly model: SopModel }, config: SopConfig, lang: Lang): Diagnostic | null {
  const o = pageOverflow(f.model, config);
  if (!o) return null;
  return makeDiagnostic({ code: 'SOP596', range: overflowRange(f, o), params: { header: o.headerMm, row: o.rowMm, page: o.pageMm, step: o.step } }, lang, f.file);
}

/**
 * Where the fix belongs: the larger of the two parts is the one out of proportion, and shortening it gains the
 * most. A header at least as tall as the tallest row (it is repeated on every page): the lane whose title takes
 * the most lines; else the tallest step's first line. A file whose part has no place in it (lanes that are not
 * declared) gets the other part's place, else its first line.
 */
export function overflowRange(f: { readonly text: string; readonly model: SopModel }, o: PageOverflow): Range {
  const lane = o.lane >= 0 ? (f.model.lanes[o.lane]?.range ?? null) : null;
  const step = o.step > 0 ? (f.model.steps[o.step - 1]?.range ?? null) : null;
  const first = o.headerMm >= o.rowMm ? (lane ?? step) : (step ?? lane);
  if (!first) return AT_START;
  return first === step ? headLine(f.text, first) : first;
}

/** The first line of a multi-line range (a step with its fields): where a drafter reads the step. */
function headLine(text: string, r: Range): Range {
  if (r.start.line === r.end.line) return r;
  let end = text.indexOf('\n', r.start.offset);
  if (end < 0 || end > r.end.offset) end = r.end.offset;
  if (end > r.start.offset && text[end - 1] === '\r') end--;
  return { start: r.start, end: { line: r.start.line, column: r.start.column + (end - r.start.offset), offset: end } };
}
