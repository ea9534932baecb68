/**
 * Vitest global setup: the whole run gets a private TMPDIR (inherited by the
 * workers and by every `sop` and Chromium they start), removed at the end, so
 * that `npm test` leaves no temporary folder behind, whatever a test forgets
 * to remove (11 test files made folders they never removed: 16 left per run).
 * A `sop-chromium-*` user-data folder still there at the end is sop's own
 * leak, not a test's: it is reported (test/render-cleanup.test.ts is the test
 * that fails on it).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env['TMPDIR'];
  const dir = mkdtempSync(join(tmpdir(), 'sop-test-run-'));
  process.env['TMPDIR'] = dir;
  // Vitest stopped by Ctrl-C (SIGINT) or SIGTERM runs no teardown, and the run's folder stayed (a sop-test-run-* folder of 100+ entries per interrupted run). Its workers outlive it a moment and
  // go on making folders in it, so a remover started here, on its own, waits until this process is gone and then
  // removes the folder (trying for 10 s).
  const gone = (): void => {
    const remover = `const{rmSync:r,existsSync:e}=require('node:fs');const d=${JSON.stringify(dir)},p=${process.pid},t=Date.now();` +
      `const alive=()=>{try{process.kill(p,0);return true}catch{return false}};` +
      `const go=()=>{if(!alive()){try{r(d,{recursive:true,force:true})}catch{}}if((alive()||e(d))&&Date.now()-t<10000)setTimeout(go,250)};setTimeout(go,250);`;
    spawn(process.execPath, ['-e', remover], { detached: true, stdio: 'ignore' }).unref();
  };
  // A signal with no other listener ends the process without an 'exit' event: the remover starts, then the signal
  // is raised again, with no listener of ours, to end the process as it would have.
  const signalled = (signal: NodeJS.Signals): void => {
    off();
    gone();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const off = (): void => {
    process.off('exit', gone);
    process.off('SIGINT', signalled);
    process.off('SIGTERM', signalled);
  };
  // First in line: Vitest's own listeners call process.exit() again, and Node then ends at once, skipping those after.
  process.prependOnceListener('exit', gone);
  process.prependOnceListener('SIGINT', signalled);
  process.prependOnceListener('SIGTERM', signalled);
  return () => {
    off();
    const browsers = readdirSync(dir).filter((n) => n.startsWith('sop-chromium-'));
    if (browsers.length > 0) process.stderr.write(`test run: ${browsers.length} Chromium user-data folder(s) left behind: ${browsers.join(', ')}\n`);
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    if (previous === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previous;
  };
}
