/**
 * A file or folder of the installed package (templates/, fonts/, dist/playground/), found by walking up from
 * the module asking: src/x/ under tsx, dist/x/ from tsc, or the CLI bundle dist/cli/ and its chunks in
 * dist/cli/chunks/, so no fixed `../../` holds for all of them.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The first non-null `found(dir)` for the module's folder and up to `levels - 1` folders above it; null if none. */
export function findUp<T>(moduleUrl: string, levels: number, found: (dir: string) => T | null): T | null {
  let d = path.dirname(fileURLToPath(moduleUrl));
  for (let i = 0; i < levels; i++) {
    const hit = found(d);
    if (hit !== null) return hit;
    d = path.dirname(d);
  }
  return null;
}
