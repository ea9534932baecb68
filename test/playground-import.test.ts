/**
 * The playground's import (issue 23), in real Chromium from file://: a PDF,
 * a .docx, an .xlsx and a text file, dropped on the page or chosen with the
 * Impor button, open as the same draft `sop import` writes in Node (the
 * importer runs in the page: zip entries inflated by DecompressionStream,
 * pdf.js in the page), the document follows, and no request leaves the
 * page. A file that is no SOP document is refused with the importer's own
 * message.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPlayground } from '../src/cli/commands/playground.js';
import { checkText } from '../src/check/check.js';
import { importBytes } from '../src/import/input.js';
import type { SharedBrowser } from '../src/render/browser.js';
import { testBrowser } from './helpers/browser.js';
import { zip } from './helpers/import.js';
import { tempDir } from './helpers/tmp.js';

const root = join(import.meta.dirname, '..');
const FILES = {
  docx: 'test/fixtures/import/office/pelayanan-tamu.docx',
  drawnDocx: 'test/fixtures/import/office/pelayanan-tamu-drawn.docx',
  xlsx: 'test/fixtures/import/office/penyusunan-duk.xlsx',
  pdf: 'test/fixtures/import/pelayanan-tamu.pdf',
  txt: 'test/fixtures/import/noisy-tabs.txt',
};

const silent = { out: () => undefined, err: () => undefined, color: false, isTTY: false };

const editorText = (page: Page): Promise<string> => page.evaluate(() => (window as unknown as { sopPlayground: { view: { state: { doc: { toString(): string } } } } }).sopPlayground.view.state.doc.toString());
const imports = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { sopPlayground: { imports: number } }).sopPlayground.imports);

/** Drops a file on the editor as a person drags it from the file manager: a DataTransfer holding a File. */
async function drop(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.evaluate(
    (n, b64) => {
      const bin = atob(b64);
      const data = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([data], n));
      const target = document.querySelector('.cm-content')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    name,
    bytes.toString('base64'),
  );
}

/** The draft `sop import` makes of the file in Node. */
async function nodeDraft(file: string): Promise<{ text: string; count: number }> {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const drafts = await importBytes(readFileSync(join(root, file)), { source: name });
  return { text: drafts[0]!.text, count: drafts.length };
}

describe('playground import in Chromium (file://)', () => {
  let browser: SharedBrowser;
  let url: string;
  beforeAll(async () => {
    const out = tempDir('sop-pg-import-');
    expect(await runPlayground({ out, lang: 'id' }, silent)).toBe(0);
    url = pathToFileURL(join(out, 'index.html')).href;
    browser = await testBrowser();
  }, 60_000);
  afterAll(async () => browser?.close());

  it('a dropped or chosen PDF, .docx, .xlsx and text file opens as the draft sop import writes, read in the page, nothing fetched', async () => {
    const page = await browser.browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    const outside: string[] = [];
    const requested: string[] = [];
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setRequestInterception(true);
    page.on('request', (r) => {
      const u = r.url();
      requested.push(u);
      if (u.startsWith('file:') || u.startsWith('data:') || u.startsWith('blob:') || u === 'about:blank') return void r.continue();
      outside.push(u);
      void r.abort();
    });
    await page.goto(url);
    await page.waitForSelector('body[data-updates]');
    // pdf.js and the importer are not loaded until a file comes.
    expect(requested.filter((u) => u.endsWith('/import.js'))).toEqual([]);

    let n = 0;
    const opened = async (file: string): Promise<void> => {
      n++;
      await page.waitForFunction((k) => (window as unknown as { sopPlayground: { imports: number } }).sopPlayground.imports >= k || document.querySelector('#import-note[data-kind=error]'), { timeout: 60_000 }, n);
      expect(await page.$eval('#import-note', (e) => e.getAttribute('data-kind'))).toBe('info');
      const want = await nodeDraft(file);
      expect(await editorText(page)).toBe(want.text);
      // The document follows the draft (it checks without errors).
      expect(checkText(want.text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      await page.waitForFunction(() => document.querySelector('#status')?.getAttribute('data-status') === 'ok');
    };

    for (const file of [FILES.docx, FILES.xlsx, FILES.pdf]) {
      await drop(page, file.slice(file.lastIndexOf('/') + 1), readFileSync(join(root, file)));
      await opened(file);
    }
    // The Impor button's file chooser, with the drawn Word file (lanes and flows from its shapes) and a text file.
    for (const file of [FILES.drawnDocx, FILES.txt]) {
      const input = await page.$('#import-file');
      await input!.uploadFile(join(root, file));
      await opened(file);
    }
    expect(await imports(page)).toBe(5);
    // import.js was read once, from the page's own folder.
    expect(requested.filter((u) => u.endsWith('/import.js'))).toHaveLength(1);

    // A zip that is no office document: the importer's own message, the text untouched.
    const before = await editorText(page);
    await drop(page, 'arsip.zip', zip([{ name: 'readme.txt', data: Buffer.from('hello') }]));
    await page.waitForSelector('#import-note[data-kind=error]');
    expect(await page.$eval('#import-note', (e) => e.textContent)).toContain('arsip.zip: berkas zip ini bukan dokumen Word (.docx), Excel (.xlsx) atau OpenDocument (.odt, .ods)');
    expect(await editorText(page)).toBe(before);
    // A text with no procedure table: said so, the text untouched.
    await page.evaluate(() => document.getElementById('import-note')!.removeAttribute('data-kind'));
    await drop(page, 'catatan.txt', Buffer.from('Catatan rapat\nTidak ada tabel di sini.\n'));
    await page.waitForSelector('#import-note[data-kind=error]');
    expect(await page.$eval('#import-note', (e) => e.textContent)).toBe('catatan.txt: tidak ada tabel prosedur (baris Pelaksana dan Mutu Baku) yang ditemukan.');
    expect(await editorText(page)).toBe(before);

    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  }, 180_000);
});
