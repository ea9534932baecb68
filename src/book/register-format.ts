/**
 * The register printed four ways: an aligned text table for the terminal,
 * CSV for spreadsheets (RFC 4180 quoting, LF line ends, ISO dates), JSON for programs, and a
 * Markdown table for the agency's website. Pure.
 */
import type { Lang } from '../diagnostics/catalog.js';
import { describeCounts } from '../diagnostics/diagnostic.js';
import { visibleName } from '../util/text.js';
import { displayDate, STATUS_WORDS, type RegisterRow } from './register.js';

export const LIST_FORMATS = ['table', 'csv', 'json', 'markdown'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

const HEADERS: Readonly<Record<Lang, readonly string[]>> = {
  id: ['No', 'Nomor SOP', 'Nama SOP', 'Tanggal Pembuatan', 'Tanggal Revisi', 'Tanggal Efektif', 'Unit', 'Langkah', 'Pelaksana', 'Status', 'Catatan', 'Berkas'],
  en: ['No', 'SOP number', 'SOP name', 'Created', 'Revised', 'Effective', 'Unit', 'Steps', 'Lanes', 'Status', 'Notes', 'File'],
};

/** `2 galat, 1 peringatan, 1 info`, or empty (describeCounts: as `sop check` counts them). */
function notes(r: RegisterRow, lang: Lang): string {
  return describeCounts(r, lang);
}

/** `31-08-2023`: short enough for a terminal. */
const shortDate = (iso: string | null): string => (iso ? `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}` : '-');

function cells(r: RegisterRow, lang: Lang, date: (iso: string | null) => string): string[] {
  return [
    String(r.no),
    r.nomor || '-',
    r.nama || '-',
    date(r.pembuatan),
    date(r.revisi),
    date(r.efektif),
    r.unit || '-',
    String(r.steps),
    String(r.lanes),
    STATUS_WORDS[lang][r.status],
    notes(r, lang) || '-',
    r.file,
  ];
}

/** Display width: one column per code point (the register's text is Latin). */
const width = (s: string): number => [...s].length;

/**
 * The aligned table: a row a line, whatever the cells hold. Each cell is shown as visibleName shows a name (a line
 * feed or carriage return as ␊ ␍, controls and hidden characters visibly): a file named `b.sop⏎ 3  999-PALSU …`
 * printed a forged row of the register.
 */
function table(rows: readonly RegisterRow[], lang: Lang): string {
  const all = [HEADERS[lang], ...rows.map((r) => cells(r, lang, shortDate).map(visibleName))];
  const widths = HEADERS[lang].map((_, c) => all.reduce((w, row) => Math.max(w, width(row[c]!)), 0));
  const numeric = new Set([0, 7, 8]);
  const line = (row: readonly string[]): string =>
    row
      .map((cell, c) => (numeric.has(c) ? ' '.repeat(widths[c]! - width(cell)) + cell : cell + ' '.repeat(widths[c]! - width(cell))))
      .join('  ')
      .trimEnd();
  return [line(all[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

function csvCell(s: string): string {
  // Quote what needs it; a leading = + - @ is prefixed so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) && s !== '-' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csv(rows: readonly RegisterRow[], lang: Lang): string {
  const head = HEADERS[lang].map(csvCell).join(',');
  const body = rows.map((r) =>
    [String(r.no), r.nomor, r.nama, r.pembuatan ?? '', r.revisi ?? '', r.efektif ?? '', r.unit, String(r.steps), String(r.lanes), STATUS_WORDS[lang][r.status], notes(r, lang), r.file]
      .map(csvCell)
      .join(','),
  );
  return [head, ...body].join('\n');
}

function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/([*_`[\]<>])/g, '\\$1').replace(/\r?\n/g, ' ');
}

function markdown(rows: readonly RegisterRow[], lang: Lang): string {
  const head = HEADERS[lang];
  const align = head.map((_, c) => (c === 0 || c === 7 || c === 8 ? '--:' : '---'));
  const line = (row: readonly string[]): string => `| ${row.map(mdCell).join(' | ')} |`;
  return [line(head), `|${align.join('|')}|`, ...rows.map((r) => line(cells(r, lang, displayDate)))].join('\n');
}

/** The register in one of the list formats, without a trailing newline. */
export function formatRegister(rows: readonly RegisterRow[], format: ListFormat, lang: Lang): string {
  switch (format) {
    case 'json':
      return JSON.stringify(rows, null, 2);
    case 'csv':
      return csv(rows, lang);
    case 'markdown':
      return markdown(rows, lang);
    case 'table':
      return table(rows, lang);
  }
}
