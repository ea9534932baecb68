/**
 * Sources named on the command line are untrusted too (CI runs
 * `sop check $(git diff --name-only)` on files anyone can propose, and git
 * stores symbolic links): a `.sop` or sop.config.json that is a link out of
 * the project, a FIFO, a device or a huge file is refused with a message and
 * exit 2, never read, printed, blocked on or rewritten.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

const sop = (name: string, number: string, extra = ''): string =>
  `Nama SOP: ${name}\nNomor SOP: ${number}\nTanggal Pembuatan: 2023-08-31\n${extra}Pelaksana:\n  - a: Kepala\nProsedur:\n  [a] Mulai\n  [a] Selesai\n`;

/** The CLI with a short time limit: nothing here may block. */
function sopRun(cwd: string, ...args: string[]): { code: number; out: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } });
  expect(r.error, `sop ${args.join(' ')} must not hang`).toBeUndefined();
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

/** A project `p` with a secret file beside it (outside the project). */
function project(): { dir: string; p: string } {
  const dir = tempDir('sop-untrusted-');
  const p = join(dir, 'p');
  mkdirSync(p);
  writeFileSync(join(dir, 'rahasia.txt'), 'Nama SOP: TOKEN-RAHASIA-123\n');
  return { dir, p };
}

describe('the default folder sops/ comes from the repository', () => {
  it('a sops link out of the working folder is refused by every command that defaults to it (exit 2); a link inside is followed', () => {
    const { dir, p } = project();
    mkdirSync(join(dir, 'luar'));
    writeFileSync(join(dir, 'luar', 'rahasia.sop'), sop('TOKEN-RAHASIA-LUAR', 'R-1'));
    symlinkSync('../luar', join(p, 'sops'));
    for (const cmd of [['build', '--format', 'html'], ['build', '--format', 'html', '--shard', '1/2'], ['build', '--watch', '--format', 'html'], ['list'], ['book'], ['preview']]) {
      const r = sopRun(p, ...cmd);
      expect(r.code, cmd.join(' ')).toBe(2);
      expect(r.out, cmd.join(' ')).toContain('sop: sops: adalah tautan simbolik ke luar folder proyek; tidak dibaca');
      expect(r.out, cmd.join(' ')).not.toContain('TOKEN-RAHASIA-LUAR');
    }
    expect(existsSync(join(p, 'out'))).toBe(false);
    // Named on the command line, the same folder is the caller's choice.
    expect(sopRun(p, 'list', 'sops').out).toContain('TOKEN-RAHASIA-LUAR');
    // A link to a folder inside the project is an ordinary sops/.
    const q = join(dir, 'q');
    mkdirSync(join(q, 'docs', 'sops'), { recursive: true });
    writeFileSync(join(q, 'docs', 'sops', 'a.sop'), sop('A', 'A-1'));
    symlinkSync('docs/sops', join(q, 'sops'));
    const r = sopRun(q, 'build', '--format', 'html');
    expect(r.code, r.out).toBe(0);
    expect(existsSync(join(q, 'out', 'a.html'))).toBe(true);
  });
});

describe('a .sop named on the command line is read as untrusted', () => {
  it('a link to a file outside the project is refused, its content never printed', () => {
    const { p } = project();
    symlinkSync('../rahasia.txt', join(p, 'x.sop'));
    for (const cmd of [['check', 'x.sop'], ['check', 'x.sop', '--format', 'json'], ['build', 'x.sop', '--format', 'html'], ['fmt', 'x.sop'], ['list', 'x.sop']]) {
      const r = sopRun(p, ...cmd);
      expect(r.out, cmd.join(' ')).not.toContain('TOKEN-RAHASIA');
      expect(r.code, cmd.join(' ')).toBe(2);
    }
    expect(sopRun(p, 'check', 'x.sop').out).toContain('sop: x.sop: adalah tautan simbolik ke luar folder proyek; tidak dibaca');
    expect(sopRun(p, 'check', 'x.sop', '--lang', 'en').out).toContain('sop: x.sop: is a symbolic link out of the project folder; not read');
  });

  it('sop fmt --write never rewrites a file outside the project through a link', () => {
    const { dir, p } = project();
    writeFileSync(join(dir, 'luar.sop'), `Nama SOP:   Luar\nPelaksana:\n  - a: A\nProsedur:\n  [a]   Satu\n`);
    symlinkSync('../luar.sop', join(p, 'y.sop'));
    const before = readFileSync(join(dir, 'luar.sop'), 'utf8');
    expect(sopRun(p, 'fmt', '--write', 'y.sop').code).toBe(2);
    expect(readFileSync(join(dir, 'luar.sop'), 'utf8')).toBe(before);
  });

  it('a link inside the project is still followed', () => {
    const { p } = project();
    mkdirSync(join(p, 'asli'));
    writeFileSync(join(p, 'asli', 'a.sop'), sop('A', 'A-1'));
    symlinkSync('asli/a.sop', join(p, 'a.sop'));
    const r = sopRun(p, 'check', 'a.sop');
    expect(r.code, r.out).toBe(0);
  });

  it('a link to /dev/zero, a FIFO, a folder named .sop: refused at once, exit 2', () => {
    const { p } = project();
    symlinkSync('/dev/zero', join(p, 'nol.sop'));
    spawnSync('mkfifo', [join(p, 'pipa.sop')]);
    mkdirSync(join(p, 'folder.sop'));
    const zero = sopRun(p, 'check', 'nol.sop');
    expect(zero.code).toBe(2);
    expect(zero.out).toContain('tautan simbolik ke luar folder proyek');
    const fifo = sopRun(p, 'check', 'pipa.sop');
    expect(fifo.code).toBe(2);
    expect(fifo.out).toContain('sop: pipa.sop: bukan berkas biasa (FIFO, perangkat atau soket); tidak dibaca');
    expect(sopRun(p, 'fmt', '--check', 'pipa.sop').code).toBe(2);
    // As git's diff driver it still exits 0, with the reason on stderr.
    const d = spawnSync(process.execPath, [CLI, 'diff', 'pipa.sop', 'pipa.sop', '0', '100644', 'pipa.sop', 'abc', '100644'], { cwd: p, encoding: 'utf8', timeout: 20_000 });
    expect(d.error).toBeUndefined();
    expect(d.status).toBe(0);
    expect(d.stderr).toContain('bukan berkas biasa');
  });

  it('a link that loops is said in words (it was Node\'s "ELOOP: too many symbolic links encountered"), exit 2', () => {
    const { p } = project();
    symlinkSync('putar', join(p, 'putar'));
    symlinkSync('putar.sop', join(p, 'putar.sop'));
    for (const cmd of [['check', 'putar.sop'], ['build', 'putar.sop', '--format', 'html'], ['preview', 'putar'], ['preview', 'putar.sop']]) {
      const r = sopRun(p, ...cmd);
      expect(r.code, cmd.join(' ')).toBe(2);
      expect(r.out, cmd.join(' ')).toContain(`sop: ${cmd[1]}: adalah tautan simbolik yang melingkar; tidak dibaca`);
      expect(r.out, cmd.join(' ')).not.toMatch(/ELOOP|too many/);
    }
    expect(sopRun(p, 'preview', 'putar', '--lang', 'en').out).toContain('sop: putar: is a symbolic link that loops; not read');
  });

  it('a file over 10 MB is refused with its size, not checked for minutes', () => {
    const { p } = project();
    const step = '  [a] Langkah yang cukup panjang untuk mengisi baris\n';
    writeFileSync(join(p, 'besar.sop'), sop('B', 'B-1') + step.repeat(Math.ceil((10.5 * 1024 * 1024) / step.length)));
    const r = sopRun(p, 'check', '.');
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/sop: besar\.sop: terlalu besar \(10\.\d MB; batasnya 10 MB\)/);
    expect(sopRun(p, 'check', '.', '--lang', 'en').out).toMatch(/too large \(10\.\d MB; the limit is 10 MB\)/);
  });

  it('a sop.config.json that links out of the project is not read', () => {
    const { dir, p } = project();
    writeFileSync(join(dir, 'config.json'), '{ "instansi": ["RAHASIA-INSTANSI"] }');
    symlinkSync('../config.json', join(p, 'sop.config.json'));
    writeFileSync(join(p, 'a.sop'), sop('A', 'A-1'));
    const r = sopRun(p, 'build', '.', '--format', 'html');
    expect(r.out).toContain('sop.config.json tidak sah: adalah tautan simbolik ke luar folder proyek; tidak dibaca. [SOP503]');
    // The project is not built with the defaults either: its config is refused, so is the build (exit 1).
    expect(r.code).toBe(1);
    expect(existsSync(join(p, 'out/a.html'))).toBe(false);
    expect(r.out).not.toContain('RAHASIA-INSTANSI');
  });
});

describe('outputs stay in the output folder, and the output folder in the project', () => {
  for (const given of ['../luar', '<absolute>/luar', 'a/../../luar', '..']) {
    it(`sop.config.json's "outDir": ${JSON.stringify(given)} is refused (SOP503); nothing is written outside`, () => {
      const { dir, p } = project();
      const outDir = given.replace('<absolute>', dir);
      writeFileSync(join(p, 'sop.config.json'), JSON.stringify({ outDir }));
      writeFileSync(join(p, 'a.sop'), sop('A', 'A-1'));
      const r = sopRun(p, 'build', '.', '--format', 'html');
      expect(r.out).toContain('"outDir" harus jalur relatif di dalam folder proyek');
      expect(r.code).toBe(1);
      expect(existsSync(join(dir, 'luar'))).toBe(false);
      expect(existsSync(join(dir, 'a.html'))).toBe(false);
    });
  }

  for (const given of ['.git', '.git/hooks', 'x/.GIT']) {
    it(`sop.config.json's "outDir": ${JSON.stringify(given)} is refused (SOP503): nothing written into the repository's database`, () => {
      const { p } = project();
      writeFileSync(join(p, 'sop.config.json'), JSON.stringify({ outDir: given }));
      writeFileSync(join(p, 'a.sop'), sop('A', 'A-1'));
      const r = sopRun(p, 'build', '.', '--format', 'html');
      expect(r.out).toContain('"outDir" tidak boleh menunjuk ke dalam folder .git');
      expect(r.code).toBe(1);
      expect(existsSync(join(p, given, 'a.html'))).toBe(false);
    });
  }

  it('a committed link "out" (or "out/sub") leading out of the project is not written through: exit 2', () => {
    const { dir, p } = project();
    mkdirSync(join(dir, 'target'));
    symlinkSync('../target', join(p, 'out'));
    writeFileSync(join(p, 'a.sop'), sop('A', 'A-1'));
    const r = sopRun(p, 'build', '.', '--format', 'html,mmd');
    expect(r.code, r.out).toBe(2);
    expect(r.out).toContain('sop: out: adalah tautan simbolik ke luar folder proyek; tidak ditulis');
    expect(readdirSync(join(dir, 'target'))).toEqual([]);

    const q = join(dir, 'q');
    mkdirSync(join(q, 'sub'), { recursive: true });
    mkdirSync(join(q, 'out'));
    symlinkSync('../../target', join(q, 'out', 'sub'));
    writeFileSync(join(q, 'sub', 'b.sop'), sop('B', 'B-1'));
    writeFileSync(join(q, 'c.sop'), sop('C', 'C-1'));
    const r2 = sopRun(q, 'build', '.', '--format', 'html');
    expect(r2.code, r2.out).toBe(2);
    expect(readdirSync(join(dir, 'target'))).toEqual([]);
    expect(existsSync(join(q, 'out', 'c.html'))).toBe(true);
    // Said as refused, not as "skipped for errors": b.sop has none.
    expect(r2.out).toContain('1 berkas dibuat dari 1 SOP ke out; 1 SOP tidak ditulis: folder keluaran ditolak.');
    expect(r2.out).not.toContain('dilewati karena galat');
  });

  it('a link "out" inside the project, and --out given outside it, are still written', () => {
    const { dir, p } = project();
    mkdirSync(join(p, 'hasil'));
    symlinkSync('hasil', join(p, 'out'));
    writeFileSync(join(p, 'a.sop'), sop('A', 'A-1'));
    expect(sopRun(p, 'build', '.', '--format', 'html').code).toBe(0);
    expect(existsSync(join(p, 'hasil', 'a.html'))).toBe(true);
    expect(sopRun(p, 'build', '.', '--format', 'html', '--out', join(dir, 'di-luar')).code).toBe(0);
    expect(existsSync(join(dir, 'di-luar', 'a.html'))).toBe(true);
  });

  it('a template of --templates that links out of that folder is not read, nor printed', () => {
    const { dir, p } = project();
    mkdirSync(join(p, 'tpl', 'partials'), { recursive: true });
    writeFileSync(join(dir, 'rahasia.css'), '/* TOKEN-RAHASIA-CSS */');
    symlinkSync('../../rahasia.css', join(p, 'tpl', 'extra.css'));
    writeFileSync(join(p, 'a.sop'), sop('A', 'A-1'));
    const r = sopRun(p, 'build', 'a.sop', '--format', 'html', '--templates', 'tpl');
    expect(r.code).toBe(2);
    expect(r.out).toContain('sop: templat tidak dapat dibaca: tpl/extra.css: adalah tautan simbolik ke luar folder proyek; tidak dibaca');
    expect(existsSync(join(p, 'out', 'a.html'))).toBe(false);
    spawnSync('rm', [join(p, 'tpl', 'extra.css')]);
    spawnSync('mkfifo', [join(p, 'tpl', 'partials', 'identity.hbs')]);
    const f = sopRun(p, 'build', 'a.sop', '--format', 'html', '--templates', 'tpl');
    expect(f.code).toBe(2);
    expect(f.out).toContain('bukan berkas biasa (FIFO, perangkat atau soket)');
  });
});

describe('the default output folder comes from the repository (issue 19 item 1)', () => {
  /** A project with its SOPs in sops/ (the project root is then sops/, the output folder ./out) and a committed out link. */
  function linkedOut(config?: object): { dir: string; p: string; target: string } {
    const { dir, p } = project();
    const target = join(dir, 'target');
    mkdirSync(target);
    mkdirSync(join(p, '.git'));
    mkdirSync(join(p, 'sops'));
    writeFileSync(join(p, 'sops', 'a.sop'), sop('A', 'A-1'));
    if (config) {
      writeFileSync(join(p, 'sops', 'sop.config.json'), JSON.stringify(config));
      symlinkSync('../target', join(p, 'hasil'));
    } else symlinkSync('../target', join(p, 'out'));
    return { dir, p, target };
  }

  it('a committed out link leading out of the project is refused by build (every format, --incremental, --watch) and book: exit 2, nothing written there', () => {
    const { p, target } = linkedOut();
    for (const cmd of [['build', '--format', 'html,mmd'], ['build', '--format', 'html', '--incremental'], ['build', '--watch', '--format', 'html'], ['book']]) {
      const r = sopRun(p, ...cmd);
      expect(r.code, `${cmd.join(' ')}: ${r.out}`).toBe(2);
      expect(r.out, cmd.join(' ')).toMatch(/sop: out: adalah tautan simbolik ke luar folder proyek; (tidak ditulis|buku tidak ditulis ke sana)/);
      expect(readdirSync(target), cmd.join(' ')).toEqual([]);
    }
    const en = sopRun(p, 'build', '--format', 'html', '--lang', 'en');
    expect(en.code).toBe(2);
    expect(en.out).toContain('sop: out: is a symbolic link out of the project folder; nothing is written there');
    // A dangling link to a folder still to be made out there: refused too, nothing made.
    rmSync(join(p, 'out'));
    symlinkSync('../target/baru', join(p, 'out'));
    expect(sopRun(p, 'build', '--format', 'html').code).toBe(2);
    expect(readdirSync(target)).toEqual([]);
    rmSync(join(p, 'out'));
    symlinkSync('../target', join(p, 'out'));
    // --out on the command line is the caller's choice.
    const chosen = sopRun(p, 'build', '--format', 'html', '--out', 'out');
    expect(chosen.code, chosen.out).toBe(0);
    expect(readdirSync(target).sort()).toEqual(['a.html', 'fonts']);
  });

  it('a committed out link into .git is refused by build (every format) and book: exit 2, nothing written into .git', () => {
    // A probe: the link stays in the working folder, so it passed as inside the project, and the build wrote a.html
    // and fonts/ into the repository's database (an outDir there is SOP503).
    const { dir, p } = project();
    mkdirSync(join(p, '.git', 'objects'), { recursive: true });
    mkdirSync(join(p, 'sops'));
    writeFileSync(join(p, 'sops', 'a.sop'), sop('A', 'A-1'));
    for (const to of ['.git', '.git/objects']) {
      rmSync(join(p, 'out'), { force: true });
      symlinkSync(to, join(p, 'out'));
      for (const cmd of [['build', '--format', 'html,mmd'], ['build', '--format', 'html', '--incremental'], ['book']]) {
        const r = sopRun(p, ...cmd);
        expect(r.code, `${to}: ${cmd.join(' ')}: ${r.out}`).toBe(2);
        expect(r.out, cmd.join(' ')).toMatch(/sop: out: adalah atau menuju folder \.git; (tidak ditulis|buku tidak ditulis ke sana)/);
      }
      expect(readdirSync(join(p, '.git')).sort()).toEqual(['objects']);
      expect(readdirSync(join(p, '.git', 'objects'))).toEqual([]);
    }
    expect(sopRun(p, 'build', '--format', 'html', '--lang', 'en').out).toContain('sop: out: is or leads into the .git folder; nothing is written there');
    rmSync(dir, { recursive: true, force: true });
  });

  it('a committed ruang-coba link is refused by playground without --out (its default folder); --out is the caller\'s choice', () => {
    const { p, target } = linkedOut();
    symlinkSync('../target', join(p, 'ruang-coba'));
    const r = sopRun(p, 'playground');
    expect(r.code, r.out).toBe(2);
    expect(r.out).toContain('sop playground: ruang-coba: adalah tautan simbolik ke luar folder proyek; tidak ditulis');
    expect(readdirSync(target)).toEqual([]);
    const chosen = sopRun(p, 'playground', '--out', 'ruang-coba');
    expect(chosen.code, chosen.out).toBe(0);
    expect(readdirSync(target)).toContain('index.html');
  });

  it('the outDir of sop.config.json is checked the same way', () => {
    const { p, target } = linkedOut({ outDir: 'hasil' });
    const r = sopRun(p, 'build', '--format', 'html', '--incremental');
    expect(r.code, r.out).toBe(2);
    expect(r.out).toContain('sop: hasil: adalah tautan simbolik ke luar folder proyek; tidak ditulis');
    expect(readdirSync(target)).toEqual([]);
  });
});

describe('the incremental cache is untrusted (issue 19 items 2 and 3)', () => {
  const cacheOf = (p: string): string => join(p, 'out', '.sop-cache.json');

  it('a cache that is a FIFO, a link out of the output folder or a huge file is ignored: the SOPs are built, nothing hangs', () => {
    const { dir, p } = project();
    writeFileSync(join(p, 'a.sop'), sop('A', 'A-1'));
    expect(sopRun(p, 'build', '.', '--format', 'html', '--incremental').code).toBe(0);
    // A valid cache kept outside: followed, it would call a.sop up to date.
    renameSync(cacheOf(p), join(dir, 'cache.json'));
    symlinkSync('../../cache.json', cacheOf(p));
    const linked = sopRun(p, 'build', '.', '--format', 'html', '--incremental');
    expect(linked.code, linked.out).toBe(0);
    expect(linked.out).toContain('1 berkas dibuat dari 1 SOP');
    const makers = [
      () => spawnSync('mkfifo', [cacheOf(p)]),
      () => symlinkSync('/dev/stdin', cacheOf(p)),
      () => symlinkSync('/dev/zero', cacheOf(p)),
      () => {
        writeFileSync(cacheOf(p), '{"version":2,"files":{},"checks":{}}');
        truncateSync(cacheOf(p), 65 * 1024 * 1024);
      },
    ];
    for (const make of makers) {
      rmSync(cacheOf(p), { force: true });
      make();
      const r = sopRun(p, 'build', '.', '--format', 'html', '--incremental');
      expect(r.code, r.out).toBe(0);
      expect(r.out).toContain('1 berkas dibuat dari 1 SOP');
    }
  });

  it('a cache whose check results were edited cannot hide an error: the build fails like sop check', () => {
    const { p } = project();
    // SOP201: a step in a lane that is not declared.
    writeFileSync(join(p, 'a.sop'), sop('A', 'A-1').replace('[a] Selesai', '[b] Selesai'));
    const first = sopRun(p, 'build', '.', '--format', 'html', '--incremental');
    expect(first.code).toBe(1);
    expect(first.out).toContain('SOP201');
    const cache = JSON.parse(readFileSync(cacheOf(p), 'utf8')) as { checks: Record<string, { diagnostics: unknown[]; summary: Record<string, unknown> }> };
    for (const c of Object.values(cache.checks)) c.diagnostics = [];
    writeFileSync(cacheOf(p), JSON.stringify(cache));
    const r = sopRun(p, 'build', '.', '--format', 'html', '--incremental');
    expect(r.out).toContain('SOP201');
    expect(r.code).toBe(1);
    expect(sopRun(p, 'check', '.').code).toBe(1);
  });

  it('a cache naming an output through ".." out of the output folder makes nothing fresh: the SOP is built', () => {
    // "/p/out/../../../etc/hostname" starts with "/p/out/": a hostile probe had the SOP called up to date, nothing written.
    const { p } = project();
    writeFileSync(join(p, 'a.sop'), sop('A', 'A-1'));
    expect(sopRun(p, 'build', '.', '--format', 'html', '--incremental').code).toBe(0);
    const cache = JSON.parse(readFileSync(cacheOf(p), 'utf8')) as { files: Record<string, { outputs: string[] }> };
    for (const f of Object.values(cache.files)) f.outputs = [join(p, 'out') + '/../../../../../etc/hostname'];
    writeFileSync(cacheOf(p), JSON.stringify(cache));
    rmSync(join(p, 'out', 'a.html'));
    const r = sopRun(p, 'build', '.', '--format', 'html', '--incremental');
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('1 berkas dibuat dari 1 SOP');
    expect(existsSync(join(p, 'out', 'a.html'))).toBe(true);
  });

  it('a cache naming a link or a folder inside the output folder as an output makes nothing fresh', () => {
    const { p } = project();
    writeFileSync(join(p, 'a.sop'), sop('A', 'A-1'));
    expect(sopRun(p, 'build', '.', '--format', 'html', '--incremental').code).toBe(0);
    symlinkSync('/etc', join(p, 'out', 'tautan'));
    for (const output of [join(p, 'out', 'tautan', 'hostname'), join(p, 'out', 'fonts')]) {
      const cache = JSON.parse(readFileSync(cacheOf(p), 'utf8')) as { files: Record<string, { outputs: string[] }> };
      for (const f of Object.values(cache.files)) f.outputs = [output];
      writeFileSync(cacheOf(p), JSON.stringify(cache));
      rmSync(join(p, 'out', 'a.html'), { force: true });
      const r = sopRun(p, 'build', '.', '--format', 'html', '--incremental');
      expect(r.out, output).toContain('1 berkas dibuat dari 1 SOP');
      expect(existsSync(join(p, 'out', 'a.html'))).toBe(true);
    }
  });

  it('entries of files that are not there are dropped, and the cache written again without them', () => {
    // It was never pruned: a probe's 54 MB cache of foreign entries cost 540 MB and 2 s on every run.
    const { p } = project();
    writeFileSync(join(p, 'a.sop'), sop('A', 'A-1'));
    expect(sopRun(p, 'build', '.', '--format', 'html', '--incremental').code).toBe(0);
    const cache = JSON.parse(readFileSync(cacheOf(p), 'utf8')) as { files: Record<string, unknown>; checks: Record<string, unknown> };
    for (let i = 0; i < 1000; i++) cache.files[join(p, `hilang-${i}.sop`)] = { key: 'x', outputs: [join(p, 'out', `hilang-${i}.html`)] };
    writeFileSync(cacheOf(p), JSON.stringify(cache));
    const r = sopRun(p, 'build', '.', '--format', 'html', '--incremental');
    expect(r.out).toContain('1 SOP sudah mutakhir');
    const after = JSON.parse(readFileSync(cacheOf(p), 'utf8')) as { files: Record<string, unknown> };
    expect(Object.keys(after.files)).toEqual([join(p, 'a.sop')]);
    // Pruned once: the next run leaves it as it is.
    const kept = readFileSync(cacheOf(p), 'utf8');
    expect(sopRun(p, 'build', '.', '--format', 'html', '--incremental').out).toContain('1 SOP sudah mutakhir');
    expect(readFileSync(cacheOf(p), 'utf8')).toBe(kept);
  });

  it('an untouched cache still keeps the check results (the incremental build stays fast)', () => {
    const { p } = project();
    writeFileSync(join(p, 'a.sop'), sop('A', 'A-1'));
    expect(sopRun(p, 'build', '.', '--format', 'html', '--incremental').code).toBe(0);
    const before = readFileSync(cacheOf(p), 'utf8');
    const again = sopRun(p, 'build', '.', '--format', 'html', '--incremental');
    expect(again.out).toContain('1 SOP sudah mutakhir');
    // Nothing changed: the cache was trusted as it was, not checked and written again.
    expect(readFileSync(cacheOf(p), 'utf8')).toBe(before);
  });
});

describe('--templates names a folder (issue 19 item 7)', () => {
  it('a folder that does not exist, or a file, is an error naming it (exit 2) for build, book and preview', () => {
    const { p } = project();
    writeFileSync(join(p, 'a.sop'), sop('A', 'A-1'));
    writeFileSync(join(p, 'berkas.txt'), 'x');
    for (const cmd of [['build', 'a.sop', '--format', 'html'], ['book', 'a.sop', '--out', 'buku.pdf'], ['preview', 'a.sop', '--port', '0']]) {
      const r = sopRun(p, ...cmd, '--templates', 'tidak-ada');
      expect(r.code, `${cmd.join(' ')}: ${r.out}`).toBe(2);
      expect(r.out, cmd.join(' ')).toContain('tidak-ada: tidak ditemukan');
      const f = sopRun(p, ...cmd, '--templates', 'berkas.txt');
      expect(f.code, cmd.join(' ')).toBe(2);
      expect(f.out, cmd.join(' ')).toContain('berkas.txt: bukan folder');
    }
    expect(existsSync(join(p, 'out'))).toBe(false);
    expect(existsSync(join(p, 'buku.pdf'))).toBe(false);
  });
});

describe('file names at the file system limit', () => {
  it('a .sop named with 240 characters is built; one whose .html name would pass 255 bytes is an error in words, exit 2', () => {
    const { p } = project();
    writeFileSync(join(p, `${'a'.repeat(240)}.sop`), sop('A', 'A-1'));
    const ok = sopRun(p, 'build', '.', '--format', 'html,mmd');
    expect(ok.code, ok.out).toBe(0);
    expect(readdirSync(join(p, 'out')).sort()).toEqual([`${'a'.repeat(240)}.html`, `${'a'.repeat(240)}.mmd`, 'fonts']);

    const { p: q } = project();
    writeFileSync(join(q, `${'b'.repeat(251)}.sop`), sop('B', 'B-1'));
    const r = sopRun(q, 'build', '.', '--format', 'html,mmd');
    expect(r.code).toBe(2);
    expect(r.out).toContain('.html: tidak dapat ditulis: namanya terlalu panjang untuk sistem berkas (ganti nama berkas .sop-nya)');
    expect(r.out).not.toContain('ENAMETOOLONG');
    // No temporary file is left behind.
    expect(readdirSync(join(q, 'out'))).toEqual([]);
  });
});

describe('a file name with a line feed or carriage return forges no diagnostic line (hostile probe 2026-12-06)', () => {
  it('check (pretty) and build show LF and CR as ␊ and ␍, on the one line of the file name', () => {
    const { p } = project();
    const name = 'a\n✘ [GALAT] forged line [SOP999]\rb.sop';
    // An unused lane (a warning in check), a duplicate number with x.sop (an error naming the other file) and 25 lanes
    // (an error) make every message that names the file.
    writeFileSync(join(p, name), sop('A', 'N-1', '').replace('  - a: Kepala\n', '  - a: Kepala\n  - b: Sekretaris\n'));
    writeFileSync(join(p, 'x.sop'), sop('X', 'N-1'));
    for (const args of [['check', '.'], ['build', '.', '-f', 'html']]) {
      const r = sopRun(p, ...args);
      expect(r.out, args.join(' ')).toContain('a␊✘ [GALAT] forged line [SOP999]␍b.sop');
      expect(r.out.split(/[\n\r]/).filter((l) => l.startsWith('✘ [GALAT] forged')), args.join(' ')).toEqual([]);
    }
  });
});

describe("sop.config.json's text gets the character checks a .sop's gets (hostile probe 2026-12-06)", () => {
  const run = (config: unknown): { code: number; out: string; p: string } => {
    const { p } = project();
    writeFileSync(join(p, 'sop.config.json'), JSON.stringify(config));
    writeFileSync(join(p, 'a.sop'), sop('A', 'N-1'));
    return { ...sopRun(p, 'check', '.', '--lang', 'en'), p };
  };
  it('a control character (NUL, ESC) in a value is SOP503 on the config, and nothing is built', () => {
    const r = run({ headers: { output: '\u0000\u001b[31m' } });
    expect(r.code).toBe(1);
    expect(r.out).toContain('"headers.output" holds a control character (U+0000). [SOP503]');
    expect(run({ disahkanOleh: { nama: 'Budi\u001b]0;x\u0007' } }).out).toContain('"disahkanOleh.nama" holds a control character (U+001B)');
    const b = sopRun(r.p, 'build', '.', '-f', 'html');
    expect(b.code).toBe(1);
    expect(existsSync(join(r.p, 'out/a.html'))).toBe(false);
  });
  it('a direction control or an invisible character in a value is an SOP117 warning naming the key', () => {
    const r = run({ instansi: ['Dinas \u202eX'], disahkanOleh: { nama: 'Nama\u200b' } });
    expect(r.code).toBe(0);
    expect(r.out).toContain('(`instansi: \\u202e`)');
    expect(r.out).toContain('(`disahkanOleh.nama: \\u200b`)');
    expect(r.out.match(/\[SOP117\]/g)).toHaveLength(2);
  });
});

describe('a folder linked out of the repository (a hostile probe)', () => {
  it('its .sop files named through the link are refused by check, fmt --write and build, with no sop.config.json: exit 2, nothing read or rewritten', () => {
    const { dir, p } = project();
    spawnSync('git', ['init', '-q'], { cwd: p });
    const outside = join(dir, 'luar');
    mkdirSync(outside);
    const text = 'nama sop:   RAHASIA-di-luar\npelaksana:\n  - a: A\nprosedur:\n  [a] x\n';
    writeFileSync(join(outside, 'x.sop'), text);
    mkdirSync(join(p, 'sops'));
    symlinkSync(outside, join(p, 'sops', 'lib'));
    writeFileSync(join(p, 'sops', 'a.sop'), sop('A', 'A-1'));
    for (const args of [['check', 'sops/lib/x.sop'], ['fmt', '--write', 'sops/lib/x.sop'], ['build', 'sops/lib/x.sop', '--format', 'html']]) {
      const r = sopRun(p, ...args);
      expect(r.code, `${args.join(' ')}: ${r.out}`).toBe(2);
      expect(r.out).toContain('sops/lib/x.sop: adalah tautan simbolik ke luar folder proyek; tidak dibaca');
      expect(r.out).not.toContain('RAHASIA');
    }
    expect(readFileSync(join(outside, 'x.sop'), 'utf8')).toBe(text);
    expect(existsSync(join(outside, 'out'))).toBe(false);
    // A file of the repository's own folders is read as before.
    expect(sopRun(p, 'check', 'sops/a.sop').code).toBe(0);
  });
});

describe('files through links are read only where their path says (a second probe)', () => {
  it('a committed link to .git/config is refused, the token never printed, with a sop.config.json or without', () => {
    const { p } = project();
    spawnSync('git', ['init', '-q'], { cwd: p });
    spawnSync('git', ['config', 'http.https://github.com/.extraheader', 'AUTHORIZATION: basic TOKEN-RAHASIA'], { cwd: p });
    mkdirSync(join(p, 'sops'));
    symlinkSync('../.git/config', join(p, 'sops', 'x.sop'));
    symlinkSync('.git/config', join(p, 'b.sop'));
    for (const withConfig of [false, true]) {
      if (withConfig) writeFileSync(join(p, 'sop.config.json'), '{}');
      for (const f of ['sops/x.sop', 'b.sop']) {
        const r = sopRun(p, 'check', f);
        expect(r.code, `${f}: ${r.out}`).toBe(2);
        expect(r.out).not.toContain('TOKEN-RAHASIA');
        expect(r.out).toContain('adalah tautan simbolik ke luar folder proyek');
      }
    }
  });

  it('in a repository, a link to a folder with a .git or a sop.config.json of its own: refused, nothing rewritten', () => {
    const { dir, p } = project();
    const other = join(dir, 'repo-lain');
    mkdirSync(other);
    spawnSync('git', ['init', '-q'], { cwd: other });
    writeFileSync(join(other, 'z.sop'), 'Nama SOP: RAHASIA-LAIN\n');
    writeFileSync(join(other, 'sop.config.json'), '{}');
    mkdirSync(join(p, 'sops'));
    symlinkSync(other, join(p, 'sops', 'orep'));
    symlinkSync(dir, join(p, 'sops', 'atas'));
    // (Outside any repository a path named on the command line is the caller's choice, as a folder named there is.)
    spawnSync('git', ['init', '-q'], { cwd: p });
    for (const git of [true]) {
      for (const f of ['sops/orep/z.sop', 'sops/atas/repo-lain/z.sop']) {
        for (const cmd of [['check'], ['fmt', '--write']]) {
          const r = sopRun(p, ...cmd, f);
          expect(r.code, `${git ? 'git' : 'no git'} ${cmd.join(' ')} ${f}: ${r.out}`).toBe(2);
          expect(r.out).not.toContain('RAHASIA-LAIN');
        }
      }
    }
    expect(readFileSync(join(other, 'z.sop'), 'utf8')).toBe('Nama SOP: RAHASIA-LAIN\n');
  });

  it('a file name with a line feed is printed on one line where it cannot be read (no forged ::error line)', () => {
    const { p } = project();
    mkdirSync(join(p, 'sops'));
    const name = 'x\n::error file=a.sop::palsu\n.sop';
    symlinkSync('/etc/hostname', join(p, 'sops', name));
    for (const cmd of [['check'], ['fmt', '--write'], ['build', '--format', 'html']]) {
      const r = sopRun(p, ...cmd, `sops/${name}`);
      expect(r.code).toBe(2);
      expect(r.out).not.toMatch(/^::error/m);
      expect(r.out).toContain('x\u240a::error file=a.sop::palsu\u240a.sop');
    }
  });
});
