/**
 * Issue 20 item 2, the format's connector rows (docs/drawing-contract.md, "Off-page connectors"): a flow onwards
 * leaves by its page's bottom connector row and enters by the next page's top row; a loop back to an earlier page
 * the reverse. A loop back whose connector the router sent to the other row only because that route was shorter,
 * or its connector there in its lanes as well, keeps the format's row when the drawing is no worse for it
 * (late-tries.ts formatRowTries): each of these procedures had one connector in the other row. At 10 lanes on A4 the
 * try crossed once (23->17 went straight up across 20->21, the branch routed after the other flows), and 20->12 kept
 * the top row; the try is routed again with that decision's branches first (route.ts routeEarly), and holds.
 */
import { describe, expect, it } from 'vitest';
import { generateSop } from '../bench/generate.mjs';
import { compile } from '../src/index.js';
import { layoutSop } from '../src/layout/layout.js';

/** The lane titles long (as bench/quality.mjs's A4/F4 cases): 3-line headers, fewer rows a page. */
const longTitles = (text: string): string => text.replace(/^( {2}- l\d+: )(.*)$/gm, (_, h: string, t: string) => `${h}${t} Bidang Perencanaan dan Keuangan Daerah`);

/** Each connector of the layout in the row the format does not give it: `letter from->to (top|bottom)`. */
function inOtherRow(text: string, paper: 'A4' | 'F4'): { connectors: number; other: string[] } {
  const lay = layoutSop(compile(text, { config: { paper } }).model, { paper });
  let connectors = 0;
  const other: string[] = [];
  for (const page of lay.pages) {
    page.rows.forEach((row, i) => {
      if (row.kind !== 'connectors') return;
      const top = i === 0;
      for (const s of row.core.symbols) {
        if (s.kind !== 'connector' || typeof s.from !== 'number' || typeof s.to !== 'number') continue;
        connectors++;
        const leaving = s.step === s.from;
        if (top !== (s.to <= s.from ? leaving : !leaving)) other.push(`${s.letter} ${s.from}->${s.to} (${top ? 'top' : 'bottom'})`);
      }
    });
  }
  return { connectors, other };
}

describe("off-page connectors in the format's rows", () => {
  for (const [lanes, paper] of [
    [10, 'A4'],
    [12, 'A4'],
    [12, 'F4'],
  ] as const)
    it(`a generated 25-step procedure, long titles, ${lanes} lanes on ${paper}: its loop back enters by the bottom row`, () => {
      const { connectors, other } = inOtherRow(longTitles(generateSop(2500 + lanes, { steps: 25, lanes })), paper);
      expect(connectors).toBeGreaterThan(4);
      expect(other).toEqual([]);
    });
});
