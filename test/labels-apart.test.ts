/**
 * Issue 20 item 1, labels belong to one arrow visibly: two labels on one line a word space apart read as one phrase
 * (a page reviewer read "Ya Tidak" under a diamond so). The quality report's `labels side by side`: glyphs on one
 * line, under 2 mm apart, no vertical line between. A generated 25-step procedure at 12 lanes on A4 had "Ya" and
 * "Tidak" of step 10 0.61 mm apart under the diamond; route/labels.ts placeApart places the later of such a pair
 * again where it keeps apart from every label (here "Ya" over its run), if it owns that place.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../src/index.js';
import { layoutSop } from '../src/layout/layout.js';
import { sideBySidePairs } from '../src/layout/route/label-apart.js';
import { wideCases } from '../bench/quality.mjs';
import { sharedTestBrowser } from './helpers/browser.js';
import { measuredOnA4 } from './helpers/measure-a4.js';

/** The quality report's "A4: generated 25 steps, 12 lanes". */
const text = wideCases().find(([name]) => name === 'A4: generated 25 steps, 12 lanes')![1] as string;

describe('labels side by side (route/label-apart.ts)', () => {
  it('the layout keeps the labels of step 10 apart (0.61 mm on one line before)', () => {
    const lay = layoutSop(compile(text).model, { paper: 'A4' });
    const row = lay.pages.flatMap((p) => p.rows).find((r) => r.kind === 'step' && r.step === 10)!;
    expect(row.core.labels.map((l) => l.text).sort()).toEqual(['Tidak', 'Ya']);
    expect(sideBySidePairs(row.core.pieces, row.core.labels)).toEqual([]);
  });
});

const shared = sharedTestBrowser();

describe('labels side by side, 12 lanes on A4, in Chromium', () => {
  it('"Ya" and "Tidak" of step 10 are not side by side, and no label is ambiguous or nearer a border than before', async () => {
    const q = await measuredOnA4(shared, text);
    expect(q.violations.filter((v) => v.startsWith('labels side by side') && v.includes('of 10->'))).toEqual([]);
    expect(q.metrics['labelsAmbiguous'] ?? 0).toBe(0);
    expect(q.metrics['labelsNearBorders'] ?? 0).toBeLessThanOrEqual(2);
  });
});
