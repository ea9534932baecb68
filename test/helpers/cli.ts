/** Runs the built CLI (dist/cli/sop.js) as a user would. */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const CLI = join(import.meta.dirname, '../../dist/cli/sop.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): CliRun {
  const env = { ...process.env, NO_COLOR: '1', ...opts.env };
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd, env, encoding: 'utf8', input: opts.input ?? '', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * runCli without blocking the test worker: a long spawnSync (a book, a PDF
 * build under load) keeps vitest's RPC from being answered, and the worker
 * then reports "Timeout calling onTaskUpdate".
 */
export function runCliAsync(args: string[], opts: { cwd?: string; env?: Record<string, string>; killAfterMs?: number } = {}): Promise<CliRun> {
  const env = { ...process.env, NO_COLOR: '1', ...opts.env };
  // `killAfterMs`: a CLI that outlives it is killed (SIGKILL), as one that would run for minutes must not outlive the test.
  const limit = opts.killAfterMs ? { timeout: opts.killAfterMs, killSignal: 'SIGKILL' as const } : {};
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], ...limit });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
