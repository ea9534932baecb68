/** Issue 2: parse + check speed, in process and as a cold CLI process. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, diff } from '../dist/index.js';
import { generateSop } from './generate.mjs';
import { fmt, now, timeMedian } from './lib.mjs';

export async function frontendBench() {
  const texts = Array.from({ length: 1000 }, (_, i) => generateSop(i + 1));
  const bytes = texts.reduce((n, t) => n + t.length, 0);
  // Baseline: JSON.parse of the same amount of structured data (the same SOPs' models as JSON).
  const { compile } = await import('../dist/index.js');
  const jsons = texts.map((t) => JSON.stringify(compile(t).model));
  const checkMs = timeMedian(() => {
    for (const t of texts) check(t);
  }, 5, 2);
  const jsonMs = timeMedian(() => {
    for (const j of jsons) JSON.parse(j);
  }, 5, 2);
  const filesPerSec = 1000 / (checkMs / 1000);

  const dir = mkdtempSync(join(tmpdir(), 'sop-bench-'));
  const file = join(dir, 'satu.sop');
  writeFileSync(file, texts[0]);
  // What `sop` runs (package.json "bin").
  const cli = join(import.meta.dirname, '..', JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8')).bin.sop);
  // Interleaved, so that a change in the machine's load falls on both alike (issue 19 item 14).
  const coldRuns = [];
  const nodeRuns = [];
  const timed = (args) => {
    const t = now();
    execFileSync(process.execPath, args, { stdio: 'pipe' });
    return now() - t;
  };
  timed([cli, 'check', file]);
  for (let i = 0; i < 15; i++) {
    coldRuns.push(timed([cli, 'check', file]));
    nodeRuns.push(timed(['-e', '0']));
  }
  const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
  const cold = median(coldRuns);
  const nodeStart = median(nodeRuns);
  rmSync(dir, { recursive: true, force: true });

  // The semantic diff at the step limit: two unrelated 1 000-step procedures (every step compared by its text), against
  // parse + check of the same two, which the diff does first. A probe's 5 000-step diff had taken 79 s.
  const a = generateSop(7, { steps: 1000, lanes: 8 });
  const b = generateSop(8, { steps: 1000, lanes: 8 });
  const diffMs = timeMedian(() => diff(a, b), 3, 1);
  const bothMs = timeMedian(() => {
    check(a);
    check(b);
  }, 3, 1);

  return [
    {
      metric: 'semantic diff of two unrelated 1 000-step procedures (8 lanes)',
      value: `${fmt(diffMs, 0)} ms`,
      baseline: `parse + check of both: ${fmt(bothMs, 0)} ms`,
      ratio: `${fmt(diffMs / bothMs, 1)}x`,
      target: '<= 5x parse + check (the diff checks both first)',
      ok: diffMs / bothMs <= 5,
    },
    {
      metric: `parse + check, 1 000 generated SOPs (12 steps, 6 lanes, ${fmt(bytes / 1e6, 2)} MB)`,
      value: `${fmt(filesPerSec, 0)} files/s (${fmt(checkMs, 0)} ms)`,
      baseline: `JSON.parse of their models: ${fmt(jsonMs, 0)} ms`,
      ratio: `${fmt(checkMs / jsonMs, 1)}x`,
      target: '>= 2 000 files/s',
      ok: filesPerSec >= 2000,
    },
    {
      metric: 'cold `sop check FILE` process (median of 15, interleaved with the baseline)',
      value: `${fmt(cold, 0)} ms`,
      baseline: `\`node -e 0\`: ${fmt(nodeStart, 0)} ms`,
      ratio: `${fmt(cold / nodeStart, 2)}x`,
      target: '<= 1.5x `node -e 0`',
      ok: cold / nodeStart <= 1.5,
    },
  ];
}
