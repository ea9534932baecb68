/** Word-level diff of two texts (LCS over words), for changed fields. */

export type WordOp = { readonly op: '=' | '-' | '+'; readonly text: string };

export function wordDiff(before: string, after: string): WordOp[] {
  const a = before.split(/\s+/).filter(Boolean);
  const b = after.split(/\s+/).filter(Boolean);
  const n = a.length;
  const m = b.length;
  // LCS table; texts are short (a field), so O(n*m) is fine. Guard very long texts.
  if (n * m > 4_000_000) return [{ op: '-', text: before }, { op: '+', text: after }];
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

export function wordBag(text: string): WordBag {
  const counts = new Map<string, number>();
  let size = 0;
  for (const w of text.toLowerCase().split(/\s+/)) {
    if (!w) continue;
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
