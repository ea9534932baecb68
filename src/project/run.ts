/**
 * Running work over many SOPs: a pool of tasks on one browser session, `jobs` at a time, stopped by
 * Ctrl-C/SIGTERM (no new task starts once the session is aborted). The caller says what a failure
 * means and draws the progress; nothing here prints.
 */
import { constants as osConstants } from 'node:os';
import type { RenderSession } from '../render/session.js';
import type { LoadedFile } from './load.js';

/** One output to make in the browser. */
export interface Task {
  readonly label: string;
  /** The SOP the task draws (for diagnostics that point into it). */
  readonly file?: LoadedFile;
  run(): Promise<string>;
}

/** Runs `tasks` on `session`, `jobs` at once, until done or the session is aborted; `onFail` hears each failure, `tick` each task ended. */
export async function runTasks(session: RenderSession, tasks: readonly Task[], jobs: number, onFail: (t: Task, e: unknown) => void, tick: () => void): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length && !session.isAborted) {
      const t = tasks[next++]!;
      try {
        await t.run();
      } catch (e) {
        onFail(t, e);
      }
      tick();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
}

/** The exit code after a signal, as shells report it: 128 + the signal's number (SIGINT 130, SIGTERM 143). */
export function signalExitCode(sig: NodeJS.Signals): number {
  return 128 + (osConstants.signals[sig] ?? 15);
}

/**
 * Calls `stop` on the first SIGINT/SIGTERM/SIGHUP and `force` on a second one
 * (then exits at once: the user insists). Handlers are removed by `dispose`.
 */
export function onStopSignal(stop: (sig: NodeJS.Signals) => void, force: () => void): { dispose(): void } {
  let first: NodeJS.Signals | null = null;
  const handler = (sig: NodeJS.Signals): void => {
    if (first === null) {
      first = sig;
      stop(sig);
      return;
    }
    force();
    // The one exit outside main.ts: a second signal means now, not after the cleanup.
    process.exit(signalExitCode(first));
  };
  const sigs: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const sig of sigs) process.on(sig, handler);
  return {
    dispose() {
      for (const sig of sigs) process.off(sig, handler);
    },
  };
}
