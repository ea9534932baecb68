/**
 * An SOP's diagram as SVG through Mermaid, never a wrong one: the dialect is
 * chosen by size (swimlane-beta's layout grows steeply), every drawing is
 * checked in the browser (labels on their own edge, arrows ending at their
 * node, no error drawing), a swimlane drawing that fails the check is drawn
 * again in the flowchart dialect, and a diagram too large for either is
 * refused with SOP590 rather than written wrong.
 */
import { emitMermaid, type MermaidDialect } from '../emit/mermaid/mermaid.js';
import type { SopModel } from '../model/model.js';
import { LIMITS } from '../model/limits.js';
import { mermaidConfig, type MermaidTheme } from './mermaid-config.js';
import { ARROW_TOLERANCE_PX, INSPECT_SOURCE, type MermaidSvgReport } from './mermaid-inspect.js';
import { TimeoutError, type RenderSession } from './session.js';

/**
 * How a diagram is drawn: `swimlane` (swimlane-beta), `flowchart` (one
 * subgraph per lane), `flowchart-flat` (no subgraphs; each node names its
 * lanes), the last being the form that still works for large SOPs.
 */
export type DiagramForm = 'swimlane' | 'flowchart' | 'flowchart-flat';

/**
 * Limits by step count, from measurements (bench/RESULTS.md, docs/rendering.md):
 * swimlane-beta's layout grows steeply (issue 11: 50 steps 2.3 s, 100 steps
 * 15 s, 200 steps 93 s, fails from ~170; on this loaded 2-core machine 25
 * steps 7 s and 50 steps 41 s); Mermaid's flowchart layout of subgraphs fails
 * from ~200 steps ("Cannot set properties of undefined") and took 28 s at 100
 * steps under load; a flat flowchart grows about linearly (300 steps 28 s
 * under load). The limits keep every render well inside the 60 s timeout.
 */
export const SWIMLANE_MAX_STEPS = 30;
export const LANES_MAX_STEPS = 60;
/** Above this many lanes only the flat form is used: every lane is a column or box to lay out, steps or not. */
export const LANES_MAX = 20;
/** Above this many steps no SVG/PNG is made (SOP590). */
export const DIAGRAM_MAX_STEPS = LIMITS.diagramSteps;

/** The forms to try, best first, for an SOP of `steps` steps; empty when it is too large to draw (SOP590). */
export function diagramForms(steps: number, asked: MermaidDialect = 'swimlane', lanes = 1): DiagramForm[] {
  if (steps > DIAGRAM_MAX_STEPS) return [];
  const forms: DiagramForm[] = [];
  const fewLanes = lanes <= LANES_MAX;
  if (asked === 'swimlane' && steps <= SWIMLANE_MAX_STEPS && fewLanes) forms.push('swimlane');
  if (steps <= LANES_MAX_STEPS && fewLanes) forms.push('flowchart');
  forms.push('flowchart-flat');
  return forms;
}

/** The diagram of an SOP could not be drawn right; `code` says why (SOP590 when too large). */
export class DiagramError extends Error {
  constructor(
    message: string,
    readonly code: 'SOP590' | null,
    readonly report: MermaidSvgReport | null = null,
  ) {
    super(message);
  }
}

export interface DiagramOptions {
  readonly dialect?: MermaidDialect;
  readonly theme?: MermaidTheme;
}

export interface Diagram {
  readonly svg: string;
  /** The form the SVG was drawn in. */
  readonly form: DiagramForm;
  /** Set when the SVG was drawn in another dialect than asked: why. */
  readonly fallback: string | null;
}

/** The ids of decision (diamond) nodes in emitMermaid's text. */
export function decisionIds(mmd: string): string[] {
  const ids: string[] = [];
  for (const m of mmd.matchAll(/^\s*(s\d+(?:_\d+)?)\{"/gm)) ids.push(m[1]!);
  return ids;
}

/** The node ids emitMermaid gives an SOP (s1, s2_3, selesai), which the SVG must all contain. */
export function expectedNodeIds(mmd: string): string[] {
  const ids = new Set<string>();
  for (const m of mmd.matchAll(/^\s*(s\d+(?:_\d+)?|selesai)[[({]/gm)) ids.add(m[1]!);
  return [...ids];
}

/** The Mermaid text of one form. */
export function formText(model: SopModel, form: DiagramForm): string {
  return form === 'swimlane' ? emitMermaid(model) : emitMermaid(model, { dialect: 'flowchart', flatLanes: form === 'flowchart-flat' });
}

async function draw(session: RenderSession, text: string, theme: MermaidTheme): Promise<{ svg: string; report: MermaidSvgReport }> {
  const { svg, report } = await session.mermaidRender<MermaidSvgReport>(text, mermaidConfig(theme), {
    source: INSPECT_SOURCE,
    args: [expectedNodeIds(text), ARROW_TOLERANCE_PX, decisionIds(text)],
  });
  return { svg, report: report ?? { kind: 'none', nodes: 0, edges: 0, labels: 0, problems: ['not inspected'] } };
}

/**
 * Draws the SOP's diagram in the first form (see diagramForms) whose drawing
 * passes the check; throws DiagramError (SOP590 when too large) when none does.
 */
export async function renderDiagram(session: RenderSession, model: SopModel, options: DiagramOptions = {}): Promise<Diagram> {
  const theme = options.theme ?? 'mono';
  const asked = options.dialect ?? 'swimlane';
  const forms = diagramForms(model.steps.length, asked, model.lanes.length);
  if (forms.length === 0) throw new DiagramError(`${model.steps.length} steps > ${DIAGRAM_MAX_STEPS}`, 'SOP590');
  const why: string[] = [];
  if (forms[0] !== asked) why.push(`${model.steps.length} steps, ${model.lanes.length} lanes`);
  let last: MermaidSvgReport | null = null;
  for (const form of forms) {
    let drawn: { svg: string; report: MermaidSvgReport };
    try {
      drawn = await draw(session, formText(model, form), theme);
    } catch (e) {
      // A hung or dead browser was already retried by the session: trying another form would only wait again.
      if (e instanceof TimeoutError) throw e;
      why.push(`${form}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
      continue;
    }
    if (drawn.report.problems.length === 0) return { svg: drawn.svg, form, fallback: form === asked ? null : why.join('; ') };
    last = drawn.report;
    why.push(`${form}: ${drawn.report.problems.join('; ')}`);
  }
  throw new DiagramError(why.join('; '), null, last);
}
