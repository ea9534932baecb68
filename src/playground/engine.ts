/**
 * What the playground does on each edit, without the DOM: check the text and,
 * when it has no errors, render the same HTML document as `sop build` (the
 * library, bundled for the browser). Also used by the bench and the tests.
 */
import { checkText, type FileResult } from '../check/check.js';
import type { Lang } from '../diagnostics/catalog.js';
import { makeDiagnostic } from '../diagnostics/diagnostic.js';
import { LIMITS } from '../model/limits.js';
import { renderWith, type CompiledTemplates } from '../emit/html/render.js';

export interface PlaygroundUpdate {
  readonly result: FileResult;
  readonly errors: number;
  /** The document, or null while the text has errors (the page keeps its last good one). */
  readonly html: string | null;
}

/**
 * The check the page runs. Past LIMITS.text (SOP594) only the text up to just past the limit is
 * checked: nothing past it is laid out anyway, and a pasted 10 MB text would hold the page for
 * seconds on every edit and reload.
 */
export function checkForPlayground(text: string, lang: Lang): FileResult {
  if (text.length <= LIMITS.text) return checkText(text, { lang });
  const r = checkText(text.slice(0, LIMITS.text + 1), { lang });
  // The size in the message is the whole text's.
  const diagnostics = r.diagnostics.map((d) => (d.code === 'SOP594' ? makeDiagnostic({ code: 'SOP594', range: d.range, params: { chars: text.length, max: LIMITS.text / 1_000_000 } }, lang, d.file) : d));
  return { ...r, diagnostics };
}

export function compilePlayground(text: string, lang: Lang, templates: CompiledTemplates): PlaygroundUpdate {
  const result = checkForPlayground(text, lang);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) return { result, errors, html: null };
  return { result, errors, html: renderWith(templates, result.model, {}) };
}

/** A file name for the downloaded text: the SOP's name in lower case, words joined by `-`. */
export function downloadName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'sop'}.sop`;
}
