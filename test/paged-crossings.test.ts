/**
 * Issue 20 item 3 (no avoidable crossing) on the pages of a long procedure (routed page by page from 60 steps on,
 * src/layout/layout-tries.ts bestRouting): a page whose arrows still cross when its other tries are done routes
 * each crossing flow first, alone, those tries' choices kept (late-tries.ts aloneFirst), as a short procedure
 * does. Before, a page was re-tried once with every crossing flow first, before those tries, and this procedure
 * kept 2 crossings (4 pages; the quality report in Chromium counts the same).
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../src/index.js';
import { layoutSop } from '../src/layout/layout.js';
import { drawnCrossings } from '../src/layout/route/tries.js';

describe('crossings on the pages of a long procedure', () => {
  it('a generated 60-step procedure at 5 lanes is drawn without a crossing but the one its connectors need', async () => {
    const { generateSop } = await import('../bench/generate.mjs');
    const text = generateSop(11, { steps: 60, lanes: 5 });
    const { model } = compile(text);
    expect(model.steps.length).toBe(60);
    const lay = layoutSop(model);
    expect(lay.pages.length).toBeGreaterThan(1);
    // Every step row of every page without a crossing; the one crossing left is in a connector row, where the
    // connector of a loop into step 28, walled out of its lane by the order of the arrivals, is brought in across
    // another flow's run (route/connector-levels.ts crossIn: the format's place first, issue 20 item 2): every
    // connector in a lane of its step.
    const stepRows = lay.pages.flatMap((p) => p.rows.filter((r) => r.kind !== 'connectors'));
    expect(drawnCrossings([stepRows as never], [])).toBe(0);
    expect(drawnCrossings(lay.pages.map((p) => p.rows as never), [])).toBe(1);
    const lanesOf = new Map(model.steps.map((s) => [s.number, s.lanes]));
    const connectors = lay.pages.flatMap((p) => p.rows.flatMap((r) => r.core.symbols.filter((s) => s.kind === 'connector')));
    expect(connectors.length).toBeGreaterThan(0);
    expect(connectors.filter((c) => !lanesOf.get(c.step as number)!.includes(c.lane)).map((c) => `${c.letter} of ${c.step}`)).toEqual([]);
  });
});
