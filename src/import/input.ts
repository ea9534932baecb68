/**
 * An input file's bytes → drafts: the kind is told by content (a PDF starts
 * `%PDF-`, Word and Excel files are zip archives), never by the name alone.
 * Every refusal is an ImportError with a message in both languages; nothing
 * here touches the file system or the network.
 */
import type { Lang } from '../diagnostics/catalog.js';
import { dropControls } from './clean.js';
import type { Guess, Row } from './draft.js';
import { ImportError } from './error.js';
import { importRows, importText, type ImportedSop } from './import.js';

export { ImportError };

export type InputKind = 'text' | 'pdf' | 'docx' | 'xlsx' | 'zip' | 'ole';

/** Size caps of an input file, by kind, in bytes. */
export const INPUT_MAX_BYTES: Readonly<Record<'text' | 'pdf' | 'office', number>> = {
  text: 5 * 1024 * 1024,
  pdf: 50 * 1024 * 1024,
  office: 20 * 1024 * 1024,
};

/** The largest input the language server takes as base64 (`sop/import`): the PDF cap, encoded. */
export const IMPORT_MAX_BASE64 = Math.ceil((50 * 1024 * 1024) / 3) * 4;

export function kindOf(bytes: Uint8Array): InputKind {
  let head = '';
  for (const b of bytes.subarray(0, 1024)) head += String.fromCharCode(b);
  if (head.includes('%PDF-')) return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'zip';
  // An OLE2 compound file: Word 97–2003 (.doc), Excel (.xls), PowerPoint.
  if ([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((b, k) => bytes[k] === b)) return 'ole';
  return 'text';
}

/** WHATWG windows-1252 for 0x80–0x9F (the rest is Latin-1): Node's decoder of that name reads them as C1 controls, which cleanCell drops. */
const CP1252_C1 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** A text file's characters, and, when its bytes were not plain UTF-8 or UTF-16, a SOP706 note saying how they were read. */
export interface DecodedText {
  readonly text: string;
  readonly note: Guess | null;
}

/**
 * Text bytes as a string: UTF-16 with its mark; UTF-8 (with or without a
 * byte-order mark), also when a few bytes are not UTF-8 (written U+FFFD,
 * said by a note); else Windows-1252 (said by a note). Bytes with NULs and
 * no UTF-16 mark are refused.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), note: null };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), note: null };
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new ImportError('bukan berkas teks, PDF, Word (.docx), Excel (.xlsx) atau OpenDocument (.odt, .ods) yang dikenali', 'not a text, PDF, Word (.docx), Excel (.xlsx) or OpenDocument (.odt, .ods) file');
  }
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  // Invalid sequences, and the characters past ASCII that were read right (a real U+FFFD in the file is one of those).
  let replaced = 0;
  let wide = 0;
  for (let i = 0; i < utf8.length; i++) {
    const c = utf8.charCodeAt(i);
    if (c === 0xfffd) replaced++;
    else if (c >= 0x80 && (c < 0xdc00 || c > 0xdfff)) wide++;
  }
  const real = countReplacementBytes(bytes);
  const bad = replaced - real;
  if (bad === 0) return { text: utf8, note: null };
  // UTF-8 with a few damaged bytes: more characters read right than bytes that fail.
  if (wide + real >= bad) {
    const sample = around(utf8, utf8.indexOf('\ufffd'));
    return { text: utf8, note: { code: 'SOP706', params: { text: sample, mend: 'utf8' }, note: `SOP706: berkas UTF-8 dengan ${bad} bita rusak, ditulis \ufffd (misalnya "${sample}"): periksa teks di sekitarnya.` } };
  }
  // Text exported by older office programs is often Windows-1252: read it as such rather than refuse.
  const text = new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!);
  const sample = around(text, text.search(/[^\x00-\x7f]/));
  return { text, note: { code: 'SOP706', params: { text: sample, mend: 'cp1252' }, note: `SOP706: berkas bukan UTF-8; dibaca sebagai Windows-1252 (misalnya "${sample}"): periksa huruf selain A-Z.` } };
}

export interface InputOptions {
  readonly source: string;
  readonly lang?: Lang;
  /** Wall-clock budget for one file, in milliseconds (PDF and office readers check it). */
  readonly deadlineMs?: number;
  /**
   * How a PDF is read: by default in this thread (src/import/pdf.ts: the playground, the tests); `sop import`
   * and the language server read it in a process of their own (src/import/pdf-process.ts).
   */
  readonly readPdf?: (bytes: Uint8Array, opts: { readonly deadlineMs: number }) => Promise<Row[]>;
  /** How an office file is read: by default in this thread (src/import/office.ts); `sop import` and the language server, apart (pdf-process.ts). */
  readonly readOffice?: (bytes: Uint8Array, opts: { readonly deadlineMs: number }) => Promise<Row[]>;
}

/** Reads one input file's bytes into drafts. Throws ImportError for input it cannot read. */
export async function importBytes(bytes: Uint8Array, opts: InputOptions): Promise<ImportedSop[]> {
  const kind = kindOf(bytes);
  // Said as what it is, not "no procedure table found": an empty file, or one named as an office document that is none.
  if (bytes.length === 0) throw new ImportError('berkas kosong', 'the file is empty');
  const office = /\.(docx|xlsx|odt|ods)$/i.exec(opts.source)?.[1];
  if (office && kind !== 'zip')
    throw new ImportError(
      `berkas bernama .${office.toLowerCase()} ini bukan dokumen Word/Excel/OpenDocument (isinya bukan zip): mungkin rusak, terpotong, atau berkas lain yang diganti namanya`,
      `this file named .${office.toLowerCase()} is no Word/Excel/OpenDocument document (it is not a zip): it may be damaged, cut short, or another file renamed`,
    );
  const o = { source: opts.source, ...(opts.lang ? { lang: opts.lang } : {}) };
  if (kind === 'text') {
    if (bytes.length > INPUT_MAX_BYTES.text) throw tooBig(bytes.length, INPUT_MAX_BYTES.text);
    const { text, note } = decodeText(bytes);
    return importText(text, o, note ? [note] : []);
  }
  if (kind === 'ole') {
    throw new ImportError(
      'dokumen Word/Excel format lama (.doc, .xls) belum dibaca: buka di Word, Excel atau LibreOffice, lalu simpan ulang sebagai .docx/.xlsx (atau .odt/.ods) atau PDF',
      'an old-format Word/Excel document (.doc, .xls) is not read: open it in Word, Excel or LibreOffice and save it again as .docx/.xlsx (or .odt/.ods) or PDF',
    );
  }
  if (kind === 'pdf') {
    if (bytes.length > INPUT_MAX_BYTES.pdf) throw tooBig(bytes.length, INPUT_MAX_BYTES.pdf);
    const read = opts.readPdf ?? (await import('./pdf.js')).pdfToRows;
    const rows = await read(bytes, { deadlineMs: opts.deadlineMs ?? 20_000 });
    return importRows(rows, o);
  }
  if (bytes.length > INPUT_MAX_BYTES.office) throw tooBig(bytes.length, INPUT_MAX_BYTES.office);
  const readOffice = opts.readOffice ?? (await import('./office.js')).officeToRows;
  return importRows(await readOffice(bytes, { deadlineMs: opts.deadlineMs ?? 20_000 }), o);
}

function tooBig(n: number, max: number): ImportError {
  const mb = (x: number): string => (x / (1024 * 1024)).toFixed(1);
  return new ImportError(`terlalu besar (${mb(n)} MB; batasnya ${mb(max)} MB)`, `too large (${mb(n)} MB; the limit is ${mb(max)} MB)`);
}

/** How many U+FFFD the file itself holds (bytes EF BF BD). */
function countReplacementBytes(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0xef); i >= 0 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) n++;
  return n;
}

/** The words around offset `at` on its line (about 40 characters, whole words), for a comment. */
function around(text: string, at: number): string {
  if (at < 0) return '';
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
  let start = Math.max(lineStart, at - 20);
  let end = Math.min(lineEnd, at + 20);
  // Whole words: a word cut at either end is left out, unless it holds the character itself.
  if (start > lineStart) start = Math.min(at, text.slice(start, at).search(/\s/) < 0 ? start : start + text.slice(start, at).search(/\s/) + 1);
  if (end < lineEnd) {
    const cut = text.slice(at + 1, end).search(/\s[^\s]*$/);
    if (cut >= 0) end = at + 1 + cut;
  }
  return dropControls(text.slice(start, end)).replace(/\s+/g, ' ').trim();
}
