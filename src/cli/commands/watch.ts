/**
 * `sop build --watch`: builds, then rebuilds what changed and keeps running
 * through errors. One browser stays open across rebuilds. A change to
 * sop.config.json or a template rebuilds everything.
 */
import { watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import { findBrowser } from '../../render/browser.js';
import { RenderSession } from '../../render/session.js';
import type { Terminal } from '../terminal.js';
import { buildOnce, type BuildOptions } from './build.js';

export async function watchBuild(paths: readonly string[], opts: BuildOptions, term: Terminal): Promise<number> {
  const exe = findBrowser();
  const session = exe ? new RenderSession(exe, { jobs: opts.jobs ?? 1 }) : null;
  const first = await buildOnce(paths, opts, term, session);
  const roots = new Set((paths.length > 0 ? paths : ['sops']).map((p) => path.resolve(p)));
  if (opts.templates) roots.add(path.resolve(opts.templates));
  const say = (): void => term.err(opts.lang === 'en' ? 'Watching for changes (Ctrl-C to stop)...' : 'Menunggu perubahan (Ctrl-C untuk berhenti)...');
  say();
  void first;

  let pending = new Set<string>();
  let everything = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const schedule = (file: string): void => {
    if (/\.sop$/i.test(file)) pending.add(file);
    else everything = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const only = everything ? undefined : pending;
      pending = new Set();
      everything = false;
      running = running.then(async () => {
        try {
          await buildOnce(paths, { ...opts, ...(only ? { only } : {}) }, term, session);
        } catch (e) {
          term.err(`sop: ${(e as Error).message}`);
        }
        say();
      });
    }, 150);
  };

  const watchers: FSWatcher[] = [];
  for (const root of roots) {
    try {
      watchers.push(
        watch(root, { recursive: true }, (_event, name) => {
          if (!name) return;
          const file = path.resolve(root, name.toString());
          if (/\.sop$/i.test(file) || /sop\.config\.json$/.test(file) || /\.(hbs|css)$/.test(file)) schedule(file);
        }),
      );
    } catch {
      // A file path: watch its folder instead.
      watchers.push(watch(path.dirname(root), (_e, name) => name && path.resolve(path.dirname(root), name.toString()) === root && schedule(root)));
    }
  }
  return new Promise<number>((resolve) => {
    const stop = (): void => {
      for (const w of watchers) w.close();
      void running.then(() => session?.close()).then(() => resolve(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
