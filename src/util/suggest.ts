/**
 * "Did you mean": the nearest candidate by edit distance, compared
 * case-insensitively, within a distance that scales with the word's length.
 */

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent
 * transpositions, the commonest typing slip), with an early exit once
 * `limit` is exceeded.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prev2[j - 2]! + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length]!;
}

/** The candidate nearest to `word`, or undefined when none is close enough. */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.trim().toLowerCase();
  if (w === '') return undefined;
  const limit = Math.max(1, Math.min(4, Math.floor(w.length / 3)));
  let best: string | undefined;
  let bestDist = limit + 1;
  for (const c of candidates) {
    const lc = c.toLowerCase();
    let d = editDistance(w, lc, limit);
    // A candidate that starts with the word (a shortened title) is close too.
    if (d > limit && w.length >= 3 && lc.startsWith(w)) d = limit;
    if (d < bestDist) {
      bestDist = d;
      best = c;
    }
  }
  return best;
}

/** The words of a name, lower-cased: `Peralatan dan Perlengkapan` and `Peralatan/Perlengkapan` have the same. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && w !== 'dan' && w !== 'sop');
}

/**
 * The candidate that shares the most words with `word` when every word of the
 * shorter of the two is in the longer (`Waktu Penyelesaian` → `Waktu`,
 * `Kepala Seksi` → `Kepala Seksi Pelayanan`): the nearest by meaning where
 * the spelling is too far for {@link suggest}. Ties go to the first candidate.
 */
export function suggestByWords(word: string, candidates: Iterable<string>): string | undefined {
  const w = new Set(words(word));
  if (w.size === 0) return undefined;
  let best: string | undefined;
  let bestShared = 0;
  for (const c of candidates) {
    const cw = new Set(words(c));
    if (cw.size === 0) continue;
    let shared = 0;
    for (const x of cw) if (w.has(x)) shared++;
    if (shared < Math.min(cw.size, w.size)) continue;
    if (shared > bestShared) {
      bestShared = shared;
      best = c;
    }
  }
  return best;
}
