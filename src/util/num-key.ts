/**
 * Exact string keys for memo maps, built from numbers without printing them: each number's 8 bytes become 4 UTF-16
 * code units (a template string of fractional pixels spends most of its time converting them to decimal). Two keys
 * are equal exactly when the same numbers were added in the same order (0 and -0 alike, as printed). Words (a
 * label's text, a symbol's kind) are added as their index in a table of the words seen. One key at a time:
 * keyStart, keyNum / keyWord..., keyEnd.
 */

let nums = new Float64Array(256);
let units = new Uint16Array(nums.buffer);
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
    units = new Uint16Array(nums.buffer);
  }
  // -0 as 0 (a template string prints both as "0").
  nums[n++] = x + 0;
}

/** Adds a word or a number (a flow's target is a step number or a word) to the key, each told apart from the other. */
export function keyWord(v: string | number): void {
  if (typeof v === 'number') {
    keyNum(0);
    keyNum(v);
    return;
  }
  let i = words.get(v);
  if (i === undefined) words.set(v, (i = words.size));
  keyNum(1);
  keyNum(i);
}

/** The key of the numbers added since keyStart. */
export function keyEnd(): string {
  const len = n * 4;
  let out = '';
  // In slices: fromCharCode takes its code units as arguments.
  for (let i = 0; i < len; i += SLICE) out += String.fromCharCode.apply(null, units.subarray(i, Math.min(len, i + SLICE)) as unknown as number[]);
  return out;
}
const SLICE = 4096;
