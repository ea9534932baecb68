/** Output formats of `sop check`: pretty code frames, JSON, GitHub Actions commands. */
import { formatCodeFrame } from '../diagnostics/code-frame.js';
import type { Lang } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export type ReportFormat = 'pretty' | 'json' | 'github';
export const REPORT_FORMATS: readonly ReportFormat[] = ['pretty', 'json', 'github'];

export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Diagnostic['severity'];
  code: string;
  message: string;
  hint?: string;
  related?: { file: string; line: number; column: number; endLine: number; endColumn: number; message: string }[];
}

export function toJson(d: Diagnostic): JsonDiagnostic {
  return {
    file: d.file,
    line: d.range.start.line,
    column: d.range.start.column,
    endLine: d.range.end.line,
    endColumn: d.range.end.column,
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.hint ? { hint: d.hint } : {}),
    ...(d.related
      ? {
          related: d.related.map((r) => ({
            file: r.file ?? d.file,
            line: r.range.start.line,
            column: r.range.start.column,
            endLine: r.range.end.line,
            endColumn: r.range.end.column,
            message: r.message,
          })),
        }
      : {}),
  };
}

const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProp = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One GitHub Actions workflow command per diagnostic. */
export function toGithub(d: Diagnostic): string {
  const kind = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
  const props = [
    `file=${escapeProp(d.file)}`,
    `line=${d.range.start.line}`,
    `col=${d.range.start.column}`,
    `endLine=${d.range.end.line}`,
    `endColumn=${d.range.end.column}`,
    `title=${escapeProp(d.code)}`,
  ].join(',');
  return `::${kind} ${props}::${escapeData(d.message + (d.hint ? ` ${d.hint}` : ''))}`;
}

export function summary(diags: readonly Diagnostic[], fileCount: number, lang: Lang): string {
  const errors = diags.filter((d) => d.severity === 'error').length;
  const warnings = diags.filter((d) => d.severity === 'warning').length;
  if (lang === 'en') {
    if (errors + warnings === 0) return `${fileCount} file(s) checked, no problems.`;
    return `${errors} error(s), ${warnings} warning(s) in ${fileCount} file(s).`;
  }
  if (errors + warnings === 0) return `${fileCount} berkas diperiksa, tidak ada masalah.`;
  return `${errors} galat, ${warnings} peringatan dalam ${fileCount} berkas.`;
}

export function renderPretty(diags: readonly Diagnostic[], texts: ReadonlyMap<string, string>, color: boolean, lang: Lang): string {
  return diags.map((d) => formatCodeFrame(d, texts.get(d.file) ?? null, { color, lang })).join('\n');
}
