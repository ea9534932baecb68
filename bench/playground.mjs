/**
 * Issue 13 item 3: keystroke-to-preview time in the playground, in Chromium
 * from file://, as the drafter feels it: from the key going down in the
 * editor to the document in the preview rebuilt and laid out (the check,
 * the layout, the HTML, writing it into the frame). Measured inside the page
 * (window.sopPlayground, playground/app.ts) for keys typed by puppeteer.
 * Baseline in the same run: a bare re-render of the same HTML into the
 * preview frame (no check, no layout, no template). And (issue 19 item 4)
 * the longest the page does not answer when a SOP at the size limits is
 * pasted, against writing that document into the frame at once.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { findBrowser, launchBrowser } from '../dist/render/browser.js';
import { runPlayground } from '../dist/cli/commands/playground.js';
import { generateSop } from './generate.mjs';
import { fmt, table } from './lib.mjs';

/** 20 lanes, 1 000 steps, each with ~900 characters of Keterangan: the largest document the limits let through. */
function atLimits() {
  const lines = ['Nama SOP: Besar', 'Nomor SOP: 9', 'Tanggal Pembuatan: 2023-08-31', 'Pelaksana:'];
  for (let i = 0; i < 20; i++) lines.push(`  - p${i}: Pelaksana ${i}`);
  lines.push('Prosedur:');
  for (let i = 0; i < 1000; i++) lines.push(`  [p${i % 20}] Langkah ${i + 1}`, `    Keterangan: ${'kata '.repeat(180)}`);
  return lines.join('\n') + '\n';
}

/** In the page: pastes `text`, then times the gaps between tasks until the frame's page count stays put for 500 ms. */
function longestBlock(text) {
  const v = window.sopPlayground.view;
  const pagesNow = () => document.getElementById('preview').contentDocument.querySelectorAll('section.page').length;
  // The document may come from the page's worker after the paste returns: pages are counted once it has.
  const updates = window.sopPlayground.updates;
  const t0 = performance.now();
  v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
  let last = performance.now();
  let longest = last - t0;
  let count = -1;
  let since = last;
  return new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      const n = window.sopPlayground.updates > updates ? pagesNow() : -1;
      if (n !== count) {
        count = n;
        since = now;
      }
      if (count > 0 && now - since > 500) resolve({ longest, pages: count, total: since - t0 });
      else setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quiet = { out: () => undefined, err: () => undefined, color: false, isTTY: false };
const KEYS = 15;
/** Keys typed first, not counted: the page's code is compiled by the JavaScript engine on its first runs. */
const WARMUP = 3;

export async function playgroundBench() {
  const exe = findBrowser();
  if (!exe) return [{ metric: 'playground', value: 'skipped: no Chromium', ok: false }];
  const dir = mkdtempSync(join(tmpdir(), 'sop-bench-playground-'));
  const rows = [];
  const load = loadavg()[0];
  const browser = await launchBrowser(exe);
  try {
    if ((await runPlayground({ out: dir, lang: 'id' }, quiet)) !== 0) throw new Error('sop playground failed');
    const url = pathToFileURL(join(dir, 'index.html')).href;
    for (const [steps, target] of [[30, 50], [200, 200]]) {
      const text = generateSop(steps, { steps });
      // Where the keys go: the text of the middle step (the usual edit), and the SOP's name (every page's caption changes).
      for (const where of ['step', 'name']) {
        const page = await browser.browser.newPage();
        await page.setViewport({ width: 1400, height: 900 });
        await page.goto(url);
        await page.waitForSelector('body[data-updates]');
        // Load the SOP (not measured) and put the cursor at the end of the chosen line.
        await page.evaluate((t, w, n) => {
          const v = window.sopPlayground.view;
          v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: t } });
          const lines = [...Array(v.state.doc.lines).keys()].map((i) => v.state.doc.line(i + 1));
          const stepLines = lines.filter((l) => /^\s*(@\S+\s*)?\[/.test(l.text));
          const line = w === 'name' ? lines.find((l) => l.text.startsWith('Nama SOP')) : stepLines[Math.floor(stepLines.length / 2)];
          v.dispatch({ selection: { anchor: line.to } });
          v.focus();
        }, text, where, steps);
        await page.waitForFunction((t) => localStorage.getItem('sop-playground:text') === t, {}, text);
        const status = await page.$eval('#status', (e) => e.dataset.status);
        if (status !== 'ok') throw new Error(`generated ${steps}-step SOP has errors in the playground`);
        const keyMs = [];
        const parts = [];
        for (let i = 0; i < KEYS + WARMUP; i++) {
          const n = await page.evaluate(() => window.sopPlayground.timings.length);
          await page.keyboard.type(i % 2 === 0 ? 'x' : 'y');
          await page.waitForFunction((k) => window.sopPlayground.timings.length > k, { polling: 'raf' }, n);
          const t = await page.evaluate(() => window.sopPlayground.timings.at(-1));
          if (i >= WARMUP) {
            keyMs.push(t.keyToPreview);
            parts.push(t);
          }
          await new Promise((r) => setTimeout(r, 60));
        }
        const bare = [];
        for (let i = 0; i < KEYS; i++) bare.push(await page.evaluate(() => window.sopPlayground.rerender()));
        await page.close();
        const k = median(keyMs);
        const b = median(bare);
        const part = (f) => fmt(median(parts.map(f)));
        rows.push({
          metric: `keystroke-to-preview, ${steps}-step SOP, typing in ${where === 'step' ? 'a step' : 'the SOP name'} (median of ${KEYS}: wait ${part((t) => t.wait)} + check/layout/HTML ${part((t) => t.compile)} + preview ${part((t) => t.render)} ms)`,
          value: `${fmt(k)} ms`,
          baseline: `bare re-render of the same HTML into the preview: ${fmt(b)} ms`,
          ratio: `${(k / b).toFixed(2)}x`,
          target: `< ${target} ms`,
          ok: k < target,
        });
      }
    }
    // Issue 19 item 4: a SOP at the size limits (20 lanes, 1 000 steps, ~1 MB of text) pasted whole.
    const page = await browser.browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    await page.goto(url);
    await page.waitForSelector('body[data-updates]');
    const big = atLimits();
    const block = await page.evaluate(longestBlock, big);
    const whole = await page.evaluate(() => window.sopPlayground.rerender());
    await page.close();
    rows.push({
      metric: `paste of a SOP at the size limits (20 lanes, 1 000 steps, ${fmt(big.length / 1e6, 2)} MB): the longest the page does not answer, until its ${block.pages} pages are in (${fmt(block.total)} ms)`,
      value: `${fmt(block.longest)} ms`,
      baseline: `the same document written into the frame at once: ${fmt(whole)} ms`,
      ratio: `${(block.longest / whole).toFixed(2)}x`,
      target: '< 1 000 ms',
      ok: block.longest < 1000,
    });
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    text: `${table(rows)}

Each key is typed by puppeteer (60 ms apart, the first ${WARMUP} not counted) at the end of the middle step's
line, or of the \`Nama SOP\` line (whose change reaches every page's caption);
the time runs in the page from the keydown event to the rebuilt document laid
out in the preview frame (not to the next painted frame): wait (until the
update starts), check + layout + HTML (the library), preview (squiggles,
panel, and the frame: the pages whose HTML changed are patched node by node). A long
SOP's update waits one animation frame after the key, so the typed character
is painted first; that wait is part of the figure. The baseline writes the
whole document into the frame again. Load average (1 min) at the start of
this run: ${load.toFixed(1)} on ${cpus().length} cores.`,
  };
}
