/**
 * Issue 20, "a drawing no one can misread": an arrowhead into a step's top lies on its own straight run, short of
 * the corner it turns at (docs/drawing-contract.md, "arrowhead over corner"). An arrow from a track entered the top
 * by a run sideways 6 px above the symbol (route/state.ts TOP_RUN_Y): its 7 px head covered the corner, and at
 * 9-12 lanes an official could read it as belonging to the run beside (multi-lane steps at 9 lanes: 3->4, 5->6 and
 * 7->8; 228 such heads on the quality report). Such a route now goes straight in from a point facing the top's lane,
 * or (a narrow-lane decision's branch to the next step) into the side of the step facing its track, or has its run
 * sideways in the row above or where the row has room (route/top-entry.ts). Straight in is no longer refused for the
 * run down from the top's own symbol (its bottom), and a route from the page's top connector row goes straight down
 * from a connector over the top's lane (top-entry.ts straightDown). An arrow into a step's side from the one track of
 * a narrow gutter (12 lanes on A4) ended a run of 5.8 px: that track lies an arrowhead and 1 px from its symbol
 * where the gutter has room for it 1.5 mm from the border (route/tracks.ts gutterTracks). A lane's right gutter is 1 px
 * narrower than its left (its border is the last px inside the lane, its symbol centred on the rounded middle): in
 * 52 px lanes (11 lanes on A4) it has no such room, and in 47 px lanes (12) neither has; an arrow into a side by such
 * a track now takes one further out, the next lane's, where that crosses no more (route/tracks.ts furtherOut), its
 * connector kept in its lane by a jog in the connector row.
 */
import { describe, expect, it } from 'vitest';
import { chainSop, multiLaneSop, pageLoopsSop } from '../bench/generate.mjs';
import { wideCases } from '../bench/quality.mjs';
import { compile } from '../src/index.js';
import { renderHtml } from '../src/emit/html/render.js';
import { loadTemplates } from '../src/project/templates.js';
import { documentForBrowser } from '../src/page/html-fonts.js';
import { sharedTestBrowser } from './helpers/browser.js';
import { drawingQuality } from './helpers/drawing-quality.mjs';

const templates = loadTemplates();

const shared = sharedTestBrowser();

/** The flows whose arrowhead into a step (not a connector) hangs over the corner its run turns at, as "a->b". */
async function headsIntoSteps(text: string, paper?: 'A4' | 'F4'): Promise<string[]> {
  const config = paper ? { paper } : undefined;
  const r = compile(text, config ? { config } : {});
  const page = await shared.browser.newPage();
  try {
    await page.setViewport({ width: 1200, height: 900 });
    await page.setContent(documentForBrowser(renderHtml(r.model, templates, config ? { config } : {})));
    const q = await page.evaluate(drawingQuality);
    return q.violations.filter((v) => v.startsWith('arrowhead over corner') && !v.includes('into the connector')).map((v) => v.split(': ')[1]!);
  } finally {
    await page.close();
  }
}

describe('an arrowhead into a step lies short of its corner', () => {
  it('multi-lane steps at 9 lanes: the branches to the next step (3 heads over their corners two sessions ago, 2 on main)', async () => {
    // 7->8 enters the side of the end facing its track; 3->4 and 5->6 go straight in (their line passes the run down
    // from the top's own symbol only).
    expect(await headsIntoSteps(multiLaneSop(9))).toEqual([]);
  });
  it('loops across page breaks at 9 lanes and a chain of rework loops at 10 lanes (20->21 on main)', async () => {
    // 20->21 comes straight down from its connector at the top of the page.
    expect(await headsIntoSteps(pageLoopsSop(9))).toEqual([]);
    expect(await headsIntoSteps(chainSop(11, 10))).toEqual([]);
  });
  it('multi-lane steps at 12 lanes on A4: loops into a side from the one track of a narrow gutter (3->2, 5->4 and 5->6 on main)', async () => {
    expect(await headsIntoSteps(multiLaneSop(12), 'A4')).toEqual([]);
  });
  it('generated 25 steps at 11 and 12 lanes on A4: loops into a side beside a narrow gutter (8->9, 21->15, 7->4 and 10->9 on main)', async () => {
    const text = (name: string): string => wideCases().find((c) => c[0] === name)![1] as string;
    expect(await headsIntoSteps(text('A4: generated 25 steps, 11 lanes'), 'A4')).toEqual([]);
    expect(await headsIntoSteps(text('A4: generated 25 steps, 12 lanes'), 'A4')).toEqual([]);
  });
});
