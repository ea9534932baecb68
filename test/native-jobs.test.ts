/**
 * `sop build --jobs N` draws the native outputs (PDF, SVG, PNG) of different SOPs on threads (src/page/native-pool.ts):
 * the outputs byte for byte and the messages line for line as the serial build's (--jobs 1), the threads really used,
 * a SIGTERM mid-build stops it with 143 and no temporary file, a thread that dies is an internal error, and a thread
 * is handed the page models the main thread made (it lays nothing out again).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI, runCliAsync } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';
import { DrawPool, WorkerCrash, defaultJobs, type DrawJob } from '../src/page/native-pool.js';

const ROOT = join(import.meta.dirname, '..');
const ENV = { SOURCE_DATE_EPOCH: '1700000000', SOP_CHROMIUM: '/tidak/ada/chromium' };
const FORMATS = 'html,pdf,mmd,svg,png';

/** Every file under `dir` (relative path -> bytes). */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string, rel: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out.set(`${rel}${e.name}`, readFileSync(join(d, e.name)));
    }
  };
  walk(dir, '');
  return out;
}

/** A project: sops/, generated SOPs, a SOP with a character the font lacks, and one whose PDF cannot be written. */
async function project(): Promise<string> {
  const dir = tempDir('sop-jobs-');
  cpSync(join(ROOT, 'sops'), join(dir, 'sops'), { recursive: true });
  const { generateSop } = await import('../bench/generate.mjs');
  for (let i = 0; i < 10; i++) writeFileSync(join(dir, 'sops', `gen-${i}.sop`), generateSop(700 + i, { steps: 6 + i, lanes: 2 + (i % 5) }));
  writeFileSync(
    join(dir, 'sops', 'emoji.sop'),
    'Nama SOP: Emoji 😀\nNomor SOP: 1\nTanggal Pembuatan: 2023-08-31\nPelaksana:\n  - a: Staf 漢\n  - b: Kepala\nProsedur:\n  [a] Mulai 😀\n  [b] Periksa\n  [a] Selesai\n',
  );
  return dir;
}

async function buildIn(dir: string, jobs: number): Promise<{ code: number; stdout: string; stderr: string; out: Map<string, Buffer> }> {
  // out/gen-3.pdf is a folder: that PDF fails to be written, said among the failures at the end.
  mkdirSync(join(dir, 'out', 'gen-3.pdf'), { recursive: true });
  const r = await runCliAsync(['build', 'sops', '--format', FORMATS, '--out', 'out', '--jobs', String(jobs)], { cwd: dir, env: ENV });
  return { ...r, out: files(join(dir, 'out')) };
}

describe('sop build --jobs: the same outputs and messages as --jobs 1', () => {
  it('sops/ and generated SOPs: byte for byte, stdout and stderr line for line', async () => {
    const a = await project();
    const b = await project();
    const serial = await buildIn(a, 1);
    const parallel = await buildIn(b, 3);
    expect(serial.code, serial.stderr).toBe(2);
    expect(serial.stderr).toContain('gen-3.pdf');
    expect(serial.stderr).toContain('😀');
    expect(parallel.code).toBe(serial.code);
    expect(parallel.stdout).toBe(serial.stdout);
    expect(parallel.stderr).toBe(serial.stderr);
    expect([...parallel.out.keys()].sort()).toEqual([...serial.out.keys()].sort());
    expect(serial.out.size).toBeGreaterThan(80);
    for (const [name, bytes] of serial.out) expect(parallel.out.get(name)!.equals(bytes), name).toBe(true);
  }, 300_000);
});

/** Spawns `sop build` of `n` generated SOPs; samples its thread count; optionally signals it once a PDF is written. */
async function watched(n: number, jobs: number, signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; maxThreads: number; out: string[]; pdfs: number }> {
  const dir = tempDir('sop-jobs-sig-');
  mkdirSync(join(dir, 'sops'));
  const { generateSop } = await import('../bench/generate.mjs');
  for (let i = 0; i < n; i++) writeFileSync(join(dir, 'sops', `g${i}.sop`), generateSop(900 + i, { steps: 12, lanes: 5 }));
  const proc = spawn(process.execPath, [CLI, 'build', 'sops', '--format', FORMATS, '--out', 'out', '--jobs', String(jobs)], {
    cwd: dir,
    env: { ...process.env, ...ENV, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => proc.on('exit', (c, s) => resolve([c, s])));
  let done = false;
  void exited.then(() => (done = true));
  let maxThreads = 0;
  let signalled = false;
  while (!done) {
    try {
      const m = /Threads:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
      if (m) maxThreads = Math.max(maxThreads, Number(m[1]));
    } catch {
      // Gone.
    }
    if (signal && !signalled && existsSync(join(dir, 'out')) && readdirSync(join(dir, 'out')).some((f) => f.endsWith('.pdf'))) {
      proc.kill(signal);
      signalled = true;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const [code, sig] = await exited;
  const out = existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')) : [];
  return { code, signal: sig, stderr, maxThreads, out, pdfs: out.filter((f) => f.endsWith('.pdf')).length };
}

describe('sop build --jobs: threads', () => {
  it('--jobs 3 draws on more threads than --jobs 1', async () => {
    const one = await watched(12, 1);
    const three = await watched(12, 3);
    expect(one.code, one.stderr).toBe(0);
    expect(three.code, three.stderr).toBe(0);
    expect(three.maxThreads).toBeGreaterThanOrEqual(one.maxThreads + 2);
  }, 300_000);

  for (const jobs of [1, 2]) {
    it(`SIGTERM mid-build (--jobs ${jobs}): exit 143, said, no temporary file, no PDF after`, async () => {
      const r = await watched(30, jobs, 'SIGTERM');
      expect(r.signal).toBeNull();
      expect(r.code, r.stderr).toBe(143);
      expect(r.stderr).toContain('dihentikan (SIGTERM)');
      expect(r.out.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(r.pdfs).toBeLessThan(30);
    }, 300_000);
  }
});

describe('DrawPool', () => {
  const fixture = (name: string): URL => pathToFileURL(join(ROOT, 'test/fixtures/native-pool', name));
  const job = (name: string): DrawJob => ({ input: { model: { name } as never, config: {} }, meta: null, svg: true, png: null });
  const crash = (label: string, why: string): string => `thread died drawing ${label} (${why})`;

  it('draws on at most `size` threads and ends them on close', async () => {
    const pool = new DrawPool(fixture('echoes.mjs'), 2, crash);
    const r = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((n) => pool.draw(n, job(n))));
    expect(r.map((x) => x.svg)).toEqual(['a', 'b', 'c', 'd', 'e'].map((n) => ({ ok: `<svg>${n}</svg>` })));
    expect(pool.started).toBe(2);
    await pool.close();
    expect(pool.started).toBe(0);
    await expect(pool.draw('f', job('f'))).rejects.toThrow('closed');
  });

  it('a thread that exits is a crash, named with the SOP it was drawing; the SOPs queued fail with it', async () => {
    const pool = new DrawPool(fixture('exits.mjs'), 1, crash);
    const a = pool.draw('a.sop', job('a'));
    const b = pool.draw('b.sop', job('b'));
    await expect(a).rejects.toBeInstanceOf(WorkerCrash);
    await expect(a).rejects.toThrow('thread died drawing a.sop (exit 7)');
    await expect(b).rejects.toBeInstanceOf(WorkerCrash);
    await pool.close();
  });

  it('by default one less than the CPUs draw, at most 4, at least 1', () => {
    expect([1, 2, 3, 4, 5, 8, 64].map((n) => defaultJobs(n))).toEqual([1, 1, 2, 3, 4, 4, 4]);
  });

  it('a thread that throws is a crash, with the first line of its error', async () => {
    const pool = new DrawPool(fixture('throws.mjs'), 2, crash);
    await expect(pool.draw('x.sop', job('x'))).rejects.toThrow(/^thread died drawing x\.sop \(kaput\)$/);
    await pool.close();
  });
});

describe('sop build --jobs: what a thread is handed', () => {
  it('the page models made on the main thread (a thread lays nothing out again), drawn to the serial bytes', async () => {
    const { compile } = await import('../src/index.js');
    const { nativeTasksOf } = await import('../src/page/build-native.js');
    const { pdfMetaOf } = await import('../src/render/pdf.js');
    const { nativePdf, nativeSheet, sheetOf } = await import('../src/page/native.js');
    const { renderNativePdf } = await import('../src/page/pdf.js');
    const model = compile(readFileSync(join(ROOT, 'sops/penyusunan-duk.sop'), 'utf8')).model;
    const handed: DrawJob[] = [];
    const pool = {
      size: 1,
      submit: (_label: string, j: DrawJob) => {
        handed.push(j);
        return { result: new Promise<never>(() => {}), withdraw: () => false };
      },
    } as unknown as DrawPool;
    const tasks = nativeTasksOf({ file: 'a.sop', model }, ['pdf', 'svg', 'png'], {}, { pdfEngine: 'native', pngScale: 1, lang: 'id' }, {}, undefined, () => '', () => {}, pool);
    tasks[0]!.start!();
    tasks[1]!.start!();
    // One job for the SOP's three outputs, with both page models.
    expect(handed).toHaveLength(1);
    const pages = handed[0]!.pages!;
    expect(pages.document!.pages.length).toBeGreaterThan(1);
    expect(pages.sheet!.marks.length).toBeGreaterThan(100);
    // What a thread draws from them (a structured clone, as postMessage sends them) is what the main thread draws.
    const meta = pdfMetaOf(model, new Date(1700000000000));
    const doc = structuredClone(pages.document!);
    expect(Buffer.from(await renderNativePdf(doc, meta)).equals(Buffer.from(await nativePdf({ model, config: {} }, meta)))).toBe(true);
    const sheet = structuredClone(pages.sheet!);
    const mine = nativeSheet({ model, config: {} });
    expect(sheetOf(() => sheet, `SOP ${model.name}`).svg()).toBe(mine.svg());
    expect(Buffer.from((await sheetOf(() => sheet, 'SOP').png(1)).png).equals(Buffer.from((await mine.png(1)).png))).toBe(true);
  }, 60_000);
});
