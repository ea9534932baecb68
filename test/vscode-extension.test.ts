/** The VS Code extension starts the installed `sop`, never `npx` (which fetches an unrelated registry package). */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/tmp.js';

const root = join(import.meta.dirname, '..');
const { serverCommand } = createRequire(import.meta.url)('../editors/vscode/server-command.js') as {
  serverCommand: (configured: unknown, folder: string | undefined) => { argv: string[]; shell: boolean };
};

describe('VS Code extension: the server command', () => {
  it('defaults to no command of its own (so the installed binary is found), never npx', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'editors/vscode/package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { default: unknown }> } };
    };
    const def = manifest.contributes.configuration.properties['sop.server.command']!.default;
    expect(def).toEqual([]);
    expect(JSON.stringify(manifest)).not.toContain('npx');
  });

  it.skipIf(process.platform === 'win32')('prefers the workspace dev dependency, then this checkout, then sop on PATH; a set command wins', () => {
    const repo = tempDir('sop-vscode-');
    expect(serverCommand([], repo).argv).toEqual(['sop', 'lsp', '--stdio']);
    expect(serverCommand(undefined, undefined).argv).toEqual(['sop', 'lsp', '--stdio']);
    mkdirSync(join(repo, 'node_modules/.bin'), { recursive: true });
    writeFileSync(join(repo, 'node_modules/.bin/sop'), '#!/bin/sh\n');
    chmodSync(join(repo, 'node_modules/.bin/sop'), 0o755);
    expect(serverCommand([], repo).argv).toEqual([join(repo, 'node_modules/.bin/sop'), 'lsp', '--stdio']);
    expect(serverCommand(['/opt/sop', 'lsp', '--stdio'], repo).argv).toEqual(['/opt/sop', 'lsp', '--stdio']);
    expect(serverCommand([], root).argv).toEqual(['node', join(root, 'dist/cli/sop.js'), 'lsp', '--stdio']);
  });
});

describe('VS Code extension: the package', () => {
  const ext = join(root, 'editors/vscode');
  const manifest = JSON.parse(readFileSync(join(ext, 'package.json'), 'utf8')) as {
    main: string;
    contributes: { languages: { configuration: string }[]; grammars: { path: string }[] };
  };
  /** What the .vsix must carry: the bundle, what the manifest points at, the README and the notices. */
  const needed = [
    manifest.main,
    ...manifest.contributes.languages.map((l) => l.configuration),
    ...manifest.contributes.grammars.map((g) => g.path),
    'README.md',
    'dist/THIRD-PARTY-NOTICES.txt',
  ].map((p) => p.replace(/^\.\//, ''));

  it('runs a bundle, and .vscodeignore leaves out everything but what the manifest needs', () => {
    expect(manifest.main).toBe('./dist/extension.js');
    const rules = readFileSync(join(ext, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    expect(rules[0]).toBe('**');
    expect(rules.slice(1).filter((r) => r !== '!package.json').sort()).toEqual(needed.map((p) => `!${p}`).sort());
  });

  // The extension's own dependencies (esbuild, vsce, vscode-languageclient) are installed
  // by `cd editors/vscode && npm install`, not by the repository's `npm ci`.
  const installed = existsSync(join(ext, 'node_modules/@vscode/vsce')) && existsSync(join(ext, 'node_modules/esbuild'));
  it.skipIf(!installed)('packs 8 files (was 324), and the bundle loads with only the vscode API provided', () => {
    const built = spawnSync(process.execPath, ['build.mjs'], { cwd: ext, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    const ls = spawnSync(process.execPath, [join(ext, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: ext, encoding: 'utf8' });
    expect(ls.status, ls.stderr).toBe(0);
    expect(ls.stdout.trim().split('\n').sort()).toEqual([...needed, 'package.json'].sort());
    // A stand-in for the vscode module: any property is a callable, constructible stub.
    const load = `
      const Module = require('node:module');
      const h = { get: (t, p) => (p in t ? t[p] : (t[p] = new Proxy(function () {}, h))), construct: () => new Proxy({}, h), apply: () => new Proxy(function () {}, h) };
      const vscode = new Proxy({}, h);
      const orig = Module._load;
      Module._load = function (req, ...rest) { return req === 'vscode' ? vscode : orig.call(this, req, ...rest); };
      console.log(Object.keys(require(process.argv[1])).join(','));`;
    const r = spawnSync(process.execPath, ['-e', load, join(ext, 'dist/extension.js')], { cwd: tmpdir(), encoding: 'utf8' });
    expect(r.stdout.trim(), r.stderr).toBe('activate,deactivate');
  });
});
