/**
 * The playground as a drafter uses it, in real Chromium from file://: type a
 * SOP with the keyboard, see the document's symbols (the drawing contract's
 * data-* attributes) follow the steps; type a mistake, see it squiggled in
 * the editor and listed in the panel while the last good document stays;
 * fix it, see it go; completion offers the lane ids; the text survives a
 * reload; no request leaves the page.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPlayground } from '../src/cli/commands/playground.js';
import { checkText } from '../src/check/check.js';
import type { SharedBrowser } from '../src/render/browser.js';
import { testBrowser } from './helpers/browser.js';
import { tempDir } from './helpers/tmp.js';
import { wideSop } from './helpers/wide-sop.js';
import { renderHtml } from '../src/emit/html/render.js';
import { loadTemplates } from '../src/project/templates.js';

const TEXT = [
  'Nama SOP: Uji Ruang Coba',
  'Nomor SOP: 1/2026',
  'Tanggal Pembuatan: 2 Januari 2026',
  'Pelaksana:',
  '  - a: Petugas',
  '  - b: Kepala',
  'Prosedur:',
  '  [a] Terima berkas',
  '  @periksa [b] Periksa berkas',
  '    Ya: @arsip',
  '    Tidak: selesai',
  '  @arsip [a, b] Arsipkan',
].join('\n');

/** What the tests use of the page's probe (playground/app.ts): the editor's view. */
interface PageWindow {
  sopPlayground: {
    view: {
      state: { doc: { line(n: number): { to: number }; lineAt(p: number): { number: number } }; selection: { main: { head: number } } };
      dispatch(t: unknown): void;
    };
  };
}

const silent = { out: () => undefined, err: () => undefined, color: false, isTTY: false };

/** Types text line by line as a person would; the editor's own indentation after Enter is replaced by the line's. */
async function typeLines(page: Page, lines: readonly string[], first = true): Promise<void> {
  for (const [i, line] of lines.entries()) {
    if (i > 0 || !first) {
      await page.keyboard.press('Escape'); // no completion is taken by Enter
      await page.keyboard.press('Enter');
      await page.keyboard.down('Shift');
      await page.keyboard.press('Home');
      await page.keyboard.up('Shift');
    }
    await page.keyboard.type(line);
  }
  await page.keyboard.press('Escape');
}

const editorText = (page: Page): Promise<string> => page.evaluate(() => (window as unknown as { sopPlayground: { view: { state: { doc: { toString(): string } } } } }).sopPlayground.view.state.doc.toString());

/** The symbols of the preview: "step/symbol/lane" for each, as the drawing contract names them. */
const previewSymbols = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    [...(document.getElementById('preview') as HTMLIFrameElement).contentDocument!.querySelectorAll('[data-symbol][data-step]')]
      .filter((e) => e.getAttribute('data-symbol') !== 'connector')
      .map((e) => `${e.getAttribute('data-step')}/${e.getAttribute('data-symbol')}/${e.getAttribute('data-lane')}`)
      .sort(),
  );

/** Whether the preview's document, as patched or written page by page, is the one written whole at once. */
const sameAsWrittenWhole = (page: Page): Promise<boolean> =>
  page.evaluate(() => {
    const frame = document.getElementById('preview') as HTMLIFrameElement;
    const norm = (s: string): string => s.replace(/>\s+</g, '><').trim();
    const before = norm(frame.contentDocument!.body.innerHTML);
    (window as unknown as { sopPlayground: { rerender(): number } }).sopPlayground.rerender();
    return before === norm(frame.contentDocument!.body.innerHTML);
  });

const expectedSymbols = (text: string): string[] => {
  const { model } = checkText(text);
  const steps = model.steps.flatMap((s) => s.lanes.map((l) => `${s.number}/${s.symbol}/${l}`));
  // A decision's branch to the end ends in a terminator of its own, in the decision's lane (drawing contract).
  const ends = model.edges.filter((e) => e.label !== null && e.to === 'selesai').map((e) => `selesai/terminator/${model.steps[e.from - 1]!.lanes[0]}`);
  return [...steps, ...ends].sort();
};

describe('playground in Chromium (file://)', () => {
  let browser: SharedBrowser;
  let url: string;
  beforeAll(async () => {
    expect(checkText(TEXT).diagnostics).toEqual([]);
    const out = tempDir('sop-pg-browser-');
    expect(await runPlayground({ out, lang: 'id' }, silent)).toBe(0);
    url = pathToFileURL(join(out, 'index.html')).href;
    browser = await testBrowser();
  }, 60_000);
  afterAll(async () => browser?.close());

  it('follows the typing, shows and clears a mistake, completes lane ids, keeps the text, asks nothing of the network', async () => {
    const page = await browser.browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    const outside: string[] = [];
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setRequestInterception(true);
    page.on('request', (r) => {
      const u = r.url();
      if (u.startsWith('file:') || u.startsWith('data:') || u.startsWith('blob:') || u === 'about:blank') return void r.continue();
      outside.push(u);
      void r.abort();
    });
    await page.goto(url);
    await page.waitForSelector('body[data-updates]');
    // The first visit shows an example.
    expect((await previewSymbols(page)).length).toBeGreaterThan(0);
    // In the bundled font: the document's @font-face loads the site's fonts/ (CSP font-src 'self').
    await page.waitForFunction(
      () => [...(document.getElementById('preview') as HTMLIFrameElement).contentDocument!.fonts].some((f) => f.status === 'loaded' && f.family.replace(/"/g, '') === 'Liberation Sans'),
      { timeout: 15_000 },
    );

    const updates = (): Promise<number> => page.$eval('body', (b) => Number(b.dataset['updates']));
    const settled = async (): Promise<void> => {
      // The last update ran on the editor's current text.
      await page.waitForFunction(() => {
        const p = (window as unknown as { sopPlayground: { view: { state: { doc: { toString(): string } } } } }).sopPlayground;
        return p.view.state.doc.toString() === localStorage.getItem('sop-playground:text');
      });
    };

    await page.click('.cm-content');
    await page.keyboard.down('Control');
    await page.keyboard.press('a');
    await page.keyboard.up('Control');
    await page.keyboard.press('Backspace');
    await typeLines(page, TEXT.split('\n'));
    expect(await editorText(page)).toBe(TEXT);
    await settled();
    expect(await previewSymbols(page)).toEqual(expectedSymbols(TEXT));
    expect(await page.$eval('#status', (e) => e.getAttribute('data-status'))).toBe('ok');
    expect(await page.$$('#problem-list li[data-severity=error]')).toHaveLength(0);

    // A mistake: a step of a lane that does not exist.
    const before = await updates();
    await page.keyboard.down('Control');
    await page.keyboard.press('End');
    await page.keyboard.up('Control');
    await typeLines(page, ['  [zz] Langkah salah'], false);
    await settled();
    expect(await updates()).toBeGreaterThan(before);
    const broken = `${TEXT}\n  [zz] Langkah salah`;
    const want = checkText(broken).diagnostics.find((d) => d.severity === 'error')!;
    await page.waitForSelector('.cm-lintRange-error');
    const item = await page.$eval('#problem-list li[data-severity=error]', (li) => ({ code: li.getAttribute('data-code'), line: li.getAttribute('data-line'), text: li.textContent }));
    expect(item).toMatchObject({ code: want.code, line: String(want.range.start.line) });
    expect(item.text).toContain(want.message);
    expect(item.text).toContain(`Baris ${want.range.start.line}`);
    // The panel's entry leads to the line, by keyboard too.
    await page.focus('#problem-list li[data-severity=error]');
    await page.keyboard.press('Enter');
    const cursorLine = await page.evaluate(() => {
      const v = (window as unknown as PageWindow).sopPlayground.view;
      return v.state.doc.lineAt(v.state.selection.main.head).number;
    });
    expect(cursorLine).toBe(want.range.start.line);
    // The last good document stays, with the status saying so.
    expect(await previewSymbols(page)).toEqual(expectedSymbols(TEXT));
    expect(await page.$eval('#status', (e) => e.getAttribute('data-status'))).toBe('stale');
    // The squiggle's hover tells the same message.
    const squiggle = await page.$('.cm-lintRange-error');
    await squiggle!.hover();
    await page.waitForSelector('.cm-tooltip-lint');
    expect(await page.$eval('.cm-tooltip-lint', (e) => e.textContent)).toContain(want.message);
    // English, from the same catalogue.
    await page.select('#lang', 'en');
    const en = checkText(broken, { lang: 'en' }).diagnostics.find((d) => d.severity === 'error')!;
    expect(await page.$eval('#problem-list li[data-severity=error]', (li) => li.textContent)).toContain(en.message);
    expect(await page.$eval('#problem-list li[data-severity=error] .where', (li) => li.textContent)).toBe(`Line ${en.range.start.line}`);
    await page.select('#lang', 'id');

    // Fixed: the lane is `a`. Completion offers the lane ids inside [ ].
    await page.click('.cm-content');
    await page.keyboard.down('Control');
    await page.keyboard.press('End');
    await page.keyboard.up('Control');
    for (let i = 0; i < '[zz] Langkah salah'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('[');
    await page.waitForSelector('.cm-tooltip-autocomplete');
    const offered = await page.$$eval('.cm-tooltip-autocomplete li .cm-completionLabel', (els) => els.map((e) => e.textContent));
    expect(offered).toEqual(expect.arrayContaining(['a', 'b', 'Petugas', 'Kepala']));
    await page.keyboard.type('b');
    await page.waitForFunction(() => document.querySelector('.cm-tooltip-autocomplete li[aria-selected] .cm-completionLabel')?.textContent === 'b');
    // CodeMirror ignores Enter on a completion list younger than its interaction delay (75 ms).
    await new Promise((r) => setTimeout(r, 150));
    await page.keyboard.press('Enter'); // takes the completion `b`
    await page.keyboard.type('] Langkah benar');
    await page.keyboard.press('Escape');
    await settled();
    const fixed = `${TEXT}\n  [b] Langkah benar`;
    expect(await editorText(page)).toBe(fixed);
    await page.waitForFunction(() => document.querySelectorAll('.cm-lintRange-error').length === 0);
    expect(await page.$$('#problem-list li[data-severity=error]')).toHaveLength(0);
    expect(await page.$eval('#status', (e) => e.getAttribute('data-status'))).toBe('ok');
    expect(await previewSymbols(page)).toEqual(expectedSymbols(fixed));

    // A new name reaches every page (identity, captions): patched in place like the rest.
    await page.evaluate(() => {
      const v = (window as unknown as PageWindow).sopPlayground.view;
      v.dispatch({ selection: { anchor: v.state.doc.line(1).to } });
    });
    await page.keyboard.type(' Baru');
    await settled();
    await page.waitForFunction(() => (document.getElementById('preview') as HTMLIFrameElement).contentDocument!.body.textContent!.toUpperCase().includes('UJI RUANG COBA BARU'));
    for (let i = 0; i < ' Baru'.length; i++) await page.keyboard.press('Backspace');
    await settled();
    expect(await editorText(page)).toBe(fixed);

    // The pages patched in place make the same document as writing it whole.
    expect(await sameAsWrittenWhole(page)).toBe(true);

    // Print: the frame holding the document alone is printed, with the document's @page rule.
    const printed = await page.evaluate(() => {
      const frame = document.getElementById('preview') as HTMLIFrameElement;
      let calls = 0;
      (frame.contentWindow as unknown as { print: () => void }).print = () => void calls++;
      (document.getElementById('print') as HTMLButtonElement).click();
      const page = [...frame.contentDocument!.styleSheets].flatMap((s) => [...s.cssRules]).find((r) => r.cssText.startsWith('@page')) as CSSPageRule | undefined; // another realm's class: no instanceof
      return { calls, size: page?.style.getPropertyValue('size') };
    });
    expect(printed.calls).toBe(1);
    expect(printed.size).toMatch(/^\d+(\.\d+)?mm \d+(\.\d+)?mm$/);
    // Download: the text, named after the SOP.
    const download = await page.evaluate(async () => {
      let name = '';
      let blob: Blob | null = null;
      const click = HTMLAnchorElement.prototype.click;
      const make = URL.createObjectURL;
      URL.createObjectURL = (b: Blob | MediaSource) => ((blob = b as Blob), make(b));
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        name = this.download;
      };
      (document.getElementById('download') as HTMLButtonElement).click();
      HTMLAnchorElement.prototype.click = click;
      URL.createObjectURL = make;
      return { name, text: blob ? await (blob as Blob).text() : null };
    });
    expect(download).toEqual({ name: 'uji-ruang-coba.sop', text: fixed });

    // A reload keeps the text.
    await page.reload();
    await page.waitForSelector('body[data-updates]');
    expect(await editorText(page)).toBe(fixed);
    expect(await previewSymbols(page)).toEqual(expectedSymbols(fixed));

    // An example replaces the text (one undoable change).
    const example = await page.$eval('#example option:nth-child(2)', (o) => (o as HTMLOptionElement).value);
    await page.select('#example', example);
    await settled();
    expect(await editorText(page)).not.toBe(fixed);
    expect((await previewSymbols(page)).length).toBeGreaterThan(0);

    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  }, 120_000);

  // The size limits (issue 19, src/model/limits.ts).

  const put = (page: Page, text: string): Promise<void> =>
    page.evaluate((t) => {
      const v = (window as unknown as { sopPlayground: { view: { state: { doc: { length: number } }; dispatch(x: unknown): void } } }).sopPlayground.view;
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: t } });
    }, text);
  const stored = (page: Page, text: string): Promise<unknown> => page.waitForFunction((t) => localStorage.getItem('sop-playground:text') === t, { timeout: 15_000 }, text);
  const codes = (page: Page): Promise<string[]> => page.$$eval('#problem-list li', (lis) => lis.map((li) => li.getAttribute('data-code')!));
  const framePages = (page: Page): Promise<number> => page.evaluate(() => (document.getElementById('preview') as HTMLIFrameElement).contentDocument!.querySelectorAll('section.page').length);

  it('600 lanes x 600 steps: refused at once with SOP592, nothing laid out, and again at once after a reload', async () => {
    const page = await browser.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForSelector('body[data-updates]');
    const before = await framePages(page);
    const huge = wideSop(600, 600);
    await put(page, huge);
    // Before the fix this laid out 95 MB of HTML for over a minute: the test would time out.
    await stored(page, huge);
    expect(await codes(page)).toContain('SOP592');
    expect(await page.$eval('#status', (e) => e.getAttribute('data-status'))).toBe('stale');
    expect(await framePages(page)).toBe(before);
    // The text is kept in localStorage: a reload checks it again, and refuses it again, at once.
    await page.reload();
    await page.waitForSelector('body[data-updates]', { timeout: 15_000 });
    expect(await codes(page)).toContain('SOP592');
    expect(await page.$eval('#status', (e) => e.getAttribute('data-status'))).toBe('none');
    expect(await framePages(page)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('a document at the limits (20 lanes, 1 000 steps): all its pages in the frame, those out of sight not laid out, the frame as tall as its document', async () => {
    const page = await browser.browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    await page.goto(url);
    await page.waitForSelector('body[data-updates]');
    const text = wideSop(20, 1000);
    await put(page, text);
    await stored(page, text);
    const total = (renderHtml(checkText(text).model, loadTemplates(), {}).match(/<section class="page/g) ?? []).length;
    await page.waitForFunction((n) => (document.getElementById('preview') as HTMLIFrameElement).contentDocument!.querySelectorAll('section.page').length === n, { timeout: 30_000 }, total);
    // On screen, a page out of sight is skipped (content-visibility), so a thousand pages cost what the visible ones cost.
    const skipped = await page.evaluate(() => {
      const f = document.getElementById('preview') as HTMLIFrameElement;
      const last = [...f.contentDocument!.querySelectorAll('section.page')].at(-1)!;
      return f.contentWindow!.getComputedStyle(last).getPropertyValue('content-visibility');
    });
    expect(skipped).toBe('auto');
    // Scrolled to the end, the pages there are laid out and the frame follows the document's real height.
    await page.evaluate(() => {
      const s = document.getElementById('sheet-scroll')!;
      s.scrollTop = s.scrollHeight;
    });
    await page.waitForFunction(
      () => {
        const f = document.getElementById('preview') as HTMLIFrameElement;
        return Math.abs(parseFloat(f.style.height) - f.contentDocument!.documentElement.getBoundingClientRect().height) < 1;
      },
      { timeout: 15_000 },
    );
    expect(await sameAsWrittenWhole(page)).toBe(true);
    await page.close();
  }, 60_000);
});
