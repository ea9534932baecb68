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
import { layoutSop } from '../../layout/layout.js';
import { labelMarks, symbolMarks } from '../../layout/flow-marks.js';
import { fontFaces, type FontFaceVM } from './fonts.js';
import { hyphenateTitle, type FittedTitle } from '../../layout/geometry.js';
import { paginateIdentity, type IdentityList, type IdentityPage, type ListPart } from '../../layout/identity.js';
import type { MeasuredHeights } from '../../layout/paginate.js';
import type { LabelMark, Piece, RowLayout, SopLayout, SymbolMark } from '../../layout/types.js';
import { safeRelativeHref } from '../../util/href.js';
import { parseInline, plainText } from '../../util/inline.js';
import { breaksAfterSlash } from '../../util/hyphenate.js';

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

/** A title's segments with soft hyphens where its words must break (the layout chose the size). */
function titleInline(value: string, fit: FittedTitle, widthPx: number): Inline[] {
  return inline(value).map((seg) => ({ ...seg, text: hyphenateTitle(seg.text, fit.sizePx, widthPx) }));
}

interface SymbolVM {
  kind: string;
  step: number;
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
    pairs: { left: ListVM; right: ListVM }[];
    /** Pages the lists continue on. */
    more: { pairs: { left: ListVM; right: ListVM }[] }[];
  };
  procedure: {
    caption: Inline[];
    headers: HeaderWords;
    lanes: { title: Inline[] }[];
    /** Font size of the lane titles (all alike), and of the other column titles, px. */
    laneTitleSize: number;
    titles: Record<'kelengkapan' | 'waktu' | 'output' | 'keterangan', { text: string; size: number }>;
    laneCount: number;
    tableWidth: number;
    cols: { no: number; kegiatan: number; lane: number; lanes: number; kelengkapan: number; waktu: number; output: number; keterangan: number };
    /** `timing`: "Jumlah waktu: ..." printed under the table on the last page, null elsewhere. */
    pages: { rows: RowVM[]; timing: string | null }[];
    laneBoxes: { left: number; width: number }[];
  };
}

interface ListVM {
  title: string;
  items: { segments: Inline[]; href: string | null }[];
  /** The number of the first item (a continued list numbers on). */
  start: number;
  /** An empty list prints "-". */
  empty: boolean;
  /** The list ended on an earlier page: a blank cell. */
  done: boolean;
}

const listPart = (part: ListPart, items: readonly string[], hrefs: readonly (string | null)[]): ListVM => ({
  title: part.title,
  items: items.slice(part.start, part.end).map((t, i) => ({ segments: inline(t), href: hrefs[part.start + i] ?? null })),
  start: part.start + 1,
  empty: items.length === 0,
  done: part.done,
});

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

/** A single-value field prints "-" when empty, like an empty list. */
const orDash = (segments: Inline[]): Inline[] => (segments.length === 0 ? [{ text: '-', italic: false, wbr: false }] : segments);

export function buildViewModel(model: SopModel, options: HtmlOptions = {}, layout?: SopLayout): HtmlViewModel {
  const config = options.config ?? {};
  const lay =
    layout ??
    options.layout ??
    layoutSop(model, {
      ...(config.paper ? { paper: config.paper } : {}),
      ...(config.maxRowsPerPage ? { maxRowsPerPage: config.maxRowsPerPage } : {}),
      headers: { ...DEFAULT_HEADERS, ...(config.headers ?? {}) },
      ...(options.measured ? { measured: options.measured } : {}),
      ...(options.unpaginated ? { unpaginated: true } : {}),
    });
  const headers = { ...DEFAULT_HEADERS, ...(config.headers ?? {}) };
  const nip = model.disahkanOleh.nip;
  const nipCheck = checkNip(nip);
  const date = (d: SopModel['dates']['pembuatan']): string => (d ? formatDateId(d) : '-');
  // Only relative links between outputs: a scheme or host (`javascript:`, `//x`) is never linked.
  const hrefs = (options.links ?? []).map((l) => safeRelativeHref(l.href));
  const sym = lay.symbol;

  // The symbols and labels are the page model's marks (layout/flow-marks.ts), in the core band's coordinates.
  const symbolVM = (s: SymbolMark): SymbolVM => {
    const { shape, letter } = symbolMarks(sym, s, 0, 0);
    const rect = shape.kind === 'rect' ? shape : null;
    const points: string[] = [];
    if (shape.kind === 'polygon') for (let i = 0; i + 1 < shape.points.length; i += 2) points.push(`${shape.points[i]},${shape.points[i + 1]}`);
    return {
      kind: s.kind,
      step: s.step,
      lane: s.lane,
      isRect: rect !== null,
      isPolygon: rect === null,
      x: rect?.x ?? s.x - sym.w / 2,
      y: rect?.y ?? s.y - sym.h / 2,
      w: sym.w,
      h: sym.h,
      rx: rect?.rx ?? 0,
      points: points.join(' '),
      letter: s.letter ?? '',
      hasLetter: letter !== null,
      letterX: letter?.x ?? s.x,
      letterY: letter?.middle ?? s.y - 1,
      from: s.from ?? '',
      to: s.to ?? '',
      isConnector: s.kind === 'connector',
    };
  };
  const labelVM = (l: LabelMark): LabelVM => {
    const { patch } = labelMarks(l, 0, 0);
    return { ...l, bx: patch.x, by: patch.y, bw: patch.w, bh: patch.h };
  };

  const rowVM = (r: RowLayout): RowVM => {
    const s = r.step ? model.steps[r.step - 1]! : null;
    return {
      isStep: r.kind === 'step',
      number: r.step ?? 0,
      minHeight: Math.ceil(r.minHeight),
      kegiatan: inline(s?.text ?? ''),
      kelengkapan: inline(s?.kelengkapan ?? ''),
      waktu: inline(s?.waktu?.text ?? ''),
      output: inline(s?.output ?? ''),
      keterangan: inline(s?.keterangan ?? ''),
      flow: {
        top: { lines: r.top },
        core: { height: r.core.height, lines: r.core.pieces, symbols: r.core.symbols.map(symbolVM), labels: r.core.labels.map(labelVM) },
        bottom: { lines: r.bottom },
      },
    };
  };

  const lists: readonly (readonly [IdentityList, IdentityList])[] = [
    [{ title: 'Dasar Hukum', items: model.lists.dasarHukum }, { title: 'Kualifikasi Pelaksana', items: model.lists.kualifikasi }],
    [{ title: 'Keterkaitan', items: model.lists.keterkaitan }, { title: 'Peralatan/Perlengkapan', items: model.lists.peralatan }],
    [{ title: 'Peringatan', items: model.lists.peringatan }, { title: 'Pencatatan dan Pendataan', items: model.lists.pencatatan }],
  ];
  const jabatan = model.disahkanOleh.jabatan ? model.disahkanOleh.jabatan.replace(/,\s*$/, '') + ',' : '';
  const identityPages = paginateIdentity(
    lay.paper,
    { instansiLines: model.instansi.length, hasLogo: !!options.logoDataUri, nomor: plainText(model.number), nama: plainText(model.name), jabatan },
    lists,
  );
  const pairVM = (pg: IdentityPage): { left: ListVM; right: ListVM }[] =>
    pg.pairs.map((pair) => {
      const src = lists[pair.index]!;
      return { left: listPart(pair.left, src[0].items, pair.index === 1 ? hrefs : []), right: listPart(pair.right, src[1].items, []) };
    });
  const fitted = lay.header;
  const titleOf = (text: string, fit: FittedTitle, width: number): { text: string; size: number } => ({ text: hyphenateTitle(text, fit.sizePx, width), size: fit.sizePx });

  return {
    title: model.name ? `SOP ${plainText(model.name)}` : 'SOP',
    fonts: fontFaces(options.fontBase === undefined ? 'fonts/' : options.fontBase),
    paper: { name: lay.paper.name, widthMm: lay.paper.widthMm, heightMm: lay.paper.heightMm, marginMm: lay.paper.marginMm },
    identity: {
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
      pairs: pairVM(identityPages[0]!),
      more: identityPages.slice(1).map((pg) => ({ pairs: pairVM(pg) })),
    },
    procedure: {
      caption: inline(model.name ? `SOP ${model.name}` : 'SOP'),
      headers,
      lanes: (model.lanes.length > 0 ? model.lanes : [{ title: '' }]).map((l, i) => ({ title: titleInline(l.title, fitted.lanes[i] ?? fitted.lanes[0]!, lay.columns.lane) })),
      laneTitleSize: fitted.lanes[0]?.sizePx ?? 12,
      titles: {
        kelengkapan: titleOf(headers.kelengkapan, fitted.kelengkapan, lay.columns.kelengkapan),
        waktu: titleOf(headers.waktu, fitted.waktu, lay.columns.waktu),
        output: titleOf(headers.output, fitted.output, lay.columns.output),
        keterangan: titleOf(headers.keterangan, fitted.keterangan, lay.columns.keterangan),
      },
      laneCount: lay.laneCount,
      tableWidth: lay.columns.table,
      cols: { ...lay.columns },
      pages: lay.pages.map((pg, i) => ({ rows: pg.rows.map(rowVM), timing: i === lay.pages.length - 1 ? timingLine(model.timing, model.steps) : null })),
      laneBoxes: Array.from({ length: lay.laneCount }, (_, i) => ({ left: lay.columns.lane * i, width: lay.columns.lane })),
    },
  };
}
