/** Processes a test started, found by an entry of their environment (Linux: /proc). */
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Pids of live processes whose environment holds `entry` (`NAME=value`) exactly: the process a test started, and
 * whatever it started in turn (they inherit it). Zombies have an empty environ and are not counted.
 */
export function processesWith(entry: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, 'latin1').split('\0').includes(entry)) out.push(Number(name));
    } catch {
      // Gone meanwhile, or another user's.
    }
  }
  return out;
}
