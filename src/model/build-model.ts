/**
 * AST to model: resolves lanes, labels and flow targets, numbers the steps,
 * computes edges, start and ends, merges project defaults. Records what it
 * could not resolve in `facts`, which the checker's rules report; the model
 * itself holds only what resolved.
 */
import type { DocumentNode, FieldNode, IdentNode, LaneDeclNode, SectionKey, SectionNode, StepNode, TextNode } from '../ast/nodes.js';
import { lookupLabel, type StepFieldKey } from '../syntax/labels.js';
import { identKey } from '../util/text.js';
import type { SopConfig } from './config.js';
import { flowTiming } from './flow-facts.js';
import { parseDate, type DateParse } from './dates.js';
import { parseDuration } from './duration.js';
import type { BranchLabel, FlowEdge, FlowTarget, Lane, SopModel, Step, SymbolKind } from './model.js';

export type TargetResolution =
  | { readonly kind: 'step'; readonly step: number }
  | { readonly kind: 'end' }
  | { readonly kind: 'unknown'; readonly name: string }
  | { readonly kind: 'invalid' };

export interface TargetFact {
  readonly step: number;
  readonly branch: BranchLabel | 'Lanjut';
  readonly field: FieldNode;
  readonly resolution: TargetResolution;
}

export interface LaneRefFact {
  readonly step: number;
  readonly node: TextNode;
  readonly lane: Lane | null;
}

export interface LaneDeclFact {
  readonly decl: LaneDeclNode;
  readonly lane: Lane;
  /** The earlier declaration this one repeats (same id or title), if any. */
  readonly duplicateOf: LaneDeclNode | null;
  readonly duplicateName: string | null;
}

export interface StepLabelFact {
  readonly step: number;
  readonly node: IdentNode;
  readonly duplicateOf: IdentNode | null;
}

/** What the model builder found, for the checker's rules. */
export interface ModelFacts {
  readonly sections: ReadonlyMap<SectionKey, SectionNode>;
  readonly stepNodes: readonly StepNode[];
  readonly laneDecls: readonly LaneDeclFact[];
  readonly laneRefs: readonly LaneRefFact[];
  readonly stepLabels: readonly StepLabelFact[];
  readonly targets: readonly TargetFact[];
  /** Per step, its fields by key (first occurrence). */
  readonly stepFields: readonly ReadonlyMap<StepFieldKey, FieldNode>[];
  /** True when some target did not resolve: flow checks must stay silent about its consequences. */
  readonly flowBroken: boolean;
}

export interface ModelResult {
  readonly model: SopModel;
  readonly facts: ModelFacts;
}

const sectionText = (s: SectionNode | undefined): string => s?.value?.value ?? '';

/** A list section: the inline value (if any) then the items. */
function sectionList(s: SectionNode | undefined): string[] {
  if (!s) return [];
  const out: string[] = [];
  if (s.value) out.push(s.value.value);
  for (const it of s.items) if (it.value) out.push(it.value.value);
  return out;
}

function dateOf(p: DateParse): import('./dates.js').SopDate | null {
  return p.kind === 'date' ? p.date : null;
}

function stepFieldMap(step: StepNode): Map<StepFieldKey, FieldNode> {
  const m = new Map<StepFieldKey, FieldNode>();
  for (const f of step.fields) {
    const info = lookupLabel(f.label.text).find((i) => i.place === 'step');
    if (info && !m.has(info.key as StepFieldKey)) m.set(info.key as StepFieldKey, f);
  }
  return m;
}

/** Resolves a flow target written as `@label` or `selesai`. */
function resolveTarget(text: string, labels: ReadonlyMap<string, number>): TargetResolution {
  const t = text.trim();
  if (t.toLowerCase() === 'selesai') return { kind: 'end' };
  const m = /^@(\p{L}[\p{L}\p{N}_-]*)$/u.exec(t);
  if (!m) return { kind: 'invalid' };
  const step = labels.get(identKey(m[1]!));
  return step === undefined ? { kind: 'unknown', name: m[1]! } : { kind: 'step', step };
}

export function buildModel(ast: DocumentNode, config: SopConfig = {}): ModelResult {
  const sections = new Map<SectionKey, SectionNode>();
  for (const s of ast.sections) if (!sections.has(s.key)) sections.set(s.key, s);

  // ---- lanes ----
  const lanes: Lane[] = [];
  const laneDecls: LaneDeclFact[] = [];
  const laneByKey = new Map<string, Lane>();
  const declByKey = new Map<string, LaneDeclNode>();
  for (const decl of sections.get('pelaksana')?.lanes ?? []) {
    const id = decl.id?.name ?? decl.title.value;
    const keys = [identKey(id), identKey(decl.title.value)];
    const clash = keys.find((k) => declByKey.has(k));
    const lane: Lane = { id, title: decl.title.value, index: lanes.length, range: decl.range };
    if (clash !== undefined) {
      laneDecls.push({ decl, lane, duplicateOf: declByKey.get(clash)!, duplicateName: clash === keys[0] ? id : decl.title.value });
      continue;
    }
    lanes.push(lane);
    laneDecls.push({ decl, lane, duplicateOf: null, duplicateName: null });
    for (const k of keys) {
      laneByKey.set(k, lane);
      declByKey.set(k, decl);
    }
  }

  // ---- steps: labels first, so that targets can point forward ----
  const stepNodes = sections.get('prosedur')?.steps ?? [];
  const labels = new Map<string, number>();
  const labelNodes = new Map<string, IdentNode>();
  const stepLabels: StepLabelFact[] = [];
  stepNodes.forEach((s, i) => {
    if (!s.label) return;
    const k = identKey(s.label.name);
    const first = labelNodes.get(k);
    stepLabels.push({ step: i + 1, node: s.label, duplicateOf: first ?? null });
    if (!first) {
      labels.set(k, i + 1);
      labelNodes.set(k, s.label);
    }
  });

  const laneRefs: LaneRefFact[] = [];
  const targets: TargetFact[] = [];
  const stepFields = stepNodes.map(stepFieldMap);
  const n = stepNodes.length;
  const edges: FlowEdge[] = [];
  const steps: Step[] = [];
  const symbols: SymbolKind[] = [];
  const ends: number[] = [];
  let flowBroken = false;

  const targetOf = (num: number, branch: BranchLabel | 'Lanjut', field: FieldNode | undefined): FlowTarget | undefined => {
    if (!field) return undefined;
    const resolution = resolveTarget(field.value?.value ?? '', labels);
    targets.push({ step: num, branch, field, resolution });
    if (resolution.kind === 'step') return resolution.step;
    if (resolution.kind === 'end') return 'selesai';
    flowBroken = true;
    return undefined;
  };

  stepNodes.forEach((s, i) => {
    const num = i + 1;
    const fields = stepFields[i]!;
    const laneIds: string[] = [];
    for (const ref of s.lanes) {
      const lane = laneByKey.get(identKey(ref.value)) ?? null;
      laneRefs.push({ step: num, node: ref, lane });
      if (lane && !laneIds.includes(lane.id)) laneIds.push(lane.id);
    }
    const next: FlowTarget | null = num < n ? num + 1 : null;
    const isDecision = fields.has('ya') || fields.has('tidak');
    let isEnd = false;
    if (isDecision) {
      const ya = targetOf(num, 'Ya', fields.get('ya'));
      const tidak = targetOf(num, 'Tidak', fields.get('tidak'));
      // An unwritten branch goes to the next step; on the last step it ends (reported by a rule).
      const yaTo = fields.has('ya') ? ya : (next ?? 'selesai');
      const tidakTo = fields.has('tidak') ? tidak : (next ?? 'selesai');
      if (yaTo !== undefined) edges.push({ from: num, to: yaTo, label: 'Ya' });
      if (tidakTo !== undefined) edges.push({ from: num, to: tidakTo, label: 'Tidak' });
      // `Lanjut` beside Ya/Tidak is an error; it is still recorded so the rule can point at it.
      if (fields.has('lanjut')) targetOf(num, 'Lanjut', fields.get('lanjut'));
    } else {
      const lanjut = targetOf(num, 'Lanjut', fields.get('lanjut'));
      const to = fields.has('lanjut') ? lanjut : (next ?? 'selesai');
      if (to !== undefined) edges.push({ from: num, to, label: null });
      isEnd = to === 'selesai';
    }
    if (isEnd) ends.push(num);
    const symbol: SymbolKind = isDecision ? 'decision' : num === 1 || isEnd ? 'terminator' : 'process';
    symbols.push(symbol);
    const waktuText = fields.get('waktu')?.value?.value;
    steps.push({
      number: num,
      label: s.label?.name ?? null,
      lanes: laneIds,
      text: s.text?.value ?? '',
      kelengkapan: fields.get('kelengkapan')?.value?.value ?? '',
      waktu: waktuText ? parseDuration(waktuText) : null,
      output: fields.get('output')?.value?.value ?? '',
      keterangan: fields.get('keterangan')?.value?.value ?? '',
      symbol,
      isStart: num === 1,
      isEnd,
      range: s.range,
    });
  });

  // ---- identity, with project defaults ----
  const approverSection = sections.get('disahkanOleh');
  const sub = (label: string): string => approverSection?.fields.find((f) => f.label.canonical === label)?.value?.value ?? '';
  const instansi = sectionList(sections.get('instansi'));
  const model: SopModel = {
    name: sectionText(sections.get('nama')),
    number: sectionText(sections.get('nomor')),
    instansi: instansi.length > 0 ? instansi : [...(config.instansi ?? [])],
    logo: sectionText(sections.get('logo')) || config.logo || null,
    dates: {
      pembuatan: dateOf(parseDate(sectionText(sections.get('tanggalPembuatan')))),
      revisi: dateOf(parseDate(sectionText(sections.get('tanggalRevisi')))),
      efektif: dateOf(parseDate(sectionText(sections.get('tanggalEfektif')))),
    },
    disahkanOleh: {
      jabatan: sectionText(approverSection) || config.disahkanOleh?.jabatan || '',
      nama: sub('Nama') || config.disahkanOleh?.nama || '',
      nip: sub('NIP') || config.disahkanOleh?.nip || '',
    },
    lists: {
      dasarHukum: sectionList(sections.get('dasarHukum')),
      kualifikasi: sectionList(sections.get('kualifikasi')),
      keterkaitan: sectionList(sections.get('keterkaitan')),
      peralatan: sectionList(sections.get('peralatan')),
      peringatan: sectionList(sections.get('peringatan')),
      pencatatan: sectionList(sections.get('pencatatan')),
    },
    lanes,
    steps,
    edges,
    start: n > 0 ? 1 : null,
    ends,
    timing: flowTiming(steps, edges),
  };
  return {
    model,
    facts: { sections, stepNodes, laneDecls, laneRefs, stepLabels, targets, stepFields, flowBroken },
  };
}
