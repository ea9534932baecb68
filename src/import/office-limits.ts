/**
 * What one Word, Excel or OpenDocument file may make, in all: its rows and
 * cells (every sheet and table together) and the cells its merged ranges
 * cover. The archive's caps (zip.ts) bound the XML, not what it declares: a
 * 940-byte workbook naming one sheet 5 000 times, its one cell on row
 * 200 000, made a billion rows (V8 out of memory after 56 s, 4.7 GB); an
 * OpenDocument cell repeated 1 000 times, 17 to a row, each row repeated
 * 1 000 times, 3.4 billion cells from 1.6 KB (no answer in minutes); 20 000
 * merged ranges of 1 000 x 200 cells each, 4 billion steps from 2 KB; 140
 * Word tables each drawn at the limits of one drawing, 171 s from 200 KB.
 */
import type { Row } from './draft.js';
import { ImportError } from './error.js';

export const OFFICE_LIMITS = {
  /** Rows of every sheet and table of the file together (Excel's own sheets hold 1 048 576 each, SOPs a few dozen). */
  rows: 200_000,
  /** Cells of every row together: about what a 5 MB text file makes at most, read in ~5 s. */
  cells: 2_000_000,
  /** Cells covered by the merged ranges of the file, each counted once per range. */
  mergedCells: 1_000_000,
  /**
   * Connectors matched against drawn shapes (each pair once), over every table and sheet of the file: one drawing at
   * office.ts's DRAWING_LIMITS (5 000 of each) makes 25 million, ~1 s.
   */
  drawnPairs: 25_000_000,
};

/** `200000` → `200 000`, as the importer's other limits are written. */
const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ' ');

/** Counts the rows and cells a reader makes from one file, refusing the file as soon as either passes its limit. */
export class RowBudget {
  private rows = 0;
  private cells = 0;
  private merged = 0;
  private pairs = 0;

  /** `row` is about to be kept, `copies` times (a repeated row shares its cells, but each copy is read again). */
  take(row: Row, copies = 1): void {
    this.rows += copies;
    this.cells += row.cells.length * copies;
    if (this.rows > OFFICE_LIMITS.rows) throw tooLong();
    if (this.cells > OFFICE_LIMITS.cells) {
      throw new ImportError(
        `berkas ini memuat terlalu banyak sel (lebih dari ${grouped(OFFICE_LIMITS.cells)}); tidak dibaca`,
        `this file holds too many cells (over ${grouped(OFFICE_LIMITS.cells)}); not read`,
      );
    }
  }

  /** Counts `row` (take) and appends it to `rows`. */
  keep(rows: Row[], row: Row): void {
    this.take(row);
    rows.push(row);
  }

  /** Whether `n` more rows fit, before they are made. */
  roomFor(n: number): void {
    if (this.rows + n > OFFICE_LIMITS.rows) throw tooLong();
  }

  /** A drawing is about to match `pairs` pairs of connector and shape. */
  match(pairs: number): void {
    this.pairs += pairs;
    if (this.pairs > OFFICE_LIMITS.drawnPairs) {
      throw new ImportError(
        `gambar bagan di berkas ini terlalu banyak untuk dicocokkan (lebih dari ${grouped(OFFICE_LIMITS.drawnPairs)} pasangan garis dan bentuk di semua tabel dan lembarnya); tidak dibaca`,
        `the flowcharts drawn in this file are too many to match (over ${grouped(OFFICE_LIMITS.drawnPairs)} pairs of connector and shape in all its tables and sheets); not read`,
      );
    }
  }

  /** One more cell covered by a merged range. */
  cover(): void {
    if (++this.merged > OFFICE_LIMITS.mergedCells) {
      throw new ImportError(
        `berkas ini memuat terlalu banyak sel gabungan (lebih dari ${grouped(OFFICE_LIMITS.mergedCells)}); tidak dibaca`,
        `this file holds too many merged cells (over ${grouped(OFFICE_LIMITS.mergedCells)}); not read`,
      );
    }
  }
}

function tooLong(): ImportError {
  return new ImportError(
    `berkas ini terlalu panjang (lebih dari ${grouped(OFFICE_LIMITS.rows)} baris di semua lembar dan tabelnya); tidak dibaca`,
    `this file is too long (over ${grouped(OFFICE_LIMITS.rows)} rows in all its sheets and tables); not read`,
  );
}
