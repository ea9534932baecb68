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
 * is one clear ImportError.
 */
import { cleanCell } from './clean.js';
import type { Cell, DrawnTarget, Row } from './draft.js';
import { ImportError } from './input.js';

export const MAX_PAGES = 300;

interface Pt {
  x: number;
  y: number;
}
interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
type ShapeKind = 'process' | 'decision' | 'terminator' | 'connector';
interface Shape extends Box {
  kind: ShapeKind;
  page: number;
  /** Text inside (the letter of an off-page connector). */
  label?: string;
  /** The step row it sits in (global id), set later. */
  step?: number;
}
interface Piece {
  pts: Pt[];
  page: number;
}
interface Arrow {
  tip: Pt;
  base: Pt;
  page: number;
}
interface TextItem {
  str: string;
  /** The baseline as printed (y may be moved to its table row's first line). */
  origY: number;
  x: number;
  /** Top of the glyphs (y grows downwards). */
  top: number;
  /** Baseline. */
  y: number;
  w: number;
  h: number;
  italic: boolean;
}

const withDeadline = async <T>(p: Promise<T>, deadline: number): Promise<T> => {
  const left = deadline - Date.now();
  if (left <= 0) throw slow();
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_r, reject) => {
        timer = setTimeout(() => reject(slow()), left);
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
};
const slow = (): ImportError => new ImportError('PDF ini terlalu lama dibaca (melewati batas waktu); pecah menjadi berkas yang lebih kecil', 'this PDF takes too long to read (over the time limit); split it into smaller files');

/** Reads a PDF's pages into rows of cells, with what the drawing says about each step row. */
export async function pdfToRows(bytes: Uint8Array, opts: { deadlineMs: number }): Promise<Row[]> {
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
    verbosity: 0,
    isOffscreenCanvasSupported: false,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await withDeadline(task.promise, deadline);
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
      const page = await withDeadline(doc.getPage(n), deadline);
      const vp = page.getViewport({ scale: 1 });
      // The operator list first: it loads the fonts, whose names tell italics.
      const ops = await withDeadline(page.getOperatorList(), deadline);
      const tc = await withDeadline(page.getTextContent(), deadline);
      const items: TextItem[] = [];
      for (const it of tc.items) {
        if (!('str' in it) || it.str.trim() === '') continue;
        const [a, b, , d, e, f] = it.transform as number[];
        const [x, y] = vp.convertToViewportPoint(e!, f!) as [number, number];
        const size = Math.hypot(b!, d!) || it.height || 10;
        const fontName = String(tc.styles[it.fontName]?.fontFamily ?? '') + String(it.fontName);
        items.push({ str: it.str, origY: y, x, y, top: y - size * 0.8, w: it.width * (Math.hypot(a!, b!) ? 1 : 1), h: size, italic: /italic|oblique/i.test(fontName) || isItalicFont(page, it.fontName) });
      }
      pages.push({ n, items, ...readDrawing(ops.fnArray, ops.argsArray, OPS, vp, n) });
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

interface PageData {
  n: number;
  items: TextItem[];
  shapes: Shape[];
  pieces: Piece[];
  arrows: Arrow[];
  vrules: { x: number; y0: number; y1: number }[];
  hrules: { y: number; x0: number; x1: number }[];
  strokeV: { x: number; y0: number; y1: number }[];
  strokeH: { y: number; x0: number; x1: number }[];
  /** The table's borders are stroked lines (an office program's PDF), not sop's filled rules. */
  stroked?: boolean;
}

type Matrix = [number, number, number, number, number, number];
const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): Pt => ({ x: m[0] * x + m[2] * y + m[4], y: m[1] * x + m[3] * y + m[5] });

interface SubPath {
  pts: Pt[];
  closed: boolean;
  curved: boolean;
}

/** Walks the operator list with the transformation matrix: symbols, arrowheads, connector pieces, table rules. */
export function readDrawing(
  fnArray: readonly number[],
  argsArray: readonly unknown[],
  OPS: Record<string, number>,
  vp: { transform: number[] },
  page: number,
): Omit<PageData, 'n' | 'items'> {
  let ctm: Matrix = vp.transform.slice(0, 6) as Matrix;
  let cap = 0;
  let lineWidth = 1;
  const stack: [Matrix, number, number][] = [];
  let path: SubPath[] = [];
  const shapes: Shape[] = [];
  const pieces: Piece[] = [];
  const arrows: Arrow[] = [];
  const vrules: PageData['vrules'] = [];
  const hrules: PageData['hrules'] = [];
  const strokeV: PageData['strokeV'] = [];
  const strokeH: PageData['strokeH'] = [];
  const paintStroke = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const paintFill = new Set([OPS.fill, OPS.eoFill]);
  /** Butt-capped straight strokes, and whether the page strokes its cells (sop's native PDF). */
  const butt: SubPath[] = [];
  let cells = false;
  const limit = Math.min(fnArray.length, 2_000_000);
  for (let i = 0; i < limit; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push([ctm, cap, lineWidth]);
    else if (fn === OPS.restore) [ctm, cap, lineWidth] = stack.pop() ?? [ctm, cap, lineWidth];
    else if (fn === OPS.setLineCap && args) cap = Number(args[0]) || 0;
    else if (fn === OPS.setLineWidth && args) lineWidth = Number(args[0]) || 0;
    else if (fn === OPS.setGState && Array.isArray(args?.[0])) {
      for (const kv of args[0] as unknown[]) {
        if (!Array.isArray(kv)) continue;
        if (kv[0] === 'LW') lineWidth = Number(kv[1]) || 0;
        else if (kv[0] === 'LC') cap = Number(kv[1]) || 0;
      }
    }
    else if (fn === OPS.transform && args) ctm = mul(ctm, args.slice(0, 6) as Matrix);
    else if (fn === OPS.constructPath && args) {
      const ops = args[0] as number[];
      const coords = args[1] as number[];
      let k = 0;
      let cur: SubPath | null = null;
      for (const op of ops) {
        if (op === OPS.moveTo) {
          cur = { pts: [apply(ctm, coords[k]!, coords[k + 1]!)], closed: false, curved: false };
          path.push(cur);
          k += 2;
        } else if (op === OPS.lineTo) {
          if (!cur) path.push((cur = { pts: [], closed: false, curved: false }));
          cur.pts.push(apply(ctm, coords[k]!, coords[k + 1]!));
          k += 2;
        } else if (op === OPS.curveTo) {
          if (!cur) path.push((cur = { pts: [], closed: false, curved: false }));
          cur.pts.push(apply(ctm, coords[k + 4]!, coords[k + 5]!));
          cur.curved = true;
          k += 6;
        } else if (op === OPS.curveTo2 || op === OPS.curveTo3) {
          if (!cur) path.push((cur = { pts: [], closed: false, curved: false }));
          cur.pts.push(apply(ctm, coords[k + 2]!, coords[k + 3]!));
          cur.curved = true;
          k += 4;
        } else if (op === OPS.closePath) {
          if (cur) cur.closed = true;
        } else if (op === OPS.rectangle) {
          const [x, y, w, h] = [coords[k]!, coords[k + 1]!, coords[k + 2]!, coords[k + 3]!];
          path.push({ pts: [apply(ctm, x, y), apply(ctm, x + w, y), apply(ctm, x + w, y + h), apply(ctm, x, y + h)], closed: true, curved: false });
          cur = null;
          k += 4;
        }
      }
    } else if (fn === OPS.endPath) path = [];
    else if (paintStroke.has(fn!) || paintFill.has(fn!)) {
      const stroked = paintStroke.has(fn!);
      const strokeOnly = fn === OPS.stroke || fn === OPS.closeStroke;
      // A cell's border is 1 px (0.75 pt) wide, a symbol's outline 1.2 px; Chromium strokes a symbol without its fill.
      const thin = lineWidth * Math.sqrt(Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2])) < 0.85;
      if (strokeOnly && path.some(isCellRect) && (thin || path.filter(isCellRect).length >= 2)) {
        // sop's native PDF strokes each cell's border as a rectangle (Chromium fills thin rectangles): its edges are the rules.
        cells = true;
        for (const sp of path) for (const [a, b] of edgesOf(sp)) addRule(a, b, { vrules, hrules });
      } else if (strokeOnly && cap === 0 && path.length > 0 && path.every(isAxisLine)) {
        // Butt-capped straight strokes: a lane border (native PDF) or an office program's table border; told apart below.
        butt.push(...path);
      } else for (const sp of path) classify(sp, stroked, page, { shapes, pieces, arrows, vrules, hrules, strokeV, strokeH });
      path = [];
      if (shapes.length + pieces.length > 200_000) break;
    }
  }
  // On a page whose cells are stroked, butt-capped lines are rules (lane borders); else what they always were.
  if (cells) for (const sp of butt) for (const [a, b] of edgesOf(sp)) addRule(a, b, { vrules, hrules });
  else for (const sp of butt) classify(sp, true, page, { shapes, pieces, arrows, vrules, hrules, strokeV, strokeH });
  return { shapes, pieces, arrows, vrules, hrules, strokeV, strokeH };
}

/** A closed rectangle with straight sides along the axes, not a hairline. */
function isCellRect(sp: SubPath): boolean {
  if (!sp.closed || sp.curved) return false;
  const pts = dedupe(sp.pts);
  if (pts.length !== 4) return false;
  const b = bbox(pts);
  return b.x1 - b.x0 > 2 && b.y1 - b.y0 > 2 && pts.every((p) => (Math.abs(p.x - b.x0) < 0.3 || Math.abs(p.x - b.x1) < 0.3) && (Math.abs(p.y - b.y0) < 0.3 || Math.abs(p.y - b.y1) < 0.3));
}

/** An open straight stroke along an axis. */
function isAxisLine(sp: SubPath): boolean {
  if (sp.closed || sp.curved) return false;
  const pts = dedupe(sp.pts);
  return pts.length === 2 && (Math.abs(pts[0]!.x - pts[1]!.x) < 0.3 || Math.abs(pts[0]!.y - pts[1]!.y) < 0.3);
}

/** The straight sides of a path (a closed path's closing side too). */
function edgesOf(sp: SubPath): [Pt, Pt][] {
  const pts = dedupe(sp.pts);
  const out: [Pt, Pt][] = [];
  for (let k = 0; k + 1 < pts.length; k++) out.push([pts[k]!, pts[k + 1]!]);
  if (sp.closed && pts.length > 2) out.push([pts[pts.length - 1]!, pts[0]!]);
  return out;
}

function addRule(a: Pt, b: Pt, into: Pick<PageData, 'vrules' | 'hrules'>): void {
  if (Math.abs(a.x - b.x) < 0.3 && Math.abs(a.y - b.y) > 4) into.vrules.push({ x: (a.x + b.x) / 2, y0: Math.min(a.y, b.y), y1: Math.max(a.y, b.y) });
  else if (Math.abs(a.y - b.y) < 0.3 && Math.abs(a.x - b.x) > 4) into.hrules.push({ y: (a.y + b.y) / 2, x0: Math.min(a.x, b.x), x1: Math.max(a.x, b.x) });
}

const bbox = (pts: readonly Pt[]): Box => ({
  x0: Math.min(...pts.map((p) => p.x)),
  y0: Math.min(...pts.map((p) => p.y)),
  x1: Math.max(...pts.map((p) => p.x)),
  y1: Math.max(...pts.map((p) => p.y)),
});

function dedupe(pts: readonly Pt[]): Pt[] {
  const out: Pt[] = [];
  for (const p of pts) {
    const last = out[out.length - 1];
    if (!last || Math.hypot(last.x - p.x, last.y - p.y) > 0.3) out.push(p);
  }
  if (out.length > 1 && Math.hypot(out[0]!.x - out[out.length - 1]!.x, out[0]!.y - out[out.length - 1]!.y) <= 0.3) out.pop();
  return out;
}

function classify(sp: SubPath, stroked: boolean, page: number, into: Omit<PageData, 'n' | 'items'>): void {
  const pts = dedupe(sp.pts);
  if (pts.length < 2) return;
  const b = bbox(pts);
  const w = b.x1 - b.x0;
  const h = b.y1 - b.y0;
  if (!stroked) {
    // Table rules are thin filled rectangles; arrowheads small filled triangles.
    if (sp.closed || pts.length >= 3) {
      if (w <= 2 && h > 4) into.vrules.push({ x: (b.x0 + b.x1) / 2, y0: b.y0, y1: b.y1 });
      else if (h <= 2 && w > 4) into.hrules.push({ y: (b.y0 + b.y1) / 2, x0: b.x0, x1: b.x1 });
      else if (pts.length === 3 && w <= 14 && h <= 14 && w + h > 2) {
        const c = { x: (pts[0]!.x + pts[1]!.x + pts[2]!.x) / 3, y: (pts[0]!.y + pts[1]!.y + pts[2]!.y) / 3 };
        const d = pts.map((p) => Math.hypot(p.x - c.x, p.y - c.y));
        const t = d.indexOf(Math.max(...d));
        const others = pts.filter((_p, k) => k !== t);
        into.arrows.push({ tip: pts[t]!, base: { x: (others[0]!.x + others[1]!.x) / 2, y: (others[0]!.y + others[1]!.y) / 2 }, page });
      }
    }
    return;
  }
  if (sp.closed && w >= 6 && h >= 6) {
    let kind: ShapeKind | null = null;
    if (sp.curved) kind = 'terminator';
    else if (pts.length === 4) {
      const axis = pts.every((p) => (Math.abs(p.x - b.x0) < 0.8 || Math.abs(p.x - b.x1) < 0.8) && (Math.abs(p.y - b.y0) < 0.8 || Math.abs(p.y - b.y1) < 0.8));
      kind = axis ? 'process' : 'decision';
    } else if (pts.length === 5) kind = 'connector';
    if (kind) into.shapes.push({ kind, page, ...b });
    return;
  }
  if (!sp.closed) {
    into.pieces.push({ pts, page });
    // A straight stroke may be a table border (office programs stroke them; sop fills them): kept aside too.
    if (pts.length === 2) {
      if (w <= 0.6 && h > 4) into.strokeV.push({ x: (b.x0 + b.x1) / 2, y0: b.y0, y1: b.y1 });
      else if (h <= 0.6 && w > 4) into.strokeH.push({ y: (b.y0 + b.y1) / 2, x0: b.x0, x1: b.x1 });
    }
  }
}

/** Text items → lines → cells, snapped to the table's columns. */
function pageRows(p: PageData): { rows: Row[]; lineTop: number[] } {
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
      const above = Math.max(...rules.filter((h) => h.y < y - line[0]!.h * 0.5).map((h) => h.y));
      const below = Math.min(...rules.filter((h) => h.y > y).map((h) => h.y));
      return Number.isFinite(above) && Number.isFinite(below) ? `${Math.round(above)}:${Math.round(below)}` : null;
    };
    const merged: TextItem[][] = [];
    const keyOf: (string | null)[] = [];
    for (const line of lines) {
      line.sort((a, b) => a.x - b.x);
      const k = band(line);
      const at = k === null ? -1 : keyOf.lastIndexOf(k);
      if (at >= 0 && at === keyOf.length - 1) merged[at]!.push(...line.map((it) => ({ ...it, y: merged[at]![0]!.y, top: merged[at]![0]!.top })));
      else {
        merged.push([...line]);
        keyOf.push(k);
      }
    }
    lines.length = 0;
    lines.push(...merged.map((l) => l.sort((a, b) => a.x - b.x || a.top - b.top)));
  }
  const rows: Row[] = [];
  const lineTop: number[] = [];
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
    const cells: { text: string; x0: number; x1: number; end: number; col: [number, number] | null; italic: boolean }[] = [];
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
        last0.text = /[\u2010\u00ad/]$/.test(last0.text) ? last0.text.replace(/[\u2010\u00ad]$/, '') + piece : `${last0.text.trimEnd()} ${piece}`;
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
        last.text += gap > it.h * 0.15 && !last.text.endsWith(' ') && !it.str.startsWith(' ') ? ` ${piece}` : piece;
        last.x1 = Math.max(last.x1, it.x + it.w);
        last.end = it.x + it.w;
      } else cells.push({ text: piece, x0: it.x, x1: it.x + it.w, end: it.x + it.w, col, italic: it.italic });
    }
    const out: Cell[] = cells
      .map((c) => ({ text: italics(c.text), x0: c.col ? c.col[0] : c.x0, x1: c.col ? c.col[1] : c.x1 }))
      .filter((c) => c.text !== '');
    rows.push({ cells: out, mode: 'position', origin: `halaman ${p.n}` });
    lineTop.push(line[0]!.top);
  }
  return { rows, lineTop };
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
    if (p.vrules.length === 0 && p.strokeV.length > 0 && p.shapes.length === 0) {
      p.vrules = p.strokeV;
      p.hrules = p.strokeH;
      p.stroked = true;
    }
    // Text that belongs to the drawing (an off-page connector's letter, a branch's Ya/Tidak) is no table text.
    const drawingText = (it: TextItem): boolean =>
      p.shapes.some((s) => (s.kind === 'connector' && it.x >= s.x0 - 1 && it.x + it.w <= s.x1 + 1 && it.y >= s.y0 && it.y <= s.y1 + 2) || (s.kind === 'decision' && /^(ya|tidak)$/i.test(it.str.trim()) && near({ x: it.x + it.w / 2, y: it.y }, s, 30)));
    const { rows, lineTop } = pageRows({ ...p, items: p.items.filter((it) => !drawingText(it)) });
    // Step rows: a line whose first cell is a number and that sits in the table (under a vertical rule).
    const starts: number[] = [];
    rows.forEach((r, i) => {
      const first = r.cells[0];
      if (first && /^\(?\d{1,3}[.)]?$/.test(first.text) && r.cells.length >= 2 && p.vrules.length > 0) starts.push(i);
    });
    const tableBottom = Math.max(...p.hrules.map((h) => h.y), ...p.vrules.map((v) => v.y1), 0);
    starts.forEach((li, k) => {
      const top = Math.max(...p.hrules.filter((h) => h.y <= lineTop[li]! + 1).map((h) => h.y), lineTop[li]! - 4);
      const nextTop = k + 1 < starts.length ? lineTop[starts[k + 1]!]! - 1 : tableBottom;
      stepRows.push({ id: stepRows.length, page: p.n, top, bottom: nextTop, rowIndex: out.length + li });
    });
    out.push(...rows);
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
      const cost = (t: Traced, ya: boolean): number => Math.min(40, ...words.filter((w) => w.ya === ya).map((w) => toSegment(w.c, t.first[0], t.first[1])));
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
