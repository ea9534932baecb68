/**
 * A reader that stops early (`sop check --format github | head -1`): the command ends quietly, with the exit
 * code it would have had, never with Node's stack trace of the unhandled EPIPE.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/tmp.js';

const BIN = join(import.meta.dirname, '../dist/cli/sop.cjs');
const dir = tempDir('sop-pipe-');
for (let i = 0; i < 200; i++) copyFileSync(join(import.meta.dirname, '../sops/pelaporan-kegiatan-pelatihan-bimtek.sop'), join(dir, `p${i}.sop`));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `sop args`, closing its stdout after the first chunk; its exit code and stderr. */
function closedEarly(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('output to a pipe closed early', () => {
  for (const format of ['github', 'json', 'pretty']) {
    it(`sop check --format ${format}: no stack trace, the usual exit code`, async () => {
      const r = await closedEarly(['check', '.', '--format', format]);
      expect(r.stderr).not.toMatch(/EPIPE|node:events|at \w/);
      expect(r.code).toBe(0);
    });
  }
});
