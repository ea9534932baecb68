/**
 * The page model of one SOP (see types.ts): the identity page(s) and the
 * procedure pages as the HTML prints them (templates/, sop.css), placed from
 * the layout's columns, rows, symbols, arrows and labels, with text broken
 * into lines by text.ts. `procedureSheet` is the procedure as one continuous
 * table (the SVG and PNG).
 */
import { DEFAULT_HEADERS, type HeaderWords, type SopConfig } from '../model/config.js';
import { formatDateId } from '../model/dates.js';
import type { SopModel } from '../model/model.js';
import { timingLine } from '../model/flow-facts.js';
import { checkNip } from '../model/nip.js';
import { layoutSop } from '../layout/layout.js';
import { FONT, LABEL_PX, PX_PER_MM, contentBox, hyphenateTitle, type Paper } from '../layout/geometry.js';
import { IDENTITY_LEFT, paginateIdentity, type IdentityList, type ListPart } from '../layout/identity.js';
import { CAPTION, rowMinHeight, type MeasuredHeights } from '../layout/paginate.js';
import type { Piece, RowLayout, SopLayout, Y } from '../layout/types.js';
import { FLOW_STROKE, labelMarks, symbolMarks } from '../layout/flow-marks.js';
import { safeRelativeHref } from '../util/href.js';
import { plainText } from '../util/inline.js';
import { kernedWidth, runWidth, runsOf, textLines, type Run } from './text.js';
import type { Data, DocumentModel, Mark, PageModel } from './types.js';
import { maxOf } from '../util/array.js';

export interface PageOptions {
  readonly config?: SopConfig;
  /** The logo: its bytes, type and natural size in px. */
  readonly logo?: { readonly mime: string; readonly bytes: Uint8Array; readonly width: number; readonly height: number } | null;
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
  text(runs: readonly Run[], x: number, top: number, width: number, size: number, lh: number, align: 'left' | 'center' = 'left', extra: { underline?: boolean; heading?: boolean; data?: Data } = {}): number {
    const lines = textLines(runs, width, size);
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

/** Lines `runs` need in `width` px. */
function lines(runs: readonly Run[], width: number, size: number): number {
  return textLines(runs, width, size).length;
}

export function layoutOptions(config: SopConfig): Parameters<typeof layoutSop>[1] {
  return {
    ...(config.paper ? { paper: config.paper } : {}),
    ...(config.maxRowsPerPage ? { maxRowsPerPage: config.maxRowsPerPage } : {}),
    headers: { ...DEFAULT_HEADERS, ...(config.headers ?? {}) },
  };
}

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

function computeDrawnHeights(model: SopModel, config: SopConfig): MeasuredHeights {
  const probe = unpaginatedLayout(model, config);
  const rows = [0, ...model.steps.map((s) => rowMinHeight(model, s.number, probe.columns, probe.symbol.h))];
  const timing = timingLine(model.timing, model.steps);
  const contentW = contentBox(probe.paper).width;
  const caption = Math.max(1, lines(runsOf(model.name ? `SOP ${model.name}` : 'SOP', true), contentW, 14)) * 18 + 8;
  const footer = timing === null ? 0 : 6 + lines([{ text: timing, bold: false, italic: false }], contentW, 11) * 14;
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
  const caption = runsOf(model.name ? `SOP ${model.name}` : 'SOP', true).map((r) => ({ ...r, text: r.text.toLocaleUpperCase('id') }));
  const capH = s.text(caption, m, m, contentW, 14, 18, 'center', { heading: true });
  let y = m + Math.max(capH, 18) + 8;
  if (capH === 0) y = m + CAPTION;

  // Column rules, centred on the collapsed borders: the table starts 1 px inside the margin.
  const x0 = Math.round(m + 1) + 0.5;
  const widths = [cols.no, cols.kegiatan, ...Array.from({ length: lay.laneCount }, () => cols.lane), cols.kelengkapan, cols.waktu, cols.output, cols.keterangan];
  const xs = [x0];
  for (const w of widths) xs.push(xs[xs.length - 1]! + w);
  const L = lay.laneCount;
  const xAt = (col: number): number => xs[col]!;
  const lanesX = xAt(2);
  const mutuX = xAt(2 + L);
  const endX = xs[xs.length - 1]!;

  // ---- header ----
  const head = lay.header;
  const top = y + 0.5;
  const row1 = Math.max(
    lines(runsOf(headers.pelaksana, true), cols.lanes - 2 * PAD_X - 1, 12),
    lines(runsOf(headers.mutuBaku, true), cols.kelengkapan + cols.waktu + cols.output - 2 * PAD_X - 1, 12),
    1,
  ) * LINE + 2 * PAD_Y + 1;
  const mid = top + row1;
  const bottom = top + head.height;
  const centred = (runs: readonly Run[], xa: number, xb: number, ya: number, yb: number, size: number, lh: number): void => {
    const w = xb - xa - 2 * PAD_X - 1;
    const n = lines(runs, w, size);
    s.text(runs, xa + 0.5 + PAD_X, (ya + yb) / 2 - (n * lh) / 2, w, size, lh, 'center');
  };
  s.row = { row: 0, header: true };
  s.cell(xAt(0), top, xAt(1), bottom);
  centred(runsOf(headers.no, true), xAt(0), xAt(1), top, bottom, 12, LINE);
  s.cell(xAt(1), top, xAt(2), bottom);
  centred(runsOf(headers.kegiatan, true), xAt(1), xAt(2), top, bottom, 12, LINE);
  s.cell(lanesX, top, mutuX, mid);
  centred(runsOf(headers.pelaksana, true), lanesX, mutuX, top, mid, 12, LINE);
  s.cell(mutuX, top, xAt(5 + L), mid);
  centred(runsOf(headers.mutuBaku, true), mutuX, xAt(5 + L), top, mid, 12, LINE);
  s.cell(xAt(5 + L), top, endX, bottom);
  const titled = (text: string, size: number, width: number): Run[] => runsOf(hyphenateTitle(text, size, width), true);
  centred(titled(headers.keterangan, head.keterangan.sizePx, cols.keterangan), xAt(5 + L), endX, top, bottom, head.keterangan.sizePx, head.keterangan.sizePx * 1.2);
  s.row = { row: 1, header: true };
  const laneTitles = model.lanes.length > 0 ? model.lanes.map((l) => l.title) : [''];
  laneTitles.forEach((t, i) => {
    const fit = head.lanes[i] ?? head.lanes[0]!;
    s.cell(xAt(2 + i), mid, xAt(3 + i), bottom);
    const runs = runsOf(t, true).map((r) => ({ ...r, text: hyphenateTitle(r.text, fit.sizePx, cols.lane) }));
    centred(runs, xAt(2 + i), xAt(3 + i), mid, bottom, fit.sizePx, fit.sizePx * 1.2);
  });
  const mutuTitles = [
    [headers.kelengkapan, head.kelengkapan, cols.kelengkapan],
    [headers.waktu, head.waktu, cols.waktu],
    [headers.output, head.output, cols.output],
  ] as const;
  mutuTitles.forEach(([text, fit, w], i) => {
    s.cell(xAt(2 + L + i), mid, xAt(3 + L + i), bottom);
    centred(titled(text, fit.sizePx, w), xAt(2 + L + i), xAt(3 + L + i), mid, bottom, fit.sizePx, fit.sizePx * 1.2);
  });

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
    const inner = (c: number): number => xAt(c + 1) - xAt(c) - 2 * PAD_X - 1;
    const at = (c: number): number => xAt(c) + 0.5 + PAD_X;
    s.row = { row: 2 + ri, header: false };
    if (step) {
      s.text([{ text: String(step.number), bold: false, italic: false }], at(0), textTop, inner(0), 12, LINE, 'center');
      s.text(runsOf(step.text), at(1), textTop, inner(1), 12, LINE);
      s.text(runsOf(step.kelengkapan), at(2 + L), textTop, inner(2 + L), 12, LINE);
      s.text(runsOf(step.waktu?.text ?? ''), at(3 + L), textTop, inner(3 + L), 12, LINE, 'center');
      s.text(runsOf(step.output), at(4 + L), textTop, inner(4 + L), 12, LINE);
      s.text(runsOf(step.keterangan), at(5 + L), textTop, inner(5 + L), 12, LINE);
    }
    s.row = null;
    flowCell(s, lay, r, lanesX + 0.5, ry + 0.5, h - 1);
    ry = yb;
  });
  let end = ry + 0.5;
  if (timing) {
    const used = s.text([{ text: timing, bold: false, italic: false }], m, end + 6, contentW, 11, 14, 'left', { data: { timing: '' } });
    end += 6 + used;
  }
  return { width: frame.width, height: frame.height > 0 ? frame.height : end, kind: 'procedure', marks: s.marks };
}

/** The drawing of a row: lane borders, then the three bands (top and bottom stretch, the core is fixed). */
function flowCell(s: Sheet, lay: SopLayout, r: RowLayout, left: number, top: number, height: number): void {
  const lane = lay.columns.lane;
  for (let i = 1; i < lay.laneCount; i++) s.rule(left + lane * i - 0.5, top, left + lane * i - 0.5, top + height);
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

const LISTS = (model: SopModel): readonly (readonly [IdentityList, IdentityList])[] => [
  [{ title: 'Dasar Hukum', items: model.lists.dasarHukum }, { title: 'Kualifikasi Pelaksana', items: model.lists.kualifikasi }],
  [{ title: 'Keterkaitan', items: model.lists.keterkaitan }, { title: 'Peralatan/Perlengkapan', items: model.lists.peralatan }],
  [{ title: 'Peringatan', items: model.lists.peringatan }, { title: 'Pencatatan dan Pendataan', items: model.lists.pencatatan }],
];

const LIST_CELL_MIN = 18 * PX_PER_MM;
const LIST_INDENT = 20;

/** The identity page and the pages its lists continue on (templates/partials/identity.hbs, sop.css). */
function identityPages(model: SopModel, paper: Paper, options: PageOptions): PageModel[] {
  const W = paper.widthMm * PX_PER_MM;
  const H = paper.heightMm * PX_PER_MM;
  const m = marginPx(paper);
  const box = contentBox(paper);
  const tableW = box.width - 2;
  const x0 = m + 1;
  const cLeft = tableW * IDENTITY_LEFT;
  const cLabel = tableW * 0.16;
  const cColon = tableW * 0.02;
  const xa = x0;
  const xb = xa + cLeft;
  const xc = xb + cLabel;
  const xd = xc + cColon;
  // Chromium lays a collapsed-border table out ~1 px wider than its width (docs/printing.md): the right border lies there.
  const xe = x0 + tableW + 1.3;
  const links = options.links ?? [];
  const jabatan = model.disahkanOleh.jabatan ? model.disahkanOleh.jabatan.replace(/,\s*$/, '') + ',' : '';
  const listPages = paginateIdentity(
    paper,
    { instansiLines: model.instansi.length, hasLogo: !!options.logo, nomor: plainText(model.number), nama: plainText(model.name), jabatan },
    LISTS(model),
  );

  const pages: PageModel[] = [];
  listPages.forEach((lp, pi) => {
    const s = new Sheet();
    let y = m;
    if (pi === 0) y = identityHeader(s, model, options, { xa, xb, xc, xd, xe, top: m, jabatan });
    else y = m;
    // Lists: a heading row and a row of items per pair; the first list table overlaps the header's bottom border.
    const xm = x0 + tableW * IDENTITY_LEFT;
    let ty = pi === 0 ? y - 1 : y;
    ty += 0.5;
    for (const pair of lp.pairs) {
      const src = LISTS(model)[pair.index]!;
      const sides = [
        { part: pair.left, list: src[0], xl: x0 + 0.5, xr: xm + 0.5, hrefs: pair.index === 1 ? links : [] },
        { part: pair.right, list: src[1], xl: xm + 0.5, xr: xe - 0.5, hrefs: [] as readonly (string | null)[] },
      ];
      const headH = maxOf(sides.map((sd) => Math.max(1, lines(runsOf(sd.part.title, true), sd.xr - sd.xl - 2 * PAD_X - 1, 12)))) * LINE + 2 * PAD_Y + 1;
      for (const sd of sides) {
        s.cell(sd.xl, ty, sd.xr, ty + headH);
        s.text(runsOf(sd.part.title, true), sd.xl + 0.5 + PAD_X, ty + 0.5 + PAD_Y, sd.xr - sd.xl - 2 * PAD_X - 1, 12, LINE);
      }
      ty += headH;
      const heights = sides.map((sd) => listHeight(sd.part, sd.list, sd.xr - sd.xl - 2 * PAD_X - 1));
      const rowH = Math.max(LIST_CELL_MIN, maxOf(heights.map((h) => h + 2 * PAD_Y + 1)));
      for (const sd of sides) {
        s.cell(sd.xl, ty, sd.xr, ty + rowH);
        drawList(s, sd.part, sd.list, sd.hrefs, sd.xl + 0.5 + PAD_X, ty + 0.5 + PAD_Y, sd.xr - sd.xl - 2 * PAD_X - 1);
      }
      ty += rowH;
    }
    pages.push({ width: W, height: H, kind: 'identity', marks: s.marks });
  });
  return pages;
}

function listHeight(part: ListPart, list: IdentityList, width: number): number {
  if (part.done) return 0;
  if (list.items.length === 0) return LINE;
  let h = 0;
  for (const item of list.items.slice(part.start, part.end)) h += Math.max(1, lines(runsOf(item), width - LIST_INDENT, 12)) * LINE;
  return h;
}

function drawList(s: Sheet, part: ListPart, list: IdentityList, hrefs: readonly (string | null)[], x: number, top: number, width: number): void {
  if (part.done) return;
  if (list.items.length === 0) {
    s.text([{ text: '-', bold: false, italic: false }], x + 4, top, width - 4, 12, LINE);
    return;
  }
  let y = top;
  list.items.slice(part.start, part.end).forEach((item, k) => {
    const n = part.start + k + 1;
    const marker = `${n}. `;
    const mw = runWidth(marker, 12, false);
    s.marks.push({ kind: 'text', x: r2(x + LIST_INDENT - mw), y: r2(y + baseline(12, LINE)), size: 12, anchor: 'start', runs: [{ text: `${n}.`, bold: false, italic: false }], width: r2(mw - runWidth(' ', 12, false)) });
    const h = s.text(runsOf(item), x + LIST_INDENT, y, width - LIST_INDENT, 12, LINE) || LINE;
    const href = safeRelativeHref(hrefs[part.start + k] ?? null);
    if (href) s.marks.push({ kind: 'link', x: x + LIST_INDENT, y, w: width - LIST_INDENT, h, href });
    y += h;
  });
}

/** The header table of the identity page; returns the y of its bottom border's centre + 0.5 (where the lists start). */
function identityHeader(
  s: Sheet,
  model: SopModel,
  options: PageOptions,
  g: { xa: number; xb: number; xc: number; xd: number; xe: number; top: number; jabatan: string },
): number {
  const date = (d: SopModel['dates']['pembuatan']): string => (d ? formatDateId(d) : '-');
  const dash = (v: string): Run[] => (v.trim() === '' ? [{ text: '-', bold: false, italic: false }] : runsOf(v));
  const valueW = g.xe - g.xd - 2 * PAD_X - 1;
  const labelW = g.xc - g.xb - 2 * PAD_X - 1;
  const xa = g.xa + 0.5;
  const xb = g.xb + 0.5;
  const xc = g.xc + 0.5;
  const xd = g.xd + 0.5;
  const xe = g.xe - 0.5;
  const rowOf = (label: string, value: Run[]): number =>
    Math.max(1, lines(runsOf(label, true), labelW, 12), lines(value, valueW, 12)) * LINE + 2 * PAD_Y + 1;
  const nip = model.disahkanOleh.nip;
  const nipCheck = checkNip(nip);
  const approver = model.disahkanOleh;
  const empty = approver.jabatan === '' && approver.nama === '' && nip === '';
  const position: Run[] = approver.jabatan ? runsOf(g.jabatan) : empty ? [{ text: '-', bold: false, italic: false }] : [];
  const nameRuns = runsOf(approver.nama, true);
  const nipRuns: Run[] = nip ? [{ text: `NIP. ${nipCheck.ok ? nipCheck.formatted : nip}`, bold: false, italic: false }] : [];
  const sigH =
    6 + lines(position, valueW, 12) * LINE + 25 * PX_PER_MM + Math.max(LINE, lines(nameRuns, valueW, 12) * LINE) + lines(nipRuns, valueW, 12) * LINE + 6 + 1;
  const rows: { label: string; value: Run[]; h: number; sig?: boolean; bold?: boolean }[] = [
    { label: 'Nomor SOP', value: dash(model.number), h: 0 },
    { label: 'Tanggal Pembuatan', value: dash(date(model.dates.pembuatan)), h: 0 },
    { label: 'Tanggal Revisi', value: dash(date(model.dates.revisi)), h: 0 },
    { label: 'Tanggal Efektif', value: dash(date(model.dates.efektif)), h: 0 },
    { label: 'Disahkan oleh', value: [], h: Math.max(sigH, rowOf('Disahkan oleh', [])), sig: true },
    { label: 'Nama SOP', value: dash(model.name).map((r) => ({ ...r, bold: true })), h: 0, bold: true },
  ];
  for (const r of rows) if (!r.sig) r.h = rowOf(r.label, r.value);
  // The agency block: logo and upper-case lines, centred in the rowspan; it may make the rows taller.
  const agencyW = g.xb - g.xa - 24 - 1;
  const logo = options.logo;
  let logoH = 0;
  let logoW = 0;
  if (logo) {
    const k = Math.min(1, (40 * PX_PER_MM) / logo.width, (30 * PX_PER_MM) / logo.height);
    logoW = logo.width * k;
    logoH = logo.height * k;
  }
  const instansi = model.instansi.map((l) => runsOf(plainText(l).toLocaleUpperCase('id'), true));
  const instansiH = instansi.reduce((a, r) => a + Math.max(1, lines(r, agencyW, 14)) * 19, 0);
  const agencyH = 24 + 1 + (logo ? logoH + 10 : 0) + instansiH;
  const total = rows.reduce((a, r) => a + r.h, 0);
  if (agencyH > total) {
    const extra = agencyH - total;
    for (const r of rows) r.h += (extra * r.h) / total;
  }
  const top = g.top + 0.5;
  let y = top;
  for (const r of rows) {
    s.rule(xb, y, xe, y);
    s.rule(xe, y, xe, y + r.h);
    s.rule(xb, y, xb, y + r.h);
    s.text(runsOf(r.label, true), xb + 0.5 + PAD_X, y + 0.5 + PAD_Y, labelW, 12, LINE);
    s.text([{ text: ':', bold: false, italic: false }], xc + 0.5, y + 0.5 + PAD_Y, xd - xc - 1, 12, LINE, 'center');
    if (r.sig) {
      let sy = y + 0.5 + 6;
      sy += s.text(position, xd + 0.5 + PAD_X, sy, valueW, 12, LINE);
      sy += 25 * PX_PER_MM;
      sy += Math.max(LINE, s.text(nameRuns, xd + 0.5 + PAD_X, sy, valueW, 12, LINE, 'left', { underline: true }));
      s.text(nipRuns, xd + 0.5 + PAD_X, sy, valueW, 12, LINE);
    } else {
      s.text(r.value, xd + 0.5 + PAD_X, y + 0.5 + PAD_Y, valueW, 12, LINE);
    }
    y += r.h;
  }
  s.rule(xb, y, xe, y);
  // The agency cell.
  s.cell(xa, top, xb, y);
  let ay = (top + y) / 2 - (agencyH - 24 - 1) / 2;
  if (logo) {
    s.marks.push({ kind: 'image', x: r2((xa + xb) / 2 - logoW / 2), y: r2(ay), w: r2(logoW), h: r2(logoH), mime: logo.mime, bytes: logo.bytes });
    ay += logoH + 10;
  }
  for (const r of instansi) ay += s.text(r, xa + 0.5 + 12, ay, agencyW, 14, 19, 'center');
  return y + 0.5;
}
