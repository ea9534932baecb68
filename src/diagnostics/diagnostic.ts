/**
 * Diagnostics: what the compiler says about a file. Collected, never thrown.
 */
import type { Range } from '../ast/nodes.js';
import { CATALOG, type CatalogEntry, type DiagnosticCode, type Lang, type Params } from './catalog.js';

export type Severity = 'error' | 'warning' | 'info';

export interface RelatedLocation {
  readonly file?: string;
  readonly range: Range;
  readonly message: string;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** The file the diagnostic is about; set by the project layer (empty for a lone text). */
  readonly file: string;
  readonly range: Range;
  readonly message: string;
  readonly hint?: string;
  readonly related?: readonly RelatedLocation[];
  /** Machine-readable replacement suggestions ("did you mean"), used by code actions. */
  readonly suggestions?: readonly string[];
  /** The parameters the message was made from, so it can be re-rendered in another language. */
  readonly params: Params;
}

export interface DiagnosticInput {
  readonly code: DiagnosticCode;
  readonly range: Range;
  readonly params?: Params;
  readonly related?: readonly { range: Range; code: 'first' | 'declared' | 'loop'; file?: string }[];
  readonly suggestions?: readonly string[];
}

/** Builds a diagnostic from the catalogue, in the given language. */
export function makeDiagnostic(input: DiagnosticInput, lang: Lang = 'id', file = ''): Diagnostic {
  const entry: CatalogEntry = CATALOG[input.code];
  const params = input.params ?? {};
  const hint = entry.hint ? entry.hint[lang](params) : undefined;
  const related = input.related?.map((r) => ({
    ...(r.file !== undefined ? { file: r.file } : {}),
    range: r.range,
    message: relatedMessage(r.code, lang),
  }));
  return {
    code: input.code,
    severity: entry.severity,
    file,
    range: input.range,
    message: entry.message[lang](params),
    ...(hint ? { hint } : {}),
    ...(related && related.length > 0 ? { related } : {}),
    ...(input.suggestions && input.suggestions.length > 0 ? { suggestions: input.suggestions } : {}),
    params,
  };
}

/** Re-renders a diagnostic's message and hint in another language. */
export function translate(d: Diagnostic, lang: Lang): Diagnostic {
  const entry: CatalogEntry = CATALOG[d.code];
  const hint = entry.hint ? entry.hint[lang](d.params) : undefined;
  const related = d.related?.map((r) => ({ ...r, message: translateRelated(r.message, lang) }));
  const { hint: _old, ...rest } = d;
  return { ...rest, message: entry.message[lang](d.params), ...(hint ? { hint } : {}), ...(related ? { related } : {}) };
}

const RELATED = {
  first: { id: 'pertama kali di sini', en: 'first defined here' },
  declared: { id: 'dideklarasikan di sini', en: 'declared here' },
  loop: { id: 'bagian dari putaran ini', en: 'part of this loop' },
} as const;

function relatedMessage(code: keyof typeof RELATED, lang: Lang): string {
  return RELATED[code][lang];
}

function translateRelated(message: string, lang: Lang): string {
  for (const v of Object.values(RELATED)) if (v.id === message || v.en === message) return v[lang];
  return message;
}

/** Source order: line, column, then code, so output is stable. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

/** How many findings of each severity: the one count that check, list, preview and build print. */
export interface SeverityCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

export function countSeverities(diags: readonly { readonly severity: Severity }[]): SeverityCounts {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diags) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

/** The worst severity found, or null when there is nothing. */
export function worstSeverity(c: SeverityCounts): Severity | null {
  return c.errors > 0 ? 'error' : c.warnings > 0 ? 'warning' : c.infos > 0 ? 'info' : null;
}

/**
 * `2 galat, 1 peringatan, 3 info` (`2 error(s), 1 warning(s), 3 info`): the counts that are not
 * zero, or all three words when `always` (then `0 galat, 0 peringatan`; info only when there is one).
 */
export function describeCounts(c: SeverityCounts, lang: Lang, always = false): string {
  const en = lang === 'en';
  return [
    always || c.errors > 0 ? (en ? `${c.errors} error(s)` : `${c.errors} galat`) : '',
    always || c.warnings > 0 ? (en ? `${c.warnings} warning(s)` : `${c.warnings} peringatan`) : '',
    c.infos > 0 ? `${c.infos} info` : '',
  ]
    .filter(Boolean)
    .join(', ');
}
