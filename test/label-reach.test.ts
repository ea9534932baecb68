/**
 * Issue 20 item 1 (every Ya/Tidak label nearer its own arrow than any other by 1 mm, within 3 mm of its vertex):
 * a branch back leaving a decision's side vertex that turns up at once, 10 px out, with another loop's track just
 * beyond it, has no such place along its stub or beside the run up; "Tidak" was printed under the symbol's slant,
 * 0.56 mm from the other loop and 1.5 mm from its own (generated 40 steps at 3 lanes, steps 4, 6 and 32). Above the
 * stub, between its run up and the symbol's slanted edge, it is plainly its own (route/label-reach.ts). Measured
 * on the layout here, in Chromium by test/html-drawing.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { generateSop } from '../bench/generate.mjs';
import { compile } from '../src/index.js';
import { PX_PER_MM } from '../src/layout/geometry.js';
import { layoutSop } from '../src/layout/layout.js';
import { LABEL_ASCENT, LABEL_WIDTH, labelLeft } from '../src/layout/route/label-space.js';
import type { LabelMark, Piece, SopLayout } from '../src/layout/types.js';

/** The distance from a label's glyph box (1 px over its ascent each way, as route/labels.ts owned) to a piece of the core band. */
function distance(l: LabelMark, p: Piece): number {
  const L = labelLeft(l);
  const R = L + LABEL_WIDTH[l.text];
  const T = l.y - LABEL_ASCENT - 1;
  const B = l.y + 1;
  const y1 = p.y1 as number;
  const y2 = p.y2 as number;
  const dx = Math.max(0, L - Math.max(p.x1, p.x2), Math.min(p.x1, p.x2) - R);
  const dy = Math.max(0, T - Math.max(y1, y2), Math.min(y1, y2) - B);
  return Math.hypot(dx, dy);
}

/** Each label not nearer its own arrow than any other by 1 mm: "Tidak of 4->3: own 5.6 px, other 0.5 px". */
function ambiguous(lay: SopLayout): string[] {
  const out: string[] = [];
  for (const page of lay.pages)
    for (const row of page.rows)
      for (const l of row.core.labels) {
        let own = Infinity;
        let other = Infinity;
        for (const p of row.core.pieces) {
          const d = distance(l, p);
          if (p.from === l.from && p.to === l.to) own = Math.min(own, d);
          else other = Math.min(other, d);
        }
        if (other < own + PX_PER_MM) out.push(`${l.text} of ${l.from}->${l.to}: own ${own.toFixed(1)} px, other ${other.toFixed(1)} px`);
      }
  return out;
}

describe('a label above the stub of a branch back that turns up at once', () => {
  const lay = layoutSop(compile(generateSop(103, { steps: 40, lanes: 3 })).model);

  it('is nearer its own arrow than any other by 1 mm (generated 40 steps, 3 lanes)', () => {
    expect(ambiguous(lay)).toEqual([]);
  });

  it('lies above the stub, within 3 mm of the side vertex it leaves', () => {
    const row = lay.pages.flatMap((p) => p.rows).find((r) => r.step === 4)!;
    const tidak = row.core.labels.find((l) => l.text === 'Tidak')!;
    const sym = row.core.symbols.find((s) => s.step === 4)!;
    // Its baseline above the vertex (the stub's level), the glyphs between the run up and the symbol's slant.
    expect(tidak.y).toBeLessThan(sym.y);
    const stub = row.core.pieces.find((p) => p.from === 4 && p.to === 3 && p.y1 === p.y2)!;
    const vertex = { x: Math.max(stub.x1, stub.x2), y: stub.y1 as number };
    const L = labelLeft(tidak);
    const dx = Math.max(0, L - vertex.x, vertex.x - L - LABEL_WIDTH.Tidak);
    const dy = Math.max(0, vertex.y - (tidak.y + 1));
    expect(Math.hypot(dx, dy)).toBeLessThanOrEqual(3 * PX_PER_MM);
    expect(L).toBeGreaterThan(Math.min(stub.x1, stub.x2));
  });
});
