/**
 * The marks of the flowchart that are not the router's own lines: each
 * symbol's outline (rect or polygon, with the drawing contract's data-*),
 * the connector's letter, each Ya/Tidak label with its white patch. Computed
 * here once, from the layout's symbols and labels, for both drawings of the
 * page: the page model (src/page/build.ts: PDF, SVG, PNG) places them on the
 * page, the HTML's view model (src/emit/html/view-model.ts) in the row's core
 * band, so the two cannot disagree (docs/rendering.md). The arrows are the
 * layout's pieces, copied by both as they are.
 *
 * The shapes are those of the page model (src/page/types.ts): a `rect` or
 * `polygon` mark; positions rounded to 0.01 px once offset by (dx, dy).
 */
import { LABEL_PX } from './geometry.js';
import { textWidth } from './font-metrics.js';
import type { SymbolSize } from './geometry.js';
import type { LabelMark, SymbolMark } from './types.js';

/** Stroke of symbols and arrows, px. */
export const FLOW_STROKE = 1.2;

/**
 * The arrowhead of every arrow piece that has one (`marker-end="url(#sop-arrow)"`): 7 px long, 7 px wide, the tip
 * on the line's end (page/types.ts ARROW, as the PDF draws it). One definition, in the HTML's `<defs>`
 * (document.hbs, the view model's `arrowMarker`) and the SVG's (page/svg.ts).
 */
export const ARROW_MARKER =
  '<marker id="sop-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#000"/></marker>';

const r2 = (v: number): number => Math.round(v * 100) / 100;

type Data = Readonly<Record<string, string | number>>;

export type SymbolShape =
  | { readonly kind: 'rect'; readonly x: number; readonly y: number; readonly w: number; readonly h: number; readonly rx: number; readonly fill: '#fff'; readonly stroke: number; readonly role: 'symbol'; readonly data: Data }
  | { readonly kind: 'polygon'; readonly points: readonly number[]; readonly fill: '#fff'; readonly stroke: number; readonly role: 'symbol'; readonly data: Data };

/** A connector's letter: bold, LABEL_PX, centred on x; `y` its baseline, `middle` where half its x-height lies (dominant-baseline: middle). */
export interface LetterPlace {
  readonly x: number;
  readonly y: number;
  readonly middle: number;
  readonly text: string;
}

/** A symbol drawn with its centre at (dx + m.x, dy + m.y): its outline and, for a connector, its letter. */
export function symbolMarks(sym: SymbolSize, m: SymbolMark, dx: number, dy: number): { shape: SymbolShape; letter: LetterPlace | null } {
  const cx = dx + m.x;
  const cy = dy + m.y;
  const data: Record<string, string | number> = { symbol: m.kind, step: m.step, lane: m.lane };
  const base = { fill: '#fff', stroke: FLOW_STROKE, role: 'symbol' } as const;
  if (m.kind === 'end') {
    // The small terminator a decision's branch to the end runs into (route/end-mark.ts): a terminator of the
    // drawing contract whose step is `selesai`, naming the decision it ends a branch of.
    const w = m.w ?? sym.w;
    const h = m.h ?? sym.h;
    return { shape: { kind: 'rect', x: r2(cx - w / 2), y: r2(cy - h / 2), w, h, rx: h / 2, ...base, data: { symbol: 'terminator', step: 'selesai', lane: m.lane, from: m.step } }, letter: null };
  }
  if (m.kind === 'terminator' || m.kind === 'process') {
    return { shape: { kind: 'rect', x: r2(cx - sym.w / 2), y: r2(cy - sym.h / 2), w: sym.w, h: sym.h, rx: m.kind === 'terminator' ? sym.h / 2 : 0, ...base, data }, letter: null };
  }
  if (m.kind === 'decision') {
    const hw = sym.w / 2;
    const hh = sym.h / 2;
    return { shape: { kind: 'polygon', points: [cx, cy - hh, cx + hw, cy, cx, cy + hh, cx - hw, cy].map(r2), ...base, data }, letter: null };
  }
  // The off-page connector: a pentagon pointing down, its letter in the square part.
  const hw = sym.cw / 2;
  const t = cy - sym.ch / 2;
  const shoulder = t + sym.ch * 0.6;
  const tip = t + sym.ch;
  const middle = t + sym.ch * 0.45;
  return {
    shape: { kind: 'polygon', points: [cx - hw, t, cx + hw, t, cx + hw, shoulder, cx, tip, cx - hw, shoulder].map(r2), ...base, data: { ...data, from: m.from ?? '', to: m.to ?? '', letter: m.letter ?? '' } },
    // Half the x-height of Liberation Sans (sxHeight 1082/2048) under the middle line is the baseline.
    letter: m.letter === undefined ? null : { x: r2(cx), y: r2(middle + 0.264 * LABEL_PX), middle: r2(middle), text: m.letter },
  };
}

/** A Ya/Tidak label at (dx + l.x, dy + l.y) (its baseline), and the white patch under it. */
export function labelMarks(l: LabelMark, dx: number, dy: number): {
  patch: { readonly kind: 'rect'; readonly x: number; readonly y: number; readonly w: number; readonly h: number; readonly fill: '#fff'; readonly stroke: 0; readonly role: 'label-bg' };
  x: number;
  y: number;
} {
  // The glyphs' advance and half a px either side, from just over the capitals to 1.2 px under the baseline ("Ya" and
  // "Tidak" have no descenders): the router keeps every line out of it. No stroke halo: a stroked text would print
  // twice in the PDF's text layer.
  const w = textWidth(l.text, LABEL_PX) + 1;
  const bx = l.anchor === 'start' ? l.x - 0.5 : l.anchor === 'end' ? l.x - w + 0.5 : l.x - w / 2;
  return {
    patch: { kind: 'rect', x: r2(dx + bx), y: r2(dy + l.y - LABEL_PX * 0.8), w: r2(w), h: r2(LABEL_PX * 0.8 + 1.2), fill: '#fff', stroke: 0, role: 'label-bg' },
    x: r2(dx + l.x),
    y: r2(dy + l.y),
  };
}
