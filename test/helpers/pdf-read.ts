/** Reads a PDF back with pdf-lib: its outline (bookmarks) and its internal links, as page indices. */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';

export interface PdfFacts {
  readonly pages: number;
  readonly outline: { title: string; page: number }[];
  /** Internal links: from page index to page index (0-based). */
  readonly links: { from: number; to: number }[];
  /** External URI links, by page. */
  readonly uris: { from: number; uri: string }[];
}

export async function readPdf(bytes: Uint8Array): Promise<PdfFacts> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const pages = doc.getPages();
  const indexOf = new Map<string, number>(pages.map((p, i) => [p.ref.toString(), i]));
  const destPage = (dest: unknown): number => {
    const arr = dest instanceof PDFArray ? dest : null;
    const ref = arr?.get(0);
    return ref instanceof PDFRef ? (indexOf.get(ref.toString()) ?? -1) : -1;
  };
  const outline: { title: string; page: number }[] = [];
  const root = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  let item = root?.lookupMaybe(PDFName.of('First'), PDFDict);
  let guard = 0;
  while (item && guard++ < 10_000) {
    const t = item.lookup(PDFName.of('Title'));
    outline.push({ title: t instanceof PDFHexString || t instanceof PDFString ? t.decodeText() : '', page: destPage(item.lookup(PDFName.of('Dest'))) });
    item = item.lookupMaybe(PDFName.of('Next'), PDFDict);
  }
  const links: { from: number; to: number }[] = [];
  const uris: { from: number; uri: string }[] = [];
  pages.forEach((p, from) => {
    const annots = p.node.Annots();
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const a = annots!.lookup(i);
      if (!(a instanceof PDFDict)) continue;
      const dest = a.lookup(PDFName.of('Dest'));
      if (dest) links.push({ from, to: destPage(dest) });
      const act = a.lookup(PDFName.of('A'));
      const uri = act instanceof PDFDict ? act.lookup(PDFName.of('URI')) : undefined;
      if (uri instanceof PDFString || uri instanceof PDFHexString) uris.push({ from, uri: uri.decodeText() });
    }
  });
  return { pages: pages.length, outline, links, uris };
}
