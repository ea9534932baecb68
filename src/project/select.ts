/**
 * Which SOPs a CI job renders: `--shard i/n` (a deterministic, disjoint
 * share: the files sorted by path, every n-th from the i-th, so shards stay
 * within one file of each other) and `--changed-since REV` (the files git
 * reports changed since REV, plus every file of a project whose config,
 * logo or other non-.sop file changed). The whole project is still checked;
 * the selection only narrows what is rendered (BuildOptions.only).
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { collectProjects } from './io.js';

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** `2/4` → { index: 2, count: 4 }, or null when malformed. */
export function parseShard(s: string): Shard | null {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(s.trim());
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : null;
}

/** The stable key a file is sorted by: its path inside its project, then the project. */
export interface Selectable {
  readonly absPath: string;
  readonly projectRoot: string;
}

const sortKey = (f: Selectable): string => `${path.relative(f.projectRoot, f.absPath).split(path.sep).join('/')}\u0000${f.projectRoot}`;

/** The files of shard i of n. Every file is in exactly one shard; the same input gives the same shards on any machine. */
export function shardFiles<T extends Selectable>(files: readonly T[], shard: Shard): T[] {
  const sorted = [...files].sort((a, b) => {
    const ka = sortKey(a);
    const kb = sortKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return sorted.filter((_, i) => i % shard.count === shard.index - 1);
}

export type ChangedResult = { readonly ok: true; readonly files: Set<string> } | { readonly ok: false; readonly message: string };

/**
 * Absolute paths changed since `rev` (committed, staged, unstaged and new
 * untracked files), from the git repository around `cwd`.
 */
export function changedSince(rev: string, cwd: string): ChangedResult {
  // A revision is never an option: `--output=x` must not reach git.
  if (rev.startsWith('-') || rev.trim() === '' || /[\s\0]/.test(rev)) return { ok: false, message: `revisi tidak sah: ${rev}` };
  const git = (args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  try {
    const top = git(['rev-parse', '--show-toplevel']).trim();
    git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
    const listed = [
      ...git(['diff', '--name-only', '-z', rev, '--']).split('\0'),
      ...git(['ls-files', '--others', '--exclude-standard', '-z', '--full-name']).split('\0'),
    ].filter((f) => f !== '');
    return { ok: true, files: new Set(listed.map((f) => path.resolve(top, f))) };
  } catch (e) {
    const err = e as { code?: string; stderr?: string };
    if (err.code === 'ENOENT') return { ok: false, message: 'git tidak dapat dijalankan' };
    if (/not a git repository/i.test(err.stderr ?? '')) return { ok: false, message: `${cwd} bukan repositori git` };
    return { ok: false, message: `revisi ${rev} tidak dikenal` };
  }
}

/** What else a project's outputs are made from: its config, a logo, templates kept in the project. */
const PROJECT_INPUT_RE = /(?:^|[\\/])sop\.config\.json$|\.(?:png|jpe?g|gif|svg|webp|hbs|css)$/i;

/**
 * The files to render given the changed paths: a changed .sop file itself;
 * a changed config, logo or template inside a project: all of that project.
 */
export function affectedFiles<T extends Selectable>(files: readonly T[], changed: ReadonlySet<string>): T[] {
  const roots = new Set<string>();
  for (const c of changed) {
    if (!PROJECT_INPUT_RE.test(c)) continue;
    for (const f of files) {
      const r = path.relative(f.projectRoot, c);
      if (!r.startsWith('..') && !path.isAbsolute(r)) roots.add(f.projectRoot);
    }
  }
  return files.filter((f) => changed.has(f.absPath) || roots.has(f.projectRoot));
}

export interface Selection {
  readonly shard?: Shard;
  readonly changedSince?: string;
}

/**
 * The absolute paths `sop build` should render for a selection, or an error
 * in words. Lists files only (collectProjects); the build still checks them all.
 */
export function selectForBuild(paths: readonly string[], sel: Selection, cwd: string): { ok: true; only: Set<string>; total: number } | { ok: false; message: string } {
  const { projects } = collectProjects(paths);
  let files: Selectable[] = projects.flatMap((p) => p.files.map((absPath) => ({ absPath, projectRoot: p.root })));
  const total = files.length;
  if (sel.changedSince !== undefined) {
    const changed = changedSince(sel.changedSince, cwd);
    if (!changed.ok) return changed;
    files = affectedFiles(files, changed.files);
  }
  if (sel.shard) files = shardFiles(files, sel.shard);
  return { ok: true, only: new Set(files.map((f) => f.absPath)), total };
}
