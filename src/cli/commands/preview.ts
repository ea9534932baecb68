/**
 * `sop preview [FILE|DIR]`: a local web server (127.0.0.1 only) that shows
 * each SOP's HTML document, the same one `sop build` writes, and reloads it
 * the moment a file is saved (server-sent events). A file with errors keeps
 * its last good document, with the diagnostics overlaid. Only the SOPs of
 * the folder are served; nothing else is read through it.
 *
 * Here: the server, the event streams and the start and stop. The folder's
 * watch is src/cli/preview/watch.ts; reading, checking and rendering run in a
 * thread (src/cli/preview/thread.ts, build.ts), so that neither the server
 * nor Ctrl-C waits for a large file.
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Lang } from '../../diagnostics/catalog.js';
import { describeFsError, displayPath, targetPaths } from '../../project/io.js';
import { documentPage, indexPage, skippedPage, viewPath, type PreviewEntry, type SkippedFile } from '../preview/pages.js';
import { inside, realOrNull, relTo } from '../preview/place.js';
import { loopbackHost, route } from '../preview/route.js';
import { RebuildFailed, startBuilder, type Builder } from '../preview/thread.js';
import type { BuildReply } from '../preview/build.js';
import { watchFolder, type FolderWatch } from '../preview/watch.js';
import type { Terminal } from '../terminal.js';
import { visibleLine } from '../../util/text.js';
import { EXIT_OK, EXIT_USAGE } from './check.js';
import { bundledFont } from '../../page/html-fonts.js';

export interface PreviewOptions {
  /** 0 or absent: a free port. */
  readonly port?: number;
  readonly open?: boolean;
  readonly lang: Lang;
  readonly templates?: string;
}

/** A running preview (for the command and for tests/benchmarks in-process). */
export interface PreviewServer {
  /** The URL to open: the index, or the page of the one file given. */
  readonly url: string;
  readonly port: number;
  /** Stops the watcher, the rebuild thread, the event streams and the server. */
  close(): Promise<void>;
}

/** Quiet time after the last file event: one save often fires several. Short: the reload target is 300 ms. */
const SETTLE_MS = 25;
/** A start slower than this (large files) is said, with the way to stop it. */
const SLOW_START_MS = 2000;

/** Thrown by startPreview when its signal stops it before it is up (everything it started is gone). */
export class PreviewStopped extends Error {}

/** What the server shows: the builder's last reply, kept page by page. */
interface Shown {
  entries: Map<string, PreviewEntry>;
  skipped: Map<string, SkippedFile>;
  /** Pages carry it, new event streams are greeted with it. */
  generation: number;
  /** The folder is gone; the index says so until it is back. */
  folderGone: boolean;
}

/** Takes a rebuild's reply; returns the files whose page changed. Each file that is not read is said once on stderr, with the reason. */
function apply(st: Shown, r: BuildReply, say: (line: string) => void): string[] {
  const changed = new Set<string>();
  const fresh = new Map(r.changed.map((e) => [e.rel, e]));
  const next = new Map<string, PreviewEntry>();
  for (const rel of r.rels) {
    const e = fresh.get(rel) ?? st.entries.get(rel);
    if (e) next.set(rel, e);
    if (fresh.has(rel)) changed.add(rel);
  }
  for (const rel of st.entries.keys()) if (!next.has(rel)) changed.add(rel);
  const skipped = new Map(r.skipped.map((s) => [s.rel, s]));
  for (const [rel, s] of skipped) {
    if (st.skipped.get(rel)?.message === s.message) continue;
    changed.add(rel);
    say(`sop: ${visibleLine(s.shown)}: ${s.message}`);
  }
  for (const rel of st.skipped.keys()) if (!skipped.has(rel)) changed.add(rel);
  st.entries = next;
  st.skipped = skipped;
  if (changed.size > 0) st.generation++;
  return [...changed];
}

/** A reply that keeps the page on this machine: never cached, never sniffed, never framed by another site. */
function reply(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // Nothing of the page leaves the machine, and no other site can frame it.
    'Content-Security-Policy': "default-src 'self' data: 'unsafe-inline'; frame-ancestors 'none'",
    'Referrer-Policy': 'no-referrer',
  });
  res.end(body);
}

/** Waits for `p`, or rejects with PreviewStopped as soon as `signal` is aborted. */
function until<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(new PreviewStopped());
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => reject(new PreviewStopped());
    signal.addEventListener('abort', abort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', abort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** The folder to preview, from the path given (or `sops/`, or `.`); throws a message for the user when it cannot be used. */
function previewFolder(target: string | undefined, opts: PreviewOptions): { given: string; root: string; realRoot: string; isDir: boolean } {
  const chosen = targetPaths(target === undefined ? [] : [target]);
  if (!chosen.ok) throw new Error(`${chosen.error.path}: ${chosen.error.message}`);
  const given = path.resolve(chosen.paths[0]!);
  let isDir: boolean;
  try {
    isDir = statSync(given).isDirectory();
  } catch (e) {
    throw new Error(`${displayPath(given)}: ${describeFsError(e)}`);
  }
  const root = isDir ? given : path.dirname(given);
  return { given, root, realRoot: realOrNull(root) ?? root, isDir };
}

/** The request handler: the index, the pages, the event stream and the fonts; nothing else is read through it. */
function handler(st: Shown, where: { given: string; root: string; realRoot: string }, lang: Lang, streams: Set<ServerResponse>, port: () => number): (req: IncomingMessage, res: ServerResponse) => void {
  const text =
    lang === 'en'
      ? { refused: 'Refused: outside the previewed folder.', missing: 'Not found.', host: 'Refused: not a loopback address.' }
      : { refused: 'Ditolak: di luar folder pratinjau.', missing: 'Tidak ditemukan.', host: 'Ditolak: bukan alamat loopback.' };
  const plain = 'text/plain; charset=utf-8';
  const html = 'text/html; charset=utf-8';
  return (req, res) => {
    if (!loopbackHost(req.headers.host, port())) return reply(res, 403, plain, text.host);
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, plain, text.missing);
    const r = route(req.url ?? '/');
    if (r.kind === 'refused') return reply(res, 403, plain, text.refused);
    if (r.kind === 'index') return reply(res, 200, html, indexPage([...st.entries.values()], displayPath(where.given), lang, st.generation, { skipped: [...st.skipped.values()], folderGone: st.folderGone }));
    if (r.kind === 'events') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(`: sop preview\n\nevent: hello\ndata: ${JSON.stringify({ generation: st.generation })}\n\n`);
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (r.kind === 'font') {
      // The four faces of the bundled font and nothing else: no path reaches the file system from here.
      const bytes = bundledFont(r.name);
      return bytes ? reply(res, 200, 'font/ttf', bytes) : reply(res, 404, plain, text.missing);
    }
    if (r.kind === 'view') {
      const e = st.entries.get(r.rel);
      if (e) return reply(res, 200, html, documentPage(e, lang, st.generation));
      // A file that is not read (too large, not text): why, on its page.
      const s = st.skipped.get(r.rel);
      if (s) return reply(res, 200, html, skippedPage(s, lang, st.generation));
      // Not a SOP of the folder: outside it (a symlink out) is refused, anything else is missing.
      const real = realOrNull(path.resolve(where.root, r.rel));
      return real && !inside(real, where.realRoot) ? reply(res, 403, plain, text.refused) : reply(res, 404, plain, text.missing);
    }
    return reply(res, 404, plain, text.missing);
  };
}

/** Listens on 127.0.0.1 only (the preview is for the person at this machine); rejects with the reason in words. */
function listen(server: Server, port: number, lang: Lang): Promise<void> {
  const t = (id: string, en: string): string => (lang === 'en' ? en : id);
  return new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new Error(
          e.code === 'EADDRINUSE'
            ? t(`port ${port} sudah dipakai; pilih yang lain dengan --port`, `port ${port} is in use; choose another with --port`)
            : e.code === 'EACCES'
              ? t(`port ${port} tidak boleh dipakai (izin ditolak); pilih yang lain dengan --port`, `port ${port} may not be used (permission denied); choose another with --port`)
              : t(`port ${port} tidak dapat dipakai (${e.code ?? 'galat tak dikenal'})`, `port ${port} cannot be used (${e.code ?? 'unknown error'})`),
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

/**
 * Starts the preview: the folder's watch, the rebuild thread and its first rebuild, then the server. Rejects with a
 * message for the user when the target or the port cannot be used, and with PreviewStopped when `signal` is
 * aborted first (Ctrl-C while a large folder is read); either way nothing it started is left.
 */
export async function startPreview(target: string | undefined, opts: PreviewOptions, term: Terminal, signal?: AbortSignal): Promise<PreviewServer> {
  const { given, root, realRoot, isDir } = previewFolder(target, opts);
  const lang = opts.lang;
  const t = (id: string, en: string): string => (lang === 'en' ? en : id);
  const st: Shown = { entries: new Map(), skipped: new Map(), generation: 0, folderGone: false };
  const streams = new Set<ServerResponse>();
  const send = (file: string): void => {
    const msg = `event: change\ndata: ${JSON.stringify({ file })}\n\n`;
    for (const s of streams) s.write(msg);
  };
  // What is started is stopped in the reverse order, on close and on any failure or signal before the server is up.
  const closers: (() => Promise<void>)[] = [];
  let closed = false;
  const closeAll = async (): Promise<void> => {
    closed = true;
    while (closers.length > 0) await closers.pop()!().catch(() => undefined);
  };
  const slow = setTimeout(() => term.err(t(`Memeriksa ${displayPath(given)}... (Ctrl-C untuk berhenti)`, `Checking ${displayPath(given)}... (Ctrl-C to stop)`)), SLOW_START_MS);
  try {
    const builder: Builder = startBuilder({ given, root, realRoot, lang, ...(opts.templates ? { templates: opts.templates } : {}) });
    closers.push(() => builder.close());
    // One rebuild at a time; saves meanwhile make one more.
    let running: Promise<void> | null = null;
    let again = false;
    /** The templates cannot be used (`--templates`): said by the first rebuild, and the preview does not start. */
    let unusable: string | null = null;
    const refresh = (): Promise<void> => {
      if (running) {
        again = true;
        return running;
      }
      const run = async (): Promise<void> => {
        do {
          again = false;
          try {
            const r = await builder.rebuild();
            if (!closed) for (const rel of apply(st, r, (l) => term.err(l))) send(rel);
          } catch (e) {
            if (e instanceof RebuildFailed && e.said !== null) unusable = e.said;
            else if (!closed) term.err(`sop: ${t('pratinjau tidak dapat diperbarui (galat di dalam sop); simpan lagi untuk mencoba ulang', 'the preview could not be updated (an error inside sop); save again to retry')}`);
          }
        } while (again && !closed);
      };
      running = run().finally(() => (running = null));
      return running;
    };
    let timer: NodeJS.Timeout | null = null;
    const schedule = (): void => {
      if (closed) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        void refresh();
      }, SETTLE_MS);
    };
    closers.push(async () => void (timer && clearTimeout(timer)));
    const folderNews = (gone: boolean): void => {
      st.folderGone = gone;
      term.err(`sop: ${displayPath(root)}: ${gone ? t('folder tidak ada lagi; pratinjau menunggu folder itu kembali', 'the folder is gone; the preview waits for it to come back') : t('folder ada lagi; dipantau kembali', 'the folder is back; watched again')}`);
      st.generation++;
      send('*');
    };
    const watch: FolderWatch = await until(watchFolder(root, lang, { change: schedule, lost: () => folderNews(true), back: () => folderNews(false), say: (l) => term.err(l) }, signal), signal);
    closers.push(() => watch.close());
    await until(refresh(), signal);
    if (unusable !== null) throw new Error(unusable);
    st.generation = 0;

    let port = 0;
    const serve = handler(st, { given, root, realRoot }, lang, streams, () => port);
    const server = createServer((req, res) => {
      try {
        serve(req, res);
      } catch {
        if (!res.headersSent) reply(res, 500, 'text/plain; charset=utf-8', t('Galat di dalam pratinjau.', 'An error inside the preview.'));
      }
    });
    closers.push(async () => {
      for (const s of streams) s.end();
      streams.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    });
    await until(listen(server, opts.port ?? 0, lang), signal);
    port = (server.address() as AddressInfo).port;
    const base = `http://127.0.0.1:${port}`;
    const only = isDir ? null : relTo(root, given);
    return { url: only && st.entries.has(only) ? `${base}${viewPath(only)}` : `${base}/`, port, close: closeAll };
  } catch (e) {
    await closeAll();
    if (signal?.aborted) throw new PreviewStopped();
    throw e;
  } finally {
    clearTimeout(slow);
  }
}

/** Opens a URL in the system browser; a missing opener is only reported. */
function openBrowser(url: string, term: Terminal): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => term.err(`sop: ${cmd} tidak tersedia; buka ${url} sendiri.`));
    child.unref();
  } catch {
    term.err(`sop: ${cmd} tidak tersedia; buka ${url} sendiri.`);
  }
}

/**
 * The command: runs until SIGINT/SIGTERM, then closes everything and exits 0. The signals are heard from the start:
 * one that comes while the folder is still read stops that too (exit 0, nothing left running).
 */
export async function runPreview(target: string | undefined, opts: PreviewOptions, term: Terminal): Promise<number> {
  const stopping = new AbortController();
  const stop = (): void => stopping.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    let server: PreviewServer;
    try {
      server = await startPreview(target, opts, term, stopping.signal);
    } catch (e) {
      if (e instanceof PreviewStopped) return EXIT_OK;
      term.err(`sop: ${(e as Error).message}`);
      return EXIT_USAGE;
    }
    term.out(server.url);
    term.err(opts.lang === 'en' ? `Preview at ${server.url} (Ctrl-C to stop)` : `Pratinjau di ${server.url} (Ctrl-C untuk berhenti)`);
    if (opts.open) openBrowser(server.url, term);
    if (!stopping.signal.aborted) await new Promise<void>((resolve) => stopping.signal.addEventListener('abort', () => resolve(), { once: true }));
    await server.close();
    return EXIT_OK;
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
}
