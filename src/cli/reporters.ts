/** Output formats of `sop check`: pretty code frames, JSON, GitHub Actions commands. */
import { formatCodeFrame } from '../diagnostics/code-frame.js';
import type { Lang } from '../diagnostics/catalog.js';
import { countSeverities, describeCounts, worstSeverity, type Diagnostic } from '../diagnostics/diagnostic.js';
import { visible, visibleLine } from '../util/text.js';

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

// Control characters are made visible first: a workflow log is a terminal too.
const escapeData = (s: string): string => visible(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
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

/** The last line of `sop check`; files that could not be read are counted, never hidden behind "no problems". */
export function summary(diags: readonly Diagnostic[], fileCount: number, lang: Lang, unreadable = 0): string {
  // One count for every command (countSeverities): an info is counted, never hidden behind "no problems".
  const c = countSeverities(diags);
  if (lang === 'en') {
    const io = unreadable > 0 ? `; ${unreadable} path(s) could not be read` : '';
    if (worstSeverity(c) === null) return `${fileCount} file(s) checked${io || (fileCount === 0 ? ': no .sop file found' : ', no problems')}.`;
    return `${describeCounts(c, lang, true)} in ${fileCount} file(s)${io}.`;
  }
  const io = unreadable > 0 ? `; ${unreadable} jalur tidak dapat dibaca` : '';
  // Nothing checked is not "no problems": a mistyped folder in CI would pass unseen.
  if (worstSeverity(c) === null) return `${fileCount} berkas diperiksa${io || (fileCount === 0 ? ': tidak ada berkas .sop' : ', tidak ada masalah')}.`;
  return `${describeCounts(c, lang, true)} dalam ${fileCount} berkas${io}.`;
}

/** At most this many code frames per file; the rest are counted (all of them: `--format json`). */
export const MAX_FRAMES_PER_FILE = 100;

/** "29 950": digits grouped by thin spaces, the same in both languages. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/**
 * Code frames for the diagnostics (sorted by file); past `max` per file the
 * rest of that file is one line: "… dan 29 950 lainnya di x.sop".
 */
export function renderPretty(
  diags: readonly Diagnostic[],
  texts: ReadonlyMap<string, string>,
  color: boolean,
  lang: Lang,
  max: number = MAX_FRAMES_PER_FILE,
): string {
  const out: string[] = [];
  const shown = new Map<string, number>();
  const hidden = new Map<string, number>();
  for (const d of diags) {
    const n = shown.get(d.file) ?? 0;
    if (n >= max) {
      hidden.set(d.file, (hidden.get(d.file) ?? 0) + 1);
      continue;
    }
    shown.set(d.file, n + 1);
    out.push(formatCodeFrame(d, texts.get(d.file) ?? null, { color, lang }));
  }
  for (const [file, n] of hidden) {
    const name = visibleLine(file) || '<input>';
    out.push(
      lang === 'en'
        ? `… and ${groupDigits(n)} more in ${name} (all of them: --format json)\n`
        : `… dan ${groupDigits(n)} lainnya di ${name} (semuanya: --format json)\n`,
    );
  }
  return out.join('\n');
}
