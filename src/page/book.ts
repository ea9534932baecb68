/**
 * The book without a browser (`sop book`, `--pdf-engine native`, the default): its own pages (cover, foreword,
 * Daftar Isi, Daftar SOP) as page models (src/page/types.ts) with text broken by src/layout/text.ts, the SOPs' page
 * models (src/page/build.ts), the footer on every page, all drawn into one PDF/A-2b document by the drawing of the
 * single-SOP PDF (src/page/pdf.ts openNativePdf, drawPage). Every page is known before anything is drawn, so the
 * contents give the real page numbers in one pass, the outline points at each part's first page, and the links
 * (contents, register, Keterkaitan between SOPs of the book) are jumps to a page, never a URI.
 */
import { createHash } from 'node:crypto';
import type { BookWords } from '../model/config.js';
import { PX_PER_MM } from '../layout/geometry.js';
import { baseline } from './build.js';
import { drawPage, openNativePdf, PT, type Doc } from './pdf.js';
import { kernedWidth, textLines, wrap, type Line, type Run, type Wrap } from '../layout/text.js';
import type { LinkMark, Mark, PageModel } from './types.js';
import { displayDate, type RegisterRow } from '../book/register.js';
import { markdownBlocks, type PagePaper } from '../book/front-matter.js';
import { maxOf } from '../util/array.js';

const MM = PX_PER_MM;
/** CSS pt to px. */
const pt = (v: number): number => (v * 4) / 3;
/** The margins of the book's own pages (front-matter.ts `@page`): 25 mm top, 20 mm sides, 22 mm bottom. */
const TOP = 25 * MM;
const SIDE = 20 * MM;
const BOTTOM = 22 * MM;
/** The body's line height. */
const LH = 1.45;

/** An image for the cover: PNG or JPEG (src/page/native.ts drawableImage), with its natural size in px. */
export interface BookImage {
  readonly mime: string;
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** The logo's file as messages name it. */
  readonly name?: string;
}

export interface NativeCover {
  readonly instansi: readonly string[];
  readonly logo: BookImage | null;
  readonly title: string;
  readonly subtitle: string;
  readonly year: string;
}

/** One SOP of the book: its page model and the words the book shows for it (hidden characters already made visible). */
export interface NativeBookSop {
  readonly pages: readonly PageModel[];
  /** Daftar Isi: the name, and the Nomor SOP under it. */
  readonly title: string;
  readonly nomor: string;
  readonly bookmark: string;
}

export interface NativeBookInput {
  readonly paper: PagePaper;
  readonly words: BookWords;
  readonly cover: NativeCover;
  /** The foreword's Markdown, or null for none. */
  readonly foreword: string | null;
  /** The register, hidden characters already made visible. */
  readonly rows: readonly RegisterRow[];
  readonly sops: readonly NativeBookSop[];
  readonly meta: { readonly title: string; readonly author: string; readonly creationDate: Date | null; readonly modDate: Date | null };
}

/** A page of the book being built: its marks, the links (by target SOP) and grey fills drawn under the marks. */
interface BookPage {
  readonly width: number;
  readonly height: number;
  readonly marks: Mark[];
  readonly links: { x: number; y: number; w: number; h: number; sop: number }[];
  readonly fills: { x: number; y: number; w: number; h: number }[];
}

const r2 = (v: number): number => Math.round(v * 100) / 100;
const plain = (text: string, bold = false, italic = false): Run[] => [{ text, bold, italic }];

/** Pages that fill from the top margin down, a new page when the next block does not fit. */
class Flow {
  readonly pages: BookPage[] = [];
  y = 0;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.newPage();
  }
  get page(): BookPage {
    return this.pages[this.pages.length - 1]!;
  }
  get left(): number {
    return SIDE;
  }
  get inner(): number {
    return this.width - 2 * SIDE;
  }
  get limit(): number {
    return this.height - BOTTOM;
  }
  /** A margin waiting for the next block: adjacent margins collapse (the larger one counts), as in CSS. */
  private pending = 0;
  newPage(): void {
    this.pages.push({ width: this.width, height: this.height, marks: [], links: [], fills: [] });
    this.y = TOP;
    this.pending = 0;
  }
  margin(m: number): void {
    this.pending = Math.max(this.pending, m);
  }
  /** The pending margin applied (none at the top of a page). */
  settle(): void {
    if (this.y > TOP + 0.01) this.y += this.pending;
    this.pending = 0;
  }
  /** Room for `h` px more on this page (a new page otherwise, unless this one is still empty). */
  need(h: number): void {
    if (this.y + h > this.limit + 0.01 && this.y > TOP + 0.01) this.newPage();
  }
  /** Wrapped lines placed from the flow's y, each line moving to a new page when it does not fit; returns nothing. */
  lines(runs: readonly Run[], size: number, lh: number, x: number, width: number, align: 'left' | 'center' | 'justify' = 'left'): void {
    this.settle();
    const ls = wrap(runs, width, size);
    ls.forEach((l, i) => {
      this.need(lh);
      if (align === 'justify' && i < ls.length - 1) justified(this.page, l.runs, l.width, size, lh, x, this.y, width);
      else line(this.page, l.runs, l.width, size, lh, x, this.y, width, align === 'justify' ? 'left' : align);
      this.y += lh;
    });
  }
}

/**
 * A line stretched to `box` (`text-align: justify`, every line of a paragraph but its last): one text mark per word,
 * the spaces widened alike.
 */
function justified(page: BookPage, runs: readonly Run[], width: number, size: number, lh: number, x: number, top: number, box: number): void {
  const words: Run[][] = [[]];
  let spaces = 0;
  let spaceW = 0;
  for (const r of runs) {
    r.text.split(' ').forEach((piece, k) => {
      if (k > 0) {
        words.push([]);
        spaces++;
        spaceW += kernedWidth(' ', size, r.bold, r.italic);
      }
      if (piece !== '') words[words.length - 1]!.push({ ...r, text: piece });
    });
  }
  const filled = words.filter((w) => w.length > 0);
  if (spaces === 0 || filled.length < 2) return line(page, runs, width, size, lh, x, top, box, 'left');
  const gap = spaceW / spaces + (box - width) / spaces;
  let at = x;
  for (const w of words) {
    if (w.length === 0) {
      at += gap;
      continue;
    }
    const ww = w.reduce((a, r) => a + kernedWidth(r.text, size, r.bold, r.italic), 0);
    line(page, w, ww, size, lh, at, top, ww, 'left');
    at += ww + gap;
  }
}

/** One line of text at `top` (its line box), aligned in `width`. */
function line(page: BookPage, runs: readonly Run[], width: number, size: number, lh: number, x: number, top: number, box: number, align: 'left' | 'center' | 'right'): void {
  if (runs.every((r) => r.text === '')) return;
  const lx = align === 'center' ? x + box / 2 : align === 'right' ? x + box : x;
  page.marks.push({ kind: 'text', x: r2(lx), y: r2(top + baseline(size, lh)), size, anchor: align === 'center' ? 'middle' : align === 'right' ? 'end' : 'start', runs, width: r2(width) });
}


/**
 * An identifier (Nomor SOP) broken only after a "/" (front-matter.ts idHtml with `word-break: keep-all`): pieces
 * joined while they fit; a piece wider than the box stands alone on its line (it overflows, as in the browser).
 */
export const wrapId: Wrap = (runs, width, size) => {
  const text = runs.map((r) => r.text).join('');
  const bold = runs[0]?.bold ?? false;
  const out: Line[] = [];
  let cur = '';
  for (const piece of text.split(/(?<=\/)/)) {
    if (cur !== '' && kernedWidth(cur + piece, size, bold) > width + 0.01) {
      out.push({ runs: plain(cur, bold), width: kernedWidth(cur, size, bold) });
      cur = '';
    }
    cur += piece;
  }
  if (cur !== '' || out.length === 0) out.push({ runs: plain(cur, bold), width: kernedWidth(cur, size, bold) });
  return out;
};

/** Wrapped text in a box from `top`: the lines and the height they take. */
function block(page: BookPage, runs: readonly Run[], size: number, lh: number, x: number, top: number, width: number, align: 'left' | 'center' | 'right' = 'left', by: Wrap = wrap): number {
  const ls = textLines(runs, width, size, by);
  ls.forEach((l, i) => line(page, l.runs, l.width, size, lh, x, top + i * lh, width, align));
  return ls.length * lh;
}

const linesOf = (runs: readonly Run[], size: number, width: number, by: Wrap = wrap): number => textLines(runs, width, size, by).length;

/** The page heading (h1: 15 pt, bold, upper case, centred, 10 mm under it). */
function heading(f: Flow, text: string): void {
  const size = pt(15);
  f.lines(plain(text.toUpperCase(), true), size, size * LH, f.left, f.inner, 'center');
  f.margin(10 * MM);
}

/** The cover page (exported for its test: it holds book.title, subtitle and year at their limits). */
/** The cover's title, subtitle and year: size and line height, px (front-matter.ts's CSS for the Chromium engine). */
const COVER = {
  title: { size: pt(24), lh: pt(24) * 1.25 },
  sub: { size: pt(14), lh: pt(14) * LH },
  year: { size: pt(16), lh: pt(16) * LH },
} as const;

/** What the cover's sizes depend on: its words, and the logo's size (the Chromium engine passes its pixels too). */
export type CoverWords = Pick<NativeCover, 'instansi' | 'title' | 'subtitle' | 'year'> & { readonly logo: { readonly width: number; readonly height: number } | null };

/**
 * The size of the agency's lines on the cover, pt: 14, or smaller, down to 8, where at 14 pt they would run over
 * the footer (four long lines under a long title and a logo). The native cover and the Chromium engine's
 * (front-matter.ts coverHtml) both print them at this size.
 */
export function coverInstansiPt(paper: { width: number; height: number }, c: CoverWords): number {
  return instansiPt(coverMeasure(paper, c));
}

function instansiPt(m: CoverMeasure): number {
  let p = 14;
  while (p > 8 && m.middle + m.bottomAt(p) > m.boxH) p--;
  return p;
}

/** The cover's box, its middle block's height and its bottom block's height at an instansi size (pt). */
function coverMeasure(paper: { width: number; height: number }, c: CoverWords): CoverMeasure {
  const inner = paper.width - 2 * SIDE;
  const { title, sub, year } = COVER;
  let logo: { w: number; h: number } | null = null;
  if (c.logo) {
    const k = Math.min(1, (45 * MM) / c.logo.width, (45 * MM) / c.logo.height);
    logo = { w: c.logo.width * k, h: c.logo.height * k };
  }
  const runs = { title: plain(c.title.toUpperCase(), true), sub: plain(c.subtitle), inst: c.instansi.map((l) => plain(l.toUpperCase(), true)), year: plain(c.year, true) };
  const middle = (logo ? logo.h + 8 * MM : 0) + linesOf(runs.title, title.size, inner) * title.lh + (c.subtitle ? 6 * MM + linesOf(runs.sub, sub.size, inner) * sub.lh : 0);
  const yearLines = linesOf(runs.year, year.size, inner) * year.lh;
  const bottomAt = (p: number): number => runs.inst.reduce((h, r) => h + linesOf(r, pt(p), inner) * pt(p) * 1.35, 0) + yearLines;
  return { boxH: paper.height - 47 * MM, middle, logo, runs, bottomAt };
}

/** The cover's box height, its middle block's height, the logo's size, its words as runs, its bottom block's height at an instansi size (pt). */
interface CoverMeasure {
  readonly boxH: number;
  readonly middle: number;
  readonly logo: { w: number; h: number } | null;
  readonly runs: { readonly title: Run[]; readonly sub: Run[]; readonly inst: Run[][]; readonly year: Run[] };
  readonly bottomAt: (p: number) => number;
}

export function cover(paper: { width: number; height: number }, c: NativeCover): BookPage {
  const page: BookPage = { width: paper.width, height: paper.height, marks: [], links: [], fills: [] };
  const inner = paper.width - 2 * SIDE;
  const { title, sub, year } = COVER;
  const m = coverMeasure(paper, c);
  const { boxH, middle, logo, runs } = m;
  const p = instansiPt(m);
  const inst = { size: pt(p), lh: pt(p) * 1.35 };
  const bottom = m.bottomAt(p);
  // flex, space-between: an empty block at the top, the middle one halfway through the free space, the last at the bottom.
  let y = TOP + Math.max(0, (boxH - middle - bottom) / 2);
  if (c.logo && logo) {
    page.marks.push({ kind: 'image', x: r2(paper.width / 2 - logo.w / 2), y: r2(y), w: r2(logo.w), h: r2(logo.h), mime: c.logo.mime, bytes: c.logo.bytes, ...(c.logo.name ? { name: c.logo.name } : {}) });
    y += logo.h + 8 * MM;
  }
  y += block(page, runs.title, title.size, title.lh, SIDE, y, inner, 'center');
  if (c.subtitle) block(page, runs.sub, sub.size, sub.lh, SIDE, y + 6 * MM, inner, 'center');
  y = TOP + Math.max(boxH - bottom, middle);
  for (const r of runs.inst) y += block(page, r, inst.size, inst.lh, SIDE, y, inner, 'center');
  block(page, runs.year, year.size, year.lh, SIDE, y, inner, 'center');
  return page;
}

/** Inline Markdown (`**bold**`, `*italic*`, `_italic_`) as runs, as front-matter.ts inlineMd reads it. */
export function inlineRuns(s: string): Run[] {
  const out: Run[] = [];
  const re = /\*\*([^*]+)\*\*|(^|[^\w*])\*([^*\s][^*]*)\*|(^|\W)_([^_\s][^_]*)_/g;
  let at = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const lead = m[2] ?? m[4] ?? '';
    const start = m.index + lead.length;
    if (start > at || lead) out.push({ text: s.slice(at, start), bold: false, italic: false });
    if (m[1] !== undefined) out.push({ text: m[1], bold: true, italic: false });
    else out.push({ text: m[3] ?? m[5] ?? '', bold: false, italic: true });
    at = m.index + m[0].length;
  }
  if (at < s.length) out.push({ text: s.slice(at), bold: false, italic: false });
  return out.filter((r) => r.text !== '');
}

function foreword(f: Flow, words: BookWords, text: string): void {
  heading(f, words.foreword);
  const size = pt(11);
  const lh = size * LH;
  for (const b of markdownBlocks(text)) {
    if (b.kind === 'h') {
      const hs = b.level === 2 ? pt(12.5) : pt(11);
      f.margin((b.level === 2 ? 6 : 4) * MM);
      f.settle();
      // A heading is not left alone at the foot of a page.
      f.need(hs * LH * 2);
      f.lines(inlineRuns(b.text).map((r) => ({ ...r, bold: true })), hs, hs * LH, f.left, f.inner);
      f.margin((b.level === 2 ? 2 : 1) * MM);
    } else if (b.kind === 'p') {
      f.lines(inlineRuns(b.text), size, lh, f.left, f.inner, 'justify');
      f.margin(3 * MM);
    } else {
      f.margin(size);
      f.settle();
      b.items.forEach((item, i) => {
        f.need(lh);
        const marker = b.ordered ? `${i + 1}.` : '\u2022';
        line(f.page, plain(marker), kernedWidth(marker, size, false), size, lh, f.left, f.y, 40 - 6, 'right');
        f.lines(inlineRuns(item), size, lh, f.left + 40, f.inner - 40);
      });
      f.margin(size);
    }
  }
}

/** A Daftar Isi entry: a part of the book (bold, no number) or an SOP (numbered, its Nomor under the name). */
interface Entry {
  readonly title: string;
  readonly nomor: string;
  readonly page: number;
  readonly sop: number | null;
}

function contents(f: Flow, words: BookWords, entries: readonly Entry[]): void {
  heading(f, words.contents);
  const size = pt(10);
  const lh = size * LH;
  const small = pt(9);
  const tableW = f.inner * 0.996;
  const noW = 13 * MM;
  const pageW = 16 * MM;
  const nameW = tableW - noW - pageW - 2 * MM;
  const pad = 1.2 * MM;
  f.settle();
  let n = 0;
  for (const e of entries) {
    const bold = e.sop === null;
    const name = plain(e.title, bold);
    const nomor = e.sop !== null && e.nomor ? plain(e.nomor) : [];
    const h = 2 * pad + linesOf(name, size, nameW) * lh + linesOf(nomor, small, nameW, wrapId) * small * LH;
    f.need(h);
    const top = f.y + pad;
    const page = f.page;
    if (e.sop !== null) {
      n++;
      const no = `${n}.`;
      line(page, plain(no), kernedWidth(no, size, false), size, lh, f.left, top, noW - 3 * MM, 'right');
    }
    const nameH = block(page, name, size, lh, f.left + noW + MM, top, nameW);
    block(page, nomor, small, small * LH, f.left + noW + MM, top + nameH, nameW, 'left', wrapId);
    const num = String(e.page);
    line(page, plain(num, bold), kernedWidth(num, size, bold), size, lh, f.left + tableW - pageW, top, pageW - MM, 'right');
    if (e.sop !== null) {
      page.links.push({ x: f.left + noW + MM, y: top, w: nameW, h: nameH, sop: e.sop });
      page.links.push({ x: f.left + tableW - pageW, y: top, w: pageW - MM, h: lh, sop: e.sop });
    }
    f.y += h;
  }
}

function register(f: Flow, words: BookWords, rows: readonly RegisterRow[]): void {
  heading(f, words.register);
  const size = pt(10);
  const lh = size * LH;
  const tableW = f.inner * 0.996;
  const fixed = [10 * MM, 44 * MM, 0, 26 * MM, 36 * MM];
  const widths = fixed.map((w) => (w === 0 ? tableW - fixed.reduce((a, b) => a + b, 0) : w));
  const padX = 1.5 * MM;
  const padY = 1.2 * MM;
  const xs = widths.map((_, i) => f.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  f.settle();
  /** The Nomor SOP breaks only after a "/". */
  const by = (i: number, head: boolean): Wrap => (i === 1 && !head ? wrapId : wrap);
  const heightOf = (cells: readonly Run[][], head: boolean): number => 2 * padY + maxOf(cells.map((c, i) => linesOf(c, size, widths[i]! - 2 * padX, by(i, head))), 1) * lh;
  const row = (cells: readonly Run[][], head: boolean, sop: number | null): void => {
    const h = heightOf(cells, head);
    const page = f.page;
    if (head) page.fills.push({ x: xs[0]!, y: f.y, w: tableW, h });
    cells.forEach((c, i) => {
      const w = widths[i]!;
      page.marks.push({ kind: 'rect', x: r2(xs[i]!), y: r2(f.y), w: r2(w), h: r2(h), fill: null, stroke: 1, role: 'cell' });
      block(page, c, size, lh, xs[i]! + padX, f.y + padY, w - 2 * padX, head ? 'center' : i === 0 ? 'right' : 'left', by(i, head));
    });
    if (sop !== null) page.links.push({ x: xs[2]! + padX, y: f.y + padY, w: widths[2]! - 2 * padX, h: h - 2 * padY, sop });
    f.y += h;
  };
  const header = ['No', 'Nomor SOP', 'Nama SOP', 'Tanggal Efektif', 'Unit'].map((t) => plain(t, true));
  row(header, true, null);
  rows.forEach((r, i) => {
    const cells = [plain(String(r.no)), plain(r.nomor || '-'), plain(r.nama || '-'), plain(displayDate(r.efektif)), plain(r.unit || '-')];
    if (f.y + heightOf(cells, false) > f.limit + 0.01) {
      // The header again on every page (thead).
      f.newPage();
      row(header, true, null);
    }
    row(cells, false, i);
  });
}

/**
 * `{page}` and `{pages}` filled: 8 pt, centred, its baseline 7 mm above the page's foot; one line, made smaller should
 * it be wider than the page inside its side margins (`book.words.footer` is at most 100 characters: src/model/limits.ts).
 */
export function footer(page: { width: number; height: number }, text: string): Mark {
  const room = page.width - 2 * SIDE;
  const wide = kernedWidth(text, pt(8), false);
  const size = wide > room ? (pt(8) * room) / wide : pt(8);
  return { kind: 'text', x: r2(page.width / 2), y: r2(page.height - 7 * MM), size, anchor: 'middle', runs: plain(text), width: r2(kernedWidth(text, size, false)) };
}

const SOP_HREF = /^\.\/sop\/(\d+)$/;

/** The book as PDF bytes, and its page count. */
export async function nativeBook(input: NativeBookInput): Promise<{ bytes: Uint8Array; pages: number }> {
  const size = { width: input.paper.widthMm * MM, height: input.paper.heightMm * MM };
  const front: { pages: BookPage[]; bookmark: string | null }[] = [{ pages: [cover(size, input.cover)], bookmark: null }];
  if (input.foreword !== null) {
    const f = new Flow(size.width, size.height);
    foreword(f, input.words, input.foreword);
    front.push({ pages: f.pages, bookmark: input.words.foreword });
  }
  const reg = new Flow(size.width, size.height);
  register(reg, input.words, input.rows);
  // The contents' length does not depend on the numbers it shows (their column has a fixed width): laid out once to
  // count its pages, then with the real numbers.
  const entries = (contentsN: number): Entry[] => {
    const list: Entry[] = [];
    let page = front.reduce((n, p) => n + p.pages.length, 0) + 1;
    if (input.foreword !== null) list.push({ title: input.words.foreword, nomor: '', page: 2, sop: null });
    page += contentsN;
    list.push({ title: input.words.register, nomor: '', page, sop: null });
    page += reg.pages.length;
    input.sops.forEach((s, i) => {
      list.push({ title: s.title, nomor: s.nomor, page, sop: i });
      page += s.pages.length;
    });
    return list;
  };
  const probe = new Flow(size.width, size.height);
  contents(probe, input.words, entries(0));
  const toc = new Flow(size.width, size.height);
  contents(toc, input.words, entries(probe.pages.length));
  front.push({ pages: toc.pages, bookmark: input.words.contents }, { pages: reg.pages, bookmark: input.words.register });

  // Every page of the book, in order, with the bookmark on each part's first page.
  const all: { page: PageModel; fills: BookPage['fills']; links: { x: number; y: number; w: number; h: number; sop: number }[]; bookmark: string | null }[] = [];
  for (const part of front) part.pages.forEach((p, i) => all.push({ page: { width: p.width, height: p.height, kind: 'identity', marks: p.marks }, fills: p.fills, links: p.links, bookmark: i === 0 ? part.bookmark : null }));
  const firstOf: number[] = [];
  input.sops.forEach((s) => {
    firstOf.push(all.length);
    s.pages.forEach((p, i) => {
      const links: { x: number; y: number; w: number; h: number; sop: number }[] = [];
      const marks = p.marks.filter((m) => {
        if (m.kind !== 'link') return true;
        const hit = SOP_HREF.exec((m as LinkMark).href);
        if (hit && Number(hit[1]) < input.sops.length) links.push({ x: m.x, y: m.y, w: m.w, h: m.h, sop: Number(hit[1]) });
        return false;
      });
      all.push({ page: { ...p, marks }, fills: [], links, bookmark: i === 0 ? s.bookmark : null });
    });
  });
  const total = all.length;
  const pages = all.map((a, i) => ({ ...a.page, marks: [...a.page.marks, footer(a.page, input.words.footer.replace('{page}', String(i + 1)).replace('{pages}', String(total)))] }));

  const { pdf, root, finish } = await openNativePdf({ title: input.meta.title, subject: '', author: input.meta.author, creationDate: input.meta.creationDate, modDate: input.meta.modDate });
  cacheImages(pdf);
  const refs: PDFKitRef[] = [];
  const pending: { ref: PDFKitRef; to: number }[] = [];
  pages.forEach((page, i) => {
    const a = all[i]!;
    pdf.addPage({ size: [page.width * PT, page.height * PT], margin: 0 });
    const current = (pdf as unknown as { page: { dictionary: PDFKitRef; annotations: PDFKitRef[] } }).page;
    refs.push(current.dictionary);
    if (a.bookmark !== null) pdf.outline.addItem(a.bookmark);
    if (a.fills.length > 0) {
      pdf.markContent('Artifact');
      pdf.save();
      for (const r of a.fills) pdf.rect(r.x * PT, r.y * PT, r.w * PT, r.h * PT);
      pdf.fillColor('#eeeeee').fill();
      pdf.restore();
      pdf.endMarkedContent();
    }
    drawPage(pdf, page, root);
    // A jump to a page not drawn yet: the annotation is written at the end, once every page has its reference.
    for (const l of a.links) {
      const ref = (pdf as unknown as { ref: (data: object) => PDFKitRef }).ref({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [l.x * PT, (page.height - l.y - l.h) * PT, (l.x + l.w) * PT, (page.height - l.y) * PT].map(r2),
        Border: [0, 0, 0],
        F: 4,
      });
      current.annotations.push(ref);
      pending.push({ ref, to: firstOf[l.sop]! });
    }
  });
  for (const p of pending) {
    p.ref.data['Dest'] = [refs[p.to]!, 'Fit'];
    p.ref.end();
  }
  return { bytes: await finish(), pages: total };
}

interface PDFKitRef {
  data: Record<string, unknown>;
  end(): void;
}

/** One image object for one logo, however many SOPs show it (PDFKit embeds a Buffer again on every call). */
function cacheImages(pdf: Doc): void {
  const doc = pdf as unknown as { image: (src: unknown, ...rest: unknown[]) => unknown; openImage: (src: Buffer) => unknown };
  const image = doc.image.bind(pdf);
  const seen = new Map<string, unknown>();
  doc.image = (src: unknown, ...rest: unknown[]): unknown => {
    if (!Buffer.isBuffer(src)) return image(src, ...rest);
    const key = createHash('sha256').update(src).digest('hex');
    let img = seen.get(key);
    if (!img) {
      img = doc.openImage(src);
      seen.set(key, img);
    }
    return image(img, ...rest);
  };
}
