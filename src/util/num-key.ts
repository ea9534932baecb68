/**
 * Memo maps keyed by lists of numbers, without printing them: a key string of fractional pixels spends most of its
 * time converting them to decimal, and a long one more in hashing. The key is built in a buffer (keyStart, keyNum /
 * keyWord..., then NumMemo entry); two keys are the same exactly when the same numbers were added in the same
 * order (0 and -0 alike, as printed). Words (a label's text, a symbol's kind: a few, fixed) are added as their index
 * in a table of the words seen. One key at a time.
 */

let nums = new Float64Array(256);
let ints = new Int32Array(nums.buffer);
let n = 0;
const words = new Map<string, number>();

/** Starts a new key (the one being built, if any, is dropped). */
export function keyStart(): void {
  n = 0;
}

/** Adds a number to the key. */
export function keyNum(x: number): void {
  if (n === nums.length) {
    const more = new Float64Array(nums.length * 2);
    more.set(nums);
    nums = more;
    ints = new Int32Array(nums.buffer);
  }
  // -0 as 0 (a template string prints both as "0").
  nums[n++] = x + 0;
}

/** Adds a word to the key (where the key holds a word: its index among the words seen, one number). */
export function keyWord(v: string): void {
  let i = words.get(v);
  if (i === undefined) words.set(v, (i = words.size));
  keyNum(i);
}

/** The hash of the key built: its numbers' bits mixed. */
function keyHash(): number {
  let h = n;
  for (let i = 0; i < 2 * n; i++) {
    h = Math.imul(h ^ ints[i]!, 0x9e3779b1);
    h ^= h >>> 15;
  }
  return h;
}

/** Whether a kept key's bits are those of the key built. */
function sameKey(k: readonly number[]): boolean {
  if (k.length !== 2 * n) return false;
  for (let i = 0; i < k.length; i++) if (k[i] !== ints[i]) return false;
  return true;
}

/** Values by the key built (keyStart...). */
export class NumMemo<V> {
  private readonly buckets = new Map<number, { key: number[]; value: V | undefined }[]>();

  /** The entry of the key built: the one kept, else a new one (its value undefined until the caller sets it). */
  entry(): { value: V | undefined } {
    const h = keyHash();
    let list = this.buckets.get(h);
    if (!list) this.buckets.set(h, (list = []));
    for (const e of list) if (sameKey(e.key)) return e;
    // The bits kept as small integers in a plain array: a typed array's copy of a long key lives off the heap,
    // and a layout keeps thousands of them.
    const key: number[] = [];
    for (let i = 0; i < 2 * n; i++) key.push(ints[i]!);
    const e = { key, value: undefined as V | undefined };
    list.push(e);
    return e;
  }
}

/** The memo `store` keeps for `owner` (one layout's: route.ts RouteInput.slantCache); null without an owner. */
export function memoOf<V>(store: WeakMap<object, NumMemo<V>>, owner: object | undefined): NumMemo<V> | null {
  if (!owner) return null;
  let memo = store.get(owner);
  if (!memo) store.set(owner, (memo = new NumMemo<V>()));
  return memo;
}
