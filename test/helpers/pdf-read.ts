/** Reads a PDF back with pdf-lib: its outline (bookmarks) and its internal links, as page indices; its images' pixels. */
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';

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

/** An image XObject of a PDF as RGBA, 8 bits a sample (grey spread to RGB; alpha from its SMask, else 255). */
export interface PdfImage {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

/** Rows filtered with PNG's predictors (DecodeParms Predictor >= 10), unfiltered; `bpp` bytes a pixel, `stride` a row. */
function unpredict(raw: Uint8Array, stride: number, bpp: number, rows: number): Uint8Array {
  const out = new Uint8Array(stride * rows);
  for (let y = 0; y < rows; y++) {
    const f = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= bpp ? out[y * stride + x - bpp]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      out[y * stride + x] = (v + [0, a, b, (a + b) >> 1, paeth][f]!) & 255;
    }
  }
  return out;
}

/** The samples of an image stream (FlateDecode, 8 or 16 bits, DeviceGray or DeviceRGB), 8 bits each. */
function samples(s: PDFRawStream): { width: number; height: number; channels: number; data: Uint8Array } {
  const d = s.dict;
  const num = (dict: PDFDict | undefined, key: string, dflt: number): number => {
    const v = dict?.lookup(PDFName.of(key));
    return v instanceof PDFNumber ? v.asNumber() : dflt;
  };
  const width = num(d, 'Width', 0);
  const height = num(d, 'Height', 0);
  const bpc = num(d, 'BitsPerComponent', 8);
  const cs = d.lookup(PDFName.of('ColorSpace'));
  const channels = cs instanceof PDFName && cs.asString() === '/DeviceRGB' ? 3 : 1;
  let data: Uint8Array = inflateSync(s.contents);
  const parms = d.lookupMaybe(PDFName.of('DecodeParms'), PDFDict);
  const stride = Math.ceil((width * channels * bpc) / 8);
  if (num(parms, 'Predictor', 1) >= 10) data = unpredict(data, stride, Math.max(1, (channels * bpc) >> 3), height);
  if (bpc === 16) data = data.filter((_, i) => i % 2 === 0);
  return { width, height, channels, data };
}

/** Every image XObject of the PDF that is not another's soft mask, as RGBA. */
export async function readPdfImages(bytes: Uint8Array): Promise<PdfImage[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const images: PDFRawStream[] = [];
  const masks = new Set<PDFRawStream>();
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream) || obj.dict.lookup(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    images.push(obj);
    const m = obj.dict.lookupMaybe(PDFName.of('SMask'), PDFRawStream);
    if (m) masks.add(m);
  }
  return images
    .filter((s) => !masks.has(s))
    .map((s) => {
      const img = samples(s);
      const m = s.dict.lookupMaybe(PDFName.of('SMask'), PDFRawStream);
      const alpha = m ? samples(m).data : null;
      const rgba = new Uint8Array(img.width * img.height * 4);
      for (let p = 0; p < img.width * img.height; p++) {
        for (let c = 0; c < 3; c++) rgba[p * 4 + c] = img.data[p * img.channels + (img.channels === 3 ? c : 0)]!;
        rgba[p * 4 + 3] = alpha ? alpha[p]! : 255;
      }
      return { width: img.width, height: img.height, rgba };
    });
}
