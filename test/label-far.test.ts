/**
 * Labels further along (src/layout/route/label-far.ts, docs/drawing-contract.md "Further along"): on the drawing
 * the tries chose, a label left ambiguous or near a border moves to a place plainly its arrow's within 6 mm of its
 * vertex, within the lanes; the layout says which label is which even where a decision's two branches go to one
 * step (SOP302 only warns, so such a SOP prints).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/index.js';
import { layoutSop } from '../src/layout/layout.js';
import { documentLayout } from '../src/page/build.js';
import type { SopLayout } from '../src/layout/types.js';
import { chainSop, generateSop } from '../bench/generate.mjs';

/** Every label of the layout, by the step it leaves, in page and row order. */
function labelsOf(lay: SopLayout): Map<number, string[]> {
  const by = new Map<number, string[]>();
  for (const p of lay.pages) for (const r of p.rows) for (const l of r.core.labels) by.set(l.from, [...(by.get(l.from) ?? []), l.text]);
  return by;
}

describe('labels further along', () => {
  it('keep Ya and Tidak apart where both branches of a decision go to one step (the label is found by its text too)', () => {
    // A rework chain three back whose decisions send Ya and Tidak both back: in 10-12 lanes on A4 and F4 some
    // labels move further along; matched by their flow alone, one decision's two labels had printed "Tidak" twice.
    for (const lanes of [10, 12])
      for (const paper of ['A4', 'F4'] as const) {
        const text = chainSop(20, lanes, { back: 3, text: 30 }).replace(/^( {4})Tidak: (@s\d+)$/gm, '$1Ya: $2\n$1Tidak: $2');
        const { model } = compile(text);
        const decisions = model.steps.filter((s) => s.symbol === 'decision').map((s) => s.number);
        expect(decisions.length).toBeGreaterThan(10);
        const by = labelsOf(layoutSop(model, { paper }));
        for (const d of decisions) expect([d, (by.get(d) ?? []).sort()]).toEqual([d, ['Tidak', 'Ya']]);
      }
  });

  it('lie within the lanes (never over the table\'s text columns)', () => {
    // The generated 40-step procedure at 8 lanes: 16->13's "Tidak" had moved beyond the last lane, over Kelengkapan.
    // And a reviewer's 12-lane SOP (test/fixtures/print/dua-belas-lajur.sop): step 18's decision in the last lane sent
    // "Tidak" up its right gutter to a connector, the label beside it over Kelengkapan's text (the router's faults
    // knew no last lane's right border, and its exit "beyond the border" had no lane there).
    const d12 = readFileSync(join(import.meta.dirname, 'fixtures/print/dua-belas-lajur.sop'), 'utf8');
    const cases: [number, string][] = [[8, generateSop(108, { steps: 40, lanes: 8 })], ...[10, 12].map((n): [number, string] => [n, chainSop(20, n, { back: 3, text: 30 })]), [12, d12]];
    for (const [lanes, text] of cases) {
      // As printed: documentLayout paginates as sop build does (layoutSop's pages differ, and so did the label's place).
      const lay = documentLayout(compile(text).model, { paper: 'A4' });
      const left = lay.laneCenters[0]! - (lay.laneCenters[1]! - lay.laneCenters[0]!) / 2;
      const right = lay.laneCenters[lanes - 1]! + (lay.laneCenters[1]! - lay.laneCenters[0]!) / 2;
      for (const p of lay.pages)
        for (const r of p.rows)
          for (const l of r.core.labels) {
            const w = l.text === 'Ya' ? 12 : 23;
            const x = l.anchor === 'start' ? l.x : l.anchor === 'end' ? l.x - w : l.x - w / 2;
            expect(x).toBeGreaterThan(left);
            expect(x + w).toBeLessThan(right);
          }
    }
  });
});
