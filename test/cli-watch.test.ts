/**
 * `sop build --watch` as editors save: rename-over (atomic) saves, in-place
 * writes, delete and re-create, new files; and it stops cleanly on signals.
 * Only Mermaid is built (no browser), so a rebuild takes milliseconds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

const sop = (word: string): string => `Nama SOP: Uji\nPelaksana:\n  - a: A\nProsedur:\n  [a] Langkah ${word}\n  [a] Langkah akhir\n`;

/** Saves like an editor with atomic saves (or `sed -i`): a new file renamed over the old one. */
function atomicSave(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

const read = (f: string): string => (existsSync(f) ? readFileSync(f, 'utf8') : '');

interface Watching {
  proc: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

const procs: ChildProcess[] = [];
afterEach(() => {
  for (const p of procs.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
});

async function startWatch(target: string, out: string): Promise<Watching> {
  const proc = spawn(process.execPath, [CLI, 'build', target, '--watch', '--format', 'mmd', '--out', out], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  procs.push(proc);
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  proc.stdout!.resume();
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  await until('the watcher is ready', () => err.includes('Menunggu perubahan'), 40_000);
  return { proc, stderr: () => err, exited };
}

/** A folder `sops` holding `a.sop` (step "satu"), and where its outputs go. */
function folderOfOne(): { src: string; out: string; a: string } {
  const dir = tempDir('sop-watch-');
  const src = join(dir, 'sops');
  mkdirSync(src);
  const a = join(src, 'a.sop');
  writeFileSync(a, sop('satu'));
  return { src, out: join(dir, 'out'), a };
}

describe('sop build --watch', () => {
  it('keeps seeing a folder through atomic saves, in-place writes, delete and re-create, and new files; SIGTERM stops it', async () => {
    const { src, out, a } = folderOfOne();
    const w = await startWatch(src, out);
    expect(read(join(out, 'a.mmd'))).toContain('Langkah satu');

    atomicSave(a, sop('dua'));
    await until('first atomic save rebuilt', () => read(join(out, 'a.mmd')).includes('Langkah dua'));
    // The second atomic save is the one fs.watch missed: it followed the replaced inode.
    atomicSave(a, sop('tiga'));
    await until('second atomic save rebuilt', () => read(join(out, 'a.mmd')).includes('Langkah tiga'));
    writeFileSync(a, sop('empat'));
    await until('in-place write rebuilt', () => read(join(out, 'a.mmd')).includes('Langkah empat'));

    rmSync(a);
    await new Promise((r) => setTimeout(r, 400));
    writeFileSync(a, sop('lima'));
    await until('re-created file rebuilt', () => read(join(out, 'a.mmd')).includes('Langkah lima'));
    writeFileSync(a, sop('enam'));
    await until('re-created file still watched', () => read(join(out, 'a.mmd')).includes('Langkah enam'));

    const b = join(src, 'b.sop');
    writeFileSync(b, sop('baru'));
    await until('new file built', () => read(join(out, 'b.mmd')).includes('Langkah baru'));
    atomicSave(b, sop('baru2'));
    await until('new file watched', () => read(join(out, 'b.mmd')).includes('Langkah baru2'));

    mkdirSync(join(src, 'sub'));
    writeFileSync(join(src, 'sub', 'c.sop'), sop('dalam'));
    await until('file in a new sub-folder built', () => read(join(out, 'sub', 'c.mmd')).includes('Langkah dalam'));

    w.proc.kill('SIGTERM');
    expect(await w.exited).toBe(0);
  }, 120_000);

  it('removes the outputs of a deleted or renamed .sop, only those it wrote itself', async () => {
    const dir = tempDir('sop-watch-');
    const src = join(dir, 'sops');
    const out = join(dir, 'out');
    mkdirSync(join(src, 'sub'), { recursive: true });
    for (const n of ['a', 'b', 'x']) writeFileSync(join(src, `${n}.sop`), sop(n));
    writeFileSync(join(src, 'sub', 'c.sop'), sop('c'));
    // Files in the output folder that this watch never wrote: a user's notes, the output of a SOP built elsewhere.
    mkdirSync(out);
    writeFileSync(join(out, 'catatan.txt'), 'milik pengguna');
    writeFileSync(join(out, 'lain.mmd'), 'bukan dari watch ini');
    const w = await startWatch(src, out);
    for (const n of ['a', 'b', 'x']) expect(read(join(out, `${n}.mmd`))).toContain(`Langkah ${n}`);

    rmSync(join(src, 'b.sop'));
    await until('the deleted file\'s output removed', () => !existsSync(join(out, 'b.mmd')));
    renameSync(join(src, 'a.sop'), join(src, 'd.sop'));
    await until('the renamed file built under its new name', () => read(join(out, 'd.mmd')).includes('Langkah a'));
    await until('the renamed file\'s old output removed', () => !existsSync(join(out, 'a.mmd')));
    rmSync(join(src, 'sub'), { recursive: true });
    await until('the outputs of a removed folder removed', () => !existsSync(join(out, 'sub', 'c.mmd')));
    // An output the user replaced since it was written is no longer the watch's: it stays.
    writeFileSync(join(out, 'x.mmd'), 'diganti pengguna');
    rmSync(join(src, 'x.sop'));
    await until('the watcher saw the deletion', () => w.stderr().includes('x.sop') || w.stderr().split('Menunggu perubahan').length > 5);
    await new Promise((r) => setTimeout(r, 500));
    expect(read(join(out, 'x.mmd'))).toBe('diganti pengguna');
    expect(read(join(out, 'catatan.txt'))).toBe('milik pengguna');
    expect(read(join(out, 'lain.mmd'))).toBe('bukan dari watch ini');
    expect(read(join(out, 'd.mmd'))).toContain('Langkah a');
    w.proc.kill('SIGTERM');
    expect(await w.exited).toBe(0);
  }, 120_000);

  it('watches a single file through repeated atomic saves; SIGINT stops it', async () => {
    const dir = tempDir('sop-watch-');
    const out = join(dir, 'out');
    const a = join(dir, 'a.sop');
    writeFileSync(a, sop('satu'));
    const w = await startWatch(a, out);
    for (const word of ['dua', 'tiga', 'empat']) {
      atomicSave(a, sop(word));
      await until(`atomic save "${word}" rebuilt`, () => read(join(out, 'a.mmd')).includes(`Langkah ${word}`));
    }
    w.proc.kill('SIGINT');
    expect(await w.exited).toBe(0);
  }, 120_000);

  it('follows no link out of the folder: a committed link to / is not walked, nothing raw is said', async () => {
    // As sop preview's watch (a probe): chokidar followed the link and walked the whole disk, printing Node's English
    // ("sop: EACCES: permission denied, stat '…/r/proc/1/cwd'") by the hundred.
    const { src, out, a } = folderOfOne();
    symlinkSync('/', join(src, 'r'));
    const w = await startWatch(src, out);
    atomicSave(a, sop('dua'));
    await until('the save rebuilt', () => read(join(out, 'a.mmd')).includes('Langkah dua'));
    w.proc.kill('SIGTERM');
    await w.exited;
    expect(w.stderr()).not.toMatch(/EACCES|ELOOP|permission denied|\/proc\//);
  }, 120_000);
});
