/**
 * Lines of text as glyph outlines, for the SVG handed to resvg to draw the PNG (src/page/native.ts): resvg spent
 * most of a PNG's time turning `<text>` into outlines (shaping each line, looking the fonts up); here each line is
 * one `<path>`, its glyphs read from the bundled fonts by src/page/ttf.ts (each glyph's path made once per style and
 * kept) and placed with the advances and kerning the page model measured the line with (src/layout/kerning.ts), as
 * the PDF places them (src/page/pdf.ts drawText). The user-facing `.svg` keeps real `<text>` (src/page/svg.ts).
 */
import { face } from './pdf.js';
import { fontStyle, kernedCodePoints, type FontStyle } from '../layout/text.js';
import type { TextMark } from './types.js';
import { walkOutline, type TrueType } from './ttf.js';

/** A glyph's path in font units (y up): where it starts, then the rest in relative commands, so that it can be put at any pen position. */
interface GlyphPath {
  readonly x0: number;
  readonly y0: number;
  /** Relative commands after the first point (`q`, `l`, `z`, `m`); '' for a glyph without contours. */
  readonly rest: string;
}

const n2 = (v: number): string => String(Math.round(v * 100) / 100);

const glyphs = new Map<FontStyle, Map<number, GlyphPath>>();

function glyphPath(st: FontStyle, f: TrueType, gid: number): GlyphPath {
  let byGid = glyphs.get(st);
  if (!byGid) glyphs.set(st, (byGid = new Map()));
  const known = byGid.get(gid);
  if (known) return known;
  let x0 = 0;
  let y0 = 0;
  let rest = '';
  // The current point (relative commands) and the start of the current contour (where `z` returns).
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  let first = true;
  walkOutline(f.outline(gid), {
    move(x, y) {
      if (first) {
        x0 = x;
        y0 = y;
        first = false;
      } else rest += `m${n2(x - cx)} ${n2(y - cy)}`;
      cx = sx = x;
      cy = sy = y;
    },
    line(x, y) {
      rest += `l${n2(x - cx)} ${n2(y - cy)}`;
      cx = x;
      cy = y;
    },
    quad(qx, qy, x, y) {
      rest += `q${n2(qx - cx)} ${n2(qy - cy)} ${n2(x - cx)} ${n2(y - cy)}`;
      cx = x;
      cy = y;
    },
    close() {
      rest += 'z';
      // After `z` the current point is the contour's start.
      cx = sx;
      cy = sy;
    },
  });
  const g: GlyphPath = { x0, y0, rest };
  byGid.set(gid, g);
  return g;
}

/**
 * Each glyph of a line of text, in order: its style, face, glyph and the pen where it starts (font units from the
 * line's start; the bundled faces share 2048 units per em), placed as the PDF places them: each character the
 * font's glyph at its advance, kerned by the pairs the page model measured the line with. Returns where the line
 * starts (px, by its anchor), the units per em and the line's advance (font units); null for a line without text.
 */
export function lineGlyphs(
  t: TextMark,
  clean: (s: string) => string,
  each: (st: FontStyle, f: TrueType, gid: number, pen: number) => void,
): { start: number; upem: number; advance: number } | null {
  let pen = 0;
  let upem = 0;
  for (const r of t.runs) {
    const text = clean(r.text);
    if (text === '') continue;
    const st = fontStyle(r.bold, r.italic);
    const f = face(st);
    if (upem === 0) upem = f.metrics.unitsPerEm;
    kernedCodePoints(text, st, (cp, kern) => {
      pen += (kern * upem) / 1000;
      const gid = f.glyphId(cp);
      each(st, f, gid, pen);
      pen += f.advance(gid);
    });
  }
  if (upem === 0) return null;
  return { start: t.anchor === 'start' ? t.x : t.anchor === 'middle' ? t.x - t.width / 2 : t.x - t.width, upem, advance: pen };
}

/** The font's underline of a line, px: its top and thickness. */
export function underlineOf(t: TextMark): { top: number; thickness: number } {
  const f = face(fontStyle(t.runs[0]?.bold ?? false, t.runs[0]?.italic ?? false));
  const unit = t.size / f.metrics.unitsPerEm;
  const thickness = f.underline.thickness * unit;
  return { top: t.y - f.underline.position * unit - thickness / 2, thickness };
}

/**
 * A line of text as one `<path>` of its glyphs (black, as the SVG's text is), in font units under a transform to
 * the line's baseline; an underlined line also gets the font's underline as a rectangle.
 */
export function textPath(t: TextMark, clean: (s: string) => string): string {
  let d = '';
  const line = lineGlyphs(t, clean, (st, f, gid, pen) => {
    const g = glyphPath(st, f, gid);
    if (g.rest !== '') d += `M${n2(pen + g.x0)} ${n2(g.y0)}${g.rest}`;
  });
  if (line === null) return '';
  const s = t.size / line.upem;
  let out = d === '' ? '' : `<path transform="matrix(${n2c(s)} 0 0 ${n2c(-s)} ${n2(line.start)} ${n2(t.y)})" d="${d}"/>`;
  if (t.underline) {
    const u = underlineOf(t);
    out += `<rect x="${n2(line.start)}" y="${n2(u.top)}" width="${n2(line.advance * s)}" height="${n2(u.thickness)}"/>`;
  }
  return out;
}

/** Scale factors keep more digits: a px per font unit is ~0.006. */
const n2c = (v: number): string => String(Math.round(v * 1e7) / 1e7);
