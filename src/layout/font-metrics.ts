/**
 * Advance widths of the table font (Arial; Liberation Sans has the same
 * metrics), in 1/1000 em, for U+0020..U+00FF, as Chromium measures them.
 * Used to estimate text width and row height without a browser; the C1
 * controls (U+0080..U+009F) are never printed.
 */
const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 365,
  365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365,
  365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365,
  278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 0, 737, 552,
  400, 549, 333, 333, 333, 576, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
  667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
  722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
  556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 549, 611, 556, 556, 556, 556, 500, 556, 500,
];

const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
  975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
  333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
  611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 365,
  365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365,
  365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365,
  278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 0, 737, 552,
  400, 549, 333, 333, 333, 576, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
  722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
  722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
  556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
  611, 611, 611, 611, 611, 611, 611, 549, 611, 611, 611, 611, 611, 556, 611, 556,
];

/** Width of a character above U+00FF that the font draws, outside PUNCTUATION (an average Latin letter). */
const OTHER = 556;
/** Width of .notdef, the box printed for a character the bundled font has no glyph for (1536 of 2048 units). */
const NOTDEF = 750;

/**
 * The code points above U+00FF the bundled Liberation Sans has a glyph for (Regular and Bold alike; none above
 * U+FFFF), as base-36 ranges, read from the font (test/native-fonts.test.ts holds them against it). Any other
 * character prints as .notdef, 35 % wider than OTHER: measured as OTHER, a line of them ran out of its cell.
 */
const COVERED =
  '74-of ok-ol oq-ou p0-p6 p8 pa-pt pv-r2 r4-103 10a-10d 13l-153 15c-162 168-16c 5q8-5vu 5xa-61n 61q ' +
  '61s-649 64g-651 654-659 65c-66d 66g-66l 66o-66v 66x 66z 671 673-67x 680-69g 69i-69w 69y-6ab 6ae-6aj ' +
  '6al-6b3 6b6-6b8 6ba-6bi 6bk-6c0 6c2-6ci 6cm 6cq-6cw 6cy-6d0 6d5-6d6 6d8 6da 6dg 6e6 6ei-6en 6es-6ex ' +
  '6f3-6fd 6fk-6fo 6g0-6gl 6gv 6i8 6it 6j7 6ja-6jb 6jm 6jq 6jy 6kt-6ku 6kz-6l0 6l7-6la 6mc 6mo-6mt 6nc 6ok ' +
  '6pu 6py 6q7 6q9-6qa 6qd 6qh-6qi 6qm-6qn 6qx 6qz 6rs 6sg-6si 6sk-6sl 6wy 6xc 6xs-6xt 7b4 7b6 7bg 7bk 7bo ' +
  '7bs 7bw 7c4 7cc 7ck 7cs 7dc-7e4 7eo 7es 7ew 7f0 7f4-7f7 7fk-7fl 7fu-7fw 7g2 7ga 7gc 7gk 7gq-7gs 7gv-7h5 ' +
  '7hi 7ju-7jw 7jz-7k7 7kw 7kz 7l1-7l2 7l5-7l8 7lb 8rk-8rx 8s1-8s7 93r x07-x0h x3c-x3g 1dkx-1dky 1dlp-1dme ' +
  '1dmg-1dmk 1dmm 1dmo-1dmp 1dmr-1dms 1dmu-1dn3 1e74-1e77 1ekc';

/** Punctuation above U+00FF whose width is far from OTHER, regular/bold, as the font has them (text pasted from Word). */
const PUNCTUATION = new Map<number, readonly [number, number]>([
  [0x2010, [333, 333]], [0x2013, [556, 556]], [0x2014, [1000, 1000]], [0x2015, [1000, 1000]],
  [0x2018, [222, 278]], [0x2019, [222, 278]], [0x201a, [222, 278]], [0x201c, [333, 500]], [0x201d, [333, 500]], [0x201e, [333, 500]],
  [0x2022, [350, 350]], [0x2026, [1000, 1000]], [0x2030, [1000, 1000]], [0x2039, [333, 333]], [0x203a, [333, 333]],
  [0x2122, [1000, 1000]], [0x2190, [1000, 1000]], [0x2192, [1000, 1000]], [0x2212, [584, 584]],
]);

let covered: Uint32Array | undefined;
/** Whether the font has a glyph for `code` (above U+00FF, at most U+FFFF): a binary search of COVERED's ranges. */
function inFont(code: number): boolean {
  if (!covered) {
    const ranges = COVERED.trim().split(' ').map((r) => r.split('-').map((n) => parseInt(n, 36)));
    covered = new Uint32Array(ranges.length * 2);
    ranges.forEach(([a, b], i) => {
      covered![2 * i] = a!;
      covered![2 * i + 1] = b ?? a!;
    });
  }
  let lo = 0;
  let hi = covered.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (code < covered[2 * mid]!) hi = mid - 1;
    else if (code > covered[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * Advance of one UTF-16 code unit, 1/1000 em, as the native renderer draws it: a character the font lacks as .notdef
 * (a pair of surrogates is one such character, its first unit carrying the width), combining marks none.
 */
export function advance(code: number, bold: boolean): number {
  if (code >= 32 && code < 256) return (bold ? BOLD : REGULAR)[code - 32]!;
  if (code === 0xad || code === 0x200b || (code >= 0x300 && code <= 0x36f) || (code >= 0xdc00 && code <= 0xdfff)) return 0;
  if (code >= 0xd800 && code <= 0xdbff) return NOTDEF;
  const p = PUNCTUATION.get(code);
  if (p) return p[bold ? 1 : 0];
  return code < 256 || inFont(code) ? OTHER : NOTDEF;
}

/** Width of `text` in px at `sizePx`. */
export function textWidth(text: string, sizePx: number, bold = false): number {
  let units = 0;
  for (let i = 0; i < text.length; i++) units += advance(text.charCodeAt(i), bold);
  return (units * sizePx) / 1000;
}
