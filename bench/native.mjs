/**
 * Issue 22: the official document drawn without a browser, against the Chromium engine in the same run.
 * - PDF per SOP (sops/): native (page model + PDFKit) vs Chromium (measure, print, finish), one warm browser.
 * - Cold `sop build one.sop --format pdf` vs cold `sop check one.sop`.
 * - A build of 20 generated SOPs, default formats and png, vs the same through Chromium and Mermaid
 *   (`--pdf-engine chromium --format html,pdf,mmd,mermaid-svg,mermaid-png`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../dist/index.js';
import { renderHtml } from '../dist/emit/html/render.js';
import { loadTemplates } from '../dist/project/templates.js';
import { findBrowser } from '../dist/render/browser.js';
import { measuredPdf } from '../dist/render/measure.js';
import { pdfMetaOf, renderPdf } from '../dist/render/pdf.js';
import { RenderSession } from '../dist/render/session.js';
import { nativePdf } from '../dist/page/native.js';
import { generateSop } from './generate.mjs';
import { fmt, now } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(root, 'dist/cli/sop.js');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * One CLI run: wall time and CPU time (user + system of the process and every process it waited for, Chromium's
 * included), ms. On a shared machine the CPU time is the fairer figure: a multi-process browser gets more of a
 * loaded machine's time slices than one Node process.
 */
function cliRun(args, cwd, env = {}) {
  const t = now();
  const r = spawnSync('/usr/bin/time', ['-f', 'SOPCPU %U %S', process.execPath, CLI, ...args], { cwd, encoding: 'utf8', timeout: 900_000, env: { ...process.env, ...env } });
  const ms = now() - t;
  if (r.status !== 0) throw new Error(`sop ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  const m = /SOPCPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { ms, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN };
}
const cli = (args, cwd, env = {}) => cliRun(args, cwd, env).ms;

export async function nativeBench() {
  const rows = [];
  const sops = readdirSync(join(root, 'sops')).filter((f) => f.endsWith('.sop'));
  const models = sops.map((f) => compile(readFileSync(join(root, 'sops', f), 'utf8')).model);
  const templates = loadTemplates();

  // PDF per SOP: three passes over sops/, the median pass, divided by the number of SOPs.
  const nativeRuns = [];
  for (let pass = 0; pass < 4; pass++) {
    const t = now();
    for (const m of models) await nativePdf({ model: m, config: {} }, pdfMetaOf(m));
    if (pass > 0) nativeRuns.push(now() - t);
  }
  const nativePer = median(nativeRuns) / models.length;
  const exe = findBrowser();
  if (exe) {
    const session = new RenderSession(exe, { jobs: 1 });
    try {
      const chromeRuns = [];
      for (let pass = 0; pass < 4; pass++) {
        const t = now();
        for (const m of models) {
          const meta = pdfMetaOf(m);
          const renderer = { withDocument: session.withDocument.bind(session), withMeasuringPage: session.withMeasuringPage.bind(session), pdf: (h) => renderPdf(session, h, meta) };
          await measuredPdf(renderer, (stage) => renderHtml(m, templates, stage));
        }
        if (pass > 0) chromeRuns.push(now() - t);
      }
      const chromePer = median(chromeRuns) / models.length;
      rows.push({
        metric: `PDF per SOP, native (sops/, ${models.length} SOPs)`,
        value: `${fmt(nativePer, 1)} ms`,
        baseline: `Chromium engine (measure + print + finish, warm browser): ${fmt(chromePer, 1)} ms`,
        ratio: `${fmt(nativePer / chromePer, 3)}x`,
        target: '<= 0.1x',
        ok: nativePer / chromePer <= 0.1,
      });
    } finally {
      await session.close();
    }
  } else rows.push({ metric: 'PDF per SOP, native', value: `${fmt(nativePer, 1)} ms`, baseline: 'no Chromium: not compared', ok: false });

  // Cold builds.
  const dir = mkdtempSync(join(tmpdir(), 'sop-bench-native-'));
  try {
    writeFileSync(join(dir, 'one.sop'), readFileSync(join(root, 'sops/penyusunan-duk.sop')));
    const noBrowser = { SOP_CHROMIUM: '/tidak/ada/chromium' };
    const checks = [0, 1, 2].map(() => cliRun(['check', 'one.sop'], dir));
    const pdfs = [0, 1, 2].map((i) => cliRun(['build', 'one.sop', '--format', 'pdf', '--out', `o${i}`], dir, noBrowser));
    const check = median(checks.map((x) => x.ms));
    const pdf = median(pdfs.map((x) => x.ms));
    const checkCpu = median(checks.map((x) => x.cpu));
    const pdfCpu = median(pdfs.map((x) => x.cpu));
    rows.push({
      metric: 'cold `sop build one.sop --format pdf` (native), wall (CPU)',
      value: `${fmt(pdf, 0)} ms (${fmt(pdfCpu, 0)} ms)`,
      baseline: `cold \`sop check one.sop\`: ${fmt(check, 0)} ms (${fmt(checkCpu, 0)} ms)`,
      ratio: `${fmt(pdf / check, 2)}x (CPU ${fmt(pdfCpu / checkCpu, 2)}x)`,
      target: '<= 3x',
      ok: pdfCpu / checkCpu <= 3,
    });

    if (exe) {
      const n = 20;
      mkdirSync(join(dir, 'many'));
      for (let i = 0; i < n; i++) writeFileSync(join(dir, 'many', `g${i}.sop`), generateSop(500 + i, { steps: 12, lanes: 5 }));
      const nat = cliRun(['build', 'many', '--format', 'html,pdf,mmd,svg,png', '--out', 'n'], dir, noBrowser);
      const chr = cliRun(['build', 'many', '--pdf-engine', 'chromium', '--format', 'html,pdf,mmd,mermaid-svg,mermaid-png', '--out', 'c'], dir);
      const natPdf = cliRun(['build', 'many', '--format', 'pdf', '--out', 'np'], dir, noBrowser);
      const chrPdf = cliRun(['build', 'many', '--pdf-engine', 'chromium', '--format', 'pdf', '--out', 'cp'], dir);
      rows.push(
        {
          metric: `${n}-SOP build, html,pdf,mmd,svg,png, no browser: wall (CPU)`,
          value: `${fmt(nat.ms / 1000, 1)} s (${fmt(nat.cpu / 1000, 1)} s)`,
          baseline: `Chromium + Mermaid (--pdf-engine chromium, mermaid-svg, mermaid-png): ${fmt(chr.ms / 1000, 1)} s (${fmt(chr.cpu / 1000, 1)} s)`,
          ratio: `${fmt(chr.ms / nat.ms, 1)}x faster (CPU ${fmt(chr.cpu / nat.cpu, 1)}x)`,
          target: '>= 10x faster',
          ok: chr.cpu / nat.cpu >= 10,
        },
        {
          metric: `${n}-SOP build, pdf only: wall (CPU)`,
          value: `${fmt(natPdf.ms / 1000, 1)} s (${fmt(natPdf.cpu / 1000, 1)} s)`,
          baseline: `--pdf-engine chromium: ${fmt(chrPdf.ms / 1000, 1)} s (${fmt(chrPdf.cpu / 1000, 1)} s)`,
          ratio: `${fmt(natPdf.ms / chrPdf.ms, 2)}x (CPU ${fmt(natPdf.cpu / chrPdf.cpu, 2)}x)`,
          target: '<= 0.1x',
          ok: natPdf.cpu / chrPdf.cpu <= 0.1,
        },
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
