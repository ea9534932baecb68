/** Word-level diff of two texts (LCS over words), for changed fields. */

export type WordOp = { readonly op: '=' | '-' | '+'; readonly text: string };

/**
 * What the word diffs of one comparison may still spend, in LCS cells (a field's words before × words after). One
 * field has at most FIELD_CELLS_MAX; all the fields of a comparison together DIFF_CELLS_MAX: a probe's two 5 MB
 * SOPs of 500 steps of 1 900 words, each step with one word changed, filled 1.8 billion cells (11 s, with the
 * pairing 66 s) in `sop diff` and the git diff driver.
 */
export interface WordBudget {
  cells: number;
}
const FIELD_CELLS_MAX = 4_000_000;
export const DIFF_CELLS_MAX = 50_000_000;
export const wordBudget = (): WordBudget => ({ cells: DIFF_CELLS_MAX });

export function wordDiff(before: string, after: string, budget: WordBudget = wordBudget()): WordOp[] {
  const a = before.split(/\s+/).filter(Boolean);
  const b = after.split(/\s+/).filter(Boolean);
  const cells = a.length * b.length;
  // A field's texts are short: the whole table. Past a field's or the comparison's budget (long texts, or very
  // many of them) only what lies between the words the two share at both ends is compared, if that fits; else it
  // is shown replaced whole.
  if (cells <= FIELD_CELLS_MAX && cells <= budget.cells) {
    budget.cells -= cells;
    return lcsOps(a, b);
  }
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const midCells = midA.length * midB.length;
  const ops: WordOp[] = [];
  // Words appended as one op, joined to the last when it is the same op (a run of one op is one WordOp).
  const add = (op: WordOp['op'], words: readonly string[]): void => {
    if (words.length === 0) return;
    const text = words.join(' ');
    const last = ops[ops.length - 1];
    if (last?.op === op) ops[ops.length - 1] = { op, text: `${last.text} ${text}` };
    else ops.push({ op, text });
  };
  add('=', a.slice(0, head));
  if (midCells <= FIELD_CELLS_MAX && midCells <= budget.cells) {
    budget.cells -= midCells;
    for (const o of lcsOps(midA, midB)) add(o.op, [o.text]);
  } else {
    add('-', midA);
    add('+', midB);
  }
  add('=', a.slice(a.length - tail));
  return ops;
}

/** The word ops of a longest common subsequence of `a` and `b`, runs of one op joined. */
function lcsOps(a: readonly string[], b: readonly string[]): WordOp[] {
  const n = a.length;
  const m = b.length;
  const dp: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  const ops: WordOp[] = [];
  const push = (op: WordOp['op'], word: string): void => {
    const last = ops[ops.length - 1];
    if (last && last.op === op) ops[ops.length - 1] = { op, text: `${last.text} ${word}` };
    else ops.push({ op, text: word });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      push('=', a[i]!);
      i++;
      j++;
    } else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) push('-', a[i++]!);
    else push('+', b[j++]!);
  }
  while (i < n) push('-', a[i++]!);
  while (j < m) push('+', b[j++]!);
  return ops;
}

/** Similarity of two texts in [0, 1]: Dice coefficient over lower-cased words (bagSimilarity of their bags). */
export function similarity(a: string, b: string): number {
  return bagSimilarity(wordBag(a), wordBag(b));
}

/** A text's lower-cased words counted, made once per text when it is compared with many (diff.ts matchSteps). */
export interface WordBag {
  readonly size: number;
  readonly counts: ReadonlyMap<string, number>;
}

/** `text`'s bag, of its first `most` words only (all by default). */
export function wordBag(text: string, most = Infinity): WordBag {
  const counts = new Map<string, number>();
  let size = 0;
  for (const w of text.toLowerCase().split(/\s+/)) {
    if (!w) continue;
    if (size >= most) break;
    counts.set(w, (counts.get(w) ?? 0) + 1);
    size++;
  }
  return { size, counts };
}

/** `similarity` of two texts from their bags: the same Dice coefficient, the words shared counted as often as both have them. */
export function bagSimilarity(a: WordBag, b: WordBag): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.counts.size <= b.counts.size ? [a.counts, b.counts] : [b.counts, a.counts];
  let common = 0;
  for (const [w, n] of small) common += Math.min(n, large.get(w) ?? 0);
  return (2 * common) / (a.size + b.size);
}
