/**
 * Word (.docx) and Excel (.xlsx) input (and OpenDocument, odf.ts): the tables, as rows of cells placed
 * on the table's grid (a merged cell spans the grid columns it covers), so
 * that a header cell merged over the lanes ("Pelaksana") and the lane titles
 * under it line up with the step rows. Read through zip.ts (unpacked size
 * capped) and xml.ts (no entity expanded, nothing fetched).
 *
 * Word: the body's paragraphs (one cell each) and tables (w:gridSpan,
 * w:vMerge), italic runs as `*…*`, and the flowchart drawn in the table's
 * cells (WordTableDrawing). Excel: every sheet's cells (shared and inline
 * strings, numbers, dates by their number format), merged ranges, and the
 * sheet's drawing layer (sheetDrawing). Lanes and flows come from a drawing
 * when there is one (flowsFromGeometry), else from ticks and the text.
 */
import { cleanCell, italicRuns, officeRun } from './clean.js';
import type { Cell, Row } from './draft.js';
import { ImportError } from './error.js';
import { attr, kids, local, parseXml, walk, type XmlElement } from './xml.js';
import { ZipReader } from './zip.js';
import { isOdf, odfRows } from './odf.js';
import { maxOf } from '../util/array.js';
import { RowBudget } from './office-limits.js';

/** Grid columns are placed this far apart, so that the table reader's small tolerances stay inside one column. */
const COL = 10;

export async function officeToRows(bytes: Uint8Array): Promise<Row[]> {
  const zip = await ZipReader.open(bytes);
  // What the file makes, in all (office-limits.ts): its XML is capped, not what that XML declares.
  const budget = new RowBudget();
  if (zip.has('word/document.xml')) return docxRows(zip, budget);
  if (zip.has('xl/workbook.xml')) return xlsxRows(zip, budget);
  if (isOdf(zip)) return odfRows(zip, budget);
  throw new ImportError(
    'berkas zip ini bukan dokumen Word (.docx), Excel (.xlsx) atau OpenDocument (.odt, .ods): simpan ulang dalam salah satu format itu atau sebagai PDF',
    'this zip file is no Word (.docx), Excel (.xlsx) or OpenDocument (.odt, .ods) document: save it again in one of those formats or as PDF',
  );
}

const on = (el: XmlElement | undefined): boolean => {
  if (!el) return false;
  const v = attr(el, 'val');
  return v === undefined || !/^(0|false|none)$/i.test(v);
};

/**
 * A paragraph's or cell's text: runs in order, italic runs between officeRun's marks (italicRuns turns them into
 * `*…*` once the text is clean); a line break or a new paragraph is `brk`.
 */
function runsText(el: XmlElement, brk = ' '): string {
  let out = '';
  for (const n of textWalk(el)) {
    const name = local(n.name);
    if (name === 'r') {
      const rPr = kids(n, 'rPr')[0];
      const italic = rPr ? on(kids(rPr, 'i')[0]) : false;
      let t = '';
      for (const c of n.children) {
        if (typeof c === 'string') continue;
        const cn = local(c.name);
        if (cn === 't') t += c.children.filter((x): x is string => typeof x === 'string').join('');
        else if (cn === 'tab') t += ' ';
        else if (cn === 'br' || cn === 'cr') t += brk;
      }
      out += officeRun(t, italic);
    } else if (name === 'p' && out !== '' && !out.endsWith(brk)) out += brk;
  }
  return out;
}

/** A text's lines, each cleaned as a cell is, when there are several. */
function linesOf(text: string): string[] | undefined {
  const lines = text.split('\n').map((l) => italicRuns(cleanCell(l))).filter((l) => l !== '');
  return lines.length > 1 ? lines : undefined;
}

/** Elements in document order, without drawn shapes (their text boxes are not the cell's text). */
function* textWalk(el: XmlElement): Generator<XmlElement> {
  yield el;
  for (const c of el.children) if (typeof c !== 'string' && !/^(drawing|pict|AlternateContent|object)$/.test(local(c.name))) yield* textWalk(c);
}

function docxRows(zip: ZipReader, budget: RowBudget): Row[] {
  const doc = parseXml(zip.text('word/document.xml') ?? '');
  const body = [...walk(doc)].find((e) => local(e.name) === 'body');
  if (!body) return [];
  const rows: Row[] = [];
  const keep = (row: Row): void => budget.keep(rows, row);
  const origin = (n: number): string => `tabel/paragraf ${n}`;
  let n = 0;
  for (const c of body.children) {
    if (typeof c === 'string') continue;
    const name = local(c.name);
    n++;
    if (name === 'p') {
      const t = italicRuns(cleanCell(runsText(c)));
      // A paragraph's line breaks (the agency's name over three lines) are its lines, as a cell's are.
      const lines = t ? linesOf(runsText(c, '\n')) : undefined;
      keep({ cells: t ? [{ text: t, x0: 0, x1: COL, ...(lines ? { lines } : {}) }] : [], mode: 'position', origin: origin(n) });
    } else if (name === 'tbl') {
      const table = new WordTableDrawing(c, rows.length, budget);
      for (const tr of kids(c, 'tr')) {
        const cells: Cell[] = [];
        let col = 0;
        table.row(tr);
        for (const tc of kids(tr, 'tc')) {
          const pr = kids(tc, 'tcPr')[0];
          const span = Math.max(1, Math.min(64, Number(pr ? attr(kids(pr, 'gridSpan')[0] ?? { name: '', attrs: {}, children: [] }, 'val') ?? 1 : 1) || 1));
          const vm = pr ? kids(pr, 'vMerge')[0] : undefined;
          // A cell merged with the one above it ("continue") holds no text of its own.
          const cont = vm !== undefined && attr(vm, 'val') !== 'restart';
          const t = cont ? '' : italicRuns(cleanCell(runsText(tc)));
          const lines = t ? linesOf(runsText(tc, '\n')) : undefined;
          if (t) cells.push({ text: t, x0: col * COL, x1: (col + span) * COL, ...(lines ? { lines } : {}) });
          table.cell(tc, col, span);
          col += span;
        }
        keep({ cells, mode: 'position', origin: origin(n) });
      }
      for (const [at, drawn] of table.steps()) rows[at] = { ...rows[at]!, drawn };
      keep({ cells: [], mode: 'position', origin: origin(n) });
    }
  }
  return rows;
}

/** `B12` → [1, 11] (0-based column, row). */
function ref(r: string): [number, number] | null {
  const m = /^([A-Z]{1,3})(\d{1,7})$/.exec(r);
  if (!m) return null;
  let c = 0;
  for (const ch of m[1]!) c = c * 26 + (ch.charCodeAt(0) - 64);
  return [c - 1, Number(m[2]) - 1];
}

/** A sheet's string, shared (`si`) or inline (`is`): its runs, italic ones marked, else its one `t`. */
function sheetString(si: XmlElement): string {
  const textOf = (el: XmlElement): string => kids(el, 't').map((x) => x.children.filter((y): y is string => typeof y === 'string').join('')).join('');
  const rs = kids(si, 'r');
  if (rs.length === 0) return officeRun(textOf(si), false);
  return rs
    .map((r) => {
      const rPr = kids(r, 'rPr')[0];
      return officeRun(textOf(r), rPr !== undefined && on(kids(rPr, 'i')[0]));
    })
    .join('');
}

const BUILTIN_DATE = new Set([14, 15, 16, 17, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

function xlsxRows(zip: ZipReader, budget: RowBudget): Row[] {
  const rels = parseXml(zip.text('xl/_rels/workbook.xml.rels') ?? '');
  const target = new Map<string, string>();
  for (const r of walk(rels)) if (local(r.name) === 'Relationship') target.set(attr(r, 'Id') ?? '', attr(r, 'Target') ?? '');
  const wb = parseXml(zip.text('xl/workbook.xml') ?? '');
  const sheets = [...walk(wb)].filter((e) => local(e.name) === 'sheet');
  // Shared strings, with italic runs.
  const shared: string[] = [];
  const ss = zip.text('xl/sharedStrings.xml');
  if (ss) for (const si of [...walk(parseXml(ss))].filter((e) => local(e.name) === 'si')) shared.push(sheetString(si));
  // Which styles are dates.
  const dateStyle = new Set<number>();
  const st = zip.text('xl/styles.xml');
  if (st) {
    const s = parseXml(st);
    const custom = new Map<number, string>();
    for (const f of [...walk(s)].filter((e) => local(e.name) === 'numFmt')) custom.set(Number(attr(f, 'numFmtId')), attr(f, 'formatCode') ?? '');
    const xfs = [...walk(s)].find((e) => local(e.name) === 'cellXfs');
    (xfs ? kids(xfs, 'xf') : []).forEach((xf, k) => {
      const id = Number(attr(xf, 'numFmtId') ?? 0);
      const code = (custom.get(id) ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '');
      if (BUILTIN_DATE.has(id) || (/[dy]/i.test(code) && /m/i.test(code))) dateStyle.add(k);
    });
  }
  const rows: Row[] = [];
  // Each sheet part once: a workbook naming one part thousands of times had it read (and its rows made) each time.
  const read = new Set<string>();
  const drawings = new Set<string>();
  for (const sh of sheets) {
    let path = target.get(attr(sh, 'id') ?? '') ?? '';
    path = (path.startsWith('/') ? path.slice(1) : `xl/${path}`).replace(/\/\.\//g, '/');
    if (read.has(path)) continue;
    read.add(path);
    const text = zip.text(path);
    if (!text) continue;
    const x = parseXml(text);
    const spans = new Map<string, number>();
    const covered = new Set<string>();
    for (const mc of [...walk(x)].filter((e) => local(e.name) === 'mergeCell')) {
      const [a, b] = (attr(mc, 'ref') ?? '').split(':');
      const ra = a ? ref(a) : null;
      const rb = b ? ref(b) : null;
      if (!ra || !rb) continue;
      spans.set(`${ra[0]}:${ra[1]}`, rb[0] - ra[0] + 1);
      for (let r = ra[1]; r <= rb[1] && r - ra[1] < 1000; r++) {
        for (let c = ra[0]; c <= rb[0] && c - ra[0] < 200; c++) {
          if (r === ra[1] && c === ra[0]) continue;
          budget.cover();
          covered.add(`${c}:${r}`);
        }
      }
    }
    const byRow = new Map<number, Cell[]>();
    for (const c of [...walk(x)].filter((e) => local(e.name) === 'c')) {
      const at = ref(attr(c, 'r') ?? '');
      if (!at || covered.has(`${at[0]}:${at[1]}`)) continue;
      const t = attr(c, 't');
      const v = kids(c, 'v')[0]?.children.filter((y): y is string => typeof y === 'string').join('') ?? '';
      let value = '';
      if (t === 's') value = shared[Number(v)] ?? '';
      else if (t === 'inlineStr') value = sheetString(kids(c, 'is')[0] ?? c);
      else if (t === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
      else if (v !== '' && dateStyle.has(Number(attr(c, 's') ?? -1)) && /^\d+(\.\d+)?$/.test(v)) {
        const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(v)) * 86_400_000);
        value = `${String(d.getUTCDate()).padStart(2, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${d.getUTCFullYear()}`;
      } else value = v;
      const lines = linesOf(value.replace(/\r\n?/g, '\n'));
      value = italicRuns(cleanCell(value));
      if (!value) continue;
      const span = spans.get(`${at[0]}:${at[1]}`) ?? 1;
      const list = byRow.get(at[1]) ?? [];
      list.push({ text: value, x0: at[0] * COL, x1: (at[0] + span) * COL, ...(lines ? { lines } : {}) });
      byRow.set(at[1], list);
    }
    const last = Math.max(-1, maxOf(byRow.keys()));
    // The rows up to the last one with a cell are all made: the sheet's, and every sheet's before it, counted first.
    budget.roomFor(last + 2);
    const drawn = sheetDrawing(zip, path, rows.length, drawings, budget);
    for (let r = 0; r <= last; r++) {
      const d = drawn.get(r);
      budget.keep(rows, { cells: (byRow.get(r) ?? []).sort((a, b) => a.x0 - b.x0), mode: 'position', origin: `${attr(sh, 'name') ?? 'lembar'} baris ${r + 1}`, ...(d ? { drawn: d } : {}) });
    }
    budget.keep(rows, { cells: [], mode: 'position', origin: '' });
  }
  return rows;
}

const num = (el: XmlElement | undefined, name: string): number => Number(el ? attr(el, name) ?? 0 : 0) || 0;
const textOf = (el: XmlElement): string => [...walk(el)].filter((e) => local(e.name) === 't').map((e) => e.children.filter((c): c is string => typeof c === 'string').join('')).join(' ').trim();

/** A DrawingML connector's two ends from its box (offset, extent), flips and rotation; its arrowheads from its line ends. */
function connectorEnds(el: XmlElement, xfrm: XmlElement | undefined, x: number, y: number, cx: number, cy: number): DrawnLine {
  const rot = ((num(xfrm, 'rot') / 60000) * Math.PI) / 180;
  const fh = xfrm && /^(1|true)$/.test(attr(xfrm, 'flipH') ?? '') ? -1 : 1;
  const fv = xfrm && /^(1|true)$/.test(attr(xfrm, 'flipV') ?? '') ? -1 : 1;
  const c = { x: x + cx / 2, y: y + cy / 2 };
  const sx = (-cx / 2) * fh;
  const sy = (-cy / 2) * fv;
  const rx = sx * Math.cos(rot) - sy * Math.sin(rot);
  const ry = sx * Math.sin(rot) + sy * Math.cos(rot);
  const ln = [...walk(el)].find((e) => local(e.name) === 'ln');
  const head = ln ? kids(ln, 'headEnd')[0] : undefined;
  const tail = ln ? kids(ln, 'tailEnd')[0] : undefined;
  const arrow = (e: XmlElement | undefined): boolean => e !== undefined && (attr(e, 'type') ?? 'none') !== 'none';
  let a = { x: c.x + rx, y: c.y + ry };
  let b = { x: c.x - rx, y: c.y - ry };
  // A straight connector (no extent across) is read top to bottom: its rotation says nothing sure about which end starts.
  if (Math.min(cx, cy) < 2000 && !arrow(head) && !arrow(tail) && Math.abs(a.y - b.y) > Math.abs(a.x - b.x) && a.y > b.y) [a, b] = [b, a];
  return { a, b, reversed: arrow(head) && !arrow(tail), text: textOf(el) };
}

interface SheetShape {
  kind: 'process' | 'decision' | 'terminator' | 'connector' | 'label';
  row: number;
  col: number;
  /** Bounding box in EMU. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

const PRESETS: Readonly<Record<string, SheetShape['kind']>> = {
  flowChartProcess: 'process',
  rect: 'process',
  flowChartPredefinedProcess: 'process',
  flowChartDecision: 'decision',
  diamond: 'decision',
  flowChartTerminator: 'terminator',
  flowChartAlternateProcess: 'terminator',
  roundRect: 'terminator',
  flowChartOffpageConnector: 'connector',
};

/**
 * The drawing layer of a sheet (xl/drawings/…): flowchart shapes anchored to
 * cells, and connectors. A connector's ends are computed from its geometry
 * (offset, extent, flips, rotation) and matched to the shapes they touch:
 * the ids in stCxn/endCxn are not trusted (LibreOffice writes ids that name
 * no shape). Returns what each sheet row's step shows, keyed by the row;
 * step ids are `base + row`. A drawing already in `read` (another sheet's) is not read again.
 */
function sheetDrawing(zip: ZipReader, sheetPath: string, base: number, read: Set<string>, budget: RowBudget): Map<number, NonNullable<Row['drawn']>> {
  const out = new Map<number, NonNullable<Row['drawn']>>();
  const dirName = sheetPath.slice(0, sheetPath.lastIndexOf('/'));
  const relsPath = `${dirName}/_rels/${sheetPath.slice(sheetPath.lastIndexOf('/') + 1)}.rels`;
  const relsText = zip.text(relsPath);
  if (!relsText) return out;
  const rel = [...walk(parseXml(relsText))].find((e) => local(e.name) === 'Relationship' && /\/drawing$/.test(attr(e, 'Type') ?? ''));
  if (!rel) return out;
  const parts = `${dirName}/${attr(rel, 'Target') ?? ''}`.split('/');
  const norm: string[] = [];
  for (const p of parts) {
    if (p === '..') norm.pop();
    else if (p !== '.' && p !== '') norm.push(p);
  }
  // A drawing part once, as a sheet part: sheets sharing one would have every connector matched again for each.
  const drawingPath = norm.join('/');
  if (read.has(drawingPath)) return out;
  read.add(drawingPath);
  const text = zip.text(drawingPath);
  if (!text) return out;
  const doc = parseXml(text);
  const shapes: SheetShape[] = [];
  const lines: DrawnLine[] = [];
  for (const anchor of [...walk(doc)].filter((e) => /Anchor$/.test(local(e.name)))) {
    const from = kids(anchor, 'from')[0];
    const to = kids(anchor, 'to')[0];
    const cell = (el: XmlElement | undefined, n: string): number => Number(el ? kids(el, n)[0]?.children.join('') ?? 0 : 0) || 0;
    for (const el of anchor.children) {
      if (typeof el === 'string') continue;
      const kind = local(el.name);
      if (kind !== 'sp' && kind !== 'cxnSp') continue;
      const xfrm = [...walk(el)].find((e) => local(e.name) === 'xfrm');
      const off = xfrm ? kids(xfrm, 'off')[0] : undefined;
      const ext = xfrm ? kids(xfrm, 'ext')[0] : undefined;
      const x = num(off, 'x');
      const y = num(off, 'y');
      const cx = num(ext, 'cx');
      const cy = num(ext, 'cy');
      const prst = attr([...walk(el)].find((e) => local(e.name) === 'prstGeom') ?? { name: '', attrs: {}, children: [] }, 'prst') ?? '';
      if (kind === 'cxnSp' || /Connector|^line$/.test(prst)) {
        lines.push(connectorEnds(el, xfrm, x, y, cx, cy));
        continue;
      }
      const t = textOf(el);
      const k = PRESETS[prst] ?? (/^(ya|tidak)$/i.test(t) ? 'label' : null);
      if (!k) continue;
      shapes.push({ kind: k, row: Math.round((cell(from, 'row') + cell(to, 'row')) / 2), col: (cell(from, 'col') + cell(to, 'col')) / 2, x0: x, y0: y, x1: x + cx, y1: y + cy, text: t });
    }
  }
  return flowsFromGeometry(shapes, lines, base, out, budget);
}

/** Drawn shapes and connectors read in one Word table or one Excel sheet. */
export const DRAWING_LIMITS = { shapes: 5_000, connectors: 5_000 };

/** A connector piece: its two ends in the drawing's units (EMU), and its text. */
interface DrawnLine {
  a: { x: number; y: number };
  b: { x: number; y: number };
  /** The arrowhead is at `a` (head end only). */
  reversed: boolean;
  text: string;
}

/**
 * Shapes and connectors (both in one frame, EMU) → what each row's step
 * shows: the shapes give each row its lanes (the columns they sit in) and
 * its symbol; a connector's ends are matched to the shapes they touch, its
 * arrowhead gives the direction, its text or a "Ya"/"Tidak" box near its
 * start the branch's label. Step ids are `base + row`.
 */
function flowsFromGeometry(shapes: readonly SheetShape[], lines: readonly DrawnLine[], base: number, out: Map<number, NonNullable<Row['drawn']>>, budget: RowBudget): Map<number, NonNullable<Row['drawn']>> {
  // Every connector is matched against every shape: a drawing past these counts would hold the reader for minutes.
  if (shapes.length > DRAWING_LIMITS.shapes || lines.length > DRAWING_LIMITS.connectors) {
    throw new ImportError(
      `gambar bagan di tabel/lembar ini terlalu banyak (${shapes.length} bentuk, ${lines.length} garis; batasnya ${DRAWING_LIMITS.shapes} dan ${DRAWING_LIMITS.connectors}); tidak dibaca`,
      `the flowchart drawn in this table/sheet is too large (${shapes.length} shapes, ${lines.length} connectors; the limits are ${DRAWING_LIMITS.shapes} and ${DRAWING_LIMITS.connectors}); not read`,
    );
  }
  const symbols = shapes.filter((s) => s.kind !== 'label');
  if (symbols.length === 0) return out;
  // And over the file: 140 tables each at the limits (a 200 KB .docx) took 171 s.
  budget.match(lines.length * shapes.length);
  const tol = 40_000;
  const at = (p: { x: number; y: number }): SheetShape | undefined => {
    let best: SheetShape | undefined;
    let dist = Infinity;
    for (const s of symbols) {
      const dx = Math.max(s.x0 - p.x, 0, p.x - s.x1);
      const dy = Math.max(s.y0 - p.y, 0, p.y - s.y1);
      const d = Math.hypot(dx, dy);
      if (d <= tol && d < dist) {
        dist = d;
        best = s;
      }
    }
    return best;
  };
  for (const s of symbols) {
    if (s.kind === 'connector') continue;
    const d = out.get(s.row);
    const x = (s.col + 0.5) * COL;
    if (d) out.set(s.row, { ...d, lanesX: [...d.lanesX, x], symbol: d.symbol === 'decision' || s.kind === 'decision' ? 'decision' : d.symbol === 'terminator' || s.kind === 'terminator' ? 'terminator' : 'process' });
    else out.set(s.row, { id: base + s.row, lanes: [], lanesX: [x], symbol: s.kind as 'process' | 'decision' | 'terminator', out: [] });
  }
  const labels = shapes.filter((s) => s.kind === 'label');
  for (const l of lines) {
    const [p, q] = l.reversed ? [l.b, l.a] : [l.a, l.b];
    const from = at(p);
    const to = at(q);
    if (!from || !to || from.row === to.row || from.kind === 'connector' || to.kind === 'connector') continue;
    // A branch's label: the connector's own text, else a "Ya"/"Tidak" box near its start.
    let word = /^(ya|tidak)$/i.test(l.text) ? l.text : '';
    if (!word) {
      const near = labels.map((b) => ({ b, d: Math.hypot((b.x0 + b.x1) / 2 - p.x, (b.y0 + b.y1) / 2 - p.y) })).filter((x) => x.d < 400_000).sort((a, b) => a.d - b.d)[0];
      if (near) word = near.b.text;
    }
    const label = /^ya$/i.test(word) ? 'Ya' : /^tidak$/i.test(word) ? 'Tidak' : null;
    const d = out.get(from.row);
    if (d && !d.out.some((o) => o.to === base + to.row)) out.set(from.row, { ...d, out: [...d.out, { to: base + to.row, label }] });
  }
  return out;
}

const EMU_PER_TWIP = 635;
const EMU_PER_PT = 12_700;
/** A row with no height of its own is taken as this tall (two lines of 11 pt text), in twips. */
const ROW_TWIPS = 560;

/** VML shape types (o:spt) of the flowchart symbols. */
const VML_SPT: Readonly<Record<number, SheetShape['kind']>> = { 1: 'process', 109: 'process', 112: 'process', 4: 'decision', 110: 'decision', 2: 'terminator', 116: 'terminator', 176: 'terminator', 177: 'connector' };

/**
 * The shapes drawn in a Word table (DrawingML `wps:wsp` in `w:drawing`, or
 * its VML fallback): a shape anchored in a cell puts its row's step in that
 * cell's grid column, with its symbol; connectors give the flows. Positions
 * are placed in the table's frame: columns from the table grid, rows from
 * their heights (`w:trHeight`; a row without one is taken as two lines, so
 * a connector's far end is placed approximately when rows grow with their
 * text), offsets relative to the cell (a shape placed relative to the page
 * or margin still gives its lane; as a connector it is not read).
 */
class WordTableDrawing {
  private readonly colX: number[] = [0];
  private rowIndex: number;
  private rowY = 0;
  private rowH = 0;
  private readonly shapes: SheetShape[] = [];
  private readonly lines: DrawnLine[] = [];

  constructor(
    tbl: XmlElement,
    first: number,
    private readonly budget: RowBudget,
  ) {
    const grid = kids(tbl, 'tblGrid')[0];
    for (const g of grid ? kids(grid, 'gridCol') : []) this.colX.push(this.colX[this.colX.length - 1]! + Math.max(0, num(g, 'w')) * EMU_PER_TWIP);
    this.rowIndex = first - 1;
  }

  row(tr: XmlElement): void {
    this.rowIndex++;
    this.rowY += this.rowH;
    const pr = kids(tr, 'trPr')[0];
    const h = pr ? kids(pr, 'trHeight')[0] : undefined;
    this.rowH = (h ? Math.max(0, num(h, 'val')) || ROW_TWIPS : ROW_TWIPS) * EMU_PER_TWIP;
  }

  private x(col: number): number {
    return this.colX[Math.min(col, this.colX.length - 1)]! + Math.max(0, col - (this.colX.length - 1)) * 1_000_000;
  }

  cell(tc: XmlElement, col: number, span: number): void {
    const cx0 = this.x(col);
    const place = { row: this.rowIndex, col: col + (span - 1) / 2 };
    for (const el of drawingsIn(tc)) {
      if (local(el.name) === 'anchor' || local(el.name) === 'inline') this.dml(el, place, cx0);
      else this.vml(el, place, cx0);
    }
  }

  private dml(anchor: XmlElement, place: { row: number; col: number }, cx0: number): void {
    const inline = local(anchor.name) === 'inline';
    const pos = (axis: 'positionH' | 'positionV'): number | null => {
      if (inline) return 0;
      const p = kids(anchor, axis)[0];
      if (!p) return 0;
      if (/^(page|margin|leftMargin|rightMargin|topMargin|bottomMargin|insideMargin|outsideMargin)$/.test(attr(p, 'relativeFrom') ?? '')) return null;
      const off = kids(p, 'posOffset')[0];
      return off ? Number(off.children.join('')) || 0 : 0;
    };
    const px = pos('positionH');
    const py = pos('positionV');
    const extent = kids(anchor, 'extent')[0];
    for (const sp of [...walk(anchor)].filter((e) => local(e.name) === 'wsp')) {
      const xfrm = [...walk(sp)].find((e) => local(e.name) === 'xfrm');
      const ext = xfrm ? kids(xfrm, 'ext')[0] : undefined;
      // LibreOffice writes a placeholder extent for connectors; the shape's own box (a:xfrm) is the true one.
      const cx = ext ? num(ext, 'cx') : num(extent, 'cx');
      const cy = ext ? num(ext, 'cy') : num(extent, 'cy');
      const prst = attr([...walk(sp)].find((e) => local(e.name) === 'prstGeom') ?? { name: '', attrs: {}, children: [] }, 'prst') ?? '';
      const connector = kids(sp, 'cNvCnPr').length > 0 || /Connector|^line$/.test(prst);
      const x = cx0 + (px ?? 0);
      const y = this.rowY + (py ?? 0);
      if (connector) {
        if (px !== null && py !== null) this.lines.push(connectorEnds(sp, xfrm, x, y, cx, cy));
        continue;
      }
      const t = textOf(sp);
      const k = PRESETS[prst] ?? (/^(ya|tidak)$/i.test(t) ? 'label' : null);
      if (k) {
        const shape = { kind: k, ...place, x0: x, y0: y, x1: x + cx, y1: y + cy, text: t };
        this.shapes.push(shape);
      }
    }
  }

  /** VML (`v:shape`, `v:rect`, `v:roundrect`, `v:line`), written by older Word versions and as the fallback of DrawingML. */
  private vml(el: XmlElement, place: { row: number; col: number }, cx0: number): void {
    const style = new Map<string, string>();
    for (const part of (attr(el, 'style') ?? '').split(';')) {
      const k = part.indexOf(':');
      if (k > 0) style.set(part.slice(0, k).trim(), part.slice(k + 1).trim());
    }
    const len = (v: string | undefined): number => {
      const m = /^(-?[\d.]+)(pt|in|cm|mm|px)?$/.exec(v ?? '');
      if (!m) return 0;
      const f = { pt: 1, in: 72, cm: 72 / 2.54, mm: 72 / 25.4, px: 0.75 }[m[2] ?? 'px'] ?? 0.75;
      return Number(m[1]) * f * EMU_PER_PT;
    };
    const stroke = kids(el, 'stroke')[0];
    const arrow = (n: string): boolean => stroke !== undefined && (attr(stroke, n) ?? 'none') !== 'none';
    const name = local(el.name);
    const text = textOf(el);
    if (name === 'line') {
      const pt = (v: string | undefined): { x: number; y: number } => {
        const [a = '0', b = '0'] = (v ?? '0,0').split(',');
        return { x: cx0 + len(a.trim() || '0'), y: this.rowY + len(b.trim() || '0') };
      };
      this.lines.push({ a: pt(attr(el, 'from')), b: pt(attr(el, 'to')), reversed: arrow('startarrow') && !arrow('endarrow'), text });
      return;
    }
    const x = cx0 + len(style.get('margin-left'));
    const y = this.rowY + len(style.get('margin-top'));
    const w = len(style.get('width'));
    const h = len(style.get('height'));
    const spt = Number(attr(el, 'spt') ?? /_x0000_t(\d+)/.exec(attr(el, 'type') ?? '')?.[1] ?? (name === 'rect' ? 1 : name === 'roundrect' ? 2 : NaN));
    if (spt === 20 || (spt >= 32 && spt <= 40)) {
      // A straight or elbow connector: its box's corners, flipped as the style says.
      const flip = style.get('flip') ?? '';
      const [ax, bx] = flip.includes('x') ? [x + w, x] : [x, x + w];
      const [ay, by] = flip.includes('y') ? [y + h, y] : [y, y + h];
      this.lines.push({ a: { x: ax, y: ay }, b: { x: bx, y: by }, reversed: arrow('startarrow') && !arrow('endarrow'), text });
      return;
    }
    const k = VML_SPT[spt] ?? (/^(ya|tidak)$/i.test(text) ? 'label' : null);
    if (k) {
      const shape = { kind: k, ...place, x0: x, y0: y, x1: x + w, y1: y + h, text };
      this.shapes.push(shape);
    }
  }

  /** Each table row with a drawn step: its index in the rows, and what the drawing says. */
  steps(): Map<number, NonNullable<Row['drawn']>> {
    return flowsFromGeometry(this.shapes, this.lines, 0, new Map(), this.budget);
  }
}

/** The drawings in a Word cell: DrawingML anchors (`wp:anchor`, `wp:inline`), or VML shapes where there is no DrawingML choice. */
function* drawingsIn(el: XmlElement): Generator<XmlElement> {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    const n = local(c.name);
    if (n === 'anchor' || n === 'inline') yield c;
    else if (/^(shape|rect|roundrect|line)$/.test(n) && c.name.startsWith('v:')) yield c;
    else if (n === 'AlternateContent') {
      const choice = kids(c, 'Choice')[0];
      yield* drawingsIn(choice ?? kids(c, 'Fallback')[0] ?? c);
    } else if (n !== 'tbl' && n !== 'shapetype') yield* drawingsIn(c);
  }
}
