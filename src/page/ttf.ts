/**
 * The bundled TrueType fonts read directly (no fontkit): the character map,
 * the advance widths, the metrics a PDF font descriptor names, and a subset
 * of the glyphs a PDF uses, as a TrueType font program to embed.
 *
 * Why not fontkit (which PDFKit uses): loading it costs ~200 ms at start-up
 * (its Unicode tables are inflated when it is imported) and shaping every
 * line through it cost more than drawing the PDF. The page model already
 * knows every glyph's place (src/layout/text.ts: the font's advances and
 * kerning pairs, the same as Chromium's), so the PDF needs only the glyph of
 * each character and its advance: read here from the cmap and hmtx tables.
 * No shaping is lost: Liberation Sans has no ligatures, and what its GSUB
 * holds (sub- and superscripts) is not asked for.
 */

interface TableRef {
  readonly offset: number;
  readonly length: number;
}

/** Font-wide metrics, in font units. */
export interface FaceMetrics {
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  readonly capHeight: number;
  readonly xHeight: number;
  readonly bbox: readonly [number, number, number, number];
  readonly italicAngle: number;
  readonly fixedPitch: boolean;
  readonly italic: boolean;
  readonly familyClass: number;
  readonly postscriptName: string;
}

/** A glyph's contours (TrueType): points in font units, y up; `ends` the index of each contour's last point. */
export interface GlyphOutline {
  x: number[];
  y: number[];
  on: boolean[];
  ends: number[];
}

/** What walkOutline draws with: each contour a move, lines and quadratic curves, a close. */
export interface OutlinePen {
  move(x: number, y: number): void;
  line(x: number, y: number): void;
  quad(cx: number, cy: number, x: number, y: number): void;
  close(): void;
}

/**
 * A glyph's contours as moves, lines and quadratic curves: each contour starts on a point on the curve (its first,
 * else its last, else the middle of the two), and between two points off the curve the curve passes through their
 * middle (TrueType's implied points).
 */
export function walkOutline(o: GlyphOutline, pen: OutlinePen): void {
  let start = 0;
  for (const end of o.ends) {
    const n = end - start + 1;
    const s = start;
    start = end + 1;
    if (n < 2) continue;
    const px = (i: number): number => o.x[s + ((i + n) % n)]!;
    const py = (i: number): number => o.y[s + ((i + n) % n)]!;
    const on = (i: number): boolean => o.on[s + ((i + n) % n)]!;
    let from = 0;
    if (on(0)) {
      pen.move(px(0), py(0));
      from = 1;
    } else if (on(n - 1)) pen.move(px(n - 1), py(n - 1));
    else pen.move((px(0) + px(n - 1)) / 2, (py(0) + py(n - 1)) / 2);
    const last = on(0) || !on(n - 1) ? n : n - 1;
    for (let i = from; i < last; i++) {
      if (on(i)) pen.line(px(i), py(i));
      else {
        // An off-curve point: the curve runs to the next point on the curve, or to the middle of two off-curve points.
        const next = on(i + 1);
        pen.quad(px(i), py(i), next ? px(i + 1) : (px(i) + px(i + 1)) / 2, next ? py(i + 1) : (py(i) + py(i + 1)) / 2);
        if (next) i++;
      }
    }
    pen.close();
  }
}

export class TrueType {
  private readonly v: DataView;
  private readonly tables = new Map<string, TableRef>();
  readonly numGlyphs: number;
  private readonly numberOfHMetrics: number;
  private readonly longLoca: boolean;
  /** cmap format 4 segments. */
  private readonly seg: { end: Uint16Array; start: Uint16Array; delta: Int16Array; rangeOffset: Uint16Array; rangeAt: number };
  private readonly gidCache = new Map<number, number>();
  readonly metrics: FaceMetrics;
  /** The underline's position (its centre, below the baseline when negative) and thickness, font units (post). */
  readonly underline: { readonly position: number; readonly thickness: number };

  private readonly bytes: Uint8Array;

  constructor(file: Uint8Array) {
    // A plain view (a Buffer's slice() shares its memory; a Uint8Array's copies, as subset() needs).
    const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
    this.bytes = bytes;
    this.v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const n = this.u16(4);
    for (let i = 0; i < n; i++) {
      const at = 12 + 16 * i;
      const tag = String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
      const offset = this.u32(at + 8);
      const length = this.u32(at + 12);
      if (offset + length > bytes.length) throw new Error(`font table ${tag} out of range`);
      this.tables.set(tag, { offset, length });
    }
    const head = this.table('head').offset;
    const hhea = this.table('hhea').offset;
    this.numGlyphs = this.u16(this.table('maxp').offset + 4);
    this.numberOfHMetrics = this.u16(hhea + 34);
    this.longLoca = this.i16(head + 50) === 1;
    this.seg = this.cmap4();
    const os2 = this.tables.get('OS/2');
    const post = this.table('post').offset;
    const upem = this.u16(head + 18);
    this.metrics = {
      unitsPerEm: upem,
      ascent: this.i16(hhea + 4),
      descent: this.i16(hhea + 6),
      capHeight: os2 && this.u16(os2.offset) >= 2 ? this.i16(os2.offset + 88) : this.i16(hhea + 4),
      xHeight: os2 && this.u16(os2.offset) >= 2 ? this.i16(os2.offset + 86) : 0,
      bbox: [this.i16(head + 36), this.i16(head + 38), this.i16(head + 40), this.i16(head + 42)],
      italicAngle: this.i32(post + 4) / 65536,
      fixedPitch: this.u32(post + 12) !== 0,
      italic: (this.u16(head + 44) & 2) !== 0,
      familyClass: os2 ? this.i16(os2.offset + 30) : 0,
      postscriptName: this.name(6) ?? 'LiberationSans',
    };
    this.underline = { position: this.i16(post + 8), thickness: this.i16(post + 10) };
  }

  private u16(at: number): number {
    return this.v.getUint16(at);
  }
  private i16(at: number): number {
    return this.v.getInt16(at);
  }
  private u32(at: number): number {
    return this.v.getUint32(at);
  }
  private i32(at: number): number {
    return this.v.getInt32(at);
  }
  private table(tag: string): TableRef {
    const t = this.tables.get(tag);
    if (!t) throw new Error(`font table ${tag} missing`);
    return t;
  }

  /** The (3,1) or (0,3) format-4 subtable: Unicode BMP to glyph. */
  private cmap4(): TrueType['seg'] {
    const base = this.table('cmap').offset;
    const n = this.u16(base + 2);
    let sub = -1;
    for (let i = 0; i < n; i++) {
      const pid = this.u16(base + 4 + 8 * i);
      const eid = this.u16(base + 6 + 8 * i);
      const off = base + this.u32(base + 8 + 8 * i);
      if (this.u16(off) !== 4) continue;
      if ((pid === 3 && eid === 1) || (pid === 0 && sub < 0)) sub = off;
    }
    if (sub < 0) throw new Error('font has no Unicode cmap');
    const segX2 = this.u16(sub + 6);
    const segs = segX2 / 2;
    const endAt = sub + 14;
    const startAt = endAt + segX2 + 2;
    const deltaAt = startAt + segX2;
    const rangeAt = deltaAt + segX2;
    const end = new Uint16Array(segs);
    const start = new Uint16Array(segs);
    const delta = new Int16Array(segs);
    const rangeOffset = new Uint16Array(segs);
    for (let i = 0; i < segs; i++) {
      end[i] = this.u16(endAt + 2 * i);
      start[i] = this.u16(startAt + 2 * i);
      delta[i] = this.i16(deltaAt + 2 * i);
      rangeOffset[i] = this.u16(rangeAt + 2 * i);
    }
    return { end, start, delta, rangeOffset, rangeAt };
  }

  /** The glyph of a code point; 0 (.notdef, a box) when the font has none. */
  glyphId(cp: number): number {
    const hit = this.gidCache.get(cp);
    if (hit !== undefined) return hit;
    let gid = 0;
    if (cp <= 0xffff) {
      const { end, start, delta, rangeOffset, rangeAt } = this.seg;
      let lo = 0;
      let hi = end.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (end[mid]! < cp) lo = mid + 1;
        else hi = mid;
      }
      if (start[lo]! <= cp && cp <= end[lo]!) {
        const ro = rangeOffset[lo]!;
        if (ro === 0) gid = (cp + delta[lo]!) & 0xffff;
        else {
          const at = rangeAt + 2 * lo + ro + 2 * (cp - start[lo]!);
          const g = this.u16(at);
          gid = g === 0 ? 0 : (g + delta[lo]!) & 0xffff;
        }
      }
    }
    if (gid >= this.numGlyphs) gid = 0;
    this.gidCache.set(cp, gid);
    return gid;
  }

  /** Advance width of a glyph, font units. */
  advance(gid: number): number {
    const h = this.table('hmtx').offset;
    return this.u16(h + 4 * Math.min(gid, this.numberOfHMetrics - 1));
  }

  private lsb(gid: number): number {
    const h = this.table('hmtx').offset;
    return gid < this.numberOfHMetrics ? this.i16(h + 4 * gid + 2) : this.i16(h + 4 * this.numberOfHMetrics + 2 * (gid - this.numberOfHMetrics));
  }

  private glyphRange(gid: number): [number, number] {
    const loca = this.table('loca').offset;
    const glyf = this.table('glyf').offset;
    const a = this.longLoca ? this.u32(loca + 4 * gid) : this.u16(loca + 2 * gid) * 2;
    const b = this.longLoca ? this.u32(loca + 4 * gid + 4) : this.u16(loca + 2 * gid + 2) * 2;
    return [glyf + a, glyf + b];
  }

  /**
   * The outline of a glyph in font units (y up): its contours' points, each on or off the curve (TrueType's quadratic
   * B-splines), a composite glyph's components placed by their offsets and scales. Empty for a glyph without
   * contours (the space).
   */
  outline(gid: number, depth = 0): GlyphOutline {
    const out: GlyphOutline = { x: [], y: [], on: [], ends: [] };
    if (gid < 0 || gid >= this.numGlyphs || depth > 8) return out;
    const [a, b] = this.glyphRange(gid);
    if (b - a < 10) return out;
    const n = this.i16(a);
    if (n >= 0) {
      const ends: number[] = [];
      for (let i = 0; i < n; i++) ends.push(this.u16(a + 10 + 2 * i));
      const count = n > 0 ? ends[n - 1]! + 1 : 0;
      let at = a + 10 + 2 * n;
      at += 2 + this.u16(at);
      const flags = new Uint8Array(count);
      for (let i = 0; i < count; ) {
        const f = this.bytes[at++]!;
        flags[i++] = f;
        if (f & 8) for (let r = this.bytes[at++]!; r > 0 && i < count; r--) flags[i++] = f;
      }
      const coords = (short: number, same: number): number[] => {
        const vs: number[] = [];
        let v = 0;
        for (let i = 0; i < count; i++) {
          const f = flags[i]!;
          if (f & short) {
            const d = this.bytes[at++]!;
            v += f & same ? d : -d;
          } else if (!(f & same)) {
            v += this.i16(at);
            at += 2;
          }
          vs.push(v);
        }
        return vs;
      };
      out.x = coords(2, 16);
      out.y = coords(4, 32);
      out.on = Array.from(flags, (f) => (f & 1) !== 0);
      out.ends = ends;
      return out;
    }
    // Composite: each component's outline, transformed and appended.
    let at = a + 10;
    for (;;) {
      const flags = this.u16(at);
      const comp = this.u16(at + 2);
      at += 4;
      let dx = 0;
      let dy = 0;
      if (flags & 1) {
        dx = flags & 2 ? this.i16(at) : 0;
        dy = flags & 2 ? this.i16(at + 2) : 0;
        at += 4;
      } else {
        dx = flags & 2 ? this.v.getInt8(at) : 0;
        dy = flags & 2 ? this.v.getInt8(at + 1) : 0;
        at += 2;
      }
      let [xx, xy, yx, yy] = [1, 0, 0, 1];
      const f2 = (o: number): number => this.i16(o) / 16384;
      if (flags & 8) {
        xx = yy = f2(at);
        at += 2;
      } else if (flags & 0x40) {
        xx = f2(at);
        yy = f2(at + 2);
        at += 4;
      } else if (flags & 0x80) {
        xx = f2(at);
        xy = f2(at + 2);
        yx = f2(at + 4);
        yy = f2(at + 6);
        at += 8;
      }
      const part = this.outline(comp, depth + 1);
      const base = out.x.length;
      for (let i = 0; i < part.x.length; i++) {
        out.x.push(part.x[i]! * xx + part.y[i]! * yx + dx);
        out.y.push(part.x[i]! * xy + part.y[i]! * yy + dy);
        out.on.push(part.on[i]!);
      }
      for (const e of part.ends) out.ends.push(base + e);
      if (!(flags & 0x20)) break;
    }
    return out;
  }

  /** A name record (Windows Unicode, else Macintosh Roman). */
  private name(id: number): string | null {
    const t = this.tables.get('name');
    if (!t) return null;
    const base = t.offset;
    const count = this.u16(base + 2);
    const strings = base + this.u16(base + 4);
    let mac: string | null = null;
    for (let i = 0; i < count; i++) {
      const r = base + 6 + 12 * i;
      if (this.u16(r + 6) !== id) continue;
      const pid = this.u16(r);
      const len = this.u16(r + 8);
      const off = strings + this.u16(r + 10);
      if (pid === 3) {
        let s = '';
        for (let k = 0; k + 1 < len; k += 2) s += String.fromCharCode(this.u16(off + k));
        return s;
      }
      if (pid === 1 && mac === null) mac = Array.from(this.bytes.subarray(off, off + len), (b) => String.fromCharCode(b)).join('');
    }
    return mac;
  }

  /**
   * The glyphs of the subset of `gids` (subset()): `gids`, then the components of its composite glyphs not in it
   * already, in the order met. Each glyph's data (a copy, its components renumbered to their index in the list) is
   * given to `data` in the same order. The subset's glyph count is the list's length (a PDF's CIDSet names them all).
   */
  subsetOrder(gids: readonly number[], data: (glyph: Uint8Array) => void = () => undefined): number[] {
    const order = [...gids];
    const index = new Map<number, number>();
    order.forEach((g, i) => index.set(g, i));
    for (let i = 0; i < order.length; i++) {
      const [a, b] = this.glyphRange(order[i]!);
      const g = this.bytes.slice(a, b);
      if (g.length >= 10 && new DataView(g.buffer).getInt16(0) < 0) {
        // Composite: every component's glyph index renumbered (and the component included).
        const dv = new DataView(g.buffer);
        let at = 10;
        for (;;) {
          const flags = dv.getUint16(at);
          const comp = dv.getUint16(at + 2);
          let ni = index.get(comp);
          if (ni === undefined) {
            ni = order.length;
            order.push(comp);
            index.set(comp, ni);
          }
          dv.setUint16(at + 2, ni);
          at += 4 + (flags & 1 ? 4 : 2) + (flags & 8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
          if (!(flags & 0x20)) break;
        }
      }
      data(g);
    }
    return order;
  }

  /**
   * A TrueType font program of `gids` (the glyph at index i of the list becomes glyph i; the list starts with 0,
   * .notdef), with the tables a PDF's CIDFontType2 needs (head, hhea, maxp, hmtx, loca, glyf and the hinting
   * programs, as fontkit's subset has them). Components of composite glyphs are appended to the list, renumbered.
   */
  subset(gids: readonly number[]): Uint8Array {
    const glyphs: Uint8Array[] = [];
    const order = this.subsetOrder(gids, (g) => glyphs.push(g));
    const n = order.length;
    let glyfLen = 0;
    for (const g of glyphs) glyfLen += (g.length + 3) & ~3;
    const glyf = new Uint8Array(glyfLen);
    const loca = new DataView(new ArrayBuffer(4 * (n + 1)));
    let pos = 0;
    glyphs.forEach((g, i) => {
      loca.setUint32(4 * i, pos);
      glyf.set(g, pos);
      pos += (g.length + 3) & ~3;
    });
    loca.setUint32(4 * n, pos);
    const hmtx = new DataView(new ArrayBuffer(4 * n));
    order.forEach((g, i) => {
      hmtx.setUint16(4 * i, this.advance(g));
      hmtx.setInt16(4 * i + 2, this.lsb(g));
    });
    const copy = (tag: string): Uint8Array => {
      const t = this.table(tag);
      return this.bytes.slice(t.offset, t.offset + t.length);
    };
    const head = copy('head');
    const hv = new DataView(head.buffer);
    hv.setUint32(8, 0);
    hv.setInt16(50, 1);
    const hhea = copy('hhea');
    new DataView(hhea.buffer).setUint16(34, n);
    const maxp = copy('maxp');
    new DataView(maxp.buffer).setUint16(4, n);
    const tables: [string, Uint8Array][] = [
      ['head', head],
      ['hhea', hhea],
      ['maxp', maxp],
      ['hmtx', new Uint8Array(hmtx.buffer)],
      ['loca', new Uint8Array(loca.buffer)],
      ['glyf', glyf],
    ];
    for (const t of ['cvt ', 'fpgm', 'prep']) if (this.tables.has(t)) tables.push([t, copy(t)]);
    tables.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    return sfnt(tables, head);
  }
}

function checksum(b: Uint8Array): number {
  let sum = 0;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const full = b.length & ~3;
  for (let i = 0; i < full; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  if (full < b.length) {
    let last = 0;
    for (let i = full; i < full + 4; i++) last = (last << 8) | (i < b.length ? b[i]! : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

/** The font file: directory and tables (each on 4 bytes), head's checkSumAdjustment set. */
function sfnt(tables: readonly [string, Uint8Array][], head: Uint8Array): Uint8Array {
  const n = tables.length;
  let size = 12 + 16 * n;
  for (const [, t] of tables) size += (t.length + 3) & ~3;
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  let p2 = 1;
  let log = 0;
  while (p2 * 2 <= n) {
    p2 *= 2;
    log++;
  }
  v.setUint32(0, 0x00010000);
  v.setUint16(4, n);
  v.setUint16(6, p2 * 16);
  v.setUint16(8, log);
  v.setUint16(10, n * 16 - p2 * 16);
  let pos = 12 + 16 * n;
  let headAt = 0;
  tables.forEach(([tag, t], i) => {
    const r = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[r + k] = tag.charCodeAt(k);
    v.setUint32(r + 4, checksum(t));
    v.setUint32(r + 8, pos);
    v.setUint32(r + 12, t.length);
    out.set(t, pos);
    if (t === head) headAt = pos;
    pos += (t.length + 3) & ~3;
  });
  v.setUint32(headAt + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}
