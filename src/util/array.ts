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

/**
 * The first index in 0..n-1 at which `past(i)` holds, by halving: `past` must be false up to some index and true from
 * it on. n when it never holds.
 */
export function firstIndex(n: number, past: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (past(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Appends every element of `from` to `to` (in place), without a spread. */
export function pushAll<T>(to: T[], from: Iterable<T>): T[] {
  for (const x of from) to.push(x);
  return to;
}
