/**
 * Issue 9 item 5 and issue 12 item 14: a proper, reproducible PDF. Title,
 * Subject and Author from the SOP, tagged, an outline with the identity page
 * and the procedure, dates from SOURCE_DATE_EPOCH or the SOP's own date, and
 * the same bytes whether the file is built alone, in a corpus, or with
 * --jobs 3.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

const root = join(import.meta.dirname, '..');
const FILES = ['pelayanan-tamu.sop', 'penyusunan-duk.sop', 'mekanisme-pelaporan-tim-kerja.sop'];
let dir = '';

/** Async, so that the test worker stays responsive while Chromium works. */
async function build(args: string[], out: string, env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string }> {
  const proc = spawn(process.execPath, [CLI, 'build', '--format', 'pdf', ...args, '-o', out], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((r) => proc.on('exit', r));
  return { code, stderr };
}

async function buildOk(args: string[], out: string, env: Record<string, string> = {}): Promise<void> {
  const r = await build(args, out, env);
  expect(r.code, r.stderr).toBe(0);
}

const pdf = (out: string, f: string): Buffer => readFileSync(join(dir, out, f.replace('.sop', '.pdf')));

function info(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' }).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

beforeAll(async () => {
  dir = tempDir('sop-pdf-');
  mkdirSync(join(dir, 'sops'));
  for (const f of FILES) cpSync(join(root, 'sops', f), join(dir, 'sops', f));
  await buildOk(['sops', '--jobs', '1'], 'corpus');
  await buildOk(['sops', '--jobs', '3'], 'jobs3');
  await buildOk(['sops/mekanisme-pelaporan-tim-kerja.sop'], 'one');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the PDF', () => {
  it('the same bytes alone, in a corpus and with --jobs 3', () => {
    const f = 'mekanisme-pelaporan-tim-kerja.sop';
    expect(pdf('one', f).equals(pdf('corpus', f))).toBe(true);
    for (const g of FILES) expect(pdf('jobs3', g).equals(pdf('corpus', g)), g).toBe(true);
  });

  it('Title, Subject, Author from the SOP; tagged; dates from the SOP (Tanggal Pembuatan)', () => {
    const i = info(join(dir, 'corpus/pelayanan-tamu.pdf'));
    expect(i['Title']).toBe('Pelayanan Tamu');
    expect(i['Subject']).toBe('000.8/1619.10/DISKOPUKM.A');
    expect(i['Author']).toBe('Pemerintah Provinsi Kalimantan Barat, Dinas Koperasi, Usaha Kecil dan Menengah, Sekretariat, Sub Bagian Umum dan Aparatur');
    expect(i['Tagged']).toBe('yes');
    expect(i['CreationDate']).toBe('2023-08-31T00:00:00Z');
    expect(i['ModDate']).toBe('2023-08-31T00:00:00Z');
  });

  it('SOURCE_DATE_EPOCH sets both dates; a malformed one is a usage error', async () => {
    await buildOk(['sops/pelayanan-tamu.sop'], 'epoch', { SOURCE_DATE_EPOCH: '1700000000' });
    const i = info(join(dir, 'epoch/pelayanan-tamu.pdf'));
    expect(i['CreationDate']).toBe('2023-11-14T22:13:20Z');
    expect(i['ModDate']).toBe('2023-11-14T22:13:20Z');
    const r = await build(['sops/pelayanan-tamu.sop'], 'bad', { SOURCE_DATE_EPOCH: 'kemarin' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SOURCE_DATE_EPOCH');
  });

  it('an outline: the identity page, then the first page of the procedure', async () => {
    const file = join(dir, 'corpus/mekanisme-pelaporan-tim-kerja.pdf');
    const doc = await PDFDocument.load(readFileSync(file));
    const pages = doc.getPages().map((p) => p.ref.toString());
    const outlines = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    const entries: [string, number][] = [];
    let ref = outlines.get(PDFName.of('First')) as PDFRef | undefined;
    while (ref) {
      const item = doc.context.lookup(ref, PDFDict);
      const title = item.lookup(PDFName.of('Title'), PDFHexString, PDFString).decodeText();
      const dest = item.lookup(PDFName.of('Dest')) as unknown as { get(i: number): PDFRef };
      entries.push([title, pages.indexOf(dest.get(0).toString()) + 1]);
      ref = item.get(PDFName.of('Next')) as PDFRef | undefined;
    }
    expect(entries[0]).toEqual(['Identitas SOP', 1]);
    expect(entries[1]![0]).toBe('Prosedur');
    const proc = entries[1]![1];
    const text = (p: number): string => execFileSync('pdftotext', ['-f', String(p), '-l', String(p), file, '-'], { encoding: 'utf8' });
    // The procedure's first page has the table's header; the page before it is the identity.
    expect(text(proc)).toContain('Kegiatan');
    expect(text(proc - 1)).toContain('Dasar Hukum');
    expect(text(proc - 1)).not.toContain('Kegiatan');
  });

  it('the text layer holds the document (pdftotext)', () => {
    const text = execFileSync('pdftotext', [join(dir, 'corpus/pelayanan-tamu.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Pelayanan Tamu');
    expect(text).toContain('000.8/1619.10/DISKOPUKM.A');
    expect(text).toContain('Mempersilahkan');
  });
});

describe('PDF limits (docs/rendering.md)', () => {
  const big = (lanes: number, steps: number): string => {
    const lines = ['Nama SOP: Besar', 'Nomor SOP: 9', 'Tanggal Pembuatan: 2023-08-31', 'Pelaksana:'];
    for (let i = 0; i < lanes; i++) lines.push(`  - p${i}: Pelaksana ${i}`);
    lines.push('Prosedur:');
    for (let i = 0; i < steps; i++) lines.push(`  [p${i % lanes}] Langkah ${i + 1}`);
    return lines.join('\n') + '\n';
  };

  for (const [name, lanes, steps, code, line] of [
    ['1 001 steps', 3, 1001, 'SOP591', 1009],
    ['21 lanes', 21, 21, 'SOP592', 25],
  ] as const) {
    it(`${name}: ${code} at the first one over the limit, no PDF and no HTML (one set of limits, src/model/limits.ts), exit 1`, async () => {
      writeFileSync(join(dir, 'big.sop'), big(lanes, steps));
      const r = await build(['big.sop', '--format', 'html,pdf'], 'big');
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(code);
      expect(r.stderr).toContain(`big.sop:${line}:`);
      expect(existsSync(join(dir, 'big/big.pdf'))).toBe(false);
      expect(existsSync(join(dir, 'big/big.html'))).toBe(false);
    });
  }
});
