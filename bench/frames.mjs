/**
 * Issue 11 items 5 and 6: big inputs fail fast. Code frames must grow
 * linearly with the number of diagnostics (they rescanned the file per
 * diagnostic: 30 000 bad lines took 24 s), and `sop check` in pretty form
 * must cost about what JSON costs (it prints at most 100 frames per file).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, formatCodeFrame } from '../dist/index.js';
import { fmt, now, timeMedian } from './lib.mjs';

export async function framesBench() {
  const framesMs = (n) => {
    const text = 'x\n'.repeat(n);
    const diags = check(text, { file: 'f.sop' });
    const t = now();
    for (const d of diags) formatCodeFrame(d, text);
    return now() - t;
  };
  const small = framesMs(30_000);
  const large = framesMs(120_000);

  const dir = mkdtempSync(join(tmpdir(), 'sop-bench-frames-'));
  const file = join(dir, 'besar.sop');
  writeFileSync(file, 'x\n'.repeat(30_000));
  const cli = join(import.meta.dirname, '../dist/cli/sop.js');
  const run = (args) => () => {
    try {
      execFileSync(process.execPath, [cli, 'check', file, ...args], { stdio: 'pipe', maxBuffer: 1 << 30 });
    } catch {
      // exit 1: the file has errors, as intended
    }
  };
  const pretty = timeMedian(run([]), 3, 0);
  const json = timeMedian(run(['--format', 'json']), 3, 0);
  const huge = join(dir, 'huge.sop');
  writeFileSync(huge, 'x\n'.repeat(500_000));
  let code = 0;
  const t = now();
  try {
    execFileSync(process.execPath, [cli, 'check', huge], { stdio: 'pipe', maxBuffer: 1 << 30 });
  } catch (e) {
    code = e.status;
  }
  const hugeMs = now() - t;
  rmSync(dir, { recursive: true, force: true });

  return [
    {
      metric: 'code frames of 120 000 diagnostics (formatCodeFrame each)',
      value: `${fmt(large, 0)} ms`,
      baseline: `30 000 diagnostics: ${fmt(small, 0)} ms`,
      ratio: `${fmt(large / small, 1)}x`,
      target: 'linear: <= 6x for 4x the lines',
      ok: large / small <= 6,
    },
    {
      metric: '`sop check` of 30 000 bad lines, pretty (median of 3)',
      value: `${fmt(pretty, 0)} ms`,
      baseline: `--format json: ${fmt(json, 0)} ms`,
      ratio: `${fmt(pretty / json, 2)}x`,
      target: '<= 1.5x JSON',
      ok: pretty / json <= 1.5,
    },
    {
      metric: '`sop check` of 500 000 lines of `x`, pretty',
      value: `${fmt(hugeMs, 0)} ms, exit ${code}`,
      target: 'exit 1 (no stack overflow)',
      ok: code === 1,
    },
  ];
}
