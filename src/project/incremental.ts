/**
 * `sop build --incremental`: the build's view of the cache (build-cache.ts).
 * One cache per output folder; a file is skipped when its key is unchanged
 * and its outputs exist, and recorded again only when all of its outputs
 * were made without failure.
 */
import * as path from 'node:path';
import type { TemplateSet } from '../emit/html/render.js';
import { readLogo } from './logo.js';
import { BuildCache } from './build-cache.js';
import type { CheckMemo } from '../check/project.js';
import type { Lang } from '../diagnostics/catalog.js';
import type { SopConfig } from '../model/config.js';
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

/** The logo's bytes by absolute path: read once however many SOPs print it. */
function logoReader(): (f: LoadedFile) => Uint8Array | null {
  const read = new Map<string, Uint8Array | null>();
  return (f) => {
    // From the summary, not the model: an unchanged SOP is not parsed.
    const logo = f.summary.modelLogo;
    if (!logo) return null;
    const abs = path.resolve(f.summary.logo ? path.dirname(f.absPath) : f.projectRoot, logo);
    if (!read.has(abs)) {
      // Under the logo rules (src/project/logo.ts): a FIFO or a link out of the project is never opened.
      const r = readLogo(abs, f.projectRoot);
      read.set(abs, r.kind === 'ok' ? r.bytes : null);
    }
    return read.get(abs)!;
  };
}

/**
 * The caches of the output folders a build writes to, opened once each:
 * the check memo (for loadProjects) and the output keys (startIncremental)
 * share one file per folder.
 */
export class CacheFolders {
  private readonly caches = new Map<string, BuildCache>();

  at(dir: string): BuildCache {
    let c = this.caches.get(dir);
    if (!c) this.caches.set(dir, (c = BuildCache.open(dir, TOOL_VERSION)));
    return c;
  }

  /** For loadProjects: the check memo of a project, kept in its output folder (none when that folder is refused: null). */
  memo(outDirOfProject: (root: string, config: SopConfig) => string | null, lang: Lang): (root: string, config: SopConfig) => CheckMemo | null {
    return (root, config) => {
      const dir = outDirOfProject(root, config);
      return dir === null ? null : this.at(dir).checkMemo(root, config, lang);
    };
  }

  get all(): readonly BuildCache[] {
    return [...this.caches.values()];
  }
}

export function startIncremental(opts: Options, templates: TemplateSet, outDirOf: (f: LoadedFile) => string, byAbs: ReadonlyMap<string, LoadedFile>, folders = new CacheFolders()): Incremental {
  const shared = { templates, formats: opts.formats ?? null, paper: opts.paper ?? null, mermaid: opts.mermaid ?? null, theme: opts.mermaidTheme ?? null };
  const sharedSet = new Set<BuildCache>();
  const cacheOf = (f: LoadedFile): BuildCache => {
    const c = folders.at(outDirOf(f));
    if (!sharedSet.has(c)) {
      c.setShared(shared);
      sharedSet.add(c);
    }
    return c;
  };
  const logoBytes = logoReader();
  // One config object per project: stringified once, not once per file.
  const configJson = new WeakMap<object, string>();
  const jsonOf = (c: object): string => {
    let j = configJson.get(c);
    if (j === undefined) configJson.set(c, (j = JSON.stringify(c)));
    return j;
  };
  const keys = new Map<LoadedFile, string>();
  const outputs = new Map<LoadedFile, string[]>();
  let upToDate = 0;
  return {
    fresh(f) {
      // Links print the other SOP's output path: a renamed or moved target changes this file's HTML.
      const targets = f.links.map((l) => (l.file ? path.relative(f.projectRoot, byAbs.get(path.resolve(f.projectRoot, l.file))?.absPath ?? '') : ''));
      const id = path.relative(f.projectRoot, f.absPath);
      const key = cacheOf(f).key([f.text, jsonOf(f.config), id, JSON.stringify(targets), logoBytes(f)]);
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
      for (const c of folders.all) {
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
