/**
 * Messages that lead the right way (issue 11 item 11, issue 12 item 15):
 * nothing hidden behind "no problems", the bad path named, no raw git
 * command, commander in the language asked for, write failures exit 2.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

const dir = tempDir('sop-msg-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const good = join(import.meta.dirname, '../sops/penanganan-rumah-tangga-kantor.sop');
copyFileSync(good, join(dir, 'baik.sop'));
writeFileSync(join(dir, 'rusak.sop'), 'Nama SOP: x\n');
writeFileSync(join(dir, 'berkas'), 'bukan folder');

describe('sop check of a path that does not exist', () => {
  it('does not end with "tidak ada masalah"', () => {
    const r = runCli(['check', 'tidak-ada.sop'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('sop: tidak-ada.sop: tidak ditemukan\n');
    expect(r.stdout).toBe('0 berkas diperiksa; 1 jalur tidak dapat dibaca.\n');
  });

  it('--lang en: the I/O message and the summary in English', () => {
    const r = runCli(['check', 'tidak-ada.sop', '--lang', 'en'], { cwd: dir });
    expect(r.stderr).toBe('sop: tidak-ada.sop: not found\n');
    expect(r.stdout).toBe('0 file(s) checked; 1 path(s) could not be read.\n');
  });
});

describe('sop build', () => {
  it('everything failing says no file was built, and why (not "… ke -")', () => {
    const r = runCli(['build', 'rusak.sop', '--format', 'html'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('Tidak ada berkas yang dibuat: 1 SOP dilewati karena galat.\n');
  });

  it('SOP_CHROMIUM naming a missing file is named in the message', () => {
    const r = runCli(['build', 'baik.sop', '--format', 'pdf', '--pdf-engine', 'chromium', '--out', 'o1'], { cwd: dir, env: { SOP_CHROMIUM: '/tidak/ada/chromium' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('sop: SOP_CHROMIUM=/tidak/ada/chromium tidak ada');
    const en = runCli(['build', 'baik.sop', '--format', 'pdf', '--pdf-engine', 'chromium', '--out', 'o1', '--lang', 'en'], { cwd: dir, env: { SOP_CHROMIUM: '/tidak/ada/chromium' } });
    expect(en.stderr).toContain('sop: SOP_CHROMIUM=/tidak/ada/chromium does not exist');
  });

  it('an output that cannot be written exits 2 (I/O), with the reason in words', () => {
    const r = runCli(['build', 'baik.sop', '--format', 'html', '--out', 'berkas/o'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('sop: gagal: baik.sop: berkas/o/baik.html: tidak dapat ditulis: sebagian jalurnya adalah berkas, bukan folder\n');
    const en = runCli(['build', 'baik.sop', '--format', 'html', '--out', 'berkas/o', '--lang', 'en'], { cwd: dir });
    expect(en.stderr).toBe('sop: failed: baik.sop: berkas/o/baik.html: cannot be written: part of its path is a file, not a folder\n');
    expect(en.stdout).toBe('No file was built: 1 output(s) failed.\n');
  });
});

describe('sop diff --git with a bad revision', () => {
  it('says the revision is unknown, never the raw git command', () => {
    const repo = join(dir, 'repo');
    execFileSync('git', ['init', '-q', repo]);
    const r = runCli(['diff', '--git', 'tidak-ada-revisi'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('sop: git: revisi tidak-ada-revisi tidak dikenal\n');
    expect(runCli(['diff', '--git', 'x', '--lang', 'en'], { cwd: repo }).stderr).toBe('sop: git: unknown revision x\n');
  });
});

describe("commander's own words follow --lang", () => {
  it('errors in Indonesian by default, English with --lang en; exit 2', () => {
    const r = runCli(['cek']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("galat: perintah 'cek' tidak dikenal\n(Mungkin maksud Anda check?)");
    const bad = runCli(['check', '--format', 'xml']);
    expect(bad.stderr).toContain("galat: nilai 'xml' untuk opsi '--format <format>' tidak sah. Pilihan: pretty, json, github.");
    expect(runCli(['check', '--bogus']).stderr).toContain("galat: opsi '--bogus' tidak dikenal");
    expect(runCli(['check', '--format', 'xml', '--lang', 'en']).stderr).toContain("error: option '--format <format>' argument 'xml' is invalid.");
  });

  it('help in Indonesian by default, English with --lang en', () => {
    const id = runCli(['check', '--help']);
    expect(id.code).toBe(0);
    expect(id.stdout).toMatch(/^Penggunaan: sop check \[opsi\] \[paths\.\.\.\]/);
    expect(id.stdout).toContain('Opsi:');
    expect(id.stdout).toContain('tampilkan bantuan perintah');
    expect(id.stdout).toContain('bawaan: "pretty"');
    expect(id.stdout).not.toMatch(/display help|Usage:|Options:|default:/);
    const en = runCli(['check', '--help', '--lang', 'en']);
    expect(en.stdout).toMatch(/^Usage: sop check \[options\]/);
    expect(en.stdout).toContain('check .sop files (or project folders) and report problems');
    expect(runCli(['--help']).stdout).toMatch(/Perintah:\n {2}check \[opsi\] \[paths\.\.\.\] {2,}memeriksa/);
  });
});

describe('standard output that cannot be written', () => {
  it('a full device is said in one line on stderr, exit 2, for a command and for --help (Node printed its stack trace, exit 1)', () => {
    if (!existsSync('/dev/full')) return;
    for (const [args, line] of [
      [['check', join(dir, 'baik.sop')], 'sop: keluaran standar tidak dapat ditulis: disk penuh\n'],
      [['--help'], 'sop: keluaran standar tidak dapat ditulis: disk penuh\n'],
      [['list', join(dir, 'baik.sop'), '--lang', 'en'], 'sop: standard output cannot be written: no space left on the device\n'],
    ] as const) {
      const full = openSync('/dev/full', 'w');
      try {
        const r = spawnSync(process.execPath, [CLI, ...args], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
        expect([args[0], r.status, r.stderr]).toEqual([args[0], 2, line]);
      } finally {
        closeSync(full);
      }
    }
  });
});
