/**
 * The identity page's text, broken into lines once (text.ts), with the
 * heights of its rows: for the page model (src/page/build.ts draws it) and
 * the HTML's view model (each line its own block, each row at its height).
 * Columns as sop.css sets them (`.identity-table`: 45 %, 16 %, 2 %, the rest
 * of the content box less 2 px), x from the table's left border.
 */
import { formatDateId } from '../model/dates.js';
import type { SopModel } from '../model/model.js';
import { checkNip } from '../model/nip.js';
import { plainText } from '../util/inline.js';
import { maxOf } from '../util/array.js';
import { FONT, PX_PER_MM, contentBox, type Paper } from './geometry.js';
import { IDENTITY_LEFT, paginateIdentity, type IdentityList, type ListPart } from './identity.js';
import { runsOf, textLines, type Line, type Run } from './text.js';

const LINE = FONT.lineHeightPx;
const ROW_EXTRA = 2 * FONT.cellPadY + 1;
const inner = (w: number): number => w - 2 * FONT.cellPadX - 1;
const plain = (text: string): Run[] => [{ text, bold: false, italic: false }];

/** A list cell is at least 18 mm tall (sop.css `.lists-table td`). */
export const LIST_CELL_MIN = 18 * PX_PER_MM;
/** The numbered list's indent (sop.css: `ol` padding-left). */
export const LIST_INDENT = 20;

/** The column borders of the identity tables: agency | label | colon | value, from the table's left border, px. */
export interface IdentityColumns {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  /** The right border: Chromium lays a collapsed-border table out ~1 px wider than its width (docs/printing.md). */
  readonly e: number;
}

export function identityColumns(paper: Paper): IdentityColumns {
  const tableW = contentBox(paper).width - 2;
  const b = tableW * IDENTITY_LEFT;
  const c = b + tableW * 0.16;
  return { a: 0, b, c, d: c + tableW * 0.02, e: tableW + 1.3 };
}

export interface IdentityRowText {
  readonly label: readonly Line[];
  readonly value: readonly Line[];
  /** The row's height, px (stretched when the agency block is taller than the rows). */
  readonly height: number;
}

export interface IdentityHeaderText {
  readonly cols: IdentityColumns;
  /** Nomor SOP, the three dates, Disahkan oleh (its value empty: `signature`), Nama SOP. */
  readonly rows: readonly IdentityRowText[];
  readonly signature: { readonly position: readonly Line[]; readonly name: readonly Line[]; readonly nip: readonly Line[] };
  /** The agency's lines (upper case, bold 14 px on 19 px lines), per line of `Instansi`. */
  readonly instansi: readonly (readonly Line[])[];
  /** The logo's size as drawn (at most 40 x 30 mm), or null. */
  readonly logo: { readonly w: number; readonly h: number } | null;
  /** Height of the agency block: padding, logo and lines. */
  readonly agencyHeight: number;
}

/** `Disahkan oleh`'s position, ending in one comma. */
export const jabatanOf = (model: SopModel): string => (model.disahkanOleh.jabatan ? model.disahkanOleh.jabatan.replace(/,\s*$/, '') + ',' : '');

/** The header table of the identity page: each cell's lines and each row's height. `logo`: its natural size, px. */
export function identityHeaderText(model: SopModel, paper: Paper, logo: { readonly width: number; readonly height: number } | null): IdentityHeaderText {
  const cols = identityColumns(paper);
  const valueW = inner(cols.e - cols.d);
  const labelW = inner(cols.c - cols.b);
  const date = (d: SopModel['dates']['pembuatan']): string => (d ? formatDateId(d) : '-');
  const dash = (v: string): Run[] => (v.trim() === '' ? plain('-') : runsOf(v));
  const approver = model.disahkanOleh;
  const nip = approver.nip;
  const nipCheck = checkNip(nip);
  const empty = approver.jabatan === '' && approver.nama === '' && nip === '';
  const position: Run[] = approver.jabatan ? runsOf(jabatanOf(model)) : empty ? plain('-') : [];
  const signature = {
    position: textLines(position, valueW, 12),
    name: textLines(runsOf(approver.nama, true), valueW, 12),
    nip: textLines(nip ? plain(`NIP. ${nipCheck.ok ? nipCheck.formatted : nip}`) : [], valueW, 12),
  };
  const sigH = 6 + signature.position.length * LINE + 25 * PX_PER_MM + Math.max(LINE, signature.name.length * LINE) + signature.nip.length * LINE + 6 + 1;
  const cells: { label: string; value: Run[]; sig?: boolean }[] = [
    { label: 'Nomor SOP', value: dash(model.number) },
    { label: 'Tanggal Pembuatan', value: dash(date(model.dates.pembuatan)) },
    { label: 'Tanggal Revisi', value: dash(date(model.dates.revisi)) },
    { label: 'Tanggal Efektif', value: dash(date(model.dates.efektif)) },
    { label: 'Disahkan oleh', value: [], sig: true },
    { label: 'Nama SOP', value: dash(model.name).map((r) => ({ ...r, bold: true })) },
  ];
  const rows = cells.map((c) => {
    const label = textLines(runsOf(c.label, true), labelW, 12);
    const value = textLines(c.value, valueW, 12);
    const h = Math.max(1, label.length, value.length) * LINE + ROW_EXTRA;
    return { label, value, height: c.sig ? Math.max(sigH, h) : h };
  });
  // The agency block: logo and upper-case lines, centred in the rowspan; it may make the rows taller.
  const agencyW = cols.b - cols.a - 24 - 1;
  const k = logo ? Math.min(1, (40 * PX_PER_MM) / logo.width, (30 * PX_PER_MM) / logo.height) : 0;
  const drawn = logo ? { w: logo.width * k, h: logo.height * k } : null;
  const instansi = model.instansi.map((l) => textLines(runsOf(plainText(l).toLocaleUpperCase('id'), true), agencyW, 14));
  const agencyHeight = 24 + 1 + (drawn ? drawn.h + 10 : 0) + instansi.reduce((a, ls) => a + Math.max(1, ls.length) * 19, 0);
  const total = rows.reduce((a, r) => a + r.height, 0);
  const stretched = agencyHeight > total ? rows.map((r) => ({ ...r, height: r.height + ((agencyHeight - total) * r.height) / total })) : rows;
  return { cols, rows: stretched, signature, instansi, logo: drawn, agencyHeight };
}

/** The identity page's lists (Dasar Hukum / Kualifikasi Pelaksana, …), paired, as paginateIdentity shares them out. */
export const identityLists = (model: SopModel): readonly (readonly [IdentityList, IdentityList])[] => [
  [{ title: 'Dasar Hukum', items: model.lists.dasarHukum }, { title: 'Kualifikasi Pelaksana', items: model.lists.kualifikasi }],
  [{ title: 'Keterkaitan', items: model.lists.keterkaitan }, { title: 'Peralatan/Perlengkapan', items: model.lists.peralatan }],
  [{ title: 'Peringatan', items: model.lists.peringatan }, { title: 'Pencatatan dan Pendataan', items: model.lists.pencatatan }],
];

/** One side of a pair of lists on one page: its heading's lines, each item's lines (none for a finished list). */
export interface ListSideText {
  readonly part: ListPart;
  readonly list: IdentityList;
  readonly title: readonly Line[];
  /** Per item shown; an empty list prints "-" (`dash`). */
  readonly items: readonly (readonly Line[])[];
  readonly dash: boolean;
  /** The cell's left and right borders, from the table's left border. */
  readonly left: number;
  readonly right: number;
}

export interface ListPairText {
  /** Which of identityLists' pairs. */
  readonly index: number;
  readonly sides: readonly [ListSideText, ListSideText];
  /** Heights of the heading row and of the items' row, px. */
  readonly headHeight: number;
  readonly height: number;
}

/** The lists of each identity page: their lines and rows' heights. */
export function identityListPages(model: SopModel, paper: Paper, hasLogo: boolean): ListPairText[][] {
  const cols = identityColumns(paper);
  const lists = identityLists(model);
  // Items counted in the lines they print in (the estimate took a page's list for 30 px shorter than it printed: the
  // browser then ran 2 px past the page and printed a blank page with the table's last border, 12 lanes on A4).
  const widths = [inner(cols.b - cols.a) - LIST_INDENT, inner(cols.e - 1 - cols.b) - LIST_INDENT] as const;
  const itemLines = (t: string, side: 0 | 1): number => textLines(runsOf(t), widths[side], 12).length;
  const pages = paginateIdentity(paper, { instansiLines: model.instansi.length, hasLogo, nomor: plainText(model.number), nama: plainText(model.name), jabatan: jabatanOf(model) }, lists, itemLines);
  return pages.map((pg) =>
    pg.pairs.map((pair) => {
      const src = lists[pair.index]!;
      const side = (part: ListPart, list: IdentityList, left: number, right: number): ListSideText => {
        const w = inner(right - left);
        const shown = part.done ? [] : list.items.slice(part.start, part.end);
        return { part, list, title: textLines(runsOf(part.title, true), w, 12), items: shown.map((t) => textLines(runsOf(t), w - LIST_INDENT, 12)), dash: !part.done && list.items.length === 0, left, right };
      };
      const sides = [side(pair.left, src[0], cols.a, cols.b), side(pair.right, src[1], cols.b, cols.e - 1)] as const;
      const headHeight = maxOf(sides.map((s) => Math.max(1, s.title.length))) * LINE + ROW_EXTRA;
      const used = (s: ListSideText): number => (s.dash ? LINE : s.items.reduce((a, ls) => a + Math.max(1, ls.length) * LINE, 0));
      const height = Math.max(LIST_CELL_MIN, maxOf(sides.map((s) => used(s) + ROW_EXTRA)));
      return { index: pair.index, sides, headHeight, height };
    }),
  );
}

