/** Shared bench helpers: timing, tables, RESULTS.md. */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

export function now() {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Median of `runs` timings (ms) of `fn`, after `warmup` untimed calls. */
export function timeMedian(fn, runs = 5, warmup = 1) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = now();
    fn();
    times.push(now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export async function timeMedianAsync(fn, runs = 5, warmup = 1) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = now();
    await fn();
    times.push(now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export function machine() {
  const c = cpus();
  let os = process.platform;
  try {
    os = execFileSync('uname', ['-srm']).toString().trim();
  } catch {}
  return `${c.length} x ${c[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${os}, Node ${process.version}`;
}

/** Markdown table from rows of {metric, value, baseline, ratio, target, ok}. */
export function table(rows) {
  const head = '| metric | value | baseline (same run) | ratio | target | met |\n|---|---:|---|---:|---|:-:|';
  const body = rows
    .map((r) => `| ${r.metric} | ${r.value} | ${r.baseline ?? ''} | ${r.ratio ?? ''} | ${r.target ?? ''} | ${r.ok === undefined ? '' : r.ok ? 'yes' : 'NO'} |`)
    .join('\n');
  return `${head}\n${body}`;
}

export const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : String(n));
