import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

const root = join(import.meta.dirname, '..');
const messy = readFileSync(join(root, 'test/fixtures/format/messy-crlf-bom.sop'), 'utf8');
const canonical = readFileSync(join(root, 'test/fixtures/format/messy-crlf-bom.expected.sop'), 'utf8');

describe('sop fmt', () => {
  it('prints the canonical text of one file, and of standard input', () => {
    const dir = tempDir('sop-fmt-');
    writeFileSync(join(dir, 'a.sop'), messy);
    expect(runCli(['fmt', join(dir, 'a.sop')]).stdout).toBe(canonical);
    expect(runCli(['fmt', '-'], { input: messy }).stdout).toBe(canonical);
  });

  it('--check lists files that are not canonical and exits 1; 0 when all are', () => {
    const dir = tempDir('sop-fmt-');
    writeFileSync(join(dir, 'a.sop'), messy);
    writeFileSync(join(dir, 'b.sop'), canonical);
    const r = runCli(['fmt', '--check', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([join(dir, 'a.sop')]);
    expect(runCli(['fmt', '--check', join(root, 'sops')]).code).toBe(0);
  });

  it('--write rewrites in place, leaves canonical files untouched, never touches a file with syntax errors', () => {
    const dir = tempDir('sop-fmt-');
    writeFileSync(join(dir, 'a.sop'), messy);
    writeFileSync(join(dir, 'b.sop'), canonical);
    const broken = 'Nama SOP: x\n  Label Aneh: y\n';
    writeFileSync(join(dir, 'c.sop'), broken);
    const before = statSync(join(dir, 'b.sop')).mtimeMs;
    const r = runCli(['fmt', '--write', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('SOP102');
    expect(readFileSync(join(dir, 'a.sop'), 'utf8')).toBe(canonical);
    expect(readFileSync(join(dir, 'c.sop'), 'utf8')).toBe(broken);
    expect(statSync(join(dir, 'b.sop')).mtimeMs).toBe(before);
  });
});

describe('sop diff', () => {
  const base = join(root, 'test/fixtures/diff/base.sop');
  it('exit 0 when there is no semantic change (a reformatted file), 1 when there is', () => {
    const dir = tempDir('sop-diff-');
    const baseText = readFileSync(base, 'utf8');
    writeFileSync(join(dir, 'messy.sop'), baseText.replace(/\n/g, '\r\n').replace(/^ {2}/gm, '\t'));
    const same = runCli(['diff', base, join(dir, 'messy.sop')]);
    expect(same.code).toBe(0);
    expect(same.stdout).toBe('Tidak ada perubahan makna.\n');
    const r = runCli(['diff', base, join(root, 'test/fixtures/diff/branch.sop'), '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([
      { kind: 'flow-changed', path: 'Prosedur/langkah 3/Tidak', field: 'Tidak', before: 2, after: 'selesai', labels: { before: 'periksa', after: null }, steps: { before: 3, after: 3 } },
    ]);
  });

  it('--git REV compares the working files with a revision; works as git diff driver', () => {
    const dir = tempDir('sop-git-');
    const git = (...args: string[]): string =>
      execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    cpSync(base, join(dir, 'surat.sop'));
    git('add', '.');
    git('commit', '-qm', 'awal');
    cpSync(join(root, 'test/fixtures/diff/insert-middle.sop'), join(dir, 'surat.sop'));
    const r = runCli(['diff', '--git', 'HEAD', '--format', 'markdown'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('## surat.sop\n\n### Langkah\n- **langkah 3 [kasubag] Membuat lembar disposisi** ditambahkan\n\n');
    expect(runCli(['diff', '--git', 'tidak-ada-revisi'], { cwd: dir }).code).toBe(2);
    // As git's external diff driver (seven arguments), it always exits 0.
    writeFileSync(join(dir, '.gitattributes'), '*.sop diff=sop\n');
    const out = execFileSync('git', ['-c', `diff.sop.command=${process.execPath} ${join(root, 'dist/cli/sop.js')} diff`, 'diff', 'surat.sop'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(out).toContain('+ {+langkah 3 [kasubag] Membuat lembar disposisi+} ditambahkan');
  });
});
