/**
 * One PDF through a browser launched for it alone (the naive baseline of issue 4, bench/native.mjs): launch
 * Chromium, set the HTML, print, close. Run as a process of its own so that its CPU time, Chromium's included,
 * can be measured. Usage: node bench/browser-pdf.mjs <chromium> <in.html> <out.pdf>
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { LAUNCH_ARGS } from '../dist/render/browser.js';

const [exe, input, output] = process.argv.slice(2);
const ud = mkdtempSync(join(tmpdir(), 'sop-bench-ud-'));
try {
  const b = await puppeteer.launch({ executablePath: exe, args: [...LAUNCH_ARGS, `--user-data-dir=${ud}`] });
  try {
    const p = await b.newPage();
    await p.setContent(readFileSync(input, 'utf8'));
    writeFileSync(output, await p.pdf({ preferCSSPageSize: true, printBackground: true }));
  } finally {
    await b.close();
  }
} finally {
  rmSync(ud, { recursive: true, force: true });
}
