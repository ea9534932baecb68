/**
 * Page and table geometry, in CSS px (1/96 in) and mm: paper sizes, column
 * widths fitted to the content, symbol size, and text heights estimated from
 * the font's own advance widths (the compiler paginates without a browser for
 * HTML; a PDF build measures the rows in Chromium instead, see
 * render/measure.ts). templates/sop.css must agree with FONT and TITLE.
 */
import { DEFAULT_HEADERS, type HeaderWords, type PaperSize } from '../model/config.js';
import { maxOf } from '../util/array.js';
import { breaksAfterHyphen, breaksAfterSlash, isBreakSpace, syllableBreaks, withBreaks } from '../util/hyphenate.js';
import { advance, textWidth } from './font-metrics.js';
import { overflowCuts } from './text.js';

export const PX_PER_MM = 96 / 25.4;

export interface Paper {
  readonly name: PaperSize;
  /** Landscape width and height, mm. */
  readonly widthMm: number;
  readonly heightMm: number;
  readonly marginMm: number;
}

const PAPERS: Readonly<Record<PaperSize, readonly [number, number]>> = {
  A4: [297, 210],
  F4: [330, 215],
  Legal: [355.6, 215.9],
  Letter: [279.4, 215.9],
};

export function paper(name: PaperSize = 'A4'): Paper {
  const [w, h] = PAPERS[name];
  return { name, widthMm: w, heightMm: h, marginMm: 15 };
}

/** The page's content box (inside the margins), px. */
export function contentBox(p: Paper): { readonly width: number; readonly height: number } {
  return { width: (p.widthMm - 2 * p.marginMm) * PX_PER_MM, height: (p.heightMm - 2 * p.marginMm) * PX_PER_MM };
}

/** Font metrics of the table text (templates/sop.css must agree): 12 px = 9 pt body text. */
export const FONT = {
  sizePx: 12,
  lineHeightPx: 15,
  cellPadX: 4,
  cellPadY: 3,
} as const;

/**
 * Column titles (lane titles, Mutu Baku sub-headers): bold, shrinking from
 * 12 px to a 9.5 px floor (7.1 pt) before a word is broken at a syllable.
 */
export const TITLE = { sizes: [12, 11, 10, 9.5], lineHeight: 1.2 } as const;

/** Ya/Tidak labels and connector letters: 9.5 px (7.1 pt), never smaller. */
export const LABEL_PX = 9.5;

/**
 * Least gap between parallel arrow segments, and between an arrow and a lane
 * border (1.5 mm): the router's channels are laid out at this pitch.
 */
export const CHANNEL_GAP = 1.5 * PX_PER_MM;

/** Narrowest lane: a 24 px symbol with two arrow channels in the gutter beside it. */
export const MIN_LANE = 44;
/**
 * A lane this wide (13.8 mm) has in each gutter beside its 24 px symbol a track 1.5 mm from both the symbol and the
 * border; in narrower ones (44-51 px) a loop runs nearer one of them (a drafted 10-lane procedure on A4, its lanes
 * 44 px wide: 39 arrow pieces 1.26 mm from a border, 4 passes 1.06-1.26 mm from a symbol).
 */
export const CLEAR_LANE = 52;
/**
 * A lane this wide (15.3 mm) holds a 24 px symbol with two arrow tracks 1.5 mm apart in each gutter, and a
 * 7 pt "Tidak" beside the symbol's centre line without crossing the lane border (docs/drawing-contract.md):
 * lanes keep it before Kegiatan goes from its 25 % target down to its floor (9-10 lanes on A4).
 */
export const ROUTABLE_LANE = 58;
/** A lane this wide holds a symbol 7 mm wide (27 px, symbolSize): lanes keep it when the paper has room (fill.ts). */
export const SYMBOL_LANE = 61;
/**
 * A lane this wide (19.8 mm) owns a decision's "Tidak" where four arrows meet it (one from above, a loop back
 * into it, Ya and Tidak): measured on rework chains, every label of a 10-lane chain is owned from 74 px (above
 * its run beside the arriving line, or under the other side vertex); at 61-72 px some stay under the symbol's
 * slant, as near the run down the centre line as their own; at 74 px one chain three steps back draws two
 * arrows on one track, at 75 px none. Lanes keep it when the table has room with Kegiatan at DECISION_KEGIATAN
 * (fill.ts; docs/drawing-contract.md, "Narrow lanes").
 */
export const DECISION_LANE = 75;
/** Kegiatan's least share of the table when lanes widen to DECISION_LANE: the 11-12-lane floor (kegiatanFloor). */
export const DECISION_KEGIATAN = 0.15;
/** The "No." column is never wider than this for its title: about 21 mm, "Nomor Urut" on one line. */
const NO_MAX = 80;
/** Lanes are never wider than this, however much room there is. */
const MAX_LANE = 150;
/** A lane this wide draws comfortably; wider only when its title needs it. */
const COMFORT_LANE = 96;
/** Horizontal space a cell takes besides its text: padding and half of each border. */
const CELL_EXTRA = 2 * FONT.cellPadX + 1;
/** The table stays this much narrower than the content box: Chromium lays a collapsed-border table out ~1 px wider than its width, its outer border reaches half a px beyond that, and sop.css shifts it 1 px right. */
const TABLE_INSET = 4;

export interface Columns {
  /** Width of the whole table, px. */
  readonly table: number;
  readonly no: number;
  readonly kegiatan: number;
  /** All lanes together. */
  readonly lanes: number;
  /** One lane: the narrowest when they differ (`widths`); the symbols' size follows it. */
  readonly lane: number;
  /**
   * Each lane's width, when they differ (their sum is `lanes`): lanes holding a decision whose "Tidak" needs room
   * beside its side vertex widen, the others give (fill.ts `widenDecisionLanes`). Absent: every lane is `lane`.
   */
  readonly widths?: readonly number[];
  readonly kelengkapan: number;
  readonly waktu: number;
  readonly output: number;
  readonly keterangan: number;
}

/** Each lane's width (`widths`, or every lane `lane`). */
export function laneWidths(c: Columns, laneCount: number): readonly number[] {
  return c.widths ?? Array.from({ length: Math.max(1, laneCount) }, () => c.lane);
}

/** The left edge of each lane from the lanes area's left edge, and the area's width last (laneCount + 1 values). */
export function laneLefts(c: Columns, laneCount: number): readonly number[] {
  const out = [0];
  for (const w of laneWidths(c, laneCount)) out.push(out[out.length - 1]! + w);
  return out;
}

/** What the columns must hold (plain text, markup removed). */
export interface ColumnContent {
  readonly laneTitles: readonly string[];
  readonly kelengkapan: readonly string[];
  readonly waktu: readonly string[];
  readonly output: readonly string[];
  readonly keterangan: readonly string[];
  readonly headers?: HeaderWords;
  /** Number of steps (the widest row number). */
  readonly steps?: number;
}

export type MutuKey = 'kelengkapan' | 'waktu' | 'output' | 'keterangan';
const MUTU: readonly MutuKey[] = ['kelengkapan', 'waktu', 'output', 'keterangan'];
/** Largest share of the table a Mutu Baku column or Keterangan may take. */
const MUTU_CAP: Readonly<Record<MutuKey, number>> = { kelengkapan: 0.14, waktu: 0.09, output: 0.14, keterangan: 0.1 };

/**
 * Column widths fitted to the content (format.md): Kegiatan gets at least
 * 25 % when it can and never less than 22 % up to 9 lanes; lanes are equal
 * and as narrow as their symbol, arrow channels and titles allow; Mutu Baku
 * columns and Keterangan shrink to their longest word when their cells are
 * empty or short. The router relies on `lane` (and `symbolSize(lane)`).
 */
export function columns(p: Paper, laneCount: number, content?: ColumnContent, mayBreak = false): Columns {
  const n = Math.max(1, laneCount);
  const table = Math.floor(contentBox(p).width) - TABLE_INSET;
  const headers = content?.headers ?? DEFAULT_HEADERS;
  // The widest row number and the "No." title on one line, the title up to NO_MAX: a longer one (sop.config.json's
  // `headers.no`, up to 100 characters) wraps. Unbounded, it took the whole table and left Kegiatan negative.
  const noWidth = (title: string): number => Math.max(28, Math.ceil(Math.max(textWidth(title, FONT.sizePx, true), textWidth(String(content?.steps ?? 99), FONT.sizePx)) + CELL_EXTRA + 2));
  const noLeast = noWidth(DEFAULT_HEADERS.no);
  let no = Math.max(noLeast, Math.min(NO_MAX, noWidth(headers.no)));
  const mutu = mutuLimits(table, content);

  const titleWord = longestPiece(content?.laneTitles ?? [], FONT.sizePx, true) + CELL_EXTRA;
  let lane = 0;
  const w: Record<MutuKey, number> = { kelengkapan: 0, waktu: 0, output: 0, keterangan: 0 };
  const kegiatanNow = (): number => table - no - lane * n - MUTU.reduce((s, k) => s + w[k], 0);
  const target = Math.floor(table * 0.25);
  const floor = kegiatanFloor(table, n);

  // Too little room for Kegiatan: narrow the lanes, then the Mutu Baku columns, then below their minimums.
  const shrinkLanes = (to: number, lowest: number): void => {
    const need = to - kegiatanNow();
    if (need > 0) lane = Math.max(lowest, lane - Math.ceil(need / n));
  };
  const shrinkMutu = (to: number, lowest: (k: MutuKey) => number): void => {
    const need = to - kegiatanNow();
    if (need <= 0) return;
    const slack = MUTU.map((k) => Math.max(0, w[k] - lowest(k)));
    const total = slack.reduce((a, b) => a + b, 0);
    if (total <= 0) return;
    const f = Math.min(1, need / total);
    MUTU.forEach((k, i) => (w[k] = Math.max(lowest(k), w[k] - Math.ceil(slack[i]! * f))));
  };
  /** The widths when no Mutu Baku column goes below `least` before Kegiatan is at its floor. */
  const fit = (least: (k: MutuKey) => number): void => {
    lane = Math.min(MAX_LANE, Math.max(COMFORT_LANE, titleWord));
    for (const k of MUTU) w[k] = mutu[k].pref;
    shrinkLanes(target, ROUTABLE_LANE);
    shrinkMutu(target, least);
    shrinkLanes(floor, MIN_LANE);
    shrinkMutu(floor, (k) => mutu[k].hard);
    shrinkLanes(floor, 36);
  };
  fit((k) => mutu[k].min);
  // Narrow lanes (10-12 on A4) next to a Mutu Baku column held wide by one long word ("pertanggungjawaban", 122 px
  // at 11 lanes on A4, lanes of 45 px): the word breaks once at a syllable and the lanes take the width (52 px).
  if (mayBreak && lane < ROUTABLE_LANE && MUTU.some((k) => mutu[k].broken < mutu[k].min)) fit((k) => mutu[k].broken);
  // Still short of its floor (many lanes on narrow paper): a "No." title wider than the default gives way to Kegiatan.
  if (kegiatanNow() < floor) no = Math.max(noLeast, no - (floor - kegiatanNow()));

  // Room to spare (few lanes, short text): a Mutu Baku column whose text wraps grows toward one line a cell (within its cap) before Kegiatan passes 40 %.
  const roomy = Math.floor(table * 0.4);
  for (const k of MUTU) {
    if (kegiatanNow() <= roomy) break;
    w[k] += Math.min(kegiatanNow() - roomy, Math.max(0, Math.min(mutu[k].cap, mutu[k].line) - w[k]));
  }
  // Then the lanes widen (one or two lanes), up to MAX_LANE.
  if (kegiatanNow() > roomy) lane = Math.min(MAX_LANE, lane + Math.floor((kegiatanNow() - roomy) / n));
  lane = Math.floor(lane);
  const lanes = lane * n;
  const kegiatan = table - no - lanes - MUTU.reduce((s, k) => s + w[k], 0);
  return { table, no, kegiatan, lanes, lane, ...w };
}

type MutuLimits = Readonly<
  Record<MutuKey, { readonly hard: number; readonly min: number; readonly broken: number; readonly pref: number; readonly cap: number; readonly line: number }>
>;
/** mutuLimits of a content at a table width: the layout asks twice (columns() and fill's floors). */
const mutuOf = new WeakMap<ColumnContent, { table: number; limits: MutuLimits }>();
/** A header word's widths (whole, and broken once), px: the same few words in every SOP. */
const headWidths = new Map<string, { head: number; floor: number }>();

/**
 * Each Mutu Baku column's widths: the least (its title's longest syllable), the least for its words (`min`: its
 * longest word whole; `broken`: broken once at a syllable, for narrow lanes), the preferred, the cap.
 */
export function mutuLimits(table: number, content?: ColumnContent): MutuLimits {
  const known = content && mutuOf.get(content);
  if (known && known.table === table) return known.limits;
  const headers = content?.headers ?? DEFAULT_HEADERS;
  const mutu = {} as Record<MutuKey, { hard: number; min: number; broken: number; pref: number; cap: number; line: number }>;
  for (const key of MUTU) {
    const cells = content?.[key] ?? [];
    const cap = Math.floor(table * MUTU_CAP[key]);
    let hw = headWidths.get(headers[key]);
    if (!hw) {
      if (headWidths.size >= 256) headWidths.clear();
      hw = { head: longestPiece([headers[key]], FONT.sizePx, true), floor: narrowestTitle(headers[key], TITLE.sizes[TITLE.sizes.length - 1]!) };
      headWidths.set(headers[key], hw);
    }
    const head = hw.head + CELL_EXTRA;
    const headFloor = hw.floor + CELL_EXTRA;
    const word = longestPiece(cells, FONT.sizePx) + CELL_EXTRA;
    const line = maxOf(cells.map((c) => textWidth(c, FONT.sizePx)), 0) + CELL_EXTRA;
    const hard = Math.max(36, headFloor);
    const min = Math.min(cap, Math.max(hard, word));
    // Preferred: the longest cell on two lines (a narrower column would make its row the tallest).
    // An empty column (often Keterangan) is as wide as its title, whole, at the size the other titles print at (12 px
    // when there is room; every column title prints at one size, fitTitleGroups), narrower when room is short.
    const empty = cells.every((c) => c === '');
    const pref = empty ? Math.max(hard, head) : Math.max(min, Math.min(cap, Math.max(head, Math.ceil((line - CELL_EXTRA) / 2) + CELL_EXTRA + 8)));
    const broken = word > hard ? Math.min(min, Math.max(hard, brokenPiece(cells, FONT.sizePx) + CELL_EXTRA)) : min;
    mutu[key] = Object.freeze({ hard, min, broken, pref, cap, line: Math.ceil(empty ? head : line) });
  }
  const limits: MutuLimits = Object.freeze(mutu);
  if (content) mutuOf.set(content, { table, limits });
  return limits;
}

/** Kegiatan's least share of the table by lane count (docs/printing.md). */
export function kegiatanFloor(table: number, laneCount: number): number {
  return Math.ceil(table * (laneCount <= 9 ? 0.22 : laneCount <= 10 ? 0.2 : 0.15));
}

export interface SymbolSize {
  readonly w: number;
  readonly h: number;
  /** Connector (pentagon) width and height. */
  readonly cw: number;
  readonly ch: number;
}

/**
 * One size for every symbol, fitted to the lane width (half of it, 24 to 64 px wide); in a lane narrower than
 * 68 px the symbol leaves each gutter 17 px, room for two arrow tracks 1.5 mm apart (route.ts).
 */
export function symbolSize(laneWidth: number): SymbolSize {
  const w = Math.max(24, Math.min(64, Math.floor(laneWidth * 0.5), Math.floor(laneWidth) - 34));
  const h = Math.max(14, Math.min(30, Math.round(w * 0.5)));
  // The connector is a little flatter than wide: its row (30 px) then has room for two levels of jogs 1.5 mm apart (route.ts).
  return { w, h, cw: 16, ch: 12 };
}

// ---- text ----

/**
 * A word's unbreakable pieces: a line may break after a "-" between two words (util/hyphenate.ts breaksAfterHyphen)
 * or after a "/" between two words (breaksAfterSlash), as the page model (text.ts) breaks.
 */
export function wordPieces(word: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 1; i < word.length - 1; i++) {
    const c = word[i];
    if (breaksAfterHyphen(word, i) || breaksAfterSlash(word, i)) {
      out.push(word.slice(start, i + 1));
      start = i + 1;
    }
  }
  out.push(word.slice(start));
  return out;
}

/**
 * Calls `each` with the width (px) of every unbreakable piece of `text` (see
 * wordPieces), and whether a space precedes it. Allocation-free: it runs over
 * every cell of every step.
 */
function forEachPiece(text: string, sizePx: number, bold: boolean, each: (w: number, spaced: boolean, start: number, end: number) => void): void {
  const n = text.length;
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
    let units = 0;
    while (i < n) {
      const code = text.charCodeAt(i);
      if (isBreakSpace(code)) break;
      units += advance(code, bold);
      i++;
      // A break opportunity after "-" between two words (not inside "RKA-PD"), or after a "/" between two words (not
      // inside "K/L/D/I").
      if (code === 45 && i < n && breaksAfterHyphen(text, i - 1)) break;
      if (code === 47 && i < n && breaksAfterSlash(text, i - 1)) break;
    }
    each((units * sizePx) / 1000, spaced && !first, start, i);
    first = false;
  }
}

export function longestPiece(texts: readonly string[], sizePx: number, bold = false): number {
  let max = 0;
  for (const t of texts) forEachPiece(t, sizePx, bold, (w) => (max = w > max ? w : max));
  return Math.ceil(max);
}

/** Width a title needs at `sizePx` (bold) when each word may break once, at its best syllable (see oneBreak). */
function narrowestTitle(text: string, sizePx: number): number {
  let max = 0;
  for (const word of text.split(/\s+/)) {
    for (const piece of wordPieces(word)) {
      const b = oneBreak(piece, sizePx, 0);
      max = Math.max(max, b === null ? textWidth(piece, sizePx, true) : Math.max(textWidth(piece.slice(0, b) + '-', sizePx, true), textWidth(piece.slice(b), sizePx, true)));
    }
  }
  return Math.ceil(max);
}

/**
 * Width of the widest piece of `texts` (regular weight) when every long word may break once at a syllable, as a cell
 * narrower than a word breaks it (text.ts overflowCuts: two letters at least on each side, a hyphen printed): the
 * widest pieces are tried first, and the walk stops at the first whose whole width is no wider than the best so far.
 */
function brokenPiece(texts: readonly string[], sizePx: number): number {
  const pieces: { piece: string; w: number }[] = [];
  for (const t of texts)
    for (const word of t.split(/\s+/))
      for (const piece of wordPieces(word)) if (piece !== '') pieces.push({ piece, w: textWidth(piece, sizePx) });
  pieces.sort((a, b) => b.w - a.w);
  const hyphen = textWidth('-', sizePx);
  let max = 0;
  for (const { piece, w } of pieces) {
    if (w <= max) break;
    let best = w;
    if (letters(piece) >= LONG_WORD && piece.length <= LONGEST_BROKEN) {
      for (const b of syllableBreaks(piece, 2)) best = Math.min(best, Math.max(textWidth(piece.slice(0, b), sizePx) + hyphen, textWidth(piece.slice(b), sizePx)));
    }
    max = Math.max(max, best);
  }
  return Math.ceil(max);
}
/** The longest word broken at its syllables (text.ts LONGEST_WORD): a longer "word" is cut where it overflows. */
const LONGEST_BROKEN = 30;
/**
 * The shortest word broken so: a Waktu column narrowed for "sampai" and "dengan" printed "2 / hari / sam- / pai /
 * de- / ngan" (a review's 12-lane SOP); long words ("pertanggungjawaban", "ditandatangani", "kewirausahaan") break.
 */
const LONG_WORD = 12;
/** How many letters `s` has ("Kementerian/": 11). */
const letters = (s: string): number => s.replace(/[^\p{L}]/gu, '').length;

/**
 * Where a title word breaks when it must (one hyphen: never three pieces): the last syllable boundary after
 * which both halves fit `avail`; else (avail 0, or no such boundary) the one whose wider half is narrowest.
 * Null when the word has no boundary.
 */
function oneBreak(word: string, sizePx: number, avail: number): number | null {
  const breaks = syllableBreaks(word);
  if (breaks.length === 0) return null;
  let fitting: number | null = null;
  let best = breaks[0]!;
  let bestW = Infinity;
  for (const b of breaks) {
    const left = textWidth(word.slice(0, b) + '-', sizePx, true);
    const right = textWidth(word.slice(b), sizePx, true);
    if (left <= avail + 0.01 && right <= avail + 0.01) fitting = b;
    if (Math.max(left, right) < bestW) {
      bestW = Math.max(left, right);
      best = b;
    }
  }
  return fitting ?? best;
}

interface Chunk {
  readonly w: number;
  /** A space comes before it (it starts a word that is not the first). */
  readonly spaced: boolean;
  /** Width of the hyphen printed if the line breaks after it (a soft hyphen), else 0. */
  readonly hyphen: number;
}

/**
 * Lines of greedy wrapping, as the browser does it: break at spaces and at the
 * given chunk ends; an overlong chunk breaks anywhere. A chunk that ends at a
 * soft hyphen needs room for the hyphen to end a line.
 */
function wrapChunks(chunks: readonly Chunk[], avail: number, space: number): number {
  let lines = 1;
  let used = 0;
  let empty = true;
  for (const c of chunks) {
    const sep = c.spaced && !empty ? space : 0;
    if (!empty && used + sep + c.w + c.hyphen > avail + 0.01) {
      lines++;
      used = 0;
      empty = true;
    }
    if (c.w > avail + 0.01) {
      // overflow-wrap: break-word splits the chunk where it overflows.
      const extra = Math.ceil((used + c.w) / avail) - 1;
      lines += extra;
      used = used + c.w - extra * avail;
      empty = false;
      continue;
    }
    used += (empty ? 0 : sep) + c.w;
    empty = false;
  }
  return lines;
}

/** Lines a text needs in a column of `widthPx` (the column's full width, padding included): greedy wrapping as in wrapChunks. */
export function lineCount(text: string, widthPx: number, sizePx: number = FONT.sizePx, bold = false): number {
  const avail = Math.max(1, widthPx - CELL_EXTRA);
  const space = textWidth(' ', sizePx, bold);
  let lines = 1;
  let used = 0;
  let empty = true;
  forEachPiece(text, sizePx, bold, (w, spaced, start, end) => {
    const sep = spaced && !empty ? space : 0;
    if (!empty && used + sep + w > avail + 0.01) {
      lines++;
      used = 0;
      empty = true;
    }
    if (w > avail + 0.01) {
      // On lines of its own, cut as the page model cuts it (text.ts overflowCuts: at a syllable where one fits).
      const pre = new Float64Array(end - start + 1);
      for (let j = start; j < end; j++) pre[j - start + 1] = pre[j - start]! + (advance(text.charCodeAt(j), bold) * sizePx) / 1000;
      const cuts = overflowCuts(text.slice(start, end), avail, (advance(45, bold) * sizePx) / 1000, (a, b) => (b <= a ? 0 : pre[b]! - pre[a]!));
      lines += cuts.length;
      used = pre[end - start]! - pre[cuts.length > 0 ? cuts[cuts.length - 1]!.at : 0]!;
    } else used += (empty ? 0 : sep) + w;
    empty = false;
  });
  return lines;
}

/** Height of a body cell holding `text` in a column of `widthPx`, borders included. */
export function textHeight(text: string, widthPx: number): number {
  return lineCount(text, widthPx) * FONT.lineHeightPx + 2 * FONT.cellPadY + 1;
}

/** A column title fitted to its column: font size, text (soft hyphens where a word must break), lines. */
export interface FittedTitle {
  readonly sizePx: number;
  readonly text: string;
  readonly lines: number;
}

/**
 * Fits titles that share one font size (the lane titles) into columns of
 * `widthPx`: the largest size of TITLE.sizes at which every word fits whole;
 * at the floor size, words that still do not fit get soft hyphens at their
 * syllables (the browser prints a hyphen where it breaks).
 */
export function fitTitles(titles: readonly string[], widthPx: number, sizePx?: number): FittedTitle[] {
  const avail = Math.max(1, widthPx - CELL_EXTRA);
  const sizes = TITLE.sizes;
  let size: number = sizePx ?? sizes[sizes.length - 1]!;
  if (sizePx === undefined) {
    for (const s of sizes) {
      if (longestPiece(titles, s, true) <= avail) {
        size = s;
        break;
      }
    }
  }
  return titles.map((t) => {
    const space = textWidth(' ', size, true);
    const hyphenW = textWidth('-', size, true);
    const chunks: Chunk[] = [];
    const words: string[] = [];
    for (const word of bindLast(t, size, avail).split(/[ \t\n\r]+/)) {
      if (word === '') continue;
      const broken = breakPieces(word, size, avail);
      words.push(broken.join(''));
      broken.forEach((p, i) => {
        const syl = p.split('\u00ad');
        syl.forEach((s, j) =>
          chunks.push({ w: textWidth(s, size, true), spaced: i === 0 && j === 0 && chunks.length > 0, hyphen: j < syl.length - 1 ? hyphenW : 0 }),
        );
      });
    }
    const lines = chunks.length === 0 ? 1 : wrapChunks(chunks, avail, space);
    return { sizePx: size, text: words.join(' '), lines };
  });
}

/** A word's pieces, those wider than `avail` at `sizePx` (bold) with a soft hyphen at one syllable boundary (oneBreak). */
function breakPieces(word: string, sizePx: number, avail: number): string[] {
  return wordPieces(word).map((p) => {
    if (textWidth(p, sizePx, true) <= avail) return p;
    const b = oneBreak(p, sizePx, avail);
    if (b === null) return p;
    // Halves that still do not fit (lanes of 11-12 on A4): every syllable, rather than a break at any letter; the
    // last one too when two letters follow it (ke·u·ang·an: "ang-an" where "Keu-anga-n" broke "angan" at a letter,
    // with no hyphen, at 20 lanes).
    const fits = textWidth(p.slice(0, b) + '-', sizePx, true) <= avail + 0.01 && textWidth(p.slice(b), sizePx, true) <= avail + 0.01;
    return withBreaks(p, fits ? [b] : syllableBreaks(p, 2));
  });
}

/**
 * `text` with soft hyphens in the words that do not fit a title column of `widthPx` at `sizePx` (see fitTitles),
 * and a no-break space before a "/" or "," that follows a space (a title line never starts with one).
 */
export function hyphenateTitle(text: string, sizePx: number, widthPx: number): string {
  const avail = Math.max(1, widthPx - CELL_EXTRA);
  return bindLast(text.replace(/\S+/g, (word) => breakPieces(word, sizePx, avail).join('')).replace(/ (?=[/,])/g, '\u00a0'), sizePx, avail);
}

/**
 * A title's last word, when it is a number or a Roman numeral ("Kepala Bidang 3", "Seksi II"), held to the word
 * before it by a no-break space where the two fit `avail` together: alone on the title's last line, "3" read as a
 * stray mark (a review of sops/: two lane titles). fitTitles counts the lines so too.
 */
function bindLast(text: string, sizePx: number, avail: number): string {
  const m = /(\S+) (\d{1,3}|[IVX]{1,4})$/.exec(text);
  return m && textWidth(`${m[1]} ${m[2]}`, sizePx, true) <= avail ? `${text.slice(0, m.index)}${m[1]}\u00a0${m[2]}` : text;
}

/**
 * Titles of several columns fitted at one size (every column title of the table prints at the same size): the
 * largest at which every group fits whole, else the smallest, where words break once at a syllable.
 * `fit` may be a memo of fitTitles.
 */
export function fitTitleGroups(
  groups: readonly { readonly titles: readonly string[]; readonly widthPx: number }[],
  fit: (titles: readonly string[], widthPx: number, sizePx?: number) => readonly FittedTitle[] = fitTitles,
): FittedTitle[][] {
  const own = groups.map((g) => fit(g.titles, g.widthPx));
  const size = own.reduce((m, f) => Math.min(m, f[0]?.sizePx ?? TITLE.sizes[0]), TITLE.sizes[0] as number);
  return groups.map((g, i) => (own[i]!.every((t) => t.sizePx === size) ? [...own[i]!] : [...fit(g.titles, g.widthPx, size)]));
}

/** Height of a title cell, borders included. */
export function titleHeight(t: FittedTitle): number {
  return t.lines * t.sizePx * TITLE.lineHeight + 2 * FONT.cellPadY + 1;
}
