/**
 * Issue 4: rendering through one browser, against the usual ways.
 * - PDF per SOP vs the floor: a plain puppeteer setContent + pdf of the same HTML in the same browser.
 * - Mermaid SVG per diagram vs mermaid-cli's renderMermaid() with a shared browser, and vs a cold `mmdc`.
 * - A 100-SOP full build (html, pdf, mmd, svg) vs one mmdc per diagram plus one browser per PDF
 *   (the latter estimated from measured samples: running it whole takes many minutes).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { compile } from '../dist/index.js';
import { renderHtml } from '../dist/emit/html/render.js';
import { emitMermaid } from '../dist/emit/mermaid/mermaid.js';
import { loadTemplates } from '../dist/project/templates.js';
import { findBrowser, LAUNCH_ARGS } from '../dist/render/browser.js';
import { RenderSession } from '../dist/render/session.js';
import { generateSop } from './generate.mjs';
import { fmt, now } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function total(items, fn) {
  const t = now();
  for (const x of items) await fn(x);
  return now() - t;
}

/** One CLI build of a copy of sops/ (ms); throws when it fails or a browser was restarted (a hang). */
function cliBuild(formats, jobs) {
  const dir = mkdtempSync(join(tmpdir(), 'sop-bench-formats-'));
  try {
    mkdirSync(join(dir, 'sops'));
    for (const f of readdirSync(join(root, 'sops'))) writeFileSync(join(dir, 'sops', f), readFileSync(join(root, 'sops', f)));
    const t = now();
    const r = spawnSync(process.execPath, [join(root, 'dist/cli/sop.js'), 'build', '--format', formats, '--jobs', String(jobs)], { cwd: dir, encoding: 'utf8', timeout: 600_000 });
    const ms = now() - t;
    if (r.status !== 0 || /dimulai ulang/.test(r.stderr)) throw new Error(`build --format ${formats} --jobs ${jobs}: exit ${r.status}: ${r.stderr}`);
    return ms;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Issue 11 item 1: formats together (PDF then PNG used to hang 60 s per SOP).
 * Baseline: the same formats built one per run, summed; together must cost no more.
 */
export async function formatsBench() {
  if (!findBrowser()) return [{ metric: 'formats together', value: 'skipped: no Chromium', ok: false }];
  const pdf = cliBuild('pdf', 1);
  const png = cliBuild('png', 1);
  const pdfPng = cliBuild('pdf,png', 1);
  const each = ['html', 'pdf', 'mmd', 'svg', 'png'].reduce((sum, f) => sum + cliBuild(f, 1), 0);
  const all1 = cliBuild('html,pdf,mmd,svg,png', 1);
  const all2 = cliBuild('html,pdf,mmd,svg,png', 2);
  return [
    {
      metric: 'sops/ (8 SOPs) --format pdf,png, --jobs 1',
      value: `${fmt(pdfPng / 1000, 1)} s`,
      baseline: `pdf alone + png alone: ${fmt((pdf + png) / 1000, 1)} s`,
      ratio: `${fmt(pdfPng / (pdf + png), 2)}x`,
      target: '<= 1x (before the fix: a 60 s hang and a restart per SOP)',
      ok: pdfPng <= pdf + png,
    },
    {
      metric: 'sops/ all five formats, --jobs 1',
      value: `${fmt(all1 / 1000, 1)} s`,
      baseline: `each format in its own run, summed: ${fmt(each / 1000, 1)} s`,
      ratio: `${fmt(all1 / each, 2)}x`,
      target: '<= 1x',
      ok: all1 <= each,
    },
    {
      metric: 'sops/ all five formats, --jobs 2',
      value: `${fmt(all2 / 1000, 1)} s`,
      baseline: `--jobs 1: ${fmt(all1 / 1000, 1)} s`,
      ratio: `${fmt(all2 / all1, 2)}x`,
      target: '(2 cores shared with the build itself)',
    },
  ];
}

export async function renderBench() {
  const exe = findBrowser();
  if (!exe) return [{ metric: 'rendering', value: 'skipped: no Chromium', ok: false }];
  const templates = loadTemplates();
  const sops = readdirSync(join(root, 'sops')).filter((f) => f.endsWith('.sop')).map((f) => readFileSync(join(root, 'sops', f), 'utf8'));
  const models = [...sops, ...Array.from({ length: 50 }, (_, i) => generateSop(1000 + i))].map((t) => compile(t).model);
  const htmls = models.map((m) => renderHtml(m, templates));
  const mmds = models.map((m) => emitMermaid(m));
  const n = models.length;

  // Ours.
  const session = new RenderSession(exe);
  await session.pdf(htmls[0]);
  await session.mermaidSvg(mmds[0]);
  const pdfMs = await total(htmls, (h) => session.pdf(h));
  const svgMs = await total(mmds, (m) => session.mermaidSvg(m));
  const browser = session.browser;

  // Floor: plain setContent + pdf, one page, same browser.
  const page = await browser.newPage();
  await page.setContent(htmls[0]);
  await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const floorMs = await total(htmls, async (h) => {
    await page.setContent(h);
    await page.pdf({ preferCSSPageSize: true, printBackground: true });
  });
  await page.close();

  // mermaid-cli's renderMermaid() with the same shared browser (a sample: ~2 s a call).
  const { renderMermaid } = await import('@mermaid-js/mermaid-cli');
  const sample = mmds.slice(0, 5);
  const origWarn = console.warn;
  console.warn = () => {};
  const rmMs = (await total(sample, (m) => renderMermaid(browser, m, 'svg', { mermaidConfig: { securityLevel: 'strict' } }))) / sample.length;
  const big = mmds.slice(sops.length, sops.length + 3);
  const rmBigMs = (await total(big, (m) => renderMermaid(browser, m, 'svg', { mermaidConfig: { securityLevel: 'strict' } }))) / big.length;
  console.warn = origWarn;
  const oursBigMs = (await total([...big, ...big], (m) => session.mermaidSvg(m))) / (2 * big.length);
  // Ours on the very same diagrams (three rounds), so that the ratio compares like with like.
  const oursSampleMs = (await total([...sample, ...sample, ...sample], (m) => session.mermaidSvg(m))) / (3 * sample.length);
  await session.close();

  // Cold mmdc (a sample).
  const dir = mkdtempSync(join(tmpdir(), 'sop-bench-'));
  writeFileSync(join(dir, 'p.json'), JSON.stringify({ executablePath: exe, args: LAUNCH_ARGS }));
  const mmdc = join(root, 'node_modules/.bin/mmdc');
  const coldSample = mmds.slice(0, 3);
  const coldMs =
    (await total(coldSample, async (m) => {
      writeFileSync(join(dir, 'a.mmd'), m);
      execFileSync(mmdc, ['-q', '-p', join(dir, 'p.json'), '-i', join(dir, 'a.mmd'), '-o', join(dir, 'a.svg')], { stdio: 'pipe' });
    })) / coldSample.length;

  // One browser per PDF (a sample).
  const perBrowserMs =
    (await total(htmls.slice(0, 3), async (h) => {
      const ud = mkdtempSync(join(tmpdir(), 'sop-ud-'));
      const b = await puppeteer.launch({ executablePath: exe, args: [...LAUNCH_ARGS, `--user-data-dir=${ud}`] });
      const p = await b.newPage();
      await p.setContent(h);
      await p.pdf({ preferCSSPageSize: true, printBackground: true });
      await b.close();
      rmSync(ud, { recursive: true, force: true });
    })) / 3;

  // A 100-SOP full build with the CLI.
  const proj = join(dir, 'proj');
  mkdirSync(join(proj, 'sops'), { recursive: true });
  for (let i = 0; i < 100; i++) writeFileSync(join(proj, 'sops', `sop-${i}.sop`), generateSop(5000 + i));
  const t = now();
  execFileSync(process.execPath, [join(root, 'dist/cli/sop.js'), 'build', '--jobs', '2'], { cwd: proj, stdio: 'pipe' });
  const buildMs = now() - t;
  const naiveMs = 100 * (coldMs + perBrowserMs);
  rmSync(dir, { recursive: true, force: true });

  return [
    {
      metric: `PDF per SOP (${n} SOPs: sops/ + 50 generated)`,
      value: `${fmt(pdfMs / n, 0)} ms`,
      baseline: `bare setContent + pdf, same browser: ${fmt(floorMs / n, 0)} ms`,
      ratio: `${fmt(pdfMs / floorMs, 2)}x`,
      target: '<= 1.3x the floor',
      ok: pdfMs / floorMs <= 1.3,
    },
    {
      metric: 'Mermaid SVG per call, the same 5 diagrams (the SOPs of sops/)',
      value: `${fmt(oursSampleMs, 0)} ms`,
      baseline: `renderMermaid(), shared browser: ${fmt(rmMs, 0)} ms`,
      ratio: `${fmt(rmMs / oursSampleMs, 1)}x faster`,
      target: '>= 10x faster',
      ok: rmMs / oursSampleMs >= 10,
    },
    {
      metric: 'Mermaid SVG per call, 3 large generated diagrams (12 steps, 6 lanes, loops)',
      value: `${fmt(oursBigMs, 0)} ms`,
      baseline: `renderMermaid(), shared browser: ${fmt(rmBigMs, 0)} ms`,
      ratio: `${fmt(rmBigMs / oursBigMs, 1)}x faster`,
      target: "(Mermaid's own layout dominates both)",
    },
    {
      metric: `Mermaid SVG per diagram, all ${n}`,
      value: `${fmt(svgMs / n, 0)} ms`,
      baseline: '',
      ratio: '',
      target: '',
    },
    {
      metric: 'Mermaid SVG per diagram vs a cold mmdc',
      value: `${fmt(svgMs / n, 0)} ms`,
      baseline: `cold mmdc: ${fmt(coldMs, 0)} ms (3 runs)`,
      ratio: `${fmt(coldMs / (svgMs / n), 0)}x faster`,
      target: '',
    },
    {
      metric: '100-SOP full build (html, pdf, mmd, svg; --jobs 2)',
      value: `${fmt(buildMs / 1000, 1)} s`,
      baseline: `100 x (cold mmdc + one browser per PDF) ≈ ${fmt(naiveMs / 1000, 0)} s (from samples: ${fmt(coldMs, 0)} + ${fmt(perBrowserMs, 0)} ms)`,
      ratio: `${fmt(naiveMs / buildMs, 1)}x faster`,
      target: '>= 10x faster',
      ok: naiveMs / buildMs >= 10,
    },
  ];
}
