/**
 * The canonical printer: a printer over the AST (after Prettier), never a
 * rewrite of lines. Canonical form: labels in their canonical spelling,
 * sections in the order of the printed form, 2-space indentation, one blank
 * line between groups of sections and between steps, lists always as `- `
 * items, no trailing blanks, LF line ends, a final newline. Comments stay
 * with the line below them. Text values are printed as parsed (trimmed),
 * never changed. Refuses a file with syntax errors: it returns null.
 *
 * Nothing that is not white space is ever dropped: a file whose AST lost
 * text (a lane with no title, SOP207) is refused, and as a last guard every
 * word of the source outside labels (values, lane names, step labels,
 * comments) must appear in the output as often as in the source, else the
 * file is refused with SOP116 at the word that would be lost.
 */
import type { CommentNode, DocumentNode, FieldNode, SectionKey, SectionNode, StepNode } from '../ast/nodes.js';
import type { DiagnosticInput } from '../diagnostics/diagnostic.js';
import { DOCUMENT_LABELS, STEP_LABELS, lookupLabel } from '../syntax/labels.js';
import { parseSop } from '../syntax/parse.js';
import { firstIndex } from '../util/array.js';

export interface FormatResult {
  /** The canonical text, or null when the file has syntax errors. */
  readonly text: string | null;
  /** The syntax errors that prevented formatting. */
  readonly errors: readonly DiagnosticInput[];
}

/** Groups of sections separated by a blank line: identity, the lists, lanes, steps. */
const GROUP: Readonly<Record<SectionKey, number>> = {
  nama: 0,
  nomor: 0,
  instansi: 0,
  logo: 0,
  tanggalPembuatan: 0,
  tanggalRevisi: 0,
  tanggalEfektif: 0,
  disahkanOleh: 0,
  dasarHukum: 1,
  kualifikasi: 1,
  keterkaitan: 1,
  peralatan: 1,
  peringatan: 1,
  pencatatan: 1,
  pelaksana: 2,
  prosedur: 3,
};

const ORDER = new Map(DOCUMENT_LABELS.map((d, i) => [d.key, i]));
const LIST_KEYS = new Set(DOCUMENT_LABELS.filter((d) => d.list).map((d) => d.key));
const STEP_ORDER = new Map(STEP_LABELS.map((s, i) => [s.canonical, i]));

/** Diagnostics outside SOP1xx whose line the AST does not keep: the formatter would drop it. */
const DROPS_TEXT: ReadonlySet<string> = new Set(['SOP207']);

export function formatSop(source: string): FormatResult {
  const parsed = parseSop(source);
  const errors = parsed.diagnostics.filter((d) => d.code.startsWith('SOP1') || DROPS_TEXT.has(d.code));
  if (errors.length > 0) return { text: null, errors };
  const text = printDocument(parsed.ast);
  const lost = lostWord(parsed.ast, parsed.text, text);
  if (lost) return { text: null, errors: [lost] };
  return { text, errors: [] };
}

const WORD_RE = /[\p{L}\p{N}]+/gu;

/**
 * The first word of `source` (outside labels, which are printed in their
 * canonical spelling) that `output` has fewer times: SOP116 at it, or null
 * when every word is kept.
 */
function lostWord(ast: DocumentNode, source: string, output: string): DiagnosticInput | null {
  const have = new Map<string, number>();
  for (const m of output.matchAll(WORD_RE)) have.set(m[0], (have.get(m[0]) ?? 0) + 1);
  // Label spans, in source order: every label of a file the parser accepted is in the AST.
  const labels: [number, number][] = [];
  for (const s of ast.sections) {
    labels.push([s.label.range.start.offset, s.label.range.end.offset]);
    for (const f of s.fields) labels.push([f.label.range.start.offset, f.label.range.end.offset]);
    for (const st of s.steps) for (const f of st.fields) labels.push([f.label.range.start.offset, f.label.range.end.offset]);
  }
  labels.sort((a, b) => a[0] - b[0]);
  let from = 0;
  for (const [start, end] of [...labels, [source.length, source.length] as [number, number]]) {
    for (const m of source.slice(from, Math.max(from, start)).matchAll(WORD_RE)) {
      const n = have.get(m[0]) ?? 0;
      if (n > 0) {
        have.set(m[0], n - 1);
        continue;
      }
      const offset = from + m.index;
      const before = source.slice(0, offset);
      const line = (before.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
      const column = offset - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
      return {
        code: 'SOP116',
        range: { start: { line, column, offset }, end: { line, column: column + m[0].length, offset: offset + m[0].length } },
        params: { text: m[0] },
      };
    }
    from = Math.max(from, end);
  }
  return null;
}

export function printDocument(ast: DocumentNode): string {
  const out: string[] = [];
  // Comments must follow their anchor even when sections are reordered: take them by anchor line.
  const anchored = anchorComments(ast);
  const emit = (line: number, indent: string, text: string): void => {
    for (const c of anchored.get(line) ?? []) out.push(`${indent}#${c.text.trimEnd()}`);
    out.push(indent + text);
  };

  const sections = [...ast.sections].sort((a, b) => ORDER.get(a.key)! - ORDER.get(b.key)!);
  let lastGroup = -1;
  for (const s of sections) {
    const group = GROUP[s.key];
    if (lastGroup !== -1 && group !== lastGroup) out.push('');
    lastGroup = group;
    printSection(s, emit, out);
  }
  const trailing = anchored.get(Infinity) ?? [];
  if (trailing.length > 0) {
    if (out.length > 0) out.push('');
    for (const c of trailing) out.push(`#${c.text.trimEnd()}`);
  }
  return out.join('\n') + (out.length > 0 ? '\n' : '');
}

type Emit = (line: number, indent: string, text: string) => void;

function printSection(s: SectionNode, emit: Emit, out: string[]): void {
  const label = DOCUMENT_LABELS.find((d) => d.key === s.key)!.canonical;
  const line = s.label.range.start.line;
  if (LIST_KEYS.has(s.key) && s.key !== 'pelaksana') {
    emit(line, '', `${label}:`);
    // An inline value is the first item.
    if (s.value) emit(s.value.range.start.line === line ? -1 : s.value.range.start.line, '  ', `- ${s.value.value}`);
    for (const it of s.items) emit(it.range.start.line, '  ', it.value ? `- ${it.value.value}` : '-');
    return;
  }
  if (s.key === 'pelaksana') {
    emit(line, '', `${label}:`);
    for (const l of s.lanes) {
      const text = l.id ? `${l.id.name}: ${l.title.value}` : l.title.value;
      emit(l.range.start.line === line ? -1 : l.range.start.line, '  ', `- ${text}`);
    }
    return;
  }
  if (s.key === 'prosedur') {
    emit(line, '', `${label}:`);
    s.steps.forEach((st, i) => {
      if (i > 0) out.push('');
      printStep(st, emit);
    });
    return;
  }
  emit(line, '', s.value ? `${label}: ${s.value.value}` : `${label}:`);
  if (s.key === 'disahkanOleh') {
    const fields = [...s.fields].sort((a, b) => (a.label.canonical === 'Nama' ? 0 : 1) - (b.label.canonical === 'Nama' ? 0 : 1));
    for (const f of fields) emit(f.range.start.line, '  ', fieldText(f, f.label.canonical ?? f.label.text));
  }
}

function printStep(st: StepNode, emit: Emit): void {
  const head = [st.label ? `@${st.label.name}` : null, `[${st.lanes.map((l) => l.value).join(', ')}]`, st.text?.value ?? null]
    .filter((x): x is string => x !== null)
    .join(' ');
  emit(st.headRange.start.line, '  ', head);
  const fields = [...st.fields].sort((a, b) => stepOrder(a) - stepOrder(b));
  for (const f of fields) {
    const info = lookupLabel(f.label.text).find((i) => i.place === 'step');
    emit(f.range.start.line, '    ', fieldText(f, info?.canonical ?? f.label.text));
  }
}

function stepOrder(f: FieldNode): number {
  const info = lookupLabel(f.label.text).find((i) => i.place === 'step');
  return info ? STEP_ORDER.get(info.canonical)! : 99;
}

function fieldText(f: FieldNode, label: string): string {
  return f.value ? `${label}: ${f.value.value}` : `${label}:`;
}

/**
 * Comments by the line of the node they annotate: the first non-comment,
 * non-blank line after them. Lines are taken from every node that starts a
 * line; comments after the last such line are keyed by Infinity.
 */
function anchorComments(ast: DocumentNode): Map<number, CommentNode[]> {
  const lines: number[] = [];
  for (const s of ast.sections) {
    lines.push(s.label.range.start.line);
    for (const it of s.items) lines.push(it.range.start.line);
    for (const f of s.fields) lines.push(f.range.start.line);
    for (const l of s.lanes) lines.push(l.range.start.line);
    for (const st of s.steps) {
      lines.push(st.headRange.start.line);
      for (const f of st.fields) lines.push(f.range.start.line);
    }
  }
  lines.sort((a, b) => a - b);
  const map = new Map<number, CommentNode[]>();
  for (const c of ast.comments) {
    const line = c.range.start.line;
    // The first node line after the comment.
    const lo = firstIndex(lines.length, (m) => lines[m]! > line);
    const anchor = lo < lines.length ? lines[lo]! : Infinity;
    const list = map.get(anchor) ?? [];
    list.push(c);
    map.set(anchor, list);
  }
  for (const list of map.values()) list.sort((a, b) => a.range.start.offset - b.range.start.offset);
  return map;
}
