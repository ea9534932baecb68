/**
 * The PNG's drawing rasterised here, in grey, without resvg: the procedure sheet is rules, rectangles (some
 * rounded), diamonds, arrow pieces with their heads and lines of text, black on white, each drawn as
 * src/page/svg.ts writes it (its CSS: rules 1 px, symbols and arrows 1.2 px, square caps on arrows, miter joins),
 * with anti-aliasing by exact area coverage, straight into the rows of the PNG (a filter byte, then one byte a
 * pixel), so no RGBA picture is allocated, copied and converted. resvg spent ~25 ms of a PNG's ~50 only clearing
 * and handing over a picture of that size. A page with an image (a logo) is left to resvg (null).
 */
import { lineGlyphs, underlineOf } from './glyph-paths.js';
import { clean } from './svg.js';
import type { FontStyle } from '../layout/text.js';
import { glyphMask, line, masksAt, Path, PHASES, type GlyphMask } from './coverage.js';
import { ARROW, type Mark, type PageModel, type TextMark } from './types.js';

/** The rows of a grey PNG: `w` x `h` pixels, each row a filter byte (0) and `w` bytes. */
export interface GreyRows {
  readonly rows: Buffer;
  readonly width: number;
  readonly height: number;
  /** Gives the rows back once they are no longer read (compressed): the next PNG is drawn into them. */
  readonly release: () => void;
}

/** Coordinates as the SVG writes them (svg.ts num): the raster is of that SVG. */
const r2 = (v: number): number => Math.round(v * 100) / 100;

/** A grey canvas over the PNG's rows, and a coverage buffer for paths. */
class Canvas {
  readonly stride: number;
  private acc = new Float32Array(0);
  /** Per row of the coverage buffer: the first and last cell an edge touched (none: last -1), so a fill sweeps no more. */
  private lo = new Int32Array(0);
  private hi = new Int32Array(0);

  constructor(
    readonly rows: Buffer,
    readonly w: number,
    readonly h: number,
  ) {
    this.stride = w + 1;
  }

  /** An axis-aligned rectangle in pixels, coverage by exact area. */
  rect(x0: number, y0: number, x1: number, y1: number, c: number): void {
    if (x1 <= x0 || y1 <= y0) return;
    const rows = this.rows;
    const xa = Math.max(0, Math.floor(x0));
    const xb = Math.min(this.w, Math.ceil(x1));
    const ya = Math.max(0, Math.floor(y0));
    const yb = Math.min(this.h, Math.ceil(y1));
    // The pixels wholly inside [x0, x1) across: their coverage is the row's (cy * 1), the same for each.
    const ia = Math.min(xb, Math.max(xa, Math.ceil(x0)));
    const ib = Math.max(ia, Math.min(xb, Math.floor(x1)));
    // The edge pixels across, left of ia and from ib (one at most on each side: xa is x0's floor and ia its ceiling,
    // xb x1's ceiling and ib its floor, or ia), and their coverage across, the same in every row.
    const left = ia > xa;
    const right = xb > ib;
    const cl = left ? Math.min(xa + 1, x1) - Math.max(xa, x0) : 0;
    const cr = right ? Math.min(ib + 1, x1) - Math.max(ib, x0) : 0;
    const inner = ib - ia;
    for (let y = ya; y < yb; y++) {
      const cy = Math.min(y + 1, y1) - Math.max(y, y0);
      const row = y * this.stride + 1;
      if (left) edgePixel(rows, row + xa, c, cy * cl);
      if (cy >= 0.999) {
        // A short run by hand: Buffer.fill's call costs more than a few pixels (a vertical rule is 2-3 a row).
        if (inner > 16) rows.fill(c, row + ia, row + ib);
        else for (let at = row + ia, end = row + ib; at < end; at++) rows[at] = c;
      } else if (cy > 0)
        for (let at = row + ia, end = row + ib; at < end; at++) {
          const d = rows[at]!;
          rows[at] = Math.round(d + (c - d) * cy);
        }
      if (right) edgePixel(rows, row + ib, c, cy * cr);
    }
  }

  /**
   * A filled path (closed polygons, in pixels, nonzero: contours of one direction add, of the other subtract),
   * coverage by the signed area each edge leaves in each pixel (accumulated along the row).
   */
  fill(path: Path, c: number): void {
    const bx = Math.max(0, Math.floor(path.minX));
    const by = Math.max(0, Math.floor(path.minY));
    const ex = Math.min(this.w, Math.ceil(path.maxX));
    const ey = Math.min(this.h, Math.ceil(path.maxY));
    if (ex <= bx || ey <= by) return;
    const bw = ex - bx + 2;
    const bh = ey - by;
    if (this.acc.length < bw * bh) this.acc = new Float32Array(bw * bh * 2);
    if (this.lo.length < bh) {
      this.lo = new Int32Array(bh * 2).fill(0x7fffffff);
      this.hi = new Int32Array(bh * 2).fill(-1);
    }
    const { acc, lo, hi } = this;
    const pts = path.pts;
    let from = 0;
    for (let k = 0; k < path.contours; k++) {
      const end = path.ends[k]!;
      for (let i = from; i < end; i += 2) {
        const j = i + 2 < end ? i + 2 : from;
        line(acc, lo, hi, bw, bh, pts, i, j, bx, by);
      }
      from = end;
    }
    const rows = this.rows;
    // Pixels at x >= paint are past the picture's edge.
    const paint = ex - bx;
    for (let y = 0; y < bh; y++) {
      const last = hi[y]!;
      if (last < 0) continue;
      const first = lo[y]!;
      lo[y] = 0x7fffffff;
      hi[y] = -1;
      // Before the first cell an edge touched the coverage is 0; past the last it stays what it is there.
      let sum = 0;
      const o = y * bw;
      const row = (y + by) * this.stride + 1 + bx;
      for (let x = first; x <= last; x++) {
        sum += acc[o + x]!;
        acc[o + x] = 0;
        if (x >= paint) continue;
        const a = Math.min(1, Math.abs(sum));
        if (a >= 0.999) rows[row + x] = c;
        else if (a > 0.001) {
          const d = rows[row + x]!;
          rows[row + x] = Math.round(d + (c - d) * a);
        }
      }
      const a = Math.min(1, Math.abs(sum));
      if (a >= 0.999) {
        if (last + 1 < paint) rows.fill(c, row + last + 1, row + paint);
      } else if (a > 0.001)
        for (let x = last + 1; x < paint; x++) {
          const d = rows[row + x]!;
          rows[row + x] = Math.round(d + (c - d) * a);
        }
    }
  }
}

/** Paints grey `c` with coverage `a` (0..1) at `at` (a pixel at a rectangle's edge). */
function edgePixel(rows: Buffer, at: number, c: number, a: number): void {
  if (a >= 0.999) rows[at] = c;
  else if (a > 0) {
    const d = rows[at]!;
    rows[at] = Math.round(d + (c - d) * a);
  }
}

/** A glyph's mask composited in black with its origin's pixel at (ix, iy). */
function composite(cv: Canvas, m: GlyphMask, ix: number, iy: number): void {
  const rows = cv.rows;
  const ya = Math.max(0, -(iy + m.y0));
  const yb = Math.min(m.h, cv.h - (iy + m.y0));
  const left = ix + m.x0;
  const xa = Math.max(0, -left);
  const xb = Math.min(m.w, cv.w - left);
  for (let y = ya; y < yb; y++) {
    const a0 = Math.max(xa, m.first[y]!);
    const a1 = Math.min(xb, m.last[y]!);
    const row = (iy + m.y0 + y) * cv.stride + 1 + left;
    const o = y * m.w;
    for (let x = a0; x < a1; x++) {
      const a = m.alpha[o + x]!;
      if (a === 255) rows[row + x] = 0;
      else if (a !== 0) rows[row + x] = Math.round((rows[row + x]! * (255 - a)) / 255);
    }
  }
}

/** The path every fill is gathered in (one fill at a time). */
const path = new Path();

/**
 * A line of text: its glyphs placed as the PDF and the SVG of outlines place them (src/page/glyph-paths.ts), each
 * at its origin rounded to 1/PHASES px, from its cached mask.
 */
function text(cv: Canvas, t: TextMark, k: number): void {
  const base = r2(t.y);
  const start = r2(t.anchor === 'start' ? t.x : t.anchor === 'middle' ? t.x - t.width / 2 : t.x - t.width);
  let style: FontStyle | null = null;
  let masks: (GlyphMask | null | undefined)[] = [];
  const qy = Math.round(base * k * PHASES);
  const iy = Math.floor(qy / PHASES);
  const py = qy - iy * PHASES;
  const line = lineGlyphs(t, clean, (st, f, gid, pen) => {
    const unit = t.size / f.metrics.unitsPerEm;
    if (st !== style) {
      style = st;
      masks = masksAt(st, unit * k);
    }
    const qx = Math.round((start + pen * unit) * k * PHASES);
    const ix = Math.floor(qx / PHASES);
    const px = qx - ix * PHASES;
    const at = (gid * PHASES + py) * PHASES + px;
    let m = masks[at];
    if (m === undefined) m = masks[at] = glyphMask(f, gid, unit * k, px / PHASES, py / PHASES);
    if (m !== null) composite(cv, m, ix, iy);
  });
  if (t.underline && line !== null) {
    const u = underlineOf(t);
    const thick = r2(u.thickness);
    const top = r2(u.top);
    cv.rect(start * k, top * k, (start + r2((line.advance * t.size) / line.upem)) * k, (top + thick) * k, 0);
  }
}

/** A stroke of width `sw` along a segment, as a polygon (butt or square caps). */
function segment(x1: number, y1: number, x2: number, y2: number, sw: number, square: boolean): number[] {
  const len = Math.hypot(x2 - x1, y2 - y1);
  if (len === 0) return square ? [x1 - sw / 2, y1 - sw / 2, x1 + sw / 2, y1 - sw / 2, x1 + sw / 2, y1 + sw / 2, x1 - sw / 2, y1 + sw / 2] : [];
  const ux = (x2 - x1) / len;
  const uy = (y2 - y1) / len;
  const e = square ? sw / 2 : 0;
  const ax = x1 - ux * e;
  const ay = y1 - uy * e;
  const bx = x2 + ux * e;
  const by = y2 + uy * e;
  const nx = -uy * (sw / 2);
  const ny = ux * (sw / 2);
  return [ax + nx, ay + ny, bx + nx, by + ny, bx - nx, by - ny, ax - nx, ay - ny];
}

/** A stroke of a line: an axis-aligned one by exact rectangles, another as a polygon. */
function stroke(cv: Canvas, x1: number, y1: number, x2: number, y2: number, sw: number, square: boolean, k: number): void {
  if (x1 === x2 || y1 === y2) {
    const e = square ? sw / 2 : 0;
    const [ax, bx] = x1 <= x2 ? [x1, x2] : [x2, x1];
    const [ay, by] = y1 <= y2 ? [y1, y2] : [y2, y1];
    if (y1 === y2) cv.rect((ax - e) * k, (ay - sw / 2) * k, (bx + e) * k, (ay + sw / 2) * k, 0);
    else cv.rect((ax - sw / 2) * k, (ay - e) * k, (ax + sw / 2) * k, (by + e) * k, 0);
    return;
  }
  cv.fill(path.clear().polys([segment(x1, y1, x2, y2, sw, square).map((v) => v * k)]), 0);
}

/** The outline of a rectangle with rounded corners (radius r), clockwise on screen, as a polygon. */
function roundRect(x: number, y: number, w: number, h: number, r: number, k: number): number[] {
  const p: number[] = [];
  const steps = Math.max(2, Math.min(32, Math.ceil(Math.sqrt((r * k) / 0.05))));
  const corner = (cx: number, cy: number, a0: number): void => {
    for (let i = 0; i <= steps; i++) {
      const a = a0 + ((Math.PI / 2) * i) / steps;
      p.push((cx + r * Math.cos(a)) * k, (cy + r * Math.sin(a)) * k);
    }
  };
  corner(x + w - r, y + r, -Math.PI / 2);
  corner(x + w - r, y + h - r, 0);
  corner(x + r, y + h - r, Math.PI / 2);
  corner(x + r, y + r, Math.PI);
  return p;
}

/** A convex polygon offset by `d` (outwards when positive), miter joins (a bevel past SVG's miter limit 4). */
function offset(pts: readonly number[], d: number): number[] {
  const n = pts.length >> 1;
  // Orientation: positive area is clockwise on screen (y down).
  let area = 0;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    area += pts[2 * i]! * pts[2 * j + 1]! - pts[2 * j]! * pts[2 * i + 1]!;
  }
  const sgn = area > 0 ? 1 : -1;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const h = (i + n - 1) % n;
    const j = (i + 1) % n;
    const [px, py, cx, cy, nx, ny] = [pts[2 * h]!, pts[2 * h + 1]!, pts[2 * i]!, pts[2 * i + 1]!, pts[2 * j]!, pts[2 * j + 1]!];
    // Outward normals of the edges before and after the vertex.
    const l1 = Math.hypot(cx - px, cy - py) || 1;
    const l2 = Math.hypot(nx - cx, ny - cy) || 1;
    const n1x = (sgn * (cy - py)) / l1;
    const n1y = (-sgn * (cx - px)) / l1;
    const n2x = (sgn * (ny - cy)) / l2;
    const n2y = (-sgn * (nx - cx)) / l2;
    const mx = n1x + n2x;
    const my = n1y + n2y;
    const cos = (mx * mx + my * my) / 2 - 1;
    const ratio = 1 / Math.sqrt((1 + cos) / 2);
    if (ratio > 4) out.push(cx + n1x * d, cy + n1y * d, cx + n2x * d, cy + n2y * d);
    else {
      const k = d / (1 + cos);
      out.push(cx + mx * k, cy + my * k);
    }
  }
  return out;
}

const reversed = (p: readonly number[]): number[] => {
  const out: number[] = [];
  for (let i = p.length - 2; i >= 0; i -= 2) out.push(p[i]!, p[i + 1]!);
  return out;
};

function mark(cv: Canvas, m: Mark, k: number): void {
  switch (m.kind) {
    case 'line': {
      const [x1, y1, x2, y2] = [r2(m.x1), r2(m.y1), r2(m.x2), r2(m.y2)];
      if (m.role !== 'flow') {
        stroke(cv, x1, y1, x2, y2, 1, false, k);
        return;
      }
      stroke(cv, x1, y1, x2, y2, 1.2, true, k);
      if (m.arrow) {
        // The marker (svg.ts #sop-arrow): a triangle 7 px long and wide, its tip on the line's end.
        const len = Math.hypot(x2 - x1, y2 - y1) || 1;
        const ux = (x2 - x1) / len;
        const uy = (y2 - y1) / len;
        const bx = x2 - ux * ARROW.length;
        const by = y2 - uy * ARROW.length;
        const hw = ARROW.halfWidth;
        cv.fill(path.clear().polys([[x2 * k, y2 * k, (bx - uy * hw) * k, (by + ux * hw) * k, (bx + uy * hw) * k, (by - ux * hw) * k]]), 0);
      }
      return;
    }
    case 'rect': {
      const [x, y, w, h] = [r2(m.x), r2(m.y), r2(m.w), r2(m.h)];
      if (m.role === 'label-bg') {
        cv.rect(x * k, y * k, (x + w) * k, (y + h) * k, 255);
        return;
      }
      const sw = m.role === 'symbol' ? 1.2 : 1;
      const rx = m.rx ? Math.min(r2(m.rx), w / 2, h / 2) : 0;
      const d = sw / 2;
      if (rx > 0) {
        if (m.role === 'symbol') cv.fill(path.clear().polys([roundRect(x, y, w, h, rx, k)]), 255);
        cv.fill(path.clear().polys([roundRect(x - d, y - d, w + sw, h + sw, rx + d, k), reversed(roundRect(x + d, y + d, w - sw, h - sw, Math.max(0, rx - d), k))]), 0);
        return;
      }
      if (m.role === 'symbol') cv.rect(x * k, y * k, (x + w) * k, (y + h) * k, 255);
      // The stroke as four rectangles that do not overlap.
      cv.rect((x - d) * k, (y - d) * k, (x + w + d) * k, (y + d) * k, 0);
      cv.rect((x - d) * k, (y + h - d) * k, (x + w + d) * k, (y + h + d) * k, 0);
      cv.rect((x - d) * k, (y + d) * k, (x + d) * k, (y + h - d) * k, 0);
      cv.rect((x + w - d) * k, (y + d) * k, (x + w + d) * k, (y + h - d) * k, 0);
      return;
    }
    case 'polygon': {
      const pts = m.points.map(r2);
      cv.fill(path.clear().polys([pts.map((v) => v * k)]), 255);
      cv.fill(path.clear().polys([offset(pts, 0.6).map((v) => v * k), reversed(offset(pts, -0.6)).map((v) => v * k)]), 0);
      return;
    }
    case 'text':
      text(cv, m, k);
      return;
    case 'image':
    case 'link':
      return;
  }
}

/** The page drawn at `k` pixels per px into a grey PNG's rows; null when it has an image (resvg draws those). */
export function rasteriseGrey(page: PageModel, k: number): GreyRows | null {
  if (page.marks.some((m) => m.kind === 'image')) return null;
  // The size resvg gives the SVG at this zoom.
  const w = Math.max(1, Math.round(r2(page.width) * k));
  const h = Math.max(1, Math.round(r2(page.height) * k));
  const size = (w + 1) * h;
  let buf = spare.pop();
  if (!buf || buf.length < size) buf = Buffer.allocUnsafe(size);
  const rows = buf.subarray(0, size).fill(255);
  for (let y = 0; y < h; y++) rows[y * (w + 1)] = 0;
  const cv = new Canvas(rows, w, h);
  for (const m of page.marks) mark(cv, m, k);
  const kept = buf;
  return { rows, width: w, height: h, release: () => void (kept.length <= SPARE_MAX && spare.length < 2 && spare.push(kept)) };
}

/**
 * Buffers of rows given back once their PNG is compressed (GreyRows.release), drawn into by the next: a fresh one
 * of a 200 dpi sheet (~4 MB) cost the kernel a page fault per 4 KB, and the heap a collection now and then. Two at
 * most (`sop build` has two PNGs in hand at most), none over SPARE_MAX.
 */
const spare: Buffer[] = [];
const SPARE_MAX = 32 << 20;
