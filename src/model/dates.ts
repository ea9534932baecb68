/**
 * Dates as drafters write them (language.md, "Dates"): ISO, day-first
 * numeric forms, Indonesian and English month names or abbreviations, and the
 * spreadsheet form `31-Aug-23` seen in the seeds.
 */
import { BLANK_CLASS } from '../util/text.js';

export interface SopDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** `YYYY-MM-DD` */
  readonly iso: string;
}

export type DateParse =
  | { readonly kind: 'empty' }
  | { readonly kind: 'date'; readonly date: SopDate }
  | { readonly kind: 'invalid'; readonly reason: 'date-format' | 'date-month' | 'date-day' };

export const MONTHS_ID = [
  'Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni',
  'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember',
] as const;

const MONTH_NAMES: ReadonlyMap<string, number> = new Map(
  (
    [
      ['januari', 1], ['jan', 1], ['january', 1],
      ['februari', 2], ['feb', 2], ['pebruari', 2], ['peb', 2], ['february', 2],
      ['maret', 3], ['mar', 3], ['march', 3],
      ['april', 4], ['apr', 4],
      ['mei', 5], ['may', 5],
      ['juni', 6], ['jun', 6], ['june', 6],
      ['juli', 7], ['jul', 7], ['july', 7],
      ['agustus', 8], ['agt', 8], ['agu', 8], ['ags', 8], ['aug', 8], ['august', 8],
      ['september', 9], ['sep', 9], ['sept', 9],
      ['oktober', 10], ['okt', 10], ['oct', 10], ['october', 10],
      ['november', 11], ['nov', 11], ['nop', 11], ['nopember', 11],
      ['desember', 12], ['des', 12], ['dec', 12], ['december', 12],
    ] as const
  ).map(([k, v]) => [k, v]),
);

const ISO_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const NUMERIC_RE = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/;
// Blanks, but not U+2028/U+2029: a separator inside a date is reported, never taken as a space.
const NAMED_RE = new RegExp(String.raw`^(\d{1,2})[-/.${BLANK_CLASS}]+(\p{L}+)\.?[-/.,${BLANK_CLASS}]+(\d{2}|\d{4})$`, 'u');

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? 2000 + n : n;
}

function make(year: number, month: number, day: number): DateParse {
  if (month < 1 || month > 12) return { kind: 'invalid', reason: 'date-month' };
  if (day < 1 || day > daysIn(year, month)) return { kind: 'invalid', reason: 'date-day' };
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { kind: 'date', date: { year, month, day, iso } };
}

/** Parses a date value; empty and `-` mean none. */
export function parseDate(text: string): DateParse {
  const t = text.trim();
  if (t === '' || t === '-') return { kind: 'empty' };
  let m = ISO_RE.exec(t);
  if (m) return make(Number(m[1]), Number(m[2]), Number(m[3]));
  m = NUMERIC_RE.exec(t);
  if (m) return make(fullYear(m[3]!), Number(m[2]), Number(m[1]));
  m = NAMED_RE.exec(t);
  if (m) {
    const month = MONTH_NAMES.get(m[2]!.toLowerCase());
    if (month === undefined) return { kind: 'invalid', reason: 'date-month' };
    return make(fullYear(m[3]!), month, Number(m[1]));
  }
  return { kind: 'invalid', reason: 'date-format' };
}

/** `31 Agustus 2023` */
export function formatDateId(d: SopDate): string {
  return `${d.day} ${MONTHS_ID[d.month - 1]} ${d.year}`;
}

export function compareDates(a: SopDate, b: SopDate): number {
  return a.iso < b.iso ? -1 : a.iso > b.iso ? 1 : 0;
}
