/**
 * The noise that text copied or extracted from office documents and OCR has,
 * mended in general ways: look-alike letters from other scripts, invisible
 * characters, TeX arrows, mangled Ya/Tidak marks. Anything else a drafter
 * wrote is kept as written: `<Daftar>` or `a < b` is text, not markup.
 */
import { BIDI_RE, INVISIBLE_RE } from '../util/text.js';

/** Cyrillic and Greek capitals and small letters that look like Latin ones (OCR and copy-paste confuse them). */
const HOMOGLYPHS: Readonly<Record<string, string>> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y', І: 'I', Ј: 'J', Ѕ: 'S',
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  ο: 'o', ν: 'v', ι: 'i',
};
const HOMOGLYPH_RE = new RegExp(`[${Object.keys(HOMOGLYPHS).join('')}]`, 'g');
const LATIN_RE = /[A-Za-z]/;

/** Replaces look-alike letters only inside words that also hold Latin letters (or stand alone as one letter), so real Cyrillic or Greek text is left alone. */
export function fixHomoglyphs(s: string): string {
  return s.replace(/[\p{L}]+/gu, (w) => (LATIN_RE.test(w) || w.length <= 2 ? w.replace(HOMOGLYPH_RE, (c) => HOMOGLYPHS[c] ?? c) : w));
}

/**
 * Control characters, and what `sop check` calls hidden (SOP117, src/util/text.ts): every bidirectional
 * control (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069) and the invisible characters, with the other
 * zero-width and invisible operators (U+200B–U+200F, U+2060–U+2064).
 */
const CONTROL_RE = new RegExp(
  // eslint-disable-next-line no-control-regex
  `[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2060-\u2064]|${BIDI_RE.source}|${INVISIBLE_RE.source}`,
  'g',
);

/** Text with the control, direction and invisible characters cleanCell drops taken out, and nothing else changed. */
export function dropControls(s: string): string {
  return s.replace(CONTROL_RE, '');
}

/** TeX arrows that OCR of a flowchart leaves in the text. */
const TEX_ARROW_RE = /\\(?:rightarrow|leftarrow|longrightarrow|Rightarrow|to|downarrow|uparrow|leftrightarrow)\b/g;

/**
 * The longest cell kept, in characters (UTF-16 code units), from any reader: a text file's line is cut at
 * the same length (text.ts). A cell of 33 MB (a probe's Excel file) made a 31.5 MB draft that `sop check`
 * refuses (10 MB), after 11 s and 1.5 GB.
 */
export const MAX_CELL = 20_000;

/**
 * Left at the end of a cell cut at MAX_CELL, for the draft's SOP706 comment (mend.ts takes it out). A
 * control character: no text holds one after cleanCell.
 */
export const CUT_MARK = '\u0007';

/**
 * One cell's text: invisible and control characters dropped, look-alikes mended, TeX arrows as arrows,
 * blanks folded, a literal `*` escaped; at most MAX_CELL characters, then CUT_MARK when it was longer.
 */
export function cleanCell(s: string): string {
  // Whatever lies far past the cut is not read at all (the clean-ups only shorten the text).
  const long = s.length > MAX_CELL * 4;
  let t = (long ? s.slice(0, MAX_CELL * 4).replace(/[\ud800-\udbff]$/, '') : s).normalize('NFC').replace(CONTROL_RE, '');
  t = fixHomoglyphs(t);
  t = t.replace(TEX_ARROW_RE, '→').replace(/\$\s*→\s*\$/g, '→');
  t = t.replace(/[\s\u00a0\u2028\u2029]+/g, ' ').trim();
  const cut = long || t.length > MAX_CELL;
  if (t.length > MAX_CELL) t = t.slice(0, /[\ud800-\udbff]/.test(t[MAX_CELL - 1]!) ? MAX_CELL - 1 : MAX_CELL).trimEnd();
  // A literal star would start italics in a .sop value.
  t = t.replace(/\*/g, '\\*');
  return cut ? t + CUT_MARK : t;
}

/**
 * Text input's HTML italics (`<i>…</i>`, `<em>…</em>`, as text converted from
 * a web page or a Word document holds them: seed 004's `Petugas <i>Front
 * Desk</i>`) as `*…*`, on a cell cleanCell has cleaned. Only a pair of those
 * tags: any other `<…>` is the drafter's text. The draft says so (SOP706).
 */
export function htmlItalics(s: string): string {
  return s.replace(/<\s*(i|em)\s*>([^<]*)<\s*\/\s*\1\s*>/gi, (_m, _tag, inner: string) => (inner.trim() ? `*${inner.trim()}*` : ''));
}

/** Marks an office reader puts around an italic run (private-use characters, taken out of the document's own text first). */
export const ITALIC_OPEN = '\ue000';
export const ITALIC_CLOSE = '\ue001';

/** A run of an office document: its text, between the italic marks when it is italic (its blanks outside them). */
export function officeRun(t: string, italic: boolean): string {
  const plain = t.replace(/[\ue000\ue001]/g, '');
  if (!italic || plain.trim() === '') return plain;
  return `${/^\s/.test(plain) ? ' ' : ''}${ITALIC_OPEN}${plain.trim()}${ITALIC_CLOSE}${/\s$/.test(plain) ? ' ' : ''}`;
}

/** Italic runs marked by officeRun as `*…*`, on a cell cleanCell has cleaned (its literal stars escaped); a mark left unpaired is dropped. */
export function italicRuns(s: string): string {
  // Two italic runs side by side (Word splits a run where its spelling check or revision marks did) are one.
  const joined = s.replace(/\ue001(\s*)\ue000/g, '$1');
  return joined.replace(/\ue000\s*([^\ue001]*?)\s*\ue001/g, (_m, inner: string) => (inner ? `*${inner}*` : '')).replace(/[\ue000\ue001]/g, '');
}

/** A cell that holds only drawing residue: arrows, lines, bullets. */
export function isResidue(s: string): boolean {
  return /^[\s→←↑↓↔⇒⇐⟶—–\-_|•·.:;,>*<=+()[\]{}'"`~^]*$/.test(s);
}

/**
 * The Ya/Tidak marks a cell holds, in order, or null when the cell is not
 * made of marks only. Tolerates OCR damage: `Fidak`, `T dak`, `Tldak`, `tdk`, `Y a`.
 */
export function readMarks(s: string): ('ya' | 'tidak')[] | null {
  const t = s.toLowerCase().replace(/[→←↑↓⟶\-–—>.,:;()]/g, ' ').trim();
  if (t === '') return null;
  const out: ('ya' | 'tidak')[] = [];
  // Letters split by one blank inside a mark ("t dak", "y a") are joined first.
  const words = t.split(/\s+/);
  let i = 0;
  while (i < words.length) {
    const one = words[i]!;
    const two = i + 1 < words.length ? one + words[i + 1]! : null;
    if (two !== null && !isMark(one) && isMark(two)) {
      out.push(isMark(two)!);
      i += 2;
      continue;
    }
    const m = isMark(one);
    if (!m) return null;
    out.push(m);
    i++;
  }
  return out.length > 0 ? out : null;
}

function isMark(w: string): 'ya' | 'tidak' | null {
  if (w === 'ya' || w === 'y' || w === 'iya' || w === 'yes') return 'ya';
  if (w === 'tidak' || w === 'tdk' || w === 'no' || w === 'tak') return 'tidak';
  // One damaged letter at most, keeping "dak" at the end: fidak, tldak, t1dak, idak, tidak.
  if (/^[a-z0-9]{0,2}dak$/.test(w) && w.length >= 4 && w.length <= 6) return 'tidak';
  return null;
}
