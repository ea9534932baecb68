/**
 * `sop build`'s V8 tiering: a build is a few seconds of one-off work, and V8 spent ~2 s of a 100-SOP build's ~6 s
 * of CPU on its optimising compiler's threads (TurboFan compiling every function that got warm, on 2 cores beside
 * the drawing). Eight times V8's default interrupt budget (the bytecode run before a function is considered for
 * optimisation) leaves the lukewarm functions to the baseline tiers and still optimises the hot loops: ~20 % less
 * CPU for the same outputs, the main thread's time the same (x16 made it longer; docs/rendering.md). Not when the user set the budget (NODE_OPTIONS, node's flags), nor
 * on a V8 that might not know the flag (it would print an error), nor with SOP_V8_TIERING=default: the run that
 * makes the shipped code cache (scripts/bundle.mjs), which V8 accepts only from a process of the same flags as the
 * one that reads it (the flag is set after the bundle is compiled).
 */
import { setFlagsFromString } from 'node:v8';

/** V8's default (66 KB of bytecode in V8 9-13) times eight. */
const BUDGET = 8 * 67_584;

export function tuneTiering(
  v8 = process.versions.v8,
  given = `${process.execArgv.join(' ')} ${process.env['NODE_OPTIONS'] ?? ''}`,
  wanted = process.env['SOP_V8_TIERING'],
): boolean {
  const major = Number(/^(\d+)\./.exec(v8)?.[1] ?? 0);
  if (major < 9 || major > 13 || /interrupt[-_]budget/.test(given) || wanted === 'default') return false;
  setFlagsFromString(`--interrupt-budget=${BUDGET}`);
  return true;
}
