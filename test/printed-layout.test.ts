/**
 * The drawing `sop build` prints (page/build.ts documentLayout: paginated on the heights the page model draws) is the
 * one the layout judged: the estimated pages, kept where they fit the measured room and take no more pages
 * (layout/paginate.ts). Packed tighter on the measured heights, a page break moved and the print drew what no try had
 * judged: at F4, 25 generated steps in 12 lanes, step 9 joined step 8's page and step 8's "Tidak" (to step 1) left by
 * the right vertex, ambiguous under the diamond, within 1 mm of a lane border, a connector off its lane.
 */
import { describe, expect, it } from 'vitest';
import { chainSop, generateSop } from '../bench/generate.mjs';
import { compile } from '../src/index.js';
import { layoutOptions, layoutSop } from '../src/layout/layout.js';
import { renderHtml } from '../src/emit/html/render.js';
import { loadTemplates } from '../src/project/templates.js';
import { documentForBrowser } from '../src/page/html-fonts.js';
import { documentLayout } from '../src/page/build.js';
import type { SopLayout } from '../src/layout/types.js';
import { sharedTestBrowser } from './helpers/browser.js';
import { drawingQuality } from './helpers/drawing-quality.mjs';

/** Long official titles for the lanes (as bench/quality.mjs's 9-12-lane cases). */
const longTitles = (text: string): string => text.replace(/^( {2}- l\d+: )(.*)$/gm, (_, h: string, t: string) => `${h}${t} Bidang Perencanaan dan Keuangan Daerah`);
const steps = (lay: SopLayout): number[][] => lay.pages.map((p) => p.rows.flatMap((r) => (r.step === null ? [] : [r.step])));

// bench/quality.mjs "F4: generated 25 steps, 12 lanes".
const generated = longTitles(generateSop(2512, { steps: 25, lanes: 12 }));
const config = { paper: 'F4' as const };

describe('the printed layout keeps the pages the layout judged', () => {
  it('F4, 25 generated steps, 12 lanes: the printed pages are the estimated ones (step 9 on the second page)', () => {
    const model = compile(generated, { config }).model;
    const printed = steps(documentLayout(model, config));
    expect(printed).toEqual(steps(layoutSop(model, layoutOptions(config))));
    expect(printed[1]![0]).toBe(9);
  });

  it('no more pages: where the measured room takes fewer pages than the estimate, the printed layout keeps them', () => {
    // A 20-step chain three back with long Kegiatan at 10 lanes on F4: 6 procedure pages estimated, 5 measured.
    const model = compile(longTitles(chainSop(20, 10, { back: 3, text: 30 })), { config }).model;
    const estimated = layoutSop(model, layoutOptions(config)).pages.length;
    const printed = documentLayout(model, config).pages.length;
    expect(printed).toBeLessThan(estimated);
    expect(printed).toBe(5);
  });
});

describe('the printed drawing in Chromium', () => {
  const shared = sharedTestBrowser();

  it("F4, 25 generated steps, 12 lanes: step 8's Tidak owned, clear of the borders, every connector in its lane", async () => {
    const model = compile(generated, { config }).model;
    const page = await shared.browser.newPage();
    try {
      await page.setViewport({ width: 1200, height: 900 });
      await page.setContent(documentForBrowser(renderHtml(model, loadTemplates(), { config, layout: documentLayout(model, config) })));
      const q = await page.evaluate(drawingQuality);
      expect(q.violations).toEqual([]);
      expect(q.metrics['crossings']).toBe(0);
    } finally {
      await page.close();
    }
  });
});
