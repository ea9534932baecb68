/**
 * `sop build --watch`: builds, then rebuilds what changed and keeps running
 * through errors. One browser stays open across rebuilds. A change to
 * sop.config.json or a template rebuilds everything.
 *
 * Editors and `sed -i` save by writing a new file and renaming it over the
 * old one; node's `fs.watch` follows the old inode and goes blind after such
 * a save. chokidar watches the folders, re-attaches after renames, deletes and
 * re-creates, and sees new files (see test/cli-watch.test.ts).
 */
import { existsSync, rmSync, statSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { watch as chokidarWatch, type FSWatcher } from 'chokidar';
import { ignoredByWalk, watchFailure } from '../preview/watch.js';
import { findBrowser } from '../../render/browser.js';
import { RenderSession } from '../../render/session.js';
import { collectProjects, displayPath, targetsOrSay } from '../../project/io.js';
import type { Terminal } from '../terminal.js';
import { buildOnce, type BuildOptions, type BuildReport } from './build.js';
import { EXIT_USAGE } from './check.js';

/** Quiet time after the last change before a rebuild: one save often fires several events. */
const SETTLE_MS = 150;

/** Folders never worth watching (big, and never sources). */
const IGNORED_DIRS = new Set(['node_modules', '.git']);

/** What a path change means: a `.sop` file rebuilds that file; a config or template rebuilds all; anything else nothing. */
function relevance(file: string): 'file' | 'all' | null {
  if (/\.sop$/i.test(file)) return 'file';
  if (path.basename(file) === 'sop.config.json' || /\.(hbs|css)$/i.test(file)) return 'all';
  return null;
}

interface Target {
  readonly dir: string;
  /** Whole tree (a folder of SOPs, the templates) or only the folder's own entries. */
  readonly recursive: boolean;
}

const inside = (p: string, dir: string): boolean => {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/**
 * Folders to watch, never files: a file replaced by a rename is a new inode,
 * and a file that does not exist yet (a config) cannot be watched at all.
 * Given folders and templates whole; a given file's folder and each project
 * root (for sop.config.json) only at their first level.
 */
function watchPlan(paths: readonly string[], opts: BuildOptions): { targets: Target[]; files: Set<string> } {
  const given = paths.map((p) => path.resolve(p));
  const trees: string[] = [];
  const files = new Set<string>();
  for (const p of given) {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      // Missing: watched as a file of its folder, so it is built once it appears.
    }
    if (isDir) trees.push(p);
    else files.add(p);
  }
  if (opts.templates) trees.push(path.resolve(opts.templates));
  const flat = [...[...files].map((f) => path.dirname(f)), ...collectProjects(given).projects.map((p) => p.root)];
  const targets: Target[] = [];
  for (const dir of trees) if (!targets.some((t) => inside(dir, t.dir))) targets.push({ dir, recursive: true });
  for (const dir of flat) if (!targets.some((t) => (t.recursive ? inside(dir, t.dir) : t.dir === dir))) targets.push({ dir, recursive: false });
  return { targets, files };
}

/** What an output looked like when this process wrote it: another file at its path since is not ours. */
interface Owned {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * The outputs this watch wrote, by source: when a `.sop` is deleted (or
 * renamed), its outputs go too, but only the files this process wrote and
 * nobody replaced since (same inode, size and time); nothing else in the
 * output folder is touched.
 */
class OwnedOutputs {
  private readonly bySource = new Map<string, Map<string, Owned>>();

  record(report: BuildReport): void {
    for (const { source, file } of report.outputs ?? []) {
      let files = this.bySource.get(source);
      if (!files) this.bySource.set(source, (files = new Map()));
      try {
        const st = statSync(file);
        files.set(file, { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs });
      } catch {
        files.delete(file);
      }
    }
  }

  /** Removes the outputs of every source that no longer exists; returns the files removed. */
  sweep(): string[] {
    const removed: string[] = [];
    for (const [source, files] of this.bySource) {
      if (existsSync(source)) continue;
      this.bySource.delete(source);
      for (const [file, was] of files) {
        try {
          const st = statSync(file);
          if (!st.isFile() || st.ino !== was.ino || st.size !== was.size || st.mtimeMs !== was.mtimeMs) continue;
          rmSync(file, { force: true });
          removed.push(file);
        } catch {
          // Already gone, or not ours to remove.
        }
      }
    }
    return removed;
  }
}

export async function watchBuild(named: readonly string[], opts: BuildOptions, term: Terminal): Promise<number> {
  // Nothing to watch when sops/ links out of the working folder: said once, exit 2, no browser started.
  const paths = targetsOrSay(named, (l) => term.err(l));
  if (!paths) return EXIT_USAGE;
  const exe = findBrowser();
  const session = exe ? new RenderSession(exe, { jobs: opts.jobs ?? 1 }) : null;
  let stopped = false;
  let resolveStopped: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (resolveStopped = resolve));
  let closeWatchers: () => Promise<void> = () => Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  // Signals are caught before the first build, so Ctrl-C during it also closes the browser.
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    if (timer) clearTimeout(timer);
    void closeWatchers()
      .catch(() => undefined)
      .then(() => running)
      .then(() => session?.close())
      .catch(() => undefined)
      .then(() => resolveStopped(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const owned = new OwnedOutputs();
  const sweep = (): void => {
    for (const f of owned.sweep()) term.err(opts.lang === 'en' ? `sop: removed ${displayPath(f)} (its .sop was deleted)` : `sop: ${displayPath(f)} dihapus (berkas .sop-nya dihapus)`);
  };
  const say = (): void => term.err(opts.lang === 'en' ? 'Watching for changes (Ctrl-C to stop)...' : 'Menunggu perubahan (Ctrl-C untuk berhenti)...');
  let outRefused = false;
  running = buildOnce(paths, opts, term, session).then(
    (report) => {
      outRefused = report.outRefused === true;
      owned.record(report);
    },
    (e: unknown) => term.err(`sop: ${(e as Error).message}`),
  );
  await running;
  // An output folder that links out of the project stays refused: nothing to watch for (said by the build, exit 2).
  if (outRefused) {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    await session?.close();
    return EXIT_USAGE;
  }

  let pending = new Set<string>();
  let everything = false;
  const schedule = (file: string): void => {
    const kind = relevance(file);
    if (!kind || stopped) return;
    if (kind === 'file') pending.add(file);
    else everything = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      const only = everything ? undefined : pending;
      pending = new Set();
      everything = false;
      running = running.then(async () => {
        if (stopped) return;
        try {
          // Only deletions: nothing to build, only their outputs to remove.
          const gone = only && [...only].every((f) => !existsSync(f));
          if (!gone) owned.record(await buildOnce(paths, { ...opts, ...(only ? { only } : {}) }, term, session));
        } catch (e) {
          term.err(`sop: ${(e as Error).message}`);
        }
        sweep();
        if (!stopped) say();
      });
    }, SETTLE_MS);
  };

  const plan = watchPlan(paths, opts);
  /** Events that matter: SOPs in a watched tree or named on the command line, configs, templates. */
  const wanted = (p: string): boolean =>
    plan.files.has(p) || path.basename(p) === 'sop.config.json' || plan.targets.some((t) => t.recursive && inside(p, t.dir));
  const watchers: FSWatcher[] = [];
  for (const t of plan.targets) {
    if (stopped) break;
    const w = chokidarWatch(t.dir, {
      ignoreInitial: true,
      // A removed file followed quickly by a new one at the same path (an atomic save) is one change.
      atomic: true,
      ...(t.recursive ? {} : { depth: 0 }),
      // No link followed, and nothing sop check's walk would not enter (a committed link to / had the watch walk the
      // whole disk, as it had sop preview's: a probe).
      followSymlinks: false,
      ignored: (p: string, stats?: Stats) => IGNORED_DIRS.has(path.basename(p)) || ignoredByWalk(t.dir, p, stats),
    });
    watchers.push(w);
    for (const event of ['add', 'change', 'unlink'] as const) {
      w.on(event, (p: string) => {
        const abs = path.resolve(p);
        if (wanted(abs)) schedule(abs);
      });
    }
    w.on('error', (e: unknown) => {
      const said = watchFailure(e, displayPath(t.dir), opts.lang);
      if (said) term.err(said);
    });
    await new Promise<void>((resolve) => w.once('ready', () => resolve()));
  }
  closeWatchers = () => Promise.all(watchers.map((w) => w.close())).then(() => undefined);
  if (stopped) await closeWatchers();
  else say();
  const code = await done;
  process.removeListener('SIGINT', stop);
  process.removeListener('SIGTERM', stop);
  return code;
}
