/** `sop preview` as a user runs it, for tests: started, its URL read from its output, pages fetched, then stopped. */
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { CLI } from './cli.js';

/** Runs `sop preview ...args`, calls `fn` with its URL and a page fetcher, and kills it however `fn` ends. */
export async function withPreview<T>(args: readonly string[], fn: (url: string, fetch: (u: string) => Promise<string>) => Promise<T>): Promise<T> {
  const proc = spawn(process.execPath, [CLI, 'preview', ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    while (!/http:\/\/127\.0\.0\.1:\d+\//.test(out)) {
      if (proc.exitCode !== null) throw new Error(`preview did not start: ${err}`);
      await new Promise((r) => setTimeout(r, 30));
    }
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)![0];
    const fetch = (u: string): Promise<string> =>
      new Promise((resolve, reject) => get(u, (res) => { let b = ''; res.setEncoding('utf8').on('data', (c: string) => (b += c)).on('end', () => resolve(b)); }).on('error', reject));
    return await fn(url, fetch);
  } finally {
    proc.kill('SIGKILL');
  }
}
