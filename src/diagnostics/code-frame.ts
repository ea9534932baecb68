/**
 * esbuild-style rendering of a diagnostic:
 *
 *   ✘ [GALAT] Label `Nmaa SOP` tidak dikenal. [SOP102]
 *
 *       sops/contoh.sop:3:1:
 *         3 │ Nmaa SOP: Penanganan
 *           ╵ ~~~~~~~~
 *
 *     Mungkin maksud Anda `Nama SOP`?
 */
import type { Lang } from './catalog.js';
import type { Diagnostic } from './diagnostic.js';
import { visible, visibleLine } from '../util/text.js';

export interface FrameOptions {
  readonly color?: boolean;
  readonly lang?: Lang;
}

const MAX_WIDTH = 100;

const HEAD: Record<Diagnostic['severity'], { mark: string; id: string; en: string; color: string }> = {
  error: { mark: '✘', id: 'GALAT', en: 'ERROR', color: '31' },
  warning: { mark: '▲', id: 'PERINGATAN', en: 'WARNING', color: '33' },
  info: { mark: 'ℹ', id: 'INFO', en: 'INFO', color: '36' },
};

function paint(on: boolean, code: string, s: string): string {
  return on ? `\u001b[${code}m${s}\u001b[0m` : s;
}

/** Where each line of a text starts; the last few texts are kept, so a file's lines are indexed once. */
const LINE_STARTS = new Map<string, number[]>();
const LINE_STARTS_KEPT = 2;

function lineStarts(text: string): number[] {
  const hit = LINE_STARTS.get(text);
  if (hit) return hit;
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  if (LINE_STARTS.size >= LINE_STARTS_KEPT) LINE_STARTS.delete(LINE_STARTS.keys().next().value!);
  LINE_STARTS.set(text, starts);
  return starts;
}

/** The text of line `n` (1-based) of `text` (line ends LF, CRLF or CR); '' past the end. */
export function lineAt(text: string, n: number): string {
  const starts = lineStarts(text);
  const start = starts[n - 1];
  if (start === undefined || n < 1) return '';
  const next = starts[n];
  if (next === undefined) return text.slice(start);
  const crlf = text.charCodeAt(next - 1) === 10 && text.charCodeAt(next - 2) === 13;
  return text.slice(start, next - (crlf ? 2 : 1));
}

/** Renders one diagnostic with its source line; `text` is the file's text (without BOM). */
export function formatCodeFrame(d: Diagnostic, text: string | null, options: FrameOptions = {}): string {
  const color = options.color ?? false;
  const lang = options.lang ?? 'id';
  const head = HEAD[d.severity];
  const out: string[] = [];
  out.push(
    `${paint(color, head.color, `${head.mark} [${head[lang]}]`)} ${paint(color, '1', visibleLine(d.message))} ${paint(color, '2', `[${d.code}]`)}`,
    '',
  );
  for (const l of frame(d.file, d.range.start.line, d.range.start.column, d.range.end, text, color, head.color)) out.push(l);
  for (const r of d.related ?? []) {
    out.push('', `  ${r.message}:`);
    const other = r.file && r.file !== d.file ? null : text;
    for (const l of frame(r.file ?? d.file, r.range.start.line, r.range.start.column, r.range.end, other, color, '36')) out.push(l);
  }
  if (d.hint) out.push('', `  ${visible(d.hint)}`);
  out.push('');
  return out.join('\n');
}

function frame(
  file: string,
  line: number,
  column: number,
  end: { line: number; column: number },
  text: string | null,
  color: boolean,
  markColor: string,
): string[] {
  const where = `    ${visibleLine(file) || '<input>'}:${line}:${column}:`;
  if (text === null) return [where];
  let src = visible(lineAt(text, line).replace(/\t/g, ' '));
  let startCol = column - 1;
  let endCol = end.line === line ? Math.max(end.column - 1, startCol + 1) : Math.max(src.length, startCol + 1);
  // Long lines: show a window around the range.
  let prefix = '';
  if (src.length > MAX_WIDTH) {
    const from = Math.max(0, Math.min(startCol - 20, src.length - MAX_WIDTH));
    src = src.slice(from, from + MAX_WIDTH);
    if (from > 0) {
      prefix = '…';
      startCol -= from;
      endCol -= from;
    }
    src += '…';
    endCol = Math.min(endCol, MAX_WIDTH);
  }
  const gutter = String(line);
  const pad = ' '.repeat(gutter.length);
  const width = Math.max(1, endCol - startCol);
  const marks = width === 1 ? '^' : '~'.repeat(width);
  return [
    where,
    `      ${gutter} │ ${prefix}${src}`,
    `      ${pad} ╵ ${' '.repeat(prefix.length + Math.max(0, startCol))}${paint(color, markColor, marks)}`,
  ];
}
