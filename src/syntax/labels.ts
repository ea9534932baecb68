/**
 * The label tables of the language (language.md, tables 1 to 3): canonical
 * spellings, accepted aliases, and where each label is valid.
 */
import type { SectionKey } from '../ast/nodes.js';
import { BLANK_RUN_RE } from '../util/text.js';

export type LabelPlace = 'document' | 'approver' | 'step';

export type StepFieldKey = 'kelengkapan' | 'waktu' | 'output' | 'keterangan' | 'ya' | 'tidak' | 'lanjut';
export type ApproverFieldKey = 'nama' | 'nip';

export interface LabelInfo {
  readonly canonical: string;
  readonly place: LabelPlace;
  readonly key: string;
  readonly aliases: readonly string[];
  /** For document fields: the value is a list. */
  readonly list?: boolean;
}

/** Document fields in the order of the printed form (and of the canonical format). */
export const DOCUMENT_LABELS: readonly (LabelInfo & { key: SectionKey })[] = [
  { canonical: 'Nama SOP', place: 'document', key: 'nama', aliases: ['Judul SOP'] },
  { canonical: 'Nomor SOP', place: 'document', key: 'nomor', aliases: ['Nomor'] },
  { canonical: 'Instansi', place: 'document', key: 'instansi', aliases: ['Unit'], list: true },
  { canonical: 'Logo', place: 'document', key: 'logo', aliases: [] },
  { canonical: 'Tanggal Pembuatan', place: 'document', key: 'tanggalPembuatan', aliases: [] },
  { canonical: 'Tanggal Revisi', place: 'document', key: 'tanggalRevisi', aliases: [] },
  { canonical: 'Tanggal Efektif', place: 'document', key: 'tanggalEfektif', aliases: [] },
  { canonical: 'Disahkan oleh', place: 'document', key: 'disahkanOleh', aliases: [] },
  { canonical: 'Dasar Hukum', place: 'document', key: 'dasarHukum', aliases: [], list: true },
  { canonical: 'Kualifikasi Pelaksana', place: 'document', key: 'kualifikasi', aliases: [], list: true },
  { canonical: 'Keterkaitan', place: 'document', key: 'keterkaitan', aliases: [], list: true },
  {
    canonical: 'Peralatan/Perlengkapan',
    place: 'document',
    key: 'peralatan',
    aliases: ['Peralatan', 'Perlengkapan'],
    list: true,
  },
  { canonical: 'Peringatan', place: 'document', key: 'peringatan', aliases: [], list: true },
  {
    canonical: 'Pencatatan dan Pendataan',
    place: 'document',
    key: 'pencatatan',
    aliases: ['Pencatatan'],
    list: true,
  },
  { canonical: 'Pelaksana', place: 'document', key: 'pelaksana', aliases: [], list: true },
  { canonical: 'Prosedur', place: 'document', key: 'prosedur', aliases: ['Kegiatan', 'Aktivitas', 'Langkah'] },
];

export const APPROVER_LABELS: readonly (LabelInfo & { key: ApproverFieldKey })[] = [
  { canonical: 'Nama', place: 'approver', key: 'nama', aliases: [] },
  { canonical: 'NIP', place: 'approver', key: 'nip', aliases: [] },
];

/** Step fields in canonical order. */
export const STEP_LABELS: readonly (LabelInfo & { key: StepFieldKey })[] = [
  { canonical: 'Kelengkapan', place: 'step', key: 'kelengkapan', aliases: ['Persyaratan'] },
  { canonical: 'Waktu', place: 'step', key: 'waktu', aliases: [] },
  { canonical: 'Output', place: 'step', key: 'output', aliases: [] },
  { canonical: 'Keterangan', place: 'step', key: 'keterangan', aliases: ['Ket'] },
  { canonical: 'Ya', place: 'step', key: 'ya', aliases: [] },
  { canonical: 'Tidak', place: 'step', key: 'tidak', aliases: [] },
  { canonical: 'Lanjut', place: 'step', key: 'lanjut', aliases: [] },
];

export const ALL_LABELS: readonly LabelInfo[] = [...DOCUMENT_LABELS, ...APPROVER_LABELS, ...STEP_LABELS];

/** Case-insensitive, white space folded: the key labels are compared by. */
export function normalizeLabel(text: string): string {
  // Blanks only: a label split by U+2028/U+2029 is unknown (reported), not read as a space.
  return text.trim().replace(BLANK_RUN_RE, ' ').toLowerCase();
}

const byName = new Map<string, LabelInfo[]>();
for (const info of ALL_LABELS) {
  for (const name of [info.canonical, ...info.aliases]) {
    const key = normalizeLabel(name);
    const list = byName.get(key) ?? [];
    list.push(info);
    byName.set(key, list);
  }
}

const NONE: readonly LabelInfo[] = [];
/** Labels as written repeat a lot (every step has `Waktu:`): their lookups are cached. */
const lookupCache = new Map<string, readonly LabelInfo[]>();

/** Every meaning a written label can have (a word may be valid in several places). */
export function lookupLabel(text: string): readonly LabelInfo[] {
  let hit = lookupCache.get(text);
  if (hit === undefined) {
    hit = byName.get(normalizeLabel(text)) ?? NONE;
    if (lookupCache.size > 10_000) lookupCache.clear();
    lookupCache.set(text, hit);
  }
  return hit;
}

/** Every spelling known, for suggestions. */
export const ALL_LABEL_SPELLINGS: readonly { spelling: string; info: LabelInfo }[] = ALL_LABELS.flatMap((info) =>
  [info.canonical, ...info.aliases].map((spelling) => ({ spelling, info })),
);

export function placeName(place: LabelPlace): string {
  switch (place) {
    case 'document':
      return 'dokumen';
    case 'approver':
      return 'Disahkan oleh';
    case 'step':
      return 'langkah';
  }
}
