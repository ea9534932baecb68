/**
 * One file: parse, build the model, run every rule. Pure; never throws for
 * a user's mistake.
 */
import type { DocumentNode } from '../ast/nodes.js';
import type { Lang } from '../diagnostics/catalog.js';
import { compareDiagnostics, makeDiagnostic, type Diagnostic, type DiagnosticInput } from '../diagnostics/diagnostic.js';
import { buildModel, type ModelFacts } from '../model/build-model.js';
import type { SopConfig } from '../model/config.js';
import type { SopModel } from '../model/model.js';
import { parseSop } from '../syntax/parse.js';
import { RULES } from './registry.js';

export interface CheckOptions {
  /** The file's path, as it should appear in diagnostics. */
  readonly file?: string;
  readonly config?: SopConfig;
  readonly lang?: Lang;
}

export interface FileResult {
  readonly file: string;
  /** The source without its byte-order mark: the text ranges refer to. */
  readonly text: string;
  readonly ast: DocumentNode;
  readonly model: SopModel;
  readonly facts: ModelFacts;
  /** Sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Parses and checks one `.sop` text. */
export function checkText(source: string, options: CheckOptions = {}): FileResult {
  const file = options.file ?? '';
  const lang = options.lang ?? 'id';
  const parsed = parseSop(source);
  const { model, facts } = buildModel(parsed.ast, options.config);
  const inputs: DiagnosticInput[] = [...parsed.diagnostics];
  const ctx = { text: parsed.text, ast: parsed.ast, model, facts, report: (d: DiagnosticInput) => void inputs.push(d) };
  for (const rule of RULES) rule.run(ctx);
  const levels: Readonly<Record<string, string>> = options.config?.checks ?? {};
  const diagnostics = dropEchoes(inputs)
    .filter((d) => levels[d.code] !== 'off')
    .map((d) => makeDiagnostic(d, lang, file))
    // A project may raise or lower the advisory checks (sop.config.json "checks").
    .map((d) => (levels[d.code] === 'info' || levels[d.code] === 'warning' ? { ...d, severity: levels[d.code] as 'info' | 'warning' } : d))
    .sort(compareDiagnostics);
  return { file, text: parsed.text, ast: parsed.ast, model, facts, diagnostics };
}

/**
 * One mistake, one diagnostic: a misspelt label (`Nmaa SOP`) is reported as
 * unknown with its suggestion; the "missing field" that follows from it is
 * the same mistake and is dropped.
 */
function dropEchoes(inputs: readonly DiagnosticInput[]): DiagnosticInput[] {
  const suggested = new Set(inputs.filter((d) => d.code === 'SOP102').map((d) => d.params?.['suggestion']));
  return inputs.filter((d) => !((d.code === 'SOP401' || d.code === 'SOP402') && suggested.has(d.params?.['label'])));
}
