/**
 * The playground's importer (`import.js`), loaded by the page only when a
 * file is dropped or chosen: `sop import` bundled for the browser. The
 * importer itself (src/import/) uses nothing of Node: zip entries are
 * inflated by the browser's DecompressionStream, XML is read by its own
 * small parser. pdf.js runs in the page (its worker's message handler set
 * on globalThis.pdfjsWorker, so no Worker is started and no script is
 * fetched). Everything stays in the browser: nothing is uploaded.
 */
import * as pdfWorker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import { INPUT_MAX_BYTES, ImportError, importBytes } from '../src/import/input.js';
import type { Lang } from '../src/diagnostics/catalog.js';

(globalThis as unknown as { pdfjsWorker: unknown }).pdfjsWorker = pdfWorker;

export interface PlaygroundDraft {
  readonly name: string;
  readonly fileName: string;
  readonly text: string;
  readonly guesses: number;
}

/** One file's drafts, or the reason it was refused (in the page's language). */
async function importFile(file: Blob & { name: string }, lang: Lang): Promise<{ drafts: PlaygroundDraft[] } | { error: string }> {
  // The largest input of any kind (the PDF cap): refused before a byte of it is read.
  if (file.size > INPUT_MAX_BYTES.pdf) return { error: new ImportError(`terlalu besar (${(file.size / 1048576).toFixed(1)} MB; batasnya ${INPUT_MAX_BYTES.pdf / 1048576} MB)`, `too large (${(file.size / 1048576).toFixed(1)} MB; the limit is ${INPUT_MAX_BYTES.pdf / 1048576} MB)`).say(lang) };
  try {
    const sops = await importBytes(new Uint8Array(await file.arrayBuffer()), { source: file.name.slice(0, 200), lang, deadlineMs: 30_000 });
    return { drafts: sops.map((s) => ({ name: s.name, fileName: s.fileName, text: s.text, guesses: s.guesses.length })) };
  } catch (e) {
    if (e instanceof ImportError) return { error: e.say(lang) };
    return { error: lang === 'en' ? 'this file could not be read' : 'berkas ini tidak dapat dibaca' };
  }
}

(globalThis as unknown as { sopImport: unknown }).sopImport = { importFile };
