/**
 * A disk, a share or the system failing: said in words, with Node's code, never Node's English sentence alone
 * ("ENXIO: no such device or address, open 'sops/s.sop'").
 */
import { createServer } from 'node:net';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFsError, describeWriteError } from '../src/project/io.js';
import { CLI, runCli } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

// As Node reports them: a code and an errno.
/** A project folder whose sops/s.sop is a listening socket (opening it fails with ENXIO), for `run`. */
async function withSocket(run: (dir: string) => void): Promise<void> {
  const dir = tempDir('sop-io-words-');
  mkdirSync(join(dir, 'sops'));
  const server = createServer();
  await new Promise<void>((done) => server.listen(join(dir, 'sops', 's.sop'), done));
  try {
    run(dir);
  } finally {
    await new Promise<void>((done) => server.close(() => done()));
  }
}

const fail = (code: string, message: string): NodeJS.ErrnoException => Object.assign(new Error(message), { code, errno: -5, syscall: 'read' });

describe('file-system failures in words', () => {
  it('reading: EIO, EMFILE, ENXIO, ETIMEDOUT, ENOMEM in Indonesian with the code; a code no case names keeps the system words in brackets', () => {
    expect(describeFsError(fail('EIO', 'EIO: i/o error, read'))).toBe('tidak dapat dibaca: kesalahan perangkat penyimpanan (EIO); periksa disknya');
    expect(describeFsError(fail('EMFILE', 'EMFILE: too many open files'))).toBe('tidak dapat dibaca: terlalu banyak berkas terbuka (EMFILE); tutup program lain lalu ulangi');
    expect(describeFsError(fail('ENXIO', 'ENXIO: no such device or address'))).toBe('tidak dapat dibaca: bukan berkas biasa (ENXIO)');
    expect(describeFsError(fail('ETIMEDOUT', 'ETIMEDOUT: connection timed out'))).toBe('tidak dapat dibaca: folder jaringannya terputus (ETIMEDOUT)');
    expect(describeFsError(fail('ENOMEM', 'ENOMEM: not enough memory'))).toBe('tidak dapat dibaca: memori tidak cukup (ENOMEM)');
    expect(describeFsError(fail('EXDEV', 'EXDEV: cross-device link not permitted'))).toBe('tidak dapat dibaca: kesalahan sistem (EXDEV: cross-device link not permitted)');
    // sop's own errors (no errno, a code of its own or none) are already in words.
    expect(describeFsError(new Error('berkas terlalu besar'))).toBe('berkas terlalu besar');
    expect(describeFsError(Object.assign(new Error('tpl/a.css: adalah tautan simbolik'), { code: 'ETEMPLATE' }))).toBe('tpl/a.css: adalah tautan simbolik');
    expect(describeWriteError(Object.assign(new Error('kurang tempat'), { code: 'EOWN' }))).toBe('tidak dapat ditulis: kurang tempat');
  });

  it('writing: the same failures after "tidak dapat ditulis"', () => {
    expect(describeWriteError(fail('EIO', 'EIO: i/o error, write'))).toBe('tidak dapat ditulis: kesalahan perangkat penyimpanan (EIO); periksa disknya');
    expect(describeWriteError(fail('EBUSY', 'EBUSY: resource busy or locked'))).toBe('tidak dapat ditulis: sedang dipakai program lain (EBUSY); ulangi nanti');
    expect(describeWriteError(fail('ESTALE', 'ESTALE: stale file handle'))).toBe('tidak dapat ditulis: folder jaringannya terputus (ESTALE)');
    expect(describeWriteError(fail('EXDEV', 'cross-device link not permitted'))).toBe('tidak dapat ditulis: kesalahan sistem (EXDEV: cross-device link not permitted)');
    // A read-only file system is not "permission denied"; a folder that cannot be made is not "a system error".
    expect(describeWriteError(fail('EROFS', 'EROFS: read-only file system, mkdir'))).toBe('tidak dapat ditulis: sistem berkasnya hanya-baca (EROFS)');
    expect(describeWriteError(fail('ENOENT', "ENOENT: no such file or directory, mkdir '/proc/x'"))).toBe('tidak dapat ditulis: foldernya tidak ada dan tidak dapat dibuat di sana');
  });

  it('sop check of a socket named .sop: one line in words, exit 2', () =>
    withSocket((dir) => {
      const r = runCli(['check', 'sops/s.sop'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('sop: sops/s.sop: tidak dapat dibaca: bukan berkas biasa (ENXIO)\n');
    }));
});

describe('file-system failures in words, --lang en', () => {
  it('sop check --lang en of a socket named .sop: English words, the code kept', () =>
    withSocket((dir) => {
      const r = runCli(['check', 'sops/s.sop', '--lang', 'en'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('sop: sops/s.sop: cannot be read: not a regular file (ENXIO)\n');
    }));
});

describe('an output folder that cannot be made', () => {
  // Node's recursive mkdir never returned under /proc: build and book spun at full CPU, deaf to SIGTERM, for minutes.
  it('-o /proc/x: build, book and import say so in one line and exit 2, at once', () => {
    const dir = tempDir('sop-io-proc-');
    mkdirSync(join(dir, 'sops'));
    writeFileSync(join(dir, 'sops', 'a.sop'), readFileSync(join(import.meta.dirname, '../sops/pelayanan-tamu.sop')));
    const run = (...args: string[]): { status: number | null; stderr: string } => {
      const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1' } });
      return { status: r.status, stderr: r.stderr };
    };
    const build = run('build', 'sops', '-f', 'html', '-o', '/proc/sop-x');
    expect(build.status).toBe(2);
    expect(build.stderr).toContain('/proc/sop-x/a.html: tidak dapat ditulis: foldernya tidak ada dan tidak dapat dibuat di sana');
    const book = run('book', 'sops', '-o', '/proc/sop-x/b.pdf', '--lang', 'en');
    expect(book.status).toBe(2);
    expect(book.stderr).toContain('/proc/sop-x/b.pdf: cannot be written: its folder does not exist and cannot be made there');
    writeFileSync(join(dir, 'x.txt'), readFileSync(join(import.meta.dirname, 'fixtures/import/aligned.txt')));
    const imp = run('import', 'x.txt', '-o', '/proc/self/sop-x');
    expect(imp.status).toBe(2);
    expect(imp.stderr).toContain('/proc/self/sop-x: tidak dapat ditulis: foldernya tidak ada dan tidak dapat dibuat di sana');
    // In English too: sop import wrote this line in Indonesian under --lang en.
    const en = run('import', 'x.txt', '-o', '/proc/self/sop-x', '--lang', 'en');
    expect(en.status).toBe(2);
    expect(en.stderr).toContain('/proc/self/sop-x: cannot be written: its folder does not exist and cannot be made there');
  }, 90_000);
});

describe('an invalid sop.config.json in words', () => {
  it("JSON.parse's reasons in Indonesian (V8's English went to drafters: 'Expected double-quoted property name in JSON at position 17'); English under --lang en", () => {
    const dir = tempDir('sop-io-json-');
    mkdirSync(join(dir, 'sops'));
    writeFileSync(join(dir, 'sops', 'a.sop'), readFileSync(join(import.meta.dirname, '../sops/pelayanan-tamu.sop')));
    const said = (json: string, lang = 'id'): string => {
      writeFileSync(join(dir, 'sop.config.json'), json);
      return runCli(['check', 'sops', '--format', 'json', '--lang', lang], { cwd: dir }).stdout;
    };
    expect(said('{ "paper": "F4",\n}')).toContain('JSON tidak sah: nama properti harus di antara tanda kutip ganda (\\"nama\\"), atau ada koma berlebih sebelum } atau ]');
    expect(said('{ "paper": "F4" "outDir": "x" }')).toContain("JSON tidak sah: koma (,) atau '}' harus ada setelah nilai (kurang koma di antara dua properti, atau } di akhir)");
    expect(said('{ "paper": ')).toContain('JSON tidak sah: berkas berakhir sebelum JSON selesai (kurang } atau ])');
    expect(said('{ "paper" "F4" }')).toContain('JSON tidak sah: titik dua (:) harus ada setelah nama properti');
    expect(said('{ "paper": "F4",\n}', 'en')).toContain('invalid JSON: Expected double-quoted property name');
  });
});
