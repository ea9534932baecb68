/**
 * Editor features over a checked file, in the library's 1-based positions:
 * what is under the cursor, completion, definition, references, rename,
 * hover, outline and folding. The LSP adapter (server.ts) converts positions.
 */
import type { FileResult } from '../check/check.js';
import type { IdentNode, Range, TextNode } from '../ast/nodes.js';
import { DURATION_UNITS } from '../model/duration.js';
import { APPROVER_LABELS, DOCUMENT_LABELS, STEP_LABELS } from '../syntax/labels.js';
import { identKey } from '../util/text.js';
import { lineAt } from '../diagnostics/code-frame.js';
import { compareDiagnostics, makeDiagnostic, type DiagnosticInput } from '../diagnostics/diagnostic.js';

export interface Pos {
  readonly line: number;
  readonly column: number;
}

export type SymbolRef =
  | { readonly kind: 'label-def'; readonly name: string; readonly range: Range; readonly step: number }
  | { readonly kind: 'label-ref'; readonly name: string; readonly range: Range }
  | { readonly kind: 'lane-def'; readonly name: string; readonly range: Range }
  | { readonly kind: 'lane-ref'; readonly name: string; readonly range: Range; readonly step: number };

const inside = (r: Range, p: Pos): boolean =>
  (p.line > r.start.line || (p.line === r.start.line && p.column >= r.start.column)) &&
  (p.line < r.end.line || (p.line === r.end.line && p.column <= r.end.column));

const afterAt = (r: Range): Range => ({ start: { ...r.start, column: r.start.column + 1, offset: r.start.offset + 1 }, end: r.end });

/** Every symbol occurrence of the file: label definitions and uses, lane declarations and uses. */
export function occurrences(r: FileResult): SymbolRef[] {
  const out: SymbolRef[] = [];
  r.facts.stepNodes.forEach((s, i) => {
    // The label's node covers `@name`; the symbol is the name.
    if (s.label) out.push({ kind: 'label-def', name: s.label.name, range: afterAt(s.label.range), step: i + 1 });
    for (const lane of s.lanes) out.push({ kind: 'lane-ref', name: lane.value, range: lane.range, step: i + 1 });
  });
  for (const t of r.facts.targets) {
    const v = t.field.value;
    if (v && v.value.startsWith('@')) {
      out.push({ kind: 'label-ref', name: v.value.slice(1), range: afterAt(v.range) });
    }
  }
  for (const d of r.facts.laneDecls) {
    const node: IdentNode | TextNode = d.decl.id ?? d.decl.title;
    out.push({ kind: 'lane-def', name: d.decl.id?.name ?? d.decl.title.value, range: node.range });
  }
  return out;
}

export function symbolAt(r: FileResult, p: Pos): SymbolRef | undefined {
  return occurrences(r).find((o) => inside(o.range, p));
}

/** The lane a name refers to (by id or title), as its declared id. */
function laneIdOf(r: FileResult, name: string): string | undefined {
  const k = identKey(name);
  return r.model.lanes.find((l) => identKey(l.id) === k || identKey(l.title) === k)?.id;
}

/** Definition of the symbol under the cursor. */
export function definition(r: FileResult, p: Pos): Range | undefined {
  const s = symbolAt(r, p);
  if (!s) return undefined;
  if (s.kind === 'label-ref' || s.kind === 'label-def') {
    return occurrences(r).find((o) => o.kind === 'label-def' && identKey(o.name) === identKey(s.name))?.range;
  }
  const id = laneIdOf(r, s.name);
  const lane = r.model.lanes.find((l) => l.id === id);
  if (!lane) return undefined;
  const decl = r.facts.laneDecls.find((d) => d.lane.id === lane.id && !d.duplicateOf);
  return decl ? (decl.decl.id ?? decl.decl.title).range : undefined;
}

/** All occurrences of the symbol under the cursor (definition included when asked). */
export function references(r: FileResult, p: Pos, includeDeclaration = true): SymbolRef[] {
  const s = symbolAt(r, p);
  if (!s) return [];
  const all = occurrences(r);
  if (s.kind === 'label-def' || s.kind === 'label-ref') {
    return all.filter((o) => (o.kind === 'label-def' ? includeDeclaration : o.kind === 'label-ref') && identKey(o.name) === identKey(s.name));
  }
  const id = laneIdOf(r, s.name);
  if (id === undefined) return all.filter((o) => o.kind === 'lane-ref' && identKey(o.name) === identKey(s.name));
  return all.filter((o) => (o.kind === 'lane-def' ? includeDeclaration && laneIdOf(r, o.name) === id : o.kind === 'lane-ref' && laneIdOf(r, o.name) === id));
}

export interface TextEditLike {
  readonly range: Range;
  readonly newText: string;
}

/**
 * Rename of a step label or lane id across the file. A lane written by its
 * full title keeps the title; only the places that use the id change.
 * Returns null when the symbol cannot be renamed or the new name is invalid.
 */
export function rename(r: FileResult, p: Pos, newName: string): TextEditLike[] | null {
  const s = symbolAt(r, p);
  const name = newName.replace(/^@/, '');
  if (!s || !/^\p{L}[\p{L}\p{N}_-]*$/u.test(name)) return null;
  if (s.kind === 'label-def' || s.kind === 'label-ref') {
    return references(r, p).map((o) => ({ range: o.range, newText: name }));
  }
  const id = laneIdOf(r, s.name);
  const lane = r.model.lanes.find((l) => l.id === id);
  if (!lane) return null;
  const decl = r.facts.laneDecls.find((d) => d.lane.id === lane.id && !d.duplicateOf);
  if (!decl?.decl.id) return null; // a lane known only by its title has no id to rename
  const edits: TextEditLike[] = [{ range: decl.decl.id.range, newText: name }];
  for (const o of occurrences(r)) if (o.kind === 'lane-ref' && identKey(o.name) === identKey(lane.id)) edits.push({ range: o.range, newText: name });
  return edits;
}

export function hover(r: FileResult, p: Pos): string | undefined {
  const s = symbolAt(r, p);
  if (s && (s.kind === 'lane-ref' || s.kind === 'lane-def')) {
    const lane = r.model.lanes.find((l) => l.id === laneIdOf(r, s.name));
    return lane ? `**Pelaksana** \`${lane.id}\`: ${lane.title} (kolom ${lane.index + 1})` : undefined;
  }
  const i = r.facts.stepNodes.findIndex((n) => inside(n.range, p));
  if (i < 0) return undefined;
  const step = r.model.steps[i]!;
  const flows = r.model.edges
    .filter((e) => e.from === step.number)
    .map((e) => `${e.label ? `${e.label} → ` : '→ '}${e.to === 'selesai' ? 'selesai' : `langkah ${e.to}`}`);
  const lanes = step.lanes.map((id) => r.model.lanes.find((l) => l.id === id)?.title ?? id).join(', ');
  const kind = { terminator: 'terminator', process: 'proses', decision: 'keputusan' }[step.symbol];
  return `**Langkah ${step.number}**${step.label ? ` (@${step.label})` : ''}, ${kind}\n\nPelaksana: ${lanes || '-'}\n\nAlur: ${flows.join('; ') || 'selesai'}`;
}

export interface CompletionLike {
  readonly label: string;
  readonly kind: 'label' | 'lane' | 'step' | 'keyword' | 'unit';
  readonly detail?: string;
  readonly insertText?: string;
}

/** Completions at the cursor, from the line's text and the file's context. */
export function complete(r: FileResult, p: Pos): CompletionLike[] {
  const line = lineAt(r.text, p.line);
  const before = line.slice(0, p.column - 1);
  // Inside [ ... ] on a step line: lanes.
  const open = before.lastIndexOf('[');
  if (open >= 0 && before.indexOf(']', open) < 0 && /^\s*(@\S+\s*)?\[/.test(before)) {
    return r.model.lanes.flatMap((l) => [
      { label: l.id, kind: 'lane' as const, detail: l.title },
      ...(l.title !== l.id ? [{ label: l.title, kind: 'lane' as const, detail: l.id }] : []),
    ]);
  }
  // A flow target: step labels and `selesai`.
  const target = /^\s*(ya|tidak|lanjut)\s*:\s*(@?\S*)$/i.exec(before);
  if (target) {
    return [
      ...r.model.steps.filter((s) => s.label).map((s) => ({ label: `@${s.label}`, kind: 'step' as const, detail: `langkah ${s.number}: ${s.text.slice(0, 40)}` })),
      { label: 'selesai', kind: 'keyword' as const, detail: 'prosedur berakhir di cabang ini' },
    ];
  }
  // A unit after a number in Waktu.
  if (/^\s*waktu\s*:.*\d\s*$/i.test(before)) return DURATION_UNITS.map((u) => ({ label: u, kind: 'unit' as const }));
  // After `@` at the start of a step line: existing labels are taken; nothing to offer.
  if (/^\s*@/.test(before)) return [];
  // At the start of a line: the labels valid here.
  if (/^\s*[\p{L} /.-]*$/u.test(before)) {
    const context = contextAt(r, p.line);
    const labels =
      context === 'step'
        ? STEP_LABELS
        : context === 'approver'
          ? [...APPROVER_LABELS, ...DOCUMENT_LABELS.filter((d) => !r.facts.sections.has(d.key))]
          : DOCUMENT_LABELS.filter((d) => !r.facts.sections.has(d.key));
    return labels.map((l) => ({ label: l.canonical, kind: 'label' as const, insertText: `${l.canonical}: ` }));
  }
  return [];
}

/** What a new line at `line` would belong to. */
function contextAt(r: FileResult, line: number): 'step' | 'approver' | 'document' {
  let last: 'step' | 'approver' | 'document' = 'document';
  let lastLine = 0;
  for (const s of r.ast.sections) {
    if (s.range.start.line <= line && s.range.start.line >= lastLine) {
      lastLine = s.range.start.line;
      last = s.key === 'disahkanOleh' ? 'approver' : s.key === 'prosedur' && s.steps.some((st) => st.range.start.line < line) ? 'step' : 'document';
    }
  }
  return last;
}

export interface OutlineItem {
  readonly name: string;
  readonly detail?: string;
  readonly kind: 'section' | 'lane' | 'step';
  readonly range: Range;
  readonly selection: Range;
  readonly children: OutlineItem[];
}

export function outline(r: FileResult): OutlineItem[] {
  return r.ast.sections.map((s) => {
    const children: OutlineItem[] =
      s.key === 'pelaksana'
        ? s.lanes.map((l) => ({ name: l.id?.name ?? l.title.value, detail: l.title.value, kind: 'lane' as const, range: l.range, selection: (l.id ?? l.title).range, children: [] }))
        : s.key === 'prosedur'
          ? s.steps.map((st, i) => ({
              name: `${i + 1}. ${st.text?.value.slice(0, 60) ?? ''}`,
              ...(st.label ? { detail: `@${st.label.name}` } : {}),
              kind: 'step' as const,
              range: st.range,
              selection: st.headRange,
              children: [],
            }))
          : [];
    return { name: s.label.canonical ?? s.label.text, ...(s.value ? { detail: s.value.value.slice(0, 60) } : {}), kind: 'section' as const, range: s.range, selection: s.label.range, children };
  });
}

/** Folding: every section and step that spans lines. */
export function folding(r: FileResult): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const s of r.ast.sections) {
    if (s.range.end.line > s.range.start.line) out.push({ start: s.range.start.line, end: s.range.end.line });
    for (const st of s.steps) if (st.range.end.line > st.range.start.line) out.push({ start: st.range.start.line, end: st.range.end.line });
  }
  return out;
}

/** The `Keterkaitan` item under the cursor and the project file it links to (relative path), if any. */
export function relatedSopAt(r: FileResult & { readonly links?: readonly { text: string; file: string | null }[] }, p: Pos): string | undefined {
  const section = r.facts.sections.get('keterkaitan');
  if (!section || !r.links) return undefined;
  const texts = [...(section.value ? [section.value] : []), ...section.items.flatMap((i) => (i.value ? [i.value] : []))];
  const i = texts.findIndex((t) => inside(t.range, p));
  return i >= 0 ? (r.links[i]?.file ?? undefined) : undefined;
}

/**
 * Why "Format Document" changed nothing, for the editor's message line: the first syntax error (or the word the
 * printer would drop) by line. The editor had applied no edit without a word, where `sop fmt` says why.
 */
export function notFormattedMessage(errors: readonly DiagnosticInput[]): string {
  // In the order `sop fmt` reports them (fmt.ts reportRefusal).
  const first = errors.map((e) => makeDiagnostic(e)).sort(compareDiagnostics)[0];
  if (!first) return 'sop: berkas ini tidak diformat.';
  const more = errors.length > 1 ? ` (dan ${errors.length - 1} galat lain)` : '';
  return `sop: tidak diformat: perbaiki dulu baris ${first.range.start.line}: ${first.message}${more}`;
}
