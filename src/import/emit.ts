/**
 * A draft as `.sop` text: written line by line, every guess as a `#` comment
 * above the line it produced, then printed by the project's formatter so the
 * draft is canonical. The guesses become diagnostics at those lines.
 */
import type { Range } from '../ast/nodes.js';
import type { DiagnosticInput } from '../diagnostics/diagnostic.js';
import { formatSop } from '../format/format.js';
import { parseDuration } from '../model/duration.js';
import { dropControls } from './clean.js';
import type { Draft, DraftTarget, Guess, ListKey } from './draft.js';

const LIST_ORDER: readonly [ListKey, string][] = [
  ['dasarHukum', 'Dasar Hukum'],
  ['kualifikasi', 'Kualifikasi Pelaksana'],
  ['keterkaitan', 'Keterkaitan'],
  ['peralatan', 'Peralatan/Perlengkapan'],
  ['peringatan', 'Peringatan'],
  ['pencatatan', 'Pencatatan dan Pendataan'],
];

export interface EmitResult {
  /** The formatted `.sop` text. */
  readonly text: string;
  /** One diagnostic per guess, at the line it produced. */
  readonly guesses: readonly DiagnosticInput[];
}

/** A value on one line: blanks folded, no line breaks, no control, direction or invisible character (a sheet's name in the header comment is not a cell). */
const one = (s: string | undefined): string => dropControls(s ?? '').replace(/\s+/g, ' ').trim();

/** `Waktu` written the canonical way (`5 Menit`); a unit abbreviation spelt out. */
export function normaliseWaktu(w: string): { text: string; guess: Guess | null } {
  const t = one(w);
  if (t === '') return { text: '', guess: null };
  const d = parseDuration(t);
  const unitName = (u: string): string => u[0]!.toUpperCase() + u.slice(1);
  if (d.kind === 'duration') {
    const parts = d.parts.map((p) => `${fmtNum(p.min)}${p.max !== p.min ? `-${fmtNum(p.max)}` : ''} ${unitName(p.unit)}`);
    return { text: parts.join(' '), guess: null };
  }
  const ABBR: Record<string, string> = { mnt: 'Menit', mn: 'Menit', min: 'Menit', menit: 'Menit', m: 'Menit', jm: 'Jam', j: 'Jam', hr: 'Hari', h: 'Hari', hri: 'Hari', dtk: 'Detik', det: 'Detik', mgg: 'Minggu', mg: 'Minggu', bln: 'Bulan', bl: 'Bulan' };
  const m = /^(\d+(?:[.,]\d+)?(?:\s*-\s*\d+(?:[.,]\d+)?)?)\s*([a-zA-Z]+)\.?$/.exec(t);
  if (m && ABBR[m[2]!.toLowerCase()]) {
    const text = `${m[1]!.replace(/\s/g, '')} ${ABBR[m[2]!.toLowerCase()]}`;
    return { text, guess: { code: 'SOP709', params: { text: t, value: text }, note: `SOP709: waktu "${t}" ditulis "${text}".` } };
  }
  if (d.kind === 'bare') {
    const text = `${t.replace(/\s/g, '')} Menit`;
    return { text, guess: { code: 'SOP709', params: { text: t, value: text }, note: `SOP709: waktu "${t}" tanpa satuan; ditebak menit.` } };
  }
  return { text: t, guess: null };
}

const fmtNum = (n: number): string => String(n).replace('.', ',');

/** Writes a draft; `source` names the input in the header comment (a file's base name). */
export function emitDraft(d: Draft, source: string): EmitResult {
  const lines: string[] = [];
  const marks: { line: number; guess: Guess }[] = [];
  const guessed = (gs: readonly Guess[] | undefined, indent: string): void => {
    for (const g of gs ?? []) {
      marks.push({ line: lines.length, guess: g });
      lines.push(`${indent}# ${one(g.note)}`);
    }
  };
  const safeSource = one(source).replace(/[^\p{L}\p{N} ._()[\]-]/gu, '_').slice(0, 120);
  lines.push(`# Diimpor oleh \`sop import\` dari ${safeSource}${d.origin ? `, tabel di ${one(d.origin)}` : ''}.`);
  lines.push('# Komentar SOP7xx menandai tebakan: periksa baris di bawahnya, lalu hapus komentarnya.');
  const scalar = (key: keyof Draft['scalars'], label: string, indent = ''): void => {
    guessed(d.fieldGuesses[key], indent);
    const v = one(d.scalars[key]);
    lines.push(v ? `${indent}${label}: ${v}` : `${indent}${label}:`);
  };
  scalar('nama', 'Nama SOP');
  scalar('nomor', 'Nomor SOP');
  if (d.lists.instansi && d.lists.instansi.length > 0) {
    guessed(d.fieldGuesses.instansi, '');
    lines.push('Instansi:');
    for (const it of d.lists.instansi) lines.push(`  - ${one(it)}`);
  }
  scalar('tanggalPembuatan', 'Tanggal Pembuatan');
  scalar('tanggalRevisi', 'Tanggal Revisi');
  scalar('tanggalEfektif', 'Tanggal Efektif');
  scalar('disahkanOleh', 'Disahkan oleh');
  if (d.scalars.approverNama) scalar('approverNama', 'Nama', '  ');
  if (d.scalars.approverNip) scalar('approverNip', 'NIP', '  ');
  lines.push('');
  for (const [key, label] of LIST_ORDER) {
    const items = d.lists[key];
    if (items === undefined) continue;
    guessed(d.fieldGuesses[key], '');
    lines.push(`${label}:`);
    for (const it of items) if (one(it)) lines.push(`  - ${one(it)}`);
  }
  lines.push('');
  guessed(d.fieldGuesses.pelaksana, '');
  lines.push('Pelaksana:');
  for (const l of d.lanes) {
    guessed(l.guesses, '  ');
    lines.push(`  - ${l.id}: ${one(l.title)}`);
  }
  lines.push('', 'Prosedur:');
  const target = (t: DraftTarget): string => (t === 'selesai' ? 'selesai' : `@${d.steps[t]?.label ?? 'selesai'}`);
  d.steps.forEach((s, i) => {
    if (i > 0) lines.push('');
    const w = normaliseWaktu(s.waktu);
    guessed(s.guesses, '  ');
    const text = one(s.text) || '(kegiatan tidak terbaca)';
    lines.push(`  ${s.label ? `@${s.label} ` : ''}[${s.lanes.join(', ')}] ${text}`);
    if (one(s.kelengkapan)) lines.push(`    Kelengkapan: ${one(s.kelengkapan)}`);
    if (w.text) {
      guessed(w.guess ? [w.guess] : [], '    ');
      lines.push(`    Waktu: ${w.text}`);
    }
    if (one(s.output)) lines.push(`    Output: ${one(s.output)}`);
    if (one(s.keterangan)) lines.push(`    Keterangan: ${one(s.keterangan)}`);
    if (s.ya !== null) lines.push(`    Ya: ${target(s.ya)}`);
    if (s.tidak !== null) lines.push(`    Tidak: ${target(s.tidak)}`);
    if (s.lanjut !== null) lines.push(`    Lanjut: ${target(s.lanjut)}`);
  });
  const raw = `${lines.join('\n')}\n`;
  const f = formatSop(raw);
  const text = f.text ?? raw;
  return { text, guesses: locate(text, marks.map((m) => m.guess)) };
}

/**
 * The diagnostics of the guesses, found in the formatted text: each guess's
 * comment, in order, and the line below the comment block it stands in.
 */
function locate(text: string, guesses: readonly Guess[]): DiagnosticInput[] {
  const lines = text.split('\n');
  const offsets: number[] = [];
  let off = 0;
  for (const l of lines) {
    offsets.push(off);
    off += l.length + 1;
  }
  const out: DiagnosticInput[] = [];
  let from = 0;
  for (const g of guesses) {
    const want = `# ${one(g.note)}`;
    let k = from;
    while (k < lines.length && lines[k]!.trim() !== want) k++;
    if (k >= lines.length) continue;
    from = k + 1;
    let t = k;
    while (t < lines.length && (lines[t]!.trim().startsWith('#') || lines[t]!.trim() === '')) t++;
    if (t >= lines.length) continue;
    const line = lines[t]!;
    const indent = line.length - line.trimStart().length;
    const range: Range = {
      start: { line: t + 1, column: indent + 1, offset: offsets[t]! + indent },
      end: { line: t + 1, column: line.length + 1, offset: offsets[t]! + line.length },
    };
    out.push({ code: g.code, range, params: g.params });
  }
  return out;
}
