/**
 * An input file's bytes → drafts: the kind is told by content (a PDF starts
 * `%PDF-`, Word and Excel files are zip archives), never by the name alone.
 * Every refusal is an ImportError with a message in both languages; nothing
 * here touches the file system or the network.
 */
import type { Lang } from '../diagnostics/catalog.js';
import type { Row } from './draft.js';
import { ImportError } from './error.js';
import { importRows, importText, type ImportedSop } from './import.js';

export { ImportError };

export type InputKind = 'text' | 'pdf' | 'docx' | 'xlsx' | 'zip';

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
  return 'text';
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Text bytes as a string: UTF-8 (with or without a byte-order mark) or UTF-16 with its mark; anything else is refused. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new ImportError('bukan berkas teks, PDF, Word (.docx) atau Excel (.xlsx) yang dikenali', 'not a text, PDF, Word (.docx) or Excel (.xlsx) file');
  }
  try {
    return decoder.decode(bytes);
  } catch {
    // Text exported by older office programs is often Windows-1252: read it as such rather than refuse.
    return new TextDecoder('windows-1252').decode(bytes);
  }
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
}

/** Reads one input file's bytes into drafts. Throws ImportError for input it cannot read. */
export async function importBytes(bytes: Uint8Array, opts: InputOptions): Promise<ImportedSop[]> {
  const kind = kindOf(bytes);
  const o = { source: opts.source, ...(opts.lang ? { lang: opts.lang } : {}) };
  if (kind === 'text') {
    if (bytes.length > INPUT_MAX_BYTES.text) throw tooBig(bytes.length, INPUT_MAX_BYTES.text);
    return importText(decodeText(bytes), o);
  }
  if (kind === 'pdf') {
    if (bytes.length > INPUT_MAX_BYTES.pdf) throw tooBig(bytes.length, INPUT_MAX_BYTES.pdf);
    const read = opts.readPdf ?? (await import('./pdf.js')).pdfToRows;
    const rows = await read(bytes, { deadlineMs: opts.deadlineMs ?? 20_000 });
    return importRows(rows, o);
  }
  if (bytes.length > INPUT_MAX_BYTES.office) throw tooBig(bytes.length, INPUT_MAX_BYTES.office);
  const { officeToRows } = await import('./office.js');
  return importRows(await officeToRows(bytes), o);
}

function tooBig(n: number, max: number): ImportError {
  const mb = (x: number): string => (x / (1024 * 1024)).toFixed(1);
  return new ImportError(`terlalu besar (${mb(n)} MB; batasnya ${mb(max)} MB)`, `too large (${mb(n)} MB; the limit is ${mb(max)} MB)`);
}
