/**
 * PDF input, with pdf.js (`pdfjs-dist`): the text with its positions, and
 * the vector drawing.
 *
 * Text: items are grouped into lines (same baseline) and cells (items that
 * touch); a cell inside the table is snapped to the column between the
 * table's vertical rules, so that a left-aligned value and its centred
 * header share one column. The rows then go through the same procedure
 * reader as text (mode `position`).
 *
 * Drawing: stroked closed paths are symbols (rectangle = process, diamond =
 * decision, rounded = terminator, pentagon = off-page connector); small
 * filled triangles are arrowheads; stroked open paths are connector pieces,
 * joined where their ends meet. A connector runs from the symbol at its bare
 * end to the symbol at its arrowhead; a "Ya"/"Tidak" text by its start
 * labels a decision's branch; off-page connectors are matched by their
 * letters. Each step row gets the lanes of its symbols and its targets.
 *
 * Untrusted input: at most MAX_PAGES pages and a wall-clock budget, no
 * fonts loaded, no scripts evaluated, nothing fetched; any failure of pdf.js
 * is one clear ImportError. pdf.js works in microtasks and may not return
 * to the event loop for minutes (the budget's timer then waits too), so
 * `sop import` and the language server run this in a process of their own,
 * killed at the deadline, with a memory cap (src/import/pdf-process.ts).
 */
import { cleanCell } from './clean.js';
import type { Cell, DrawnTarget, Row } from './draft.js';
import { ImportError } from './error.js';
import { readDrawing, type Arrow, type Box, type PageData, type Pt, type Shape, type TextItem } from './pdf-drawing.js';
import { maxOf, minOf, pushAll } from '../util/array.js';

export const MAX_PAGES = 300;

/** `p`, unless the deadline passes (slow()) or the reading is stopped (the signal's reason) first. */
const withDeadline = async <T>(p: Promise<T>, deadline: number, signal?: AbortSignal): Promise<T> => {
  const left = deadline - Date.now();
  if (left <= 0) throw slow();
  if (signal?.aborted) throw signal.reason;
  let timer: NodeJS.Timeout | undefined;
  let stopped: (() => void) | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_r, reject) => {
        timer = setTimeout(() => reject(slow()), left);
        stopped = () => reject(signal!.reason);
        signal?.addEventListener('abort', stopped, { once: true });
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
    if (stopped) signal?.removeEventListener('abort', stopped);
  }
};
/** Over the wall-clock budget (here, or in the reading process: src/import/pdf-process.ts). */
export const slow = (): ImportError => new ImportError('PDF ini terlalu lama dibaca (melewati batas waktu); pecah menjadi berkas yang lebih kecil', 'this PDF takes too long to read (over the time limit); split it into smaller files');

export interface PdfReadOptions {
  readonly deadlineMs: number;
  /**
   * pdf.js's own logging: 0 (the default) errors only; 1 adds its warnings (console.log), which the
   * reading thread (src/import/pdf-reader.ts) collects to tell a PDF whose content overflowed the stack.
   */
  readonly verbosity?: 0 | 1;
  /** Stops the reading: the reason (an ImportError) is thrown (the reading thread's operator cap). */
  readonly signal?: AbortSignal;
}

/** Reads a PDF's pages into rows of cells, with what the drawing says about each step row. */
export async function pdfToRows(bytes: Uint8Array, opts: PdfReadOptions): Promise<Row[]> {
  const deadline = Date.now() + opts.deadlineMs;
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    disableAutoFetch: true,
    disableStream: true,
    stopAtErrors: false,
    maxImageSize: 1,
    verbosity: opts.verbosity ?? 0,
    isOffscreenCanvasSupported: false,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await withDeadline(task.promise, deadline, opts.signal);
  } catch (e) {
    void task.destroy();
    if (e instanceof ImportError) throw e;
    const name = (e as { name?: string })?.name;
    if (name === 'PasswordException') throw new ImportError('PDF ini dilindungi kata sandi; buka kuncinya lebih dulu', 'this PDF is password-protected; unlock it first');
    throw new ImportError('bukan PDF yang dapat dibaca (rusak atau terpotong)', 'not a readable PDF (damaged or truncated)');
  }
  try {
    if (doc.numPages > MAX_PAGES) {
      throw new ImportError(`PDF ini punya ${doc.numPages} halaman; batasnya ${MAX_PAGES}`, `this PDF has ${doc.numPages} pages; the limit is ${MAX_PAGES}`);
    }
    const OPS = pdfjs.OPS;
    const pages: PageData[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await withDeadline(doc.getPage(n), deadline, opts.signal);
      const vp = page.getViewport({ scale: 1 });
      // The operator list first: it loads the fonts, whose names tell italics.
      const ops = await withDeadline(page.getOperatorList(), deadline, opts.signal);
      const tc = await withDeadline(page.getTextContent(), deadline, opts.signal);
      const items: TextItem[] = [];
      for (const it of tc.items) {
        if (!('str' in it) || it.str.trim() === '') continue;
        const [a, b, , d, e, f] = it.transform as number[];
        const [x, y] = vp.convertToViewportPoint(e!, f!) as [number, number];
        const size = Math.hypot(b!, d!) || it.height || 10;
        const fontName = String(tc.styles[it.fontName]?.fontFamily ?? '') + String(it.fontName);
        items.push({ str: it.str, origY: y, x, y, top: y - size * 0.8, w: it.width * (Math.hypot(a!, b!) ? 1 : 1), h: size, italic: /italic|oblique/i.test(fontName) || isItalicFont(page, it.fontName) });
      }
      pages.push(Object.assign({ n, items }, readDrawing(ops.fnArray, ops.argsArray, OPS, vp, n)));
    }
    return buildRows(pages);
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError('bukan PDF yang dapat dibaca (rusak atau terpotong)', 'not a readable PDF (damaged or truncated)');
  } finally {
    await doc.destroy();
  }
}

function isItalicFont(page: { commonObjs: { has(id: string): boolean; get(id: string): unknown } }, id: string): boolean {
  try {
    if (!page.commonObjs.has(id)) return false;
    const f = page.commonObjs.get(id) as { name?: string; italic?: boolean } | null;
    return Boolean(f?.italic) || /italic|oblique/i.test(f?.name ?? '');
  } catch {
    return false;
  }
}

/** Text items → lines → cells, snapped to the table's columns. */
function pageRows(p: PageData): { rows: Row[]; lineTop: number[]; lineRules: number[][] } {
  const items = [...p.items].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: TextItem[][] = [];
  for (const it of items) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0]!.y - it.y) <= Math.max(1.5, it.h * 0.25)) line.push(it);
    else lines.push([it]);
  }
  // An office program centres a cell's text vertically: with stroked borders, the lines between two
  // horizontal borders (of the column the line starts in) are one table row.
  if (p.stroked) {
    const band = (line: TextItem[]): string | null => {
      const x = line[0]!.x + 1;
      const y = line[0]!.y;
      const rules = p.hrules.filter((h) => h.x0 - 1 <= x && h.x1 + 1 >= x);
      const above = maxOf(rules.filter((h) => h.y < y - line[0]!.h * 0.5).map((h) => h.y));
      const below = minOf(rules.filter((h) => h.y > y).map((h) => h.y));
      return Number.isFinite(above) && Number.isFinite(below) ? `${Math.round(above)}:${Math.round(below)}` : null;
    };
    const merged: TextItem[][] = [];
    const keyOf: (string | null)[] = [];
    for (const line of lines) {
      line.sort((a, b) => a.x - b.x);
      const k = band(line);
      const at = k === null ? -1 : keyOf.lastIndexOf(k);
      if (at >= 0 && at === keyOf.length - 1) pushAll(merged[at]!, line.map((it) => ({ ...it, y: merged[at]![0]!.y, top: merged[at]![0]!.top })));
      else {
        merged.push([...line]);
        keyOf.push(k);
      }
    }
    lines.length = 0;
    pushAll(lines, merged.map((l) => l.sort((a, b) => a.x - b.x || a.top - b.top)));
  }
  const rows: Row[] = [];
  const lineTop: number[] = [];
  // Per line, the vertical rules it crosses, left to right.
  const lineRules: number[][] = [];
  for (const line of lines) {
    line.sort((a, b) => a.x - b.x);
    const y = line[0]!.y;
    const rules = p.vrules.filter((r) => r.y0 - 1 <= y && r.y1 + 1 >= y - line[0]!.h * 0.5).map((r) => r.x).sort((a, b) => a - b);
    const columnOf = (x: number): [number, number] | null => {
      let left = -Infinity;
      let right = Infinity;
      for (const r of rules) {
        if (r <= x) left = r;
        else {
          right = r;
          break;
        }
      }
      return Number.isFinite(left) && Number.isFinite(right) ? [left, right] : null;
    };
    const cells: { text: string; lines: string[]; x0: number; x1: number; end: number; col: [number, number] | null; italic: boolean }[] = [];
    // A merged table row (stroked borders): per column, its lines in reading order.
    const ordered = p.stroked
      ? [...line].sort((a, b) => {
          const ca = columnOf(a.x + Math.min(a.w, 2) / 2 + 0.5)?.[0] ?? a.x;
          const cb = columnOf(b.x + Math.min(b.w, 2) / 2 + 0.5)?.[0] ?? b.x;
          return ca - cb || a.origY - b.origY || a.x - b.x;
        })
      : line;
    let prevItem: TextItem | null = null;
    for (const it of ordered) {
      const col = columnOf(it.x + Math.min(it.w, 2) / 2 + 0.5);
      const last0 = cells[cells.length - 1];
      const sameCol0 = last0 && (last0.col === null ? col === null : col !== null && last0.col[0] === col[0] && last0.col[1] === col[1]);
      if (p.stroked && last0 && sameCol0 && prevItem && Math.abs(prevItem.origY - it.origY) > 1) {
        // The next line of the same cell.
        const piece = it.italic && /\p{L}/u.test(it.str) ? `\u0001${it.str.trim()}\u0002` : it.str.trim();
        // A word broken at the line's end: by the printer (U+2010, soft hyphen), after "/", or at its own hyphen ("perundang-" / "undangan").
        const hyphen = /(?:[\u2010\u00ad/]|\p{L}-)$/u.test(last0.text);
        last0.text = hyphen ? last0.text.replace(/[\u2010\u00ad]$/, '') + piece : `${last0.text.trimEnd()} ${piece}`;
        if (hyphen) last0.lines[last0.lines.length - 1] = last0.lines[last0.lines.length - 1]!.replace(/[\u2010\u00ad]$/, '') + piece;
        else last0.lines.push(piece);
        last0.x1 = Math.max(last0.x1, it.x + it.w);
        last0.end = it.x + it.w;
        prevItem = it;
        continue;
      }
      prevItem = it;
      const last = cells[cells.length - 1];
      const gap = last ? it.x - last.end : Infinity;
      const sameCol = last && (last.col === null ? col === null : col !== null && last.col[0] === col[0]);
      const piece = it.italic && /\p{L}/u.test(it.str) ? `${/^\s/.test(it.str) ? ' ' : ''}\u0001${it.str.trim()}\u0002${/\s$/.test(it.str) ? ' ' : ''}` : it.str;
      if (last && sameCol && gap < Math.max(6, it.h * 0.9)) {
        const join = gap > it.h * 0.15 && !last.text.endsWith(' ') && !it.str.startsWith(' ') ? ` ${piece}` : piece;
        last.text += join;
        last.lines[last.lines.length - 1] += join;
        last.x1 = Math.max(last.x1, it.x + it.w);
        last.end = it.x + it.w;
      } else cells.push({ text: piece, lines: [piece], x0: it.x, x1: it.x + it.w, end: it.x + it.w, col, italic: it.italic });
    }
    const out: Cell[] = cells
      .map((c) => {
        const lines = c.lines.length > 1 ? c.lines.map(italics).filter((l) => l !== '') : [];
        return { text: italics(c.text), x0: c.col ? c.col[0] : c.x0, x1: c.col ? c.col[1] : c.x1, ...(lines.length > 1 ? { lines, wrapped: true } : {}) };
      })
      .filter((c) => c.text !== '');
    rows.push({ cells: out, mode: 'position', origin: `halaman ${p.n}` });
    lineTop.push(line[0]!.top);
    lineRules.push(rules);
  }
  return { rows, lineTop, lineRules };
}

/** Italic runs (marked \u0001…\u0002 while cells are joined) as `*…*`, adjacent runs merged. */
function italics(s: string): string {
  // Private-use marks survive cleanCell, which drops control characters.
  const t = cleanCell(s.replace(/\u0002\s*\u0001/g, ' ').replace(/\u0001/g, '\ue000').replace(/\u0002/g, '\ue001'));
  return t.replace(/\ue000\s*([^\ue001]*?)\s*\ue001/g, (_m, inner: string) => (inner ? `*${inner}*` : '')).replace(/[\ue000\ue001]/g, '');
}

const near = (p: Pt, b: Box, tol: number): boolean => p.x >= b.x0 - tol && p.x <= b.x1 + tol && p.y >= b.y0 - tol && p.y <= b.y1 + tol;

/** All pages → rows; step rows carry what the drawing says (lanes as symbol centres, targets as step ids). */
function buildRows(pages: readonly PageData[]): Row[] {
  const out: Row[] = [];
  interface StepRow {
    id: number;
    page: number;
    top: number;
    bottom: number;
    rowIndex: number;
  }
  const stepRows: StepRow[] = [];
  for (const p of pages) {
    if (p.vrules.length === 0 && p.strokeV.length > 0) officeRules(p);
    // Text that belongs to the drawing (an off-page connector's letter, a branch's Ya/Tidak) is no table text.
    const drawingText = (it: TextItem): boolean =>
      p.shapes.some((s) => (s.kind === 'connector' && it.x >= s.x0 - 1 && it.x + it.w <= s.x1 + 1 && it.y >= s.y0 && it.y <= s.y1 + 2) || (s.kind === 'decision' && /^(ya|tidak)$/i.test(it.str.trim()) && near({ x: it.x + it.w / 2, y: it.y }, s, 30)));
    const { rows, lineTop, lineRules } = pageRows({ ...p, items: p.items.filter((it) => !drawingText(it)) });
    // The columns that hold text on this page: an empty first column (a spreadsheet's margin column A) is no No. column.
    const used = new Set(rows.flatMap((r) => r.cells.map((c) => Math.round(c.x1))));
    // Step rows: a line whose first cell is a number in the table's first column with text (the No. column, under a
    // vertical rule). A number alone in a later column is the wrapped end of a text ("… langkah" / "11"), no step.
    const starts: number[] = [];
    rows.forEach((r, i) => {
      const first = r.cells[0];
      const firstColEnd = lineRules[i]!.slice(1).find((x) => used.has(Math.round(x))) ?? Infinity;
      if (first && /^\(?\d{1,3}[.)]?$/.test(first.text) && r.cells.length >= 2 && p.vrules.length > 0 && first.x1 <= firstColEnd + 0.5) starts.push(i);
    });
    const tableBottom = Math.max(maxOf(p.hrules.map((h) => h.y)), maxOf(p.vrules.map((v) => v.y1)), 0);
    starts.forEach((li, k) => {
      const top = Math.max(maxOf(p.hrules.filter((h) => h.y <= lineTop[li]! + 1).map((h) => h.y)), lineTop[li]! - 4);
      const nextTop = k + 1 < starts.length ? lineTop[starts[k + 1]!]! - 1 : tableBottom;
      stepRows.push({ id: stepRows.length, page: p.n, top, bottom: nextTop, rowIndex: out.length + li });
    });
    pushAll(out, rows);
    // A page ends what was written on it: an identity list does not run into the next page's title.
    out.push({ cells: [], mode: 'position', origin: `halaman ${p.n}` });
  }
  // Symbols → step rows.
  const shapes = pages.flatMap((p) => p.shapes);
  for (const s of shapes) {
    const cy = (s.y0 + s.y1) / 2;
    const row = stepRows.find((r) => r.page === s.page && cy >= r.top - 1 && cy < r.bottom + 1);
    if (row && s.kind !== 'connector') s.step = row.id;
  }
  // Off-page connectors: their letter is the text inside.
  for (const p of pages) {
    for (const s of p.shapes.filter((x) => x.kind === 'connector')) {
      const inside = p.items.filter((it) => it.x >= s.x0 - 1 && it.x + it.w <= s.x1 + 1 && it.y >= s.y0 && it.y <= s.y1 + 2);
      s.label = inside.map((it) => it.str.trim()).join('');
    }
  }
  const edges = connectorEdges(pages, shapes);
  const drawnById = new Map<number, { lanesX: number[]; symbol: 'terminator' | 'process' | 'decision'; out: { to: DrawnTarget; label: 'Ya' | 'Tidak' | null }[] }>();
  for (const r of stepRows) {
    const mine = shapes.filter((s) => s.step === r.id);
    if (mine.length === 0) continue;
    const symbol = mine.some((s) => s.kind === 'decision') ? 'decision' : mine.some((s) => s.kind === 'terminator') ? 'terminator' : 'process';
    drawnById.set(r.id, { lanesX: mine.map((s) => (s.x0 + s.x1) / 2), symbol, out: [] });
  }
  for (const e of edges) {
    const d = drawnById.get(e.from);
    if (d && !d.out.some((o) => o.to === e.to && o.label === e.label)) d.out.push({ to: e.to, label: e.label });
  }
  if (drawnById.size === 0) return out;
  for (const r of stepRows) {
    const d = drawnById.get(r.id);
    if (!d) continue;
    const row = out[r.rowIndex]!;
    out[r.rowIndex] = { ...row, drawn: { id: r.id, lanes: [], lanesX: d.lanesX, symbol: d.symbol, out: d.out } };
  }
  return out;
}

/**
 * An office program's PDF strokes the table's borders as lines (sop fills them, or strokes each cell): those
 * lines become the page's rules. On a page with a drawn flowchart, a line that ends at a symbol or an
 * arrowhead is a connector, not a border, unless both its ends meet a border across it (a corner of the
 * grid, where a connector may end too); the borders are taken out of the connector pieces.
 */
function officeRules(p: PageData): void {
  const touches = (pt: Pt): boolean => p.shapes.some((s) => near(pt, s, 2.5)) || p.arrows.some((a) => dist(pt, a.base) <= 3 || dist(pt, a.tip) <= 3);
  const onH = (pt: Pt): boolean => p.strokeH.some((r) => Math.abs(r.y - pt.y) < 1 && r.x0 - 1 <= pt.x && pt.x <= r.x1 + 1);
  const onV = (pt: Pt): boolean => p.strokeV.some((r) => Math.abs(r.x - pt.x) < 1 && r.y0 - 1 <= pt.y && pt.y <= r.y1 + 1);
  const border = (a: Pt, b: Pt, across: (pt: Pt) => boolean): boolean => (across(a) && across(b)) || (!touches(a) && !touches(b));
  const v = p.strokeV.filter((r) => border({ x: r.x, y: r.y0 }, { x: r.x, y: r.y1 }, onH));
  const h = p.strokeH.filter((r) => border({ x: r.x0, y: r.y }, { x: r.x1, y: r.y }, onV));
  if (v.length === 0) return;
  p.vrules = v;
  p.hrules = h;
  p.stroked = true;
  if (p.shapes.length === 0) return;
  const isRule = (pc: { pts: Pt[] }): boolean => {
    if (pc.pts.length !== 2) return false;
    const [a, b] = pc.pts as [Pt, Pt];
    const same = (x: number, y: number): boolean => Math.abs(x - y) < 0.6;
    return v.some((r) => same(a.x, r.x) && same(b.x, r.x) && same(Math.min(a.y, b.y), r.y0) && same(Math.max(a.y, b.y), r.y1)) || h.some((r) => same(a.y, r.y) && same(b.y, r.y) && same(Math.min(a.x, b.x), r.x0) && same(Math.max(a.x, b.x), r.x1));
  };
  p.pieces = p.pieces.filter((pc) => !isRule(pc));
}

const dist = (a: Pt, b: Pt): number => Math.hypot(a.x - b.x, a.y - b.y);

/** Distance from a point to a segment. */
function toSegment(p: Pt, a: Pt, b: Pt): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

interface Traced {
  from: Shape;
  to: Shape;
  /** The first leg from the source, for the branch label. */
  first: [Pt, Pt];
}

/**
 * Connectors traced piece by piece from each bare end that touches a symbol:
 * at every joint the walk goes on along the piece that turns least, until it
 * reaches an arrowhead (whose tip touches the target symbol).
 */
export function traceConnectors(p: PageData, pageShapes: readonly Shape[]): Traced[] {
  const pieces = p.pieces.map((pc) => pc.pts);
  const key = (pt: Pt): string => `${Math.round(pt.x)}:${Math.round(pt.y)}`;
  const at = new Map<string, { piece: number; end: 0 | 1 }[]>();
  pieces.forEach((pts, i) => {
    ([0, 1] as const).forEach((end) => {
      const e = end === 0 ? pts[0]! : pts[pts.length - 1]!;
      for (const dx of [-1, 0, 1]) {
        for (const dy of [-1, 0, 1]) {
          const k = `${Math.round(e.x) + dx}:${Math.round(e.y) + dy}`;
          const list = at.get(k) ?? [];
          list.push({ piece: i, end });
          at.set(k, list);
        }
      }
    });
  });
  const joined = (pt: Pt, except: number): { piece: number; end: 0 | 1 }[] => {
    const seen = new Set<number>();
    return (at.get(key(pt)) ?? []).filter((x) => x.piece !== except && !seen.has(x.piece) && (seen.add(x.piece), true));
  };
  const arrowAt = (pt: Pt): Arrow | undefined => p.arrows.find((a) => dist(pt, a.base) <= 3 || dist(pt, a.tip) <= 3);
  const shapeAt = (pt: Pt, tol: number): Shape | undefined => pageShapes.find((sh) => near(pt, sh, tol));
  const out: Traced[] = [];
  pieces.forEach((pts, i) => {
    ([0, 1] as const).forEach((end) => {
      const start = end === 0 ? pts[0]! : pts[pts.length - 1]!;
      if (joined(start, i).length > 0 || arrowAt(start)) return;
      const from = shapeAt(start, 2.5);
      if (!from) return;
      // Walk, depth first: at every joint the piece that turns least first; a dead end (a stub at a row border) backs up.
      const first: [Pt, Pt] = end === 0 ? [pts[0]!, pts[1]!] : [pts[pts.length - 1]!, pts[pts.length - 2]!];
      const visited = new Set<number>([i]);
      let budget = 2000;
      const walk = (piece: number, dir: 0 | 1): Shape | null => {
        if (--budget < 0) return null;
        const cur = pieces[piece]!;
        const tail = dir === 0 ? cur[cur.length - 1]! : cur[0]!;
        const before = dir === 0 ? cur[cur.length - 2]! : cur[1]!;
        const arrow = arrowAt(tail);
        if (arrow) {
          const to = shapeAt(arrow.tip, 2.5);
          return to && to !== from ? to : null;
        }
        const heading = Math.atan2(tail.y - before.y, tail.x - before.x);
        const turn = (x: { piece: number; end: 0 | 1 }): number => {
          const q = pieces[x.piece]!;
          const a = x.end === 0 ? q[0]! : q[q.length - 1]!;
          const b = x.end === 0 ? q[1]! : q[q.length - 2]!;
          const d = Math.abs(Math.atan2(b.y - a.y, b.x - a.x) - heading);
          return Math.min(d, 2 * Math.PI - d);
        };
        const next = joined(tail, piece).filter((x) => !visited.has(x.piece)).sort((x, y) => turn(x) - turn(y));
        for (const n of next) {
          visited.add(n.piece);
          const got = walk(n.piece, n.end);
          if (got) return got;
        }
        return null;
      };
      const to = walk(i, end);
      if (to) out.push({ from, to, first });
    });
  });
  return out;
}

/** Connectors → step edges; a decision's two branches take the Ya/Tidak labels nearest their first legs. */
function connectorEdges(pages: readonly PageData[], shapes: readonly Shape[]): { from: number; to: number; label: 'Ya' | 'Tidak' | null }[] {
  const edges: { from: number; to: number; label: 'Ya' | 'Tidak' | null }[] = [];
  const offOut = new Map<string, { step: number; label: 'Ya' | 'Tidak' | null }[]>();
  const offIn = new Map<string, number[]>();
  for (const p of pages) {
    const pageShapes = shapes.filter((s) => s.page === p.n);
    const words = p.items.filter((it) => /^(ya|tidak)$/i.test(it.str.trim())).map((it) => ({ ya: /^ya$/i.test(it.str.trim()), c: { x: it.x + it.w / 2, y: it.y - it.h * 0.35 } }));
    const traced = traceConnectors(p, pageShapes);
    const labels = new Map<Traced, 'Ya' | 'Tidak' | null>();
    for (const sh of pageShapes.filter((x) => x.kind === 'decision')) {
      const outs = traced.filter((t) => t.from === sh);
      const cost = (t: Traced, ya: boolean): number => Math.min(40, minOf(words.filter((w) => w.ya === ya).map((w) => toSegment(w.c, t.first[0], t.first[1]))));
      if (outs.length === 2) {
        const [a, b] = outs as [Traced, Traced];
        const aYa = cost(a, true) + cost(b, false) <= cost(a, false) + cost(b, true);
        labels.set(a, aYa ? 'Ya' : 'Tidak');
        labels.set(b, aYa ? 'Tidak' : 'Ya');
      } else for (const t of outs) labels.set(t, cost(t, true) < cost(t, false) ? 'Ya' : cost(t, false) < 40 ? 'Tidak' : null);
    }
    for (const t of traced) {
      const label = labels.get(t) ?? null;
      const s = t.from;
      const to = t.to;
      if (s.kind === 'connector' && to.step !== undefined && s.label) (offIn.get(s.label) ?? offIn.set(s.label, []).get(s.label)!).push(to.step);
      else if (to.kind === 'connector' && s.step !== undefined && to.label) (offOut.get(to.label) ?? offOut.set(to.label, []).get(to.label)!).push({ step: s.step, label });
      else if (s.step !== undefined && to.step !== undefined && s.step !== to.step) edges.push({ from: s.step, to: to.step, label });
    }
  }
  for (const [letter, froms] of offOut) for (const f of froms) for (const t of offIn.get(letter) ?? []) if (f.step !== t) edges.push({ from: f.step, to: t, label: f.label });
  return edges;
}
