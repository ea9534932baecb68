/**
 * Text input: what a drafter copies out of a PDF, Word or Excel document, or
 * what `pdftotext` makes. Tab-separated text (a table copied from an office
 * program) gives one cell per tab; text without tabs is read as
 * column-aligned (`pdftotext -layout`): a run of two or more blanks separates
 * cells, and each cell keeps its character position so that it can be put
 * under the header column it sits in.
 */
import { cleanCell, htmlItalics } from './clean.js';
import type { Cell, Row } from './draft.js';

/** The longest line read; longer lines are cut (a text file of one huge line is not a table). */
const MAX_LINE = 20_000;

export function textToRows(text: string): Row[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = src.split(/\r\n|\r|\n/).map((l) => (l.length > MAX_LINE ? l.slice(0, MAX_LINE) : l));
  const tabbed = lines.some((l) => l.includes('\t'));
  const rows: Row[] = [];
  lines.forEach((line, i) => {
    const origin = `baris ${i + 1}`;
    if (tabbed) {
      const cells: Cell[] = line.split('\t').map((t, k) => ({ text: htmlItalics(cleanCell(t)), x0: k, x1: k + 1 }));
      rows.push({ cells, mode: 'index', origin });
      return;
    }
    const cells: Cell[] = [];
    const re = /\S+(?: \S+)*/g;
    // Expand any stray tab-like blanks to spaces first so positions stay columns.
    const l = line.replace(/[\u00a0\u2000-\u200a\u3000]/g, ' ');
    for (const m of l.matchAll(re)) {
      const t = htmlItalics(cleanCell(m[0]));
      if (t) cells.push({ text: t, x0: m.index, x1: m.index + m[0].length });
    }
    rows.push({ cells, mode: 'position', origin });
  });
  return rows;
}
