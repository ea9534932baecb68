/**
 * Indonesian syllable boundaries as the KBBI prints them (ke·u·ang·an,
 * pen·ja·min·an, pe·nge·lu·ar·an), for breaking a word that cannot fit its
 * column (a narrow lane title) with a visible hyphen. Spelling is regular
 * (PUEBI): between two vowels the break falls between them (ri-an); one
 * consonant between vowels starts the next syllable (ke-men-te-ri-an); of two
 * or more consonants the next syllable takes the longest cluster that can
 * start a syllable (in-struk-si, eks-tra, se-kre-ta-ris). ng, ny, kh and sy
 * count as one consonant. Affixes are kept whole where the spelling alone
 * would split them:
 *
 * - the suffix -an after a root ending in a consonant: ke·te·rang·an, not
 *   ke·te·ra·ngan (the root, once a prefix is taken off, keeps two syllables:
 *   ja·lan and pe·do·man have no suffix);
 * - the prefixes meng-/peng- before a root starting with a vowel:
 *   peng·am·bil·an, meng·a·ju·kan (but pe·ngi·rim·an, whose root is kirim);
 * - ai, au, oi, ei as one vowel at the end of a root: pan·tai,
 *   ke·pe·ga·wai·an, me·nyam·pai·kan.
 *
 * A break leaves at least two letters before it and three after it (no line
 * holding only "an"). test/fixtures/hyphenation/kbbi.txt lists the words
 * checked against the KBBI.
 */

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
const DIGRAPHS = new Set(['ng', 'ny', 'kh', 'sy']);
/** Consonant clusters that may start an Indonesian syllable (mostly from loan words); s + consonant only in three (in·struk·si: dis·po·si·si, trans·por·ta·si). */
const ONSETS = new Set(['pr', 'br', 'tr', 'dr', 'kr', 'gr', 'fr', 'pl', 'bl', 'kl', 'gl', 'fl', 'str', 'spr', 'skr']);
const DIPHTHONGS = new Set(['ai', 'au', 'oi', 'ei']);
/** Endings after a diphthong that show it ends the root (pegawai-an, sampai-kan). */
const AFTER_ROOT = ['', 'an', 'kan', 'nya', 'lah'];
/** Prefixes taken off before counting a root's syllables (longest first). */
const PREFIXES = ['memper', 'diper', 'keber', 'peng', 'meng', 'peny', 'meny', 'pem', 'pen', 'per', 'mem', 'men', 'ber', 'ter', 'pe', 'ke', 'me', 'di', 'se'];
/** Verbs in -kan: a word starting so ends in -kan, not -an (me·la·por·kan, di·sam·pai·kan). */
const VERB_PREFIXES = ['me', 'di', 'ter', 'ber', 'memper', 'diper'];
/** Words ending in consonant + "an" that are not a root with the suffix -an (ha·la·man, not ha·lam·an). */
const NOT_SUFFIXED = new Set(['halaman', 'delapan', 'kalimantan', 'sembilan', 'sultan', 'tuhan', 'lapan', 'depan', 'pesan', 'iman', 'zaman', 'teman', 'taman', 'badan']);
/** Roots that start with k, which meng-/peng- drop (me·ngi·rim from kirim): the ng then starts the syllable. */
const K_ROOTS = [
  'kirim', 'kumpul', 'koreksi', 'koordinasi', 'kuasa', 'kurang', 'kutip', 'kunjung', 'kuat', 'kunci', 'koleksi', 'konsumsi',
  'kontrol', 'kosong', 'komunikasi', 'kupas', 'kikis', 'kait', 'kurung', 'kabul', 'kawal', 'kaji', 'kandung', 'karang',
];
/** Words beginning like meng-/peng- + vowel that are roots themselves (pe·nga·ruh, me·nga·pa). */
const NOT_PREFIXED = ['pengaruh', 'mengapa', 'pengantin'];

type Unit = { readonly text: string; readonly start: number; readonly vowel: boolean };

/** Letters as units: a consonant digraph is one unit, a diphthong ending a root one vowel. */
function unitsOf(lower: string): Unit[] {
  const units: Unit[] = [];
  for (let i = 0; i < lower.length; ) {
    const two = lower.slice(i, i + 2);
    if (DIGRAPHS.has(two)) {
      units.push({ text: two, start: i, vowel: false });
      i += 2;
    } else if (DIPHTHONGS.has(two) && AFTER_ROOT.includes(lower.slice(i + 2)) && i > 0 && !VOWELS.has(lower[i - 1]!)) {
      units.push({ text: two, start: i, vowel: true });
      i += 2;
    } else {
      units.push({ text: lower[i]!, start: i, vowel: VOWELS.has(lower[i]!) });
      i += 1;
    }
  }
  return units;
}

const vowelGroups = (s: string): number => unitsOf(s).filter((u) => u.vowel).length;

/** The prefix a word starts with (longest first), or ''. */
function prefixOf(lower: string): string {
  for (const p of PREFIXES) if (lower.startsWith(p) && lower.length > p.length + 2) return p;
  return '';
}

/** Where the suffix -an starts when the word is a root ending in a consonant + -an, else -1. */
function suffixAn(lower: string): number {
  if (!lower.endsWith('an') || lower.length < 6 || NOT_SUFFIXED.has(lower)) return -1;
  const stem = lower.slice(0, -2);
  const last = stem[stem.length - 1]!;
  // A vowel before -an breaks there anyway (pen·da·ta·an); -wan and -yan are one syllable (war·ta·wan).
  if (VOWELS.has(last) || last === 'w' || last === 'y') return -1;
  // -kan after a verb's prefix is the suffix -kan (me·la·por·kan), whose k starts the syllable anyway.
  if (last === 'k' && VERB_PREFIXES.some((p) => lower.startsWith(p))) return -1;
  const p = prefixOf(lower);
  const root = stem.slice(p.length);
  return vowelGroups(root) >= 2 ? stem.length : -1;
}

/** Where the root starts when meng-/peng- keep their ng before a vowel (peng·am·bil·an), else -1. */
function prefixNg(lower: string): number {
  const p = lower.startsWith('peng') ? 'peng' : lower.startsWith('meng') ? 'meng' : '';
  if (!p || lower.length < 7 || NOT_PREFIXED.some((w) => lower.startsWith(w))) return -1;
  const next = lower[4]!;
  // Before e the k-root (pe·nge·lu·ar·an) and the one-syllable root (pe·nge·cek·an) both print "nge".
  if (!VOWELS.has(next) || next === 'e') return -1;
  const rest = lower.slice(4);
  if (K_ROOTS.some((r) => ('k' + rest).startsWith(r))) return -1;
  return 4;
}

/**
 * The letters of `word` between the punctuation it may start or end with ("Program," in a lane title, "(Kepala"):
 * offsets of the first letter and after the last. A review found "Progra/m," and "Koperasi/, Usaha" in lane titles:
 * with the comma the word had no syllables, and the browser cut it at a letter.
 */
function letterCore(word: string): { start: number; end: number } {
  let start = 0;
  let end = word.length;
  while (start < end && !/[A-Za-z]/.test(word[start]!)) start++;
  while (end > start && !/[A-Za-z]/.test(word[end - 1]!)) end--;
  return { start, end };
}

/**
 * Every syllable boundary of `word` (offsets), before the two-before, three-after rule. Only plain letters are
 * syllabified: a word's leading or trailing punctuation (a comma, brackets) is stepped over.
 */
export function syllables(word: string): number[] {
  const { start, end } = letterCore(word);
  if (start > 0 || end < word.length) return coreSyllables(word.slice(start, end)).map((b) => b + start);
  return coreSyllables(word);
}

function coreSyllables(word: string): number[] {
  const lower = word.toLowerCase();
  if (!/^[a-z]+$/.test(lower) || lower.length < 3) return [];
  const units = unitsOf(lower);
  const breaks: number[] = [];
  let i = 0;
  while (i < units.length && !units[i]!.vowel) i++;
  while (i < units.length) {
    // i is a vowel; find the next vowel.
    let j = i + 1;
    while (j < units.length && !units[j]!.vowel) j++;
    if (j >= units.length) break;
    const between = j - i - 1;
    if (between === 0) {
      breaks.push(units[j]!.start);
    } else if (between === 1) {
      breaks.push(units[i + 1]!.start);
    } else {
      // The longest cluster (up to 3 letters) ending just before the vowel that can start a syllable (se-kre-ta-ris, eks-tra).
      let take = 1;
      // With three or more consonants one stays behind as a coda (mi-nis-tra-si); two may both go (se-kre).
      for (let k = Math.min(3, between >= 3 ? between - 1 : between); k >= 2; k--) {
        const cluster = units
          .slice(j - k, j)
          .map((u) => u.text)
          .join('');
        if (ONSETS.has(cluster)) {
          take = k;
          break;
        }
      }
      breaks.push(units[j - take]!.start);
    }
    i = j;
  }
  // Affixes: the consonant before -an stays with its root; meng-/peng- keep their ng before a vowel root.
  const an = suffixAn(lower);
  // The consonant before -an (a digraph in ke·u·ang·an).
  const coda = an > 0 ? units.find((u) => u.start + u.text.length === an)?.start : undefined;
  const ng = prefixNg(lower);
  const moved = breaks.map((b) => (coda !== undefined && b === coda ? an : ng > 0 && b === ng - 2 ? ng : b));
  return [...new Set(moved)].sort((a, b) => a - b);
}

/**
 * Offsets inside `word` where it may break (a hyphen is printed before each): KBBI syllables, two letters at least
 * before, `after` (three; two where a word must break anyway, in a cell narrower than it) after.
 */
export function syllableBreaks(word: string, after = 3): number[] {
  const { start, end } = letterCore(word);
  return syllables(word).filter((b) => b - start >= 2 && end - b >= after);
}

/**
 * Compounds written as one word in official texts, with the boundary between their parts: a word that must break
 * breaks there when that serves as well as its last syllable that fits ("pertanggung-" / "jawaban", not
 * "pertanggungja-" / "waban": a page review).
 */
const COMPOUNDS: readonly (readonly [string, string])[] = [
  ['tanggung', 'jawab'],
  ['tanda', 'tangan'],
  ['wira', 'usaha'],
  ['kerja', 'sama'],
  ['serah', 'terima'],
  ['daya', 'guna'],
  ['hasil', 'guna'],
  ['sebar', 'luas'],
  ['ikut', 'serta'],
  ['lipat', 'ganda'],
];

/** The offsets in `word` between the two parts of a compound it holds (COMPOUNDS), among the breaks `allowed`. */
export function compoundBreaks(word: string, allowed: readonly number[]): number[] {
  const lower = word.toLowerCase();
  const out: number[] = [];
  for (const [a, b] of COMPOUNDS) {
    for (let i = lower.indexOf(a + b); i !== -1; i = lower.indexOf(a + b, i + 1)) if (allowed.includes(i + a.length)) out.push(i + a.length);
  }
  return out.sort((x, y) => x - y);
}

/** `word` with soft hyphens (U+00AD) at its syllable boundaries: the browser breaks there only when it must, and prints a hyphen. */
export function hyphenate(word: string): string {
  return withBreaks(word, syllableBreaks(word));
}

/** `word` with a soft hyphen at each of `breaks`. */
export function withBreaks(word: string, breaks: readonly number[]): string {
  if (breaks.length === 0) return word;
  let out = '';
  let prev = 0;
  for (const b of breaks) {
    out += word.slice(prev, b) + '\u00ad';
    prev = b;
  }
  return out + word.slice(prev);
}

/**
 * Whether the character of code `c` is a blank a line may break at, as the browser breaks: not U+00A0, the no-break
 * space (lane titles hold " /" and " ," with it; text pasted from Word has it). The layout's measure (geometry.ts)
 * and the native breaker (layout/text.ts) both ask.
 */
export const isBreakSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Whether a line may break after the "-" at `i` of `text`: between two letters, two at least before it and three
 * after, and not inside a code of capitals (a reviewer: "RKA-/PD", "SPM-/GU" left two letters alone on a line, and
 * "e-arsip" one before it). "sehari-/hari", "Sub-/Bagian", "non-/PNS" still break there.
 */
export function breaksAfterHyphen(text: string, i: number): boolean {
  if (text[i] !== '-') return false;
  const isLetter = (c: string | undefined): boolean => c !== undefined && /\p{L}/u.test(c);
  const isUpper = (c: string): boolean => c === c.toUpperCase() && c !== c.toLowerCase();
  let a = 0;
  let caps = true;
  for (let k = i - 1; k >= 0 && isLetter(text[k]); k--, a++) caps &&= isUpper(text[k]!);
  let b = 0;
  for (let k = i + 1; k < text.length && isLetter(text[k]); k++, b++) caps &&= isUpper(text[k]!);
  return a >= 2 && b >= 3 && !caps;
}

/**
 * Whether a line may break after the "/" at `i` of `text`: between two words of three letters or more
 * (Kementerian/ Lembaga), never inside an abbreviation ("K/L/D/I" stays whole).
 */
export function breaksAfterSlash(text: string, i: number): boolean {
  if (text[i] !== '/') return false;
  const isLetter = (c: string | undefined): boolean => c !== undefined && /\p{L}/u.test(c);
  let a = 0;
  for (let k = i - 1; k >= 0 && isLetter(text[k]); k--) a++;
  let b = 0;
  for (let k = i + 1; k < text.length && isLetter(text[k]); k++) b++;
  return a >= 3 && b >= 3;
}
