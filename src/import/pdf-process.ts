/**
 * A PDF read in a process of its own (src/import/pdf-reader.ts), for
 * `sop import` and the language server: whatever a PDF makes pdf.js do, the
 * caller gets the rows or one ImportError within the deadline, its memory
 * stays its own and nothing is printed. The process is killed at the
 * deadline and is gone when this returns, whatever the outcome. The
 * playground (a browser) reads in the page instead (src/import/pdf.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Row } from './draft.js';
import { ImportError } from './error.js';
import { pdfToRows, slow } from './pdf.js';
import type { ReaderAnswer, ReaderQuestion } from './pdf-reader.js';

/**
 * The reading process's memory cap, in MB (its resident memory: pdf.js's heap and the buffers it inflates).
 * A PDF that sop prints is read in ~150 MB; the probes that found this (docs/import.md) went to 4.7 and 6.4 GB.
 */
export const PDF_MEMORY_MB = 1024;

/**
 * The cap, lowered by SOP_IMPORT_PDF_MEMORY_MB (never raised; at least 64): the tests make a hostile PDF of a
 * few MB meet it in seconds.
 */
export function pdfMemoryMb(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env['SOP_IMPORT_PDF_MEMORY_MB']);
  return Number.isFinite(asked) && asked > 0 ? Math.max(64, Math.min(PDF_MEMORY_MB, Math.floor(asked))) : PDF_MEMORY_MB;
}

/**
 * The reader's entry beside this module: dist/import/pdf-reader.js (tsc's ES modules), or the bundle's
 * dist/cli/sop-pdf-reader.js beside the ES bundle or above its chunks (scripts/bundle.mjs). None: null.
 */
export function readerEntry(here: string = import.meta.url): URL | null {
  for (const rel of ['./pdf-reader.js', './sop-pdf-reader.js', '../sop-pdf-reader.js']) {
    const u = new URL(rel, here);
    if (existsSync(fileURLToPath(u))) return u;
  }
  return null;
}

/** Only the sources (run by vitest, src/import/pdf-process.ts) read in this process; a package without the reader is broken. */
const fromSources = (here: string = import.meta.url): boolean => here.endsWith('.ts');

/** "PDF ini" / "this PDF", or for an office file "berkas ini" / "this file". */
type Kind = 'pdf' | 'office';
const it = (kind: Kind): [string, string] => (kind === 'pdf' ? ['PDF ini', 'this PDF'] : ['berkas ini', 'this file']);

const tooLarge = (mb: number, kind: Kind): ImportError =>
  new ImportError(
    `${it(kind)[0]} terlalu besar atau terlalu rumit untuk dibaca (memerlukan lebih dari ${mb} MB memori); pecah menjadi berkas yang lebih kecil`,
    `${it(kind)[1]} is too large or too complex to read (it needs more than ${mb} MB of memory); split it into smaller files`,
  );
const nests = (): ImportError =>
  new ImportError('PDF ini rusak: isinya bersarang tanpa akhir (misalnya gambar yang memuat dirinya sendiri)', 'this PDF is damaged: its content nests without end (a drawing that contains itself, for instance)');
const crashed = (kind: Kind): ImportError =>
  kind === 'pdf'
    ? new ImportError('PDF ini tidak dapat dibaca (pembaca PDF berhenti tanpa hasil); mungkin rusak atau terlalu rumit', 'this PDF cannot be read (the PDF reader stopped without a result); it may be damaged or too complex')
    : new ImportError('berkas ini tidak dapat dibaca (pembacanya berhenti tanpa hasil); mungkin rusak atau terlalu rumit', 'this file cannot be read (its reader stopped without a result); it may be damaged or too complex');
/** Past the deadline: pdf.js's words for a PDF (pdf.ts slow), the same for an office file. */
const late = (kind: Kind): ImportError =>
  kind === 'pdf' ? slow() : new ImportError('berkas ini terlalu lama dibaca (melewati batas waktu); pecah menjadi berkas yang lebih kecil', 'this file takes too long to read (over the time limit); split it into smaller files');

/** Reads a PDF's rows in a process of its own (in this one when run from the sources, which have no reader entry). */
export function readPdfRows(bytes: Uint8Array, opts: ReadApart): Promise<Row[]> {
  return readApart('pdf', bytes, opts);
}

/**
 * Reads an office file's rows (.docx, .xlsx, .odt, .ods) in a process of its own, as a PDF: its reader's own limits
 * bound what the file declares, and this bounds the rest (a file that kept the import busy for hours, or took 4.7
 * GB, went past a limit its reader did not have): the deadline, the memory cap, a crash said in one line.
 */
export function readOfficeRows(bytes: Uint8Array, opts: ReadApart): Promise<Row[]> {
  return readApart('office', bytes, opts);
}

interface ReadApart {
  readonly deadlineMs: number;
  readonly memoryMb?: number;
  readonly entry?: URL | null;
}

async function readApart(kind: Kind, bytes: Uint8Array, opts: ReadApart): Promise<Row[]> {
  const entry = opts.entry === undefined ? readerEntry() : opts.entry;
  if (!entry && fromSources()) return kind === 'pdf' ? pdfToRows(bytes, opts) : (await import('./office.js')).officeToRows(bytes);
  if (!entry) throw new ImportError('pembaca dokumen tidak ditemukan di samping program (pemasangan sop tidak lengkap; pasang ulang)', 'the document reader is missing beside the program (an incomplete sop install; reinstall it)');
  const memoryMb = opts.memoryMb ?? pdfMemoryMb();
  const deadline = Date.now() + opts.deadlineMs;
  let child: ChildProcess;
  try {
    child = fork(fileURLToPath(entry), [], {
      // Not the caller's flags (an inspector, a loader); its output is pdf.js's and V8's noise (shown with SOP_DEBUG).
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', process.env['SOP_DEBUG'] ? 'inherit' : 'ignore', 'ipc'],
    });
  } catch (e) {
    throw notStarted(e);
  }
  // 'close': the process has exited and its channel is drained (an answer sent just before exiting is read first).
  const gone = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const endsWithUs = endWithSignals(child);
  try {
    const answer = await new Promise<ReaderAnswer>((resolve, reject) => {
      const timer = setTimeout(() => reject(late(kind)), opts.deadlineMs);
      const settle = (f: () => void): void => {
        clearTimeout(timer);
        f();
      };
      child.once('message', (a: ReaderAnswer) => settle(() => resolve(a)));
      // Not once: a later 'error' (a kill that failed) with no listener would throw.
      child.on('error', (e) => settle(() => reject(notStarted(e))));
      child.once('close', () => settle(() => reject(crashed(kind))));
      const q: ReaderQuestion = { kind, bytes, deadline, memoryMb };
      child.send(q, (e) => {
        if (e) settle(() => reject(crashed(kind)));
      });
    });
    if ('rows' in answer) return answer.rows;
    if ('refused' in answer) throw new ImportError(answer.refused.id, answer.refused.en);
    throw answer.failed === 'memory' ? tooLarge(memoryMb, kind) : answer.failed === 'nests' ? nests() : crashed(kind);
  } finally {
    endsWithUs.dispose();
    // Answered, refused or out of time: the process ends now, and this waits until it has (unless it never started).
    if (child.pid !== undefined) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await gone;
    }
  }
}

const STOPS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * While the reader runs, a SIGINT, SIGTERM or SIGHUP to sop alone (not its process group) kills the reader with
 * it: the reader had outlived `sop import` by 0.2-0.3 s, until it saw its channel close. The signal then does what
 * it did before: it ends sop (raised again with no listener of ours), unless the command listens for it itself.
 */
function endWithSignals(child: ChildProcess): { dispose(): void } {
  const dispose = (): void => {
    for (const s of STOPS) process.off(s, onSignal);
  };
  function onSignal(sig: NodeJS.Signals): void {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    dispose();
    if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
  }
  for (const s of STOPS) process.on(s, onSignal);
  return { dispose };
}

function notStarted(e: unknown): ImportError {
  const code = (e as NodeJS.ErrnoException)?.code ?? String((e as Error)?.message ?? e);
  return new ImportError(`pembaca dokumen tidak dapat dijalankan (${code})`, `the document reader could not be started (${code})`);
}
