/**
 * From the CST to the typed AST: decides what each line means and groups the
 * lines into sections and steps (grouping is by labels, never indentation).
 * Reports the mistakes of shape it finds (unknown or misplaced labels, steps
 * outside `Prosedur`, repeated sections, ...) and recovers at the next line.
 */
import type { IToken } from 'chevrotain';
import type {
  CommentNode,
  DocumentNode,
  FieldNode,
  IdentNode,
  LabelNode,
  LaneDeclNode,
  ListItemNode,
  Position,
  Range,
  SectionKey,
  SectionNode,
  StepNode,
  TextNode,
} from '../ast/nodes.js';
import type { DiagnosticInput } from '../diagnostics/diagnostic.js';
import { BLANK_RUN_RE, isIdent } from '../util/text.js';
import { suggest, suggestByWords } from '../util/suggest.js';
import type { DocumentCstNode, FieldCstNode, LineCstNode, ListItemCstNode, StepCstNode } from './cst.js';
import {
  ALL_LABEL_SPELLINGS,
  APPROVER_LABELS,
  DOCUMENT_LABELS,
  STEP_LABELS,
  lookupLabel,
  normalizeLabel,
  placeName,
  type LabelInfo,
} from './labels.js';

// ---- positions -------------------------------------------------------------

function startOf(t: IToken): Position {
  return { line: t.startLine ?? 1, column: t.startColumn ?? 1, offset: t.startOffset };
}

/** The position just after the token (ranges are end-exclusive). */
function endOf(t: IToken): Position {
  return { line: t.endLine ?? t.startLine ?? 1, column: (t.endColumn ?? t.startColumn ?? 0) + 1, offset: (t.endOffset ?? t.startOffset) + 1 };
}

function shift(p: Position, by: number): Position {
  return { line: p.line, column: p.column + by, offset: p.offset + by };
}

function rangeOf(first: IToken, last: IToken = first): Range {
  return { start: startOf(first), end: endOf(last) };
}

/** A text node for part of a single-line token, trimmed of blanks. */
function textNode(t: IToken, from = 0, to = t.image.length): TextNode | null {
  const slice = t.image.slice(from, to);
  const lead = slice.length - slice.trimStart().length;
  const value = slice.trim();
  if (value === '') return null;
  const start = shift(startOf(t), from + lead);
  return { kind: 'Text', value, range: { start, end: shift(start, value.length) } };
}

// ---- builders --------------------------------------------------------------

interface SectionBuilder {
  key: SectionKey;
  label: LabelNode;
  value: TextNode | null;
  items: ListItemNode[];
  fields: FieldNode[];
  lanes: LaneDeclNode[];
  steps: StepBuilder[];
  start: Position;
  end: Position;
  /** A repeated section: parsed for its diagnostics, then dropped. */
  discarded: boolean;
}

interface StepBuilder {
  label: IdentNode | null;
  lanes: TextNode[];
  lanesRange: Range;
  lanesClosed: boolean;
  text: TextNode | null;
  fields: FieldNode[];
  headRange: Range;
  end: Position;
}

export interface AstResult {
  readonly ast: DocumentNode;
  readonly diagnostics: readonly DiagnosticInput[];
}

/**
 * `id: title`. The title is `[^]*`, not `.*`: `.` stops at U+2028/U+2029, and
 * `- a: Kepala<U+2028>Bagian` was read as a title with no id. Only blanks
 * (never a line or paragraph separator) may stand between the id and `:`.
 */
const LANE_DECL_RE = /^(\p{L}[\p{L}\p{N}_-]*)[ \t\f\v\u00a0]*:([^]*)$/u;
const NUMBERED_RE = /^(\d+|[a-zA-Z])[.)]\s/;

/** What the reading of one file keeps from line to line. */
interface Reader {
  readonly source: string;
  readonly diags: DiagnosticInput[];
  readonly sections: SectionBuilder[];
  readonly seen: Map<SectionKey, SectionBuilder>;
  section: SectionBuilder | null;
  step: StepBuilder | null;
  /**
   * After an unknown label (SOP102) outside a step, the list items that
   * follow are its items: they are skipped silently instead of being blamed
   * on the section before it (one mistake, one diagnostic).
   */
  itemsOfUnknownLabel: boolean;
  /** The line after the one being read: an unknown label with steps under it is the procedure's heading. */
  next: LineCstNode | undefined;
  /** The line before the one being read: a line that goes on its text is said to be one (SOP101). */
  prev: LineCstNode | undefined;
}

/**
 * Builds the AST of one file from its CST and comment tokens.
 * `source` is the text the tokens were made from (used for the document range).
 */
export function cstToAst(cst: DocumentCstNode, comments: readonly IToken[], source: string): AstResult {
  const r: Reader = { source, diags: [], sections: [], seen: new Map(), section: null, step: null, itemsOfUnknownLabel: false, next: undefined, prev: undefined };
  const { diags, sections } = r;
  const lines = cst.children.line ?? [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    r.next = lines[i + 1];
    r.prev = lines[i - 1];
    const c = line.children;
    if (!c.listItem) r.itemsOfUnknownLabel = false;
    if (c.field) handleField(r, c.field[0]!);
    else if (c.listItem) handleListItem(r, c.listItem[0]!);
    else if (c.step) handleStep(r, c.step[0]!);
    else if (c.other) handleOther(r, line);
  }

  const commentNodes: CommentNode[] = comments.map((t) => ({ kind: 'Comment', text: t.image.slice(1), range: rangeOf(t) }));

  const docEnd = endPosition(source);
  const ast: DocumentNode = {
    kind: 'Document',
    sections: sections.filter((s) => !s.discarded).map(freezeSection),
    comments: commentNodes,
    range: { start: { line: 1, column: 1, offset: 0 }, end: docEnd },
  };
  return { ast, diagnostics: diags };
}

function extend(r: Reader, end: Position): void {
  if (r.section) r.section.end = end;
  if (r.step) r.step.end = end;
}

function labelNode(tok: IToken, canonical: string | null): LabelNode {
  const raw = tok.image.slice(0, -1); // without ':'
  const text = raw.trim().replace(BLANK_RUN_RE, ' ');
  const start = startOf(tok);
  return { kind: 'Label', text, canonical, range: { start, end: shift(start, raw.trimEnd().length) } };
}

function handleField(r: Reader, f: FieldCstNode): void {
  const labelTok = f.children.FieldLabel[0]!;
  const valueTok = f.children.Text?.[0];
  const infos = lookupLabel(labelTok.image.slice(0, -1));
  const value = valueTok ? textNode(valueTok) : null;
  const lineRange = rangeOf(labelTok, valueTok ?? labelTok);
  const pick = (place: LabelInfo['place']): LabelInfo | undefined => infos.find((i) => i.place === place);

  /** Adds a field to the fields of a step or of `Disahkan oleh`; a repeat is SOP110 pointing at the first. */
  const addField = (fields: FieldNode[], info: LabelInfo, owner: string): void => {
    const label = labelNode(labelTok, info.canonical);
    const dup = fields.find((x) => x.label.canonical === info.canonical);
    if (dup) {
      r.diags.push({
        code: 'SOP110',
        range: label.range,
        params: { label: info.canonical, owner },
        related: [{ range: dup.label.range, code: 'first' }],
      });
    }
    fields.push({ kind: 'Field', label, value, range: lineRange });
    extend(r, lineRange.end);
  };

  // A step field under the current step.
  const stepInfo = pick('step');
  if (r.step && stepInfo) return addField(r.step.fields, stepInfo, 'step');
  // A sub-field of `Disahkan oleh`.
  const subInfo = pick('approver');
  if (subInfo && r.section?.key === 'disahkanOleh') return addField(r.section.fields, subInfo, 'Disahkan oleh');
  // A document field: starts a section. The procedure's heading in other words
  // (`Langkah-langkah:`, `Tahapan:`, an unknown label with steps under it) is one
  // SOP102 with the fix, and starts `Prosedur` so that its steps are read.
  let docInfo = DOCUMENT_LABELS.find((d) => infos.includes(d));
  if (!docInfo && infos.length === 0 && r.step === null && !r.seen.has('prosedur') && isProcedureHeading(labelTok.image.slice(0, -1), value !== null, r.next)) {
    docInfo = DOCUMENT_LABELS.find((d) => d.key === 'prosedur')!;
    const label = labelNode(labelTok, null);
    r.diags.push({ code: 'SOP102', range: label.range, params: { label: label.text, suggestion: 'Prosedur', heading: 1 }, suggestions: ['Prosedur'] });
  }
  if (docInfo) {
    const label = labelNode(labelTok, docInfo.canonical);
    const first = r.seen.get(docInfo.key);
    r.step = null;
    r.section = {
      key: docInfo.key,
      label,
      value: null,
      items: [],
      fields: [],
      lanes: [],
      steps: [],
      start: lineRange.start,
      end: lineRange.end,
      discarded: first !== undefined,
    };
    if (first) {
      r.diags.push({
        code: 'SOP104',
        range: label.range,
        params: { label: docInfo.canonical },
        related: [{ range: first.label.range, code: 'first' }],
      });
    } else {
      r.seen.set(docInfo.key, r.section);
    }
    r.sections.push(r.section);
    if (value) {
      if (docInfo.key === 'prosedur') {
        r.diags.push({ code: 'SOP113', range: value.range, params: { label: docInfo.canonical } });
      } else if (docInfo.key === 'pelaksana') {
        laneDecl(r, value, lineRange);
      } else {
        r.section.value = value;
      }
    }
    return;
  }
  const label = labelNode(labelTok, null);
  if (infos.length > 0) {
    // Valid only elsewhere.
    const info = infos[0]!;
    const place = info.place === 'approver' ? placeName('approver') : placeName('step');
    r.diags.push({ code: 'SOP103', range: label.range, params: { label: info.canonical, place } });
    return;
  }
  const inProcedure = r.section?.key === 'prosedur' || r.step !== null;
  const suggestion = suggestLabel(label.text, inProcedure);
  if (r.step === null) r.itemsOfUnknownLabel = true;
  r.diags.push({
    code: 'SOP102',
    range: label.range,
    params: { label: label.text, suggestion: suggestion ?? '', ...(suggestion ? {} : { known: knownLabels(r.step !== null, r.section?.key === 'disahkanOleh') }) },
    ...(suggestion ? { suggestions: [suggestion] } : {}),
  });
}

function laneDecl(r: Reader, text: TextNode, range: Range): void {
  if (!r.section) return;
  const m = LANE_DECL_RE.exec(text.value);
  if (m) {
    const idName = m[1]!;
    const idStart = text.range.start;
    const id: IdentNode = { kind: 'Ident', name: idName, range: { start: idStart, end: shift(idStart, idName.length) } };
    const rest = m[2]!;
    const lead = rest.length - rest.trimStart().length;
    const titleValue = rest.trim();
    if (titleValue === '') {
      r.diags.push({ code: 'SOP207', range: text.range });
      return;
    }
    const titleStart = shift(idStart, text.value.length - rest.length + lead);
    const title: TextNode = { kind: 'Text', value: titleValue, range: { start: titleStart, end: shift(titleStart, titleValue.length) } };
    r.section.lanes.push({ kind: 'LaneDecl', id, title, range });
  } else {
    r.section.lanes.push({ kind: 'LaneDecl', id: null, title: text, range });
  }
}

function handleListItem(r: Reader, li: ListItemCstNode): void {
  const dash = li.children.Dash[0]!;
  const valueTok = li.children.Text?.[0];
  const value = valueTok ? textNode(valueTok) : null;
  const range = rangeOf(dash, valueTok ?? dash);
  const info = r.section ? DOCUMENT_LABELS.find((d) => d.key === r.section!.key) : undefined;
  if (r.itemsOfUnknownLabel) return;
  if (!r.section || !info?.list || r.step) {
    r.diags.push({
      code: 'SOP105',
      range,
      params: { label: r.step ? 'Prosedur' : (info?.canonical ?? '') },
    });
    return;
  }
  if (r.section.key === 'pelaksana') {
    if (value) laneDecl(r, value, range);
    else r.diags.push({ code: 'SOP207', range });
  } else {
    r.section.items.push({ kind: 'ListItem', value, range });
  }
  extend(r, range.end);
}

function handleStep(r: Reader, s: StepCstNode): void {
  const c = s.children;
  const labelTok = c.StepLabel?.[0];
  const laneList = c.laneList?.[0];
  const textTok = c.Text?.[0];
  const toks: IToken[] = [];
  if (labelTok) toks.push(labelTok);
  let lastTok: IToken | undefined = labelTok;
  let lanesRange: Range;
  let lanesClosed = true;
  const lanes: TextNode[] = [];
  if (laneList) {
    const lc = laneList.children;
    const lb = lc.LBracket[0]!;
    const rb = lc.RBracket?.[0];
    const inner = [...(lc.LaneName ?? []), ...(lc.Comma ?? [])].sort((a, b) => a.startOffset - b.startOffset);
    const lastInner = inner[inner.length - 1];
    lanesRange = rangeOf(lb, rb ?? lastInner ?? lb);
    lastTok = rb ?? lastInner ?? lb;
    // Names between commas; an empty slot is reported unless the list is empty.
    let pendingEmpty: IToken | null = lb;
    const names = lc.LaneName ?? [];
    for (const t of inner) {
      if (t.tokenType.name === 'Comma') {
        if (pendingEmpty && names.length > 0) r.diags.push({ code: 'SOP112', range: rangeOf(t) });
        pendingEmpty = t;
      } else {
        const node = textNode(t);
        if (node) lanes.push(node);
        pendingEmpty = null;
      }
    }
    if (pendingEmpty && pendingEmpty !== lb && names.length > 0) r.diags.push({ code: 'SOP112', range: rangeOf(pendingEmpty) });
    if (!rb) {
      r.diags.push({ code: 'SOP109', range: rangeOf(lb, lastInner ?? lb) });
      lanesClosed = false;
      lanes.length = 0;
    }
  } else {
    const at = labelTok ? endOf(labelTok) : startOf(s.children.Text![0]!);
    lanesRange = { start: at, end: at };
  }
  if (textTok) lastTok = textTok;
  const firstTok = labelTok ?? laneList?.children.LBracket[0] ?? textTok!;
  const headRange = rangeOf(firstTok, lastTok ?? firstTok);
  for (const n of c.StepNumber ?? []) {
    // The step as it should be written: the line from its first token on.
    const written = r.source.slice(firstTok.startOffset, (lastTok ?? firstTok).endOffset! + 1);
    r.diags.push({ code: 'SOP115', range: rangeOf(n), params: { number: n.image, step: written.length > 60 ? written.slice(0, 57) + '...' : written } });
  }

  let label: IdentNode | null = null;
  if (labelTok) {
    const name = labelTok.image.slice(1);
    label = { kind: 'Ident', name, range: rangeOf(labelTok) };
    if (!isIdent(name)) {
      r.diags.push({ code: 'SOP111', range: rangeOf(labelTok), params: { name: labelTok.image } });
      label = null;
    }
  }
  const text = textTok ? textNode(textTok) : null;

  if (r.section?.key !== 'prosedur') {
    r.diags.push({ code: 'SOP106', range: headRange });
    r.step = null;
    return;
  }
  if (lanesClosed && lanes.length === 0 && !laneList?.children.LaneName?.length) {
    r.diags.push({ code: 'SOP108', range: laneList ? lanesRange : headRange });
  }
  if (!text && lanesClosed) r.diags.push({ code: 'SOP107', range: headRange });
  r.step = { label, lanes, lanesRange, lanesClosed, text, fields: [], headRange, end: headRange.end };
  r.section.steps.push(r.step);
  r.section.end = headRange.end;
}

function handleOther(r: Reader, line: LineCstNode): void {
  const tok = line.children.other![0]!.children.Other[0]!;
  const value = tok.image.trim();
  const shown = value.length > 60 ? value.slice(0, 57) + '...' : value;
  const numbered = NUMBERED_RE.test(value);
  const goesOn = numbered ? null : continued(r.prev, tok, value);
  r.diags.push({
    code: 'SOP101',
    range: textNode(tok)?.range ?? rangeOf(tok),
    // A numbered line in Prosedur is a step without lanes; elsewhere a list item. A line that goes on the text of
    // the line above (a long activity or value wrapped, as in Word) is said to be one, with that line's number.
    params: {
      text: shown,
      numbered: numbered ? (r.section?.key === 'prosedur' ? 2 : 1) : 0,
      ...(goesOn ? { continues: goesOn.kind, line: goesOn.line } : {}),
    },
  });
}

/**
 * Whether the unrecognised line `tok` goes on the text of the line just above it (no blank line between): a
 * step's activity, a field's value or a list item, and `value` starts with a small letter or that text ends with
 * a comma. Drafters wrap a long Kegiatan over two lines; the generic SOP101 hint did not say what to do.
 */
function continued(prev: LineCstNode | undefined, tok: IToken, value: string): { kind: 'step' | 'value'; line: number } | null {
  if (!prev) return null;
  const c = prev.children;
  const text = c.step?.[0]?.children.Text?.[0] ?? c.field?.[0]?.children.Text?.[0] ?? c.listItem?.[0]?.children.Text?.[0];
  if (!text || text.image.trim() === '' || (text.endLine ?? text.startLine) !== (tok.startLine ?? 0) - 1) return null;
  if (!/^\p{Ll}/u.test(value) && !text.image.trimEnd().endsWith(',')) return null;
  return { kind: c.step ? 'step' : 'value', line: text.startLine ?? 0 };
}

function freezeSection(s: SectionBuilder): SectionNode {
  return {
    kind: 'Section',
    key: s.key,
    label: s.label,
    value: s.value,
    items: s.items,
    fields: s.fields,
    lanes: s.lanes,
    steps: s.steps.map(
      (st): StepNode => ({
        kind: 'Step',
        label: st.label,
        lanes: st.lanes,
        lanesRange: st.lanesRange,
        lanesClosed: st.lanesClosed,
        text: st.text,
        fields: st.fields,
        headRange: st.headRange,
        range: { start: st.headRange.start, end: st.end },
      }),
    ),
    range: { start: s.start, end: s.end },
  };
}

/**
 * Words drafters use for a label, taken from real SOPs and other forms: the
 * label they mean (normalised spelling → canonical label).
 */
const LABEL_SYNONYMS: ReadonlyMap<string, string> = new Map([
  ['keluaran', 'Output'],
  ['hasil', 'Output'],
  ['catatan', 'Keterangan'],
  ['syarat', 'Kelengkapan'],
  ['durasi', 'Waktu'],
  ['lama', 'Waktu'],
  ['tanggal dibuat', 'Tanggal Pembuatan'],
  ['tanggal penyusunan', 'Tanggal Pembuatan'],
  ['tanggal berlaku', 'Tanggal Efektif'],
  ['tanggal pengesahan', 'Tanggal Efektif'],
  ['tanggal perubahan', 'Tanggal Revisi'],
  ['ditetapkan oleh', 'Disahkan oleh'],
  ['unit kerja', 'Instansi'],
  ['satuan kerja', 'Instansi'],
  ['landasan hukum', 'Dasar Hukum'],
  ['aktor', 'Pelaksana'],
  ['pelaku', 'Pelaksana'],
]);
/** Shortenings expanded before comparing (`Tgl Revisi` → `Tanggal Revisi`). */
const SHORTENINGS: ReadonlyMap<string, string> = new Map([
  ['tgl', 'tanggal'],
  ['tgl.', 'tanggal'],
  ['no', 'nomor'],
  ['no.', 'nomor'],
  ['nmr', 'nomor'],
]);

/**
 * The nearest known label or alias, as its canonical label: by spelling,
 * then by the words drafters use for it, then by shared words (`Waktu
 * Penyelesaian` → `Waktu`). Inside Prosedur step fields come first.
 */
function suggestLabel(text: string, inProcedure: boolean): string | undefined {
  const spellings = ALL_LABEL_SPELLINGS;
  const preferred = inProcedure ? spellings.filter((s) => s.info.place === 'step') : spellings.filter((s) => s.info.place !== 'step');
  const expanded = text
    .trim()
    .split(/\s+/)
    .map((w) => SHORTENINGS.get(w.toLowerCase()) ?? w)
    .join(' ');
  const synonym = LABEL_SYNONYMS.get(expanded.toLowerCase());
  if (synonym) return synonym;
  const found =
    suggest(expanded, preferred.map((s) => s.spelling)) ??
    suggest(expanded, spellings.map((s) => s.spelling)) ??
    suggestByWords(expanded, preferred.map((s) => s.spelling)) ??
    suggestByWords(expanded, spellings.map((s) => s.spelling));
  if (!found) return undefined;
  return spellings.find((s) => s.spelling === found)!.info.canonical;
}

/** The labels valid at a place, for an unknown label nothing is near to (joined by line breaks: a list parameter). */
function knownLabels(inStep: boolean, inApprover: boolean): string {
  const list = inStep ? STEP_LABELS : inApprover ? [...APPROVER_LABELS, ...DOCUMENT_LABELS] : DOCUMENT_LABELS;
  return list.map((l) => l.canonical).join('\n');
}

/** Other words for the procedure's heading (normalised: lower case, one space). */
const PROCEDURE_HEADINGS = /^(langkah[ -]?langkah|langkah kerja|tahap|tahapan|tahapan kegiatan|tahap kegiatan|uraian|uraian kegiatan|uraian prosedur|uraian langkah|rincian kegiatan|prosedur kerja|alur|alur kerja|alur kegiatan|alur prosedur|mekanisme|mekanisme kerja|kegiatan-kegiatan|procedure|steps)$/;

/**
 * Whether an unknown label heads the procedure: one of its other names, or any
 * label without a value whose next line is a step.
 */
function isProcedureHeading(text: string, hasValue: boolean, next: LineCstNode | undefined): boolean {
  if (PROCEDURE_HEADINGS.test(normalizeLabel(text))) return true;
  return !hasValue && next?.children.step !== undefined;
}

function endPosition(source: string): Position {
  // Line breaks are LF, CRLF or CR; LF-only text (the common case) is counted with the native search.
  if (!source.includes('\r')) {
    let line = 1;
    let lineStart = 0;
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return { line, column: source.length - lineStart + 1, offset: source.length };
  }
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source.charCodeAt(i);
    if (ch === 10 || ch === 13) {
      if (ch === 13 && source.charCodeAt(i + 1) === 10) i++;
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: source.length - lineStart + 1, offset: source.length };
}
