/**
 * Lines of text as glyph outlines, for the SVG handed to resvg to draw the PNG (src/page/native.ts): resvg spent
 * most of a PNG's time turning `<text>` into outlines (shaping each line, looking the fonts up); here each line is
 * one `<path>`, its glyphs read from the bundled fonts by src/page/ttf.ts (each glyph's path made once per style and
 * kept) and placed with the advances and kerning the page model measured the line with (src/page/kerning.ts), as
 * the PDF places them (src/page/pdf.ts drawText). The user-facing `.svg` keeps real `<text>` (src/page/svg.ts).
 */
import { face } from './pdf.js';
import { fontStyle, kernedCodePoints, type FontStyle } from './text.js';
import type { TextMark } from './types.js';
import type { TrueType } from './ttf.js';

/** A glyph's path in font units (y up): where it starts, then the rest in relative commands, so that it can be put at any pen position. */
interface GlyphPath {
  readonly x0: number;
  readonly y0: number;
  /** Relative commands after the first point (`q`, `l`, `z`, `m`); '' for a glyph without contours. */
  readonly rest: string;
  readonly advance: number;
}

const n2 = (v: number): string => String(Math.round(v * 100) / 100);

const glyphs = new Map<FontStyle, Map<number, GlyphPath>>();

function glyphPath(st: FontStyle, f: TrueType, gid: number): GlyphPath {
  let byGid = glyphs.get(st);
  if (!byGid) glyphs.set(st, (byGid = new Map()));
  const known = byGid.get(gid);
  if (known) return known;
  const o = f.outline(gid);
  let x0 = 0;
  let y0 = 0;
  let rest = '';
  // The current point (relative commands) and the start of the current contour (where `z` returns).
  let cx = 0;
  let cy = 0;
  let first = true;
  let start = 0;
  for (const end of o.ends) {
    const n = end - start + 1;
    if (n < 2) {
      start = end + 1;
      continue;
    }
    const px = (i: number): number => o.x[start + ((i + n) % n)]!;
    const py = (i: number): number => o.y[start + ((i + n) % n)]!;
    const on = (i: number): boolean => o.on[start + ((i + n) % n)]!;
    // Start on a point on the curve: the first, else the last, else the middle of the two (both off the curve).
    let sx: number;
    let sy: number;
    let from: number;
    if (on(0)) {
      sx = px(0);
      sy = py(0);
      from = 1;
    } else if (on(n - 1)) {
      sx = px(n - 1);
      sy = py(n - 1);
      from = 0;
    } else {
      sx = (px(0) + px(n - 1)) / 2;
      sy = (py(0) + py(n - 1)) / 2;
      from = 0;
    }
    if (first) {
      x0 = sx;
      y0 = sy;
      first = false;
    } else rest += `m${n2(sx - cx)} ${n2(sy - cy)}`;
    cx = sx;
    cy = sy;
    const last = on(0) ? n : on(n - 1) ? n - 1 : n;
    for (let i = from; i < last; i++) {
      if (on(i)) {
        rest += `l${n2(px(i) - cx)} ${n2(py(i) - cy)}`;
        cx = px(i);
        cy = py(i);
      } else {
        // An off-curve point: the curve runs to the next point on the curve, or to the middle of two off-curve points.
        const nx = on(i + 1) ? px(i + 1) : (px(i) + px(i + 1)) / 2;
        const ny = on(i + 1) ? py(i + 1) : (py(i) + py(i + 1)) / 2;
        rest += `q${n2(px(i) - cx)} ${n2(py(i) - cy)} ${n2(nx - cx)} ${n2(ny - cy)}`;
        cx = nx;
        cy = ny;
        if (on(i + 1)) i++;
      }
    }
    rest += 'z';
    // After `z` the current point is the contour's start.
    cx = sx;
    cy = sy;
    start = end + 1;
  }
  const g: GlyphPath = { x0, y0, rest, advance: f.advance(gid) };
  byGid.set(gid, g);
  return g;
}

/**
 * A line of text as one `<path>` of its glyphs (black, as the SVG's text is), in font units under a transform to
 * the line's baseline; an underlined line also gets the font's underline as a rectangle.
 */
export function textPath(t: TextMark, clean: (s: string) => string): string {
  const start = t.anchor === 'start' ? t.x : t.anchor === 'middle' ? t.x - t.width / 2 : t.x - t.width;
  let d = '';
  /** Pen position, font units of the line's first face. */
  let pen = 0;
  let upem = 0;
  for (const r of t.runs) {
    const text = clean(r.text);
    if (text === '') continue;
    const st = fontStyle(r.bold, r.italic);
    const f = face(st);
    const k = upem === 0 ? 1 : upem / f.metrics.unitsPerEm;
    if (upem === 0) upem = f.metrics.unitsPerEm;
    kernedCodePoints(text, st, (cp, kern) => {
      pen += (kern * upem) / 1000;
      const g = glyphPath(st, f, f.glyphId(cp));
      if (g.rest !== '') {
        d += k === 1 ? `M${n2(pen + g.x0)} ${n2(g.y0)}${g.rest}` : `M${n2(pen + g.x0 * k)} ${n2(g.y0 * k)}${scaled(g.rest, k)}`;
      }
      pen += g.advance * k;
    });
  }
  if (upem === 0) return '';
  const s = t.size / upem;
  let out = d === '' ? '' : `<path transform="matrix(${n2c(s)} 0 0 ${n2c(-s)} ${n2(start)} ${n2(t.y)})" d="${d}"/>`;
  if (t.underline) {
    const f = face(fontStyle(t.runs[0]?.bold ?? false, t.runs[0]?.italic ?? false));
    const u = f.underline;
    const thick = u.thickness * (t.size / f.metrics.unitsPerEm);
    const top = t.y - u.position * (t.size / f.metrics.unitsPerEm) - thick / 2;
    out += `<rect x="${n2(start)}" y="${n2(top)}" width="${n2(pen * s)}" height="${n2(thick)}"/>`;
  }
  return out;
}

/** Scale factors keep more digits: a px per font unit is ~0.006. */
const n2c = (v: number): string => String(Math.round(v * 1e7) / 1e7);

/** A glyph path of another face's units, scaled (the bundled faces share 2048 units per em: not reached). */
function scaled(rest: string, k: number): string {
  return rest.replace(/-?\d+(?:\.\d+)?/g, (v) => n2(Number(v) * k));
}
