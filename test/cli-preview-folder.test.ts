/**
 * `sop preview` on a folder that fights back (a hostile probe, reproduced on the released package): symbolic links
 * to `/` and to the folder's parent, the folder moved away and back (a git branch switch), large SOPs beside a
 * small one, a file over the size limit, and Ctrl-C or SIGTERM while the folder is still being read. The built
 * CLI, as a user runs it; no browser (the pages are fetched).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, copyFileSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from './helpers/cli.js';
import { processesWith } from './helpers/procs.js';
import { tempDir } from './helpers/tmp.js';

const EXAMPLE = join(import.meta.dirname, '../sops/pelayanan-tamu.sop');

const sop = (name: string, steps = '  [a] Mulai\n  [b] Selesai\n'): string =>
  `Nama SOP: ${name}\nNomor SOP: ${name}/2026\nTanggal Pembuatan: 2 Januari 2026\nPelaksana:\n  - a: Petugas\n  - b: Kepala\nProsedur:\n${steps}`;

/** A SOP of about `mb` MB (under the 10 MB limit; checking one takes seconds). */
function largeSop(name: string, mb: number): string {
  const step = '  [a] Langkah yang cukup panjang untuk mengisi baris berkas ini\n';
  return sop(name, step.repeat(Math.floor((mb * 1024 * 1024) / step.length)));
}

/** A project folder `p` (a git repository, as the probe had) with `sops/` in it. */
function project(): { p: string; sops: string } {
  const p = join(tempDir('sop-preview-folder-'), 'p');
  mkdirSync(join(p, 'sops'), { recursive: true });
  spawnSync('git', ['init', '-q'], { cwd: p });
  return { p, sops: join(p, 'sops') };
}

interface Run {
  readonly proc: ChildProcess;
  readonly mark: string;
  readonly tmp: string;
  out(): string;
  err(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const runs: Run[] = [];
afterAll(() => {
  for (const r of runs) if (r.proc.exitCode === null && r.proc.signalCode === null) r.proc.kill('SIGKILL');
});

/** `sop preview` started in `cwd`, with a private TMPDIR and a marker in its environment (to find what it leaves). */
function preview(cwd: string, ...args: string[]): Run {
  const mark = `SOP_PREVIEW_TEST_${randomUUID()}`;
  const tmp = tempDir('sop-preview-tmp-');
  const proc = spawn(process.execPath, [CLI, 'preview', ...args], { cwd, env: { ...process.env, NO_COLOR: '1', TMPDIR: tmp, [mark]: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const run = { proc, mark, tmp, out: () => out, err: () => err, exited };
  runs.push(run);
  return run;
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function urlOf(r: Run, ms = 30_000): Promise<string> {
  await until(`the URL (stderr: ${r.err()})`, () => /http:\/\/127\.0\.0\.1:\d+\//.test(r.out()) || r.proc.exitCode !== null, ms);
  const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(r.out());
  if (!m) throw new Error(`preview did not start: ${r.err()}`);
  return m[0];
}

function fetchText(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) =>
    get(url, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject),
  );
}

const files = (html: string): string[] => [...html.matchAll(/<tr data-file="([^"]*)"/g)].map((m) => m[1]!);

/** The folders the process watches (inotify watches held, over all its inotify descriptors). */
function inotifyWatches(pid: number): number {
  let n = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (!readlinkSync(`/proc/${pid}/fd/${fd}`).includes('inotify')) continue;
      n += readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8').split('\n').filter((l) => l.startsWith('inotify')).length;
    } catch {
      // Closed meanwhile.
    }
  }
  return n;
}

/** Stops the preview with `signal`; it must exit 0 within `ms`, leaving no process and no temporary file. */
async function stops(r: Run, signal: NodeJS.Signals, ms: number): Promise<void> {
  const t0 = Date.now();
  r.proc.kill(signal);
  const how = await Promise.race([r.exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), ms))]);
  expect(how, `${signal}: exit within ${ms} ms`).toEqual({ code: 0, signal: null });
  expect(Date.now() - t0).toBeLessThan(ms);
  expect(processesWith(`${r.mark}=1`)).toEqual([]);
  expect(readdirSync(r.tmp)).toEqual([]);
}

describe('links in the folder are not followed out of it', () => {
  it('a link to / and one to the parent: the preview starts at once, watches a few folders, says nothing raw, stops on SIGINT', async () => {
    const { p, sops } = project();
    copyFileSync(EXAMPLE, join(sops, 'pelayanan-tamu.sop'));
    symlinkSync('/', join(sops, 'r'));
    symlinkSync('..', join(sops, 'up'));
    mkdirSync(join(sops, 'node_modules', 'x'), { recursive: true });
    const r = preview(p);
    // The probe had no URL after 120 s (the watcher walked the whole machine, 1.7 GB) and SIGINT ignored.
    const url = await urlOf(r, 20_000);
    expect(files((await fetchText(url)).body)).toEqual(['pelayanan-tamu.sop']);
    // The folder, not the machine: a handful of watches (the probe's run held tens of thousands).
    expect(inotifyWatches(r.proc.pid!)).toBeLessThan(10);
    // Still watching: a new SOP shows.
    writeFileSync(join(sops, 'baru.sop'), sop('Baru'));
    await until('the new SOP', async () => files((await fetchText(url)).body).includes('baru.sop'), 10_000);
    // Only the line that gives the URL (after the one saying the start is slow, on a busy machine): no EACCES/ELOOP of Node's.
    expect(r.err().trim().split('\n').filter((l) => l !== 'Memeriksa sops... (Ctrl-C untuk berhenti)')).toEqual([`Pratinjau di ${url} (Ctrl-C untuk berhenti)`]);
    await stops(r, 'SIGINT', 5_000);
  }, 60_000);
});

describe('the folder moved away and back (a git branch switch)', () => {
  it('is watched again: saves after it are shown; a folder that stays away is said, and its return too', async () => {
    const { p, sops } = project();
    writeFileSync(join(sops, 'a.sop'), sop('A'));
    const r = preview(p);
    const url = await urlOf(r);
    expect(files((await fetchText(url)).body)).toEqual(['a.sop']);
    // Away and back within a moment, as `git checkout` does: the probe's preview showed 0 SOPs from then on.
    renameSync(sops, `${sops}.bak`);
    await new Promise((res) => setTimeout(res, 300));
    renameSync(`${sops}.bak`, sops);
    await new Promise((res) => setTimeout(res, 1_000));
    writeFileSync(join(sops, 'b.sop'), sop('B'));
    await until('b.sop after the folder came back', async () => files((await fetchText(url)).body).join() === 'a.sop,b.sop', 10_000);
    // Away for a while: said once, on stderr and on the index; back: said, and watched again.
    const times = (line: string): number => r.err().split(`${line}\n`).length - 1;
    const gone = 'sop: sops: folder tidak ada lagi; pratinjau menunggu folder itu kembali';
    const back = 'sop: sops: folder ada lagi; dipantau kembali';
    const [goneBefore, backBefore] = [times(gone), times(back)];
    renameSync(sops, `${sops}.bak`);
    await until('the folder said gone', () => times(gone) === goneBefore + 1, 10_000);
    expect((await fetchText(url)).body).toContain('Folder ini tidak ada lagi');
    await new Promise((res) => setTimeout(res, 1_500));
    expect(times(gone)).toBe(goneBefore + 1);
    renameSync(`${sops}.bak`, sops);
    await until('the folder said back', () => times(back) === backBefore + 1, 10_000);
    writeFileSync(join(sops, 'c.sop'), sop('C'));
    await until('c.sop', async () => files((await fetchText(url)).body).join() === 'a.sop,b.sop,c.sop', 10_000);
    expect((await fetchText(url)).body).not.toContain('Folder ini tidak ada lagi');
    await stops(r, 'SIGTERM', 5_000);
  }, 60_000);
});

describe('the project config above the folder previewed', () => {
  it('sop preview sops: a save of the sop.config.json beside sops/ reaches the pages (its paper), as a save of a .sop does', async () => {
    const { p, sops } = project();
    writeFileSync(join(sops, 'a.sop'), sop('A'));
    writeFileSync(join(p, 'sop.config.json'), JSON.stringify({ paper: 'A4' }));
    const r = preview(p, 'sops');
    const url = await urlOf(r);
    const page = async (): Promise<string> => (await fetchText(`${url}view/a.sop`)).body;
    expect(await page()).toContain('size: 297mm 210mm');
    // Before, the page kept A4 until a .sop was saved: only the folder previewed was watched.
    writeFileSync(join(p, 'sop.config.json'), JSON.stringify({ paper: 'F4' }));
    await until('the F4 page', async () => (await page()).includes('size: 330mm 215mm'), 10_000);
    // Made invalid (a comma left after the last value): said on the page and the index, the last good page kept.
    // Before, the page went back to A4 without a word (sop build builds nothing of that project).
    writeFileSync(join(p, 'sop.config.json'), '{ "paper": "F4",\n}');
    await until('the config said invalid', async () => (await page()).includes('sop.config.json tidak sah'), 10_000);
    const shown = await page();
    expect(shown).toContain('koma berlebih sebelum } atau ]');
    expect(shown).toContain('size: 330mm 215mm');
    expect(shown).not.toContain('size: 297mm 210mm');
    expect((await fetchText(url)).body).toMatch(/1 galat/);
    await stops(r, 'SIGINT', 5_000);
  }, 60_000);
});

describe('a file over the size limit', () => {
  it('is named on stderr once, with its size, and on the index and its page', async () => {
    const { p, sops } = project();
    writeFileSync(join(sops, 'a.sop'), sop('A'));
    writeFileSync(join(sops, 'huge.sop'), '');
    truncateSync(join(sops, 'huge.sop'), 60 * 1024 * 1024);
    const r = preview(p);
    const url = await urlOf(r);
    const said = 'sop: sops/huge.sop: terlalu besar (60.0 MB; batasnya 10 MB)';
    expect(r.err()).toContain(said);
    const index = (await fetchText(url)).body;
    expect(index).toContain('terlalu besar (60.0 MB; batasnya 10 MB)');
    expect(index).toMatch(/data-file="huge\.sop"/);
    const page = await fetchText(`${url}view/huge.sop`);
    expect(page.body).toContain('huge.sop: tidak dibaca: terlalu besar (60.0 MB; batasnya 10 MB)');
    // A save elsewhere does not say it again.
    appendFileSync(join(sops, 'a.sop'), '  [a] Lagi\n');
    await until('the save', async () => (await fetchText(`${url}view/a.sop`)).body.includes('Lagi'), 10_000);
    expect(r.err().split(said).length - 1).toBe(1);
    await stops(r, 'SIGTERM', 5_000);
    // In English with --lang en.
    const en = preview(p, '--lang', 'en');
    const enUrl = await urlOf(en);
    expect(en.err()).toContain('sop: sops/huge.sop: too large (60.0 MB; the limit is 10 MB)');
    expect((await fetchText(enUrl)).body).toContain('too large (60.0 MB; the limit is 10 MB)');
    await stops(en, 'SIGINT', 5_000);
  }, 60_000);
});

describe('large SOPs beside a small one', () => {
  /** Four SOPs of 8.4 MB (each takes seconds to check) and a small one. */
  function largeProject(): { p: string; sops: string } {
    const { p, sops } = project();
    for (let i = 1; i <= 4; i++) writeFileSync(join(sops, `besar${i}.sop`), largeSop(`Besar ${i}`, 8.4));
    writeFileSync(join(sops, 'kecil.sop'), sop('Kecil'));
    return { p, sops };
  }

  it('SIGTERM and SIGINT while the folder is still read stop it at once: exit 0, no URL, nothing left', async () => {
    const { p } = largeProject();
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const r = preview(p);
      // Said after a second of reading (and the signals are heard by then): the probe's preview heard them only when it was up.
      await until('the start said slow', () => r.err().includes('Memeriksa sops... (Ctrl-C untuk berhenti)'), 15_000).catch(() => undefined);
      await stops(r, signal, 4_000);
      expect(r.out()).toBe('');
    }
  }, 60_000);

  it('a save of the small one re-reads and re-checks only it: the page follows in seconds and the server keeps answering', async () => {
    const { p, sops } = largeProject();
    const r = preview(p);
    const url = await urlOf(r, 150_000);
    expect(files((await fetchText(url)).body)).toEqual(['besar1.sop', 'besar2.sop', 'besar3.sop', 'besar4.sop', 'kecil.sop']);
    const t0 = Date.now();
    appendFileSync(join(sops, 'kecil.sop'), '  [b] Langkah tambahan\n');
    let slowest = 0;
    await until(
      'the saved page',
      async () => {
        const a = Date.now();
        const page = await fetchText(`${url}view/kecil.sop`);
        slowest = Math.max(slowest, Date.now() - a);
        return page.body.includes('Langkah tambahan');
      },
      30_000,
    );
    // The probe's preview re-read and re-checked all the files on every save (~20 s, the server waiting).
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(slowest).toBeLessThan(1_000);
    await stops(r, 'SIGTERM', 5_000);
  }, 240_000);
});
