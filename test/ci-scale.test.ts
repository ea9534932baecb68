/** CI at scale: --shard (deterministic, disjoint, covering), --incremental (one changed SOP re-renders one), --changed-since. */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseShard, shardFiles } from '../src/project/select.js';
import { runCli, runCliAsync } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

const root = join(import.meta.dirname, '..');
const tmp = tempDir('sop-ci-');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const htmlFiles = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true }) as string[] : []).filter((f) => f.endsWith('.html')).sort();

describe('--shard i/n', () => {
  it('parses i/n with 1 ≤ i ≤ n only', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1/0', '1', 'a/b', '-1/2', '1/2/3']) expect(parseShard(bad)).toBeNull();
  });

  it('shards are disjoint, cover every file once, differ in size by at most one, whatever the input order (property)', () => {
    const files = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,3}(\/[a-z]{1,3})?\.sop$/), { maxLength: 60 });
    fc.assert(
      fc.property(files, fc.integer({ min: 1, max: 7 }), (names, n) => {
        const list = names.map((x) => ({ absPath: `/p/${x}`, projectRoot: '/p' }));
        const shards = Array.from({ length: n }, (_, i) => shardFiles(list, { index: i + 1, count: n }).map((f) => f.absPath));
        const all = shards.flat();
        expect(new Set(all).size).toBe(all.length);
        expect([...all].sort()).toEqual(list.map((f) => f.absPath).sort());
        const sizes = shards.map((s) => s.length);
        expect(Math.max(0, ...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        const reversed = shardFiles([...list].reverse(), { index: 1, count: n }).map((f) => f.absPath);
        expect(reversed).toEqual(shards[0]);
      }),
      { numRuns: 200 },
    );
  });

  it('sop build --shard over sops/: three shards build every SOP exactly once', () => {
    const seen: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const out = join(tmp, `shard-${i}`);
      const r = runCli(['build', 'sops', '--format', 'html', '--out', out, '--shard', `${i}/3`], { cwd: root });
      expect(r.code).toBe(0);
      seen.push(...htmlFiles(out));
    }
    expect(seen.sort()).toEqual(readdirSync(join(root, 'sops')).filter((f) => f.endsWith('.sop')).map((f) => f.replace('.sop', '.html')).sort());
    expect(runCli(['build', 'sops', '--shard', '4/3'], { cwd: root }).code).toBe(2);
  });
});

describe('4 shards of a generated project in sub-folders', () => {
  it('every SOP is built by exactly one shard; shares within one SOP of a quarter; the same with --incremental', async () => {
    const { generateSop } = await import('../bench/generate.mjs');
    const proj = join(tmp, 'shards4');
    const all: string[] = [];
    for (let i = 0; i < 43; i++) {
      const rel = `${['umum', 'bidang-1', 'bidang-2/seksi'][i % 3]}/sop-${String(i).padStart(2, '0')}`;
      mkdirSync(join(proj, rel, '..'), { recursive: true });
      writeFileSync(join(proj, `${rel}.sop`), generateSop(9100 + i, { steps: 3, lanes: 2 }));
      all.push(`${rel}.html`);
    }
    for (const extra of [[], ['--incremental']]) {
      const seen: string[] = [];
      const sizes: number[] = [];
      for (let i = 1; i <= 4; i++) {
        const out = join(tmp, `shards4-${extra.length}-${i}`);
        const r = await runCliAsync(['build', proj, '--format', 'html', '--out', out, '--shard', `${i}/4`, ...extra], { cwd: root });
        expect(r.code, r.stderr).toBe(0);
        const built = htmlFiles(out).map((f) => f.split('\\').join('/'));
        expect(r.stdout).toContain(`${built.length} berkas dibuat dari ${built.length} SOP`);
        sizes.push(built.length);
        seen.push(...built);
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.sort()).toEqual(all.sort());
      expect(sizes.every((n) => n === 10 || n === 11)).toBe(true);
    }
  });
});

describe('--incremental', () => {
  it('a second build renders nothing; one edited SOP re-renders only that one; a config change re-renders all', () => {
    const proj = join(tmp, 'inc');
    cpSync(join(root, 'sops'), proj, { recursive: true });
    const out = join(tmp, 'inc-out');
    const build = () => runCli(['build', proj, '--format', 'html', '--out', out, '--incremental'], { cwd: root });
    expect(build().stdout).toContain('8 berkas dibuat dari 8 SOP');
    const mtimes = () => new Map(htmlFiles(out).map((f) => [f, statSync(join(out, f)).mtimeMs]));
    const first = mtimes();
    expect(build().stdout).toBe('Tidak ada berkas yang dibuat: 8 SOP sudah mutakhir.\n');

    const edited = join(proj, 'pelayanan-tamu.sop');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('Menerima Tamu (sesuai keperluan)', 'Menerima tamu sesuai keperluan'));
    const r = build();
    expect(r.stdout).toContain('1 berkas dibuat');
    expect(r.stdout).toContain('7 SOP sudah mutakhir');
    const second = mtimes();
    for (const [f, t] of first) {
      if (f === 'pelayanan-tamu.html') expect(second.get(f)).toBeGreaterThan(t);
      else expect(second.get(f)).toBe(t);
    }
    expect(readFileSync(join(out, 'pelayanan-tamu.html'), 'utf8')).toContain('Menerima tamu sesuai keperluan');

    rmSync(join(out, 'penyusunan-duk.html'));
    expect(build().stdout).toContain('1 berkas dibuat');

    writeFileSync(join(proj, 'sop.config.json'), JSON.stringify({ paper: 'F4' }));
    expect(build().stdout).toContain('8 berkas dibuat dari 8 SOP');
  });
});

describe('--incremental: check results kept per file, project rules still across files', () => {
  const setup = (name: string) => {
    const proj = join(tmp, name);
    cpSync(join(root, 'sops'), proj, { recursive: true });
    const out = join(tmp, `${name}-out`);
    const build = (...extra: string[]) => runCli(['build', proj, '--format', 'html', '--out', out, '--incremental', ...extra], { cwd: root });
    const edit = (file: string, from: string, to: string) => {
      const abs = join(proj, file);
      const text = readFileSync(abs, 'utf8');
      expect(text).toContain(from);
      writeFileSync(abs, text.replace(from, to));
    };
    return { proj, out, build, edit };
  };

  it('keeps every file\'s check result in the cache, keyed by its text', () => {
    const { out, build } = setup('memo');
    expect(build().code).toBe(0);
    const cache = JSON.parse(readFileSync(join(out, '.sop-cache.json'), 'utf8')) as { checks: Record<string, { key: string; diagnostics: unknown[]; summary: { number: string } }> };
    expect(Object.keys(cache.checks)).toHaveLength(8);
    const tamu = Object.entries(cache.checks).find(([k]) => k.endsWith('pelayanan-tamu.sop'))![1];
    expect(tamu.summary.number).toBe('000.8/1619.10/DISKOPUKM.A');
    expect(tamu.key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an edit of file A that makes a duplicate Nomor SOP is reported on file B, which did not change', () => {
    const { build, edit } = setup('dup');
    expect(build().code).toBe(0);
    // pelayanan-tamu sorts before penyusunan-duk: the duplicate is reported on penyusunan-duk, whose text is unchanged.
    edit('pelayanan-tamu.sop', 'Nomor SOP: 000.8/1619.10/DISKOPUKM.A', 'Nomor SOP: 000.8/1619.26/DISKOPUKM.A');
    for (let run = 0; run < 2; run++) {
      // The second run takes every check result from the cache: the diagnostic must not depend on which files were re-checked.
      const r = build();
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('SOP501');
      expect(r.stderr).toMatch(/penyusunan-duk\.sop:7:\d+/);
      expect(r.stdout).toContain('1 SOP dilewati karena galat');
    }
    edit('pelayanan-tamu.sop', 'Nomor SOP: 000.8/1619.26/DISKOPUKM.A', 'Nomor SOP: 000.8/1619.10/DISKOPUKM.A');
    const fixed = build();
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).not.toContain('SOP501');
  });

  it('a file with errors is reported again when its result comes from the cache', () => {
    const { build, edit } = setup('err');
    edit('penyusunan-duk.sop', 'Nama SOP: Penyusunan DUK', 'Nmaa SOP: Penyusunan DUK');
    const first = build();
    expect(first.code).toBe(1);
    const second = build();
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(first.stderr);
  });

  it('renaming SOP A re-renders SOP B, whose Keterkaitan named it, without its link', () => {
    const { out, build, edit } = setup('link');
    expect(build().code).toBe(0);
    const b = join(out, 'penanganan-rumah-tangga-kantor.html');
    expect(readFileSync(b, 'utf8')).toContain('href="./pelayanan-tamu.html"');
    edit('pelayanan-tamu.sop', 'Nama SOP: Pelayanan Tamu', 'Nama SOP: Pelayanan Tamu Dinas');
    const r = build();
    expect(r.stdout).toContain('2 berkas dibuat');
    expect(readFileSync(b, 'utf8')).not.toContain('href="./pelayanan-tamu.html"');
    edit('pelayanan-tamu.sop', 'Nama SOP: Pelayanan Tamu Dinas', 'Nama SOP: Pelayanan Tamu');
    expect(build().stdout).toContain('2 berkas dibuat');
    expect(readFileSync(b, 'utf8')).toContain('href="./pelayanan-tamu.html"');
  });

  it('another language or config checks again (the key covers them)', () => {
    const { proj, out, build } = setup('lang');
    expect(build().code).toBe(0);
    const keys = () => Object.values((JSON.parse(readFileSync(join(out, '.sop-cache.json'), 'utf8')) as { checks: Record<string, { key: string }> }).checks).map((c) => c.key);
    const id = keys();
    expect(build('--lang', 'en').code).toBe(0);
    const en = keys();
    en.forEach((k, i) => expect(k).not.toBe(id[i]));
    writeFileSync(join(proj, 'sop.config.json'), JSON.stringify({ checks: { SOP308: 'off' } }));
    expect(build().stdout).toContain('8 berkas dibuat');
    keys().forEach((k, i) => expect([id[i], en[i]]).not.toContain(k));
  });
});

describe('--changed-since REV', () => {
  it('renders the SOPs changed or added since the revision; a changed config renders its whole project', () => {
    const repo = join(tmp, 'repo');
    cpSync(join(root, 'sops'), join(repo, 'sops'), { recursive: true });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'awal');
    const f = join(repo, 'sops/penyusunan-duk.sop');
    writeFileSync(f, readFileSync(f, 'utf8') + '\n');
    cpSync(join(repo, 'sops/pelayanan-tamu.sop'), join(repo, 'sops/baru.sop'));
    writeFileSync(join(repo, 'sops/baru.sop'), readFileSync(join(repo, 'sops/baru.sop'), 'utf8').replace('000.8/1619.10/DISKOPUKM.A', '000.8/9999/DISKOPUKM.A'));
    const build = (out: string, ...extra: string[]) => runCli(['build', 'sops', '--format', 'html', '--out', out, ...extra], { cwd: repo });
    expect(build('o1', '--changed-since', 'HEAD').code).toBe(0);
    expect(htmlFiles(join(repo, 'o1'))).toEqual(['baru.html', 'penyusunan-duk.html']);
    writeFileSync(join(repo, 'sops/sop.config.json'), '{}');
    build('o2', '--changed-since', 'HEAD');
    expect(htmlFiles(join(repo, 'o2'))).toHaveLength(9);
    expect(build('o3', '--changed-since', 'no-such-rev').code).toBe(2);
    const opt = build('o4', '--changed-since', '--output=/tmp/x');
    expect(opt.code).toBe(2);
    expect(opt.stderr).toContain('revisi tidak sah');
  });
});
