/**
 * `sop build --incremental`: the build's view of the cache (build-cache.ts).
 * One cache per output folder; a file is skipped when its key is unchanged
 * and its outputs exist, and recorded again only when all of its outputs
 * were made without failure.
 */
import * as path from 'node:path';
import type { TemplateSet } from '../emit/html/render.js';
import { BuildCache } from './build-cache.js';
import type { LoadedFile } from './load.js';

/** Bumped with the package version (main.ts prints the same). */
export const TOOL_VERSION = '0.1.0';

interface Options {
  readonly formats?: readonly string[];
  readonly paper?: string;
  readonly mermaid?: string;
  readonly mermaidTheme?: string;
}

export interface Incremental {
  fresh(f: LoadedFile): boolean;
  wrote(f: LoadedFile, file: string): void;
  /** Records the files built without failure (failure labels start with the file's name) and saves. */
  finish(failures: readonly string[]): void;
  readonly upToDate: number;
}

/** The logo's bytes as the build read them under the logo rules (never read again here: a FIFO or a link out is not opened). */
function logoBytes(f: LoadedFile): Uint8Array | null {
  return f.logo?.kind === 'ok' ? f.logo.bytes : null;
}

export function startIncremental(opts: Options, templates: TemplateSet, outDirOf: (f: LoadedFile) => string, byAbs: ReadonlyMap<string, LoadedFile>): Incremental {
  const caches = new Map<string, BuildCache>();
  const shared = { templates, formats: opts.formats ?? null, paper: opts.paper ?? null, mermaid: opts.mermaid ?? null, theme: opts.mermaidTheme ?? null };
  const cacheOf = (f: LoadedFile): BuildCache => {
    const dir = outDirOf(f);
    let c = caches.get(dir);
    if (!c) caches.set(dir, (c = BuildCache.open(dir, TOOL_VERSION, shared)));
    return c;
  };
  const keys = new Map<LoadedFile, string>();
  const outputs = new Map<LoadedFile, string[]>();
  let upToDate = 0;
  return {
    fresh(f) {
      // Links print the other SOP's output path: a renamed or moved target changes this file's HTML.
      const targets = f.links.map((l) => (l.file ? path.relative(f.projectRoot, byAbs.get(path.resolve(f.projectRoot, l.file))?.absPath ?? '') : ''));
      const id = path.relative(f.projectRoot, f.absPath);
      const key = cacheOf(f).key([f.text, JSON.stringify(f.config), id, JSON.stringify(targets), logoBytes(f)]);
      keys.set(f, key);
      outputs.set(f, []);
      if (cacheOf(f).fresh(f.absPath, key)) {
        upToDate++;
        return true;
      }
      return false;
    },
    wrote(f, file) {
      outputs.get(f)?.push(file);
    },
    finish(failures) {
      for (const [f, key] of keys) {
        const out = outputs.get(f) ?? [];
        if (out.length === 0) continue; // fresh, or nothing made
        const failed = failures.some((x) => x.startsWith(`${f.file}:`) || x.startsWith(`${f.file} (`));
        if (failed) cacheOf(f).forget(f.absPath);
        else cacheOf(f).record(f.absPath, key, out);
      }
      for (const c of caches.values()) {
        try {
          c.save();
        } catch {
          // A cache that cannot be written costs a full build next time, nothing more.
        }
      }
    },
    get upToDate() {
      return upToDate;
    },
  };
}
