/**
 * `sop preview [FILE|DIR]`: a local web server (127.0.0.1 only) that shows
 * each SOP's HTML document, the same one `sop build` writes, and reloads it
 * the moment a file is saved (server-sent events). A file with errors keeps
 * its last good document, with the diagnostics overlaid. Only the SOPs of
 * the folder are served; nothing else is read through it.
 */
import { spawn } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { watch as chokidarWatch, type FSWatcher } from 'chokidar';
import type { Lang } from '../../diagnostics/catalog.js';
import { compareDiagnostics, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { renderHtml, type TemplateSet } from '../../emit/html/render.js';
import { relativeHref } from '../../util/href.js';
import { describeFsError, displayPath, targetPaths } from '../../project/io.js';
import { loadProjects, type LoadedFile } from '../../project/load.js';
import { logoDataUri } from '../../project/logo.js';
import { documentPage, indexPage, viewPath, type PreviewEntry } from '../preview/pages.js';
import { loopbackHost, route } from '../preview/route.js';
import type { Terminal } from '../terminal.js';
import { loadTemplates, templateErrorMessage } from '../../project/templates.js';
import { EXIT_OK, EXIT_USAGE } from './check.js';
import { bundledFont } from '../../page/html-fonts.js';
import { overflowDiagnostic } from '../../page/fit.js';

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
  /** Stops the watcher, the event streams and the server. */
  close(): Promise<void>;
}

/** Quiet time after the last file event: one save often fires several. Short: the reload target is 300 ms. */
const SETTLE_MS = 25;
const IGNORED_DIRS = new Set(['node_modules', '.git']);

const inside = (p: string, dir: string): boolean => {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

const realOrNull = (p: string): string | null => {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
};

/** What the preview shows: each SOP's page, what it was rendered from (text, config, links, logo), and how many rebuilds changed something. */
interface PreviewState {
  entries: Map<string, PreviewEntry>;
  /** A save re-renders only the pages whose inputs changed. */
  renderedFrom: Map<string, string>;
  /** The page-fit check (SOP596) of each file, with the text and config it was made from: a save checks only changed files again. */
  fits: Map<string, PageFit>;
  /** Pages carry it, new event streams are greeted with it. */
  generation: number;
}

/** The folder previewed: the path given, the folder served (and where its links really lead), and how to render. */
interface PreviewFolder {
  readonly given: string;
  readonly root: string;
  readonly realRoot: string;
  readonly lang: Lang;
  readonly templates: TemplateSet;
}

interface PageFit {
  readonly text: string;
  readonly config: string;
  readonly over: Diagnostic | null;
}

/** The page-fit check of a file without errors (SOP596: `sop build` refuses it), from `known` when its text and config are the same. */
function pageFit(f: LoadedFile, lang: Lang, known: PageFit | undefined): PageFit {
  const config = JSON.stringify(f.config);
  if (known && known.text === f.text && known.config === config) return known;
  return { text: f.text, config, over: overflowDiagnostic(f, f.config, lang) };
}

/** Re-reads and re-checks the folder; returns the files whose page changed. */
function rebuildPages(st: PreviewState, d: PreviewFolder): string[] {
  const loaded = loadProjects([d.given], d.lang);
  const next = new Map<string, PreviewEntry>();
  const nextFrom = new Map<string, string>();
  const nextFits = new Map<string, PageFit>();
  const relOf = (abs: string): string => path.relative(d.root, abs).split(path.sep).join('/');
  for (const f of loaded.files) {
    // A symlink (or project file) leading out of the folder is never shown.
    const real = realOrNull(f.absPath);
    if (!inside(f.absPath, d.root) || !real || !inside(real, d.realRoot)) continue;
    const rel = relOf(f.absPath);
    const before = st.entries.get(rel);
    // A SOP `sop build` refuses because its table header and tallest row do not fit the page (SOP596) is shown so.
    const errored = f.diagnostics.some((d) => d.severity === 'error');
    const fit = errored ? st.fits.get(rel) : pageFit(f, d.lang, st.fits.get(rel));
    if (fit) nextFits.set(rel, fit);
    const over = errored ? null : (fit?.over ?? null);
    const diagnostics = over ? [...f.diagnostics, over].sort(compareDiagnostics) : f.diagnostics;
    const errors = errored || over !== null || (f.logo !== null && f.logo.kind !== 'ok');
    let html = before?.html ?? null;
    if (!errors) {
      const links = f.links.map((l) => {
        const t = l.file ? path.resolve(f.projectRoot, l.file) : null;
        const ok = t !== null && loaded.files.some((x) => x.absPath === t) && inside(t, d.root);
        return { ...l, href: ok ? relativeHref(path.relative(path.dirname(rel), relOf(t)).split(path.sep).join('/')) : null };
      });
      const logo = logoDataUri(f.logo);
      const key = JSON.stringify([f.text, f.config, links, logo ?? null]);
      if (html === null || st.renderedFrom.get(rel) !== key) html = renderHtml(f.model, d.templates, { config: f.config, logoDataUri: logo, links, fontBase: '/fonts/' });
      nextFrom.set(rel, key);
    }
    next.set(rel, { rel, title: f.model.name, html, diagnostics });
  }
  const changed: string[] = [];
  for (const [rel, e] of next) {
    const b = st.entries.get(rel);
    if (!b || b.html !== e.html || JSON.stringify(b.diagnostics) !== JSON.stringify(e.diagnostics)) changed.push(rel);
  }
  for (const rel of st.entries.keys()) if (!next.has(rel)) changed.push(rel);
  st.entries = next;
  st.renderedFrom = nextFrom;
  st.fits = nextFits;
  if (changed.length > 0) st.generation++;
  return changed;
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

/** Starts the server; rejects with a message for the user when the target or the port cannot be used. */
export async function startPreview(target: string | undefined, opts: PreviewOptions, term: Terminal): Promise<PreviewServer> {
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
  const realRoot = realOrNull(root) ?? root;
  let templates: TemplateSet;
  try {
    templates = loadTemplates(opts.templates);
  } catch (e) {
    throw new Error(templateErrorMessage(e));
  }
  const lang = opts.lang;
  const st: PreviewState = { entries: new Map(), renderedFrom: new Map(), fits: new Map(), generation: 0 };
  const rebuild = (): string[] => rebuildPages(st, { given, root, realRoot, lang, templates });
  rebuild();
  st.generation = 0;

  const streams = new Set<ServerResponse>();
  const send = (file: string): void => {
    const msg = `event: change\ndata: ${JSON.stringify({ file })}\n\n`;
    for (const s of streams) s.write(msg);
  };

  const text = (lang === 'en' ? { refused: 'Refused: outside the previewed folder.', missing: 'Not found.', host: 'Refused: not a loopback address.' } : { refused: 'Ditolak: di luar folder pratinjau.', missing: 'Tidak ditemukan.', host: 'Ditolak: bukan alamat loopback.' });

  let port = 0;
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (!loopbackHost(req.headers.host, port)) return reply(res, 403, 'text/plain; charset=utf-8', text.host);
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'text/plain; charset=utf-8', text.missing);
    const r = route(req.url ?? '/');
    if (r.kind === 'refused') return reply(res, 403, 'text/plain; charset=utf-8', text.refused);
    if (r.kind === 'index') return reply(res, 200, 'text/html; charset=utf-8', indexPage([...st.entries.values()], displayPath(given), lang, st.generation));
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
      return bytes ? reply(res, 200, 'font/ttf', bytes) : reply(res, 404, 'text/plain; charset=utf-8', text.missing);
    }
    if (r.kind === 'view') {
      const e = st.entries.get(r.rel);
      if (e) return reply(res, 200, 'text/html; charset=utf-8', documentPage(e, lang, st.generation));
      // Not a SOP of the folder: outside it (a symlink out) is refused, anything else is missing.
      const abs = path.resolve(root, r.rel);
      const real = realOrNull(abs);
      return real && !inside(real, realRoot) ? reply(res, 403, 'text/plain; charset=utf-8', text.refused) : reply(res, 404, 'text/plain; charset=utf-8', text.missing);
    }
    return reply(res, 404, 'text/plain; charset=utf-8', text.missing);
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (e) {
      if (!res.headersSent) reply(res, 500, 'text/plain; charset=utf-8', (e as Error).message);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(e.code === 'EADDRINUSE' ? (lang === 'en' ? `port ${opts.port} is in use; choose another with --port` : `port ${opts.port} sudah dipakai; pilih yang lain dengan --port`) : e.message)),
    );
    // Loopback only: the preview is for the person at this machine.
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const watcher: FSWatcher = chokidarWatch(root, {
    ignoreInitial: true,
    atomic: true,
    ignored: (p: string) => IGNORED_DIRS.has(path.basename(p)),
  });
  const onEvent = (p: string): void => {
    if (closed || !(/\.sop$/i.test(p) || path.basename(p) === 'sop.config.json')) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (closed) return;
      try {
        for (const rel of rebuild()) send(rel);
      } catch (e) {
        term.err(`sop: ${(e as Error).message}`);
      }
    }, SETTLE_MS);
  };
  for (const ev of ['add', 'change', 'unlink'] as const) watcher.on(ev, onEvent);
  watcher.on('error', (e: unknown) => term.err(`sop: ${(e as Error).message}`));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  const base = `http://127.0.0.1:${port}`;
  const only = isDir ? null : path.relative(root, given).split(path.sep).join('/');
  return {
    url: only && st.entries.has(only) ? `${base}${viewPath(only)}` : `${base}/`,
    port,
    async close() {
      if (closed) return;
      closed = true;
      if (timer) clearTimeout(timer);
      await watcher.close().catch(() => undefined);
      for (const s of streams) s.end();
      streams.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
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

/** The command: runs until SIGINT/SIGTERM, then closes everything and exits 0. */
export async function runPreview(target: string | undefined, opts: PreviewOptions, term: Terminal): Promise<number> {
  let stopRequested = false;
  let resolveStop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (resolveStop = resolve));
  const stop = (): void => {
    stopRequested = true;
    resolveStop();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    let server: PreviewServer;
    try {
      server = await startPreview(target, opts, term);
    } catch (e) {
      term.err(`sop: ${(e as Error).message}`);
      return EXIT_USAGE;
    }
    term.out(server.url);
    term.err(opts.lang === 'en' ? `Preview at ${server.url} (Ctrl-C to stop)` : `Pratinjau di ${server.url} (Ctrl-C untuk berhenti)`);
    if (opts.open) openBrowser(server.url, term);
    if (!stopRequested) await stopped;
    await server.close();
    return EXIT_OK;
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
}
