/**
 * The tool as an agency installs it, outside this checkout: `npm pack`, then
 * the tarball as a dev dependency of a fresh SOP repository and globally
 * (into a private prefix). From there: check, build, the git diff driver
 * through a real `git diff`, and the language server.
 *
 * npm resolves the dependencies from its cache (`--prefer-offline`); only a
 * cold cache reaches the registry. No browser is downloaded: puppeteer-core
 * has no install step. Mermaid comes inside the package (dist/vendor/), which
 * keeps the install at ~70 MB instead of ~225 MB.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { LspClient } from './helpers/lsp-client.js';
import { tempDir } from './helpers/tmp.js';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string> };

const SOP = `Nama SOP: Penanganan Surat Masuk
Nomor SOP: 000.1/1/UJI
Tanggal Pembuatan: 01-02-2024
Pelaksana:
  - a: Sekretaris
  - b: Staf
Prosedur:
  [a] Menerima surat
  [b] Mencatat surat
    Waktu: 5 Menit
  [a] Mendisposisikan surat
`;

const env = {
  ...process.env,
  NO_COLOR: '1',
  PUPPETEER_SKIP_DOWNLOAD: '1',
  npm_config_update_notifier: 'false',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Uji',
  GIT_AUTHOR_EMAIL: 'uji@example.invalid',
  GIT_COMMITTER_NAME: 'Uji',
  GIT_COMMITTER_EMAIL: 'uji@example.invalid',
};

function run(cmd: string, args: string[], cwd: string, extraEnv: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 120_000 });
}

/** Like run, but asynchronous, so the two installs share the wait. */
function runAsync(cmd: string, args: string[], cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('close', (code) => resolve({ code, out }));
  });
}

let base: string;
let repo: string;
let prefix: string;

beforeAll(async () => {
  expect(existsSync(join(root, pkg.bin['sop']!)), 'run `npm run build` first').toBe(true);
  base = realpathSync(tempDir('sop-install-'));
  // dist/ is already built by `npm test`; --ignore-scripts skips the `prepack` rebuild.
  const packed = run('npm', ['pack', '--ignore-scripts', '--pack-destination', base], root);
  expect(packed.status, packed.stderr).toBe(0);
  const tarball = join(base, readdirSync(base).find((f) => f.endsWith('.tgz'))!);

  repo = join(base, 'sop-dinas');
  mkdirSync(join(repo, 'sops'), { recursive: true });
  writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'sop-dinas', private: true }));
  writeFileSync(join(repo, 'sops', 'surat-masuk.sop'), SOP);
  prefix = join(base, 'global');
  const [local, global] = await Promise.all([
    runAsync('npm', ['install', '--prefer-offline', '--save-dev', tarball], repo),
    runAsync('npm', ['install', '--prefer-offline', '--global', '--prefix', prefix, tarball], base),
  ]);
  expect(local.code, local.out).toBe(0);
  expect(global.code, global.out).toBe(0);
  installOutput = { local: local.out, global: global.out };
}, 300_000);

let installOutput: { local: string; global: string };

describe('installing the tarball (issue 19 item 13)', () => {
  it('prints no warning: the package has no install script of its own (it builds in prepack, not prepare)', () => {
    for (const out of [installOutput.local, installOutput.global]) {
      expect(out).not.toMatch(/npm warn/i);
      expect(out).not.toContain('install-scripts');
    }
    const installed = JSON.parse(readFileSync(join(repo, 'node_modules', pkg.name, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare']) expect(installed.scripts?.[s], s).toBeUndefined();
  });
  it('carries the LICENSE and the docs its --help points to', () => {
    const dir = join(repo, 'node_modules', pkg.name);
    expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toContain('MIT License');
    for (const f of ['templates.md', 'language.md', 'security.md']) expect(existsSync(join(dir, 'docs', f)), f).toBe(true);
  });
});

describe(`${pkg.name} installed from its tarball`, () => {
  it('is a dev dependency under its own name, with the sop command in node_modules/.bin', () => {
    expect(pkg.name).not.toBe('sop');
    const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(Object.keys(manifest.devDependencies)).toEqual([pkg.name]);
    expect(existsSync(join(repo, 'node_modules/.bin/sop'))).toBe(true);
  });

  it('checks and builds from the SOP repository', () => {
    const sop = join(repo, 'node_modules/.bin/sop');
    const check = run(sop, ['check', 'sops'], repo);
    expect(check.status, check.stderr).toBe(0);
    writeFileSync(join(repo, 'rusak.sop'), 'Nama SOP: x\nProsedur:\n  [zz] Satu\n');
    const broken = run(sop, ['check', 'rusak.sop', '--format', 'json'], repo);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('"code"');

    const build = run(sop, ['build', '--format', 'html,mmd'], repo);
    expect(build.status, build.stderr).toBe(0);
    const html = readFileSync(join(repo, 'out/surat-masuk.html'), 'utf8');
    expect(html).toContain('Penanganan Surat Masuk');
    // The stylesheet comes from the installed package's templates/.
    expect(html).toMatch(/<style[^>]*>[^<]{200,}/);
    expect(readFileSync(join(repo, 'out/surat-masuk.mmd'), 'utf8')).toContain('Mencatat surat');
  });

  it('renders an SVG with the Mermaid it carries (the mermaid package is not installed)', () => {
    expect(existsSync(join(repo, 'node_modules/mermaid'))).toBe(false);
    const build = run(join(repo, 'node_modules/.bin/sop'), ['build', 'sops', '--format', 'mermaid-svg', '--out', 'out-svg'], repo);
    expect(build.status, build.stderr).toBe(0);
    const svg = readFileSync(join(repo, 'out-svg/surat-masuk.mermaid.svg'), 'utf8');
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('Mencatat surat');
  });

  it('draws the PDF, SVG and PNG without a browser, with the fonts it carries', () => {
    const build = run(join(repo, 'node_modules/.bin/sop'), ['build', 'sops', '--format', 'pdf,svg,png', '--out', 'out-native'], repo, { SOP_CHROMIUM: '/tidak/ada/chromium' });
    expect(build.status, build.stderr).toBe(0);
    expect(readFileSync(join(repo, 'out-native/surat-masuk.svg'), 'utf8')).toContain('Mencatat surat');
    expect(readFileSync(join(repo, 'out-native/surat-masuk.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(join(repo, 'out-native/surat-masuk.png')).subarray(1, 4).toString()).toBe('PNG');
    // And imports it back, read in the PDF reader's own process (dist/cli/sop-pdf-reader.js, carried by the package).
    const back = run(join(repo, 'node_modules/.bin/sop'), ['import', 'out-native/surat-masuk.pdf', '--stdout'], repo);
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).toContain('Nama SOP: Penanganan Surat Masuk\n');
    expect(existsSync(join(repo, 'node_modules', pkg.name, 'dist/cli/sop-pdf-reader.js'))).toBe(true);
  });

  it('writes the playground from the files it carries (no bundler installed)', () => {
    expect(existsSync(join(repo, 'node_modules/esbuild'))).toBe(false);
    const r = run(join(repo, 'node_modules/.bin/sop'), ['playground', '--out', 'ruang-coba'], repo);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(repo, 'ruang-coba/index.html'), 'utf8')).toContain('<script src="app.js">');
    expect(readFileSync(join(repo, 'ruang-coba/app.js'), 'utf8')).toContain('Ruang Coba SOP');
    rmSync(join(repo, 'ruang-coba'), { recursive: true });
  });

  it('is the git diff driver of the repository without npx, also from a sub-folder', () => {
    expect(run('git', ['init', '-q'], repo).status).toBe(0);
    writeFileSync(join(repo, '.gitattributes'), '*.sop diff=sop\n');
    writeFileSync(join(repo, '.gitignore'), 'node_modules/\nout/\nout-svg/\nout-native/\n');
    expect(run('git', ['config', 'diff.sop.command', 'node_modules/.bin/sop diff'], repo).status).toBe(0);
    expect(run('git', ['add', '.'], repo).status).toBe(0);
    expect(run('git', ['commit', '-qm', 'awal'], repo).status).toBe(0);
    writeFileSync(join(repo, 'sops', 'surat-masuk.sop'), SOP.replace('Waktu: 5 Menit', 'Waktu: 10 Menit'));
    for (const cwd of [repo, join(repo, 'sops')]) {
      const diff = run('git', ['diff'], cwd);
      expect(diff.status, diff.stderr).toBe(0);
      expect(diff.stdout).toContain('surat-masuk.sop');
      expect(diff.stdout).toMatch(/langkah 2, Waktu\b.*10/);
      // A semantic diff, not lines: no unified-diff hunk headers.
      expect(diff.stdout).not.toContain('@@');
    }
  });

  it('serves the language server', async () => {
    const client = new LspClient([join(repo, 'node_modules/.bin/sop')], { cwd: repo });
    const init = await client.request<{ capabilities: { textDocumentSync: number; experimental?: { sopFontsFolder?: string } } }>('initialize', { processId: null, rootUri: null, capabilities: {} });
    expect(init.capabilities.textDocumentSync).toBeGreaterThan(0);
    // The fonts folder the editor's preview may load: the installed package's own.
    const fonts = fileURLToPath(init.capabilities.experimental!.sopFontsFolder!);
    expect(fonts).toBe(join(realpathSync(join(repo, 'node_modules', pkg.name)), 'fonts'));
    expect(readdirSync(fonts).filter((f) => f.endsWith('.ttf'))).toHaveLength(4);
    client.notify('initialized', {});
    expect(await client.close()).toBe(0);
  });

  it('installs globally: sop on PATH checks and serves the git driver', () => {
    const bin = join(prefix, 'bin');
    expect(existsSync(join(bin, 'sop'))).toBe(true);
    const path = { PATH: `${bin}${delimiter}${process.env['PATH'] ?? ''}` };
    const version = run('sop', ['--version'], base, path);
    expect(version.stdout.trim()).toBe(pkg.version);
    expect(run('sop', ['check', join(repo, 'sops')], base, path).status).toBe(0);
    expect(run('git', ['config', 'diff.sop.command', 'sop diff'], repo).status).toBe(0);
    const diff = run('git', ['diff'], repo, path);
    expect(diff.stdout).toMatch(/langkah 2, Waktu\b.*10/);
  });
});
