/**
 * Vitest global setup: the whole run gets a private TMPDIR (inherited by the
 * workers and by every `sop` and Chromium they start), removed at the end, so
 * that `npm test` leaves no temporary folder behind, whatever a test forgets
 * to remove (11 test files made folders they never removed: 16 left per run).
 * A `sop-chromium-*` user-data folder still there at the end is sop's own
 * leak, not a test's: it is reported (test/render-cleanup.test.ts is the test
 * that fails on it).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env['TMPDIR'];
  const dir = mkdtempSync(join(tmpdir(), 'sop-test-run-'));
  process.env['TMPDIR'] = dir;
  return () => {
    const browsers = readdirSync(dir).filter((n) => n.startsWith('sop-chromium-'));
    if (browsers.length > 0) process.stderr.write(`test run: ${browsers.length} Chromium user-data folder(s) left behind: ${browsers.join(', ')}\n`);
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    if (previous === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previous;
  };
}
