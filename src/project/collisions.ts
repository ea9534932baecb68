/**
 * Output-name collisions: two SOPs whose outputs would have the same path
 * (`a.sop` and `a.SOP` in one folder, or `a.sop` in two projects built into
 * one `--out`). One would silently overwrite the other, so both are refused.
 */

/**
 * The key two output paths collide on: case-folded and NFC-normalised, as
 * case-insensitive file systems (macOS, Windows) compare names, so that a
 * build does not depend on the file system it runs on.
 */
export function outputKey(outPath: string): string {
  return outPath.normalize('NFC').toLowerCase();
}

/**
 * Groups of items whose output stems collide, in input order: two or more
 * different sources (`sourceOf`; the same file named twice is no collision).
 */
export function findCollisions<T>(items: readonly T[], stemOf: (item: T) => string, sourceOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const it of items) {
    const key = outputKey(stemOf(it));
    const g = groups.get(key);
    if (g) g.push(it);
    else groups.set(key, [it]);
  }
  return [...groups.values()].filter((g) => new Set(g.map(sourceOf)).size > 1);
}
