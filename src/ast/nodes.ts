/**
 * The typed syntax tree of a `.sop` file.
 *
 * Hand-written, readonly, every node tagged by `kind` and carrying a `range`.
 * Positions are 1-based (line and column); columns count UTF-16 code units,
 * as JavaScript strings do. `end` is exclusive: it is the position just after
 * the last character of the node. `offset` is the 0-based index in the source
 * text (after a byte-order mark has been removed).
 */

export interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A piece of text as written in the source, trimmed of surrounding blanks. */
export interface TextNode {
  readonly kind: 'Text';
  readonly value: string;
  readonly range: Range;
}

/** The label of a field, as written (`label`) and in canonical spelling (`canonical`). */
export interface LabelNode {
  readonly kind: 'Label';
  /** The label as written, white space folded. */
  readonly text: string;
  /** Canonical spelling from the language tables, or null when the label is unknown. */
  readonly canonical: string | null;
  readonly range: Range;
}

/** An identifier: a lane reference, a step label (`@name`, without the `@`). */
export interface IdentNode {
  readonly kind: 'Ident';
  readonly name: string;
  readonly range: Range;
}

/** `Label: value` that belongs to a section (sub-field) or to a step (step field). */
export interface FieldNode {
  readonly kind: 'Field';
  readonly label: LabelNode;
  readonly value: TextNode | null;
  readonly range: Range;
}

/** `- text` */
export interface ListItemNode {
  readonly kind: 'ListItem';
  readonly value: TextNode | null;
  readonly range: Range;
}

/** A lane declaration under `Pelaksana`: `- id: Title` or `- Title`. */
export interface LaneDeclNode {
  readonly kind: 'LaneDecl';
  /** The explicit id, or null when the item has only a title. */
  readonly id: IdentNode | null;
  readonly title: TextNode;
  readonly range: Range;
}

/** One step of the procedure: `@label [lane, lane] activity` plus its fields. */
export interface StepNode {
  readonly kind: 'Step';
  readonly label: IdentNode | null;
  readonly lanes: readonly TextNode[];
  /** Range of the bracketed lane list, `[` to `]` inclusive. */
  readonly lanesRange: Range;
  /**
   * False when the `[` was never closed: the lanes and the text could not be
   * told apart, so both are left empty and only the missing `]` is reported.
   */
  readonly lanesClosed: boolean;
  readonly text: TextNode | null;
  readonly fields: readonly FieldNode[];
  /** Range of the step line only. */
  readonly headRange: Range;
  /** Range of the step line and its fields. */
  readonly range: Range;
}

/** Every document field known to the language (table 1). */
export type SectionKey =
  | 'nama'
  | 'nomor'
  | 'instansi'
  | 'logo'
  | 'tanggalPembuatan'
  | 'tanggalRevisi'
  | 'tanggalEfektif'
  | 'disahkanOleh'
  | 'dasarHukum'
  | 'kualifikasi'
  | 'keterkaitan'
  | 'peralatan'
  | 'peringatan'
  | 'pencatatan'
  | 'pelaksana'
  | 'prosedur';

/** A document field and everything grouped under it. */
export interface SectionNode {
  readonly kind: 'Section';
  readonly key: SectionKey;
  readonly label: LabelNode;
  /** Inline value on the label's line. */
  readonly value: TextNode | null;
  readonly items: readonly ListItemNode[];
  /** Sub-fields (`Nama`, `NIP` under `Disahkan oleh`). */
  readonly fields: readonly FieldNode[];
  /** Lanes, for `Pelaksana`. */
  readonly lanes: readonly LaneDeclNode[];
  /** Steps, for `Prosedur`. */
  readonly steps: readonly StepNode[];
  readonly range: Range;
}

/** A comment line (`# ...`), kept for the formatter. */
export interface CommentNode {
  readonly kind: 'Comment';
  /** Text after the `#`, untrimmed at the start. */
  readonly text: string;
  readonly range: Range;
}

export interface DocumentNode {
  readonly kind: 'Document';
  /** Sections in source order. A repeated section appears once (the first). */
  readonly sections: readonly SectionNode[];
  readonly comments: readonly CommentNode[];
  readonly range: Range;
}

export type AstNode =
  | DocumentNode
  | SectionNode
  | StepNode
  | FieldNode
  | ListItemNode
  | LaneDeclNode
  | LabelNode
  | IdentNode
  | TextNode
  | CommentNode;
