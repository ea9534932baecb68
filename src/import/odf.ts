/**
 * OpenDocument input (`.odt` from Writer, `.ods` from Calc, LibreOffice's own
 * formats), read from the archive's `content.xml` as office.ts reads Word and
 * Excel: rows of cells placed on the table's grid (a cell spanning columns,
 * `table:number-columns-spanned`, spans their columns; a covered cell is
 * empty), italic runs as `*…*`, a cell's lines kept. A text document's
 * paragraphs are one cell each; a spreadsheet's every sheet is read row by
 * row, dates by their value (`office:date-value` → `31-08-2023`), other
 * values as displayed. Drawn shapes are not read: lanes then come from the
 * ticks and the text.
 */
import { cleanCell, italicRuns, officeRun } from './clean.js';
import type { Cell, Row } from './draft.js';
import { ImportError } from './error.js';
import { attr, kids, local, parseXml, walk, type XmlElement } from './xml.js';
import type { ZipReader } from './zip.js';
import { RowBudget } from './office-limits.js';

/** Grid columns are placed this far apart, as office.ts places them. */
const COL = 10;
/** The most copies of one repeated row or cell with content (the rows and cells of the file in all: office-limits.ts). */
const MAX_REPEAT = 1_000;

/** Whether the archive is an OpenDocument text or spreadsheet. */
export function isOdf(zip: ZipReader): boolean {
  return zip.has('content.xml');
}

export function odfRows(zip: ZipReader, budget: RowBudget = new RowBudget()): Row[] {
  const doc = parseXml(zip.text('content.xml') ?? '');
  const italic = italicStyles([doc, parseXml(zip.text('styles.xml') ?? '<x/>')]);
  const body = [...walk(doc)].find((e) => local(e.name) === 'body');
  const text = body ? kids(body, 'text')[0] : undefined;
  const sheets = body ? kids(body, 'spreadsheet')[0] : undefined;
  if (text) return textRows(text, italic, budget);
  if (sheets) return sheetRows(sheets, italic, budget);
  throw new ImportError(
    'dokumen OpenDocument ini bukan teks (.odt) atau lembar kerja (.ods); simpan ulang sebagai .odt/.ods, .docx/.xlsx atau PDF',
    'this OpenDocument file is no text document (.odt) or spreadsheet (.ods); save it again as .odt/.ods, .docx/.xlsx or PDF',
  );
}

/** The names of the styles that set italics (text, paragraph and cell styles, automatic or named). */
function italicStyles(docs: readonly XmlElement[]): Set<string> {
  const out = new Set<string>();
  for (const d of docs) {
    for (const st of [...walk(d)].filter((e) => local(e.name) === 'style')) {
      const props = st.children.filter((c): c is XmlElement => typeof c !== 'string' && local(c.name) === 'text-properties');
      if (props.some((p) => attr(p, 'font-style') === 'italic')) out.add(attr(st, 'name') ?? '');
    }
  }
  out.delete('');
  return out;
}

/** A paragraph's (or cell's) text: spans, spaces (`text:s`), tabs; a line break is `brk`; italic spans marked. */
function paraText(el: XmlElement, italic: ReadonlySet<string>, brk: string, inItalic = false): string {
  let out = '';
  const it = inItalic || italic.has(attr(el, 'style-name') ?? '');
  for (const c of el.children) {
    if (typeof c === 'string') {
      // Blanks in ODF text are collapsed (a line feed in the XML is a blank): a line break is `text:line-break`.
      out += officeRun(c.replace(/\s+/g, ' '), it);
      continue;
    }
    const n = local(c.name);
    if (n === 's') out += ' '.repeat(Math.min(100, Math.max(1, Number(attr(c, 'c') ?? 1) || 1)));
    else if (n === 'tab') out += ' ';
    else if (n === 'line-break') out += brk;
    else if (n === 'p' || n === 'h') out += (out === '' || out.endsWith(brk) ? '' : brk) + paraText(c, italic, brk, it);
    // Notes, annotations, frames (shapes, pictures, text boxes) are no text of the cell.
    else if (!/^(note|annotation|frame|custom-shape|rect|line|connector|g|bookmark.*|soft-page-break|sequence-decls)$/.test(n)) out += paraText(c, italic, brk, it);
  }
  return out;
}

/** A cell's text and its lines (when several), cleaned. */
function cellOf(el: XmlElement, italic: ReadonlySet<string>, x0: number, x1: number): Cell | null {
  const text = italicRuns(cleanCell(paraText(el, italic, ' ')));
  if (text === '') return null;
  const lines = paraText(el, italic, '\n').split('\n').map((l) => italicRuns(cleanCell(l))).filter((l) => l !== '');
  return { text, x0, x1, ...(lines.length > 1 ? { lines } : {}) };
}

/** The rows of a table (`table:table-row`, also inside header-row and row groups), in order. */
function* tableRows(el: XmlElement): Generator<XmlElement> {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    const n = local(c.name);
    if (n === 'table-row') yield c;
    else if (/^table-(header-rows|rows|row-group)$/.test(n)) yield* tableRows(c);
  }
}

/** One table row's cells on the grid (a cell spanning columns spans their width); repeated empty cells advance the column. */
function rowCells(tr: XmlElement, italic: ReadonlySet<string>, sheet: boolean): Cell[] {
  const cells: Cell[] = [];
  let col = 0;
  for (const tc of tr.children) {
    if (typeof tc === 'string') continue;
    const n = local(tc.name);
    if (n !== 'table-cell' && n !== 'covered-table-cell') continue;
    const repeat = Math.max(1, Number(attr(tc, 'number-columns-repeated') ?? 1) || 1);
    const span = Math.max(1, Math.min(64, Number(attr(tc, 'number-columns-spanned') ?? 1) || 1));
    if (n === 'covered-table-cell' || col > 16_384) {
      col += repeat;
      continue;
    }
    const date = sheet && attr(tc, 'value-type') === 'date' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(attr(tc, 'date-value') ?? '') : null;
    // A spanning cell is followed by the covered cells it spans: they advance the column.
    // The cell's text read once, whatever its repeats (a long text repeated 1 000 times was read 1 000 times).
    const one = date ? { text: `${date[3]}-${date[2]}-${date[1]}`, x0: 0, x1: 0 } : cellOf(tc, italic, 0, 0);
    if (one) for (let k = 0; k < Math.min(repeat, MAX_REPEAT); k++) cells.push({ ...one, x0: (col + k) * COL, x1: (col + k + span) * COL });
    col += repeat;
  }
  return cells;
}

/** A text document: each paragraph (and list item) one row of one cell, each table row a row. */
function textRows(text: XmlElement, italic: ReadonlySet<string>, budget: RowBudget): Row[] {
  const rows: Row[] = [];
  const keep = (row: Row): void => budget.keep(rows, row);
  let n = 0;
  const visit = (el: XmlElement): void => {
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      const name = local(c.name);
      if (name === 'p' || name === 'h') {
        n++;
        const cell = cellOf(c, italic, 0, COL);
        keep({ cells: cell ? [cell] : [], mode: 'position', origin: `tabel/paragraf ${n}` });
      } else if (name === 'table') {
        n++;
        for (const tr of tableRows(c)) keep({ cells: rowCells(tr, italic, false), mode: 'position', origin: `tabel/paragraf ${n}` });
        keep({ cells: [], mode: 'position', origin: `tabel/paragraf ${n}` });
      } else if (/^(list|list-item|list-header|section|index-body|.*-index)$/.test(name)) visit(c);
    }
  };
  visit(text);
  return rows;
}

/** A spreadsheet: every sheet, row by row; a run of repeated empty rows is one empty row. */
function sheetRows(sheets: XmlElement, italic: ReadonlySet<string>, budget: RowBudget): Row[] {
  const rows: Row[] = [];
  for (const sh of kids(sheets, 'table')) {
    const name = attr(sh, 'name') ?? 'lembar';
    let r = 0;
    for (const tr of tableRows(sh)) {
      const repeat = Math.max(1, Number(attr(tr, 'number-rows-repeated') ?? 1) || 1);
      const cells = rowCells(tr, italic, true);
      const copies = cells.length === 0 ? 1 : Math.min(repeat, MAX_REPEAT);
      // Counted before the copies are made: each copy shares the cells, but is read again as a row of its own.
      budget.take({ cells, mode: 'position', origin: '' }, copies);
      for (let k = 0; k < copies; k++) rows.push({ cells, mode: 'position', origin: `${name} baris ${r + k + 1}` });
      r += repeat;
    }
    budget.keep(rows, { cells: [], mode: 'position', origin: '' });
  }
  return rows;
}
