/**
 * Issue 20 item 2, a connector walled off from its lane by another loop's jog (docs/drawing-contract.md, "Off-page
 * connectors"; late-tries.ts sidesTry, longest first): a generated 40-step procedure at 4 lanes. Both loops back
 * from page 2 end in page 1's bottom row; 12->6, routed first (shortest first), went up the right of the page into
 * step 6's right side, its jog along the row from lane 1 to the right edge, so 15->8 (into the two-lane step 8,
 * lanes 2 and 3) could not reach the right without crossing it: it went up the left, its connector in lane 1
 * (1 connector outside its step's lanes). Routed longest first, 15->8 takes the right edge into step 8's right
 * side, its connector in lane 3, and 12->6 the left edge into step 6's left side: 12 cm less arrow, nothing else
 * the quality report counts worse.
 */
import { describe, expect, it } from 'vitest';
import { generateSop } from '../bench/generate.mjs';
import { compile } from '../src/index.js';
import { layoutSop } from '../src/layout/layout.js';

describe('a connector walled off from its lane by an enclosing loop', () => {
  it('generated 40 steps at 4 lanes (the default paper): every connector in a lane of its step', () => {
    const model = compile(generateSop(104, { steps: 40, lanes: 4 })).model;
    const lay = layoutSop(model);
    const lanesOf = new Map(model.steps.map((s) => [s.number, s.lanes]));
    const connectors = lay.pages.flatMap((p) => p.rows.filter((r) => r.kind === 'connectors').flatMap((r) => r.core.symbols.filter((s) => s.kind === 'connector')));
    expect(connectors.length).toBeGreaterThan(10);
    // The quality report's `connector off its lane`, counted on the layout.
    const off = connectors.filter((s) => !lanesOf.get(s.step)!.includes(s.lane)).map((s) => `${s.letter} ${s.from}->${String(s.to)} (step ${s.step}, ${s.lane})`);
    expect(off).toEqual([]);
  });
});
