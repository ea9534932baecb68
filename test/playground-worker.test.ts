/**
 * Issue 19's leftover: the playground compiles (check, layout, HTML) in a
 * Web Worker started from a blob: URL, in real Chromium from file:// under
 * the page's Content-Security-Policy (`worker-src blob:`), so pasting a long
 * SOP leaves the page free: another task sees the compile under way (in the
 * page, the compile held the page from start to end), and the document then
 * comes. A text changed while it compiles is compiled again.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPlayground } from '../src/cli/commands/playground.js';
import { checkText } from '../src/check/check.js';
import type { SharedBrowser } from '../src/render/browser.js';
import { testBrowser } from './helpers/browser.js';
import { tempDir } from './helpers/tmp.js';
import { wideSop } from './helpers/wide-sop.js';

const silent = { out: () => undefined, err: () => undefined, color: false, isTTY: false };

interface PageWindow {
  sopPlayground: { engine(): string; compiling(): boolean; updates: number; view: { state: { doc: { length: number; toString(): string } }; dispatch(x: unknown): void } };
}

describe('playground compile in a Web Worker (Chromium, file://)', () => {
  let browser: SharedBrowser;
  let url: string;
  beforeAll(async () => {
    const out = tempDir('sop-pg-worker-');
    expect(await runPlayground({ out, lang: 'id' }, silent)).toBe(0);
    url = pathToFileURL(join(out, 'index.html')).href;
    browser = await testBrowser();
  }, 60_000);
  afterAll(async () => browser?.close());

  it('a long SOP pasted: the page answers while the worker compiles, the document follows; an edit made meanwhile is compiled too', async () => {
    const page = await browser.browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(url);
    await page.waitForSelector('body[data-updates]');
    expect(await page.evaluate(() => (window as unknown as PageWindow).sopPlayground.engine())).toBe('worker');

    const text = wideSop(20, 1000);
    const edited = text.replace('Langkah 1000', 'Langkah terakhir');
    expect(checkText(edited).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Pasted: while the worker compiles, the page answers (in the page, the compile held it from start to end,
    // so no other task could ever see it under way), and takes one more edit.
    // Watched from inside the page, every millisecond: a timer of the page that runs while the worker compiles is
    // the page answering (polled from the test, each look a round trip to the browser, the compile of a fast
    // layout could start and end between two looks: seen false on a quiet machine).
    await page.evaluate((a) => {
      const w = window as unknown as PageWindow & { seenCompiling?: boolean };
      w.seenCompiling = false;
      const started = Date.now();
      const look = (): void => {
        if (w.sopPlayground.compiling()) w.seenCompiling = true;
        else if (Date.now() - started < 60_000) setTimeout(look, 1);
      };
      const p = w.sopPlayground;
      p.view.dispatch({ changes: { from: 0, to: p.view.state.doc.length, insert: a } });
      look();
    }, text);
    await page.waitForFunction(
      (n) => (window as unknown as { seenCompiling?: boolean }).seenCompiling === true || localStorage.getItem('sop-playground:text')?.length === n,
      { timeout: 60_000 },
      text.length,
    );
    const seen = await page.evaluate(() => (window as unknown as { seenCompiling?: boolean }).seenCompiling === true);
    expect(seen).toBe(true);
    await page.evaluate((b) => {
      const p = (window as unknown as PageWindow).sopPlayground;
      p.view.dispatch({ changes: { from: 0, to: p.view.state.doc.length, insert: b } });
    }, edited);
    // The document comes, for the text as it is now.
    await page.waitForFunction((t) => localStorage.getItem('sop-playground:text') === t, { timeout: 60_000 }, edited);
    expect(await page.$eval('#status', (e) => e.getAttribute('data-status'))).toBe('ok');
    // A long document is written page by page in later tasks: its last step comes last (its text as the model's
    // lines, one element each: "Langkah" and "terakhir" may be two).
    await page.waitForFunction(() => (document.getElementById('preview') as HTMLIFrameElement).contentDocument!.body.textContent!.includes('terakhir'), { timeout: 30_000 });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
