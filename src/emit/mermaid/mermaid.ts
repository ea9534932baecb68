/**
 * Mermaid text of an SOP. Default dialect `swimlane-beta TB` (Mermaid
 * 11.16+): one lane per Pelaksana in declared order, nodes in step order;
 * `flowchart` is the same as a classic `flowchart TB` with a subgraph per
 * lane. Terminators are stadiums `([...])`, processes `[...]`, decisions
 * `{...}`; edges to the end go to one `Selesai` terminator. Every label is
 * quoted and escaped with Mermaid's entity codes in one pass, node ids are
 * generated (`s1`, `lane1`, ...), so no user text can become syntax.
 */
import type { SopModel, SymbolKind } from '../../model/model.js';
import { plainText } from '../../util/inline.js';

export type MermaidDialect = 'swimlane' | 'flowchart';

export interface MermaidOptions {
  readonly dialect?: MermaidDialect;
  /** Longest activity text in a node label, in characters. */
  readonly maxLabel?: number;
  /**
   * Flowchart only: no subgraphs, each node's label starts with its lanes'
   * titles. The form for large SOPs: Mermaid's layout of subgraphs fails
   * above ~150 steps (docs/rendering.md), a flat graph does not.
   */
  readonly flatLanes?: boolean;
}

const ENTITIES: Readonly<Record<string, string>> = {
  '#': '#35;',
  '"': '#quot;',
  "'": '#39;',
  '%': '#37;',
  '<': '#lt;',
  '>': '#gt;',
  '&': '#amp;',
  '`': '#96;',
  '\\': '#92;',
};

/**
 * Line separators and other control characters: Mermaid (and JavaScript's
 * `\s`) end a line at some of them (U+2028, U+2029, U+0085, CR, LF), which
 * would let text start a line of its own; all become one space.
 */
const SEPARATORS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * Escapes text for a quoted Mermaid label: one pass, so `#` in the text and
 * in the codes never mix. `%` is coded too, so that no `%%` (a comment, or a
 * `%%{init: ...}%%` directive that changes the theme or injects CSS) can
 * come from user text.
 */
export function escapeMermaid(text: string): string {
  return text.replace(SEPARATORS, ' ').replace(/[#"'%<>&`\\]/g, (c) => ENTITIES[c]!);
}

/** Shortens at a word boundary, with an ellipsis. */
export function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '') + '…';
}

const SHAPE: Readonly<Record<SymbolKind, [string, string]>> = {
  terminator: ['(["', '"])'],
  process: ['["', '"]'],
  decision: ['{"', '"}'],
};

export function emitMermaid(model: SopModel, options: MermaidOptions = {}): string {
  const dialect = options.dialect ?? 'swimlane';
  const max = options.maxLabel ?? 60;
  const out: string[] = [dialect === 'swimlane' ? 'swimlane-beta TB' : 'flowchart TB'];
  const laneIndex = new Map(model.lanes.map((l, i) => [l.id, i]));
  const nodeId = (step: number, lane?: number): string => (lane === undefined ? `s${step}` : `s${step}_${lane + 1}`);
  const label = (step: number): string => escapeMermaid(`${step}. ${shorten(plainText(model.steps[step - 1]!.text), max)}`);

  // Each step's node sits in its first lane; a step done by several lanes
  // has a twin node in each other lane, tied to it by a plain link.
  const home = (n: number): number => laneIndex.get(model.steps[n - 1]!.lanes[0] ?? '') ?? 0;
  const twins: string[] = [];
  if (dialect === 'flowchart' && options.flatLanes) {
    const titles = new Map(model.lanes.map((l) => [l.id, plainText(l.title)]));
    for (const s of model.steps) {
      const [open, close] = SHAPE[s.symbol];
      const who = s.lanes.map((id) => titles.get(id) ?? id).join(', ');
      out.push(`  ${nodeId(s.number)}${open}${escapeMermaid(shorten(who, max))}: ${label(s.number)}${close}`);
    }
  }
  model.lanes.forEach((lane, li) => {
    if (dialect === 'flowchart' && options.flatLanes) return;
    out.push(`  subgraph lane${li + 1}["${escapeMermaid(plainText(lane.title))}"]`);
    out.push('    direction TB');
    for (const s of model.steps) {
      const lanes = s.lanes.map((id) => laneIndex.get(id)).filter((i): i is number => i !== undefined);
      if (!lanes.includes(li)) continue;
      const [open, close] = SHAPE[s.symbol];
      const isHome = home(s.number) === li;
      out.push(`    ${isHome ? nodeId(s.number) : nodeId(s.number, li)}${open}${label(s.number)}${close}`);
      if (!isHome) twins.push(`  ${nodeId(s.number)} --- ${nodeId(s.number, li)}`);
    }
    out.push('  end');
  });
  const needsEnd = model.edges.some((e) => e.to === 'selesai' && e.label !== null);
  if (needsEnd) out.push('  selesai(["Selesai"])');
  for (const t of twins) out.push(t); // no spread: twins grow with the SOP
  for (const e of model.edges) {
    if (e.to === 'selesai' && e.label === null) continue; // a terminator ends by itself
    const to = e.to === 'selesai' ? 'selesai' : nodeId(e.to);
    out.push(`  ${nodeId(e.from)} -->${e.label ? `|${escapeMermaid(e.label)}|` : ''} ${to}`);
  }
  return out.join('\n') + '\n';
}
