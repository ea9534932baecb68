/**
 * Tokens of the `.sop` language, in match order, per lexer mode.
 *
 * The language is line-oriented, so the lexer has three modes:
 * - `line`: the start of a line, where the line's kind is decided;
 * - `text`: the rest of a line after a label, a dash or a lane list: literal text;
 * - `lanes`: inside `[ ... ]` on a step line;
 * - `afterLabel`: after `@label`, where `[` or the activity text follows.
 * A line end returns to `line` mode. Comments are kept in the `comments` group
 * (not skipped) so that the formatter can keep them.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

/** Abstract category of every line end, whatever mode produced it. */
export const Eol = createToken({ name: 'Eol', pattern: Lexer.NA });

export const Newline = createToken({
  name: 'Newline',
  pattern: /\r\n|\r|\n/,
  line_breaks: true,
  categories: [Eol],
});
/** A line end in `text` or `lanes` mode: pops back to `line` mode. */
export const NewlinePop = createToken({
  name: 'NewlinePop',
  pattern: /\r\n|\r|\n/,
  line_breaks: true,
  categories: [Eol],
  pop_mode: true,
});

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED, line_breaks: false });

const commentRe = /#[^\r\n]*/y;
/** `#` is a comment only as the first non-blank character of a line; elsewhere it is text. */
export const Comment = createToken({
  name: 'Comment',
  pattern: {
    exec: (text: string, offset: number): RegExpExecArray | null => {
      for (let i = offset - 1; i >= 0; i--) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) break;
        if (c !== 32 && c !== 9 && c !== 0xfeff && c !== 12 && c !== 11 && c !== 0xa0) return null;
      }
      commentRe.lastIndex = offset;
      return commentRe.exec(text);
    },
  },
  start_chars_hint: ['#'],
  line_breaks: false,
  group: 'comments',
});

/**
 * `Label:` at the start of a line. A label starts with a letter or digit and
 * holds letters, digits, spaces, `/`, `.`, `-`; it ends at the first `:`.
 */
export const FieldLabel = createToken({
  name: 'FieldLabel',
  line_breaks: false,
  pattern: /[A-Za-z0-9\u00c0-\uffff][A-Za-z0-9\u00c0-\uffff \t/.-]*:/,
  push_mode: 'text',
});

/**
 * `2)`, `2.` or `b)` before a step, as pasted from a word processor's
 * numbered list. Lexed (only when a lane list or a step label follows) so
 * that the step still parses; the number is reported as SOP115.
 */
export const StepNumber = createToken({ name: 'StepNumber', pattern: /(?:\d{1,4}|[a-zA-Z])[.)](?=[ \t]+[[@])/, line_breaks: false });

/** `-` that starts a list item. */
export const Dash = createToken({ name: 'Dash', pattern: /-/, push_mode: 'text', line_breaks: false });

/** `@name` that labels a step. Anything up to a blank or `[` is taken, so that a bad name is reported as one. */
// U+2028/U+2029 are part of the name (then reported as a bad name), never the blank that ends it.
export const StepLabel = createToken({ name: 'StepLabel', pattern: /@(?:[^\s[\]]|[\u2028\u2029])*/, push_mode: 'afterLabel', line_breaks: false });

export const LBracket = createToken({ name: 'LBracket', pattern: /\[/, push_mode: 'lanes', line_breaks: false });
/** `[` right after a step label: leaves `afterLabel` mode for `lanes`. */
export const LBracketAfterLabel = createToken({
  name: 'LBracketAfterLabel',
  line_breaks: false,
  pattern: /\[/,
  categories: [LBracket],
  pop_mode: true,
  push_mode: 'lanes',
});

/** A line that is none of the known kinds: taken whole, reported by the parser. */
export const Other = createToken({ name: 'Other', pattern: /[^\r\n]+/, line_breaks: false });

/** Literal text to the end of the line. */
export const Text = createToken({ name: 'Text', pattern: /[^\r\n]+/, line_breaks: false });

export const LaneName = createToken({ name: 'LaneName', pattern: /[^\],\r\n]+/, line_breaks: false });
export const Comma = createToken({ name: 'Comma', pattern: /,/, line_breaks: false });
/** `]` ends the lane list; the activity text follows in `text` mode. */
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/, pop_mode: true, push_mode: 'text', line_breaks: false });

/*
 * Every token but the line ends says `line_breaks: false` (none can match \r or \n): without
 * it chevrotain parses each pattern with regexp-to-ast on every start to find out (issue 19 item 14).
 */
export const lexerDefinition = {
  modes: {
    line: [Newline, WhiteSpace, Comment, StepNumber, FieldLabel, Dash, StepLabel, LBracket, Other],
    text: [NewlinePop, WhiteSpace, Text],
    lanes: [NewlinePop, WhiteSpace, Comma, RBracket, LaneName],
    afterLabel: [NewlinePop, WhiteSpace, LBracketAfterLabel, Text],
  },
  defaultMode: 'line',
};

export const allTokens: TokenType[] = [
  Eol,
  Newline,
  NewlinePop,
  WhiteSpace,
  Comment,
  StepNumber,
  FieldLabel,
  Dash,
  StepLabel,
  LBracket,
  LBracketAfterLabel,
  Other,
  Text,
  LaneName,
  Comma,
  RBracket,
];

/**
 * One lexer instance, reused: chevrotain lexers are stateless between calls.
 * `safeMode` skips the first-character analysis, which can never pay here:
 * every mode has a complement pattern (`[^\r\n]+`), so chevrotain turns the
 * optimisation off for every mode anyway, after ~15 ms of analysing the
 * `\u00c0-\uffff` range of FieldLabel on each start (issue 19 item 14).
 * Validations run when SOP_VALIDATE_GRAMMAR=1 (test/cold-start.test.ts).
 */
export const sopLexer = new Lexer(lexerDefinition, {
  positionTracking: 'full',
  ensureOptimizations: false,
  safeMode: true,
  skipValidations: process.env['SOP_VALIDATE_GRAMMAR'] !== '1',
});
