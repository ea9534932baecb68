/**
 * Hostile PDFs (made here, small, from what a probe found): `sop import`
 * reads a PDF in a process of its own (src/import/pdf-process.ts) and gives,
 * for any of them, one line in Indonesian (or English), exit 2 and nothing
 * written: never a crash, a stack trace, pdf.js's or V8's noise on stderr,
 * or a wait past the deadline; and the reading process is gone when the
 * command ends. The probe's own files (a 4 GB content stream, 21 million
 * path operators) met the real caps (1024 MB; a million operators on a
 * page) in ~6 and ~3 s; here the memory cap is lowered
 * (SOP_IMPORT_PDF_MEMORY_MB) so that a file of a few KB meets it in a second
 * or two, and the deadline is met by calling the reader with 1.5 s.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { constants, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../src/import/error.js';
import { PDF_MEMORY_MB, pdfMemoryMb, readerEntry, readPdfRows } from '../src/import/pdf-process.js';
import { runCliAsync as runCli, type CliRun } from './helpers/cli.js';
import { LspClient } from './helpers/lsp-client.js';
import { processesWith } from './helpers/procs.js';
import { tempDir } from './helpers/tmp.js';

const root = join(import.meta.dirname, '..');

/** A PDF of the given objects (1: catalog, 2: pages, 3: the page, 4…: the rest), with its cross-reference table. */
function pdf(objects: readonly (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  let at = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), typeof o === 'string' ? Buffer.from(o) : o, Buffer.from('\nendobj\n')]);
    offsets.push(at);
    parts.push(b);
    at += b.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return Buffer.concat(parts);
}
const stream = (dict: string, data: Buffer): Buffer => Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]);
/** One page whose content is object 4 (resources as given). */
const onePage = (content: Buffer, resources = '', more: readonly (string | Buffer)[] = []): Buffer =>
  pdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] ${resources} /Contents 4 0 R >>`, content, ...more]);

/** A form XObject that draws itself (627 bytes): pdf.js recurses until the stack overflows. */
const selfDrawing = (): Buffer =>
  onePage(stream('', Buffer.from('/X1 Do')), '/Resources << /XObject << /X1 5 0 R >> >>', [stream('/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X1 5 0 R >> >>', Buffer.from('/X1 Do'))]);

/**
 * A deflated stream of `unit` `times` over in ~1/1000 of its size, made at once: the same fully flushed deflate
 * block over and over (each refers only to itself), then the last block and a checksum pdf.js does not check.
 */
function deflatedRepeat(unit: Buffer, times: number): Buffer {
  const block = deflateRawSync(unit, { finishFlush: constants.Z_FULL_FLUSH });
  const blocks: Buffer[] = [Buffer.from([0x78, 0x9c])];
  for (let i = 0; i < times; i++) blocks.push(block);
  blocks.push(deflateRawSync(Buffer.alloc(0)), Buffer.alloc(4));
  return Buffer.concat(blocks);
}

/** `n` × 65 536 stroked two-point paths: pdf.js keeps every operator (the probe: 21 million, 571 KB, 4.7 GB). */
const manyPaths = (n: number): Buffer => onePage(stream('/Filter /FlateDecode', deflatedRepeat(Buffer.from('0 0 m 1 1 l S\n'.repeat(65_536)), n)));

/** A content stream of `mb` MB of spaces: pdf.js inflates it whole into one buffer (the probe: 4 GB, 85 s, 6.4 GB). */
const inflatingTo = (mb: number): Buffer => onePage(stream('/Filter /FlateDecode', deflatedRepeat(Buffer.alloc(1 << 20, 0x20), mb)));

/** The built CLI, killed if it outlives the test (as the code before the reading process did: minutes, gigabytes). */
const runCliAsync = (args: string[], opts: { env?: Record<string, string> } = {}): Promise<CliRun> => runCli(args, { ...opts, killAfterMs: 45_000 });

/** Reading processes of this run still alive (Linux: /proc), told by the tag in their environment. */
function readersAlive(tag: string): number[] {
  return process.platform === 'linux' ? processesWith(`SOP_TEST_READER=${tag}`) : [];
}

/** `sop import FILE --out DIR` on a hostile file: exit 2, the one line about it and "nothing written", no file, no reader left. */
async function refused(file: Buffer, opts: { lang?: 'en'; env?: Record<string, string> } = {}): Promise<string> {
  const dir = tempDir('sop-import-hostile-');
  writeFileSync(join(dir, 'masuk.pdf'), file);
  const out = join(dir, 'out');
  const tag = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const t = Date.now();
  const r = await runCliAsync(['import', join(dir, 'masuk.pdf'), '--out', out, ...(opts.lang ? ['--lang', opts.lang] : [])], { env: { SOP_TEST_READER: tag, ...opts.env } });
  const took = Date.now() - t;
  expect(r.code, r.stderr).toBe(2);
  // Within the deadline (30 s; the memory caps are met in a second or two, more on a loaded machine).
  expect(took, r.stderr).toBeLessThan(30_000);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(2);
  expect(lines[1]).toBe(opts.lang === 'en' ? 'sop import: nothing was written' : 'sop import: tidak ada yang ditulis');
  expect(r.stderr).not.toMatch(/Exception|FATAL|RangeError|Warning|Error:|\bat .*:\d+/);
  expect(r.stdout).toBe('');
  expect(existsSync(out)).toBe(false);
  expect(readersAlive(tag)).toEqual([]);
  expect(lines[0]!.startsWith(`sop import: ${join(dir, 'masuk.pdf')}: `), lines[0]).toBe(true);
  return lines[0]!.slice(`sop import: ${join(dir, 'masuk.pdf')}: `.length);
}

describe('sop import: hostile PDFs', () => {
  it('a drawing that contains itself: "rusak", not pdf.js\'s stack overflows on stderr and "no table found"', async () => {
    expect(await refused(selfDrawing())).toBe('PDF ini rusak: isinya bersarang tanpa akhir (misalnya gambar yang memuat dirinya sendiri)');
    expect(await refused(selfDrawing(), { lang: 'en' })).toBe('this PDF is damaged: its content nests without end (a drawing that contains itself, for instance)');
  }, 60_000);

  it('millions of path operators: refused at a million on a page, not a heap out of memory that kills Node', async () => {
    expect(await refused(manyPaths(24))).toBe('PDF ini terlalu rumit untuk dibaca (satu halamannya memuat lebih dari 1 000 000 perintah gambar); pecah menjadi berkas yang lebih kecil');
  }, 60_000);

  it('a content stream that inflates past the memory cap: refused there, not read on to the deadline with gigabytes', async () => {
    expect(await refused(inflatingTo(1024), { env: { SOP_IMPORT_PDF_MEMORY_MB: '160' }, lang: 'en' })).toBe(
      'this PDF is too large or too complex to read (it needs more than 160 MB of memory); split it into smaller files',
    );
  }, 60_000);

  it('one hostile PDF among good files: nothing is written', async () => {
    const dir = tempDir('sop-import-hostile-');
    writeFileSync(join(dir, 'rusak.pdf'), selfDrawing());
    const out = join(dir, 'out');
    const r = await runCliAsync(['import', join(root, 'test/fixtures/import/pelayanan-tamu.pdf'), join(dir, 'rusak.pdf'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rusak.pdf: PDF ini rusak: isinya bersarang tanpa akhir');
    expect(r.stderr).not.toMatch(/Exception|RangeError/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('the reading process is killed at the deadline, and gone when the reading returns', async () => {
    const entry = readerEntry(pathToFileURL(join(root, 'dist/import/pdf-process.js')).href);
    expect(entry, 'run `npm run build` first').not.toBeNull();
    const tag = `${process.pid}-deadline`;
    process.env['SOP_TEST_READER'] = tag;
    try {
      const t = Date.now();
      // 4 GB of spaces: inflated in one call of pdf.js, ~1 GB in 6 s; killed at 1.5 s.
      const e = await readPdfRows(inflatingTo(4096), { deadlineMs: 1500, entry }).then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(ImportError);
      expect((e as ImportError).say('id')).toBe('PDF ini terlalu lama dibaca (melewati batas waktu); pecah menjadi berkas yang lebih kecil');
      expect(Date.now() - t).toBeLessThan(5000);
      expect(readersAlive(tag)).toEqual([]);
    } finally {
      delete process.env['SOP_TEST_READER'];
    }
  }, 30_000);

  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    it(`${sig} to sop alone while a PDF is read ends the reader with it, and still ends sop`, async () => {
      // A regression check: the reader outlived a `sop import` stopped alone (not its process group) by 0.2-0.3 s.
      const dir = tempDir('sop-import-hostile-');
      writeFileSync(join(dir, 'masuk.pdf'), inflatingTo(4096));
      const tag = `${process.pid}-${sig}`;
      const child = spawn(process.execPath, [join(root, 'dist/cli/sop.cjs'), 'import', 'masuk.pdf', '--out', 'o'], { cwd: dir, env: { ...process.env, SOP_TEST_READER: tag }, stdio: 'ignore' });
      const ended = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
      try {
        // The reader is up when a second process carries the tag (it inflates for seconds: 4 GB of spaces).
        for (const t = Date.now(); readersAlive(tag).length < 2; ) {
          expect(Date.now() - t, 'no reader started').toBeLessThan(20_000);
          await new Promise((r) => setTimeout(r, 5));
        }
        child.kill(sig);
        expect(await ended).toBe(sig);
        expect(readersAlive(tag)).toEqual([]);
        expect(existsSync(join(dir, 'o'))).toBe(false);
      } finally {
        child.kill('SIGKILL');
      }
    }, 60_000);
  }

  it('the memory cap is 1024 MB; SOP_IMPORT_PDF_MEMORY_MB only lowers it (to 64 MB at least)', () => {
    expect(PDF_MEMORY_MB).toBe(1024);
    expect(pdfMemoryMb({})).toBe(1024);
    expect(pdfMemoryMb({ SOP_IMPORT_PDF_MEMORY_MB: '200' })).toBe(200);
    expect(pdfMemoryMb({ SOP_IMPORT_PDF_MEMORY_MB: '8000' })).toBe(1024);
    expect(pdfMemoryMb({ SOP_IMPORT_PDF_MEMORY_MB: '10' })).toBe(64);
    expect(pdfMemoryMb({ SOP_IMPORT_PDF_MEMORY_MB: 'banyak' })).toBe(1024);
  });

  it('the language server answers a hostile PDF with the message, and goes on serving', async () => {
    const c = new LspClient();
    try {
      await c.request('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: null });
      c.notify('initialized', {});
      expect(await c.request('sop/import', { name: 'x.pdf', data: selfDrawing().toString('base64') })).toEqual({ error: 'PDF ini rusak: isinya bersarang tanpa akhir (misalnya gambar yang memuat dirinya sendiri)' });
      const ok = await c.request<{ drafts?: { text: string }[] }>('sop/import', { name: 'tamu.pdf', data: readFileSync(join(root, 'test/fixtures/import/pelayanan-tamu.pdf')).toString('base64') });
      expect(ok.drafts?.[0]?.text).toContain('Nama SOP: Pelayanan Tamu\n');
    } finally {
      await c.close();
    }
  }, 60_000);
});
