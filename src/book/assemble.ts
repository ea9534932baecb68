/**
 * Puts the book together from PDFs rendered one part at a time: merges the
 * pages, stamps "Halaman x dari y" on every page, writes the outline
 * (bookmarks) and turns the link markers (front-matter.ts `bookLink`) into
 * jumps to an SOP's first page. Bytes in, bytes out (pdf-lib: Chromium
 * cannot number pages across separately printed documents, nor write an
 * outline).
 */
import type { PDFArray, PDFDict, PDFDocument, PDFRef } from 'pdf-lib';

/** pdf-lib is loaded when a book is made: a static import would be loaded by every command (the CLI is one bundle). */
const lib = (): Promise<typeof import('pdf-lib')> => import('pdf-lib');
import { BOOK_LINK_BASE } from './front-matter.js';

export interface BookPart {
  readonly pdf: Uint8Array;
  /** The bookmark's title, or null for no bookmark (the cover). */
  readonly bookmark: string | null;
  /** The SOP index this part is (link target), or null. */
  readonly sop: number | null;
}

export interface AssembleOptions {
  /** The footer with `{page}` and `{pages}`. */
  readonly footer: string;
  readonly title: string;
}

/** Documents already parsed for their page count, reused by the merge (parsing is most of pdf-lib's time). */
const parsed = new WeakMap<Uint8Array, PDFDocument>();

async function load(pdf: Uint8Array): Promise<PDFDocument> {
  const hit = parsed.get(pdf);
  if (hit) return hit;
  const { PDFDocument } = await lib();
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  parsed.set(pdf, doc);
  return doc;
}

/**
 * Starts loading pdf-lib (a few hundred ms on a busy machine) while the
 * browser renders, instead of after.
 */
export function preloadPdfLib(): void {
  lib().catch(() => {});
}

/**
 * Parses a rendered PDF now, in the background (parsing yields to the event
 * loop every few objects, so the browser's messages keep flowing): the book
 * parses each SOP while the browser renders the next one, instead of all of
 * them after the last render. The promise never rejects unhandled.
 */
export function parseSoon(pdf: Uint8Array): Promise<number> {
  const p = pageCount(pdf);
  p.catch(() => {});
  return p;
}

/** Page counts of rendered PDFs. */
export async function pageCount(pdf: Uint8Array): Promise<number> {
  return (await load(pdf)).getPageCount();
}

/** Helvetica (WinAnsi) cannot draw every character: others become `?` rather than failing the book. */
function winAnsi(s: string): string {
  return [...s].map((c) => (/[\x20-\x7e\u00a0-\u00ff]/.test(c) ? c : '?')).join('');
}

export async function assembleBook(parts: readonly BookPart[], opts: AssembleOptions): Promise<Uint8Array> {
  const pdfLib = await lib();
  const { PDFDict, PDFHexString, PDFName, PDFNumber, PDFString, StandardFonts, rgb } = pdfLib;
  const book = await pdfLib.PDFDocument.create();
  book.setTitle(opts.title);
  book.setCreator('sop');
  book.setProducer('sop (pdf-lib)');
  const firstPage: PDFRef[] = [];
  const sopFirst = new Map<number, PDFRef>();
  for (const part of parts) {
    const src = await load(part.pdf);
    const pages = await book.copyPages(src, src.getPageIndices());
    pages.forEach((p) => book.addPage(p));
    const ref = pages[0]?.ref;
    if (!ref) continue;
    firstPage.push(ref);
    if (part.sop !== null) sopFirst.set(part.sop, ref);
  }

  // Links: a marker URI becomes a jump inside the book; one to an SOP not in the book is dropped.
  const all = book.getPages();
  for (const page of all) {
    const annots = page.node.Annots();
    if (!annots) continue;
    const keep: unknown[] = [];
    for (let i = 0; i < annots.size(); i++) {
      const a = annots.lookup(i);
      if (!(a instanceof PDFDict)) {
        keep.push(annots.get(i));
        continue;
      }
      const action = a.lookup(PDFName.of('A'));
      const uriObj = action instanceof PDFDict ? action.lookup(PDFName.of('URI')) : undefined;
      const uri = uriObj instanceof PDFString || uriObj instanceof PDFHexString ? uriObj.decodeText() : null;
      if (uri === null || !uri.startsWith(BOOK_LINK_BASE)) {
        keep.push(annots.get(i));
        continue;
      }
      const target = sopFirst.get(Number(uri.slice(BOOK_LINK_BASE.length).replace(/^sop\//, '')));
      if (!target) continue;
      a.delete(PDFName.of('A'));
      a.set(PDFName.of('Dest'), book.context.obj([target, PDFName.of('Fit')]));
      keep.push(annots.get(i));
    }
    page.node.set(PDFName.of('Annots'), book.context.obj(keep as never[]) as PDFArray);
  }

  // Footer on every page, centred in the bottom margin.
  // One line, made smaller should it be wider than the page inside 20 mm margins (as the native book's: src/page/book.ts).
  const font = await book.embedFont(StandardFonts.Helvetica);
  all.forEach((page, i) => {
    const text = winAnsi(opts.footer.replace('{page}', String(i + 1)).replace('{pages}', String(all.length)));
    const { width: pw } = page.getSize();
    const room = pw - 2 * 20 * 2.834645;
    const size = Math.min(8, (8 * room) / Math.max(1, font.widthOfTextAtSize(text, 8)));
    const width = font.widthOfTextAtSize(text, size);
    page.drawText(text, { x: (pw - width) / 2, y: 7 * 2.834645, size, font, color: rgb(0.2, 0.2, 0.2) });
  });

  // The outline: one flat level, in the book's order.
  const marks = parts
    .map((p, i) => ({ title: p.bookmark, ref: firstPage[i] }))
    .filter((m): m is { title: string; ref: PDFRef } => m.title !== null && m.ref !== undefined);
  if (marks.length > 0) {
    const ctx = book.context;
    const outlineRef = ctx.nextRef();
    const refs = marks.map(() => ctx.nextRef());
    marks.forEach((m, i) => {
      const item = ctx.obj({}) as PDFDict;
      item.set(PDFName.of('Title'), PDFHexString.fromText(m.title));
      item.set(PDFName.of('Parent'), outlineRef);
      if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < refs.length - 1) item.set(PDFName.of('Next'), refs[i + 1]!);
      item.set(PDFName.of('Dest'), ctx.obj([m.ref, PDFName.of('Fit')]));
      ctx.assign(refs[i]!, item);
    });
    const outline = ctx.obj({}) as PDFDict;
    outline.set(PDFName.of('Type'), PDFName.of('Outlines'));
    outline.set(PDFName.of('First'), refs[0]!);
    outline.set(PDFName.of('Last'), refs[refs.length - 1]!);
    outline.set(PDFName.of('Count'), PDFNumber.of(refs.length));
    ctx.assign(outlineRef, outline);
    book.catalog.set(PDFName.of('Outlines'), outlineRef);
    book.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  }
  // Without object streams: about 5x faster to write (pdf-lib compresses every object stream) for ~9 % more bytes.
  return book.save({ useObjectStreams: false });
}
