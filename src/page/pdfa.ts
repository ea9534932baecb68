/**
 * What the native PDF (src/page/pdf.ts) writes for PDF/A beyond what PDFKit does, found by PDFBox's Preflight
 * (test/pdfa-preflight.test.ts, docs/rendering.md "PDF/A"): each subset font's CIDSet and the outline root's Count.
 */
import type { Doc } from './pdf.js';

/** A CIDSet's bits: CIDs 0 to n - 1 all present, the first CID in the high bit of the first byte. */
export function cidSetBits(n: number): Uint8Array {
  const bits = new Uint8Array(Math.ceil(n / 8)).fill(0xff);
  if (n % 8 !== 0) bits[bits.length - 1] = (0xff << (8 - (n % 8))) & 0xff;
  return bits;
}

/** An item of PDFKit's outline (PDFOutline): its data (the dictionary written when the document ends) and children. */
interface OutlineItem {
  readonly outlineData: Record<string, unknown>;
  readonly children: readonly OutlineItem[];
  readonly options: { readonly expanded?: boolean };
}

/**
 * The outline root's Count: the number of items open to view, every top-level item and the items under an open one
 * (PDF 1.7, 12.3.3). PDFKit writes none for the root, which PDFBox's Preflight (1.4.9) and strict readers want.
 */
export function countOutline(pdf: Doc): void {
  const open = (o: OutlineItem): number => o.children.reduce((n, c) => n + 1 + (c.options.expanded ? open(c) : 0), 0);
  const outline = (pdf as unknown as { outline: OutlineItem }).outline;
  const n = open(outline);
  if (n > 0) outline.outlineData['Count'] = n;
}
