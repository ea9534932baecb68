/**
 * A decision as a drafter writes it besides a negative condition ("jika
 * tidak sesuai dikembalikan …", infer.ts): branches labelled Ya and Tidak
 * ("Ya: lanjut ke langkah 5; Tidak: kembali ke langkah 3", in Kegiatan or
 * in Keterangan), a question ("Apakah berkas lengkap?"), and the step a
 * branch names by its number ("dikembalikan ke langkah 8").
 */

/**
 * A branch label: `Ya:`, `Tidak:` (or `Tdk`), with `:`, `→`, `->`, `=>` or `=`
 * after it; or `Jika ya,` / `Apabila tidak,` (a comma after a condition word).
 */
const LABEL_RE = /(?<![\p{L}\p{N}])(?:(?:jika|apabila|bila|kalau)\s+(ya|tidak|tdk)\s*[,:]|(ya|tidak|tdk)\s*(?::|→|->|=>|=))\s*/giu;

export interface Labelled {
  /** The words after `Ya:` (up to the next label), or null. */
  readonly ya: string | null;
  /** The words after `Tidak:`. */
  readonly tidak: string;
  /** The text before the first label: the question or the activity. */
  readonly rest: string;
  /** The labelled part as written, from the first label on. */
  readonly branches: string;
}

/** The Ya/Tidak branches written with labels; null without a Tidak label (a `Ya:` alone makes no decision). */
export function labelledBranches(text: string): Labelled | null {
  const hits = [...text.matchAll(LABEL_RE)];
  const word = (h: RegExpMatchArray): string => (h[1] ?? h[2] ?? '').toLowerCase();
  if (!hits.some((h) => word(h) !== 'ya')) return null;
  let ya: string | null = null;
  let tidak: string | null = null;
  hits.forEach((h, k) => {
    const end = k + 1 < hits.length ? hits[k + 1]!.index : text.length;
    const words = text.slice(h.index + h[0].length, end).trim().replace(/[\s;,.]+$/, '');
    if (word(h) === 'ya') ya ??= words;
    else tidak ??= words;
  });
  const first = hits[0]!.index;
  return { ya, tidak: tidak ?? '', rest: text.slice(0, first).trim().replace(/[\s;,]+$/, ''), branches: text.slice(first).trim() };
}

/** A step that asks: "Apakah …", or a question mark. */
export function isQuestion(text: string): boolean {
  return /^\s*apakah\b/i.test(text) || /\?/.test(text);
}

/**
 * A step named by its number: "langkah 8", "langkah ke-8", "langkah no. 8". Not "tahap 2" or "kegiatan 2":
 * drafters name phases and activities so ("… (tahap 2)"), not steps.
 */
const STEP_NUMBER_RE = /(?<![\p{L}\p{N}])langkah\s*(?:ke\s*-?\s*|no\.?\s*|nomor\s*)?(\d{1,3})(?![\p{N}])/iu;

/** The step number a branch's words name, or null. */
export function stepNumberIn(text: string): number | null {
  const m = STEP_NUMBER_RE.exec(text);
  return m ? Number(m[1]) : null;
}
