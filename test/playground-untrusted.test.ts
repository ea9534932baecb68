/**
 * `sop playground`'s folder comes from the repository: the default `ruang-coba/` (and whatever an `--out` folder
 * holds) may be committed with symbolic links, and its marker `.sop-playground.json` made a FIFO or a link to a
 * device. Nothing is written through a link or into `.git`, nothing outside the project is written, the marker
 * never blocks nor is read without end, and a stopped or failed write leaves the folder as it was (a hostile
 * probe of the released package).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST } from '../src/cli/commands/playground.js';
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
