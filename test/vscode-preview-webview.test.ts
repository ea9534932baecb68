/**
 * The VS Code preview's webview page (editors/vscode/preview-panel.js's
 * shell) in real Chromium, with a stand-in for VS Code's webview API:
 * an update shows the document, a highlight outlines the step, a click on a
 * symbol posts `reveal` for its step, an update while the text has errors
 * keeps the last document; the document's @font-face rules load the bundled
 * font from the webview's resource origin its CSP allows (a local HTTP server
 * standing in for VS Code's resource host), and from nowhere else.
 * VS Code itself cannot run here.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import Module, { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkText } from '../src/check/check.js';
import { renderHtml } from '../src/emit/html/render.js';
import { loadTemplates } from '../src/project/templates.js';
import { loopbackBrowser, testBrowser } from './helpers/browser.js';
import type { SharedBrowser } from '../src/render/browser.js';

// preview-panel.js requires 'vscode' at load; the shell page does not use it.
const load = (Module as unknown as { _load: (r: string, ...a: unknown[]) => unknown })._load;
(Module as unknown as { _load: (r: string, ...a: unknown[]) => unknown })._load = function (r: string, ...a: unknown[]) {
  return r === 'vscode' ? {} : load.call(this, r, ...a);
};
const { shellHtml } = createRequire(import.meta.url)('../editors/vscode/preview-panel.js') as { shellHtml: (nonce: string, cspSource?: string) => string };
(Module as unknown as { _load: unknown })._load = load;

const TEXT = 'Nama SOP: Uji\nPelaksana:\n  - a: Petugas\n  - b: Kepala\nProsedur:\n  [a] Terima berkas\n  [b] Periksa berkas\n  [a] Arsipkan\n';

describe('VS Code preview webview page', () => {
  let browser: SharedBrowser;
  beforeAll(async () => void (browser = await testBrowser()), 60_000);
  afterAll(async () => browser?.close());

  it('shows updates, highlights the step, reports clicks, keeps the last document on errors', async () => {
    const html = renderHtml(checkText(TEXT).model, loadTemplates(), {});
    const page = await browser.browser.newPage();
    const shell = shellHtml('n0nce').replace('const vscode = acquireVsCodeApi();', 'window.posted = []; const vscode = { getState: () => null, setState: () => {}, postMessage: (m) => window.posted.push(m) };');
    await page.setContent(shell);
    expect(await page.evaluate(() => (window as unknown as { posted: unknown[] }).posted)).toEqual([{ type: 'ready' }]);
    const send = (m: unknown): Promise<void> => page.evaluate((msg) => void window.postMessage(msg, '*'), m as never);
    await send({ type: 'update', version: 1, html });
    await page.waitForSelector('#sop-doc [data-step="2"]');
    await send({ type: 'highlight', step: 2 });
    await page.waitForSelector('[data-step="2"].sop-current');
    expect(await page.$$eval('.sop-current', (els) => els.map((e) => e.getAttribute('data-step')))).not.toContain('1');
    await page.evaluate(() => (document.querySelector('#sop-doc [data-step="3"]') as SVGElement).dispatchEvent(new MouseEvent('click', { bubbles: true })));
    expect(await page.evaluate(() => (window as unknown as { posted: unknown[] }).posted.at(-1))).toEqual({ type: 'reveal', step: 3 });
    await send({ type: 'update', version: 2, html: null, note: '1 galat' });
    await page.waitForFunction(() => getComputedStyle(document.getElementById('sop-errors')!).display === 'block');
    expect(await page.$$eval('#sop-doc [data-step]', (els) => els.length)).toBeGreaterThan(0);
    // A late, older update is dropped.
    await send({ type: 'update', version: 1, html: '<p id="old">old</p>' });
    await new Promise((r) => setTimeout(r, 100));
    expect(await page.$('#old')).toBeNull();
    await page.close();
  }, 60_000);
});

/** A stand-in for VS Code's webview resource host: serves the package's fonts/ (with CORS, as VS Code does) and logs the requests. */
async function fontHost(): Promise<{ server: Server; origin: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const m = /^\/fonts\/(LiberationSans-(?:Regular|Bold|Italic|BoldItalic)\.ttf)$/.exec(req.url ?? '');
    if (!m) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'font/ttf', 'access-control-allow-origin': '*' }).end(readFileSync(join(import.meta.dirname, '..', 'fonts', m[1]!)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

describe('VS Code preview webview page: the bundled font', () => {
  let browser: SharedBrowser;
  const hosts: Awaited<ReturnType<typeof fontHost>>[] = [];
  beforeAll(async () => void (browser = await loopbackBrowser()), 60_000);
  afterAll(async () => {
    await browser?.close();
    for (const h of hosts) h.server.close();
  });

  /** The faces of the shown document after an update whose fonts are at `fontBase`, in a shell whose CSP allows fonts from `cspSource`. */
  async function faces(cspSource: string, fontBase: string): Promise<string[]> {
    const html = renderHtml(checkText(TEXT).model, loadTemplates(), { fontBase });
    const page = await browser.browser.newPage();
    try {
      await page.setContent(shellHtml('n0nce', cspSource).replace('const vscode = acquireVsCodeApi();', 'const vscode = { getState: () => null, setState: () => {}, postMessage: () => {} };'));
      await page.evaluate((h) => void window.postMessage({ type: 'update', version: 1, html: h }, '*'), html);
      await page.waitForSelector('#sop-doc [data-step="1"]');
      return await page.evaluate(async () => {
        await document.fonts.ready;
        return [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Liberation Sans').map((f) => `${f.weight} ${f.style} ${f.status}`);
      });
    } finally {
      await page.close();
    }
  }

  it('loads the faces the document uses from the webview resource origin the CSP names', async () => {
    const host = await fontHost();
    hosts.push(host);
    const got = await faces(host.origin, `${host.origin}/fonts/`);
    // The four rules; the upright faces the table uses are loaded (the italic ones on first use).
    expect(got).toHaveLength(4);
    expect(got).toContain('normal normal loaded');
    expect(got).toContain('bold normal loaded');
    expect(got.filter((f) => f.endsWith(' error'))).toEqual([]);
    expect(host.requests).toEqual(expect.arrayContaining(['/fonts/LiberationSans-Regular.ttf', '/fonts/LiberationSans-Bold.ttf']));
  }, 60_000);

  it('loads no font from any other origin', async () => {
    const ours = await fontHost();
    const other = await fontHost();
    hosts.push(ours, other);
    const got = await faces(ours.origin, `${other.origin}/fonts/`);
    expect(got).toHaveLength(4);
    expect(got).toContain('normal normal error');
    expect(got.filter((f) => f.endsWith(' loaded'))).toEqual([]);
    expect(other.requests).toEqual([]);
    expect(ours.requests).toEqual([]);
  }, 60_000);
});
