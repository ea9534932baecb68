/**
 * Text input: what a drafter copies out of a PDF, Word or Excel document, or
 * what `pdftotext` makes. Tab-separated text (a table copied from an office
 * program) gives one cell per tab; text without tabs is read as
 * column-aligned (`pdftotext -layout`): a run of two or more blanks separates
 * cells, and each cell keeps its character position so that it can be put
 * under the header column it sits in.
 */
import { CUT_MARK, cleanCell, htmlItalics, MAX_CELL } from './clean.js';
import type { Cell, Row } from './draft.js';

/** The longest line read, as long as the longest cell: longer lines are cut (a text file of one huge line is not a table), and their last cell says so. */
const MAX_LINE = MAX_CELL;

export function textToRows(text: string): Row[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const all = src.split(/\r\n|\r|\n/);
  const tabbed = all.some((l) => l.slice(0, MAX_LINE).includes('\t'));
  const rows: Row[] = [];
  all.forEach((whole, i) => {
    const origin = `baris ${i + 1}`;
    const line = whole.length > MAX_LINE ? whole.slice(0, MAX_LINE) : whole;
    let cells: Cell[] = [];
    if (tabbed) {
      cells = line.split('\t').map((t, k) => ({ text: htmlItalics(cleanCell(t)), x0: k, x1: k + 1 }));
    } else {
      const re = /\S+(?: \S+)*/g;
      // Expand any stray tab-like blanks to spaces first so positions stay columns.
      const l = line.replace(/[\u00a0\u2000-\u200a\u3000]/g, ' ');
      for (const m of l.matchAll(re)) {
        const t = htmlItalics(cleanCell(m[0]));
        if (t) cells.push({ text: t, x0: m.index, x1: m.index + m[0].length });
      }
    }
    if (line !== whole) markCut(cells);
    rows.push({ cells, mode: tabbed ? 'index' : 'position', origin });
  });
  return rows;
}

/** The last cell with text of a line that was cut ends with CUT_MARK (once). */
function markCut(cells: Cell[]): void {
  for (let k = cells.length - 1; k >= 0; k--) {
    const c = cells[k]!;
    if (c.text === '') continue;
    if (!c.text.endsWith(CUT_MARK)) cells[k] = { ...c, text: c.text + CUT_MARK };
    return;
  }
}
