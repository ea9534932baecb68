/**
 * `sop playground`'s folder comes from the repository: the default `ruang-coba/` (and whatever an `--out` folder
 * holds) may be committed with symbolic links, and its marker `.sop-playground.json` made a FIFO or a link to a
 * device. Nothing is written through a link or into `.git`, nothing outside the project is written, the marker
 * never blocks nor is read without end, and a stopped or failed write leaves the folder as it was (a hostile
 * probe of the released package).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST, runPlayground } from '../src/cli/commands/playground.js';
import { writeAllOrNoneUnlessStopped } from '../src/project/write.js';
import type { Terminal } from '../src/cli/terminal.js';
import { CLI } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

/** The CLI with a short time limit: nothing here may block. */
function sopRun(cwd: string, ...args: string[]): { code: number; out: string } {
  const r = spawnSync(process.execPath, [CLI, 'playground', ...args], { cwd, encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } });
  expect(r.error, `sop playground ${args.join(' ')} must not hang`).toBeUndefined();
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

/** A repository `p` (its `.git` a folder) with a folder `luar` beside it, outside, holding a LICENSE of its own. */
function repo(): { dir: string; p: string; luar: string } {
  const dir = tempDir('sop-pg-untrusted-');
  const p = join(dir, 'p');
  const luar = join(dir, 'luar');
  mkdirSync(join(p, '.git'), { recursive: true });
  writeFileSync(join(p, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  mkdirSync(luar);
  writeFileSync(join(luar, 'LICENSE'), 'lisensi milik folder lain\n');
  return { dir, p, luar };
}

const ours = `${JSON.stringify({ generator: 'sop playground' })}\n`;

/** Every entry below `d`, links not followed, as relative paths. */
function tree(d: string, rel = ''): string[] {
  return readdirSync(join(d, rel))
    .flatMap((n) => {
      const r = rel ? `${rel}/${n}` : n;
      return lstatSync(join(d, r)).isDirectory() ? [r, ...tree(d, r)] : [r];
    })
    .sort();
}

function term(): { out: string[]; err: string[]; t: Terminal } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, t: { out: (l) => void out.push(l), err: (l) => void err.push(l), color: false, isTTY: false } };
}

describe('sop playground writes nothing through a link (hostile probe, item 1)', () => {
  it('a fonts link inside the folder is refused, with --out and --force too: nothing written there or anywhere', () => {
    const { p, luar } = repo();
    mkdirSync(join(p, 'ruang-coba'));
    writeFileSync(join(p, 'ruang-coba', MANIFEST), ours);
    symlinkSync('../../luar', join(p, 'ruang-coba', 'fonts'));
    for (const args of [[], ['--out', 'ruang-coba'], ['--force']]) {
      const r = sopRun(p, ...args);
      expect(r.code, `${args.join(' ')}: ${r.out}`).toBe(2);
      expect(r.out).toContain('sop playground: ruang-coba/fonts: adalah tautan simbolik; ruang coba tidak ditulis melalui tautan (hapus tautan itu, atau pilih folder lain dengan --out)');
      expect(r.out).not.toMatch(/at \S+:\d+:\d+/);
      expect(tree(luar)).toEqual(['LICENSE']);
      expect(readFileSync(join(luar, 'LICENSE'), 'utf8')).toBe('lisensi milik folder lain\n');
      expect(tree(join(p, 'ruang-coba'))).toEqual([MANIFEST, 'fonts']);
    }
    expect(sopRun(p, '--lang', 'en').out).toContain('sop playground: ruang-coba/fonts: is a symbolic link; the playground is not written through a link');
  });

  it('a file of the site that is a link is replaced by the site\'s own file, its target untouched', () => {
    const { p, luar } = repo();
    mkdirSync(join(p, 'ruang-coba', 'fonts'), { recursive: true });
    writeFileSync(join(p, 'ruang-coba', MANIFEST), ours);
    symlinkSync('../../../luar/LICENSE', join(p, 'ruang-coba', 'fonts', 'LICENSE'));
    symlinkSync('../../luar/LICENSE', join(p, 'ruang-coba', 'index.html'));
    const r = sopRun(p);
    expect(r.code, r.out).toBe(0);
    expect(readFileSync(join(luar, 'LICENSE'), 'utf8')).toBe('lisensi milik folder lain\n');
    expect(tree(luar)).toEqual(['LICENSE']);
    for (const f of ['index.html', 'fonts/LICENSE']) expect(lstatSync(join(p, 'ruang-coba', f)).isFile(), f).toBe(true);
    expect(readFileSync(join(p, 'ruang-coba', 'index.html'), 'utf8')).toContain('sop playground');
  });

  it('the default folder as a link is refused, also to a folder inside the project; --out through it is the caller\'s choice', () => {
    const { p } = repo();
    mkdirSync(join(p, 'situs'));
    symlinkSync('situs', join(p, 'ruang-coba'));
    const r = sopRun(p);
    expect(r.code, r.out).toBe(2);
    expect(r.out).toContain('sop playground: ruang-coba: adalah tautan simbolik; ruang coba tidak ditulis melalui tautan (pilih folder lain dengan --out)');
    expect(readdirSync(join(p, 'situs'))).toEqual([]);
    const chosen = sopRun(p, '--out', 'ruang-coba');
    expect(chosen.code, chosen.out).toBe(0);
    expect(readdirSync(join(p, 'situs'))).toContain('index.html');
  });

  it('a folder that is, lies in or leads into .git is refused (as outDir is), nothing written into the repository\'s database', () => {
    const { p } = repo();
    symlinkSync('.git', join(p, 'ruang-coba'));
    const before = tree(join(p, '.git'));
    for (const args of [[], ['--out', 'ruang-coba'], ['--out', '.git'], ['--out', '.git/situs'], ['--out', 'x/.GIT/y'], ['--out', '.git', '--force']]) {
      const r = sopRun(p, ...args);
      expect(r.code, `${args.join(' ')}: ${r.out}`).toBe(2);
      expect(r.out, args.join(' ')).toMatch(/sop playground: \S+: berada di dalam folder \.git; ruang coba tidak ditulis ke sana \(pilih folder lain dengan --out\)/);
      expect(tree(join(p, '.git')), args.join(' ')).toEqual(before);
    }
    expect(existsSync(join(p, 'x'))).toBe(false);
    // Through a link deeper down, dangling: where mkdir would make it.
    symlinkSync('.git/baru', join(p, 'lain'));
    expect(sopRun(p, '--out', 'lain/situs').code).toBe(2);
    expect(tree(join(p, '.git'))).toEqual(before);
    expect(sopRun(p, '--out', 'ruang-coba', '--lang', 'en').out).toContain(': is in a .git folder; the playground is not written there');
  });
});

describe('the marker is read only as a small regular file (hostile probe, item 2)', () => {
  /** A committed `ruang-coba/index.html` of someone else's, and the marker made by `make`. */
  function withMarker(make: (marker: string, dir: string) => void): { p: string; site: string } {
    const { dir, p } = repo();
    const site = join(p, 'ruang-coba');
    mkdirSync(site);
    writeFileSync(join(site, 'index.html'), '<h1>situs lain</h1>');
    make(join(site, MANIFEST), dir);
    return { p, site };
  }

  it('a FIFO, a link to /dev/zero or to a marker outside, a huge marker: not ours, said why, nothing hangs or is overwritten', () => {
    const cases: [string, (m: string, dir: string) => void, string][] = [
      ['FIFO', (m) => void spawnSync('mkfifo', [m]), 'bukan berkas biasa (FIFO, perangkat atau soket)'],
      ['/dev/zero', (m) => symlinkSync('/dev/zero', m), 'adalah tautan simbolik'],
      ['outside', (m, dir) => (writeFileSync(join(dir, 'm.json'), ours), symlinkSync('../../m.json', m)), 'adalah tautan simbolik'],
      ['huge', (m) => writeFileSync(m, JSON.stringify({ generator: 'sop playground', pad: 'x'.repeat(5000) })), 'terlalu besar (lebih dari 4096 byte)'],
    ];
    for (const [name, make, why] of cases) {
      const { p, site } = withMarker(make);
      const r = sopRun(p);
      expect(r.code, `${name}: ${r.out}`).toBe(2);
      expect(r.out, name).toContain(`sop playground: ruang-coba/${MANIFEST}: ${why}; tidak dibaca, jadi folder ini tidak dianggap ruang coba`);
      expect(r.out, name).toContain('sop playground: ruang-coba sudah berisi index.html yang bukan buatan sop playground; tidak ditimpa');
      expect(readFileSync(join(site, 'index.html'), 'utf8'), name).toBe('<h1>situs lain</h1>');
      expect(existsSync(join(site, 'app.js')), name).toBe(false);
    }
    const en = sopRun(withMarker((m) => void spawnSync('mkfifo', [m])).p, '--lang', 'en');
    expect(en.out).toContain(`sop playground: ruang-coba/${MANIFEST}: is not a regular file (a FIFO, device or socket); not read, so the folder is not taken for a playground`);
  });

  it('--force replaces such a marker with ours, never opening it', () => {
    const { p, site } = withMarker((m) => void spawnSync('mkfifo', [m]));
    const r = sopRun(p, '--force');
    expect(r.code, r.out).toBe(0);
    expect(lstatSync(join(site, MANIFEST)).isFile()).toBe(true);
    expect(JSON.parse(readFileSync(join(site, MANIFEST), 'utf8')).generator).toBe('sop playground');
    // Ours now: the next run needs no --force.
    expect(sopRun(p).code).toBe(0);
  });
});

describe('the site is written whole or not at all', () => {
  it('a signal while it writes leaves the folder as it was: no temporary file, no folder made, exit 130', async () => {
    const out = join(tempDir('sop-pg-stop-'), 'situs');
    const io = term();
    const run = Promise.resolve(runPlayground({ out, lang: 'id' }, io.t));
    let done = false;
    void run.then(() => (done = true));
    let temps = 0;
    await new Promise<void>((resolve) => {
      const poll = (): void => {
        const names = [out, join(out, 'fonts')].flatMap((d) => (existsSync(d) ? readdirSync(d) : []));
        temps = names.filter((n) => n.endsWith('.tmp')).length;
        if (temps >= 3) {
          (process.emit as (event: string, sig: string) => boolean)('SIGINT', 'SIGINT');
          resolve();
        } else if (done) resolve();
        else setImmediate(poll);
      };
      setImmediate(poll);
    });
    expect(await run).toBe(130);
    expect(temps).toBe(3);
    expect(io.err).toEqual(['sop playground: dihentikan (SIGINT); tidak ada yang ditulis']);
    expect(existsSync(out)).toBe(false);
    expect(process.listenerCount('SIGINT')).toBe(0);
  });

  it('a fonts entry that is a file is refused before anything is written: the earlier site stays whole', async () => {
    const out = tempDir('sop-pg-half-');
    expect(await runPlayground({ out, lang: 'id' }, term().t)).toBe(0);
    writeFileSync(join(out, 'index.html'), 'versi lama');
    spawnSync('rm', ['-r', join(out, 'fonts')]);
    writeFileSync(join(out, 'fonts'), 'berkas');
    const io = term();
    expect(await runPlayground({ out, lang: 'id' }, io.t)).toBe(2);
    expect(io.err.join('\n')).toMatch(/fonts: tidak dapat ditulis: sebagian jalurnya adalah berkas, bukan folder/);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('versi lama');
    expect(readdirSync(out).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('writeAllOrNoneUnlessStopped: a failure on the third file removes the first two temporary files and renames none', async () => {
    const dir = tempDir('sop-pg-all-');
    const files = [
      { file: join(dir, 'a.txt'), data: 'a' },
      { file: join(dir, 'b.bin'), data: new Uint8Array([1, 2]) },
      { file: join(dir, 'tidak-ada', 'c.txt'), data: 'c' },
    ];
    await expect(writeAllOrNoneUnlessStopped(files, () => false)).rejects.toMatchObject({ code: 'ENOENT', failedFile: files[2]!.file, written: [] });
    expect(readdirSync(dir)).toEqual([]);
    expect(await writeAllOrNoneUnlessStopped(files.slice(0, 2), () => false)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.bin']);
  });
});
