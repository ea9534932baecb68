/**
 * Issue 20 item 3, a rework chain three steps back (9 steps, 4 lanes on A4, one page): each decision carries four
 * arrows (the arrival from the step before at its top, Ya to the next step from its bottom, "Tidak" three steps back
 * by one side, the loop back from three steps on by the other). Where the loop in comes up from below on the side Ya
 * turns to, the two cross under the symbol. Tried decision by decision on the finished drawing while arrows cross
 * (down-tries.ts inTries), the loop in enters by the bottom vertex and Ya leaves by the side facing the next step
 * (route/bottom-entry.ts): the loop in and "Tidak" then lie on one side of the chain. Measured in Chromium as the
 * quality report measures it (main: 3 crossings).
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../src/index.js';
import { renderHtml } from '../src/emit/html/render.js';
import { layoutSop } from '../src/layout/layout.js';
import { loadTemplates } from '../src/project/templates.js';
import { chainSop } from '../bench/generate.mjs';
import { sharedTestBrowser } from './helpers/browser.js';
import { drawingQuality } from './helpers/drawing-quality.mjs';

const text = chainSop(9, 4, { back: 3, text: 30 });
const config = { paper: 'A4' as const };

const shared = sharedTestBrowser();

describe('a rework chain three back, 9 steps, 4 lanes on A4', () => {
  it('sends a loop back into a decision by its bottom vertex, Ya from a side vertex', () => {
    const lay = layoutSop(compile(text, { config }).model, config);
    const into: number[] = [];
    for (const row of lay.pages.flatMap((p) => p.rows)) {
      const d = row.core.symbols.find((s) => s.kind === 'decision');
      if (!d) continue;
      const bottom = d.y + lay.symbol.h / 2;
      const loopIn = row.core.pieces.filter((p) => p.to === d.step && p.from > d.step);
      const ya = row.core.pieces.filter((p) => p.from === d.step && p.to === d.step + 1);
      const atBottom = loopIn.some((p) => p.arrow && p.x1 === d.x && p.x2 === d.x && p.y2 === bottom && (p.y1 as number) - bottom >= 8);
      const fromSide = ya.some((p) => p.y1 === d.y && p.y2 === d.y && Math.abs(Math.min(Math.abs(p.x1 - d.x), Math.abs(p.x2 - d.x)) - lay.symbol.w / 2) < 0.01);
      if (atBottom && fromSide) into.push(d.step);
    }
    expect(into.length).toBeGreaterThan(0);
  });

  it('crosses once, nothing else the quality report counts (main: 3 crossings)', async () => {
    const model = compile(text, { config }).model;
    const page = await shared.browser.newPage();
    try {
      await page.setContent(renderHtml(model, loadTemplates(), { config }));
      const q = await page.evaluate(drawingQuality);
      expect(q.metrics['crossings']).toBe(1);
      expect(q.violations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
