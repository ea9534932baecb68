/**
 * `sop preview` as a drafter uses it, in real Chromium: the built CLI serves
 * a folder; a save on disk updates the open page; an error shows the overlay
 * over the last good document; a fix removes it; traversal paths (plain,
 * encoded, through a symlink) are refused; SIGTERM stops the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from './helpers/cli.js';
import { loopbackBrowser } from './helpers/browser.js';
import type { SharedBrowser } from '../src/render/browser.js';
import { route, loopbackHost } from '../src/cli/preview/route.js';
import { documentPage, indexPage } from '../src/cli/preview/pages.js';
import { tempDir } from './helpers/tmp.js';

const sop = (word: string, n = 1): string =>
  `Nama SOP: Uji Pratinjau ${n}\nNomor SOP: ${n}/2026\nTanggal Pembuatan: 2 Januari 2026\nPelaksana:\n  - a: Petugas\n  - b: Kepala\nProsedur:\n  [a] Langkah ${word}\n  [b] Langkah akhir\n`;

function atomicSave(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** A GET with the exact request target (no URL normalisation, unlike a browser). */
function rawGet(port: number, target: string, host = `127.0.0.1:${port}`): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: target, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('preview routing (pure)', () => {
  it('refuses every way out of the folder and routes the rest', () => {
    for (const t of ['/../../etc/passwd', '/view/../../etc/passwd', '/view/%2e%2e/%2e%2e/etc/passwd', '/view/%2E%2E%2Fetc%2Fpasswd', '/view/..%5c..%5cx.sop', '/view/a%00.sop', '/view/%zz.sop', 'view/a.sop', '/view/./a.sop'])
      expect(route(t), t).toEqual({ kind: 'refused' });
    expect(route('/')).toEqual({ kind: 'index' });
    expect(route('/?x=1')).toEqual({ kind: 'index' });
    expect(route('/events')).toEqual({ kind: 'events' });
    expect(route('/view/sub/a%20b%23c.sop?t=1')).toEqual({ kind: 'view', rel: 'sub/a b#c.sop' });
    expect(route('/view/secret.txt')).toEqual({ kind: 'missing' });
    // The bundled font of the documents' @font-face: a name the server checks against the four faces it knows.
    expect(route('/fonts/LiberationSans-Bold.ttf')).toEqual({ kind: 'font', name: 'LiberationSans-Bold.ttf' });
    expect(route('/fonts/%2e%2e/x')).toEqual({ kind: 'refused' });
    expect(route('/fonts/a/b.ttf')).toEqual({ kind: 'missing' });
    expect(loopbackHost('127.0.0.1:80', 80)).toBe(true);
    expect(loopbackHost('localhost:80', 80)).toBe(true);
    expect(loopbackHost('evil.example:80', 80)).toBe(false);
    expect(loopbackHost(undefined, 80)).toBe(false);
  });

  it('escapes file names and messages, and never leaves a page without content', () => {
    const d = { code: 'SOP101', severity: 'error', file: 'x', range: { start: { line: 3, column: 1, offset: 0 }, end: { line: 3, column: 2, offset: 1 } }, message: '<img src=x onerror=alert(1)>', hint: 'h</script>', params: {} } as never;
    const page = documentPage({ rel: '</script><b>.sop', title: 't', html: null, diagnostics: [d] }, 'id');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('</script><b>');
    expect(page).toContain('data-line="3"');
    expect(page).toContain('Dokumen akan tampil di sini');
    expect(indexPage([{ rel: '<i>.sop', title: '<i>', html: null, diagnostics: [] }], '/x', 'en')).not.toContain('<i>');
  });
});

describe('sop preview in Chromium', () => {
  let dir: string;
  let proc: ChildProcess;
  let url = '';
  let port = 0;
  let err = '';
  let browser: SharedBrowser;
  const a = (): string => join(dir, 'sops', 'a.sop');

  beforeAll(async () => {
    dir = tempDir('sop-preview-');
    mkdirSync(join(dir, 'sops', 'sub'), { recursive: true });
    writeFileSync(a(), sop('pertama'));
    writeFileSync(join(dir, 'sops', 'sub', 'b c.sop'), sop('kedua', 2));
    writeFileSync(join(dir, 'outside.sop'), sop('rahasia', 3));
    symlinkSync(join(dir, 'outside.sop'), join(dir, 'sops', 'link.sop'));
    proc = spawn(process.execPath, [CLI, 'preview', join(dir, 'sops')], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const end = Date.now() + 30_000;
    while (!/http:\/\/127\.0\.0\.1:\d+\//.test(out)) {
      if (Date.now() > end || proc.exitCode !== null) throw new Error(`preview did not start: ${err}`);
      await new Promise((r) => setTimeout(r, 30));
    }
    url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)![0];
    port = Number(/:(\d+)\//.exec(url)![1]);
    browser = await loopbackBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (proc && proc.exitCode === null) proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the SOPs, follows saves, overlays errors on the last good document, and clears the overlay on a fix', async () => {
    const page = await browser.browser.newPage();
    await page.goto(url);
    const rows = await page.$$eval('tr[data-file]', (trs) => trs.map((t) => `${t.getAttribute('data-file')}:${t.getAttribute('data-status')}`));
    expect(rows).toEqual(['a.sop:ok', 'sub/b c.sop:ok']);

    await page.goto(`${url}view/a.sop`);
    expect(await page.$$eval('[data-step]', (els) => els.length)).toBeGreaterThan(0);
    expect(await page.content()).toContain('Langkah pertama');

    // A save on disk: the open page updates by itself, patched in place (no reload:
    // the window keeps its state, and one event stream stays open).
    await page.evaluate(() => void ((window as unknown as { sopMark: number }).sopMark = 1));
    // Node by node: the first step's symbol and the stylesheet are the same nodes after the save.
    await page.evaluate(() => {
      (document.querySelector('[data-step="1"]') as unknown as { sopKept: boolean }).sopKept = true;
      (document.querySelector('style') as unknown as { sopKept: boolean }).sopKept = true;
    });
    atomicSave(a(), sop('diubah'));
    await page.waitForFunction(() => document.body.innerText.includes('Langkah diubah'), { timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { sopMark?: number }).sopMark)).toBe(1);
    expect(await page.$$eval('script[data-sop-preview]', (s) => s.length)).toBe(1);
    expect(await page.$$eval('style', (s) => s.length)).toBeGreaterThan(0);
    expect(await page.evaluate(() => (document.querySelector('[data-step="1"]') as unknown as { sopKept?: boolean }).sopKept)).toBe(true);
    expect(await page.evaluate(() => (document.querySelector('style') as unknown as { sopKept?: boolean }).sopKept)).toBe(true);
    // ... and the patched page is the page the server now sends.
    const served = await page.evaluate(async () => {
      const d = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
      for (const s of d.querySelectorAll('script')) s.remove();
      const mine = document.body.cloneNode(true) as HTMLElement;
      for (const s of mine.querySelectorAll('script')) s.remove();
      return { same: mine.innerHTML === d.body.innerHTML, title: document.title === d.title };
    });
    expect(served).toEqual({ same: true, title: true });

    // A mistake: the last good document stays, with the diagnostics over it.
    atomicSave(a(), sop('rusak').replace('[b] Langkah akhir', '[zz] Langkah akhir'));
    await page.waitForSelector('#sop-preview-overlay', { timeout: 15_000 });
    const item = await page.$eval('#sop-preview-overlay li', (li) => ({ line: li.getAttribute('data-line'), code: li.getAttribute('data-code'), text: li.textContent }));
    expect(item.line).toBe('9');
    expect(item.code).toMatch(/^SOP\d+$/);
    expect(item.text).toContain('zz');
    expect(await page.content()).toContain('Langkah diubah');
    expect(await page.$$eval('[data-step]', (els) => els.length)).toBeGreaterThan(0);

    // The fix: the overlay goes and the new text shows.
    atomicSave(a(), sop('diperbaiki'));
    await page.waitForFunction(() => document.body.innerText.includes('Langkah diperbaiki'), { timeout: 15_000 });
    expect(await page.$('#sop-preview-overlay')).toBeNull();
    expect(await page.evaluate(() => (window as unknown as { sopMark?: number }).sopMark)).toBe(1);

    // The file goes away: the page falls back to a full reload, which says it is missing.
    rmSync(a());
    await page.waitForFunction(() => !document.querySelector('[data-step]'), { timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { sopMark?: number }).sopMark)).toBeUndefined();
    atomicSave(a(), sop('kembali'));
    await page.close();
  }, 60_000);

  it('does not miss a save made before the event stream of the page connected', async () => {
    const b = join(dir, 'sops', 'sub', 'b c.sop');
    const view = `${url}view/sub/b%20c.sop`;
    const page = await browser.browser.newPage();
    await page.setRequestInterception(true);
    let held: (() => void) | null = null;
    page.on('request', (req) => {
      if (req.url().endsWith('/events') && held === null) held = () => void req.continue();
      else void req.continue();
    });
    await page.goto(view);
    expect(await page.content()).toContain('Langkah kedua');
    // The stream is held back; the file changes and the server rebuilds meanwhile.
    atomicSave(b, sop('terlambat', 2));
    const end = Date.now() + 15_000;
    while (!(await rawGet(port, '/view/sub/b%20c.sop')).body.includes('Langkah terlambat')) {
      if (Date.now() > end) throw new Error('the server did not rebuild');
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(held).not.toBeNull();
    held!();
    // Greeted with a newer generation, the page updates without any further change.
    await page.waitForFunction(() => document.body.innerText.includes('Langkah terlambat'), { timeout: 15_000 });
    await page.close();
  }, 60_000);

  it('refuses traversal paths, symlinks out of the folder, and foreign Host names', async () => {
    for (const t of ['/../../etc/passwd', '/view/%2e%2e/%2e%2e/etc/passwd', '/view/..%2f..%2foutside.sop', '/view/%2e%2e/outside.sop']) {
      const r = await rawGet(port, t);
      expect(r.status, t).toBe(403);
      expect(r.body).not.toContain('root:');
      expect(r.body).not.toContain('rahasia');
    }
    const link = await rawGet(port, '/view/link.sop');
    expect(link.status).toBe(403);
    expect(link.body).not.toContain('rahasia');
    expect((await rawGet(port, '/')).body).not.toContain('link.sop');
    expect((await rawGet(port, '/', 'attacker.example')).status).toBe(403);
    // In the browser too: the page of an encoded traversal is a refusal, not a file.
    const page = await browser.browser.newPage();
    const res = await page.goto(`${url}view/%2e%2e/outside.sop`);
    expect([403, 404]).toContain(res!.status());
    expect(await page.content()).not.toContain('rahasia');
    await page.close();
  });

  it('serves the bundled font (its four faces only), and the document is shown in it', async () => {
    const bold = await rawGet(port, '/fonts/LiberationSans-Bold.ttf');
    expect(bold.status).toBe(200);
    for (const t of ['/fonts/LICENSE', '/fonts/x.ttf', '/fonts/..%2f..%2fpackage.json', '/fonts/%2e%2e/sops/a.sop']) expect((await rawGet(port, t)).status, t).not.toBe(200);
    const page = await browser.browser.newPage();
    await page.goto(`${url}view/a.sop`);
    await page.evaluate('document.fonts.ready');
    const faces = await page.evaluate(`[...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, '') + ' ' + f.weight)`);
    expect(faces).toEqual(expect.arrayContaining(['Liberation Sans normal', 'Liberation Sans bold']));
    await page.close();
  });

  it('stops on SIGTERM with exit code 0', async () => {
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(rawGet(port, '/')).rejects.toThrow();
  }, 20_000);
});
