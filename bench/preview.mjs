/**
 * Issue 13 item 1: `sop preview` save-to-update time, as the drafter sees
 * it: from writing the file on disk to the open page in Chromium showing the
 * new text (watcher, re-check, re-render, server-sent event, the page
 * fetching its new HTML and patching itself in place).
 * Baseline in the same run: a bare reload of the same page (the browser
 * fetching and drawing the same HTML again, no file change).
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync as mkTmp } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { findBrowser, LAUNCH_ARGS } from '../dist/render/browser.js';
import { startPreview } from '../dist/cli/commands/preview.js';
import { generateSop } from './generate.mjs';
import { fmt, now } from './lib.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quiet = { out: () => undefined, err: () => undefined };

export async function previewBench() {
  const exe = findBrowser();
  if (!exe) return [{ metric: 'sop preview', value: 'skipped: no Chromium', ok: false }];
  const rows = [];
  const dir = mkdtempSync(join(tmpdir(), 'sop-bench-preview-'));
  // The render browser resolves no host at all; this one must reach the local server.
  const udd = mkTmp(join(tmpdir(), 'sop-bench-chromium-'));
  const args = [...LAUNCH_ARGS.filter((a) => !a.startsWith('--host-resolver-rules')), '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1', `--user-data-dir=${udd}`];
  const b = await puppeteer.launch({ executablePath: exe, headless: true, args });
  const shared = { browser: b, close: async () => { await b.close().catch(() => undefined); rmSync(udd, { recursive: true, force: true }); } };
  try {
    for (const steps of [30, 200]) {
      const file = join(dir, `s${steps}.sop`);
      const text = generateSop(steps, { steps });
      writeFileSync(file, text);
      const server = await startPreview(dir, { lang: 'id' }, quiet);
      try {
        const page = await shared.browser.newPage();
        const url = `${server.url}view/s${steps}.sop`;
        await page.goto(url);
        const save = [];
        const bare = [];
        for (let i = 0; i < 7; i++) {
          const mark = `Revisi${steps}x${i}`;
          const t0 = now();
          // An atomic save, like an editor's.
          writeFileSync(`${file}.tmp`, text.replace(/^Nama SOP: (.*)$/m, `Nama SOP: $1 ${mark}`));
          renameSync(`${file}.tmp`, file);
          await page.waitForFunction((m) => document.body?.innerText.includes(m), { polling: 'raf', timeout: 20_000 }, mark);
          save.push(now() - t0);
          // Let the load settle before the baseline reload of the same HTML.
          await new Promise((r) => setTimeout(r, 150));
          const t1 = now();
          await page.reload({ waitUntil: 'load' });
          await page.waitForFunction((m) => document.body?.innerText.includes(m), { polling: 'raf', timeout: 20_000 }, mark);
          bare.push(now() - t1);
        }
        await page.close();
        const s = median(save);
        const b = median(bare);
        rows.push({
          metric: `save-to-update, ${steps}-step SOP (median of 7)`,
          value: `${fmt(s)} ms`,
          baseline: `bare reload of the same page: ${fmt(b)} ms`,
          ratio: `${(s / b).toFixed(2)}x`,
          target: '< 300 ms',
          ok: s < 300,
        });
      } finally {
        await server.close();
      }
      rmSync(file, { force: true });
    }
  } finally {
    await shared.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
