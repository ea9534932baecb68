/**
 * A Ya/Tidak label on its own arrow's run (src/layout/route/labels.ts onRun; docs/drawing-contract.md, "Labels"):
 * the fallback where no place beside the run is plainly its arrow's. Used only then; the run must go on past the
 * label's white patch, and no other arrow may join it there. And the quality check (test/helpers/drawing-quality.mjs)
 * accepts such a label, in Chromium, but not one on another arrow or over its own arrow's corner.
 */
import { describe, expect, it } from 'vitest';
import { LABEL_PX } from '../src/layout/geometry.js';
import { onRun, placeLabels } from '../src/layout/route/labels.js';
import type { LabelWish, RouteState } from '../src/layout/route/state.js';
import type { RowBuilder } from '../src/layout/route.js';
import type { LabelMark, Piece } from '../src/layout/types.js';
import { sharedTestBrowser } from './helpers/browser.js';
import { drawingQuality } from './helpers/drawing-quality.mjs';

/** Three lanes of `lane` px, a decision in the middle one (24 x 14 px, centre y 19, core band 46 px), and its labelled branch. */
function scene(lane: number, pieces: Piece[]): { st: RouteState; row: RowBuilder; wish: LabelWish } {
  const x = 1.5 * lane;
  const row: RowBuilder = {
    kind: 'step',
    step: 1,
    minHeight: 46,
    top: [],
    core: { height: 46, pieces, symbols: [{ kind: 'decision', x, y: 19, step: 1, lane: 'b' }], labels: [] },
    bottom: [],
  };
  const wish: LabelWish = { page: 0, r: 0, text: 'Tidak', from: 1, to: 5, at: { x, r: 0, y: 26 }, first: 'down', then: 'down', lane: 1, end: { x, y: 46 } };
  const st = {
    inp: { stepRows: [[row]] },
    borders: [-0.5, lane - 0.5, 2 * lane - 0.5, 3 * lane - 0.5],
    sym: { w: 24, h: 14, cw: 16, ch: 12 },
    labelWishes: [wish],
  } as unknown as RouteState;
  return { st, row, wish };
}

const down = (x: number, y2 = 46): Piece => ({ x1: x, y1: 26, x2: x, y2, from: 1, to: 5, arrow: false });

function placed(st: RouteState, row: RowBuilder): LabelMark {
  placeLabels(st);
  expect(row.core.labels).toHaveLength(1);
  return row.core.labels[0]!;
}

describe('a label on its own run', () => {
  it('is not used where a place beside the run is owned (an 80 px lane), though it would fit', () => {
    const { st, row, wish } = scene(80, [down(120)]);
    expect(onRun(st, row, wish, row.core)).not.toBeNull();
    const l = placed(st, row);
    expect(l.anchor).not.toBe('middle');
    // Beside the run, not over it.
    expect(l.anchor === 'start' ? l.x > 120 : l.x < 120).toBe(true);
  });

  it('is used where no place beside the run is free (a 34 px lane): centred on it, the line showing on both sides', () => {
    const { st, row } = scene(34, [down(51)]);
    const l = placed(st, row);
    expect(l).toMatchObject({ anchor: 'middle', x: 51, text: 'Tidak' });
    // The white patch (layout/flow-marks.ts) from 0.8 LABEL_PX above the baseline to 1.2 px under it.
    const patchTop = l.y - 0.8 * LABEL_PX;
    expect(patchTop - 26).toBeCloseTo(3, 1);
    expect(46 - (l.y + 1.2)).toBeGreaterThanOrEqual(1);
  });

  it('on a 12 px run down to a jog, 2 px of line show above its patch and 1 px under it', () => {
    const jog: Piece[] = [down(51, 38), { x1: 51, y1: 38, x2: 20, y2: 38, from: 1, to: 5, arrow: false }];
    const { st, row } = scene(34, jog);
    const l = placed(st, row);
    expect(l).toMatchObject({ anchor: 'middle', x: 51 });
    expect(l.y - 0.8 * LABEL_PX - 26).toBeCloseTo(2, 1);
    expect(38 - (l.y + 1.2)).toBeGreaterThanOrEqual(1);
  });

  it('on a run up from the top vertex, its patch ends 3 px above the vertex', () => {
    // The decision lower in a deeper band: its top vertex at y 30, the run up from it to the band's top.
    const { st, row, wish } = scene(34, [{ x1: 51, y1: 30, x2: 51, y2: 0, from: 1, to: 5, arrow: false }]);
    Object.assign(wish, { at: { x: 51, r: 0, y: 30 }, first: 'up', then: 'up', end: { x: 51, y: 0 } });
    row.core.height = 60;
    row.core.symbols[0] = { ...row.core.symbols[0]!, y: 37 };
    const place = onRun(st, row, wish, row.core);
    expect(place).toMatchObject({ x: 51, anchor: 'middle' });
    // The glyph box's bottom (its top + the ascent) and 1.2 px of patch under the baseline end 3 px above the vertex.
    expect(place!.y + 0.74 * LABEL_PX + 1.2).toBeCloseTo(30 - 3, 5);
  });

  it('is not used on a run too short for the label and its patch', () => {
    const jog: Piece[] = [down(51, 36), { x1: 51, y1: 36, x2: 20, y2: 36, from: 1, to: 5, arrow: false }];
    const { st, row } = scene(34, jog);
    expect(placed(st, row).anchor).not.toBe('middle');
  });

  it('is not used where another arrow joins the run under it', () => {
    const join: Piece = { x1: 40, y1: 32, x2: 51, y2: 32, from: 3, to: 5, arrow: false, join: '1->5' };
    const { st, row } = scene(34, [down(51), join]);
    expect(placed(st, row).anchor).not.toBe('middle');
  });
});

const shared = sharedTestBrowser();

/**
 * One flow cell of three 60 px lanes with the run of arrow 1->5 down the middle lane's centre (x 90, y 0-60), the
 * run of 2->6 at `other`, and "Tidak" of 1->5 centred at (labelX, baseline 30) with its white patch (as the
 * templates draw it: templates/partials/flow.hbs, layout/flow-marks.ts).
 */
function cell(labelX: number, extra = ''): string {
  const w = 25.3;
  return `<!doctype html><html><head><style>
    body { margin: 0; } table { border-collapse: collapse; } td { padding: 0; }
    .flow-box { position: relative; width: 180px; height: 60px; display: flex; }
    .lane-col { width: 60px; height: 60px; box-sizing: border-box; border-right: 1px solid #000; }
    svg { position: absolute; left: 0; top: 0; } .label-bg { fill: #fff; } .flow-label { font: 9.5px "Liberation Sans", Arial, sans-serif; }
    line { stroke: #000; stroke-width: 1.2; }
  </style></head><body><div class="flow-box"><div class="lane-col"></div><div class="lane-col"></div><div class="lane-col"></div>
  <svg width="180" height="60">
    <line class="flow-line" x1="90" y1="0" x2="90" y2="60" data-from="1" data-to="5"></line>${extra}
    <rect class="label-bg" x="${labelX - w / 2}" y="${30 - 0.8 * LABEL_PX}" width="${w}" height="${0.8 * LABEL_PX + 1.2}"></rect>
    <text class="flow-label" x="${labelX}" y="30" text-anchor="middle" data-label="Tidak" data-from="1" data-to="5">Tidak</text>
  </svg></div></body></html>`;
}

async function labelFaults(html: string): Promise<string[]> {
  const page = await shared.browser.newPage();
  try {
    await page.setContent(html);
    const q = await page.evaluate(drawingQuality);
    return q.violations.filter((v) => v.startsWith('label'));
  } finally {
    await page.close();
  }
}

describe('the quality check and a label on its own run', () => {
  it('accepts it when its patch hides only a piece of its own straight run, the line showing on both sides', async () => {
    expect(await labelFaults(cell(90))).toEqual([]);
  });

  it('still counts it on another arrow, and another arrow within 1 mm makes it ambiguous', async () => {
    const other = '<line class="flow-line" x1="95" y1="0" x2="95" y2="60" data-from="2" data-to="6"></line>';
    const faults = await labelFaults(cell(90, other));
    expect(faults.some((v) => v.startsWith('label on a line') && v.includes('of 2->6'))).toBe(true);
    expect(faults.some((v) => v.startsWith('label ambiguous'))).toBe(true);
  });

  it("still counts it over its own arrow's corner (the run turns under the patch)", async () => {
    const turn = '<line class="flow-line" x1="90" y1="60" x2="90" y2="28" data-from="1" data-to="5"></line>';
    const html = cell(90).replace('<line class="flow-line" x1="90" y1="0" x2="90" y2="60" data-from="1" data-to="5"></line>', `${turn}<line class="flow-line" x1="90" y1="28" x2="70" y2="28" data-from="1" data-to="5"></line>`);
    expect((await labelFaults(html)).some((v) => v.startsWith('label on a line'))).toBe(true);
  });
});
