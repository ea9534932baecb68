/**
 * Issue 14 (helpers "book", "scale"): the SOP book and CI at scale, through
 * the CLI as CI runs it (one process per command, wall-clock time). The
 * machine is shared: timed pairs run interleaved (the run and its baseline
 * one after the other) and the ratio is the median of the pairs' ratios.
 * - A book of N generated SOPs vs building the same N PDFs separately (one `sop build`).
 * - Incremental rebuild after one edit vs building that one SOP alone: HTML
 *   over 1 000 SOPs (and the no-op run), PDF over the same N SOPs.
 * - 4 shards of S SOPs (PDF) run one after the other vs the whole build of
 *   4 x S; every SOP built exactly once.
 * Sizes: BENCH_BOOK_N (default 100), BENCH_SHARD_N (SOPs per shard, default
 * 200), BENCH_RUNS (pairs for the PDF figures, default 3; 7 for HTML).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSop } from './generate.mjs';
import { fmt, now } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// BENCH_SOP_CLI: a copy of dist/ to measure while the working tree is rebuilt.
const CLI = process.env.BENCH_SOP_CLI ? join(root, process.env.BENCH_SOP_CLI) : join(root, 'dist/cli/sop.js');

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/**
 * One `sop` process: wall-clock ms, and CPU ms (user + system, with the
 * Chromium it ran: /usr/bin/time counts waited-for children) when
 * /usr/bin/time exists. On a shared machine the CPU time is the steadier
 * measure of the work done; the wall time is what a CI job waits.
 */
function sop(args, cwd, env = {}) {
  const t = now();
  const cmd = TIME ? [TIME, ['-f', 'SOPCPU %U %S', process.execPath, CLI, ...args]] : [process.execPath, [CLI, ...args]];
  const r = spawnSync(cmd[0], cmd[1], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 3_600_000 });
  const ms = now() - t;
  const m = /SOPCPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  const err = m ? r.stderr.slice(0, m.index) : r.stderr;
  if (r.status !== 0) throw new Error(`sop ${args.join(' ')}: exit ${r.status}: ${(err || r.stdout).slice(0, 400)}`);
  return { ms, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN, out: r.stdout, err };
}

function project(dir, n, seedBase) {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `sop-${String(i).padStart(4, '0')}.sop`), generateSop(seedBase + i, { steps: 12, lanes: 6 }));
}

const files = (dir, ext) => (readdirSync(dir, { recursive: true })).map(String).filter((f) => f.endsWith(ext));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const spread = (xs) => `${fmt(Math.min(...xs), 2)}–${fmt(Math.max(...xs), 2)}x`;
const load = () => loadavg()[0].toFixed(1);

/** Edits one SOP back and forth: every call changes its text (one step's wording). */
function toggler(file) {
  return () => {
    const t = readFileSync(file, 'utf8');
    writeFileSync(file, t.includes('langkah satu') ? t.replace('langkah satu', 'langkah 1') : t.replace('langkah 1', 'langkah satu'));
  };
}

/**
 * `runs` pairs of (incremental rebuild after one edit, that SOP alone), interleaved.
 * Returns the medians and the pairs' ratios.
 */
function incrementalPairs(src, one, format, out, aloneOut, runs) {
  const edit = toggler(one);
  const inc = [];
  const alone = [];
  for (let i = 0; i < runs; i++) {
    edit();
    const r = sop(['build', src, '--format', format, '--out', out, '--incremental'], root);
    if (!/^1 berkas dibuat/.test(r.out)) throw new Error(`incremental rebuild rendered more than one: ${r.out}`);
    inc.push(r);
    alone.push(sop(['build', one, '--format', format, '--out', aloneOut], root));
  }
  const ratios = inc.map((r, i) => r.ms / alone[i].ms);
  const cpuRatios = inc.map((r, i) => r.cpu / alone[i].cpu);
  return {
    inc: median(inc.map((r) => r.ms)),
    alone: median(alone.map((r) => r.ms)),
    ratio: median(ratios),
    ratios,
    cpuInc: median(inc.map((r) => r.cpu)),
    cpuAlone: median(alone.map((r) => r.cpu)),
    cpuRatio: median(cpuRatios),
  };
}

export async function bookBench() {
  const n = Number(process.env.BENCH_BOOK_N ?? 100);
  const perShard = Number(process.env.BENCH_SHARD_N ?? 200);
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const tmp = mkdtempSync(join(tmpdir(), 'sop-bench-book-'));
  const rows = [];
  const loads = [load()];
  try {
    // 1. Incremental HTML rebuild of 1 000 SOPs (first: it is quick, and tells the machine's state).
    const big = join(tmp, 'big');
    project(big, 1000, 20000);
    const bigOut = join(tmp, 'big-out');
    sop(['build', big, '--format', 'html', '--out', bigOut, '--incremental'], root);
    const noop = [];
    const noopCpu = [];
    for (let i = 0; i < 7; i++) {
      const r = sop(['build', big, '--format', 'html', '--out', bigOut, '--incremental'], root);
      if (!/^Tidak ada berkas yang dibuat: 1000 SOP sudah mutakhir/.test(r.out)) throw new Error(`no-op rebuild built something: ${r.out}`);
      noop.push(r.ms);
      noopCpu.push(r.cpu);
    }
    const html = incrementalPairs(big, join(big, 'sop-0500.sop'), 'html', bigOut, join(tmp, 'big-alone'), 7);
    rows.push({
      metric: 'incremental rebuild (html) of 1 000 SOPs after one edit (median of 7 pairs)',
      value: `${fmt(html.inc)} ms`,
      baseline: `that SOP alone: ${fmt(html.alone)} ms`,
      ratio: `${fmt(html.ratio, 2)}x (${spread(html.ratios)})`,
      target: '<= 2x',
      ok: html.ratio <= 2,
    });
    rows.push({
      metric: 'the same, CPU time (user + system; median of 7 pairs)',
      value: `${fmt(html.cpuInc)} ms`,
      baseline: `that SOP alone: ${fmt(html.cpuAlone)} ms`,
      ratio: `${fmt(html.cpuRatio, 2)}x`,
      target: '<= 2x',
      ok: html.cpuRatio <= 2,
    });
    rows.push({
      metric: 'incremental rebuild (html) of 1 000 SOPs, nothing changed (median of 7)',
      value: `${fmt(median(noop))} ms (CPU ${fmt(median(noopCpu))} ms)`,
      baseline: `one SOP alone: ${fmt(html.alone)} ms (CPU ${fmt(html.cpuAlone)} ms)`,
      ratio: `${fmt(median(noop) / html.alone, 2)}x (CPU ${fmt(median(noopCpu) / html.cpuAlone, 2)}x)`,
    });
    loads.push(load());

    // 2. The book against the same PDFs built separately, interleaved; the separate build records its cache for 3.
    const src = join(tmp, 'sops');
    project(src, n, 5000);
    const sep = [];
    const book = [];
    const sepCpu = [];
    const bookCpu = [];
    let phases = '';
    for (let i = 0; i < runs; i++) {
      rmSync(join(tmp, 'sep'), { recursive: true, force: true });
      const s = sop(['build', src, '--format', 'pdf', '--out', join(tmp, 'sep'), '--incremental'], root);
      sep.push(s.ms);
      sepCpu.push(s.cpu);
      const b = sop(['book', src, '--out', join(tmp, 'book.pdf')], root, { SOP_BOOK_TIMING: '1' });
      book.push(b.ms);
      bookCpu.push(b.cpu);
      phases = [...b.err.matchAll(/book phase (.+): (\d+) ms/g)].map((m) => `${m[1]} ${fmt(Number(m[2]) / 1000, 2)} s`).join('; ');
    }
    const bookRatios = book.map((m, i) => m / sep[i]);
    const bookRatio = median(bookRatios);
    rows.push({
      metric: `book of ${n} generated SOPs (cover, contents, register, footer, outline, links; median of ${runs} pairs)`,
      value: `${fmt(median(book) / 1000)} s`,
      baseline: `the same ${n} PDFs by one sop build: ${fmt(median(sep) / 1000)} s`,
      ratio: `${fmt(bookRatio, 2)}x (${spread(bookRatios)})`,
      target: '<= 1.2x',
      ok: bookRatio <= 1.2,
    });
    const bookCpuRatio = median(bookCpu.map((c, i) => c / sepCpu[i]));
    rows.push({
      metric: `the same, CPU time (user + system, Chromium included; median of ${runs} pairs)`,
      value: `${fmt(median(bookCpu) / 1000)} s`,
      baseline: `${fmt(median(sepCpu) / 1000)} s`,
      ratio: `${fmt(bookCpuRatio, 2)}x`,
      target: '<= 1.2x',
      ok: bookCpuRatio <= 1.2,
    });
    rows.push({ metric: 'where the book\'s time goes (its last run; SOP_BOOK_TIMING=1)', value: phases });
    loads.push(load());

    // 3. Incremental PDF rebuild of the same N after one edit.
    const pdf = incrementalPairs(src, join(src, `sop-${String(Math.min(7, n - 1)).padStart(4, '0')}.sop`), 'pdf', join(tmp, 'sep'), join(tmp, 'alone'), runs);
    rows.push({
      metric: `incremental rebuild (pdf) of ${n} SOPs after one edit (median of ${runs} pairs)`,
      value: `${fmt(pdf.inc)} ms`,
      baseline: `that SOP alone: ${fmt(pdf.alone)} ms`,
      ratio: `${fmt(pdf.ratio, 2)}x (${spread(pdf.ratios)})`,
      target: '<= 2x',
      ok: pdf.ratio <= 2,
    });
    loads.push(load());

    // 4. Four shards one after the other, against the whole build of the same SOPs.
    const total = 4 * perShard;
    const shardSrc = join(tmp, 'shard-sops');
    project(shardSrc, total, 40000);
    const wholeRun = sop(['build', shardSrc, '--format', 'pdf', '--out', join(tmp, 'whole')], root);
    const whole = wholeRun.ms;
    const shardMs = [];
    const shardCpu = [];
    const built = [];
    for (let i = 1; i <= 4; i++) {
      const out = join(tmp, `shard-${i}`);
      const r = sop(['build', shardSrc, '--format', 'pdf', '--out', out, '--shard', `${i}/4`], root);
      shardMs.push(r.ms);
      shardCpu.push(r.cpu);
      loads.push(load());
      built.push(...files(out, '.pdf'));
    }
    const once = new Set(built).size === built.length && built.length === total;
    if (!once) throw new Error(`shards built ${built.length} PDFs (${new Set(built).size} different), not ${total}`);
    const shares = shardMs.map((m) => m / whole);
    rows.push({
      metric: `4 shards of ${perShard} SOPs (pdf), one after the other; every SOP built exactly once (${built.length}/${total})`,
      value: shardMs.map((m) => `${fmt(m / 1000)} s`).join(', '),
      baseline: `the whole build of ${total}: ${fmt(whole / 1000)} s`,
      ratio: shares.map((s) => `${fmt(s, 2)}x`).join(', '),
      target: '~0.25x each (<= 0.3x)',
      ok: Math.max(...shares) <= 0.3,
    });
    const cpuShares = shardCpu.map((c) => c / wholeRun.cpu);
    rows.push({
      metric: 'the same, CPU time (user + system, Chromium included)',
      value: shardCpu.map((c) => `${fmt(c / 1000)} s`).join(', '),
      baseline: `the whole build: ${fmt(wholeRun.cpu / 1000)} s`,
      ratio: cpuShares.map((x) => `${fmt(x, 2)}x`).join(', '),
      target: '~0.25x each (<= 0.3x)',
      ok: Math.max(...cpuShares) <= 0.3,
    });
    loads.push(load());
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  rows.push({ metric: 'load average (1 min) at the start and after each part', value: loads.join(', ') });
  return rows;
}

/**
 * Issue 22 item 7: the book drawn natively (the default) against the same book printed by Chromium
 * (`--pdf-engine chromium`), interleaved pairs, wall and CPU time. Kept short: BENCH_BOOK_ENGINE_N SOPs (default
 * 25; the target is stated for 100) of 12 steps and 6 lanes, BENCH_RUNS pairs (default 3).
 */
export async function bookEngineBench() {
  const n = Number(process.env.BENCH_BOOK_ENGINE_N ?? 25);
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const tmp = mkdtempSync(join(tmpdir(), 'sop-bench-bookengine-'));
  const rows = [];
  const loads = [load()];
  try {
    const src = join(tmp, 'sops');
    project(src, n, 5000);
    const nat = [];
    const chr = [];
    let phases = '';
    for (let i = 0; i < runs; i++) {
      const a = sop(['book', src, '--out', join(tmp, 'native.pdf')], root, { SOP_BOOK_TIMING: '1' });
      nat.push(a);
      chr.push(sop(['book', src, '--out', join(tmp, 'chromium.pdf'), '--pdf-engine', 'chromium'], root));
      phases = [...a.err.matchAll(/book phase (.+): (\d+) ms/g)].map((m) => `${m[1]} ${fmt(Number(m[2]) / 1000, 2)} s`).join('; ');
    }
    const ratios = nat.map((r, i) => r.ms / chr[i].ms);
    const ratio = median(ratios);
    rows.push({
      metric: `book of ${n} generated SOPs (12 steps, 6 lanes), native (no browser) vs --pdf-engine chromium (median of ${runs} pairs)`,
      value: `${fmt(median(nat.map((r) => r.ms)) / 1000, 2)} s`,
      baseline: `chromium: ${fmt(median(chr.map((r) => r.ms)) / 1000, 2)} s`,
      ratio: `${fmt(ratio, 3)}x (${spread(ratios)})`,
      target: '<= 0.2x',
      ok: ratio <= 0.2,
    });
    const cpu = median(nat.map((r, i) => r.cpu / chr[i].cpu));
    rows.push({
      metric: `the same, CPU time (user + system, Chromium included; median of ${runs} pairs)`,
      value: `${fmt(median(nat.map((r) => r.cpu)) / 1000, 2)} s`,
      baseline: `${fmt(median(chr.map((r) => r.cpu)) / 1000, 2)} s`,
      ratio: `${fmt(cpu, 3)}x`,
      target: '<= 0.2x',
      ok: cpu <= 0.2,
    });
    rows.push({ metric: 'where the native book\'s time goes (its last run; SOP_BOOK_TIMING=1)', value: phases });
    loads.push(load());
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  rows.push({ metric: 'load average (1 min) at the start and at the end', value: loads.join(', ') });
  return rows;
}
