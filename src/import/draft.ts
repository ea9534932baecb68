/**
 * What an importer reads from a document before it is written as `.sop`
 * text: a table of positioned cells (rows × columns with text), and the
 * draft SOP made from it. Every reader (text, PDF, Word, Excel) produces
 * cells; one procedure reader (read-table.ts) turns cells into drafts; one
 * writer (emit.ts) turns drafts into formatted `.sop` text with a `#`
 * comment and a diagnostic for every guess.
 */
import type { Params } from '../diagnostics/catalog.js';

/** One cell of text. `x0`/`x1` are its horizontal extent: a column index for tab-separated text, points for a PDF. */
export interface Cell {
  readonly text: string;
  readonly x0: number;
  readonly x1: number;
  /**
   * The cell's lines, when the reader knows them and there are several (a Word cell's paragraphs and line
   * breaks, an Excel cell's line breaks, the lines of a PDF cell between stroked borders): `text` is them
   * joined. A signature block (jabatan, name, NIP) is told apart by them.
   */
  readonly lines?: readonly string[];
  /** The lines are where the printer wrapped the text (a PDF), not where its writer broke it (a Word or Excel cell). */
  readonly wrapped?: boolean;
}

/** One row of cells, left to right. */
export interface Row {
  readonly cells: readonly Cell[];
  /**
   * How cells line up with the header's columns: `index` (tab-separated text,
   * where a broken table may shift cells; read by content anchors) or
   * `position` (column-aligned text and PDF, read by horizontal overlap).
   */
  readonly mode: 'index' | 'position';
  /** Where the row came from, for messages (1-based line or page). */
  readonly origin?: string;
  /** Lanes and flows read from a drawing (PDF, Excel shapes), when the reader found them. */
  readonly drawn?: DrawnStep;
}

/** A step row's id in the whole document (PDF readers number step rows across pages). */
export type DrawnTarget = number;

/** What the drawing says about one step row (PDF vector shapes, office shapes). */
export interface DrawnStep {
  /** This step row's id, which `out` targets refer to. */
  readonly id: number;
  /** 0-based lane columns of the step's symbols (filled in by the table reader from `lanesX`). */
  readonly lanes: readonly number[];
  /** Horizontal centres of the step's symbols, in the same units as the cells' x. */
  readonly lanesX: readonly number[];
  readonly symbol: 'terminator' | 'process' | 'decision';
  /** Connectors leaving the step: target step row ids, with the Ya/Tidak label when the drawing has one. */
  readonly out: readonly { readonly to: DrawnTarget; readonly label: 'Ya' | 'Tidak' | null }[];
}

/** The import diagnostics (src/diagnostics/catalog.ts, SOP7xx). */
export type GuessCode =
  | 'SOP701'
  | 'SOP702'
  | 'SOP703'
  | 'SOP704'
  | 'SOP705'
  | 'SOP706'
  | 'SOP707'
  | 'SOP708'
  | 'SOP709'
  | 'SOP710';

/** One guess: a diagnostic at the line it produced, and the comment written above that line (Indonesian). */
export interface Guess {
  readonly code: GuessCode;
  readonly params: Params;
  /** The `#` comment, in Indonesian: what was guessed from what. */
  readonly note: string;
}

export interface DraftLane {
  readonly id: string;
  readonly title: string;
  readonly guesses: Guess[];
}

export type DraftTarget = number | 'selesai';

export interface DraftStep {
  /** Lane ids. */
  lanes: string[];
  text: string;
  kelengkapan: string;
  waktu: string;
  output: string;
  keterangan: string;
  /** Step label, set when another step points here. */
  label: string | null;
  /** 0-based step indexes (or selesai); null when not written. */
  ya: DraftTarget | null;
  tidak: DraftTarget | null;
  lanjut: DraftTarget | null;
  readonly guesses: Guess[];
}

export type ListKey = 'instansi' | 'dasarHukum' | 'kualifikasi' | 'keterkaitan' | 'peralatan' | 'peringatan' | 'pencatatan';
export type ScalarKey = 'nama' | 'nomor' | 'tanggalPembuatan' | 'tanggalRevisi' | 'tanggalEfektif' | 'disahkanOleh' | 'approverNama' | 'approverNip';

export interface Draft {
  scalars: Partial<Record<ScalarKey, string>>;
  lists: Partial<Record<ListKey, string[]>>;
  /** Guesses about a document field, written above its line. */
  readonly fieldGuesses: Partial<Record<ScalarKey | ListKey | 'pelaksana', Guess[]>>;
  lanes: DraftLane[];
  steps: DraftStep[];
  /** Where the procedure table was found, for messages. */
  origin: string;
}

export function newStep(): DraftStep {
  return { lanes: [], text: '', kelengkapan: '', waktu: '', output: '', keterangan: '', label: null, ya: null, tidak: null, lanjut: null, guesses: [] };
}

export function addFieldGuess(d: Draft, key: keyof Draft['fieldGuesses'], g: Guess): void {
  (d.fieldGuesses[key] ??= []).push(g);
}
