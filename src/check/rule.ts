/**
 * A checker rule: one check, one file under `rules/`, with a doc comment
 * that says the rule in a sentence (after graphql-js's validation rules).
 */
import type { DocumentNode } from '../ast/nodes.js';
import type { DiagnosticCode } from '../diagnostics/catalog.js';
import type { DiagnosticInput } from '../diagnostics/diagnostic.js';
import type { ModelFacts } from '../model/build-model.js';
import type { SopModel } from '../model/model.js';

export interface RuleContext {
  /** The source the ranges refer to (without its byte-order mark). */
  readonly text: string;
  readonly ast: DocumentNode;
  readonly model: SopModel;
  readonly facts: ModelFacts;
  report(d: DiagnosticInput): void;
}

export interface Rule {
  /** kebab-case name, as the file. */
  readonly name: string;
  /** The codes this rule may report. */
  readonly codes: readonly DiagnosticCode[];
  run(ctx: RuleContext): void;
}
