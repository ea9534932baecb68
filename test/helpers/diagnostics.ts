/**
 * Test helpers shipped with the tests (after Langium's): compact rendering of
 * diagnostics for golden files, and `expectDiagnostic`.
 */
import { expect } from 'vitest';
import { check, type Diagnostic } from '../../src/index.js';

/** One line per diagnostic: `3:1-3:9 error SOP102 message`. */
export function renderDiagnostics(diags: readonly Diagnostic[]): string {
  return (
    diags
      .map((d) => {
        const r = d.range;
        const rel = (d.related ?? []).map((x) => ` (${x.message} ${x.range.start.line}:${x.range.start.column})`).join('');
        const hint = d.hint ? `\n    hint: ${d.hint}` : '';
        return `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column} ${d.severity} ${d.code} ${d.message}${rel}${hint}`;
      })
      .join('\n') + '\n'
  );
}

/** Asserts that `source` yields a diagnostic with `code` starting at `line` (and `column`, when given). */
export function expectDiagnostic(source: string, want: { code: string; line: number; column?: number }): Diagnostic {
  const diags = check(source);
  const found = diags.find(
    (d) => d.code === want.code && d.range.start.line === want.line && (want.column === undefined || d.range.start.column === want.column),
  );
  expect(found, `expected ${want.code} at ${want.line}:${want.column ?? '*'}, got:\n${renderDiagnostics(diags)}`).toBeDefined();
  return found!;
}
