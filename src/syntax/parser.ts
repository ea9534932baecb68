/**
 * The grammar of `.sop`, as a chevrotain CstParser: a pure grammar with no
 * embedded actions; meaning is added by `cst-to-ast.ts`.
 *
 * The grammar is deliberately total over lines: every line the lexer can
 * produce has a parse (an unknown line parses as `other`), so a mistake on one
 * line never disturbs the next. The AST builder reports what a line means
 * wrongly (unknown label, missing `]`, ...).
 */
import { CstParser, type CstNode, type IToken } from 'chevrotain';
import {
  allTokens,
  Comma,
  Dash,
  Eol,
  FieldLabel,
  LaneName,
  LBracket,
  Other,
  RBracket,
  StepLabel,
  StepNumber,
  Text,
} from './tokens.js';

export class SopParser extends CstParser {
  constructor() {
    // The grammar's validations (ambiguities, left recursion) cost ~20 ms on every start of
    // `sop`; they run when SOP_VALIDATE_GRAMMAR=1, as the tests do (test/cold-start.test.ts).
    super(allTokens, { recoveryEnabled: true, nodeLocationTracking: 'none', skipValidations: process.env['SOP_VALIDATE_GRAMMAR'] !== '1' });
    this.performSelfAnalysis();
  }

  /** document := (line Eol?)* — blank lines are bare Eol tokens. */
  public readonly document = this.RULE('document', () => {
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.SUBRULE(this.line);
            this.OPTION(() => this.CONSUME(Eol));
          },
        },
        { ALT: () => this.CONSUME2(Eol) },
      ]);
    });
  });

  public readonly line = this.RULE('line', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.field) },
      { ALT: () => this.SUBRULE(this.listItem) },
      { ALT: () => this.SUBRULE(this.step) },
      { ALT: () => this.SUBRULE(this.other) },
    ]);
  });

  /** `Label: value` */
  public readonly field = this.RULE('field', () => {
    this.CONSUME(FieldLabel);
    this.OPTION(() => this.CONSUME(Text));
  });

  /** `- text` */
  public readonly listItem = this.RULE('listItem', () => {
    this.CONSUME(Dash);
    this.OPTION(() => this.CONSUME(Text));
  });

  /** `@label [lane, lane] activity`, the label optional; a pasted number (`2)`) before it is kept for SOP115. */
  public readonly step = this.RULE('step', () => {
    this.MANY(() => this.CONSUME(StepNumber));
    this.OR([
      {
        ALT: () => {
          this.CONSUME(StepLabel);
          this.OPTION(() => this.SUBRULE(this.laneList));
          this.OPTION2(() => this.CONSUME(Text));
        },
      },
      {
        ALT: () => {
          this.SUBRULE2(this.laneList);
          this.OPTION3(() => this.CONSUME2(Text));
        },
      },
    ]);
  });

  /** `[a, b]` — names and commas in any order; the AST builder judges them. `]` may be missing. */
  public readonly laneList = this.RULE('laneList', () => {
    this.CONSUME(LBracket);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(LaneName) }, { ALT: () => this.CONSUME(Comma) }]);
    });
    this.OPTION(() => this.CONSUME(RBracket));
  });

  /** A line of no known kind. */
  public readonly other = this.RULE('other', () => {
    this.CONSUME(Other);
  });
}

/** The one parser instance; chevrotain parsers are reset by assigning `input`. */
export const sopParser = new SopParser();

export interface RawParse {
  readonly cst: CstNode;
  readonly comments: readonly IToken[];
  readonly lexErrors: readonly { offset: number; line: number | undefined; column: number | undefined; length: number }[];
  readonly parseErrors: readonly { token: IToken; message: string }[];
}

export { sopLexer } from './tokens.js';
