/**
 * The rebuilds of `sop preview` in a worker thread (worker.ts): the server answers and Ctrl-C stops at once while a
 * large file is checked (checking a 8.4 MB SOP takes seconds, and a thread cannot be interrupted in the middle of
 * it, only ended). A thread that dies (out of memory) is started again for the next rebuild.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BuildReply, PreviewFolder } from './build.js';

export interface Builder {
  /** Rejects with RebuildFailed when the rebuild threw or its thread died. */
  rebuild(): Promise<BuildReply>;
  /** Ends the thread, also in the middle of a rebuild. */
  close(): Promise<void>;
}

/** A rebuild that failed: `said` is the reason for the user (the templates cannot be used), null for an error inside. */
export class RebuildFailed extends Error {
  constructor(readonly said: string | null = null) {
    super(said ?? 'rebuild failed');
  }
}

/**
 * The thread's entry: dist/cli/preview/worker.js beside this module (tsc's ES modules), or the bundle's
 * dist/cli/sop-preview-worker.js beside or above its chunks (scripts/bundle.mjs). None (the sources run by
 * vitest): null, and the rebuilds run on the main thread.
 */
export function previewWorkerEntry(here: string = import.meta.url): URL | null {
  for (const rel of ['./worker.js', './sop-preview-worker.js', '../sop-preview-worker.js']) {
    const u = new URL(rel, here);
    if (existsSync(fileURLToPath(u))) return u;
  }
  return null;
}

class ThreadBuilder implements Builder {
  private worker: Worker | null = null;
  private pending: { resolve(r: BuildReply): void; reject(e: Error): void } | null = null;
  /** One rebuild at a time: the next is asked for once the last is answered. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly entry: URL,
    private readonly folder: PreviewFolder,
  ) {
    // Started at once: the thread loads its modules while the folder's watch starts.
    this.worker = this.spawn();
  }

  rebuild(): Promise<BuildReply> {
    const next = this.queue.then(
      () =>
        new Promise<BuildReply>((resolve, reject) => {
          if (this.closed) return reject(new RebuildFailed());
          const w = (this.worker ??= this.spawn());
          this.pending = { resolve, reject };
          w.postMessage('rebuild');
        }),
    );
    this.queue = next.catch(() => undefined);
    return next;
  }

  private settle(answer: BuildReply | Error): void {
    const p = this.pending;
    this.pending = null;
    if (answer instanceof Error) p?.reject(answer);
    else p?.resolve(answer);
  }

  private spawn(): Worker {
    const w = new Worker(this.entry, { workerData: this.folder });
    w.on('message', (m: BuildReply | { failed: string | null }) => this.settle('failed' in m ? new RebuildFailed(m.failed) : m));
    // Its error (out of memory) is followed by its exit, where the rebuild is given up.
    w.on('error', () => undefined);
    w.on('exit', () => {
      if (this.worker === w) this.worker = null;
      this.settle(new RebuildFailed());
    });
    return w;
  }

  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = null;
    this.settle(new RebuildFailed());
    await w?.terminate();
  }
}

/**
 * The rebuilds of `folder`, in a thread when the compiled worker is there, else on this thread (the checker and
 * renderer are then imported here; with a thread, only the thread loads them).
 */
export function startBuilder(folder: PreviewFolder): Builder {
  const entry = previewWorkerEntry();
  if (entry) return new ThreadBuilder(entry, folder);
  const b = import('./build.js').then((m) => {
    try {
      return new m.PreviewBuilder(folder);
    } catch (e) {
      return new RebuildFailed(m.templateErrorMessage(e));
    }
  });
  return {
    rebuild: async () => {
      const builder = await b;
      if (builder instanceof RebuildFailed) throw builder;
      try {
        return builder.rebuild();
      } catch {
        throw new RebuildFailed();
      }
    },
    close: () => Promise.resolve(),
  };
}
