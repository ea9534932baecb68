/**
 * One severity model (issue 19, item 10): `check`'s summary, `list`, the
 * preview's index and overlay count errors, warnings and infos with the same
 * function (countSeverities), so a file whose only finding is an info is
 * "1 info" everywhere, not "1 peringatan" in one place and "tidak ada
 * masalah" in another; `build` counts them in its summary too. And `build --incremental` says how
 * many SOPs it built.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../src/check/check.js';
import { indexPage, overlayHtml, statusOf } from '../src/cli/preview/pages.js';
import { countSeverities, describeCounts } from '../src/diagnostics/diagnostic.js';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

/** Its only finding: SOP309 (an Output no later step uses), an info. */
const INFO_ONLY = [
  'Nama SOP: Info Saja',
  'Nomor SOP: 1',
  'Tanggal Pembuatan: 2023-08-31',
  'Pelaksana:',
  '  - a: Kepala',
  'Prosedur:',
  '  [a] Menyusun laporan',
  '    Output: laporan',
  '  [a] Menandatangani surat',
  '',
].join('\n');

describe('one count of errors, warnings and infos', () => {
  it('the file of the issue has one info and nothing else', () => {
    const d = checkText(INFO_ONLY).diagnostics;
    expect(d.map((x) => `${x.code}:${x.severity}`)).toEqual(['SOP309:info']);
    expect(countSeverities(d)).toEqual({ errors: 0, warnings: 0, infos: 1 });
    expect(describeCounts(countSeverities(d), 'id')).toBe('1 info');
    expect(describeCounts({ errors: 2, warnings: 0, infos: 0 }, 'id', true)).toBe('2 galat, 0 peringatan');
    expect(describeCounts({ errors: 0, warnings: 3, infos: 1 }, 'en')).toBe('3 warning(s), 1 info');
  });

  it('check: the summary counts the info (not "tidak ada masalah"), exit 0', () => {
    const dir = tempDir('sop-counts-check-');
    writeFileSync(join(dir, 'i.sop'), INFO_ONLY);
    const r = runCli(['check', 'i.sop'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toContain('0 galat, 0 peringatan, 1 info dalam 1 berkas.');
    expect(r.stdout + r.stderr).not.toContain('tidak ada masalah');
    expect(runCli(['check', 'i.sop', '--lang', 'en'], { cwd: dir }).stdout).toContain('0 error(s), 0 warning(s), 1 info in 1 file(s).');
  });

  it('check on a folder without a .sop file says so, never "tidak ada masalah"; --strict fails on it', () => {
    const dir = tempDir('sop-counts-empty-');
    mkdirSync(join(dir, 'sops'));
    writeFileSync(join(dir, 'sops', 'catatan.txt'), 'bukan SOP');
    const r = runCli(['check', 'sops'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('0 berkas diperiksa: tidak ada berkas .sop.\n');
    expect(r.stderr).toBe('sop: peringatan: tidak ada berkas .sop di sops; periksa jalurnya\n');
    expect(runCli(['check', 'sops', '--strict'], { cwd: dir }).code).toBe(1);
    const json = runCli(['check', 'sops', '--format', 'json'], { cwd: dir });
    expect([json.code, JSON.parse(json.stdout)]).toEqual([0, []]);
    const en = runCli(['check', 'sops', '--lang', 'en'], { cwd: dir });
    expect([en.stdout, en.stderr]).toEqual(['0 file(s) checked: no .sop file found.\n', 'sop: warning: no .sop file in sops; check the path\n']);
  });

  it('list: the notes say "1 info" (not "-"), the JSON counts infos', () => {
    const dir = tempDir('sop-counts-list-');
    writeFileSync(join(dir, 'i.sop'), INFO_ONLY);
    const table = runCli(['list', 'i.sop'], { cwd: dir });
    expect(table.stdout).toMatch(/draf\s+1 info\s+i\.sop/);
    const json = JSON.parse(runCli(['list', 'i.sop', '--format', 'json'], { cwd: dir }).stdout) as { errors: number; warnings: number; infos: number }[];
    expect(json[0]).toMatchObject({ errors: 0, warnings: 0, infos: 1 });
  });

  it('preview: the index and the overlay say "1 info" (not "1 peringatan")', () => {
    const entry = { rel: 'i.sop', title: 'Info Saja', html: '<html><body></body></html>', diagnostics: checkText(INFO_ONLY).diagnostics };
    expect(statusOf(entry)).toBe('info');
    const index = indexPage([entry], '/x', 'id');
    expect(index).toContain('data-status="info"');
    expect(index).toContain('<td class="status info">1 info</td>');
    expect(index).not.toContain('peringatan');
    expect(overlayHtml(entry, 'id')).toContain('<h2>i.sop: 1 info</h2>');
    const bad = { ...entry, diagnostics: checkText(INFO_ONLY.replace('[a] Menandatangani', '[zz] Menandatangani')).diagnostics };
    expect(indexPage([bad], '/x', 'en')).toMatch(/<td class="status error">1 error\(s\)/);
  });
});

describe('build: the count of SOPs built is true (--incremental), and the infos are counted', () => {
  it('6 of 8 changed: "dari 6 SOP", and 2 up to date', () => {
    const dir = tempDir('sop-counts-inc-');
    mkdirSync(join(dir, 'sops'));
    const sop = (i: number): string => INFO_ONLY.replace('Info Saja', `Info ${i}`).replace('Nomor SOP: 1', `Nomor SOP: ${i}`);
    for (let i = 1; i <= 8; i++) writeFileSync(join(dir, 'sops', `s${i}.sop`), sop(i));
    const first = runCli(['build', 'sops', '-f', 'html,mmd', '--incremental'], { cwd: dir });
    // The infos do not stop the build; its summary counts them as check does.
    expect(first.stdout, first.stderr).toContain('16 berkas dibuat dari 8 SOP ke out; 8 info (lihat sop check).');
    for (let i = 1; i <= 6; i++) appendFileSync(join(dir, 'sops', `s${i}.sop`), '# diubah\n');
    const second = runCli(['build', 'sops', '-f', 'html,mmd', '--incremental'], { cwd: dir });
    expect(second.stdout, second.stderr).toContain('12 berkas dibuat dari 6 SOP ke out; 2 SOP sudah mutakhir; 6 info (lihat sop check).');
    const en = runCli(['build', 'sops', '-f', 'html,mmd', '--incremental', '--lang', 'en'], { cwd: dir });
    expect(en.stdout).toContain('8 SOP(s) up to date');
  });
});
