/**
 * Parity of two PDFs of one document (issue 22): page count, words
 * (pdftotext), and ink: each page rasterised at 50 dpi in grey; a dark pixel
 * of one counts as matched where the other has a dark pixel within 1 px.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function pageCount(pdf: string): number {
  const m = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }));
  return m ? Number(m[1]) : 0;
}

/** The words of a PDF's text layer, sorted (the two engines may order a page's text differently), without the soft hyphens Chromium keeps in it. */
export function words(pdf: string): string[] {
  return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })
    .replace(/\u00ad/g, '')
    .split(/\s+/)
    .filter(Boolean)
    .sort();
}

/**
 * The words a PDF sets in italics, sorted: pdftohtml marks a run `<i>` where its font is an italic face. At 50 dpi an
 * italic word and the same word upright are within 1 px of each other, so the ink alone would not see italics lost.
 */
export function italicWords(pdf: string): string[] {
  const xml = execFileSync('pdftohtml', ['-xml', '-i', '-stdout', '-q', pdf], { encoding: 'utf8' });
  return [...xml.matchAll(/<i>(.*?)<\/i>/g)]
    .flatMap((m) => m[1]!.replace(/<[^>]*>/g, '').replace(/\u00ad/g, '').split(/\s+/))
    .filter(Boolean)
    .sort();
}

interface Gray {
  readonly w: number;
  readonly h: number;
  readonly px: Uint8Array;
}

function readPgm(file: string): Gray {
  const b = readFileSync(file);
  // P5\n<w> <h>\n<max>\n<data>
  let i = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09) i++;
    let s = '';
    while (b[i] !== 0x20 && b[i] !== 0x0a && b[i] !== 0x0d && b[i] !== 0x09) s += String.fromCharCode(b[i++]!);
    fields.push(s);
  }
  i++;
  return { w: Number(fields[1]), h: Number(fields[2]), px: new Uint8Array(b.subarray(i)) };
}

/** Each page of `pdf` at `dpi`, grey. */
export function rasterise(pdf: string, dpi = 50): Gray[] {
  const dir = mkdtempSync(join(tmpdir(), 'sop-ink-'));
  try {
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', pdf, join(dir, 'p')]);
    return readdirSync(dir)
      .sort()
      .map((f) => readPgm(join(dir, f)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface InkDiff {
  readonly inkA: number;
  readonly inkB: number;
  /** Dark pixels of either page with no dark pixel of the other within 1 px. */
  readonly unmatched: number;
  /** unmatched / (inkA + inkB). */
  readonly ratio: number;
}

/** Compares two pages over their common area; dark: grey < 128. */
export function inkDiff(a: Gray, b: Gray, threshold = 128): InkDiff {
  const w = Math.min(a.w, b.w);
  const h = Math.min(a.h, b.h);
  const dark = (g: Gray, x: number, y: number): boolean => x >= 0 && y >= 0 && x < w && y < h && g.px[y * g.w + x]! < threshold;
  const near = (g: Gray, x: number, y: number): boolean => {
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) if (dark(g, x + dx, y + dy)) return true;
    return false;
  };
  let inkA = 0;
  let inkB = 0;
  let unmatched = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (dark(a, x, y)) {
        inkA++;
        if (!near(b, x, y)) unmatched++;
      }
      if (dark(b, x, y)) {
        inkB++;
        if (!near(a, x, y)) unmatched++;
      }
    }
  }
  return { inkA, inkB, unmatched, ratio: inkA + inkB === 0 ? 0 : unmatched / (inkA + inkB) };
}
