/**
 * The page model of one SOP (see types.ts): the identity page(s) and the
 * procedure pages as the HTML prints them (templates/, sop.css), placed from
 * the layout's columns, rows, symbols, arrows and labels, with text broken
 * into lines by text.ts. `procedureSheet` is the procedure as one continuous
 * table (the SVG and PNG).
 */
import { DEFAULT_HEADERS, type HeaderWords, type SopConfig } from '../model/config.js';
import type { SopModel } from '../model/model.js';
import { LIMITS, arrowReach } from '../model/limits.js';
import { timingLine } from '../model/flow-facts.js';
import { layoutOptions, layoutSop, tableFrame, type TableFrame } from '../layout/layout.js';
import { FONT, LABEL_PX, PX_PER_MM, contentBox, laneLefts, laneWidths, type Paper } from '../layout/geometry.js';
import { LIST_INDENT, identityHeaderText, identityListPages, type ListSideText } from '../layout/identity-text.js';
import { CAPTION, aloneOnPage, rowMinHeight, type MeasuredHeights } from '../layout/paginate.js';
import type { Piece, RowLayout, SopLayout, Y } from '../layout/types.js';
import { FLOW_STROKE, labelMarks, symbolMarks } from '../layout/flow-marks.js';
import { safeRelativeHref } from '../util/href.js';
import { kernedWidth, runWidth, runsOf, textLines, type Line, type Run } from '../layout/text.js';
import { captionText, cellInner, headerText, stepText, timingText, type CellText, type StepText } from '../layout/table-text.js';
import type { Data, DocumentModel, Mark, PageModel } from './types.js';

export interface PageOptions {
  readonly config?: SopConfig;
  /** The logo: its bytes, type and natural size in px. */
  readonly logo?: { readonly mime: string; readonly bytes: Uint8Array; readonly width: number; readonly height: number; readonly name?: string } | null;
  /** Keterkaitan links, by item: the href of the related SOP's output, or null. */
  readonly links?: readonly (string | null)[];
}

const LINE = FONT.lineHeightPx;
const PAD_X = FONT.cellPadX;
const PAD_Y = FONT.cellPadY;
const STROKE = FLOW_STROKE;

/** Chromium's baseline in a line box: ascent and descent of the font rounded to whole px, half the leading (whole px) above. */
export function baseline(size: number, lineHeight: number): number {
  const a = Math.round(size * 0.905);
  const d = Math.round(size * 0.212);
  return Math.floor((lineHeight - (a + d)) / 2) + a;
}

interface TextExtra {
  readonly underline?: boolean;
  readonly heading?: boolean;
  readonly data?: Data;
}

/** Accumulates marks; text helpers place wrapped lines. */
class Sheet {
  readonly marks: Mark[] = [];
  /** The table row the next text() is a cell of (the PDF's table structure), or none. */
  row: { readonly row: number; readonly header: boolean } | null = null;
  private cells = 0;

  /** A cell's border (centres of its 1 px rules), snapped to whole px as Chromium paints borders. */
  cell(x1: number, y1: number, x2: number, y2: number): void {
    const a = snap(x1);
    const b = snap(y1);
    this.marks.push({ kind: 'rect', x: a, y: b, w: snap(x2) - a, h: snap(y2) - b, fill: null, stroke: 1, role: 'cell' });
  }

  rule(x1: number, y1: number, x2: number, y2: number): void {
    this.marks.push({ kind: 'line', x1: snap(x1), y1: snap(y1), x2: snap(x2), y2: snap(y2), width: 1, role: 'rule' });
  }

  /**
   * Text wrapped in a box of `width` from (x, top): lines of `lh` px, aligned. Returns the height used.
   * `underline`: each line underlined (the signature's name).
   */
  text(runs: readonly Run[], x: number, top: number, width: number, size: number, lh: number, align: 'left' | 'center' = 'left', extra: TextExtra = {}): number {
    return this.place(textLines(runs, width, size), x, top, width, size, lh, align, extra);
  }

  /** Lines broken already (layout/table-text.ts), placed as text() places them. */
  place(lines: readonly Line[], x: number, top: number, width: number, size: number, lh: number, align: 'left' | 'center' = 'left', extra: TextExtra = {}): number {
    if (lines.length === 0) return 0;
    const base = baseline(size, lh);
    const cell = this.row ? { ...this.row, id: ++this.cells } : null;
    lines.forEach((l, i) => {
      const lx = align === 'center' ? x + width / 2 : x;
      this.marks.push({
        kind: 'text',
        x: r2(lx),
        y: r2(top + i * lh + base),
        size,
        anchor: align === 'center' ? 'middle' : 'start',
        runs: l.runs,
        width: r2(l.width),
        ...(extra.underline ? { underline: true } : {}),
        ...(extra.heading ? { heading: true } : {}),
        ...(cell ? { cell } : {}),
        ...(extra.data ? { data: extra.data } : {}),
      });
    });
    return lines.length * lh;
  }
}

const r2 = (v: number): number => Math.round(v * 100) / 100;
/** The centre of a 1 px rule whose centre would be at `v`, on whole px (Chromium fills borders as whole-px rectangles). */
const snap = (v: number): number => Math.round(v - 0.5) + 0.5;
/** Chromium places the page's content box on whole px: 15 mm = 56.69 px prints at 57. */
const marginPx = (p: Paper): number => Math.round(p.marginMm * PX_PER_MM);

/** The whole document: identity page(s), then the procedure pages. */
export function buildDocument(model: SopModel, options: PageOptions = {}): DocumentModel {
  const config = options.config ?? {};
  const lay = documentLayout(model, config);
  const headers = { ...DEFAULT_HEADERS, ...(config.headers ?? {}) };
  const identity = identityPages(model, lay.paper, options);
  const timing = timingLine(model.timing, model.steps);
  const procedure = lay.pages.map((pg, i) =>
    procedurePage(model, lay, headers, pg.rows, i === lay.pages.length - 1 ? timing : null, {
      width: lay.paper.widthMm * PX_PER_MM,
      height: lay.paper.heightMm * PX_PER_MM,
      margin: marginPx(lay.paper),
    }),
  );
  return { pages: [...identity, ...procedure], procedureStart: procedure.length > 0 ? identity.length : -1 };
}

/**
 * The procedure as one continuous table, header once, no page break (the
 * SVG): every step on one page of the layout, rows as tall as their text.
 */
export function procedureSheet(model: SopModel, options: PageOptions = {}): PageModel {
  const config = options.config ?? {};
  const reach = arrowReach(model);
  if (reach > LIMITS.sheetReach) {
    const n = (v: number): string => v.toLocaleString('id-ID');
    throw new Error(`gambar satu lembar (svg, png) tidak dibuat: panah-panahnya bersama melintasi ${n(reach)} baris, batasnya ${n(LIMITS.sheetReach)}; PDF dan HTML (per halaman) tetap dibuat`);
  }
  const lay = unpaginatedLayout(model, config);
  const headers = { ...DEFAULT_HEADERS, ...(config.headers ?? {}) };
  const sym = lay.symbol.h;
  const rows = (lay.pages[0]?.rows ?? []).map((r) => (r.step ? { ...r, minHeight: rowMinHeight(model, r.step, lay.columns, sym) } : r));
  const margin = marginPx(lay.paper);
  const probe = procedurePage(model, lay, headers, rows, timingLine(model.timing, model.steps), { width: 0, height: 0, margin });
  return { ...probe, width: Math.ceil(lay.columns.table + 2 * margin + 4), height: Math.ceil(probe.height + margin) };
}

/**
 * The heights this renderer draws, given to the paginator as measured ones (as a Chromium PDF build gives it the
 * browser's): the native drawing is what the model says, so its pages are filled as closely as the browser's are.
 * `sop build` paginates the HTML written beside a native PDF on these too, so that both have the same pages.
 */
export function drawnHeights(model: SopModel, config: SopConfig): MeasuredHeights {
  // Asked twice per SOP by `sop build -f html,pdf` (the HTML's pages, then the PDF's): kept per model and layout options.
  const key = JSON.stringify(layoutOptions(config));
  const known = drawn.get(model);
  if (known?.key === key) return known.heights;
  const heights = computeDrawnHeights(model, config);
  drawn.set(model, { key, heights });
  return heights;
}
const drawn = new WeakMap<SopModel, { key: string; heights: MeasuredHeights }>();

/**
 * The layout of the document's pages, paginated on the heights the page model draws (drawnHeights), kept per model
 * and layout options: `sop build` draws the PDF from it and gives it to the HTML beside it, which is paginated on
 * the same heights (it is read, never changed).
 */
export function documentLayout(model: SopModel, config: SopConfig): SopLayout {
  const key = JSON.stringify(layoutOptions(config));
  const known = paged.get(model);
  if (known?.key === key) return known.lay;
  const lay = layoutSop(model, { ...layoutOptions(config), measured: drawnHeights(model, config) });
  paged.set(model, { key, lay });
  return lay;
}
const paged = new WeakMap<SopModel, { key: string; lay: SopLayout }>();

/**
 * The layout of every step on one page, kept per model and layout options: `sop build` asks it for the heights the
 * PDF draws, for the SVG and for the PNG of the same SOP (it is read, never changed).
 */
function unpaginatedLayout(model: SopModel, config: SopConfig): SopLayout {
  const key = JSON.stringify(layoutOptions(config));
  const known = sheets.get(model);
  if (known?.key === key) return known.lay;
  const lay = layoutSop(model, { ...layoutOptions(config), unpaginated: true });
  sheets.set(model, { key, lay });
  return lay;
}
const sheets = new WeakMap<SopModel, { key: string; lay: SopLayout }>();

/**
 * The table's frame (paper, columns, header, symbol size) without placing a step: the columns, header and symbols
 * of the unpaginated layout, which it takes only when the columns are chosen by drawing (widened decision lanes).
 * Kept per model and layout options.
 */
function frameOf(model: SopModel, config: SopConfig): TableFrame {
  const key = JSON.stringify(layoutOptions(config));
  const known = frames.get(model);
  if (known?.key === key) return known.frame;
  const frame = tableFrame(model, layoutOptions(config)) ?? unpaginatedLayout(model, config);
  frames.set(model, { key, frame });
  return frame;
}
const frames = new WeakMap<SopModel, { key: string; frame: TableFrame }>();

/** What does not fit a page: the table header with the caption above it and the tallest row under it, in mm. */
export interface PageOverflow {
  readonly headerMm: number;
  readonly rowMm: number;
  readonly pageMm: number;
  /** The step of the tallest row (the first of the tallest; 0 without steps). */
  readonly step: number;
  /** The lane whose title takes the most lines in the header (the first of them; -1 without lanes). */
  readonly lane: number;
}

/**
 * Null when the caption, the table header and the tallest row fit on one page; else the heights, in mm. A header
 * taller than the page (1 500-word lane titles) made every procedure page the header alone, running off the paper:
 * the PDF had no step in it. `sop build` refuses such a SOP (nothing written for it) instead.
 */
export function pageOverflow(model: SopModel, config: SopConfig): PageOverflow | null {
  const h = drawnHeights(model, config);
  const frame = frameOf(model, config);
  const page = contentBox(frame.paper).height;
  // The tallest row with what paginate puts beside it on its page: the connector rows, the timing line under the
  // last one (a row that fitted alone pushed them into the bottom margin, 3 mm from the paper's edge).
  let row = 0;
  let step = 0;
  for (let k = 1; k < h.rows.length; k++) {
    const need = aloneOnPage(model, k, h);
    if (need > row) [row, step] = [need, k];
  }
  if (h.caption + h.header + row <= page) return null;
  let lane = model.lanes.length > 0 ? 0 : -1;
  frame.header.lanes.forEach((t, i) => {
    if (i < model.lanes.length && t.lines > frame.header.lanes[lane]!.lines) lane = i;
  });
  // Parts rounded up and the page down: the millimetres said never add up to a fit (18 + 162 of 180 did).
  const mm = (px: number): number => Math.ceil(px / PX_PER_MM - 1e-9);
  return { headerMm: mm(h.caption + h.header), rowMm: mm(row), pageMm: Math.floor(page / PX_PER_MM + 1e-9), step, lane };
}

function computeDrawnHeights(model: SopModel, config: SopConfig): MeasuredHeights {
  // The frame alone (no step placed, no flow routed): the page-fit check runs after each edit in the editor.
  const probe = frameOf(model, config);
  const rows = [0, ...model.steps.map((s) => rowMinHeight(model, s.number, probe.columns, probe.symbol.h))];
  const timing = timingLine(model.timing, model.steps);
  const contentW = contentBox(probe.paper).width;
  const caption = Math.max(1, captionText(model, contentW).lines.length) * 18 + 8;
  const footer = timing === null ? 0 : 6 + timingText(timing, contentW).lines.length * 14;
  return { rows, header: probe.header.height, caption, footer };
}

interface Frame {
  readonly width: number;
  readonly height: number;
  readonly margin: number;
}

/** One procedure page: caption, header, rows, the timing line on the last. Its height is the paper's, or (height 0) what it holds. */
function procedurePage(model: SopModel, lay: SopLayout, headers: HeaderWords, rows: readonly RowLayout[], timing: string | null, frame: Frame): PageModel {
  const s = new Sheet();
  const cols = lay.columns;
  const m = frame.margin;
  const contentW = contentBox(lay.paper).width;
  // Caption: bold 14 px on 18 px lines, centred, upper case, 8 px below.
  const caption = captionText(model, contentW);
  const capH = s.place(caption.lines, m, m, contentW, caption.size, caption.lineHeight, 'center', { heading: true });
  let y = m + Math.max(capH, 18) + 8;
  if (capH === 0) y = m + CAPTION;

  // Column rules, centred on the collapsed borders: the table starts 1 px inside the margin.
  const x0 = Math.round(m + 1) + 0.5;
  const widths = [cols.no, cols.kegiatan, ...laneWidths(cols, lay.laneCount), cols.kelengkapan, cols.waktu, cols.output, cols.keterangan];
  const xs = [x0];
  for (const w of widths) xs.push(xs[xs.length - 1]! + w);
  const L = lay.laneCount;
  const xAt = (col: number): number => xs[col]!;
  const lanesX = xAt(2);
  const mutuX = xAt(2 + L);
  const endX = xs[xs.length - 1]!;

  // ---- header ----
  const ht = headerText(model, lay, headers);
  const top = y + 0.5;
  const mid = top + ht.row1;
  const bottom = top + lay.header.height;
  /** A header cell: its border, its lines centred both ways. */
  const centred = (t: CellText, xa: number, xb: number, ya: number, yb: number): void => {
    s.cell(xa, ya, xb, yb);
    s.place(t.lines, xa + 0.5 + PAD_X, (ya + yb) / 2 - (t.lines.length * t.lineHeight) / 2, cellInner(xb - xa), t.size, t.lineHeight, 'center');
  };
  s.row = { row: 0, header: true };
  centred(ht.no, xAt(0), xAt(1), top, bottom);
  centred(ht.kegiatan, xAt(1), xAt(2), top, bottom);
  centred(ht.pelaksana, lanesX, mutuX, top, mid);
  centred(ht.mutuBaku, mutuX, xAt(5 + L), top, mid);
  centred(ht.keterangan, xAt(5 + L), endX, top, bottom);
  s.row = { row: 1, header: true };
  ht.lanes.forEach((t, i) => centred(t, xAt(2 + i), xAt(3 + i), mid, bottom));
  [ht.kelengkapan, ht.waktu, ht.output].forEach((t, i) => centred(t, xAt(2 + L + i), xAt(3 + L + i), mid, bottom));

  // ---- rows ----
  let ry = bottom;
  rows.forEach((r, ri) => {
    const h = Math.ceil(r.minHeight);
    const yb = ry + h;
    for (let c = 0; c < widths.length; c++) {
      if (c >= 2 && c < 2 + L) continue;
      s.cell(xAt(c), ry, xAt(c + 1), yb);
    }
    s.cell(lanesX, ry, mutuX, yb);
    const step = r.step ? model.steps[r.step - 1] : undefined;
    const textTop = ry + 0.5 + PAD_Y;
    const put = (lines: StepText['no'], c: number, align: 'left' | 'center' = 'left'): void => {
      s.place(lines, xAt(c) + 0.5 + PAD_X, textTop, cellInner(widths[c]!), 12, LINE, align);
    };
    s.row = { row: 2 + ri, header: false };
    if (step) {
      const t = stepText(step, lay);
      put(t.no, 0, 'center');
      put(t.kegiatan, 1);
      put(t.kelengkapan, 2 + L);
      put(t.waktu, 3 + L, 'center');
      put(t.output, 4 + L);
      put(t.keterangan, 5 + L);
    }
    s.row = null;
    flowCell(s, lay, r, lanesX + 0.5, ry + 0.5, h - 1);
    ry = yb;
  });
  let end = ry + 0.5;
  if (timing) {
    const t = timingText(timing, contentW);
    const used = s.place(t.lines, m, end + 6, contentW, t.size, t.lineHeight, 'left', { data: { timing: '' } });
    end += 6 + used;
  }
  return { width: frame.width, height: frame.height > 0 ? frame.height : end, kind: 'procedure', marks: s.marks };
}

/** The drawing of a row: lane borders, then the three bands (top and bottom stretch, the core is fixed). */
function flowCell(s: Sheet, lay: SopLayout, r: RowLayout, left: number, top: number, height: number): void {
  const lefts = laneLefts(lay.columns, lay.laneCount);
  for (let i = 1; i < lay.laneCount; i++) s.rule(left + lefts[i]! - 0.5, top, left + lefts[i]! - 0.5, top + height);
  const band = Math.max(0, (height - r.core.height) / 2);
  const coreTop = top + band;
  const bottomTop = coreTop + r.core.height;
  const yIn = (v: Y, bandTop: number, bandH: number): number => bandTop + (v === '100%' ? bandH : v);
  const piece = (p: Piece, bandTop: number, bandH: number): void => {
    const data: Record<string, string | number> = { from: p.from, to: p.to };
    if (p.join) data['join'] = p.join;
    s.marks.push({
      kind: 'line',
      x1: r2(left + p.x1),
      y1: r2(yIn(p.y1, bandTop, bandH)),
      x2: r2(left + p.x2),
      y2: r2(yIn(p.y2, bandTop, bandH)),
      width: STROKE,
      role: 'flow',
      ...(p.arrow ? { arrow: true } : {}),
      data,
    });
  };
  for (const p of r.top) piece(p, top, band);
  for (const p of r.core.pieces) piece(p, coreTop, r.core.height);
  for (const p of r.bottom) piece(p, bottomTop, band);
  // Symbols, connector letters and labels: the marks the HTML draws too (layout/flow-marks.ts).
  for (const m of r.core.symbols) {
    const { shape, letter } = symbolMarks(lay.symbol, m, left, coreTop);
    s.marks.push(shape);
    if (letter) {
      s.marks.push({ kind: 'text', x: letter.x, y: letter.y, size: LABEL_PX, anchor: 'middle', runs: [{ text: letter.text, bold: true, italic: false }], width: r2(runWidth(letter.text, LABEL_PX, true)) });
    }
  }
  for (const l of r.core.labels) {
    const { patch, x, y } = labelMarks(l, left, coreTop);
    s.marks.push(patch);
    s.marks.push({
      kind: 'text',
      x,
      y,
      size: LABEL_PX,
      anchor: l.anchor,
      runs: [{ text: l.text, bold: false, italic: false }],
      width: r2(kernedWidth(l.text, LABEL_PX, false)),
      data: { label: l.text, from: l.from, to: l.to },
    });
  }
}

// ---- identity ----

/** The identity page and the pages its lists continue on (templates/partials/identity.hbs, sop.css; lines and heights from layout/identity-text.ts). */
function identityPages(model: SopModel, paper: Paper, options: PageOptions): PageModel[] {
  const W = paper.widthMm * PX_PER_MM;
  const H = paper.heightMm * PX_PER_MM;
  const m = marginPx(paper);
  const x0 = m + 1;
  const links = options.links ?? [];
  const pages: PageModel[] = [];
  identityListPages(model, paper, !!options.logo).forEach((pairs, pi) => {
    const s = new Sheet();
    const y = pi === 0 ? identityHeader(s, model, options, paper, x0, m) : m;
    // Lists: a heading row and a row of items per pair; the first list table overlaps the header's bottom border.
    let ty = (pi === 0 ? y - 1 : y) + 0.5;
    for (const pair of pairs) {
      for (const sd of pair.sides) {
        const xl = x0 + sd.left + 0.5;
        s.cell(xl, ty, x0 + sd.right + 0.5, ty + pair.headHeight);
        s.place(sd.title, xl + 0.5 + PAD_X, ty + 0.5 + PAD_Y, sd.right - sd.left - 2 * PAD_X - 1, 12, LINE);
      }
      ty += pair.headHeight;
      for (const sd of pair.sides) {
        const xl = x0 + sd.left + 0.5;
        s.cell(xl, ty, x0 + sd.right + 0.5, ty + pair.height);
        drawList(s, sd, pair.index === 1 && sd === pair.sides[0] ? links : [], xl + 0.5 + PAD_X, ty + 0.5 + PAD_Y, sd.right - sd.left - 2 * PAD_X - 1);
      }
      ty += pair.height;
    }
    pages.push({ width: W, height: H, kind: 'identity', marks: s.marks });
  });
  return pages;
}

function drawList(s: Sheet, sd: ListSideText, hrefs: readonly (string | null)[], x: number, top: number, width: number): void {
  if (sd.dash) {
    s.text([{ text: '-', bold: false, italic: false }], x + 4, top, width - 4, 12, LINE);
    return;
  }
  let y = top;
  sd.items.forEach((item, k) => {
    const n = sd.part.start + k + 1;
    const marker = `${n}. `;
    const mw = runWidth(marker, 12, false);
    s.marks.push({ kind: 'text', x: r2(x + LIST_INDENT - mw), y: r2(y + baseline(12, LINE)), size: 12, anchor: 'start', runs: [{ text: `${n}.`, bold: false, italic: false }], width: r2(mw - runWidth(' ', 12, false)) });
    const h = s.place(item, x + LIST_INDENT, y, width - LIST_INDENT, 12, LINE) || LINE;
    const href = safeRelativeHref(hrefs[sd.part.start + k] ?? null);
    if (href) s.marks.push({ kind: 'link', x: x + LIST_INDENT, y, w: width - LIST_INDENT, h, href });
    y += h;
  });
}

/** The header table of the identity page; returns the y of its bottom border's centre + 0.5 (where the lists start). */
function identityHeader(s: Sheet, model: SopModel, options: PageOptions, paper: Paper, x0: number, top0: number): number {
  const logo = options.logo;
  const t = identityHeaderText(model, paper, logo ?? null);
  const valueW = t.cols.e - t.cols.d - 2 * PAD_X - 1;
  const labelW = t.cols.c - t.cols.b - 2 * PAD_X - 1;
  const xa = x0 + t.cols.a + 0.5;
  const xb = x0 + t.cols.b + 0.5;
  const xc = x0 + t.cols.c + 0.5;
  const xd = x0 + t.cols.d + 0.5;
  const xe = x0 + t.cols.e - 0.5;
  const top = top0 + 0.5;
  let y = top;
  t.rows.forEach((r, i) => {
    s.rule(xb, y, xe, y);
    s.rule(xe, y, xe, y + r.height);
    s.rule(xb, y, xb, y + r.height);
    s.place(r.label, xb + 0.5 + PAD_X, y + 0.5 + PAD_Y, labelW, 12, LINE);
    s.text([{ text: ':', bold: false, italic: false }], xc + 0.5, y + 0.5 + PAD_Y, xd - xc - 1, 12, LINE, 'center');
    if (i === 4) {
      // The jabatan's first line level with the label and the colon, as every cell's (the row's height keeps 6 px above
      // and below: identity-text.ts sigH; the 3 px less above lie below).
      let sy = y + 0.5 + PAD_Y;
      sy += s.place(t.signature.position, xd + 0.5 + PAD_X, sy, valueW, 12, LINE);
      sy += 25 * PX_PER_MM;
      sy += Math.max(LINE, s.place(t.signature.name, xd + 0.5 + PAD_X, sy, valueW, 12, LINE, 'left', { underline: true }));
      s.place(t.signature.nip, xd + 0.5 + PAD_X, sy, valueW, 12, LINE);
    } else {
      s.place(r.value, xd + 0.5 + PAD_X, y + 0.5 + PAD_Y, valueW, 12, LINE);
    }
    y += r.height;
  });
  s.rule(xb, y, xe, y);
  // The agency cell.
  s.cell(xa, top, xb, y);
  let ay = (top + y) / 2 - (t.agencyHeight - 24 - 1) / 2;
  if (logo && t.logo) {
    s.marks.push({ kind: 'image', x: r2((xa + xb) / 2 - t.logo.w / 2), y: r2(ay), w: r2(t.logo.w), h: r2(t.logo.h), mime: logo.mime, bytes: logo.bytes, ...(logo.name ? { name: logo.name } : {}) });
    ay += t.logo.h + 10;
  }
  const agencyW = t.cols.b - t.cols.a - 24 - 1;
  for (const ls of t.instansi) ay += s.place(ls, xa + 0.5 + 12, ay, agencyW, 14, 19, 'center');
  return y + 0.5;
}
