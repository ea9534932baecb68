/**
 * Issue 20 item 2, a connector reached from the other side of the page (docs/drawing-contract.md, "Off-page
 * connectors"; late-tries.ts sidesTry): loops across pages at 12 lanes on A4, page 1's bottom row. The loop 9->2
 * came up the right of the page, its track arriving in the row beyond those of 7->8, 20->7 and 29->3 (step 7's and
 * step 3's lanes), so its connector stayed under its track, four lanes from step 2's; 29->3 went round the left of
 * the page and its connector stayed in lane 1, nine lanes from step 3's (3 connectors off their lanes in the
 * drawing). Its route sought on each side of step 2's lane, 9->2 comes up the left, where its jog to step 2's lane
 * passes no other arrival: its connector sits under step 2, and only 29->3's is left beside its lane (2 off).
 */
import { describe, expect, it } from 'vitest';
import { pageLoopsSop } from '../bench/generate.mjs';
import { compile } from '../src/index.js';
import { layoutSop } from '../src/layout/layout.js';

const longTitles = (text: string): string => text.replace(/^( {2}- l\d+: )(.*)$/gm, (_, h: string, t: string) => `${h}${t} Bidang Perencanaan dan Keuangan Daerah`);

describe('a connector reached from the other side of the page', () => {
  it('loops across pages, 12 lanes on A4: 9->2 comes up the left, its connector under step 2', () => {
    const model = compile(longTitles(pageLoopsSop(12)), { config: { paper: 'A4' } }).model;
    const lay = layoutSop(model, { paper: 'A4' });
    const lanesOf = new Map(model.steps.map((s) => [s.number, s.lanes]));
    const connectors = lay.pages.flatMap((p) => p.rows.filter((r) => r.kind === 'connectors').flatMap((r) => r.core.symbols.filter((s) => s.kind === 'connector')));
    // The quality report's `connector off its lane`, counted on the layout.
    const off = connectors.filter((s) => !lanesOf.get(s.step)!.includes(s.lane)).map((s) => `${s.from}->${String(s.to)} (step ${s.step})`);
    expect(off.length).toBeLessThanOrEqual(2);
    const rows = lay.pages[0]!.rows;
    const bottom = rows[rows.length - 1]!;
    expect(bottom.kind).toBe('connectors');
    const c = bottom.core.symbols.find((s) => s.kind === 'connector' && s.from === 9 && s.to === 2)!;
    expect(lanesOf.get(2)).toContain(c.lane);
    // Its track arrives in the row left of every other (from the row's top edge, y 0): its jog to step 2's lane
    // passes no other flow's arrival.
    const arrivals = bottom.core.pieces.filter((p) => p.x1 === p.x2 && (p.y1 === 0 || p.y2 === 0));
    const own = arrivals.filter((p) => p.from === 9 && p.to === 2);
    expect(own).toHaveLength(1);
    const x = own[0]!.x1;
    for (const p of arrivals) if (p !== own[0]) expect(p.x1 < x === p.x1 < c.x).toBe(true);
  });
});
