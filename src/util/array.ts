/**
 * Array helpers that never spread an array into a call: `Math.max(...xs)` and
 * `push(...xs)` overflow the stack from ~120 000 elements, and every array
 * that comes from a file is unbounded.
 */

/** The largest of `xs`, or `empty` when there is none. */
export function maxOf(xs: Iterable<number>, empty = -Infinity): number {
  let m = -Infinity;
  let any = false;
  for (const x of xs) {
    any = true;
    if (x > m || Number.isNaN(x)) m = x;
  }
  return any ? m : empty;
}

/** The smallest of `xs`, or `empty` when there is none. */
export function minOf(xs: Iterable<number>, empty = Infinity): number {
  let m = Infinity;
  let any = false;
  for (const x of xs) {
    any = true;
    if (x < m || Number.isNaN(x)) m = x;
  }
  return any ? m : empty;
}

/** Appends every element of `from` to `to` (in place), without a spread. */
export function pushAll<T>(to: T[], from: Iterable<T>): T[] {
  for (const x of from) to.push(x);
  return to;
}
