/**
 * Issue 20 items 1 and 7 in narrow equal lanes (src/layout/label-room.ts): the generated 25-step procedure at 12
 * lanes on F4 drew "Tidak" of step 8 (its branch back to step 1 leaving the right vertex, "Ya" the bottom one) 2.31
 * mm from its arrow and 0.66 mm from 8->9, 0.76 mm from a lane border, in lanes of 56 px: no place beside the vertex
 * was owned. Its lanes are now 4 px wider (60 px, Kegiatan gives the width), on as many pages, and every label is owned.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../src/index.js';
import { PX_PER_MM } from '../src/layout/geometry.js';
import { crampedDecisions, layoutSop, smallSymbols } from '../src/layout/layout.js';
import { wideCases } from '../bench/quality.mjs';
import { sharedTestBrowser } from './helpers/browser.js';
import { measuredOnA4 } from './helpers/measure-a4.js';

/** The quality report's "F4: generated 25 steps, 12 lanes". */
const text = wideCases().find(([name]) => name === 'F4: generated 25 steps, 12 lanes')![1] as string;

describe('room for a label (label-room.ts)', () => {
  it('widens the 12 lanes on F4 from 56 to 60 px, equal, on 3 pages as before', () => {
    const model = compile(text, { config: { paper: 'F4' } }).model;
    const lay = layoutSop(model, { paper: 'F4' });
    expect(lay.columns.lane).toBe(60);
    expect(lay.columns.widths).toBeUndefined();
    expect(lay.pages.length).toBe(3);
    expect(lay.columns.kegiatan / lay.columns.table).toBeGreaterThanOrEqual(0.11);
    // The sheet the browser measures and the PDF's print take the same columns (chosen once, on the estimate).
    expect(layoutSop(model, { paper: 'F4', unpaginated: true }).columns).toEqual(lay.columns);
    // `sop build`'s warnings speak of the table printed: no label to warn about, symbols of 26 px (6.9 mm, not 6.3).
    expect(crampedDecisions(model, 'F4')).toBeNull();
    expect(smallSymbols(model, 'F4')?.mm).toBeCloseTo(26 / PX_PER_MM, 5);
  });
});

const shared = sharedTestBrowser();

describe('room for a label, 12 lanes on F4, in Chromium', () => {
  it('"Tidak" of 8->1 is owned: no label ambiguous or within 1 mm of a lane border', async () => {
    const q = await measuredOnA4(shared, text, 'F4');
    expect(q.violations.filter((v) => v.startsWith('label'))).toEqual([]);
    expect(q.metrics['labelsAmbiguous'] ?? 0).toBe(0);
    expect(q.metrics['labelsNearBorders'] ?? 0).toBe(0);
  });
});
