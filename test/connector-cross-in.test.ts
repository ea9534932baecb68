/**
 * Issue 20 items 2 and 3, a connector walled out of its step's lanes (docs/drawing-contract.md, "Brought in
 * across"): loops across pages at 10 lanes on A4, page 1's bottom row. 9->2's track comes down the right of the
 * page, beyond the arrival of 29->3's; with the row's connectors in the order of their arrivals (no jog crossing
 * another flow's run) its connector sat under its track in lane 10, outside step 2's lane 7. On the drawing the
 * tries chose it is brought into lane 7, its jog crossing 29->3's run once: the format's place first, the one
 * crossing that place needs not an avoidable one. Nothing else in the row changes, and no step row crosses.
 */
import { describe, expect, it } from 'vitest';
import { pageLoopsSop } from '../bench/generate.mjs';
import { compile } from '../src/index.js';
import { layoutSop } from '../src/layout/layout.js';
import { documentLayout } from '../src/page/build.js';
import { drawnCrossings } from '../src/layout/route/tries.js';
import type { SopLayout } from '../src/layout/types.js';

const longTitles = (text: string): string => text.replace(/^( {2}- l\d+: )(.*)$/gm, (_, h: string, t: string) => `${h}${t} Bidang Perencanaan dan Keuangan Daerah`);

describe('a connector brought into its lane across another flow', () => {
  const model = compile(longTitles(pageLoopsSop(10)), { config: { paper: 'A4' } }).model;
  const lanesOf = new Map(model.steps.map((s) => [s.number, s.lanes]));
  const check = (lay: SopLayout): void => {
    const rows = lay.pages[0]!.rows;
    const bottom = rows[rows.length - 1]!;
    expect(bottom.kind).toBe('connectors');
    const cs = bottom.core.symbols.filter((s) => s.kind === 'connector');
    expect(cs.map((s) => `${s.letter} ${s.from}->${s.to} ${s.lane}`)).toEqual(['A 7->8 l2', 'B 20->7 l2', 'C 9->2 l7', 'D 29->3 l10']);
    // Every connector of the drawing in a lane of its step.
    const all = lay.pages.flatMap((p) => p.rows.flatMap((r) => r.core.symbols.filter((s) => s.kind === 'connector')));
    expect(all.filter((s) => !lanesOf.get(s.step as number)!.includes(s.lane)).map((s) => `${s.letter} of step ${s.step}`)).toEqual([]);
    // The one crossing is 9->2's jog over 29->3's run in that row; no step row crosses.
    expect(drawnCrossings([[bottom]], [])).toBe(1);
    const jog = bottom.core.pieces.find((p) => p.from === 9 && p.to === 2 && p.y1 === p.y2 && Math.abs(p.x1 - p.x2) > 50)!;
    const run = bottom.core.pieces.find((p) => p.from === 29 && p.to === 3 && p.x1 === p.x2)!;
    expect(Math.min(jog.x1, jog.x2)).toBeLessThan(run.x1);
    expect(Math.max(jog.x1, jog.x2)).toBeGreaterThan(run.x1);
    const stepRows = lay.pages.flatMap((p) => p.rows.filter((r) => r.kind !== 'connectors'));
    expect(drawnCrossings([stepRows as never], [])).toBe(0);
  };
  it('in the layout', () => check(layoutSop(model, { paper: 'A4' })));
  it('in the printed layout (documentLayout)', () => check(documentLayout(model, { paper: 'A4' })));
});
