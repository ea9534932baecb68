/** The VS Code extension starts the installed `sop`, never `npx` (which fetches an unrelated registry package). */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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
    const repo = mkdtempSync(join(tmpdir(), 'sop-vscode-'));
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
