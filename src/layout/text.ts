/**
 * Lines of text as the browser breaks them, with their runs (bold, italic):
 * the same greedy rule as the layout's estimate (src/layout/geometry.ts
 * lineCount: break at spaces, after a "/" or "-" between two letters, at a
 * soft hyphen with a printed hyphen; an overlong piece anywhere), but keeping
 * the words, so that the native drawings print each line where the browser
 * would. Widths from src/layout/font-metrics.ts (Liberation Sans; its italics
 * have the regular advances).
 */
import { advance } from './font-metrics.js';
import { parseInline } from '../util/inline.js';
import { breaksAfterHyphen, breaksAfterSlash, compoundBreaks, isBreakSpace, syllableBreaks } from '../util/hyphenate.js';
import { KERNING } from './kerning.js';
import { firstIndex, pushAll } from '../util/array.js';

export interface Run {
  readonly text: string;
  readonly bold: boolean;
  readonly italic: boolean;
}

export interface Line {
  readonly runs: readonly Run[];
  /** Advance width, px. */
  readonly width: number;
}

/** Width of `text` at `size` px. */
export function runWidth(text: string, size: number, bold: boolean): number {
  let units = 0;
  for (let i = 0; i < text.length; i++) units += advance(text.charCodeAt(i), bold);
  return (units * size) / 1000;
}

/** The bundled font's four styles (fonts/LiberationSans-<style>.ttf). */
export type FontStyle = 'Regular' | 'Bold' | 'Italic' | 'BoldItalic';
/** Kerning pairs per style as a grid of U+0020..U+00FF by U+0020..U+00FF (every pair kerning.ts holds), 1/1000 em. */
const GRID = 224;
const grids = new Map<FontStyle, Float64Array>();
function kernGrid(st: FontStyle): Float64Array {
  let g = grids.get(st);
  if (!g) {
    g = new Float64Array(GRID * GRID);
    for (const [pair, k] of Object.entries(KERNING[st])) g[(pair.charCodeAt(0) - 32) * GRID + pair.charCodeAt(1) - 32] = k;
    grids.set(st, g);
  }
  return g;
}
/** The style of a run of text. */
export const fontStyle = (bold: boolean, italic: boolean): FontStyle => (bold ? (italic ? 'BoldItalic' : 'Bold') : italic ? 'Italic' : 'Regular');

/** Kerning between two characters (UTF-16 code units) of one style, 1/1000 em. */
export function kernUnits(a: number, b: number, st: FontStyle): number {
  const i = a - 32;
  const j = b - 32;
  return i >= 0 && i < GRID && j >= 0 && j < GRID ? kernGrid(st)[i * GRID + j]! : 0;
}

/**
 * Each code point of `text` (a surrogate pair one code point) in order, with the kerning between it and the one
 * before (1/1000 em, the pairs of style `st`; 0 for the first): how the PDF and the PNG place a run's glyphs.
 */
export function kernedCodePoints(text: string, st: FontStyle, each: (cp: number, kern: number) => void): void {
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo < 0xe000) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    each(cp, prev >= 0 ? kernUnits(prev, cp, st) : 0);
    prev = cp;
  }
}

/** Kerning between two characters of one style, px at `size`. */
export function kern(a: string, b: string, size: number, bold: boolean, italic: boolean): number {
  const k = kernUnits(a.charCodeAt(0), b.charCodeAt(0), fontStyle(bold, italic));
  return k === 0 ? 0 : (k * size) / 1000;
}

/** Width of `text` at `size` px, kerned as the font kerns it (as Chromium and PDFKit draw it). */
export function kernedWidth(text: string, size: number, bold: boolean, italic = false): number {
  let w = runWidth(text, size, bold);
  for (let i = 1; i < text.length; i++) w += kern(text[i - 1]!, text[i]!, size, bold, italic);
  return w;
}

/** Segments of a value with `*italic*` markup. */
export function runsOf(value: string, bold = false, italicAll = false): Run[] {
  // Without a star there is no markup (parseInline gives the value as one segment, none for ""): most cells.
  if (value.indexOf('*') < 0) return value === '' ? [] : [{ text: value, bold, italic: italicAll }];
  return parseInline(value).map((s) => ({ text: s.text, bold, italic: s.italic || italicAll }));
}

const isSpace = (c: string): boolean => isBreakSpace(c.charCodeAt(0));

interface Piece {
  /** Characters with the run each belongs to. */
  readonly chars: { c: string; run: number }[];
  readonly spaced: boolean;
  /** Ends at a soft hyphen: a hyphen is printed if the line breaks after it. */
  readonly soft: boolean;
}

/** Unbreakable pieces of a run list (see forEachPiece in geometry.ts), soft hyphens as break points. */
function pieces(runs: readonly Run[]): Piece[] {
  const flat: { c: string; run: number; at: number }[] = [];
  let text = '';
  runs.forEach((r, ri) => {
    for (const c of r.text) {
      flat.push({ c, run: ri, at: text.length });
      text += c;
    }
  });
  const out: Piece[] = [];
  let i = 0;
  let first = true;
  while (i < flat.length) {
    let spaced = false;
    while (i < flat.length && isSpace(flat[i]!.c)) {
      spaced = true;
      i++;
    }
    if (i >= flat.length) break;
    const chars: { c: string; run: number }[] = [];
    let soft = false;
    while (i < flat.length) {
      const ch = flat[i]!;
      if (isSpace(ch.c)) break;
      i++;
      if (ch.c === '\u00ad') {
        if (chars.length > 0 && i < flat.length && !isSpace(flat[i]!.c)) {
          soft = true;
          break;
        }
        continue;
      }
      chars.push(ch);
      // The layout's break opportunities (geometry.ts forEachPiece): after "-" between two words (not inside "RKA-PD" or
      // "e-arsip"), after "/" between two words of three letters or more (not inside "TU/Umpar" or "K/L/D/I").
      if (ch.c === '-' && i < flat.length && breaksAfterHyphen(text, ch.at)) break;
      if (ch.c === '/' && i < flat.length && breaksAfterSlash(text, ch.at)) break;
    }
    if (chars.length > 0) out.push({ chars, spaced: spaced && !first, soft });
    first = false;
  }
  return out;
}

/** The hyphen printed where a word breaks at a soft hyphen: U+2010, as Chromium prints it (a text extractor does not join it to the next line's word); as wide as "-". */
export const HYPHEN = '\u2010';
const charW = (c: string, size: number, bold: boolean): number => (advance(c === HYPHEN ? 45 : c.charCodeAt(0), bold) * size) / 1000;

/**
 * Where a word wider than its cell is split (the last resort, overflow-wrap: break-word): offsets into the word,
 * each ending a line. At the last syllable boundary (KBBI's, two letters at least on each side) whose part and a
 * hyphen fit, the line then ending in HYPHEN ("Ber-" / "kas" in a 20-lane Mutu Baku column, not "Berka" / "s 0"),
 * else at the last character that fits. `width(a, b)`: the width of the word's characters a..b.
 */
export function overflowCuts(word: string, avail: number, hyphenW: number, width: (a: number, b: number) => number): { at: number; hyphen: boolean }[] {
  const n = word.length;
  // A word, not a string of them: the longest Indonesian words run to some 25 letters (mempertanggungjawabkannya); a
  // 100-character "word" in the No. column's title is cut at its characters (by its "syllables" it took two lines
  // more, and the table at 20 lanes no longer fitted its page).
  // An address or a code ("www.kalbarprov.go.id/e-arsip", "SP2D-GU/2024") has no syllables: it is cut after its
  // punctuation where it can be ("…go.id/" / "e-arsip"), never before a "-" (the line after began with "-arsip").
  const code = /[./:@_\d]/.test(word);
  const syl = n <= LONGEST_WORD && !code ? syllableBreaks(word, 2) : [];
  const punct: number[] = [];
  for (let i = 1; i < n - 1; i++) if ('/.-_:'.includes(word[i]!)) punct.push(i + 1);
  return cutsAt(syl, n, avail, hyphenW, width, syl.length > 0 ? compoundBreaks(word, syl) : [], punct, word);
}

/** The longest word broken at its syllables when wider than its cell (overflowCuts). */
const LONGEST_WORD = 30;

/**
 * overflowCuts' `width` for a word of `n` characters, each `adv(j)` wide and kerned `kernBefore(j)` to the one before:
 * sums made once (cutsAt asks for many ranges), a range's width the difference less the kerning at its start.
 */
function rangeWidths(n: number, adv: (j: number) => number, kernBefore: (j: number) => number): (a: number, b: number) => number {
  const pre = new Float64Array(n + 1);
  const kin = new Float64Array(n + 1);
  for (let j = 0; j < n; j++) {
    kin[j] = j > 0 ? kernBefore(j) : 0;
    pre[j + 1] = pre[j]! + adv(j) + kin[j]!;
  }
  return (a, b) => (b <= a ? 0 : pre[b]! - pre[a]! - kin[a]!);
}

function cutsAt(
  syl: readonly number[],
  n: number,
  avail: number,
  hyphenW: number,
  width: (a: number, b: number) => number,
  parts: readonly number[] = [],
  punct: readonly number[] = [],
  word = '',
): { at: number; hyphen: boolean }[] {
  const cuts: { at: number; hyphen: boolean }[] = [];
  let from = 0;
  while (from < n && width(from, n) > avail + 0.01) {
    let at = -1;
    // Two letters at least before the hyphen on its line (after a cut at a character too: never "g-").
    for (const b of syl) if (b - from >= 2 && width(from, b) + hyphenW <= avail + 0.01) at = b;
    // Between a compound's parts instead, where the rest then fits its line as well (the lines are as many).
    if (at > 0 && width(at, n) <= avail + 0.01)
      for (const b of parts) if (b - from >= 2 && b <= at && width(from, b) + hyphenW <= avail + 0.01 && width(b, n) <= avail + 0.01) at = b;
    if (at > 0) {
      cuts.push({ at, hyphen: true });
    } else {
      let k = from + 1;
      while (k < n && width(from, k + 1) <= avail + 0.01) k++;
      // After punctuation past the line's first third; else never a line that starts with "-", "." or ",".
      // The last punctuation at or before k, found by halving (every line walked all of it: a 960 KB step of
      // "ab/ab/…" took `sop check` 11 s, the time growing with the square of its length).
      const past = firstIndex(punct.length, (m) => punct[m]! > k);
      const last = past > 0 ? punct[past - 1]! : -1;
      const after = last > from + (k - from) / 3 ? last : -1;
      if (after > 0) k = after;
      else if (k < n && k - 1 > from && '-.,'.includes(word[k] ?? '')) k--;
      cuts.push({ at: k, hyphen: false });
      at = k;
    }
    from = at;
  }
  return cuts;
}

/** A line breaker: `wrap`, or one with other break rules (the book's Nomor SOP). */
export type Wrap = (runs: readonly Run[], width: number, size: number) => Line[];

/** The lines of `runs` in `width` px, broken by `by`; none for runs without text (an empty cell). */
export function textLines(runs: readonly Run[], width: number, size: number, by: Wrap = wrap): Line[] {
  return runs.every((r) => r.text === '') ? [] : by(runs, width, size);
}

/**
 * Greedy lines of `runs` in `avail` px at `size` px. `center`-aligned text is
 * placed by the caller from each line's width. One run without soft hyphens
 * or surrogates (most cells) goes by `wrapPlain`, which gives the same lines
 * without building a piece per word (the HTML's view model breaks every cell).
 */
export function wrap(runs: readonly Run[], avail: number, size: number): Line[] {
  return runs.length === 1 && !SLOW.test(runs[0]!.text) ? wrapPlain(runs[0]!, avail, size) : wrapRuns(runs, avail, size);
}

/** Characters only the general breaker handles: soft hyphens (a printed hyphen at a break), surrogates (a code point of two units). */
const SLOW = /[\u00ad\ud800-\udfff]/;

/** Advances of U+0000..U+00FF in px at one size, per weight: (advance * size) / 1000, as charW computes them. */
const pxTables = new Map<number, [Float64Array | undefined, Float64Array | undefined]>();
function pxTable(size: number, bold: boolean): Float64Array {
  let pair = pxTables.get(size);
  if (!pair) {
    pair = [undefined, undefined];
    pxTables.set(size, pair);
  }
  const k = bold ? 1 : 0;
  let t = pair[k];
  if (!t) {
    t = new Float64Array(256);
    for (let c = 0; c < 256; c++) t[c] = (advance(c, bold) * size) / 1000;
    pair[k] = t;
  }
  return t;
}

/**
 * A line of one plain run (wrapPlain): its width summed only when read, as `wrapRuns`' toLine sums it (each
 * character's advance, then its kerning with the one before, spaces included), so the HTML, which never reads it,
 * does not pay for it.
 */
class PlainLine implements Line {
  readonly runs: readonly Run[];
  #width = -1;
  readonly #size: number;
  constructor(text: string, bold: boolean, italic: boolean, size: number) {
    this.runs = text === '' ? [] : [{ text, bold, italic }];
    this.#size = size;
  }
  get width(): number {
    if (this.#width < 0) {
      const run = this.runs[0];
      let width = 0;
      if (run) {
        const { text, bold, italic } = run;
        const size = this.#size;
        const px = pxTable(size, bold);
        const grid = kernGrid(fontStyle(bold, italic));
        let prev = -1;
        for (let j = 0; j < text.length; j++) {
          const c = text.charCodeAt(j);
          width += c < 256 ? px[c]! : (advance(c, bold) * size) / 1000;
          if (j > 0) {
            const a = prev - 32;
            const b = c - 32;
            const k = a >= 0 && a < GRID && b >= 0 && b < GRID ? grid[a * GRID + b]! : 0;
            width += k === 0 ? 0 : (k * size) / 1000;
          }
          prev = c;
        }
      }
      this.#width = width;
    }
    return this.#width;
  }
  toJSON(): { runs: readonly Run[]; width: number } {
    return { runs: this.runs, width: this.width };
  }
}

/** `wrapRuns` for one run of plain text (no soft hyphen, no surrogate), on the string itself: the same lines, the same widths. */
function wrapPlain(run: Run, avail: number, size: number): Line[] {
  const { text, bold, italic } = run;
  const grid = kernGrid(fontStyle(bold, italic));
  const px = pxTable(size, bold);
  const cw = (c: number): number => (c < 256 ? px[c]! : (advance(c, bold) * size) / 1000);
  /** kernUnits on the style's grid, in px (as kern()). */
  const kernPx = (a: number, b: number): number => {
    const i = a - 32;
    const j = b - 32;
    const k = i >= 0 && i < GRID && j >= 0 && j < GRID ? grid[i * GRID + j]! : 0;
    return k === 0 ? 0 : (k * size) / 1000;
  };
  const lines: Line[] = [];
  let line = '';
  let last = -1;
  let used = 0;
  const flush = (): void => {
    lines.push(new PlainLine(line, bold, italic, size));
    line = '';
    last = -1;
    used = 0;
  };
  const n = text.length;
  const space = cw(32);
  let i = 0;
  let first = true;
  while (i < n) {
    let spaced = false;
    while (i < n && isBreakSpace(text.charCodeAt(i))) {
      spaced = true;
      i++;
    }
    if (i >= n) break;
    const start = i;
    let w = 0;
    let prev = -1;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isBreakSpace(c)) break;
      w += cw(c) + (i > start ? kernPx(prev, c) : 0);
      prev = c;
      i++;
      if (c === 45 && i < n && breaksAfterHyphen(text, i - 1)) break;
      if (c === 47 && i < n && breaksAfterSlash(text, i - 1)) break;
    }
    const sp = spaced && !first;
    first = false;
    const head = text.charCodeAt(start);
    const sep = sp && line !== '' ? space + kernPx(last, 32) + kernPx(32, head) : 0;
    const join = !sp && line !== '' ? kernPx(last, head) : 0;
    if (line !== '' && used + sep + join + w > avail + 0.01) {
      flush();
    } else if (line !== '' && sep > 0) {
      line += ' ';
      last = 32;
      used += sep;
    }
    if (w > avail + 0.01) {
      // overflow-wrap: break-word, at a syllable where one fits (overflowCuts).
      if (line !== '') flush();
      const widthOf = rangeWidths(i - start, (j) => cw(text.charCodeAt(start + j)), (j) => kernPx(text.charCodeAt(start + j - 1), text.charCodeAt(start + j)));
      let from = 0;
      for (const cut of overflowCuts(text.slice(start, i), avail, cw(45), widthOf)) {
        line = text.slice(start + from, start + cut.at) + (cut.hyphen ? HYPHEN : '');
        flush();
        from = cut.at;
      }
      line = text.slice(start + from, i);
      used = widthOf(from, i - start);
      last = text.charCodeAt(i - 1);
    } else {
      used += w + (line !== '' && !sp ? join : 0);
      line += text.slice(start, i);
      last = prev;
    }
  }
  if (line !== '' || lines.length === 0) flush();
  return lines;
}

/** The general breaker: any runs (bold, italic), soft hyphens. */
export function wrapRuns(runs: readonly Run[], avail: number, size: number): Line[] {
  const ps = pieces(runs);
  const lines: Line[] = [];
  let cur: { c: string; run: number }[] = [];
  let used = 0;
  const bold = (ri: number): boolean => runs[ri]?.bold ?? false;
  /** Kerning between two neighbours of the same run style (none across a change of font). */
  const kernOf = (a: { c: string; run: number } | undefined, b: { c: string; run: number }): number => {
    if (!a) return 0;
    const ra = runs[a.run]!;
    const rb = runs[b.run]!;
    return ra.bold === rb.bold && ra.italic === rb.italic ? kern(a.c, b.c, size, ra.bold, ra.italic) : 0;
  };
  const widthOf = (cs: readonly { c: string; run: number }[]): number => {
    let w = 0;
    for (let i = 0; i < cs.length; i++) w += charW(cs[i]!.c, size, bold(cs[i]!.run)) + kernOf(cs[i - 1], cs[i]!);
    return w;
  };
  const flush = (hyphen: { run: number } | null): void => {
    const cs = hyphen ? [...cur, { c: HYPHEN, run: hyphen.run }] : cur;
    lines.push(toLine(cs, runs, size));
    cur = [];
    used = 0;
  };
  let lastSoft: { run: number } | null = null;
  for (const p of ps) {
    const w = widthOf(p.chars);
    const lastRun = p.chars[p.chars.length - 1]!.run;
    const hyphenW = p.soft ? charW('-', size, bold(lastRun)) : 0;
    const space = { c: ' ', run: p.chars[0]!.run };
    const sep = p.spaced && cur.length > 0 ? charW(' ', size, bold(space.run)) + kernOf(cur[cur.length - 1], space) + kernOf(space, p.chars[0]!) : 0;
    // A piece that follows without a space (after "/", "-" or a soft hyphen) is kerned to what it follows.
    const join = !p.spaced && cur.length > 0 ? kernOf(cur[cur.length - 1], p.chars[0]!) : 0;
    if (cur.length > 0 && used + sep + join + w + hyphenW > avail + 0.01) {
      flush(lastSoft);
    } else if (cur.length > 0 && sep > 0) {
      cur.push({ c: ' ', run: p.chars[0]!.run });
      used += sep;
    }
    lastSoft = null;
    if (w > avail + 0.01) {
      // overflow-wrap: break-word, at a syllable where one fits (overflowCuts).
      if (cur.length > 0) flush(null);
      const widthOfRange = rangeWidths(p.chars.length, (j) => charW(p.chars[j]!.c, size, bold(p.chars[j]!.run)), (j) => kernOf(p.chars[j - 1], p.chars[j]!));
      let from = 0;
      // One unit per character (an astral one stands as "_": it has no syllable), so offsets index p.chars.
      for (const cut of overflowCuts(p.chars.map((ch) => (ch.c.length === 1 ? ch.c : '_')).join(''), avail, charW('-', size, bold(lastRun)), widthOfRange)) {
        pushAll(cur, p.chars.slice(from, cut.at));
        flush(cut.hyphen ? { run: p.chars[cut.at - 1]!.run } : null);
        from = cut.at;
      }
      const rest = p.chars.slice(from);
      pushAll(cur, rest);
      used = widthOfRange(from, p.chars.length);
    } else {
      used += w + (cur.length > 0 && !p.spaced ? join : 0);
      pushAll(cur, p.chars);
    }
    if (p.soft) lastSoft = { run: lastRun };
  }
  if (cur.length > 0 || lines.length === 0) flush(null);
  return lines;
}

function toLine(cs: readonly { c: string; run: number }[], runs: readonly Run[], size: number): Line {
  const out: Run[] = [];
  let width = 0;
  let text = '';
  let cur: Run | null = null;
  let prev: { c: string; run: number } | undefined;
  for (const x of cs) {
    const r = runs[x.run]!;
    width += charW(x.c, size, r.bold);
    if (prev) {
      const rp = runs[prev.run]!;
      if (rp.bold === r.bold && rp.italic === r.italic) width += kern(prev.c, x.c, size, r.bold, r.italic);
    }
    if (cur && cur.bold === r.bold && cur.italic === r.italic) text += x.c;
    else {
      if (cur) out.push({ text, bold: cur.bold, italic: cur.italic });
      cur = r;
      text = x.c;
    }
    prev = x;
  }
  if (cur) out.push({ text, bold: cur.bold, italic: cur.italic });
  return { runs: out, width };
}
