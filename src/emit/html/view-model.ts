/**
 * The HTML view model: everything the templates print, precomputed, so the
 * templates hold no logic beyond `each` and `if`. User text is passed as
 * inline segments and escaped by Handlebars.
 */
import { DEFAULT_HEADERS, type HeaderWords, type SopConfig } from '../../model/config.js';
import { formatDateId } from '../../model/dates.js';
import type { SopModel } from '../../model/model.js';
import { checkNip } from '../../model/nip.js';
import type { RelatedSopLink } from '../../check/project.js';
import { layoutSop } from '../../layout/layout.js';
import type { LabelMark, Piece, RowLayout, SopLayout, SymbolMark } from '../../layout/types.js';
import { safeRelativeHref } from '../../util/href.js';
import { parseInline, plainText, type Inline } from '../../util/inline.js';

export interface HtmlOptions {
  readonly config?: SopConfig;
  /** The logo as a data: URI (the caller reads the file). */
  readonly logoDataUri?: string | null;
  /** Keterkaitan links: the project's SOP each item names, with the href of its HTML. */
  readonly links?: readonly (RelatedSopLink & { readonly href?: string | null })[];
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
    core: { height: number; lines: readonly Piece[]; symbols: SymbolVM[]; labels: readonly LabelMark[] };
    bottom: BandVM;
  };
}

export interface HtmlViewModel {
  title: string;
  paper: { name: string; widthMm: number; heightMm: number; marginMm: number };
  identity: {
    logo: string | null;
    instansi: string[];
    nomor: Inline[];
    tanggalPembuatan: string;
    tanggalRevisi: string;
    tanggalEfektif: string;
    nama: Inline[];
    approver: { jabatan: Inline[]; hasJabatan: boolean; nama: Inline[]; hasNama: boolean; nip: string; hasNip: boolean };
    pairs: { left: ListVM; right: ListVM }[];
  };
  procedure: {
    caption: Inline[];
    headers: HeaderWords;
    lanes: { title: Inline[] }[];
    laneCount: number;
    tableWidth: number;
    cols: { no: number; kegiatan: number; lane: number; lanes: number; kelengkapan: number; waktu: number; output: number; keterangan: number };
    pages: { rows: RowVM[] }[];
    laneBoxes: { left: number; width: number }[];
    laneTitleSize: number;
  };
}

interface ListVM {
  title: string;
  items: { segments: Inline[]; href: string | null }[];
  empty: boolean;
}

const list = (title: string, items: readonly string[], hrefs: readonly (string | null)[] = []): ListVM => ({
  title,
  items: items.map((t, i) => ({ segments: parseInline(t), href: hrefs[i] ?? null })),
  empty: items.length === 0,
});

export function buildViewModel(model: SopModel, options: HtmlOptions = {}, layout?: SopLayout): HtmlViewModel {
  const config = options.config ?? {};
  const lay =
    layout ??
    layoutSop(model, {
      ...(config.paper ? { paper: config.paper } : {}),
      ...(config.maxRowsPerPage ? { maxRowsPerPage: config.maxRowsPerPage } : {}),
    });
  const headers = { ...DEFAULT_HEADERS, ...(config.headers ?? {}) };
  const nip = model.disahkanOleh.nip;
  const nipCheck = checkNip(nip);
  const date = (d: SopModel['dates']['pembuatan']): string => (d ? formatDateId(d) : '');
  // Only relative links between outputs: a scheme or host (`javascript:`, `//x`) is never linked.
  const hrefs = (options.links ?? []).map((l) => safeRelativeHref(l.href));
  const sym = lay.symbol;

  const symbolVM = (s: SymbolMark): SymbolVM => {
    const base = {
      kind: s.kind,
      step: s.step,
      lane: s.lane,
      x: s.x - sym.w / 2,
      y: s.y - sym.h / 2,
      w: sym.w,
      h: sym.h,
      rx: 0,
      points: '',
      letter: s.letter ?? '',
      hasLetter: s.letter !== undefined,
      letterX: s.x,
      letterY: s.y - 1,
      from: s.from ?? '',
      to: s.to ?? '',
      isConnector: s.kind === 'connector',
    };
    switch (s.kind) {
      case 'terminator':
        return { ...base, isRect: true, isPolygon: false, rx: sym.h / 2 };
      case 'process':
        return { ...base, isRect: true, isPolygon: false };
      case 'decision': {
        const { x, y } = s;
        const hw = sym.w / 2;
        const hh = sym.h / 2;
        return { ...base, isRect: false, isPolygon: true, points: `${x},${y - hh} ${x + hw},${y} ${x},${y + hh} ${x - hw},${y}` };
      }
      case 'connector': {
        const hw = sym.cw / 2;
        const top = s.y - sym.ch / 2;
        const shoulder = top + sym.ch * 0.6;
        const tip = top + sym.ch;
        return {
          ...base,
          isRect: false,
          isPolygon: true,
          points: `${s.x - hw},${top} ${s.x + hw},${top} ${s.x + hw},${shoulder} ${s.x},${tip} ${s.x - hw},${shoulder}`,
          letterY: top + sym.ch * 0.45,
        };
      }
    }
  };

  const rowVM = (r: RowLayout): RowVM => {
    const s = r.step ? model.steps[r.step - 1]! : null;
    return {
      isStep: r.kind === 'step',
      number: r.step ?? 0,
      minHeight: Math.ceil(r.minHeight),
      kegiatan: parseInline(s?.text ?? ''),
      kelengkapan: parseInline(s?.kelengkapan ?? ''),
      waktu: parseInline(s?.waktu?.text ?? ''),
      output: parseInline(s?.output ?? ''),
      keterangan: parseInline(s?.keterangan ?? ''),
      flow: {
        top: { lines: r.top },
        core: { height: r.core.height, lines: r.core.pieces, symbols: r.core.symbols.map(symbolVM), labels: r.core.labels },
        bottom: { lines: r.bottom },
      },
    };
  };

  return {
    title: model.name ? `SOP ${plainText(model.name)}` : 'SOP',
    paper: { name: lay.paper.name, widthMm: lay.paper.widthMm, heightMm: lay.paper.heightMm, marginMm: lay.paper.marginMm },
    identity: {
      logo: options.logoDataUri ?? null,
      instansi: model.instansi.map((l) => plainText(l).toLocaleUpperCase('id')),
      nomor: parseInline(model.number),
      tanggalPembuatan: date(model.dates.pembuatan),
      tanggalRevisi: date(model.dates.revisi),
      tanggalEfektif: date(model.dates.efektif),
      nama: parseInline(model.name),
      approver: {
        jabatan: parseInline(model.disahkanOleh.jabatan ? model.disahkanOleh.jabatan.replace(/,\s*$/, '') + ',' : ''),
        hasJabatan: model.disahkanOleh.jabatan !== '',
        nama: parseInline(model.disahkanOleh.nama),
        hasNama: model.disahkanOleh.nama !== '',
        nip: nipCheck.ok ? nipCheck.formatted : nip,
        hasNip: nip !== '',
      },
      pairs: [
        { left: list('Dasar Hukum', model.lists.dasarHukum), right: list('Kualifikasi Pelaksana', model.lists.kualifikasi) },
        { left: list('Keterkaitan', model.lists.keterkaitan, hrefs), right: list('Peralatan/Perlengkapan', model.lists.peralatan) },
        { left: list('Peringatan', model.lists.peringatan), right: list('Pencatatan dan Pendataan', model.lists.pencatatan) },
      ],
    },
    procedure: {
      caption: parseInline(model.name ? `SOP ${model.name}` : 'SOP'),
      headers,
      lanes: (model.lanes.length > 0 ? model.lanes : [{ title: '' }]).map((l) => ({ title: parseInline(l.title) })),
      laneCount: lay.laneCount,
      tableWidth: lay.columns.table,
      cols: { ...lay.columns },
      pages: lay.pages.map((pg) => ({ rows: pg.rows.map(rowVM) })),
      laneBoxes: Array.from({ length: lay.laneCount }, (_, i) => ({ left: lay.columns.lane * i, width: lay.columns.lane })),
      // Narrow lanes get smaller titles so that words are not broken.
      laneTitleSize: lay.columns.lane >= 90 ? 12 : lay.columns.lane >= 60 ? 10.5 : 9,
    },
  };
}
