/**
 * The incremental build (`sop build --incremental`): a file's outputs are
 * made again only when what they are made from changed. The key of a file is
 * a SHA-256 over the tool itself (version and the running code), the
 * templates, the project config, the build options, the file's text, its
 * logo and the names of the SOPs its Keterkaitan links to (the hrefs). The
 * keys live in `<out>/.sop-cache.json`; a file is fresh when its key is
 * unchanged and every output it names still exists.
 *
 * The same file keeps each SOP's check result (its own diagnostics and the
 * few facts the project rules need: check/project.ts `MemoEntry`), keyed by
 * the tool, the language, the config, the file's path and its text: an
 * unchanged SOP is then neither parsed nor checked again, only the project
 * rules run over every file's facts (a Nomor SOP made duplicate by an edit of
 * another file is still reported).
 *
 * The cache is untrusted like a source (a pull request can commit `out/`):
 * it is read only as a regular file inside its output folder, at most
 * CACHE_MAX_BYTES, never blocking (io.ts readText); anything else is an empty
 * cache. Check results hide errors if forged, so they are kept only when the
 * file carries the stamp this tool wrote: a random modification time, set on
 * the file and hashed into it. A file that git (or anything else) wrote has
 * the time it was written, which its author cannot know to the microsecond:
 * its check results are dropped and every SOP is checked again.
 */
import { createHash, randomInt } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { CheckMemo, MemoEntry } from '../check/project.js';
import type { Lang } from '../diagnostics/catalog.js';
import type { SopConfig } from '../model/config.js';
import { readText, under } from './io.js';
import { writeAtomic } from './write.js';

export const CACHE_FILE = '.sop-cache.json';
const CACHE_VERSION = 2;
/** The largest cache read: about 1 KB per SOP, so room for ~60 000 SOPs. */
export const CACHE_MAX_BYTES = 64 * 1024 * 1024;

/** What the stamp of a modification time (whole microseconds since 1970) is. */
const stampOf = (micros: bigint): string => createHash('sha256').update(`sop-cache-stamp\u0000${micros}`).digest('hex');

/** The stamp a cache file carries when this tool wrote it: null when its time has no sub-second part (a coarse file system, a copy). */
function stampOfFile(file: string): string | null {
  try {
    const ns = statSync(file, { bigint: true }).mtimeNs;
    const micros = ns / 1000n;
    return micros % 1_000_000n === 0n ? null : stampOf(micros);
  } catch {
    return null;
  }
}

interface Entry {
  readonly key: string;
  readonly outputs: readonly string[];
}

interface CheckEntry extends MemoEntry {
  readonly key: string;
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

const sha = (): ReturnType<typeof createHash> => createHash('sha256');

export class BuildCache {
  private readonly entries: Map<string, Entry>;
  private readonly checks: Map<string, CheckEntry>;
  private dirty = false;
  private base = '';

  private constructor(private readonly file: string, entries: Map<string, Entry>, checks: Map<string, CheckEntry>, private readonly version: string) {
    this.entries = entries;
    this.checks = checks;
  }

  /** Opens the cache of an output folder; a missing or unreadable cache is empty (everything is built). */
  static open(outDir: string, version: string): BuildCache {
    const file = path.join(outDir, CACHE_FILE);
    const entries = new Map<string, Entry>();
    const checks = new Map<string, CheckEntry>();
    // Under the source rules: a link out of the folder, a FIFO, a device or a huge file is an empty cache.
    const r = existsSync(file) ? readText(file, outDir, CACHE_MAX_BYTES) : null;
    // Entries of files that are gone (or were never here: a cache is untrusted) are dropped, and the cache written
    // again without them: it was never pruned, and a 54 MB cache of foreign entries cost 540 MB on every run.
    let pruned = false;
    const here = (k: string): boolean => {
      const there = path.isAbsolute(k) && existsSync(k);
      if (!there) pruned = true;
      return there;
    };
    try {
      const raw = (r?.ok ? JSON.parse(r.text) : null) as { version?: number; stamp?: unknown; files?: Record<string, Entry>; checks?: Record<string, CheckEntry> } | null;
      if (raw && raw.version === CACHE_VERSION && raw.files && typeof raw.files === 'object') {
        const outRoot = path.resolve(outDir) + path.sep;
        for (const [k, v] of Object.entries(raw.files)) {
          // Outputs are this folder's files: a cache cannot make a file fresh by naming files elsewhere (`out/../../etc/hostname`
          // starts with the folder's path: a path is taken only as path.normalize leaves it).
          if (v && typeof v.key === 'string' && Array.isArray(v.outputs) && v.outputs.every((o) => typeof o === 'string' && path.normalize(o) === o && o.startsWith(outRoot)) && here(k)) entries.set(k, v);
        }
        // Check results only from a cache this tool wrote (the stamp of its modification time): a forged one would hide errors.
        const stamp = stampOfFile(file);
        if (stamp !== null && raw.stamp === stamp) {
          for (const [k, v] of Object.entries(raw.checks ?? {})) {
            if (v && typeof v.key === 'string' && Array.isArray(v.diagnostics) && v.summary && typeof v.summary === 'object' && here(k)) checks.set(k, v);
          }
        }
      }
    } catch {
      // A damaged cache: start afresh.
    }
    const cache = new BuildCache(file, entries, checks, version);
    cache.dirty = pruned;
    return cache;
  }

  /** The build options every output key depends on (templates, formats, paper, ...). */
  setShared(shared: unknown): void {
    this.base = sha().update(toolFingerprint(this.version)).update(JSON.stringify(shared)).digest('hex');
  }

  /** The key of one file from everything its outputs depend on. */
  key(parts: readonly (string | Uint8Array | null)[]): string {
    const h = sha().update(this.base);
    for (const p of parts) {
      h.update(p === null ? '\u0000null' : p);
      h.update('\u0000');
    }
    return h.digest('hex');
  }

  /** True when `id` was built with this key and its outputs are all still there. */
  fresh(id: string, key: string): boolean {
    const e = this.entries.get(id);
    // Each a regular file as written (a rename): a link inside the output folder, or a folder, had made an SOP up to
    // date with none of its outputs there (a second probe).
    return e !== undefined && e.key === key && e.outputs.length > 0 && e.outputs.every((o) => isRegularFile(o) && this.inside(o));
  }

  /** The output folder once links are resolved, found once. */
  private realDir: string | null | undefined;
  /** Whether output `o` lies in the output folder once links are resolved (a link inside it may lead anywhere). */
  private inside(o: string): boolean {
    if (this.realDir === undefined) {
      try {
        this.realDir = realpathSync.native(path.dirname(this.file));
      } catch {
        this.realDir = null;
      }
    }
    if (this.realDir === null) return false;
    try {
      return under(this.realDir, realpathSync.native(o));
    } catch {
      return false;
    }
  }

  record(id: string, key: string, outputs: readonly string[]): void {
    this.entries.set(id, { key, outputs: [...outputs] });
    this.dirty = true;
  }

  forget(id: string): void {
    if (this.entries.delete(id)) this.dirty = true;
  }

  /** The check results of one project's files (by absolute path), for check/project.ts. */
  checkMemo(root: string, config: SopConfig, lang: Lang): CheckMemo {
    const base = sha().update(toolFingerprint(this.version)).update('\u0000check\u0000').update(lang).update('\u0000').update(JSON.stringify(config)).digest('hex');
    const keyOf = (rel: string, text: string): string => sha().update(base).update(rel).update('\u0000').update(text).digest('hex');
    return {
      get: (rel, text) => {
        const e = this.checks.get(path.resolve(root, rel));
        return e && e.key === keyOf(rel, text) ? e : undefined;
      },
      set: (rel, text, entry) => {
        this.checks.set(path.resolve(root, rel), { key: keyOf(rel, text), diagnostics: entry.diagnostics, summary: entry.summary });
        this.dirty = true;
      },
    };
  }

  /** Writes the cache (atomically) when something changed. */
  save(): void {
    if (!this.dirty) return;
    const files: Record<string, Entry> = {};
    for (const k of [...this.entries.keys()].sort()) files[k] = this.entries.get(k)!;
    const checks: Record<string, CheckEntry> = {};
    for (const k of [...this.checks.keys()].sort()) checks[k] = this.checks.get(k)!;
    // A modification time no one else can foresee (now, at a random microsecond), hashed into the file: its check results are ours.
    const micros = BigInt(Math.floor(Date.now() / 1000)) * 1_000_000n + BigInt(randomInt(1, 1_000_000));
    const stamp = stampOf(micros);
    // Set half a microsecond in: the time is passed as a double (±0.25 µs) and may be cut to whole microseconds.
    writeAtomic(this.file, JSON.stringify({ version: CACHE_VERSION, stamp, files, checks }) + '\n', (Number(micros) + 0.5) / 1e6);
    this.dirty = false;
  }
}

/** Whether `p` is a regular file, not followed through a link. */
function isRegularFile(p: string): boolean {
  try {
    return lstatSync(p).isFile();
  } catch {
    return false;
  }
}
