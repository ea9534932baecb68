/**
 * Temporary folders for tests, removed when the worker process that made
 * them exits (also when a test fails half-way). The run's private TMPDIR
 * (global-tmp.ts) stays as the backstop for a worker that is killed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A new folder under the system temporary folder, named `prefix` + random characters. */
export function tempDir(prefix: string): string {
  if (made.length === 0) {
    process.once('exit', () => {
      for (const dir of made) rmSync(dir, { recursive: true, force: true });
    });
  }
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
