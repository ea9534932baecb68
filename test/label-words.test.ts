/**
 * Issue 20 item 1 (a label belongs to one arrow, visibly): two labels on one line a pixel apart read as one word.
 * Under a decision in a 47 px lane whose branches both leave by its sides (generated 30 steps, 16 lanes, F4),
 * "Tidak" of 7->5 ended 1 px before "Ya" of 7->8 began, level with it: "TidakYa". A label is not owned
 * (route/labels.ts owned) less than a word space from another on its line; labels stacked one over the other
 * (8.5 px apart) stay as they are (sops/).
 */
import { describe, expect, it } from 'vitest';
import { generateSop } from '../bench/generate.mjs';
import { qualityCases } from '../bench/quality.mjs';
import { compile } from '../src/index.js';
import { layoutSop } from '../src/layout/layout.js';
import { LABEL_ASCENT, LABEL_WIDTH, labelLeft } from '../src/layout/route/label-space.js';
import type { SopLayout } from '../src/layout/types.js';

/** Each pair of labels in a row whose baselines lie less than the ascent apart and whose glyphs are under 2 px apart. */
function runTogether(lay: SopLayout): string[] {
  const out: string[] = [];
  for (const page of lay.pages)
    for (const row of page.rows) {
      const ls = row.core.labels;
      for (let i = 0; i < ls.length; i++)
        for (let j = i + 1; j < ls.length; j++) {
          const a = ls[i]!;
          const b = ls[j]!;
          if (Math.abs(a.y - b.y) >= LABEL_ASCENT) continue;
          const la = labelLeft(a);
          const lb = labelLeft(b);
          const gap = Math.max(lb - (la + LABEL_WIDTH[a.text]), la - (lb + LABEL_WIDTH[b.text]));
          if (gap < 2) out.push(`${a.text} of ${a.from}->${a.to} and ${b.text} of ${b.from}->${b.to}: ${gap.toFixed(2)} px apart`);
        }
    }
  return out;
}

describe('labels on one line', () => {
  it('keep a word space apart (generated 30 steps, 16 lanes, F4)', () => {
    const lay = layoutSop(compile(generateSop(1616, { steps: 30, lanes: 16 })).model, { paper: 'F4' });
    expect(runTogether(lay)).toEqual([]);
  });

  it('keep a word space apart (generated 25 steps, 12 lanes, A4: "Ya" of 7->8 beside the lane border, not after "Tidak")', () => {
    const [, text] = qualityCases().find(([name]) => name === 'A4: generated 25 steps, 12 lanes')!;
    const lay = layoutSop(compile(text).model, { paper: 'A4' });
    expect(runTogether(lay)).toEqual([]);
  });
});
