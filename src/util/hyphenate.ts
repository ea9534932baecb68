/**
 * Indonesian syllable boundaries, for breaking a word that cannot fit its
 * column (a narrow lane title) with a visible hyphen instead of at an
 * arbitrary letter. Indonesian spelling is regular (PUEBI): between two
 * vowels the break falls between them (ri-an); one consonant between vowels
 * starts the next syllable (ke-men-te-ri-an); of two or more consonants the
 * next syllable takes the longest cluster that can start a syllable (in-struk-
 * si, eks-tra, se-kre-ta-ris). ng, ny, kh and sy count as one consonant; ai, au,
 * oi and ei at the end of a word are one vowel (pan-tai). A break leaves at
 * least two letters before it and three after it (no line holding only "ra").
 */

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
const DIGRAPHS = new Set(['ng', 'ny', 'kh', 'sy']);
/** Consonant clusters that may start an Indonesian syllable (mostly from loan words). */
const ONSETS = new Set(['pr', 'br', 'tr', 'dr', 'kr', 'gr', 'fr', 'pl', 'bl', 'kl', 'gl', 'fl', 'sl', 'sp', 'st', 'sk', 'sw', 'str', 'spr', 'skr']);
const DIPHTHONGS = new Set(['ai', 'au', 'oi', 'ei']);

/** Offsets inside `word` where it may break (a hyphen is printed before each). Only letters are syllabified. */
export function syllableBreaks(word: string): number[] {
  const lower = word.toLowerCase();
  if (!/^[a-z]+$/.test(lower) || lower.length < 4) return [];
  // Units: single letters, consonant digraphs as one unit.
  const units: string[] = [];
  for (let i = 0; i < lower.length; ) {
    const two = lower.slice(i, i + 2);
    if (DIGRAPHS.has(two) && !VOWELS.has(two[1]!)) {
      units.push(two);
      i += 2;
    } else {
      units.push(lower[i]!);
      i += 1;
    }
  }
  const isV = (u: string): boolean => VOWELS.has(u);
  const breaks: number[] = [];
  let offset = 0;
  const starts: number[] = [];
  for (const u of units) {
    starts.push(offset);
    offset += u.length;
  }
  let i = 0;
  while (i < units.length && !isV(units[i]!)) i++;
  while (i < units.length) {
    // i is a vowel; find the next vowel.
    let j = i + 1;
    while (j < units.length && !isV(units[j]!)) j++;
    if (j >= units.length) break;
    const between = j - i - 1;
    if (between === 0) {
      const pair = units[i]! + units[j]!;
      const atEnd = j === units.length - 1;
      if (!(DIPHTHONGS.has(pair) && atEnd)) breaks.push(starts[j]!);
    } else if (between === 1) {
      breaks.push(starts[i + 1]!);
    } else {
      // The longest cluster (up to 3 letters) ending just before the vowel that can start a syllable (se-kre-ta-ris, eks-tra).
      let take = 1;
      // With three or more consonants one stays behind as a coda (mi-nis-tra-si); two may both go (se-kre).
      for (let k = Math.min(3, between >= 3 ? between - 1 : between); k >= 2; k--) {
        const cluster = units.slice(j - k, j).join('');
        if (ONSETS.has(cluster)) {
          take = k;
          break;
        }
      }
      breaks.push(starts[j - take]!);
    }
    i = j;
  }
  return breaks.filter((b) => b >= 2 && word.length - b >= 3);
}

/** `word` with soft hyphens (U+00AD) at its syllable boundaries: the browser breaks there only when it must, and prints a hyphen. */
export function hyphenate(word: string): string {
  const breaks = syllableBreaks(word);
  if (breaks.length === 0) return word;
  let out = '';
  let prev = 0;
  for (const b of breaks) {
    out += word.slice(prev, b) + '\u00ad';
    prev = b;
  }
  return out + word.slice(prev);
}
