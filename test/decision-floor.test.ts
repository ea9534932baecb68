/**
 * Issue 20 item 4, the page count first: the lanes of a decision met by two arrows are held at 75 px (fill.ts
 * decisionLane) so that its Tidak is owned; where that floor costs a page, the layout without it is kept when its
 * drawing has no more faults (src/layout/decision-floor.ts). The drawing itself is checked in Chromium by
 * test/html-drawing.test.ts ("chain of rework loops, 10 lanes, F4": clean).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainSop } from '../bench/generate.mjs';
import { compile } from '../src/index.js';
import { DECISION_LANE } from '../src/layout/geometry.js';
import { layoutSop, tableFrame } from '../src/layout/layout.js';
import { documentLayout } from '../src/page/build.js';
import { runCliAsync } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

const longTitles = (text: string): string => text.replace(/^( {2}- l\d+: )(.*)$/gm, (_, h: string, t: string) => `${h}${t} Bidang Perencanaan dan Keuangan Daerah`);

describe("the decision lanes' floor, or a page fewer", () => {
  it('a rework chain at 10 lanes on F4 takes one procedure page (two in 75 px lanes): lanes of 7 mm symbols, the same columns for every pass', () => {
    const model = compile(chainSop(11, 10)).model;
    const lay = layoutSop(model, { paper: 'F4' });
    expect(lay.pages).toHaveLength(1);
    expect(lay.columns.lane).toBeLessThan(DECISION_LANE);
    expect(lay.columns.lane).toBeGreaterThanOrEqual(61);
    // The PDF's pages (paginated on the heights it draws) and the frame of the page-fit check: the same columns.
    const doc = documentLayout(model, { paper: 'F4' });
    expect(doc.pages).toHaveLength(1);
    expect(doc.columns).toBe(lay.columns);
    expect(tableFrame(model, { paper: 'F4' })?.columns).toBe(lay.columns);
    // Chosen by drawing: until the choice is known tableFrame gives none (page/build.ts takes the unpaginated layout's).
    expect(tableFrame(compile(chainSop(11, 10)).model, { paper: 'F4' })).toBeNull();
    // A4 has no room for 75 px lanes at 10 lanes, but its lanes under 68 px may widen for a label (label-room.ts):
    // chosen by drawing too, so none until the layout has chosen, then its columns.
    const a4 = compile(chainSop(11, 10)).model;
    expect(tableFrame(a4, { paper: 'A4' })).toBeNull();
    const laid = layoutSop(a4, { paper: 'A4' });
    expect(tableFrame(a4, { paper: 'A4' })?.columns).toBe(laid.columns);
  });

  it('a chain three steps back with long text at 10 lanes on F4 keeps its 75 px lanes: without them labels are ambiguous and arrows cross', () => {
    const model = compile(longTitles(chainSop(20, 10, { back: 3, text: 30 }))).model;
    const lay = layoutSop(model, { paper: 'F4' });
    expect(lay.columns.lane).toBe(DECISION_LANE);
    expect(documentLayout(model, { paper: 'F4' }).columns).toEqual(lay.columns);
  });

  it('sop build prints the 10-lane chain on F4 on two pages, the identity page and one of the procedure', async () => {
    const dir = tempDir('sop-floor-');
    writeFileSync(join(dir, 'rantai.sop'), chainSop(11, 10));
    const r = await runCliAsync(['build', 'rantai.sop', '-f', 'pdf', '--paper', 'F4', '--out', 'out'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const info = execFileSync('pdfinfo', [join(dir, 'out/rantai.pdf')]).toString();
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(2);
  }, 60_000);
});
