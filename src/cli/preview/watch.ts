/**
 * The folder watch of `sop preview`: which saves reach the preview.
 *
 * The folder is watched by the rules of `sop check`'s folder walk (src/project/io.ts, skippedInWalk): symbolic
 * links are never followed (a committed `sops/r` linked to `/` had the watcher walk the whole machine, for minutes
 * and gigabytes, printing its errors), hidden entries (`.git`) and the folders of dependencies and build output
 * are passed over, and a folder that cannot be read is skipped without a word, as the walk skips it.
 *
 * The folder itself may go and come back (`mv sops x; mv x sops`, a git branch switch): chokidar then drops it for
 * good. It is watched again as soon as it is back, and a folder still missing is said once, in words.
 */
import { existsSync, lstatSync, statSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { watch as chokidarWatch, type FSWatcher } from 'chokidar';
import type { Lang } from '../../diagnostics/catalog.js';
import { CONFIG_FILE, displayPath, skippedInWalk } from '../../project/io.js';
import { realOrNull, statStamp } from './place.js';

/** How often the folder is looked at to see whether it is still the one watched (a stat). */
const CHECK_MS = 500;

export interface WatchHandlers {
  /** A `.sop` or `sop.config.json` was added, changed or removed, or the folder is watched again. */
  readonly change: () => void;
  /** The folder is gone (said by the watch); `change` follows once it is back. */
  readonly lost: () => void;
  readonly back: () => void;
  /** A line for stderr (`sop: …`), in the language asked for. */
  readonly say: (line: string) => void;
}

export interface FolderWatch {
  close(): Promise<void>;
}

/** Whether chokidar passes over `p`, below the watched folder `top`: what `sop check`'s walk would not enter. */
export function ignoredByWalk(top: string, p: string, stats?: Stats): boolean {
  const rel = path.relative(top, p);
  if (rel === '') return false;
  if (rel.startsWith('..') || path.isAbsolute(rel)) return true;
  const segs = rel.split(path.sep);
  return segs.some((s, i) => skippedInWalk(s, i < segs.length - 1 || stats === undefined || stats.isDirectory()));
}

/** Why a watch failed, in words (chokidar's errors are Node's English), or null for one not worth a word. */
export function watchFailure(e: unknown, folder: string, lang: Lang): string {
  const code = (e as NodeJS.ErrnoException | null)?.code ?? '';
  const t = (id: string, en: string): string => `sop: ${folder}: ${lang === 'en' ? en : id}`;
  if (code === 'ENOSPC')
    return t(
      'batas pemantauan berkas sistem tercapai (fs.inotify.max_user_watches); perubahan di folder ini mungkin tidak terlihat',
      "the system's limit of watched folders is reached (fs.inotify.max_user_watches); changes in this folder may go unseen",
    );
  if (code === 'EMFILE' || code === 'ENFILE') return t('terlalu banyak berkas terbuka untuk dipantau; perubahan mungkin tidak terlihat', 'too many open files to watch; changes may go unseen');
  return t(`pemantauan folder gagal (${code || 'galat tak dikenal'}); perubahan mungkin tidak terlihat`, `watching the folder failed (${code || 'unknown error'}); changes may go unseen`);
}

const identity = (p: string): string | null => {
  try {
    const st = statSync(p);
    return st.isDirectory() ? `${st.dev}:${st.ino}` : null;
  } catch {
    return null;
  }
};

/**
 * The sop.config.json files above the watched folder that may be its project's (src/project/io.ts projectRootOf:
 * the nearest at or above it, up to the repository's root): `sop preview sops` in a project whose config is beside
 * `sops/` kept printing the old paper after the config was saved, until a .sop was. Looked at by the folder's poll
 * (lstat: a link is not followed, nothing is read; the build reads the config by its own rules).
 */
export function configsAbove(root: string): string[] {
  const out: string[] = [];
  let d = path.resolve(root);
  for (let i = 0; i < 32; i++) {
    if (existsSync(path.join(d, '.git'))) break;
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
    out.push(path.join(d, CONFIG_FILE));
  }
  return out;
}

/** What a config file above is now: its identity, size and times, or '-' when there is none. */
const fileStamp = (p: string): string => {
  try {
    return statStamp(lstatSync(p));
  } catch {
    return '-';
  }
};

/** Whether `p` (an event's path) is a file the preview is made from. */
const relevant = (p: string): boolean => /\.sop$/i.test(p) || path.basename(p) === 'sop.config.json';

/**
 * Watches `root` (through its real path, where a `sops` link inside the project leads); resolves once the first
 * walk is done. `signal` aborts the walk: the promise then rejects and nothing is left watching.
 */
export async function watchFolder(root: string, lang: Lang, on: WatchHandlers, signal?: AbortSignal): Promise<FolderWatch> {
  const shown = displayPath(root);
  const said = new Set<string>();
  let watcher: FSWatcher | null = null;
  let watching: string | null = null;
  let closed = false;
  let missingSaid = false;
  let restarting: Promise<void> | null = null;
  let markClosed: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (markClosed = resolve));

  const start = async (): Promise<void> => {
    const real = realOrNull(root) ?? root;
    watching = identity(root);
    const w = chokidarWatch(real, {
      ignoreInitial: true,
      atomic: true,
      followSymlinks: false,
      ignorePermissionErrors: true,
      ignored: (p: string, stats?: Stats) => ignoredByWalk(real, p, stats),
    });
    watcher = w;
    for (const ev of ['add', 'change', 'unlink'] as const) w.on(ev, (p: string) => void (relevant(p) && !closed && on.change()));
    // The folder itself renamed or removed: chokidar stops watching it, also when it is back a moment later.
    w.on('unlinkDir', (p: string) => void (path.resolve(p) === real && renew()));
    w.on('error', (e: unknown) => {
      const line = watchFailure(e, shown, lang);
      if (!closed && !said.has(line)) {
        said.add(line);
        on.say(line);
      }
    });
    // The first walk ends, or the watch is closed or aborted meanwhile (chokidar stops walking once closed).
    await new Promise<void>((resolve, reject) => {
      const abort = (): void => reject(signal?.reason ?? new Error('aborted'));
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', abort, { once: true });
      const done = (): void => {
        signal?.removeEventListener('abort', abort);
        resolve();
      };
      w.once('ready', done);
      void stopped.then(done);
    });
  };

  /** Drops the watch and, while the folder is there, watches it again (a missing folder is said once). */
  const renew = (): void => {
    if (closed || restarting) return;
    restarting = (async () => {
      const old = watcher;
      watcher = null;
      await old?.close().catch(() => undefined);
      if (closed) return;
      if (identity(root) === null) {
        watching = null;
        if (!missingSaid) {
          missingSaid = true;
          on.lost();
        }
        return;
      }
      await start().catch(() => undefined);
      if (closed) return;
      if (missingSaid) {
        missingSaid = false;
        on.back();
      }
      on.change();
    })().finally(() => (restarting = null));
  };

  try {
    await start();
  } catch (e) {
    closed = true;
    markClosed();
    await (watcher as FSWatcher | null)?.close().catch(() => undefined);
    throw e;
  }
  // A folder replaced (removed and made again: a new inode) or gone, also between two events; a config above it saved.
  const above = configsAbove(root);
  const stamps = above.map(fileStamp);
  const poll = setInterval(() => {
    const now = identity(root);
    if (now !== watching || (now === null && !missingSaid)) renew();
    let changed = false;
    above.forEach((p, i) => {
      const st = fileStamp(p);
      if (st !== stamps[i]) [stamps[i], changed] = [st, true];
    });
    if (changed && !closed) on.change();
  }, CHECK_MS);
  poll.unref();
  return {
    async close() {
      closed = true;
      markClosed();
      clearInterval(poll);
      await restarting;
      await (watcher as FSWatcher | null)?.close().catch(() => undefined);
      watcher = null;
    },
  };
}
