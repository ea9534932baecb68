/**
 * The register of a project's SOPs (what `sop list` prints and the book's
 * "Daftar SOP" page shows): one row per SOP with its number, name, dates,
 * size and status. Pure: built from checked files, never touches the disk.
 */
import { countSeverities, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDateId, type SopDate } from '../model/dates.js';
import type { SopModel } from '../model/model.js';
import { plainText } from '../util/inline.js';

/** `problems`: the file has errors; otherwise by its dates: `revised` over `effective` over `draft`. */
export type SopStatus = 'effective' | 'revised' | 'draft' | 'problems';

export interface RegisterRow {
  /** 1-based position in the register. */
  readonly no: number;
  readonly nomor: string;
  readonly nama: string;
  /** ISO dates (`YYYY-MM-DD`) or null. */
  readonly pembuatan: string | null;
  readonly revisi: string | null;
  readonly efektif: string | null;
  /** The last `Instansi` line: the unit that owns the SOP. */
  readonly unit: string;
  /** The file, as the user named it (relative to the working folder). */
  readonly file: string;
  readonly steps: number;
  readonly lanes: number;
  readonly status: SopStatus;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

/** What the register needs of one checked file. */
export interface RegisterInput {
  readonly file: string;
  readonly model: SopModel;
  readonly diagnostics: readonly Diagnostic[];
}

const iso = (d: SopDate | null): string | null => d?.iso ?? null;

/** Natural order (`1619.9` before `1619.10`), case-insensitive. */
const collator = new Intl.Collator('id', { numeric: true, sensitivity: 'base' });

/** The folder part of a path written with `/` or `\`. */
function folderOf(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i < 0 ? '' : file.slice(0, i);
}

/**
 * The book's order: by folder, then by Nomor SOP (SOPs without a number
 * last), then by name and file so that the order never depends on the disk.
 */
export function compareForBook(a: RegisterInput, b: RegisterInput): number {
  const fa = folderOf(a.file);
  const fb = folderOf(b.file);
  if (fa !== fb) return collator.compare(fa, fb) || (fa < fb ? -1 : 1);
  const na = a.model.number.trim();
  const nb = b.model.number.trim();
  if ((na === '') !== (nb === '')) return na === '' ? 1 : -1;
  return collator.compare(na, nb) || collator.compare(a.model.name, b.model.name) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
}

/** Orders the inputs for the book, or as `order` lists them (files named there first, in that order; the rest after, in book order). */
export function orderForBook<T extends RegisterInput>(inputs: readonly T[], order?: readonly string[], keyOf?: (x: T) => string): T[] {
  const sorted = [...inputs].sort(compareForBook);
  if (!order || order.length === 0) return sorted;
  const key = keyOf ?? ((x: T) => x.file);
  const rank = new Map<string, number>();
  order.forEach((o, i) => {
    if (!rank.has(o)) rank.set(o, i);
  });
  const listed = sorted.filter((x) => rank.has(key(x))).sort((a, b) => rank.get(key(a))! - rank.get(key(b))!);
  return [...listed, ...sorted.filter((x) => !rank.has(key(x)))];
}

export function statusOf(input: RegisterInput): SopStatus {
  if (input.diagnostics.some((d) => d.severity === 'error')) return 'problems';
  if (input.model.dates.revisi) return 'revised';
  if (input.model.dates.efektif) return 'effective';
  return 'draft';
}

/** The register rows, in the order given. */
export function registerRows(inputs: readonly RegisterInput[]): RegisterRow[] {
  return inputs.map((f, i) => ({
    no: i + 1,
    nomor: f.model.number.trim(),
    nama: plainText(f.model.name).trim(),
    pembuatan: iso(f.model.dates.pembuatan),
    revisi: iso(f.model.dates.revisi),
    efektif: iso(f.model.dates.efektif),
    unit: f.model.instansi.length > 0 ? f.model.instansi[f.model.instansi.length - 1]!.trim() : '',
    file: f.file,
    steps: f.model.steps.length,
    lanes: f.model.lanes.length,
    status: statusOf(f),
    ...countSeverities(f.diagnostics),
  }));
}

/** Status words as printed (Indonesian, or English with `--lang en`). */
export const STATUS_WORDS: Readonly<Record<'id' | 'en', Readonly<Record<SopStatus, string>>>> = {
  id: { effective: 'berlaku', revised: 'direvisi', draft: 'draf', problems: 'bermasalah' },
  en: { effective: 'effective', revised: 'revised', draft: 'draft', problems: 'problems' },
};

/** `31 Agustus 2023` from an ISO date, `-` for none. */
export function displayDate(isoDate: string | null): string {
  if (!isoDate) return '-';
  const [y, m, d] = isoDate.split('-').map(Number);
  return formatDateId({ year: y!, month: m!, day: d!, iso: isoDate });
}
