/**
 * The incremental build (`sop build --incremental`): a file's outputs are
 * made again only when what they are made from changed. The key of a file is
 * a SHA-256 over the tool itself (version and the running code), the
 * templates, the project config, the build options, the file's text, its
 * logo and the names of the SOPs its Keterkaitan links to (the hrefs). The
 * keys live in `<out>/.sop-cache.json`; a file is fresh when its key is
 * unchanged and every output it names still exists.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeAtomic } from './write.js';

export const CACHE_FILE = '.sop-cache.json';
const CACHE_VERSION = 1;

interface Entry {
  readonly key: string;
  readonly outputs: readonly string[];
}

let toolHash: string | null = null;
/** The running code: a rebuilt `sop` invalidates every entry even under the same version number. */
function toolFingerprint(version: string): string {
  if (toolHash === null) {
    const h = createHash('sha256').update(version);
    const self = process.argv[1];
    try {
      if (self && existsSync(self)) h.update(readFileSync(self));
    } catch {
      // Unreadable: the version alone.
    }
    toolHash = h.digest('hex');
  }
  return toolHash;
}

export class BuildCache {
  private readonly entries: Map<string, Entry>;
  private dirty = false;

  private constructor(private readonly file: string, entries: Map<string, Entry>, private readonly base: string) {
    this.entries = entries;
  }

  /** Opens the cache of an output folder; a missing or unreadable cache is empty (everything is built). */
  static open(outDir: string, version: string, shared: unknown): BuildCache {
    const file = path.join(outDir, CACHE_FILE);
    const base = createHash('sha256').update(toolFingerprint(version)).update(JSON.stringify(shared)).digest('hex');
    const entries = new Map<string, Entry>();
    try {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as { version?: number; files?: Record<string, Entry> };
      if (raw.version === CACHE_VERSION && raw.files && typeof raw.files === 'object') {
        for (const [k, v] of Object.entries(raw.files)) {
          if (v && typeof v.key === 'string' && Array.isArray(v.outputs) && v.outputs.every((o) => typeof o === 'string')) entries.set(k, v);
        }
      }
    } catch {
      // No cache yet, or a damaged one: start afresh.
    }
    return new BuildCache(file, entries, base);
  }

  /** The key of one file from everything its outputs depend on. */
  key(parts: readonly (string | Uint8Array | null)[]): string {
    const h = createHash('sha256').update(this.base);
    for (const p of parts) {
      h.update(p === null ? '\u0000null' : p);
      h.update('\u0000');
    }
    return h.digest('hex');
  }

  /** True when `id` was built with this key and its outputs are all still there. */
  fresh(id: string, key: string): boolean {
    const e = this.entries.get(id);
    return e !== undefined && e.key === key && e.outputs.length > 0 && e.outputs.every((o) => existsSync(o));
  }

  record(id: string, key: string, outputs: readonly string[]): void {
    this.entries.set(id, { key, outputs: [...outputs] });
    this.dirty = true;
  }

  forget(id: string): void {
    if (this.entries.delete(id)) this.dirty = true;
  }

  /** Writes the cache (atomically) when something changed. */
  save(): void {
    if (!this.dirty) return;
    const files: Record<string, Entry> = {};
    for (const k of [...this.entries.keys()].sort()) files[k] = this.entries.get(k)!;
    writeAtomic(this.file, JSON.stringify({ version: CACHE_VERSION, files }, null, 1) + '\n');
    this.dirty = false;
  }
}
