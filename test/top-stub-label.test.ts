/**
 * Issue 20 item 7 (labels keep 1 mm from lane borders): a rework chain's branch back leaves its decision by the
 * top (route/top-exit.ts topExit). In 14.6 mm lanes (12 lanes on A4) "Tidak" fits beside that run's stub on neither
 * side with 1 mm to the border (it was printed 0.63 mm from it): where the row's text leaves room, the stub's run
 * sideways lies above the core band (top-exit.ts liftedRun), which grows to hold it, centred, so that nothing moves
 * on the page (drawn.ts liftRows), and the label has a place 1 mm from the borders. Measured in Chromium too
 * (test/html-drawing.test.ts, "chain of rework loops, 12 lanes, A4, equal lanes").
 */
import { describe, expect, it } from 'vitest';
import { chainSop } from '../bench/generate.mjs';
import { compile } from '../src/index.js';
import { laneLefts, PX_PER_MM } from '../src/layout/geometry.js';
import { layoutOptions, layoutSop } from '../src/layout/layout.js';
import { LABEL_WIDTH, labelLeft } from '../src/layout/route/label-space.js';
import type { SopLayout } from '../src/layout/types.js';

const layout = (lanes: number, paper: 'A4' | 'F4'): SopLayout => layoutSop(compile(chainSop(11, lanes)).model, layoutOptions({ paper }));

/** The lane borders' centre lines, px from the lanes' left edge (route/state.ts borderX: a lane's separator is its last px). */
const borders = (lay: SopLayout): number[] => laneLefts(lay.columns, lay.laneCount).map((x) => x - 0.5);

describe('a label beside a stub up from the top, in narrow lanes', () => {
  const lay = layout(12, 'A4');
  const rows = lay.pages.flatMap((p) => p.rows.filter((r) => r.kind === 'step'));

  it('keeps 1 mm from every lane border (12 lanes on A4)', () => {
    const b = borders(lay);
    const tidak = rows.flatMap((r) => r.core.labels.filter((l) => l.text === 'Tidak'));
    expect(tidak.length).toBe(9);
    for (const l of tidak) {
      const x = labelLeft(l);
      const gap = Math.min(...b.map((bx) => (bx < x ? x - bx : bx > x + LABEL_WIDTH.Tidak ? bx - x - LABEL_WIDTH.Tidak : 0)));
      expect(gap, `Tidak of ${l.from}->${l.to}`).toBeGreaterThanOrEqual(PX_PER_MM);
    }
  });

  it('its run sideways lies above the usual core band, 1.5 mm under the row top, the symbol where it was', () => {
    const usual = Math.min(...rows.map((r) => r.core.height));
    const lifted = rows.filter((r) => r.core.height > usual);
    // The branches back of the decisions 2-9 (10's goes down: its loop leaves by a side).
    expect(lifted.length).toBe(8);
    const plain = rows.find((r) => r.core.height === usual && r.core.symbols.some((s) => s.kind === 'decision'))!;
    const mid = (r: (typeof rows)[number]): number => r.core.symbols[0]!.y - r.core.height / 2;
    for (const r of lifted) {
      const step = r.step!;
      const sym = r.core.symbols.find((s) => s.step === step)!;
      // Its stub: up from the top vertex, then sideways (the branch back to the step before).
      const run = r.core.pieces.find((p) => p.from === step && p.to === step - 1 && p.y1 === p.y2)!;
      expect(run, `step ${step}`).toBeDefined();
      const y = run.y1 as number;
      expect(y).toBeLessThan(sym.y - lay.symbol.h / 2 - 14);
      // The core band is centred in the row (templates/sop.css .flow-box, page/build.ts).
      expect((r.minHeight - r.core.height) / 2 + y).toBeGreaterThanOrEqual(1.5 * PX_PER_MM);
      expect(mid(r)).toBeCloseTo(mid(plain), 5);
    }
  });

  it('is not lifted where the label fits beside the stub (12 lanes on F4)', () => {
    const f4 = layout(12, 'F4').pages.flatMap((p) => p.rows.filter((r) => r.kind === 'step'));
    expect(new Set(f4.map((r) => r.core.height)).size).toBe(1);
  });
});
