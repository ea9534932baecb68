/**
 * Pagination of the identity page's lists (Dasar Hukum, Keterkaitan, ...):
 * the header table and the pairs of headed lists that fit stay on the first
 * page; a list too long for it continues on the next page under its heading
 * marked "(lanjutan)", numbered on. Estimated from the font metrics, on the
 * generous side: the browser must never split the table by itself.
 */
import { FONT, contentBox, lineCount, type Paper } from './geometry.js';

/** One list of the identity page: its title and its items (plain text). */
export interface IdentityList {
  readonly title: string;
  readonly items: readonly string[];
}

/** A part of a list on one page. */
export interface ListPart {
  readonly title: string;
  /** Index of the first item shown (the list numbers on from it). */
  readonly start: number;
  readonly end: number;
  /** A continuation of a list begun on an earlier page. */
  readonly continued: boolean;
  /** The list was finished on an earlier page: the cell stays blank. */
  readonly done: boolean;
}

export interface IdentityPage {
  /** `index`: which of the given pairs the part belongs to. */
  readonly pairs: readonly { readonly index: number; readonly left: ListPart; readonly right: ListPart }[];
}

/** What the header table needs (plain text). */
export interface IdentityHeader {
  readonly instansiLines: number;
  readonly hasLogo: boolean;
  readonly nomor: string;
  readonly nama: string;
  readonly jabatan: string;
}

/** The left column of every identity row (format.md: about 45 %). */
export const IDENTITY_LEFT = 0.45;
const LINE = FONT.lineHeightPx;
const ROW_EXTRA = 2 * FONT.cellPadY + 1;
/** A list's heading row. */
const HEADING = LINE + ROW_EXTRA;
/** A list cell is at least 18 mm tall (sop.css). */
const MIN_CELL = 68;
/** Room kept free at the foot of an identity page. */
const SLACK = 24;
/** The numbered list's indent (sop.css: padding-left 20px). */
const INDENT = 20;

/** Estimated height of the header table (agency block beside six rows, one a signature block). */
export function identityHeaderHeight(p: Paper, h: IdentityHeader): number {
  const width = Math.floor(contentBox(p).width);
  const value = width * 0.37;
  const row = (text: string): number => lineCount(text, value * 0.95) * LINE + ROW_EXTRA;
  const signature = 12 + 25 * (96 / 25.4) + (lineCount(h.jabatan, value * 0.95) + 2) * LINE + 1;
  const right = row(h.nomor) + 3 * row('') + signature + row(h.nama);
  const agency = 24 + (h.hasLogo ? 113 + 10 : 0) + h.instansiLines * 2 * 19;
  return Math.max(right, agency);
}

/**
 * Lays the pairs of lists out over as many pages as they need. `itemLines`: how many lines an item takes on a side,
 * as the page model breaks it (identity-text.ts); without it, estimated.
 */
export function paginateIdentity(
  p: Paper,
  header: IdentityHeader,
  pairs: readonly (readonly [IdentityList, IdentityList])[],
  itemLines?: (text: string, side: 0 | 1) => number,
): IdentityPage[] {
  const box = contentBox(p);
  const widths = [box.width * IDENTITY_LEFT, box.width * (1 - IDENTITY_LEFT)] as const;
  const itemH = (text: string, side: 0 | 1): number => (itemLines ? Math.max(1, itemLines(text, side)) : lineCount(text, (widths[side] - INDENT) * 0.95)) * LINE;
  const pages: { index: number; left: ListPart; right: ListPart }[][] = [[]];
  let remaining = box.height - identityHeaderHeight(p, header) - SLACK;
  for (const [index, pair] of pairs.entries()) {
    const pos = [0, 0];
    let first = true;
    while (first || pos[0]! < pair[0].items.length || pos[1]! < pair[1].items.length) {
      // Items of both sides that fit under one heading row in what is left of the page.
      const room = remaining - HEADING - ROW_EXTRA;
      const ends = [0, 1].map((side) => {
        const list = pair[side as 0 | 1];
        let used = 0;
        let end = pos[side]!;
        while (end < list.items.length && used + itemH(list.items[end]!, side as 0 | 1) <= room) used += itemH(list.items[end++]!, side as 0 | 1);
        return { end, used };
      });
      const allFit = ends.every((e, side) => e.end === pair[side as 0 | 1].items.length);
      // Every items' cell is at least MIN_CELL tall, a part continued on the next page too (identity-text.ts draws it
      // so): counted only for a list's last part, two items of a pair (30 px) took a 68 px cell, 2 px past the page.
      const need = HEADING + Math.max(MIN_CELL, ROW_EXTRA + Math.max(ends[0]!.used, ends[1]!.used));
      const progress = ends.some((e, side) => e.end > pos[side]!) || allFit;
      if (!progress || need > remaining) {
        if (pages.length > 1 && pages[pages.length - 1]!.length === 0) {
          // Too long for a whole page: place at least one item of each side anyway (the browser splits it).
          ends.forEach((e, side) => (e.end = Math.max(e.end, Math.min(pair[side as 0 | 1].items.length, pos[side]! + 1))));
        } else {
          pages.push([]);
          remaining = box.height - SLACK;
          continue;
        }
      }
      const part = (side: 0 | 1): ListPart => {
        const list = pair[side];
        const start = pos[side]!;
        const done = !first && start >= list.items.length;
        return { title: done ? '' : first ? list.title : `${list.title} (lanjutan)`, start, end: ends[side]!.end, continued: !first && !done, done };
      };
      pages[pages.length - 1]!.push({ index, left: part(0), right: part(1) });
      remaining -= need;
      pos[0] = ends[0]!.end;
      pos[1] = ends[1]!.end;
      first = false;
    }
  }
  return pages.filter((pg, i) => i === 0 || pg.length > 0).map((pg) => ({ pairs: pg }));
}
