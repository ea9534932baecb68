/**
 * `Waktu` values: `N unit` parts (`1 jam 30 menit`), ranges (`15-30 menit`),
 * or free text (`Relatif`, `Sesuai kebutuhan`).
 */
import { BLANK_CLASS } from '../util/text.js';

export const DURATION_UNITS = ['detik', 'menit', 'jam', 'hari', 'minggu', 'bulan'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** Minutes in one unit (a month counted as 30 days), for totals. */
const MINUTES: Readonly<Record<DurationUnit, number>> = {
  detik: 1 / 60,
  menit: 1,
  jam: 60,
  hari: 60 * 24,
  minggu: 60 * 24 * 7,
  bulan: 60 * 24 * 30,
};

export interface DurationPart {
  readonly min: number;
  readonly max: number;
  readonly unit: DurationUnit;
}

export type Duration =
  | { readonly kind: 'duration'; readonly text: string; readonly parts: readonly DurationPart[]; readonly minutes: { readonly min: number; readonly max: number } }
  | { readonly kind: 'free'; readonly text: string }
  /** A number without a unit: a warning. */
  | { readonly kind: 'bare'; readonly text: string }
  /** A number with a word that is no known unit (`5 mnt`): a warning. */
  | { readonly kind: 'unknown-unit'; readonly text: string; readonly unit: string };

const NUM = String.raw`\d+(?:[.,]\d+)?`;
// Blanks, not `\s`: `5<U+2028>Menit` is free text, not a duration read across a line separator.
const B = `[${BLANK_CLASS}]`;
const PART_RE = new RegExp(String.raw`(${NUM})(?:${B}*-${B}*(${NUM}))?${B}*(\p{L}+)`, 'uy');
const BARE_RE = new RegExp(String.raw`^${NUM}(?:${B}*-${B}*${NUM})?$`, 'u');
const ONE_UNKNOWN_RE = new RegExp(String.raw`^${NUM}(?:${B}*-${B}*${NUM})?${B}*(\p{L}+)\.?$`, 'u');

const num = (s: string): number => Number(s.replace(',', '.'));
const RANGE_RE = new RegExp(String.raw`(${NUM})(${B}*-${B}*)(${NUM})`, 'gu');

/** `text` with every range written backwards turned round, as written otherwise (`30-5 Menit` -> `5-30 Menit`). */
export function rangesTurned(text: string): string {
  return text.replace(RANGE_RE, (m, a: string, dash: string, b: string) => (num(a) > num(b) ? `${b}${dash}${a}` : m));
}

export function parseDuration(text: string): Duration {
  const t = text.trim();
  if (BARE_RE.test(t)) return { kind: 'bare', text: t };
  const parts: DurationPart[] = [];
  let i = 0;
  while (i < t.length) {
    while (t[i] === ' ' || t[i] === '\t') i++;
    if (i >= t.length) break;
    PART_RE.lastIndex = i;
    const m = PART_RE.exec(t);
    const unit = m?.[3]?.toLowerCase();
    if (!m || !unit || !(DURATION_UNITS as readonly string[]).includes(unit)) {
      parts.length = 0;
      break;
    }
    const min = num(m[1]!);
    const max = m[2] !== undefined ? num(m[2]) : min;
    parts.push({ min, max, unit: unit as DurationUnit });
    i = PART_RE.lastIndex;
  }
  if (parts.length > 0) {
    const minutes = parts.reduce(
      (acc, p) => ({ min: acc.min + p.min * MINUTES[p.unit], max: acc.max + p.max * MINUTES[p.unit] }),
      { min: 0, max: 0 },
    );
    return { kind: 'duration', text: t, parts, minutes };
  }
  const u = ONE_UNKNOWN_RE.exec(t);
  if (u) return { kind: 'unknown-unit', text: t, unit: u[1]! };
  return { kind: 'free', text: t };
}
