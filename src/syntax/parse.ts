/**
 * Source text to AST: strips a byte-order mark, lexes, parses, builds the AST.
 * Never throws for any input.
 */
import type { DocumentNode } from '../ast/nodes.js';
import type { DiagnosticInput } from '../diagnostics/diagnostic.js';
import { cstToAst } from './cst-to-ast.js';
import type { DocumentCstNode } from './cst.js';
import { sopParser } from './parser.js';
import { sopLexer } from './tokens.js';
import { pushAll } from '../util/array.js';

export interface ParseResult {
  readonly ast: DocumentNode;
  /** The text the ranges refer to: the source without its byte-order mark. */
  readonly text: string;
  readonly diagnostics: readonly DiagnosticInput[];
}

// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0008\u000e-\u001f\u007f]/;

/** Parses one `.sop` text. */
export function parseSop(source: string): ParseResult {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const diagnostics: DiagnosticInput[] = [];
  const control = CONTROL_RE.exec(text);
  if (control) {
    const before = text.slice(0, control.index);
    const line = (before.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
    const column = control.index - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) ;
    const start = { line, column, offset: control.index };
    diagnostics.push({ code: 'SOP114', range: { start, end: { line, column: column + 1, offset: control.index + 1 } } });
  }
  const lexed = sopLexer.tokenize(text);
  sopParser.input = lexed.tokens;
  const cst = sopParser.document() as DocumentCstNode;
  for (const e of sopParser.errors) {
    // The grammar accepts every line the lexer makes; this is a safety net.
    const t = e.token;
    const start = { line: t.startLine ?? 1, column: t.startColumn ?? 1, offset: t.startOffset };
    diagnostics.push({
      code: 'SOP101',
      range: { start, end: { ...start, column: start.column + Math.max(1, t.image.length), offset: start.offset + Math.max(1, t.image.length) } },
      params: { text: t.image.slice(0, 60), numbered: 0 },
    });
  }
  const built = cstToAst(cst, lexed.groups['comments'] ?? [], text);
  pushAll(diagnostics, built.diagnostics);
  return { ast: built.ast, text, diagnostics };
}
