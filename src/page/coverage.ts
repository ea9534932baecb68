/**
 * Coverage by exact area for src/page/raster.ts: polygons gathered in one growing buffer (Path), each edge's signed
 * area spread into an accumulation buffer (line, the rasteriser of font-rs), and the glyphs of the bundled font
 * rasterised so once per style, size and position within a pixel, their coverage kept as masks to composite.
 */
import type { FontStyle } from '../layout/text.js';
import { walkOutline, type TrueType } from './ttf.js';

/**
 * Polygons (contours of points in pixels) gathered for one fill, in one growing buffer: a line of text's glyphs or a
 * stroked shape. Its bounding box is kept as points are added.
 */
export class Path {
  pts = new Float64Array(4096);
  /** Numbers used in pts (two a point). */
  n = 0;
  /** Where each contour ends in pts (exclusive). */
  ends = new Int32Array(256);
  contours = 0;
  minX = Infinity;
  minY = Infinity;
  maxX = -Infinity;
  maxY = -Infinity;

  clear(): this {
    this.n = 0;
    this.contours = 0;
    this.minX = Infinity;
    this.minY = Infinity;
    this.maxX = -Infinity;
    this.maxY = -Infinity;
    return this;
  }

  point(x: number, y: number): void {
    if (this.n + 2 > this.pts.length) {
      const more = new Float64Array(this.pts.length * 2);
      more.set(this.pts);
      this.pts = more;
    }
    this.pts[this.n++] = x;
    this.pts[this.n++] = y;
    if (x < this.minX) this.minX = x;
    if (x > this.maxX) this.maxX = x;
    if (y < this.minY) this.minY = y;
    if (y > this.maxY) this.maxY = y;
  }

  /** Ends the contour of the points added since the last one. */
  close(): void {
    if (this.contours === this.ends.length) {
      const more = new Int32Array(this.ends.length * 2);
      more.set(this.ends);
      this.ends = more;
    }
    this.ends[this.contours++] = this.n;
  }

  /** Adds polygons given as arrays of x, y. */
  polys(polys: readonly (readonly number[])[]): this {
    for (const p of polys) {
      for (let i = 0; i < p.length; i += 2) this.point(p[i]!, p[i + 1]!);
      this.close();
    }
    return this;
  }
}

/**
 * One edge's signed area into the coverage buffer (the accumulation rasteriser of font-rs); `lo` and `hi` widened to
 * the cells it touches in each row. The edge runs from point `i` of `pts` to point `j`, less (`bx`, `by`): passed as
 * the array and indices (whole numbers), not as four coordinates, which V8 boxed at each call (~15 % of the time).
 */
export function line(acc: Float32Array, lo: Int32Array, hi: Int32Array, bw: number, bh: number, pts: Float64Array, i: number, j: number, bx: number, by: number): void {
  let x0 = pts[i]! - bx;
  let y0 = pts[i + 1]! - by;
  let x1 = pts[j]! - bx;
  let y1 = pts[j + 1]! - by;
  if (y0 === y1) return;
  let dir = 1;
  if (y0 > y1) {
    dir = -1;
    const tx = x0;
    const ty = y0;
    x0 = x1;
    y0 = y1;
    x1 = tx;
    y1 = ty;
  }
  const dxdy = (x1 - x0) / (y1 - y0);
  let x = x0;
  if (y0 < 0) x -= y0 * dxdy;
  const yEnd = Math.min(bh, Math.ceil(y1));
  for (let y = Math.max(0, Math.floor(y0)); y < yEnd; y++) {
    const start = y * bw;
    const dy = Math.min(y + 1, y1) - Math.max(y, y0);
    const xnext = x + dxdy * dy;
    const d = dy * dir;
    // Within the buffer (a drawing past the picture's edge is cut there).
    const xa = Math.min(bw - 2, Math.max(0, Math.min(x, xnext)));
    const xb = Math.min(bw - 2, Math.max(0, Math.max(x, xnext)));
    const xai = Math.floor(xa);
    const xbi = Math.ceil(xb);
    if (xai < lo[y]!) lo[y] = xai;
    const top = xbi > xai + 1 ? xbi : xai + 1;
    if (top > hi[y]!) hi[y] = top;
    if (xbi <= xai + 1) {
      const xmf = 0.5 * (x + xnext) - xai;
      acc[start + xai]! += d - d * xmf;
      acc[start + xai + 1]! += d * xmf;
    } else {
      const s = 1 / (xb - xa);
      const x0f = xa - xai;
      const a0 = 0.5 * s * (1 - x0f) * (1 - x0f);
      const x1f = xb - xbi + 1;
      const am = 0.5 * s * x1f * x1f;
      acc[start + xai]! += d * a0;
      if (xbi === xai + 2) acc[start + xai + 1]! += d * (1 - a0 - am);
      else {
        const a1 = s * (1.5 - x0f);
        acc[start + xai + 1]! += d * (a1 - a0);
        for (let xi = xai + 2; xi < xbi - 1; xi++) acc[start + xi]! += d * s;
        const a2 = a1 + (xbi - xai - 3) * s;
        acc[start + xbi - 1]! += d * (1 - a2 - am);
      }
      acc[start + xbi]! += d * am;
    }
    x = xnext;
  }
}

/** A glyph's contours as polygons in font units (y up), quadratic curves flattened finely enough for `pxPerUnit`. */
type GlyphPolys = readonly Float64Array[];

function glyphPolys(f: TrueType, gid: number, pxPerUnit: number): GlyphPolys {
  const contours: Float64Array[] = [];
  let poly: number[] = [];
  let cx = 0;
  let cy = 0;
  walkOutline(f.outline(gid), {
    move(x, y) {
      poly = [x, y];
      cx = x;
      cy = y;
    },
    line(x, y) {
      poly.push(x, y);
      cx = x;
      cy = y;
    },
    quad(qx, qy, x, y) {
      // Segments enough for the curve to stay within ~0.05 px of its chords.
      const dev = Math.hypot(cx - 2 * qx + x, cy - 2 * qy + y) * 0.25 * pxPerUnit;
      const steps = Math.max(1, Math.min(16, Math.ceil(Math.sqrt(dev / 0.05))));
      for (let k = 1; k <= steps; k++) {
        const t = k / steps;
        const u = 1 - t;
        poly.push(u * u * cx + 2 * u * t * qx + t * t * x, u * u * cy + 2 * u * t * qy + t * t * y);
      }
      cx = x;
      cy = y;
    },
    close() {
      contours.push(Float64Array.from(poly));
    },
  });
  return contours;
}

/**
 * Positions of a glyph per pixel, across and down: its origin is rounded to a quarter of a pixel (as Skia, hence
 * Chromium, places glyphs: 4 positions across a pixel), so that each glyph is rasterised once per position and size
 * and its coverage composited wherever it recurs. Shifts a glyph by 1/8 px at most.
 */
export const PHASES = 4;

/**
 * A glyph's coverage at one size and position within a pixel: `w` x `h` alphas (0..255) whose top left pixel is
 * (x0, y0) from the pixel the origin is in; per row the first and last (exclusive) pixel with any coverage.
 */
export interface GlyphMask {
  readonly x0: number;
  readonly y0: number;
  readonly w: number;
  readonly h: number;
  readonly alpha: Uint8Array;
  readonly first: Int32Array;
  readonly last: Int32Array;
}

/** Masks by style and scale (px per font unit), then by glyph and position (gid * PHASES² + phase). */
const maskCache = new Map<string, (GlyphMask | null | undefined)[]>();

export function masksAt(st: FontStyle, pxPerUnit: number): (GlyphMask | null | undefined)[] {
  const key = `${st}/${pxPerUnit}`;
  let known = maskCache.get(key);
  if (!known) {
    // A document has a few sizes; a runaway number of them (scaled PNGs in one process) is not kept forever.
    if (maskCache.size >= 64) maskCache.clear();
    maskCache.set(key, (known = []));
  }
  return known;
}

/** The coverage of a glyph whose origin is at (px, py) in a pixel (each 0 <= v < 1), null for one without ink. */
export function glyphMask(f: TrueType, gid: number, pxPerUnit: number, px: number, py: number): GlyphMask | null {
  const p = scratch.clear();
  for (const c of glyphPolys(f, gid, pxPerUnit)) {
    for (let i = 0; i < c.length; i += 2) p.point(px + c[i]! * pxPerUnit, py - c[i + 1]! * pxPerUnit);
    p.close();
  }
  if (p.contours === 0) return null;
  const x0 = Math.floor(p.minX);
  const y0 = Math.floor(p.minY);
  const w = Math.ceil(p.maxX) - x0;
  const h = Math.ceil(p.maxY) - y0;
  if (w <= 0 || h <= 0) return null;
  const alpha = new Uint8Array(w * h);
  const first = new Int32Array(h);
  const last = new Int32Array(h);
  coverage(p, x0, y0, w, h, alpha, first, last);
  return { x0, y0, w, h, alpha, first, last };
}

/** Scratch of coverage() (the accumulation buffer and its per-row extents), grown as needed. */
let covAcc = new Float32Array(0);
let covLo = new Int32Array(0);
let covHi = new Int32Array(0);

/** A path's coverage (nonzero, as Canvas.fill) into `alpha`, `w` x `h` from (x0, y0); per row its first and last pixel with ink. */
function coverage(p: Path, x0: number, y0: number, w: number, h: number, alpha: Uint8Array, first: Int32Array, last: Int32Array): void {
  const bw = w + 2;
  if (covAcc.length < bw * h) covAcc = new Float32Array(bw * h * 2);
  if (covLo.length < h) {
    covLo = new Int32Array(h * 2).fill(0x7fffffff);
    covHi = new Int32Array(h * 2).fill(-1);
  }
  const acc = covAcc;
  let from = 0;
  for (let k = 0; k < p.contours; k++) {
    const end = p.ends[k]!;
    for (let i = from; i < end; i += 2) line(acc, covLo, covHi, bw, h, p.pts, i, i + 2 < end ? i + 2 : from, x0, y0);
    from = end;
  }
  for (let y = 0; y < h; y++) {
    const lo = covLo[y]!;
    const hi = covHi[y]!;
    covLo[y] = 0x7fffffff;
    covHi[y] = -1;
    let a0 = w;
    let a1 = 0;
    if (hi >= 0) {
      let sum = 0;
      const o = y * bw;
      for (let x = lo; x <= hi; x++) {
        sum += acc[o + x]!;
        acc[o + x] = 0;
        if (x >= w) continue;
        const a = Math.round(Math.min(1, Math.abs(sum)) * 255);
        if (a === 0) continue;
        alpha[y * w + x] = a;
        if (x < a0) a0 = x;
        a1 = x + 1;
      }
    }
    first[y] = a0;
    last[y] = a1;
  }
}

/** The path a glyph's mask is gathered in. */
const scratch = new Path();
