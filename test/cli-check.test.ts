import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

const root = join(import.meta.dirname, '..');
const frames = join(import.meta.dirname, 'fixtures/frames');

describe('sop check', () => {
  it('every SOP in sops/ checks with no errors (exit 0)', () => {
    const r = runCli(['check', 'sops', '--format', 'json'], { cwd: root });
    expect(r.code).toBe(0);
    const diags = JSON.parse(r.stdout) as { severity: string }[];
    expect(diags.filter((d) => d.severity === 'error')).toEqual([]);
  });

  for (const f of readdirSync(frames).filter((x) => x.endsWith('.sop'))) {
    it(`pretty code frames of ${f} (golden)`, async () => {
      const r = runCli(['check', `test/fixtures/frames/${f}`], { cwd: root });
      expect(r.code).toBe(1);
      await expect(r.stdout).toMatchFileSnapshot(join(frames, f.replace('.sop', '.txt')));
    });
  }

  it('--lang en renders the messages in English', async () => {
    const r = runCli(['check', 'test/fixtures/frames/mistakes.sop', '--lang', 'en'], { cwd: root });
    await expect(r.stdout).toMatchFileSnapshot(join(frames, 'mistakes.en.txt'));
  });

  it('--format json: one object per diagnostic, 1-based', () => {
    const r = runCli(['check', 'test/fixtures/frames/loop-crlf.sop', '--format', 'json'], { cwd: root });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        file: 'test/fixtures/frames/loop-crlf.sop',
        line: 8,
        column: 3,
        endLine: 8,
        endColumn: 15,
        severity: 'error',
        code: 'SOP306',
        message: 'Putaran tanpa akhir: dari langkah 2 alur tidak pernah mencapai akhir prosedur.',
        hint: 'Beri salah satu langkah dalam putaran ini cabang yang keluar, misalnya `Ya: @label` atau `Lanjut: selesai`.',
        related: [
          { file: 'test/fixtures/frames/loop-crlf.sop', line: 9, column: 3, endLine: 9, endColumn: 11, message: 'bagian dari putaran ini' },
        ],
      },
    ]);
  });

  it('--format github: workflow commands with escaped properties', () => {
    const r = runCli(['check', 'test/fixtures/frames/loop-crlf.sop', '--format', 'github'], { cwd: root });
    expect(r.stdout).toBe(
      '::error file=test/fixtures/frames/loop-crlf.sop,line=8,col=3,endLine=8,endColumn=15,title=SOP306::Putaran tanpa akhir: dari langkah 2 alur tidak pernah mencapai akhir prosedur. Beri salah satu langkah dalam putaran ini cabang yang keluar, misalnya `Ya: @label` atau `Lanjut: selesai`.\n',
    );
  });

  it('warnings pass, but fail with --strict', () => {
    const file = 'sops/penugasan-kegiatan-bidang-3.sop';
    expect(runCli(['check', file], { cwd: root }).code).toBe(0);
    expect(runCli(['check', file, '--strict'], { cwd: root }).code).toBe(1);
  });

  it('colour only on a TTY: piped output has no escape codes even without NO_COLOR', () => {
    const r = runCli(['check', 'test/fixtures/frames/loop-crlf.sop'], { cwd: root, env: { NO_COLOR: '' } });
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('exit 2 for a missing file, a binary file, invalid UTF-8, a bad option', () => {
    const dir = tempDir('sop-cli-');
    writeFileSync(join(dir, 'bin.sop'), Buffer.from([0x4e, 0x00, 0x01, 0x02]));
    writeFileSync(join(dir, 'latin1.sop'), Buffer.from('Nama SOP: Caf\xe9\n', 'latin1'));
    const missing = runCli(['check', join(dir, 'tidak-ada.sop')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('tidak ditemukan');
    const bin = runCli(['check', join(dir, 'bin.sop')]);
    expect(bin.code).toBe(2);
    expect(bin.stderr).toContain('bukan berkas teks');
    const latin = runCli(['check', join(dir, 'latin1.sop')]);
    expect(latin.code).toBe(2);
    expect(latin.stderr).toContain('UTF-8');
    expect(runCli(['check', '--format', 'xml', dir]).code).toBe(2);
    expect(runCli(['cek']).code).toBe(2);
    // UTF-16 (Notepad's "Unicode"), with a byte-order mark or without: said as what it is (a probe had "berisi byte NUL").
    writeFileSync(join(dir, 'u16.sop'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Nama SOP: Kafe\n', 'utf16le')]));
    writeFileSync(join(dir, 'u16be.sop'), Buffer.from('Nama SOP: Kafe\nNomor SOP: 1\n', 'utf16le').swap16());
    for (const f of ['u16.sop', 'u16be.sop']) {
      const u = runCli(['check', join(dir, f)]);
      expect([f, u.code, u.stderr]).toEqual([f, 2, `sop: ${join(dir, f)}: berkas UTF-16, bukan UTF-8; simpan ulang berkas sebagai UTF-8\n`]);
    }
  });

  it('never prints a stack trace for a directory of odd files', () => {
    const dir = tempDir('sop-cli-');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'kosong.sop'), '');
    writeFileSync(join(dir, 'sop.config.json'), '{ "paper": "A3" }');
    const r = runCli(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toContain('SOP503');
  });

  it('--ast prints the model as JSON', async () => {
    const r = runCli(['check', '--ast', 'sops/penanganan-rumah-tangga-kantor.sop'], { cwd: root });
    expect(r.code).toBe(0);
    const model = JSON.parse(r.stdout);
    expect(model.steps.map((s: { symbol: string }) => s.symbol)).toEqual(['terminator', 'process', 'decision', 'terminator']);
    expect(model.edges).toContainEqual({ from: 3, to: 2, label: 'Tidak' });
  });

  it('--ast on a file it may not read says why, once (not also "needs exactly one file")', () => {
    const dir = tempDir('sop-ast-');
    writeFileSync(join(dir, 'rahasia'), 'Nama SOP: X\n');
    mkdirSync(join(dir, 'p'));
    symlinkSync(join(dir, 'rahasia'), join(dir, 'p', 'c.sop'));
    const r = runCli(['check', '--ast', 'c.sop'], { cwd: join(dir, 'p') });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('sop: c.sop: adalah tautan simbolik ke luar folder proyek; tidak dibaca\n');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('project-wide rules', () => {
  it('Nomor SOP unique, logo inside the project and present', () => {
    const r = runCli(['check', 'test/fixtures/project/dup', '--format', 'json'], { cwd: root });
    expect(r.code).toBe(1);
    const diags = (JSON.parse(r.stdout) as { file: string; code: string; line: number; related?: { file: string; line: number }[] }[]).map(
      (d) => ({ file: d.file.split('/').pop(), code: d.code, line: d.line, related: d.related?.map((x) => `${x.file.split('/').pop()}:${x.line}`) }),
    );
    expect(diags).toEqual([
      { file: 'b.sop', code: 'SOP501', line: 2, related: ['a.sop:2'] },
      { file: 'b.sop', code: 'SOP408', line: 4, related: undefined },
      { file: 'c.sop', code: 'SOP502', line: 4, related: undefined },
    ]);
  });
});
