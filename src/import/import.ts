/**
 * `sop import`'s library side: rows of cells from any reader → one formatted
 * `.sop` draft per procedure table found, with its guesses as diagnostics.
 * Pure: no file system, no network.
 */
import { checkText } from '../check/check.js';
import type { Lang } from '../diagnostics/catalog.js';
import { compareDiagnostics, makeDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Guess, Row } from './draft.js';
import { emitDraft } from './emit.js';
import { ImportError } from './error.js';
import { inferProcedure } from './infer.js';
import { sayMended, type MendOptions } from './mend.js';
import { readTables } from './read-table.js';
import { textToRows } from './text.js';
import { slugWords } from './words.js';

export interface ImportedSop {
  /** The SOP's name (Nama SOP), possibly empty. */
  readonly name: string;
  /** A safe file name for it: lower-case words joined by `-`, `.sop`. */
  readonly fileName: string;
  /** The formatted `.sop` text. */
  readonly text: string;
  /** One diagnostic per guess (SOP7xx), at the line it produced. */
  readonly guesses: readonly Diagnostic[];
  /** What `sop check` says about the draft. */
  readonly check: readonly Diagnostic[];
}

export interface ImportOptions {
  /** The input's name, written in the draft's header comment. */
  readonly source: string;
  readonly lang?: Lang;
}

/** Drafts from rows of cells (any reader); `mend` says what the reader changed in the text, for the draft's SOP706 comments. */
export function importRows(rows: readonly Row[], opts: ImportOptions, mend: MendOptions = { htmlItalics: false }): ImportedSop[] {
  const lang = opts.lang ?? 'id';
  const out: ImportedSop[] = [];
  const names = new Set<string>();
  for (const t of readTables(rows)) {
    const d = t.draft;
    inferProcedure(d, t.raw);
    numbering(t.raw.map((r) => r.number), (i, note, params) => t.raw[i]!.step.guesses.unshift({ code: 'SOP707', params, note }));
    d.steps = t.raw.map((r) => r.step);
    sayMended(d, mend);
    const e = emitDraft(d, opts.source);
    if (tooLarge(e.text)) throw draftTooLarge();
    const name = d.scalars.nama ?? '';
    let base = fileBase(name) || 'sop-impor';
    for (let n = 2; names.has(base); n++) base = `${fileBase(name) || 'sop-impor'}-${n}`;
    names.add(base);
    const checked = checkText(e.text, { lang, file: `${base}.sop` });
    out.push({
      name,
      fileName: `${base}.sop`,
      text: e.text,
      guesses: e.guesses.map((g) => makeDiagnostic(g, lang, `${base}.sop`)).sort(compareDiagnostics),
      check: checked.diagnostics,
    });
  }
  return out;
}

/** Drafts from text (tab-separated or column-aligned); `fileNotes` say how the file's bytes were read (input.ts decodeText), above each draft's Nama SOP. */
export function importText(text: string, opts: ImportOptions, fileNotes: readonly Guess[] = []): ImportedSop[] {
  return importRows(textToRows(text), opts, { htmlItalics: true, fileNotes });
}

/**
 * The largest draft written: the largest source `sop check` reads (SOURCE_MAX_BYTES, src/project/io.ts, which
 * the browser bundle cannot import; test/import-fidelity.test.ts holds them equal). With every cell cut at
 * MAX_CELL characters only a document of very many long cells comes near it.
 */
export const DRAFT_MAX_BYTES = 10 * 1024 * 1024;

/** Whether `text` is over DRAFT_MAX_BYTES in UTF-8 (at most 3 bytes a UTF-16 unit, so most texts are not encoded). */
function tooLarge(text: string): boolean {
  return text.length * 3 > DRAFT_MAX_BYTES && new TextEncoder().encode(text).length > DRAFT_MAX_BYTES;
}

function draftTooLarge(): ImportError {
  const mb = DRAFT_MAX_BYTES / (1024 * 1024);
  return new ImportError(
    `draf dari berkas ini lebih dari ${mb} MB, batas yang dibaca \`sop check\`: pecah dokumennya menjadi beberapa berkas`,
    `a draft from this file would be over ${mb} MB, the limit \`sop check\` reads: split the document into several files`,
  );
}

/** A file name from a name: ASCII words, lower case, at most 80 characters, never a dot file or a path. */
export function fileBase(name: string): string {
  let s = slugWords(name).join('-');
  if (s.length > 80) s = s.slice(0, 80).replace(/-[^-]*$/, '');
  return s;
}

/** Gaps and missing numbers in the source's step numbering, as guesses on the steps. */
function numbering(nums: readonly (number | null)[], add: (i: number, note: string, params: Record<string, string | number>) => void): void {
  let expect = 1;
  nums.forEach((n, i) => {
    if (n === null) add(i, `SOP707: baris tanpa nomor dibaca sebagai langkah ${i + 1}.`, { step: i + 1, found: '-' });
    else if (n !== expect) add(i, `SOP707: nomor ${n} di sumber; dinomori ulang ${i + 1}.`, { step: i + 1, found: n });
    expect = (n ?? expect) + 1;
  });
}
