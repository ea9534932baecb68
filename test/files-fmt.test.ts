/**
 * Issue 12 (files): `sop fmt --write` loses nothing — a lane with no title is
 * refused (item 8), a symlink is written through with its mode kept (item 9),
 * a byte-order mark is not canonical (item 10); and, from a hostile probe, an
 * edit saved while the file is formatted is not overwritten, a file name is
 * listed on one line.
 */
import { chmodSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

const MESSY = 'Nama SOP:   Contoh\nNomor SOP: 1\nTanggal Pembuatan: 2023-08-31\nPelaksana:\n - a:   A\nProsedur:\n    [a]   Satu\n';
const CANONICAL = 'Nama SOP: Contoh\nNomor SOP: 1\nTanggal Pembuatan: 2023-08-31\n\nPelaksana:\n  - a: A\n\nProsedur:\n  [a] Satu\n';

const tmp = (): string => tempDir('sop-files-fmt-');

describe('sop fmt --write keeps every line (item 8)', () => {
  it('a lane with no title (`- b:`) is reported with SOP207 and the file is left untouched, exit 1', () => {
    const dir = tmp();
    const src = 'Nama SOP: A\nPelaksana:\n  - a: A\n  - b:\nProsedur:\n    [a] X\n';
    writeFileSync(join(dir, 'a.sop'), src);
    const r = runCli(['fmt', '--write', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('SOP207');
    expect(r.stderr).toMatch(/a\.sop:4:/);
    expect(readFileSync(join(dir, 'a.sop'), 'utf8')).toBe(src);
    expect(runCli(['fmt', join(dir, 'a.sop')]).code).toBe(1);
  });
});

describe('sop fmt --write through symlinks, keeping the mode (item 9)', () => {
  it('a symlinked .sop stays a link; its target is formatted', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'real.sop'), MESSY);
    symlinkSync('real.sop', join(dir, 'link.sop'));
    const r = runCli(['fmt', '--write', join(dir, 'link.sop')]);
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(join(dir, 'link.sop')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.sop'))).toBe('real.sop');
    expect(readFileSync(join(dir, 'real.sop'), 'utf8')).toBe(CANONICAL);
  });

  for (const mode of [0o444, 0o755, 0o600]) {
    it(`a file with mode ${mode.toString(8)} keeps it`, () => {
      const dir = tmp();
      const f = join(dir, 'a.sop');
      writeFileSync(f, MESSY);
      chmodSync(f, mode);
      const r = runCli(['fmt', '--write', f]);
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(f, 'utf8')).toBe(CANONICAL);
      expect(statSync(f).mode & 0o777).toBe(mode);
    });
  }
});

describe('a byte-order mark is not canonical (item 10)', () => {
  it('fmt --check lists a file whose only difference is a BOM; fmt --write removes it', () => {
    const dir = tmp();
    const f = join(dir, 'a.sop');
    writeFileSync(f, '\ufeff' + CANONICAL);
    const c = runCli(['fmt', '--check', dir]);
    expect(c.code).toBe(1);
    expect(c.stdout).toContain('a.sop');
    expect(runCli(['fmt', '--write', dir]).code).toBe(0);
    expect(readFileSync(f, 'utf8')).toBe(CANONICAL);
    expect(runCli(['fmt', '--check', dir]).code).toBe(0);
  });
});

describe('sop fmt under a hostile probe', () => {
  it('lists a file name with a line feed on one line (it printed a forged ::error line on stdout)', () => {
    const dir = tmp();
    const name = 'a\n::error file=x.sop::palsu.sop';
    writeFileSync(join(dir, name), MESSY);
    writeFileSync(join(dir, 'b\nc.sop'), 'Nama SOP: x\n  Label Aneh: y\n');
    for (const mode of ['--check', '--write']) {
      const r = runCli(['fmt', mode, dir]);
      expect(r.stdout.split('\n').filter((l) => l.startsWith('::'))).toEqual([]);
      expect(r.stdout).toContain('a␊::error file=x.sop::palsu.sop');
      expect(r.stderr).toContain('b␊c.sop memiliki galat sintaks');
      expect(r.stderr.split('\n').filter((l) => l === 'c.sop memiliki galat sintaks dan tidak diformat')).toEqual([]);
    }
    expect(readFileSync(join(dir, name), 'utf8')).toBe(CANONICAL);
  });

  it('an edit saved while the file is formatted is not overwritten: the file is left as saved, said, exit 2', () => {
    const dir = tmp();
    const f = join(dir, 'a.sop');
    writeFileSync(f, MESSY);
    const saved = MESSY + '    [a]   Dua, disimpan dari editor\n';
    // Saves the edit when the formatted text is synced beside the file, before the rename (an editor's save in the gap).
    const shim = join(dir, 'save.cjs');
    writeFileSync(
      shim,
      [
        "const fs = require('node:fs');",
        'const fsync = fs.fsyncSync;',
        'let done = false;',
        `fs.fsyncSync = function (fd) { const r = fsync.apply(this, arguments); if (!done) { done = true; fs.writeFileSync(${JSON.stringify(f)}, ${JSON.stringify(saved)}); } return r; };`,
      ].join('\n'),
    );
    const r = runCli(['fmt', '--write', f], { env: { NODE_OPTIONS: `--require ${shim}` } });
    expect(readFileSync(f, 'utf8')).toBe(saved);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a.sop: tidak ditulis: berkasnya berubah selagi diformat (disimpan dari editor?); jalankan lagi');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    writeFileSync(f, MESSY);
    const en = runCli(['fmt', '--write', '--lang', 'en', f], { env: { NODE_OPTIONS: `--require ${shim}` } });
    expect(en.stderr).toContain('not written: the file changed while it was formatted (saved from an editor?); run again');
    // Without an edit meanwhile the file is formatted as before.
    expect(runCli(['fmt', '--write', f]).code).toBe(0);
    expect(readFileSync(f, 'utf8')).toMatch(/^ {2}\[a\] Dua, disimpan dari editor\n$/m);
    expect(runCli(['fmt', '--check', f]).code).toBe(0);
  });
});
