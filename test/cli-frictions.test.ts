/**
 * Small frictions a newcomer meets (issue 19 item 11): paper sizes in any
 * case, help that states each default once, a playground without `--out`,
 * and the real limit of `--shard`.
 */
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FORMATS } from '../src/cli/commands/build.js';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

const root = join(import.meta.dirname, '..');

function project(): string {
  const dir = tempDir('sop-friction-');
  mkdirSync(join(dir, 'sops'));
  cpSync(join(root, 'sops/pelayanan-tamu.sop'), join(dir, 'sops/pelayanan-tamu.sop'));
  return dir;
}

describe('--paper', () => {
  for (const paper of ['a4', 'f4', 'LEGAL', 'letter']) {
    it(`\`--paper ${paper}\` is accepted`, () => {
      const dir = project();
      const r = runCli(['build', '-f', 'html', '--paper', paper], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(existsSync(join(dir, 'out/pelayanan-tamu.html'))).toBe(true);
    });
  }
  it('an unknown size still lists the sizes (Indonesian and English)', () => {
    const dir = project();
    const id = runCli(['build', '-f', 'html', '--paper', 'a3'], { cwd: dir });
    expect(id.code).toBe(2);
    expect(id.stderr).toContain("galat: nilai 'a3' untuk opsi '--paper <size>' tidak sah. Pilihan: A4, F4, Legal, Letter.");
    const en = runCli(['book', '--paper', 'a3', '--lang', 'en'], { cwd: dir });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain("error: option '--paper <size>' argument 'a3' is invalid. Allowed choices are A4, F4, Legal, Letter.");
  });
  it('formats in any case too (`-f HTML`)', () => {
    const dir = project();
    expect(runCli(['build', '-f', 'HTML'], { cwd: dir }).code).toBe(0);
  });
});

describe('help', () => {
  it('`lsp --help` states the default of --stdio once', () => {
    for (const [lang, word] of [['id', 'bawaan'], ['en', 'default']] as const) {
      const r = runCli(['lsp', '--help', '--lang', lang]);
      const line = r.stdout.split('\n').find((l) => l.includes('--stdio'))!;
      expect(line.split(word).length - 1, line).toBe(1);
    }
  });
  it('`build --help` shows the default formats', () => {
    const flat = (lang: string) => runCli(['build', '--help', '--lang', lang]).stdout.replace(/\s+/g, ' ');
    expect(flat('id')).toContain(`(bawaan: formats di sop.config.json, atau ${DEFAULT_FORMATS.join(',')})`);
    expect(flat('en')).toContain(`(default: formats of sop.config.json, or ${DEFAULT_FORMATS.join(',')})`);
  });
});

describe('playground', () => {
  it('without --out writes ruang-coba/ and says where', () => {
    const dir = tempDir('sop-friction-');
    const r = runCli(['playground'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'ruang-coba/index.html'), 'utf8')).toContain('<html');
    expect(r.stdout).toContain(join('ruang-coba', 'index.html'));
  });
});

describe('--shard', () => {
  it('says the real limit (n ≤ 9999) in the language asked for, and takes 9999/9999', () => {
    const dir = project();
    const id = runCli(['build', '-f', 'html', '--shard', '1/99999'], { cwd: dir });
    expect(id.code).toBe(2);
    expect(id.stderr).toBe('sop: --shard memerlukan i/n dengan 1 ≤ i ≤ n ≤ 9999, misalnya 2/4 (bukan 1/99999)\n');
    const en = runCli(['build', '-f', 'html', '--shard', '1/99999', '--lang', 'en'], { cwd: dir });
    expect(en.stderr).toBe('sop: --shard needs i/n with 1 ≤ i ≤ n ≤ 9999, e.g. 2/4 (not 1/99999)\n');
    expect(runCli(['build', '-f', 'html', '--shard', '9999/9999'], { cwd: dir }).code).toBe(0);
  });
});
