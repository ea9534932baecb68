/**
 * The library API of sop. Pure: it never touches the file system or exits
 * the process (the CLI, the language server and the renderer do that).
 */
export type * from './ast/nodes.js';
export type { Diagnostic, Severity, RelatedLocation } from './diagnostics/diagnostic.js';
export { CATALOG, type DiagnosticCode, type Lang } from './diagnostics/catalog.js';
export { translate, hasErrors } from './diagnostics/diagnostic.js';
export type { SopModel, Step, Lane, FlowEdge, FlowTarget, SymbolKind } from './model/model.js';
export type { SopConfig, PaperSize, OutputFormat } from './model/config.js';
export { validateConfig } from './model/config.js';
export { parseDate, formatDateId } from './model/dates.js';
export { parseDuration } from './model/duration.js';
export { checkProject, type ProjectInput, type ProjectResult, type ProjectFileResult } from './check/project.js';
export { formatCodeFrame } from './diagnostics/code-frame.js';

import type { DocumentNode } from './ast/nodes.js';
import { checkText, type CheckOptions, type FileResult } from './check/check.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { makeDiagnostic } from './diagnostics/diagnostic.js';
import { parseSop } from './syntax/parse.js';
import { diffSops, type Change } from './diff/diff.js';

export type { CheckOptions, FileResult };

/** Parses a `.sop` text into its AST, with the syntax diagnostics only. */
export function parse(source: string, options: CheckOptions = {}): { ast: DocumentNode; diagnostics: Diagnostic[] } {
  const r = parseSop(source);
  return { ast: r.ast, diagnostics: r.diagnostics.map((d) => makeDiagnostic(d, options.lang ?? 'id', options.file ?? '')) };
}

/** Parses and checks a `.sop` text: every diagnostic of the file, sorted by position. */
export function check(source: string, options: CheckOptions = {}): readonly Diagnostic[] {
  return checkText(source, options).diagnostics;
}

/** Parses, checks and builds the model of a `.sop` text. */
export function compile(source: string, options: CheckOptions = {}): FileResult {
  return checkText(source, options);
}

export { formatSop as format, type FormatResult } from './format/format.js';
export { diffSops, matchSteps, type ChangeKind } from './diff/diff.js';
export type { Change };

/** The semantic diff of two `.sop` texts (old first). */
export function diff(before: string, after: string): Change[] {
  return diffSops(checkText(before), checkText(after));
}
