/**
 * `sop build --jobs N`: the native outputs (PDF, SVG, PNG) of different SOPs drawn at once on worker threads
 * (src/page/native-worker.ts), one SOP per thread at a time. The main thread still checks, writes the HTML and
 * Mermaid text, and writes every output (atomically, in the order of the serial build): a thread only draws and
 * hands the bytes back. A thread that dies (an exception outside an output, out of memory) fails the build as an
 * internal error (WorkerCrash); every thread is ended when the build ends (close), whatever the reason.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PdfMeta } from '../render/pdf.js';
import type { NativeInput, Raster } from './native.js';
import type { DocumentModel, PageModel } from './types.js';
import type { PictureFacts } from './picture.js';

/**
 * One SOP's drawing: the PDF (when `meta` is given), the SVG, the PNG at `png` pixels per px. `pages`: their page
 * models made already on the main thread, which has the SOP's layouts for its HTML (the thread then only draws them
 * instead of laying the SOP out again); each missing one is made from `input`.
 */
export interface DrawJob {
  readonly input: NativeInput;
  readonly meta: PdfMeta | null;
  readonly svg: boolean;
  readonly png: number | null;
  readonly pages?: { readonly document: DocumentModel | null; readonly sheet: PageModel | null };
}

/** Each output drawn, or the first line of why not (as the serial build reports it), and a logo's failure as such. */
export type Outcome<T> = { readonly ok: T } | { readonly error: string; readonly picture?: PictureFacts };
export interface DrawResult {
  readonly pdf?: Outcome<Uint8Array>;
  readonly svg?: Outcome<string>;
  readonly png?: Outcome<Raster>;
}

/** A drawing thread died: the build stops with an internal error (exit 3). */
export class WorkerCrash extends Error {}

/**
 * SOPs drawn at once by default: one less than the machine's CPUs, at most 4. A thread is handed the page models the
 * main thread made from the layouts it has for the HTML (src/page/build-native.ts), so it only draws them: on 2 CPUs
 * `--jobs 2` took the main thread's share of a 100-SOP build from ~2.9 s to ~1.3 s of CPU (the drawing thread ~1.8 s)
 * for ~0.25 s more CPU in all, but on this shared machine (load 6-14) its wall time was no better than `--jobs 1`'s,
 * so 2 CPUs keep `--jobs 1` (docs/rendering.md). Each thread holds its own fonts and PDFKit (~60 MB) and a PNG at the
 * pixel cap (src/page/native.ts) ~0.5 GB while it is drawn: 4 keeps the worst case near 2 GB, and past 4 the main
 * thread (checking, the HTML, writing) is what a build waits for.
 */
export function defaultJobs(cpus: number = availableParallelism()): number {
  return Math.max(1, Math.min(4, cpus - 1));
}

/**
 * The worker's entry beside this module: dist/page/native-worker.js (tsc's ES modules), or the CommonJS bundle
 * dist/cli/sop-native-worker.cjs beside dist/cli/sop-build.cjs or above the ES bundle's chunks (scripts/bundle.mjs).
 * None (the sources run by vitest): null, and the build draws on the main thread.
 */
export function workerEntry(here: string = import.meta.url): URL | null {
  for (const rel of ['./native-worker.js', './sop-native-worker.cjs', '../sop-native-worker.cjs']) {
    const u = new URL(rel, here);
    if (existsSync(fileURLToPath(u))) return u;
  }
  return null;
}

interface Pending {
  readonly id: number;
  readonly label: string;
  readonly job: DrawJob;
  resolve(r: DrawResult): void;
  reject(e: Error): void;
}

interface Thread {
  readonly worker: Worker;
  busy: Pending | null;
}

export class DrawPool {
  private readonly threads: Thread[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closed = false;
  private crashed: WorkerCrash | null = null;

  /** `crashMessage`: what the build says when a thread dies while drawing `label`. */
  constructor(
    private readonly entry: URL,
    readonly size: number,
    private readonly crashMessage: (label: string, why: string) => string,
  ) {}

  /** Draws one SOP on the first free thread (a thread is started when none is free and fewer than `size` run). */
  draw(label: string, job: DrawJob): Promise<DrawResult> {
    return this.submit(label, job).result;
  }

  /**
   * draw(), and `withdraw`: takes the SOP back if no thread has it yet (true; its result then never comes), so that
   * the main thread draws it itself rather than wait for it.
   */
  submit(label: string, job: DrawJob): { readonly result: Promise<DrawResult>; withdraw(): boolean } {
    let pending: Pending | null = null;
    const result = new Promise<DrawResult>((resolve, reject) => {
      if (this.crashed) return reject(this.crashed);
      if (this.closed) return reject(new Error('closed'));
      pending = { id: this.nextId++, label, job, resolve, reject };
      this.queue.push(pending);
      this.pump();
    });
    return {
      result,
      withdraw: () => {
        const i = pending ? this.queue.indexOf(pending) : -1;
        if (i < 0) return false;
        this.queue.splice(i, 1);
        return true;
      },
    };
  }

  /** Threads started so far (a test counts them). */
  get started(): number {
    return this.threads.length;
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed && !this.crashed) {
      let t = this.threads.find((x) => x.busy === null);
      if (!t) {
        if (this.threads.length >= this.size) return;
        t = this.spawn();
      }
      const p = this.queue.shift()!;
      t.busy = p;
      t.worker.postMessage({ id: p.id, job: p.job });
    }
  }

  private spawn(): Thread {
    const worker = new Worker(this.entry);
    const t: Thread = { worker, busy: null };
    let why = '';
    worker.on('message', (m: { id: number; result: DrawResult }) => {
      const p = t.busy;
      if (!p || p.id !== m.id) return;
      t.busy = null;
      p.resolve(m.result);
      this.pump();
    });
    worker.on('error', (e) => {
      why = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
    });
    worker.on('exit', (code) => {
      const i = this.threads.indexOf(t);
      if (i >= 0) this.threads.splice(i, 1);
      if (this.closed) {
        t.busy?.reject(new Error('closed'));
        return;
      }
      // A thread ends only when closed: any other end is a crash, with or without a SOP in hand.
      const crash = new WorkerCrash(this.crashMessage(t.busy?.label ?? '-', why || `exit ${code}`));
      this.crashed ??= crash;
      t.busy?.reject(crash);
      for (const p of this.queue.splice(0)) p.reject(crash);
    });
    this.threads.push(t);
    return t;
  }

  /** Ends every thread (a drawing in hand is dropped: nothing is written from a thread) and waits for them. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('closed'));
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}
