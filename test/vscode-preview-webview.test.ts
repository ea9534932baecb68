/**
 * The VS Code preview's webview page (editors/vscode/preview-panel.js's
 * shell) in real Chromium, with a stand-in for VS Code's webview API:
 * an update shows the document, a highlight outlines the step, a click on a
 * symbol posts `reveal` for its step, an update while the text has errors
 * keeps the last document. VS Code itself cannot run here.
 */
import Module, { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkText } from '../src/check/check.js';
import { renderHtml } from '../src/emit/html/render.js';
import { loadTemplates } from '../src/project/templates.js';
import { testBrowser } from './helpers/browser.js';
import type { SharedBrowser } from '../src/render/browser.js';

// preview-panel.js requires 'vscode' at load; the shell page does not use it.
const load = (Module as unknown as { _load: (r: string, ...a: unknown[]) => unknown })._load;
(Module as unknown as { _load: (r: string, ...a: unknown[]) => unknown })._load = function (r: string, ...a: unknown[]) {
  return r === 'vscode' ? {} : load.call(this, r, ...a);
};
const { shellHtml } = createRequire(import.meta.url)('../editors/vscode/preview-panel.js') as { shellHtml: (nonce: string) => string };
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
