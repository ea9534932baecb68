/**
 * What `sop preview` shows, made from the folder: each SOP's page (the HTML `sop build` writes, or its last good
 * one) with its diagnostics, and the files that are not read, with the reason `sop check` gives.
 *
 * A save does only what it changed: a file is read again only when its size, inode or times changed (cached by
 * path), checked again only when its text changed (the project rules, a few facts a file, run on every file), its
 * page-fit check (SOP596) and its page made again only when their inputs changed. Five SOPs of 8.4 MB each beside a
 * small one had every save of the small one read and check all six again: ~20 s, the server waiting.
 *
 * It runs in a thread of its own (thread.ts): a check of a large file keeps neither the server nor Ctrl-C waiting.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import type { CheckMemo, MemoEntry } from '../../check/project.js';
import type { Lang } from '../../diagnostics/catalog.js';
import { compareDiagnostics, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { renderHtml, type TemplateSet } from '../../emit/html/render.js';
import type { SopConfig } from '../../model/config.js';
import { overflowDiagnostic } from '../../page/fit.js';
import { readText, type ReadResult } from '../../project/io.js';
import { configFileOf, loadProjects, type LoadedFile, type LoadResult } from '../../project/load.js';
import { logoDataUri } from '../../project/logo.js';
import { loadTemplates } from '../../project/templates.js';

export { templateErrorMessage } from '../../project/templates.js';
import { relativeHref } from '../../util/href.js';
import type { PreviewEntry, SkippedFile } from './pages.js';
import { inside, realOrNull, relTo, statStamp } from './place.js';

/** The folder previewed (plain data: it is sent to the thread). */
export interface PreviewFolder {
  /** The path given (a folder, or one `.sop`), absolute. */
  readonly given: string;
  /** The folder served. */
  readonly root: string;
  /** Where its links really lead. */
  readonly realRoot: string;
  readonly lang: Lang;
  readonly templates?: string;
}

/** What a rebuild tells the server. */
export interface BuildReply {
  /** Every SOP shown, in order. */
  readonly rels: readonly string[];
  /** The SOPs whose page or diagnostics changed since the last reply (all of them in the first). */
  readonly changed: readonly PreviewEntry[];
  readonly skipped: readonly SkippedFile[];
}

/**
 * Racy files (as git calls them): a write in the same clock tick as the one before keeps the size and the times. A
 * read is trusted for a later save only when the file had not changed for this long when it was read.
 */
const RACY_MS = 1000;

/** The texts read, by path: a file whose size, inode and times are those it had when read is not read again. */
class ReadCache {
  private readonly files = new Map<string, { readonly stamp: string; readonly at: number; readonly result: ReadResult }>();
  private readonly seen = new Set<string>();

  readonly read = (abs: string, root: string): ReadResult => {
    this.seen.add(abs);
    let stamp: string;
    try {
      const st = statSync(abs);
      stamp = `${root}\0${statStamp(st)}`;
      const hit = this.files.get(abs);
      if (hit && hit.stamp === stamp && Math.max(st.mtimeMs, st.ctimeMs) < hit.at - RACY_MS) return hit.result;
    } catch {
      this.files.delete(abs);
      return readText(abs, root); // Gone or unreadable: readText says so.
    }
    const at = Date.now();
    const result = readText(abs, root);
    this.files.set(abs, { stamp, at, result });
    return result;
  };

  /** Forgets the files not asked for since the last prune (deleted, renamed). */
  prune(): void {
    for (const k of this.files.keys()) if (!this.seen.has(k)) this.files.delete(k);
    this.seen.clear();
  }
}

/** The check results of each project's files (their diagnostics and facts, not their syntax trees), by path and text. */
class MemoryMemo {
  private readonly roots = new Map<string, { readonly config: string; readonly files: Map<string, { text: string; entry: MemoEntry }>; readonly seen: Set<string> }>();

  readonly of = (root: string, config: SopConfig): CheckMemo => {
    const key = JSON.stringify(config);
    let r = this.roots.get(root);
    if (!r || r.config !== key) this.roots.set(root, (r = { config: key, files: new Map(), seen: new Set() }));
    const { files, seen } = r;
    return {
      get: (p, text) => {
        seen.add(p);
        const e = files.get(p);
        return e && e.text === text ? e.entry : undefined;
      },
      set: (p, text, entry) => void files.set(p, { text, entry }),
    };
  };

  prune(): void {
    for (const [root, r] of this.roots) {
      if (r.seen.size === 0) this.roots.delete(root);
      for (const p of r.files.keys()) if (!r.seen.has(p)) r.files.delete(p);
      r.seen.clear();
    }
  }
}

interface PageFit {
  readonly text: string;
  readonly config: string;
  readonly over: Diagnostic | null;
}

/** What a page was rendered from: the text (compared as is: usually the very string read before), and the rest. */
interface RenderedFrom {
  readonly text: string;
  readonly rest: string;
}

/** Reads, checks and renders the folder; keeps what it made for the next save. */
export class PreviewBuilder {
  private entries = new Map<string, PreviewEntry>();
  private renderedFrom = new Map<string, RenderedFrom>();
  /** The page-fit check (SOP596) of each file, with the text and config it was made from. */
  private fits = new Map<string, PageFit>();
  private readonly reads = new ReadCache();
  private readonly memo = new MemoryMemo();
  private readonly templates: TemplateSet;

  constructor(private readonly d: PreviewFolder) {
    this.templates = loadTemplates(d.templates);
  }

  rebuild(): BuildReply {
    const d = this.d;
    const loaded = loadProjects([d.given], d.lang, { read: this.reads.read, memo: this.memo.of });
    this.reads.prune();
    this.memo.prune();
    const next = new Map<string, PreviewEntry>();
    const nextFrom = new Map<string, RenderedFrom>();
    const nextFits = new Map<string, PageFit>();
    for (const f of loaded.files) {
      // A symlink (or project file) leading out of the folder is never shown.
      const real = realOrNull(f.absPath);
      if (!inside(f.absPath, d.root) || !real || !inside(real, d.realRoot)) continue;
      const rel = relTo(d.root, f.absPath);
      next.set(rel, this.page(f, rel, loaded, nextFrom, nextFits));
    }
    const changed: PreviewEntry[] = [];
    for (const [rel, e] of next) {
      const b = this.entries.get(rel);
      if (!b || b.html !== e.html || b.title !== e.title || JSON.stringify(b.diagnostics) !== JSON.stringify(e.diagnostics)) changed.push(e);
    }
    this.entries = next;
    this.renderedFrom = nextFrom;
    this.fits = nextFits;
    return { rels: [...next.keys()], changed, skipped: this.skipped(loaded) };
  }

  /** One SOP's entry: its diagnostics (SOP596 added), and its page made again only when what it is made from changed. */
  private page(f: LoadedFile, rel: string, loaded: LoadResult, nextFrom: Map<string, RenderedFrom>, nextFits: Map<string, PageFit>): PreviewEntry {
    const d = this.d;
    const before = this.entries.get(rel);
    // A SOP `sop build` refuses because its table header and tallest row do not fit the page (SOP596) is shown so.
    const errored = f.diagnostics.some((x) => x.severity === 'error');
    const config = JSON.stringify(f.config);
    let fit = this.fits.get(rel);
    if (!errored && !(fit && fit.text === f.text && fit.config === config)) fit = { text: f.text, config, over: overflowDiagnostic(f, f.config, d.lang) };
    if (fit) nextFits.set(rel, fit);
    const over = errored ? null : (fit?.over ?? null);
    // Its project's sop.config.json, when that is not valid (SOP503): said on its page, which keeps the last good
    // document, as `sop build` builds nothing of that project (it silently went back to A4 and the default folders).
    const configFile = configFileOf(f);
    const ofConfig = loaded.projectDiagnostics.filter((x) => x.file === configFile);
    const diagnostics = over || ofConfig.length > 0 ? [...f.diagnostics, ...(over ? [over] : []), ...ofConfig].sort(compareDiagnostics) : f.diagnostics;
    const errors = errored || over !== null || ofConfig.some((x) => x.severity === 'error') || (f.logo !== null && f.logo.kind !== 'ok');
    let html = before?.html ?? null;
    if (!errors) {
      const links = f.links.map((l) => {
        const t = l.file ? path.resolve(f.projectRoot, l.file) : null;
        const ok = t !== null && loaded.files.some((x) => x.absPath === t) && inside(t, d.root);
        return { ...l, href: ok ? relativeHref(path.relative(path.dirname(rel), relTo(d.root, t)).split(path.sep).join('/')) : null };
      });
      const logo = logoDataUri(f.logo);
      const from: RenderedFrom = { text: f.text, rest: JSON.stringify([config, links, logo ?? null]) };
      const was = this.renderedFrom.get(rel);
      if (html === null || !was || was.text !== from.text || was.rest !== from.rest) html = renderHtml(f.model, this.templates, { config: f.config, logoDataUri: logo, links, fontBase: '/fonts/' });
      nextFrom.set(rel, from);
    }
    // The title from the file's facts: a file checked before is not parsed again for it.
    return { rel, title: f.summary.name, html, diagnostics };
  }

  /** The files of the folder that are not read, with the reason (one that vanished since the folder was listed is no news). */
  private skipped(loaded: LoadResult): SkippedFile[] {
    const out: SkippedFile[] = [];
    for (const e of loaded.ioErrors) {
      const abs = path.resolve(e.path);
      if (e.message === 'tidak ditemukan' || abs === this.d.root) continue;
      out.push({ rel: inside(abs, this.d.root) ? relTo(this.d.root, abs) : e.path, shown: e.path, message: e.message });
    }
    return out;
  }
}
