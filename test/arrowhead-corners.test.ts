/**
 * Issue 20, "a drawing no one can misread": an arrowhead lies on its own straight run, short of the corner it turns
 * at (docs/drawing-contract.md, "arrowhead over a corner"). A reviewer found, on page 5 of the loops across pages at
 * 12 lanes on F4, in the top connector row: two loops from lane 1 into connectors C and F (lane 4) on the row's two
 * jog levels; the jog to C turned up 1 mm from C's tip, so C's 7 px arrowhead hung 0.7 mm below its corner and
 * 0.85 mm above F's jog, F's line read as feeding C. The row's jogs now lie an arrowhead and 1 px from its
 * connectors (route/state.ts HEAD_RUN, a 34 px row: paginate.ts CONNECTOR_ROW).
 */
import { describe, expect, it } from 'vitest';
import { chainSop, generateSop, pageLoopsSop } from '../bench/generate.mjs';
import { compile } from '../src/index.js';
import { renderHtml } from '../src/emit/html/render.js';
import { loadTemplates } from '../src/project/templates.js';
import { documentForBrowser } from '../src/page/html-fonts.js';
import { sharedTestBrowser } from './helpers/browser.js';
import { drawingQuality } from './helpers/drawing-quality.mjs';

const templates = loadTemplates();
const longTitles = (text: string): string => text.replace(/^( {2}- l\d+: )(.*)$/gm, (_, h: string, t: string) => `${h}${t} Bidang Perencanaan dan Keuangan Daerah`);

const shared = sharedTestBrowser();

/** The arrowheads into a connector that hang over the corner their run turns at, and the shortest such run (px). */
async function headsIntoConnectors(text: string, paper: 'A4' | 'F4'): Promise<{ over: string[]; pages: number; shortest: number }> {
  const config = { paper };
  const r = compile(text, { config });
  const page = await shared.browser.newPage();
  try {
    await page.setViewport({ width: 1200, height: 900 });
    await page.setContent(documentForBrowser(renderHtml(r.model, templates, { config })));
    const q = await page.evaluate(drawingQuality);
    // The straight run each head into a connector ends (the quality report measures every head; this one those).
    const shortest = await page.evaluate(() => {
      const heads = [...document.querySelectorAll('line.flow-line[marker-end]')] as SVGLineElement[];
      const tips = [...document.querySelectorAll('[data-symbol="connector"]')].map((c) => c.getBoundingClientRect());
      let least = Infinity;
      for (const l of heads) {
        const b = l.getBoundingClientRect();
        const tipY = l.y2.baseVal.value > l.y1.baseVal.value ? b.bottom : b.top;
        if (b.width > 0.5 || !tips.some((t) => Math.abs(t.left + t.width / 2 - b.left) < 1.5 && (Math.abs(t.top - tipY) < 1.5 || Math.abs(t.bottom - tipY) < 1.5))) continue;
        least = Math.min(least, b.height);
      }
      return least;
    });
    const over = q.violations.filter((v) => v.startsWith('arrowhead over corner') && v.includes('into the connector'));
    return { over, pages: await page.evaluate(() => document.querySelectorAll('.flow-box').length), shortest };
  } finally {
    await page.close();
  }
}

describe('an arrowhead into an off-page connector lies short of its corner', () => {
  it('F4, loops across pages, 12 lanes (page 5: C and F in the top row)', async () => {
    const { over, shortest } = await headsIntoConnectors(longTitles(pageLoopsSop(12)), 'F4');
    expect(over).toEqual([]);
    // The last run into a connector after a jog: an arrowhead (7 px) and 1 px at least (4 px before).
    expect(shortest).toBeGreaterThanOrEqual(7.95);
  });
  it('A4, a chain three steps back at 10 lanes and a generated 25-step procedure at 11 lanes', async () => {
    for (const [text, paper] of [
      [longTitles(chainSop(20, 10, { back: 3, text: 30 })), 'A4'],
      [longTitles(generateSop(2511, { steps: 25, lanes: 11 })), 'A4'],
    ] as const) {
      const { over } = await headsIntoConnectors(text, paper);
      expect(over).toEqual([]);
    }
  });
});
