/**
 * `sop import` as a user runs it: what it writes and prints, that it never
 * overwrites without --force, and that an input it cannot read is a clear
 * error with nothing written.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAllOrNone } from '../src/project/write.js';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

const root = join(import.meta.dirname, '..');
const seeds = join(root, 'test/fixtures/import/seeds');
const seed002 = join(seeds, '002_5b27c5f6086bb668.txt');

describe('sop import', () => {
  it('writes one canonical draft per SOP found, named from its Nama SOP, and a summary of guesses', () => {
    const out = join(tempDir('sop-import-'), 'drafts');
    const r = runCli(['import', seed002, join(seeds, '004_beea4f0c886f11cb.txt'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'mekanisme-pelaporan-tim-kerja-bidang-3.sop',
      'pelaksanaan-pelatihan-bimtek-bidang-3.sop',
      'pelaporan-kegiatan-pelatihan-bimtek-bidang-3.sop',
      'pelayanan-tamu.sop',
      'pembuatan-sk-tim-kerja-bidang-3.sop',
      'penugasan-kegiatan-bidang-3.sop',
    ]);
    expect(r.stdout).toMatch(/ditulis: .*pelayanan-tamu\.sop \(6 langkah, \d+ tebakan\)/);
    expect(r.stdout).toMatch(/tebakan: \d+ pelaksana \(SOP701\), \d+ keputusan \(SOP702\)/);
    // The drafts check (warnings only: the seeds lost some identity pages) and are canonical.
    const check = runCli(['check', out]);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(runCli(['fmt', '--check', out]).code).toBe(0);
  });

  it('never overwrites without --force, and writes nothing then; --force overwrites', () => {
    const out = tempDir('sop-import-');
    writeFileSync(join(out, 'penugasan-kegiatan-bidang-3.sop'), 'mine\n');
    const r = runCli(['import', seed002, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('penugasan-kegiatan-bidang-3.sop sudah ada; tidak ditimpa');
    expect(r.stderr).toContain('tidak ada yang ditulis');
    expect(readdirSync(out)).toEqual(['penugasan-kegiatan-bidang-3.sop']);
    expect(readFileSync(join(out, 'penugasan-kegiatan-bidang-3.sop'), 'utf8')).toBe('mine\n');
    const f = runCli(['import', seed002, '--out', out, '--force']);
    expect(f.code, f.stderr).toBe(0);
    expect(readFileSync(join(out, 'penugasan-kegiatan-bidang-3.sop'), 'utf8')).toContain('Nama SOP: Penugasan Kegiatan Bidang 3');
    expect(readdirSync(out)).toHaveLength(5);
  });

  it('writes every draft or none: a folder where a draft would go stops the run before anything is written, even with --force', () => {
    // A probe: --force replaced the first draft, then failed on the folder, and said only the failure.
    const out = tempDir('sop-import-');
    mkdirSync(join(out, 'penugasan-kegiatan-bidang-3.sop'));
    writeFileSync(join(out, 'penyusunan-duk.sop'), 'mine\n');
    const r = runCli(['import', join(seeds, '003_5a8cd1fe59d36ba3.txt'), seed002, '--out', out, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('penugasan-kegiatan-bidang-3.sop: sudah ada dan bukan berkas (folder?); tidak ditimpa, juga dengan --force');
    expect(r.stderr).toContain('tidak ada yang ditulis');
    expect(readdirSync(out).sort()).toEqual(['penugasan-kegiatan-bidang-3.sop', 'penyusunan-duk.sop']);
    expect(readFileSync(join(out, 'penyusunan-duk.sop'), 'utf8')).toBe('mine\n');
  });

  it('writeAllOrNone: a file that cannot be written leaves none of them, nor a temporary file', () => {
    const out = tempDir('sop-import-');
    let err: { written?: string[]; failedFile?: string } = {};
    try {
      writeAllOrNone([{ file: join(out, 'a.sop'), data: 'a' }, { file: join(out, 'missing', 'b.sop'), data: 'b' }]);
    } catch (e) {
      err = e as typeof err;
    }
    expect([err.failedFile, err.written]).toEqual([join(out, 'missing', 'b.sop'), []]);
    expect(readdirSync(out)).toEqual([]);
    writeAllOrNone([{ file: join(out, 'a.sop'), data: 'a' }, { file: join(out, 'b.sop'), data: 'b' }]);
    expect(readdirSync(out).sort()).toEqual(['a.sop', 'b.sop']);
  });

  it('more procedure tables in one file than the limit: said, and nothing written (the rest were dropped silently)', () => {
    const dir = tempDir('sop-import-');
    const seed = readFileSync(join(seeds, '000_44f7130800a6eb45.txt'), 'utf8');
    const many = Array.from({ length: 201 }, (_, i) => seed.replace(/RUMAH TANGGA KANTOR/g, `RUMAH TANGGA KANTOR ${i + 1}`).replace(/Rumah Tangga Kantor/g, `Rumah Tangga Kantor ${i + 1}`)).join('\n\n');
    writeFileSync(join(dir, 'banyak.txt'), many);
    const r = runCli(['import', 'banyak.txt', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('banyak.txt: berisi 201 tabel prosedur (batasnya 200 per berkas); pisahkan berkasnya');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a name with a line feed stays on one line; a link out of the working folder is not read', () => {
    const dir = tempDir('sop-import-');
    const secret = join(tempDir('sop-import-secret-'), 'rahasia.txt');
    writeFileSync(secret, readFileSync(seed002, 'utf8'));
    symlinkSync(secret, join(dir, 'lama.txt'));
    const r = runCli(['import', 'lama.txt', '--stdout'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('lama.txt: adalah tautan simbolik ke luar folder kerja; tidak dibaca (sebutkan berkas aslinya)');
    expect(r.stdout).toBe('');
    // Named as it is, outside the working folder, the same file is the user's choice.
    expect(runCli(['import', secret, '--stdout'], { cwd: dir }).code).toBe(0);
    writeFileSync(join(dir, 'x\n✘ [GALAT] palsu.txt'), 'Hanya teks.\n');
    const f = runCli(['import', 'x\n✘ [GALAT] palsu.txt', '--stdout'], { cwd: dir });
    expect(f.stderr).toContain('x␊✘ [GALAT] palsu.txt: tidak ditemukan tabel prosedur');
    expect(f.stderr.split('\n').filter((l) => l.startsWith('✘'))).toEqual([]);
  });

  it('- reads standard input (a text or a PDF), capped like a file', () => {
    // A probe: `sop import -` said "-: tidak ditemukan" while `sop fmt -` reads standard input.
    const cwd = tempDir('sop-import-');
    const r = runCli(['import', '-', '--stdout'], { cwd, input: readFileSync(join(seeds, '000_44f7130800a6eb45.txt'), 'utf8') });
    expect(r.code, r.stderr).toBe(0);
    // Named as the messages name it (the header had said "stdin", the messages "(masukan standar)").
    expect(r.stdout).toContain('# Diimpor oleh `sop import` dari masukan standar, tabel di baris 29.');
    expect(r.stdout).toContain('Nama SOP: Penanganan Rumah Tangga Kantor\n');
    expect(r.stderr).toContain('ke keluaran standar: penanganan-rumah-tangga-kantor.sop (nama usulan; 4 langkah, 6 tebakan) dari (masukan standar)');
    const big = runCli(['import', '-', '--out', 'out'], { cwd, input: 'a'.repeat(6 * 1024 * 1024) });
    expect([big.code, big.stderr]).toEqual([2, 'sop import: (masukan standar): terlalu besar (6.0 MB; batasnya 5.0 MB)\nsop import: tidak ada yang ditulis\n']);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('reads a PDF (pdf.js loaded beside the bundle) and a Word file the same way', () => {
    const out = tempDir('sop-import-');
    // test/fixtures/import/pelayanan-tamu.pdf: sops/pelayanan-tamu.sop printed by `sop build -f pdf`.
    const r = runCli(['import', join(root, 'test/fixtures/import/pelayanan-tamu.pdf'), join(root, 'test/fixtures/import/office/penyusunan-duk.docx'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/pelayanan-tamu\.sop \(6 langkah, 0 tebakan\)/);
    expect(readdirSync(out).sort()).toEqual(['pelayanan-tamu.sop', 'penyusunan-duk.sop']);
    expect(readFileSync(join(out, 'pelayanan-tamu.sop'), 'utf8')).toContain('  - petugas: Petugas *Front Desk*\n');
  });

  it('--stdout prints the drafts and writes no file', () => {
    const cwd = tempDir('sop-import-');
    const r = runCli(['import', join(seeds, '000_44f7130800a6eb45.txt'), '--stdout'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Nama SOP: Penanganan Rumah Tangga Kantor\n');
    // Not "dibuat: penanganan-rumah-tangga-kantor.sop": a drafter looked for that file.
    expect(r.stderr).toContain('ke keluaran standar: penanganan-rumah-tangga-kantor.sop (nama usulan; 4 langkah, 6 tebakan) dari ');
    expect(r.stderr).not.toContain('dibuat');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses input it cannot read with a clear message (Indonesian, or English with --lang en), and writes nothing', () => {
    const dir = tempDir('sop-import-');
    const out = join(dir, 'out');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([1, 2, 0, 3, 0, 0, 4]));
    writeFileSync(join(dir, 'notable.txt'), 'Hanya teks biasa.\nTanpa tabel.\n');
    writeFileSync(join(dir, 'big.txt'), Buffer.alloc(6 * 1024 * 1024, 0x41));
    for (const [file, id, en] of [
      ['binary.txt', 'bukan berkas teks, PDF', 'not a text, PDF'],
      ['notable.txt', 'tidak ditemukan tabel prosedur', 'no procedure table found'],
      ['big.txt', 'terlalu besar (6.0 MB; batasnya 5.0 MB)', 'too large (6.0 MB; the limit is 5.0 MB)'],
      ['missing.txt', 'tidak ditemukan', 'not found'],
    ] as const) {
      const r = runCli(['import', join(dir, file), seed002, '--out', out]);
      expect(r.code, file).toBe(2);
      expect(r.stderr, file).toContain(id);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
      expect(existsSync(out), file).toBe(false);
      const e = runCli(['import', join(dir, file), '--out', out, '--lang', 'en']);
      expect(e.stderr, file).toContain(en);
    }
    expect(runCli(['import', dir, '--out', out]).stderr).toContain('adalah folder');
    expect(runCli(['import', seed002, '--out', out, '--stdout']).code).toBe(2);
  });

  it('a PDF with no procedure table (a memo printed by LibreOffice) says what to do if it was a sheet cut into pages side by side; a text file does not', () => {
    const dir = tempDir('sop-import-');
    const out = join(dir, 'out');
    const pdf = join(import.meta.dirname, 'fixtures/import/agency/z_bukan_sop.pdf');
    const r = runCli(['import', pdf, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('tidak ditemukan tabel prosedur');
    expect(r.stderr).toContain('jika PDF ini dicetak dari lembar Excel/Calc yang terpotong ke samping, impor berkas .xlsx/.ods-nya, atau cetak ulang dengan "muat selebar satu halaman"');
    expect(runCli(['import', pdf, '--out', out, '--lang', 'en']).stderr).toContain('import its .xlsx/.ods, or print it again with "fit to one page wide"');
    const txt = runCli(['import', join(import.meta.dirname, 'fixtures/import/agency/z_bukan_sop.txt'), '--out', out]);
    expect(txt.stderr).toContain('tidak ditemukan tabel prosedur');
    expect(txt.stderr).not.toContain('Excel/Calc');
    expect(existsSync(out)).toBe(false);
  });

  it('an empty file, and a .docx that is no zip, are said as what they are (not "no procedure table found"); a damaged zip names OpenDocument too', () => {
    const dir = tempDir('sop-import-');
    const out = join(dir, 'out');
    writeFileSync(join(dir, 'kosong.xlsx'), '');
    writeFileSync(join(dir, 'palsu.docx'), 'bukan zip');
    writeFileSync(join(dir, 'rusak.odt'), readFileSync(join(import.meta.dirname, 'fixtures/import/agency/d9_plut.docx')).subarray(0, 400));
    const r = runCli(['import', join(dir, 'kosong.xlsx'), join(dir, 'palsu.docx'), join(dir, 'rusak.odt'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('kosong.xlsx: berkas kosong\n');
    expect(r.stderr).toContain('palsu.docx: berkas bernama .docx ini bukan dokumen Word/Excel/OpenDocument (isinya bukan zip): mungkin rusak, terpotong, atau berkas lain yang diganti namanya\n');
    expect(r.stderr).toContain('rusak.odt: berkas zip (Word/Excel/OpenDocument) rusak atau tidak dapat dibaca');
    expect(r.stderr).not.toContain('tidak ditemukan tabel prosedur');
    expect(runCli(['import', join(dir, 'kosong.xlsx'), '--out', out, '--lang', 'en']).stderr).toContain('kosong.xlsx: the file is empty\n');
    expect(existsSync(out)).toBe(false);
  });
});
