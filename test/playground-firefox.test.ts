/**
 * The playground in Firefox, from file://, when Firefox is on the machine
 * (Debian's firefox-esr, or SOP_FIREFOX=/path): the preview draws the
 * example, a mistake is squiggled and listed, completion offers the lane
 * ids, and no script error is raised. The full scenario runs in Chromium
 * (playground-browser.test.ts); this one shows the page is not Chromium's
 * alone. CI does not install Firefox, so there it is skipped.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { runPlayground } from '../src/cli/commands/playground.js';
import { checkText } from '../src/check/check.js';
import { tempDir } from './helpers/tmp.js';

const firefox = [process.env['SOP_FIREFOX'], '/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p): p is string => !!p && existsSync(p));
const silent = { out: () => undefined, err: () => undefined, color: false, isTTY: false };

describe.skipIf(!firefox)('playground in Firefox (file://)', () => {
  it('draws the example, shows a mistake in the editor and the panel, completes lane ids', async () => {
    const out = tempDir('sop-pg-firefox-');
    expect(await runPlayground({ out, lang: 'id' }, silent)).toBe(0);
    const browser = await puppeteer.launch({ browser: 'firefox', executablePath: firefox!, headless: true, userDataDir: tempDir('sop-firefox-profile-') });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.setViewport({ width: 1400, height: 900 });
      await page.goto(pathToFileURL(join(out, 'index.html')).href);
      await page.waitForSelector('body[data-updates]');
      const example = await page.evaluate(() => (window as unknown as { sopPlayground: { view: { state: { doc: { toString(): string } } } } }).sopPlayground.view.state.doc.toString());
      const want = checkText(example).model.steps.reduce((n, s) => n + s.lanes.length, 0);
      const drawn = await page.evaluate(
        () => [...(document.getElementById('preview') as HTMLIFrameElement).contentDocument!.querySelectorAll('[data-symbol][data-step]')].filter((e) => e.getAttribute('data-symbol') !== 'connector').length,
      );
      expect(drawn).toBe(want);
      expect(await page.$eval('#status', (e) => e.getAttribute('data-status'))).toBe('ok');

      await page.click('.cm-content');
      await page.keyboard.down('Control');
      await page.keyboard.press('End');
      await page.keyboard.up('Control');
      await page.keyboard.press('Enter');
      await page.keyboard.type('  [zz] Langkah salah');
      await page.waitForSelector('.cm-lintRange-error');
      const broken = await page.evaluate(() => (window as unknown as { sopPlayground: { view: { state: { doc: { toString(): string } } } } }).sopPlayground.view.state.doc.toString());
      const d = checkText(broken).diagnostics.find((x) => x.severity === 'error')!;
      const item = await page.$eval('#problem-list li[data-severity=error]', (li) => ({ code: li.getAttribute('data-code'), line: li.getAttribute('data-line'), text: li.textContent }));
      expect(item).toMatchObject({ code: d.code, line: String(d.range.start.line) });
      expect(item.text).toContain(d.message);
      expect(await page.$eval('#status', (e) => e.getAttribute('data-status'))).toBe('stale');

      for (let i = 0; i < '[zz] Langkah salah'.length; i++) await page.keyboard.press('Backspace');
      await page.keyboard.type('[');
      await page.waitForSelector('.cm-tooltip-autocomplete');
      const lanes = checkText(example).model.lanes.map((l) => l.id);
      const offered = await page.$$eval('.cm-tooltip-autocomplete li .cm-completionLabel', (els) => els.map((e) => e.textContent));
      expect(offered).toEqual(expect.arrayContaining(lanes));
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 90_000);
});
