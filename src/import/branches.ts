/**
 * A decision's branches as a drafter writes them: the step a branch names
 * by its number ("dikembalikan ke langkah 8").
 */

/** A step named by its number: "langkah 8", "langkah ke-8", "langkah no. 8", "tahap 3", "kegiatan 3". */
const STEP_NUMBER_RE = /(?<![\p{L}\p{N}])(?:langkah|tahap|kegiatan|tahapan)\s*(?:ke\s*-?\s*|no\.?\s*|nomor\s*)?(\d{1,3})(?![\p{N}])/iu;

/** The step number a branch's words name, or null. */
export function stepNumberIn(text: string): number | null {
  const m = STEP_NUMBER_RE.exec(text);
  return m ? Number(m[1]) : null;
}
