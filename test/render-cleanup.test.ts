/**
 * Issue 11 item 2: every browser `sop build` starts is gone when it ends, and
 * every temporary folder removed: on success, on errors, on SIGINT and on
 * SIGTERM, with --jobs 3. Other engineers run Chromium on this machine, so the
 * test counts only its own: processes that carry a marker in their
 * environment (inherited from the sop it spawned; orphans keep it after their
 * parent is gone) and entries of a private TMPDIR.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from './helpers/cli.js';
import { processesWith } from './helpers/procs.js';
import { tempDir } from './helpers/tmp.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Pids of the process tree under `root` (root included). */
function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // Gone.
    }
  }
  const out: number[] = [];
  const todo = [root];
  while (todo.length > 0) {
    const p = todo.pop()!;
    out.push(p);
    todo.push(...(children.get(p) ?? []));
  }
  return out;
}

const sop = (name: string, extra = ''): string =>
  `Nama SOP: ${name}\nNomor SOP: ${name}\nTanggal Pembuatan: 2023-08-31\nPelaksana:\n  - a: Staf\n  - b: Kepala\nProsedur:\n  [a] Mulai ${name}\n  [b] Periksa\n  [a] Selesai\n${extra}`;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** The largest process tree seen while sop ran (sop itself included). */
  maxTree: number;
  /** Marked processes and TMPDIR entries left once sop has exited. */
  leftProcesses: number[];
  leftTemp: string[];
}

async function build(files: number, opts: { bad?: boolean; signal?: NodeJS.Signals; formats?: string; book?: boolean } = {}): Promise<Run> {
  const dir = tempDir('sop-cleanup-');
  dirs.push(dir);
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp);
  mkdirSync(join(dir, 'sops'));
  for (let i = 0; i < files; i++) writeFileSync(join(dir, 'sops', `f${i}.sop`), sop(`f${i}`));
  if (opts.bad) writeFileSync(join(dir, 'sops/rusak.sop'), sop('rusak', '  [z] Tidak ada pelaksana z\n'));
  const mark = `SOP_CLEANUP_TEST=${randomUUID()}`;
  const [k, v] = mark.split('=') as [string, string];
  const args = opts.book ? ['book', 'sops', '--out', 'buku.pdf', '--pdf-engine', 'chromium', '--jobs', '3'] : ['build', 'sops', '--format', opts.formats ?? 'html,pdf', '--pdf-engine', 'chromium', '--jobs', '3'];
  const proc = spawn(process.execPath, [CLI, ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', TMPDIR: tmp, [k]: v },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => proc.on('exit', (c, s) => resolve([c, s])));
  let maxTree = 0;
  let done = false;
  void exited.then(() => (done = true));
  let signalled = false;
  while (!done) {
    const n = tree(proc.pid!).length;
    maxTree = Math.max(maxTree, n);
    // Signal once Chromium and its helpers run (a browser to leak) and some renders are under way.
    if (opts.signal && !signalled && n >= 4) {
      await new Promise((r) => setTimeout(r, 300));
      proc.kill(opts.signal);
      signalled = true;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const [code, signal] = await exited;
  // Chromium's helpers may take a moment to notice their parent is gone; a leak stays.
  let left = processesWith(mark);
  for (let i = 0; i < 40 && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    left = processesWith(mark);
  }
  for (const p of left) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
  return { code, signal, stderr, maxTree, leftProcesses: left, leftTemp: readdirSync(tmp) };
}

describe('sop build leaves no browser and no temporary folder (--jobs 3)', () => {
  it('on success (every browser format)', async () => {
    const r = await build(4, { formats: 'html,pdf,mermaid-svg,mermaid-png' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.maxTree).toBeGreaterThanOrEqual(4);
    expect(r.leftProcesses).toEqual([]);
    expect(r.leftTemp).toEqual([]);
  });

  it('on errors (a file with errors, exit 1)', async () => {
    const r = await build(3, { bad: true });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('SOP');
    expect(r.maxTree).toBeGreaterThanOrEqual(4);
    expect(r.leftProcesses).toEqual([]);
    expect(r.leftTemp).toEqual([]);
  });

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`on ${signal}: the build stops (no restart), exit ${code}`, async () => {
      const r = await build(12, { signal });
      expect(r.signal).toBeNull();
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).toContain(`dihentikan (${signal})`);
      expect(r.stderr).not.toContain('dimulai ulang');
      expect(r.leftProcesses).toEqual([]);
      expect(r.leftTemp).toEqual([]);
    });
  }
});

describe('sop book leaves no browser and no temporary folder', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`on ${signal}: the book stops, exit ${code}, no book written`, async () => {
      const r = await build(12, { signal, book: true });
      expect(r.signal).toBeNull();
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).toContain(`dihentikan (${signal}); buku tidak dibuat.`);
      expect(r.leftProcesses).toEqual([]);
      expect(r.leftTemp).toEqual([]);
    });
  }
});
