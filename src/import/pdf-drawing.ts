/**
 * The vector drawing of a PDF page, from pdf.js's operator list: symbols,
 * arrowheads, connector pieces and the table's rules, in page coordinates
 * (pt, y downwards). Split from pdf.ts, which reads the text and joins both.
 *
 * Rules come filled (Chromium paints borders as thin rectangles), stroked
 * as cell rectangles and butt-capped lines (sop's native PDF: 1 px, where a
 * symbol's outline is 1.2 px and a connector's cap square), or stroked as
 * lines (an office program's PDF, kept aside in strokeV/strokeH).
 */
import { maxOf, minOf, pushAll } from '../util/array.js';
export interface Pt {
  x: number;
  y: number;
}
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
export type ShapeKind = 'process' | 'decision' | 'terminator' | 'connector';
export interface Shape extends Box {
  kind: ShapeKind;
  page: number;
  /** Text inside (the letter of an off-page connector). */
  label?: string;
  /** The step row it sits in (global id), set later. */
  step?: number;
}
export interface Piece {
  pts: Pt[];
  page: number;
}
export interface Arrow {
  tip: Pt;
  base: Pt;
  page: number;
}
export interface TextItem {
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

export interface PageData {
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
      // A path may be built over several operators (Chromium: a moveTo, then its lineTo): it goes on from its last point.
      let cur: SubPath | null = path[path.length - 1] ?? null;
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
      // LibreOffice strokes a drawn symbol as a hairline (width 0), which sop never uses for a cell.
      const thin = lineWidth * Math.sqrt(Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2])) < 0.85;
      if (strokeOnly && lineWidth > 0 && path.some(isCellRect) && (thin || path.filter(isCellRect).length >= 2)) {
        // sop's native PDF strokes each cell's border as a rectangle (Chromium fills thin rectangles): its edges are the rules.
        cells = true;
        for (const sp of path) for (const [a, b] of edgesOf(sp)) addRule(a, b, { vrules, hrules });
      } else if (strokeOnly && cap === 0 && path.length > 0 && path.every(isAxisLine)) {
        // Butt-capped straight strokes: a lane border (native PDF) or an office program's table border; told apart below.
        pushAll(butt, path);
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
  const pts = corners(dedupe(sp.pts));
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
  x0: minOf(pts.map((p) => p.x)),
  y0: minOf(pts.map((p) => p.y)),
  x1: maxOf(pts.map((p) => p.x)),
  y1: maxOf(pts.map((p) => p.y)),
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

/**
 * A closed outline's corners: a point on the straight line between its neighbours is none (LibreOffice starts a
 * rectangle in the middle of its top side, five points for four corners).
 */
function corners(pts: readonly Pt[]): Pt[] {
  if (pts.length < 4) return [...pts];
  return pts.filter((p, k) => {
    const a = pts[(k + pts.length - 1) % pts.length]!;
    const b = pts[(k + 1) % pts.length]!;
    const cross = (p.x - a.x) * (b.y - a.y) - (p.y - a.y) * (b.x - a.x);
    return Math.abs(cross) > 0.3 * Math.hypot(b.x - a.x, b.y - a.y);
  });
}

function classify(sp: SubPath, stroked: boolean, page: number, into: Omit<PageData, 'n' | 'items'>): void {
  const pts = sp.closed && !sp.curved ? corners(dedupe(sp.pts)) : dedupe(sp.pts);
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
        const t = d.indexOf(maxOf(d));
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
    if (kind) into.shapes.push(Object.assign({ kind, page }, b));
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

