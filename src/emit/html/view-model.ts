/**
 * The HTML view model: everything the templates print, precomputed, so the
 * templates hold no logic beyond `each` and `if`. User text is passed as
 * inline segments and escaped by Handlebars.
 */
import { DEFAULT_HEADERS, type HeaderWords, type SopConfig } from '../../model/config.js';
import { formatDateId } from '../../model/dates.js';
import type { SopModel } from '../../model/model.js';
import { timingLine } from '../../model/flow-facts.js';
import { checkNip } from '../../model/nip.js';
import type { RelatedSopLink } from '../../check/project.js';
import { layoutOptions, layoutSop } from '../../layout/layout.js';
import { ARROW_MARKER, labelMarks, symbolMarks } from '../../layout/flow-marks.js';
import { fontFaces, type FontFaceVM } from './fonts.js';
import { laneLefts, laneWidths } from '../../layout/geometry.js';
import { identityHeaderText, identityListPages, jabatanOf, type ListPairText, type ListSideText } from '../../layout/identity-text.js';
import { imageSize } from '../../util/image-size.js';
import type { MeasuredHeights } from '../../layout/paginate.js';
import type { LabelMark, Piece, RowLayout, SopLayout, SymbolMark } from '../../layout/types.js';
import { safeRelativeHref } from '../../util/href.js';
import { parseInline, plainText } from '../../util/inline.js';
import { breaksAfterSlash } from '../../util/hyphenate.js';
import type { Line, Run } from '../../layout/text.js';
import { captionText, headerText, stepText, timingText, type CellText } from '../../layout/table-text.js';
import { contentBox } from '../../layout/geometry.js';

export interface HtmlOptions {
  readonly config?: SopConfig;
  /** The logo as a data: URI (the caller reads the file). */
  readonly logoDataUri?: string | null;
  /** Keterkaitan links: the project's SOP each item names, with the href of its HTML. */
  readonly links?: readonly (RelatedSopLink & { readonly href?: string | null })[];
  /** Row heights measured in the browser (render/measure.ts): paginate on these. */
  readonly measured?: MeasuredHeights;
  /** One page holding every step, rows as short as their symbols: the document the browser measures. */
  readonly unpaginated?: boolean;
  /** The layout of these options made already (`sop build`: the native PDF's, src/page/native.ts): not made again. */
  readonly layout?: SopLayout;
  /**
   * Where the bundled font's files are, relative to the HTML (`fonts/`, `../fonts/`, the preview's `/fonts/`): the
   * `@font-face` rules' URLs (fonts.ts). Default `fonts/`; null: no rules (the system's fonts).
   */
  readonly fontBase?: string | null;
}

/** A piece of inline text; `wbr`: the line may break after it (a "/" between two letters). */
interface Inline {
  text: string;
  italic: boolean;
  wbr: boolean;
}

/** Inline segments of a value, split after each "/" that joins two words so that a long "Kementerian/Lembaga" breaks there (never inside "K/L/D/I"). */
function inline(value: string): Inline[] {
  const out: Inline[] = [];
  for (const seg of parseInline(value)) {
    let start = 0;
    for (let i = 1; i < seg.text.length - 1; i++) {
      if (breaksAfterSlash(seg.text, i)) {
        out.push({ text: seg.text.slice(start, i + 1), italic: seg.italic, wbr: true });
        start = i + 1;
      }
    }
    out.push({ text: seg.text.slice(start), italic: seg.italic, wbr: false });
  }
  return out;
}

/** A title's segments with soft hyphens where its words must break (the layout chose the size; table-text.ts hyphenated it). */
const titleInline = (t: CellText): Inline[] => t.runs.map((r) => ({ text: r.text, italic: r.italic, wbr: false }));
/** A column title's text with its soft hyphens, and its size. */
const titleOf = (t: CellText): { text: string; size: number } => ({ text: t.runs.map((r) => r.text).join(''), size: t.size });

/**
 * A cell's lines as the page model breaks them (layout/table-text.ts): each line its segments, printed as its own
 * block without wrapping (sop.css `.line`), so that the browser breaks no line of its own.
 */
type LinesVM = (readonly Run[])[];
const linesOf = (lines: readonly Line[]): LinesVM => lines.map((l) => l.runs);
const cellLines = (t: CellText): LinesVM => linesOf(t.lines);

interface SymbolVM {
  kind: string;
  step: number | string;
  lane: string;
  isRect: boolean;
  isPolygon: boolean;
  x: number;
  y: number;
  w: number;
  h: number;
  rx: number;
  points: string;
  letter: string;
  hasLetter: boolean;
  letterX: number;
  letterY: number;
  from: number | string;
  to: number | string;
  isConnector: boolean;
  isEnd: boolean;
}

type LabelVM = LabelMark & { bx: number; by: number; bw: number; bh: number };

interface BandVM {
  lines: readonly Piece[];
}

interface RowVM {
  isStep: boolean;
  number: number;
  minHeight: number;
  kegiatan: Inline[];
  kelengkapan: Inline[];
  waktu: Inline[];
  output: Inline[];
  keterangan: Inline[];
  /** The cells' lines (`no` too), as the page model breaks them; empty for a row of connectors only. */
  lines: Record<'no' | 'kegiatan' | 'kelengkapan' | 'waktu' | 'output' | 'keterangan', LinesVM>;
  flow: {
    top: BandVM;
    core: { height: number; lines: readonly Piece[]; symbols: SymbolVM[]; labels: LabelVM[] };
    bottom: BandVM;
  };
}

export interface HtmlViewModel {
  title: string;
  /** The `@font-face` rules of the bundled Liberation Sans: `{ url, weight, style }` per face. */
  fonts: FontFaceVM[];
  paper: { name: string; widthMm: number; heightMm: number; marginMm: number };
  /** The arrowhead's `<marker id="sop-arrow">`, the SVG's own (layout/flow-marks.ts): markup of ours, printed with `{{{ }}}`. */
  arrowMarker: string;
  identity: {
    logo: string | null;
    instansi: string[];
    nomor: Inline[];
    tanggalPembuatan: string;
    tanggalRevisi: string;
    tanggalEfektif: string;
    nama: Inline[];
    approver: { jabatan: Inline[]; hasJabatan: boolean; nama: Inline[]; hasNama: boolean; nip: string; hasNip: boolean; empty: boolean };
    /** The lists on the first page. */
    pairs: PairVM[];
    /** Pages the lists continue on (each with the columns, for identity-lists.hbs). */
    more: { pairs: PairVM[]; cols: IdentityColsVM }[];
    /** The columns' widths as the page model sets them (agency, label, colon, value), px. */
    cols: IdentityColsVM;
    /** Where the agency's block starts below the top of its cell's padding box (the model centres it), px. */
    agencyTop: number;
    /**
     * The header table's lines as the page model breaks them, and its rows' heights, px: `rows` (Nomor SOP, the
     * three dates, Disahkan oleh, Nama SOP) each `{ label, value, height }`; the signature's `position`, `name`,
     * `nip`; the agency's lines per line of Instansi.
     */
    text: {
      rows: { label: LinesVM; value: LinesVM; height: number }[];
      position: LinesVM;
      name: LinesVM;
      nip: LinesVM;
      instansi: LinesVM[];
    };
  };
  procedure: {
    caption: Inline[];
    /** The caption's lines (upper case), as the page model breaks them. */
    captionLines: LinesVM;
    /** The header's cells' lines, as the page model breaks them (fitted titles with their hyphens), and its two rows' heights, px. */
    head: Record<'no' | 'kegiatan' | 'pelaksana' | 'mutuBaku' | 'keterangan' | 'kelengkapan' | 'waktu' | 'output', LinesVM> & { lanes: LinesVM[] };
    headRows: { first: number; second: number };
    headers: HeaderWords;
    lanes: { title: Inline[]; width: number }[];
    /** Font size of the lane titles (all alike), and of the other column titles, px. */
    laneTitleSize: number;
    titles: Record<'kelengkapan' | 'waktu' | 'output' | 'keterangan', { text: string; size: number }>;
    laneCount: number;
    tableWidth: number;
    cols: { no: number; kegiatan: number; lane: number; lanes: number; kelengkapan: number; waktu: number; output: number; keterangan: number };
    /** `timing`: "Jumlah waktu: ..." printed under the table on the last page, null elsewhere. */
    pages: { rows: RowVM[]; timing: string | null; timingLines: LinesVM }[];
    laneBoxes: { left: number; width: number }[];
  };
}

interface IdentityColsVM {
  /** The two identity tables' width (the four columns'), px: fixed, so that a screen wider than the page does not stretch the columns apart. */
  table: number;
  left: number;
  label: number;
  colon: number;
  value: number;
}

/** A pair of lists on one page, with the heights of its heading row and its items' row (px). */
interface PairVM {
  left: ListVM;
  right: ListVM;
  headHeight: number;
  height: number;
}

interface ListVM {
  title: string;
  /** The heading's lines, as the page model breaks them. */
  titleLines: LinesVM;
  /** `lines`: the item's lines, as the page model breaks them. */
  items: { segments: Inline[]; lines: LinesVM; href: string | null }[];
  /** The number of the first item (a continued list numbers on). */
  start: number;
  /** An empty list prints "-". */
  empty: boolean;
  /** The list ended on an earlier page: a blank cell. */
  done: boolean;
}

const listPart = (side: ListSideText, hrefs: readonly (string | null)[]): ListVM => {
  const { part, list } = side;
  return {
    title: part.title,
    titleLines: linesOf(side.title),
    items: list.items.slice(part.start, part.end).map((t, i) => ({
      get segments() {
        return inline(t);
      },
      lines: linesOf(side.items[i] ?? []),
      href: hrefs[part.start + i] ?? null,
    })),
    start: part.start + 1,
    empty: list.items.length === 0,
    done: part.done,
  };
};

/** The logo's natural size, from the data: URI's bytes (the page model draws it at that size, scaled down to fit). */
function logoSize(uri: string | null | undefined): { width: number; height: number } | null {
  const m = uri ? /^data:[^;,]+;base64,(.*)$/s.exec(uri) : null;
  if (!m) return null;
  try {
    return imageSize(Uint8Array.from(atob(m[1]!), (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/**
 * Whether the identity page would print "-" in every field: no number, name, date, approver or list (the
 * agency's lines and the logo are a heading, not fields). `sop build` warns about it (cli/commands/build.ts).
 */
export function identityBlank(model: SopModel): boolean {
  const { pembuatan, revisi, efektif } = model.dates;
  const a = model.disahkanOleh;
  return (
    plainText(model.number).trim() === '' &&
    plainText(model.name).trim() === '' &&
    !pembuatan && !revisi && !efektif &&
    a.jabatan === '' && a.nama === '' && a.nip === '' &&
    Object.values(model.lists).every((l: readonly string[]) => l.length === 0)
  );
}

const r2 = (v: number): number => Math.round(v * 100) / 100;

/** A single-value field prints "-" when empty, like an empty list. */
const orDash = (segments: Inline[]): Inline[] => (segments.length === 0 ? [{ text: '-', italic: false, wbr: false }] : segments);

/** The identity page(s): the fields (inline), and their lines and rows as the page model draws them (layout/identity-text.ts). */
function identityVM(model: SopModel, lay: SopLayout, options: HtmlOptions, hrefs: readonly (string | null)[]): HtmlViewModel['identity'] {
  const nip = model.disahkanOleh.nip;
  const nipCheck = checkNip(nip);
  const date = (d: SopModel['dates']['pembuatan']): string => (d ? formatDateId(d) : '-');
  const pairVM = (pair: ListPairText): PairVM => ({
    left: listPart(pair.sides[0], pair.index === 1 ? hrefs : []),
    right: listPart(pair.sides[1], []),
    headHeight: r2(pair.headHeight),
    height: r2(pair.height),
  });
  const listPages = identityListPages(model, lay.paper, !!options.logoDataUri);
  const head = identityHeaderText(model, lay.paper, options.logoDataUri ? logoSize(options.logoDataUri) : null);
  const jabatan = jabatanOf(model);
  const c = head.cols;
  const cols: IdentityColsVM = { table: r2(c.e - 1.3 - c.a), left: r2(c.b - c.a), label: r2(c.c - c.b), colon: r2(c.d - c.c), value: r2(c.e - 1.3 - c.d) };
  const rowsH = head.rows.reduce((a, r) => a + r.height, 0);
  return {
    logo: options.logoDataUri ?? null,
    instansi: model.instansi.map((l) => plainText(l).toLocaleUpperCase('id')),
    nomor: orDash(inline(model.number)),
    tanggalPembuatan: date(model.dates.pembuatan),
    tanggalRevisi: date(model.dates.revisi),
    tanggalEfektif: date(model.dates.efektif),
    nama: orDash(inline(model.name)),
    approver: {
      jabatan: inline(jabatan),
      hasJabatan: model.disahkanOleh.jabatan !== '',
      nama: inline(model.disahkanOleh.nama),
      hasNama: model.disahkanOleh.nama !== '',
      nip: nipCheck.ok ? nipCheck.formatted : nip,
      hasNip: nip !== '',
      empty: model.disahkanOleh.jabatan === '' && model.disahkanOleh.nama === '' && nip === '',
    },
    pairs: listPages[0]!.map(pairVM),
    more: listPages.slice(1).map((pg) => ({ pairs: pg.map(pairVM), cols })),
    cols,
    agencyTop: r2((rowsH - (head.agencyHeight - 25)) / 2 - 0.5),
    text: {
      rows: head.rows.map((r) => ({ label: linesOf(r.label), value: linesOf(r.value), height: r2(r.height) })),
      position: linesOf(head.signature.position),
      name: linesOf(head.signature.name),
      nip: linesOf(head.signature.nip),
      instansi: head.instansi.map(linesOf),
    },
  };
}

export function buildViewModel(model: SopModel, options: HtmlOptions = {}, layout?: SopLayout): HtmlViewModel {
  const config = options.config ?? {};
  const lay =
    layout ??
    options.layout ??
    layoutSop(model, {
      ...layoutOptions(config),
      ...(options.measured ? { measured: options.measured } : {}),
      ...(options.unpaginated ? { unpaginated: true } : {}),
    });
  const headers = { ...DEFAULT_HEADERS, ...(config.headers ?? {}) };
  // Only relative links between outputs: a scheme or host (`javascript:`, `//x`) is never linked.
  const hrefs = (options.links ?? []).map((l) => safeRelativeHref(l.href));
  const sym = lay.symbol;

  // The symbols and labels are the page model's marks (layout/flow-marks.ts), in the core band's coordinates.
  const symbolVM = (s: SymbolMark): SymbolVM => {
    const { shape, letter } = symbolMarks(sym, s, 0, 0);
    const rect = shape.kind === 'rect' ? shape : null;
    const points: string[] = [];
    if (shape.kind === 'polygon') for (let i = 0; i + 1 < shape.points.length; i += 2) points.push(`${shape.points[i]},${shape.points[i + 1]}`);
    // An end terminator (route/end-mark.ts) is a terminator of step `selesai`, with its decision in data-from.
    const end = s.kind === 'end';
    return {
      kind: end ? 'terminator' : s.kind,
      step: end ? 'selesai' : s.step,
      lane: s.lane,
      isRect: rect !== null,
      isPolygon: rect === null,
      x: rect?.x ?? s.x - sym.w / 2,
      y: rect?.y ?? s.y - sym.h / 2,
      w: rect?.w ?? sym.w,
      h: rect?.h ?? sym.h,
      rx: rect?.rx ?? 0,
      points: points.join(' '),
      letter: s.letter ?? '',
      hasLetter: letter !== null,
      letterX: letter?.x ?? s.x,
      letterY: letter?.middle ?? s.y - 1,
      from: end ? s.step : (s.from ?? ''),
      to: s.to ?? '',
      isConnector: s.kind === 'connector',
      isEnd: end,
    };
  };
  const labelVM = (l: LabelMark): LabelVM => {
    const { patch } = labelMarks(l, 0, 0);
    return { ...l, bx: patch.x, by: patch.y, bw: patch.w, bh: patch.h };
  };

  const noLines: RowVM['lines'] = { no: [], kegiatan: [], kelengkapan: [], waktu: [], output: [], keterangan: [] };
  const rowVM = (r: RowLayout): RowVM => {
    const s = r.step ? model.steps[r.step - 1]! : null;
    const t = s ? stepText(s, lay) : null;
    return {
      isStep: r.kind === 'step',
      number: r.step ?? 0,
      minHeight: Math.ceil(r.minHeight),
      // The cells as inline text, for templates of a project's own (the built-in ones print `lines`): made when read.
      get kegiatan() {
        return inline(s?.text ?? '');
      },
      get kelengkapan() {
        return inline(s?.kelengkapan ?? '');
      },
      get waktu() {
        return inline(s?.waktu?.text ?? '');
      },
      get output() {
        return inline(s?.output ?? '');
      },
      get keterangan() {
        return inline(s?.keterangan ?? '');
      },
      lines: t
        ? { no: linesOf(t.no), kegiatan: linesOf(t.kegiatan), kelengkapan: linesOf(t.kelengkapan), waktu: linesOf(t.waktu), output: linesOf(t.output), keterangan: linesOf(t.keterangan) }
        : noLines,
      flow: {
        top: { lines: r.top },
        core: { height: r.core.height, lines: r.core.pieces, symbols: r.core.symbols.map(symbolVM), labels: r.core.labels.map(labelVM) },
        bottom: { lines: r.bottom },
      },
    };
  };

  const fitted = lay.header;
  const ht = headerText(model, lay, headers);
  const widths = laneWidths(lay.columns, lay.laneCount);
  const lefts = laneLefts(lay.columns, lay.laneCount);
  const contentW = contentBox(lay.paper).width;
  const timing = timingLine(model.timing, model.steps);

  return {
    title: model.name ? `SOP ${plainText(model.name)}` : 'SOP',
    fonts: fontFaces(options.fontBase === undefined ? 'fonts/' : options.fontBase),
    paper: { name: lay.paper.name, widthMm: lay.paper.widthMm, heightMm: lay.paper.heightMm, marginMm: lay.paper.marginMm },
    arrowMarker: ARROW_MARKER,
    identity: identityVM(model, lay, options, hrefs),
    procedure: {
      caption: inline(model.name ? `SOP ${model.name}` : 'SOP'),
      captionLines: cellLines(captionText(model, contentW)),
      head: {
        no: cellLines(ht.no),
        kegiatan: cellLines(ht.kegiatan),
        pelaksana: cellLines(ht.pelaksana),
        mutuBaku: cellLines(ht.mutuBaku),
        keterangan: cellLines(ht.keterangan),
        kelengkapan: cellLines(ht.kelengkapan),
        waktu: cellLines(ht.waktu),
        output: cellLines(ht.output),
        lanes: ht.lanes.map(cellLines),
      },
      headRows: { first: r2(ht.row1), second: r2(lay.header.height - ht.row1) },
      headers,
      lanes: ht.lanes.map((t, i) => ({ title: titleInline(t), width: widths[i] ?? lay.columns.lane })),
      laneTitleSize: fitted.lanes[0]?.sizePx ?? 12,
      titles: {
        kelengkapan: titleOf(ht.kelengkapan),
        waktu: titleOf(ht.waktu),
        output: titleOf(ht.output),
        keterangan: titleOf(ht.keterangan),
      },
      laneCount: lay.laneCount,
      tableWidth: lay.columns.table,
      cols: { ...lay.columns },
      pages: lay.pages.map((pg, i) => {
        const last = i === lay.pages.length - 1 && timing !== null;
        return { rows: pg.rows.map(rowVM), timing: last ? timing : null, timingLines: last ? cellLines(timingText(timing, contentW)) : [] };
      }),
      laneBoxes: widths.map((width, i) => ({ left: lefts[i]!, width })),
    },
  };
}
