/**
 * The process that reads one PDF, or one office file, for `sop import` and the
 * language server (started by src/import/pdf-process.ts; bundled as
 * dist/cli/sop-pdf-reader.js). An office file is read as a PDF is (readOffice),
 * under the same deadline and memory cap.
 * pdf.js runs on a thread of it: a hostile PDF can make pdf.js work without
 * end inside one call (a 4 GB content stream inflated in one go, 21 million
 * path operators kept in memory, a form that draws itself until the stack
 * overflows, which Node reports on stderr from C++), and a thread of the
 * caller's own could be stopped but not silenced (that report goes to the
 * process's stderr), nor held to a memory cap (inflated buffers are outside
 * a thread's heap limit). Here:
 *
 * - the process's main thread only watches: every 20 ms it reads the
 *   process's resident memory, and over the cap it answers "too large" and
 *   exits (taking the thread with it); the thread's JavaScript heap is capped
 *   too (resourceLimits: out of heap, "too large"), and a thread that dies
 *   otherwise answers "cannot be read";
 * - the thread reads the PDF (src/import/pdf.ts) with pdf.js's warnings on,
 *   read and not printed: a stack overflow among them is a PDF that nests
 *   without end;
 * - the caller ignores this process's output and kills it at the deadline;
 *   the process exits when the caller goes (its IPC channel closes).
 *
 * One question, one answer (a ReaderAnswer), then exit.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Row } from './draft.js';
import { ImportError } from './error.js';
import { pdfToRows } from './pdf.js';

/**
 * What the caller sends: the document (a PDF, or an office file: .docx, .xlsx, .odt, .ods), when its time is up (ms
 * since the epoch), the memory cap (MB).
 */
export interface ReaderQuestion {
  readonly kind: 'pdf' | 'office';
  readonly bytes: Uint8Array;
  readonly deadline: number;
  readonly memoryMb: number;
}

/** The rows, a refusal in both languages, or why the reading stopped. */
export type ReaderAnswer = { readonly rows: Row[] } | { readonly refused: { readonly id: string; readonly en: string } } | { readonly failed: 'memory' | 'nests' | 'crashed' };

const POLL_MS = 20;

/**
 * pdf.js operators one page may make: the densest page of the tests' PDFs makes ~2 600 (a Word file printed by
 * Writer), one of sop's ~1 800; the probe's page, 42 million (14 million path operators), 1 GB of them took ~10 s.
 */
export const MAX_PAGE_OPERATORS = 1_000_000;

if (isMainThread) watch();
else {
  const q = workerData as Omit<ReaderQuestion, 'memoryMb'>;
  void (q.kind === 'office' ? readOffice(q) : readPdf(q));
}

function watch(): void {
  // The caller went (ended, killed or crashed): nothing is left to answer.
  process.on('disconnect', () => process.exit(0));
  let answered = false;
  const answer = (a: ReaderAnswer): void => {
    if (answered) return;
    answered = true;
    if (!process.send) process.exit(0);
    process.send(a, () => process.exit(0));
  };
  process.once('message', (q: ReaderQuestion) => {
    const cap = q.memoryMb * 1024 * 1024;
    const poll = setInterval(() => {
      if (process.memoryUsage.rss() > cap) answer({ failed: 'memory' });
    }, POLL_MS);
    poll.unref();
    const thread = new Worker(new URL(import.meta.url), {
      workerData: { kind: q.kind, bytes: q.bytes, deadline: q.deadline },
      // The heap may take the whole cap: the process's memory (heap and all) meets the cap first, before V8 slows
      // down collecting near its heap limit (a cap of three quarters: 30 s of collecting, then the deadline).
      // The stack of a main thread (~1 MB; a thread's is 4): a form that draws itself overflows it again and again,
      // each time from the bottom (4 MB took pdf.js 4-5 s to give up on the probe's, 1 MB 0.5 s).
      resourceLimits: { maxOldGenerationSizeMb: q.memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 1 },
    });
    thread.once('message', (a: ReaderAnswer) => answer(a));
    thread.once('error', (e: NodeJS.ErrnoException) => answer({ failed: e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crashed' }));
    thread.once('exit', () => answer({ failed: 'crashed' }));
  });
}

async function readPdf(q: Omit<ReaderQuestion, 'memoryMb'>): Promise<void> {
  // pdf.js's warnings (console.log) and anything else printed: not shown, read for a stack overflow.
  let overflowed = false;
  const look = (...a: unknown[]): void => {
    overflowed ||= a.some((x) => /Maximum call stack size exceeded|too much recursion/i.test(String(x)));
  };
  await reply(look, async () => {
    const stop = countOperators();
    const rows = await pdfToRows(q.bytes, { deadlineMs: q.deadline - Date.now(), verbosity: 1, signal: stop });
    return overflowed ? { failed: 'nests' } : { rows };
  });
}

/**
 * An office file's rows (src/import/office.ts): its own limits bound what it declares (rows, cells, merged cells,
 * drawn connectors: office-limits.ts); here the deadline, the memory cap and a silent stderr hold for anything
 * they miss, as for a PDF.
 */
async function readOffice(q: Omit<ReaderQuestion, 'memoryMb'>): Promise<void> {
  await reply(
    () => undefined,
    async () => ({ rows: await (await import('./office.js')).officeToRows(q.bytes) }),
  );
}

/**
 * Runs `read` with everything printed handed to `look` (never shown), and posts its answer to the caller: an
 * ImportError as refused, anything else thrown as crashed.
 */
async function reply(look: (...a: unknown[]) => void, read: () => Promise<ReaderAnswer>): Promise<void> {
  console.log = look;
  console.warn = look;
  console.error = look;
  let a: ReaderAnswer;
  try {
    a = await read();
  } catch (e) {
    a = e instanceof ImportError ? { refused: { id: e.id, en: e.en } } : { failed: 'crashed' };
  }
  parentPort!.postMessage(a);
}

/**
 * Counts each page's operators as pdf.js makes them, and stops the reading past MAX_PAGE_OPERATORS. pdf.js hands
 * them over in chunks of ~1 000 from its "worker" (here, the same thread) by a message it copies with the global
 * structuredClone, so a copy of a chunk ({ streamId, chunk: { fnArray, length } }) is counted by its stream (one
 * per page's operator list). Reaching in like this is for this thread alone; should pdf.js change how it hands
 * them over, nothing is counted and the memory cap still holds (test/import-pdf-hostile.test.ts would say).
 */
function countOperators(): AbortSignal {
  const stop = new AbortController();
  const made = new Map<unknown, number>();
  const copy = globalThis.structuredClone;
  globalThis.structuredClone = ((value: unknown, options?: Parameters<typeof structuredClone>[1]) => {
    const m = value as { streamId?: unknown; chunk?: { fnArray?: unknown; length?: unknown } } | null;
    if (m && typeof m === 'object' && Array.isArray(m.chunk?.fnArray) && typeof m.chunk.length === 'number') {
      const n = (made.get(m.streamId) ?? 0) + m.chunk.length;
      made.set(m.streamId, n);
      if (n > MAX_PAGE_OPERATORS && !stop.signal.aborted) stop.abort(tooManyOperators());
    }
    return copy(value, options);
  }) as typeof structuredClone;
  return stop.signal;
}

const tooManyOperators = (): ImportError => {
  // As the other limits are written ("200 000 baris"), in both languages.
  const n = String(MAX_PAGE_OPERATORS).replace(/\B(?=(\d{3})+$)/g, ' ');
  return new ImportError(
    `PDF ini terlalu rumit untuk dibaca (satu halamannya memuat lebih dari ${n} perintah gambar); pecah menjadi berkas yang lebih kecil`,
    `this PDF is too complex to read (a page of it holds more than ${n} drawing operators); split it into smaller files`,
  );
};
