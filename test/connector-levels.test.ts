/**
 * Issue 20 item 2, a connector row's second level (docs/drawing-contract.md, "Off-page connectors"): a 15 mm lane
 * holds two connectors side by side; when three attach to its steps in one row, the one straight under its track
 * sits on the row's second level (nearer the steps), the other two beside it, their arrivals 1.5 mm clear of it.
 * Loops across pages at 11 lanes on A4: page 1's bottom row holds 7->8 (leaving step 7), 20->7 (into step 7) and
 * 29->3 (whose track arrives in step 7's lane, beyond 7->8's: its own lane is reached only across them); before
 * the second level, 20->7's connector was pushed out of step 7's lane (2 connectors off their lanes, now 1).
 */
import { describe, expect, it } from 'vitest';
import { pageLoopsSop } from '../bench/generate.mjs';
import { compile } from '../src/index.js';
import { PX_PER_MM } from '../src/layout/geometry.js';
import { layoutSop } from '../src/layout/layout.js';

const longTitles = (text: string): string => text.replace(/^( {2}- l\d+: )(.*)$/gm, (_, h: string, t: string) => `${h}${t} Bidang Perencanaan dan Keuangan Daerah`);

describe("a connector row's second level", () => {
  it('loops across pages, 11 lanes on A4: step 7 keeps both its connectors in its lane, one on the second level', () => {
    const model = compile(longTitles(pageLoopsSop(11)), { config: { paper: 'A4' } }).model;
    const lay = layoutSop(model, { paper: 'A4' });
    const laneOfStep = new Map(model.steps.map((s) => [s.number, s.lanes]));
    const rows = lay.pages[0]!.rows;
    const bottom = rows[rows.length - 1]!;
    expect(bottom.kind).toBe('connectors');
    const cs = bottom.core.symbols.filter((s) => s.kind === 'connector');
    const ofStep7 = cs.filter((s) => s.step === 7);
    expect(ofStep7.map((s) => `${s.from}->${s.to}`).sort()).toEqual(['20->7', '7->8']);
    // Both in step 7's lane (the quality report's `connector off its lane`).
    for (const s of ofStep7) expect(laneOfStep.get(7)).toContain(s.lane);
    // Three connectors in that lane, one of them higher (the second level), the other two on the row's usual level.
    const inLane = cs.filter((s) => s.lane === ofStep7[0]!.lane);
    expect(inLane).toHaveLength(3);
    const ys = [...new Set(inLane.map((s) => s.y))].sort((a, b) => a - b);
    expect(ys).toHaveLength(2);
    const raised = inLane.filter((s) => s.y === ys[0]);
    expect(raised.map((s) => `${s.from}->${s.to}`)).toEqual(['7->8']);
    const r = raised[0]!;
    // The raised one is straight under its track (a vertical run ends on its top), the others' runs and boxes
    // 1.5 mm clear of its box, and their letters come after its letter (reading order: top to bottom, then left to right).
    const half = lay.symbol.cw / 2;
    const vertical = bottom.core.pieces.filter((p) => p.x1 === p.x2);
    expect(vertical.some((p) => p.x1 === r.x && p.from === 7 && p.to === 8)).toBe(true);
    for (const p of vertical) if (p.from !== 7 || p.to !== 8) expect(Math.abs(p.x1 - r.x) - half).toBeGreaterThanOrEqual(1.5 * PX_PER_MM);
    for (const s of inLane) if (s !== r) expect(s.letter! > r.letter!).toBe(true);
  });
});
