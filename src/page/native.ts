/**
 * The native outputs of `sop build` (no browser): the PDF (PDF/A-2b), the
 * SVG of the procedure as one table, and that SVG rasterised by resvg (a
 * native build shipped in its npm package) with the bundled font.
 */
import * as zlib from 'node:zlib';
import { constants as zlibConstants, deflateSync } from 'node:zlib';
import type { SopConfig } from '../model/config.js';
import type { SopModel } from '../model/model.js';
import type { PdfMeta } from '../render/pdf.js';
import { buildDocument, documentLayout, drawnHeights, procedureSheet, type PageOptions } from './build.js';
import type { SopLayout } from '../layout/types.js';
import type { MeasuredHeights } from '../layout/paginate.js';
import type { DocumentModel, PageModel } from './types.js';
import { drawableSize } from '../util/image-check.js';
import { PictureError, pngDecodedByPdfkit } from './picture.js';
import { crc32 } from '../util/crc32.js';
import { fontFile, renderNativePdf } from './pdf.js';
import { deflated } from './pdf-streams.js';
import { pageSvg } from './svg.js';
import { rasteriseGrey } from './raster.js';

export type PdfEngine = 'native' | 'chromium';
export const PDF_ENGINES: readonly PdfEngine[] = ['native', 'chromium'];

/** PNG resolution by default, dots per inch (the SVG's px are 1/96 in). */
export const PNG_DPI = 200;
/** The largest PNG drawn, in pixels (about 200 MB of RGBA while it is drawn); a larger one is drawn smaller. */
export const PNG_MAX_PIXELS = 50_000_000;

export interface NativeInput {
  readonly model: SopModel;
  readonly config: SopConfig;
  /** The logo: its bytes and type, and its file as messages name it (src/page/picture.ts). */
  readonly logo?: { readonly mime: string; readonly bytes: Uint8Array; readonly name?: string } | null;
  /** Keterkaitan hrefs by item. */
  readonly links?: readonly (string | null)[];
}

function pageOptions(input: NativeInput): PageOptions {
  let logo: PageOptions['logo'] = null;
  if (input.logo) {
    const size = drawableSize(input.logo.mime, input.logo.bytes);
    if (size) logo = { ...input.logo, ...size };
  }
  return { config: input.config, logo, ...(input.links ? { links: input.links } : {}) };
}

export async function nativePdf(input: NativeInput, meta: PdfMeta): Promise<Uint8Array> {
  return renderNativePdf(await nativeDocument(input), meta);
}

/** The page model of the PDF. */
export async function nativeDocument(input: NativeInput): Promise<DocumentModel> {
  const opts = pageOptions(input);
  return buildDocument(input.model, opts.logo ? { ...opts, logo: await drawableImage(opts.logo) } : opts);
}

type Picture = NonNullable<PageOptions['logo']>;

/** Whether drawableImage hands PDFKit other bytes than the logo's own (then it works on libuv's pool). */
const redrawn = (img: Picture): boolean => img.mime !== 'image/jpeg' && (img.mime !== 'image/png' || pngDecodedByPdfkit(img.bytes));

/** The last logo drawn to PNG and its PNG (`done` once drawn): every SOP of a build or a book asks for the same logo. */
let lastDrawn: { readonly from: Uint8Array; readonly to: Promise<Uint8Array>; done: Uint8Array | null } | null = null;

/**
 * An image PDFKit can embed without png-js reading its bytes (src/page/picture.ts): a JPEG, and an RGB, grey or
 * palette PNG, as they are; a GIF or WebP logo drawn to PNG first on white (resvg reads both), and a PNG that
 * PDFKit would decode itself (alpha, interlaced, a transparency chunk) decoded by resvg, its alpha kept.
 */
export async function drawableImage(img: Picture): Promise<Picture> {
  if (!redrawn(img)) return img;
  if (!lastDrawn || Buffer.compare(lastDrawn.from, img.bytes) !== 0) {
    const to = (img.mime === 'image/png' ? decodedPng(img) : rasterise(imageSvg(img), 1).then((r) => r.png)).catch((e: unknown) => {
      throw new PictureError(img.name ?? null, 'decoder', e instanceof Error ? e.message : String(e));
    });
    const entry: NonNullable<typeof lastDrawn> = { from: Uint8Array.from(img.bytes), to, done: null };
    lastDrawn = entry;
    // A failure is the caller's to see, once: a later logo draws afresh.
    to.then(
      (b) => (entry.done = b),
      () => (lastDrawn = lastDrawn === entry ? null : lastDrawn),
    );
  }
  return { ...img, mime: 'image/png', bytes: await lastDrawn.to };
}

/**
 * drawableImage's answer when it has it already (the logo drawn for an earlier SOP), else null, having started it: the
 * page models `sop build --jobs` makes on the main thread (nativeDocumentNow) need it at once, and all SOPs but the
 * first share their logo.
 */
function drawableImageNow(img: Picture): Picture | null {
  if (!redrawn(img)) return img;
  if (lastDrawn?.done && Buffer.compare(lastDrawn.from, img.bytes) === 0) return { ...img, mime: 'image/png', bytes: lastDrawn.done };
  drawableImage(img).catch(() => {});
  return null;
}

const imageSvg = (img: Picture): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${img.width}" height="${img.height}"><image width="${img.width}" height="${img.height}" href="data:${img.mime};base64,${Buffer.from(img.bytes).toString('base64')}"/></svg>`;

/**
 * A sound PNG (src/util/image-check.ts) as the PNG we write of resvg's decoding of it, pixel for pixel, with its
 * transparency (resvg's pixels are premultiplied: divided out again). Should resvg draw nothing at all (a PNG it
 * refuses leaves the image out), the logo's own bytes are kept: they passed the same check as SOP506.
 */
async function decodedPng(img: Picture): Promise<Uint8Array> {
  const { renderAsync } = await import('@resvg/resvg-js');
  const r = await renderAsync(imageSvg(img), { fitTo: { mode: 'zoom', value: 1 }, imageRendering: 0, shapeRendering: 2 });
  const px = new Uint8Array(r.pixels);
  let seen = false;
  for (let i = 0; i < px.length; i += 4) {
    const a = px[i + 3]!;
    if (a === 0) continue;
    seen = true;
    if (a === 255) continue;
    for (let c = i; c < i + 3; c++) px[c] = Math.min(255, Math.round((px[c]! * 255) / a));
  }
  return seen ? encodePng(px, r.width, r.height, 96) : img.bytes;
}

/** The row, header, caption and footer heights the native PDF paginates on: the HTML beside it is paginated on them. */
export function nativePagination(model: SopModel, config: SopConfig): MeasuredHeights {
  return drawnHeights(model, config);
}

/** The native PDF's layout (paginated on nativePagination's heights): the HTML beside it is drawn from it too, not laid out again. */
export function nativeLayout(model: SopModel, config: SopConfig): SopLayout {
  return documentLayout(model, config);
}

export function nativeSvg(input: NativeInput): string {
  return nativeSheet(input).svg();
}

/** The SVG the PNG is drawn from: nativeSvg's drawing with its text as glyph outlines (resvg shapes no text). */
export function nativeRasterSvg(input: NativeInput): string {
  return nativeSheet(input).rasterSvg();
}

/**
 * The procedure as one table (the page model's procedureSheet), made once for the SVG and the PNG of one SOP: the
 * `.svg` with real text, and the SVG resvg rasterises, the same drawing with each line of text as glyph outlines.
 */
export function nativeSheet(input: NativeInput): NativeSheet {
  let sheet: PageModel | null = null;
  return sheetOf(() => (sheet ??= procedureSheet(input.model, pageOptions(input))), sheetTitle(input));
}

export interface NativeSheet {
  /** The procedure sheet's page model (made on first use). */
  page(): PageModel;
  svg(): string;
  rasterSvg(): string;
  png(scale: number): Promise<Raster>;
}

/** The `.svg`'s title. */
export const sheetTitle = (input: NativeInput): string => (input.model.name ? `SOP ${input.model.name}` : 'SOP');

/** The SVG and PNG of a procedure sheet made already (`sop build --jobs`: on the main thread, drawn on another). */
export function sheetOf(page: () => PageModel, title: string): NativeSheet {
  return {
    page,
    svg: () => pageSvg(page(), title),
    rasterSvg: () => pageSvg(page(), 'SOP', true),
    png: (scale) => rasteriseSheet(page(), scale),
  };
}

/**
 * One SOP's PDF and procedure sheet, from page models made already where given (`sop build --jobs`: on the main
 * thread, from the layouts it has for the HTML; src/page/build-native.ts), else made here when first asked.
 */
export function preparedDrawing(
  input: NativeInput,
  pages?: { readonly document: DocumentModel | null; readonly sheet: PageModel | null },
): { readonly sheet: NativeSheet; pdf(meta: PdfMeta): Promise<Uint8Array> } {
  const made = pages?.sheet;
  const document = pages?.document;
  return {
    sheet: made ? sheetOf(() => made, sheetTitle(input)) : nativeSheet(input),
    pdf: (meta) => (document ? renderNativePdf(document, meta) : nativePdf(input, meta)),
  };
}

/**
 * The PDF's page model when it needs nothing asynchronous (a GIF or WebP logo, or a PNG PDFKit would decode, is
 * drawn to PNG first, by resvg on libuv's pool: null then, unless an earlier SOP's drawing of it is done).
 */
export function nativeDocumentNow(input: NativeInput): DocumentModel | null {
  const opts = pageOptions(input);
  const logo = opts.logo ? drawableImageNow(opts.logo) : null;
  if (opts.logo && !logo) return null;
  return buildDocument(input.model, { ...opts, logo });
}

/**
 * The procedure sheet as PNG at `scale` (pixels per px), never over `maxPixels`: drawn in grey straight into the
 * PNG's rows (src/page/raster.ts); a sheet with an image (a logo) through resvg, from the SVG of outlines.
 */
export async function rasteriseSheet(page: PageModel, scale: number, maxPixels = PNG_MAX_PIXELS): Promise<Raster> {
  const w = page.width;
  const h = page.height;
  let k = scale;
  let capped = false;
  if (w * h * k * k > maxPixels) {
    k = Math.sqrt(maxPixels / (w * h));
    capped = true;
  }
  const grey = rasteriseGrey(page, k);
  if (grey === null) return rasterise(pageSvg(page, 'SOP', true), scale, maxPixels);
  // Compressed on libuv's thread pool: `sop build` draws the next output meanwhile.
  // Its output in one piece (zlib's default of 16 KB pieces came back to the main thread ~15 times a PNG).
  const chunkSize = Math.max(1 << 16, grey.rows.length >> 3);
  const idat = await deflated(grey.rows, { ...PNG_ZLIB, chunkSize });
  grey.release();
  return { png: pngOf(idat, grey.width, grey.height, 0, k * 96), scale: k, capped, width: grey.width, height: grey.height };
}

export interface Raster {
  readonly png: Uint8Array;
  /** The scale used (px of the SVG to pixels); smaller than asked when the pixel cap applied. */
  readonly scale: number;
  /** True when the PNG was drawn smaller than asked, to stay under PNG_MAX_PIXELS. */
  readonly capped: boolean;
  readonly width: number;
  readonly height: number;
}

/** The SVG as PNG at `scale` (pixels per SVG px), never over PNG_MAX_PIXELS. */
export async function rasterise(svg: string, scale: number, maxPixels = PNG_MAX_PIXELS): Promise<Raster> {
  const { renderAsync } = await import('@resvg/resvg-js');
  const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  const w = m ? Number(m[1]) : 1;
  const h = m ? Number(m[2]) : 1;
  let k = scale;
  let capped = false;
  if (w * h * k * k > maxPixels) {
    k = Math.sqrt(maxPixels / (w * h));
    capped = true;
  }
  // Parsed and drawn on libuv's thread pool: `sop build` draws the next PDF meanwhile.
  const img = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: k },
    background: '#ffffff',
    font: {
      loadSystemFonts: false,
      fontFiles: [fontFile('Regular'), fontFile('Bold'), fontFile('Italic'), fontFile('BoldItalic')],
      defaultFontFamily: 'Liberation Sans',
      sansSerifFamily: 'Liberation Sans',
    },
    imageRendering: 0,
    shapeRendering: 2,
    textRendering: 1,
  });
  return { png: encodePng(img.pixels, img.width, img.height, k * 96), scale: k, capped, width: img.width, height: img.height };
}

/** zlib's CRC-32 where Node has it (20.15 on): ~0.5 ms less a PNG than util/crc32.ts's table, the same value. */
const zlibCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(zlibCrc32 ? zlibCrc32(out.subarray(4, 8 + data.length)) >>> 0 : crc32(out, 4, 8 + data.length), 8 + data.length);
  return out;
}

/**
 * The PNG of resvg's pixels (RGBA, drawn on white), written here rather than by resvg's asPng(): grey (one byte a
 * pixel) when every pixel is grey, as a drawing without a coloured logo is, and no alpha when every pixel is opaque,
 * compressed by zlib at its fastest level with its run-length strategy (the drawing is mostly white runs): under a
 * third of asPng's bytes in a fraction of its time. The resolution is recorded (pHYs). The same pixels give the same
 * bytes.
 */
export function encodePng(px: Uint8Array, w: number, h: number, dpi: number): Uint8Array {
  // Pixels as 32-bit words (little-endian: R in the low byte); white, the most common, checked first.
  const aligned = px.byteOffset % 4 === 0 ? px : new Uint8Array(px);
  const words = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length >> 2);
  // Grey and opaque, the usual case, in one pass: each pixel's red byte. The first pixel that is not sends the
  // image to the general case below.
  let raw = greyRows(words, w, h);
  let grey = true;
  let opaque = true;
  if (raw === null) {
    for (let i = 0; i < words.length && (grey || opaque); i++) {
      const v = words[i]!;
      if (v === 0xffffffff) continue;
      const r = v & 0xff;
      if (((v >>> 8) & 0xff) !== r || ((v >>> 16) & 0xff) !== r) grey = false;
      if (v >>> 24 !== 255) opaque = false;
    }
    raw = rows(words, aligned, w, h, (grey ? 1 : 3) + (opaque ? 0 : 1));
  }
  return pngFile(raw, w, h, grey ? (opaque ? 0 : 4) : opaque ? 2 : 6, dpi);
}

/** A PNG file of rows (each a filter byte, 0, and its pixels) of colour type `type`, 8 bits a sample, `dpi` in pHYs. */
function pngFile(raw: Buffer, w: number, h: number, type: number, dpi: number): Uint8Array {
  return pngOf(deflateSync(raw, PNG_ZLIB), w, h, type, dpi);
}

/** zlib at its fastest level with its run-length strategy: the drawing is mostly runs of white. */
const PNG_ZLIB = { level: 1, strategy: zlibConstants.Z_RLE } as const;

/** A PNG file of compressed rows (IDAT). */
function pngOf(idat: Buffer, w: number, h: number, type: number, dpi: number): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = type;
  const phys = Buffer.alloc(9);
  const ppm = Math.round(dpi / 0.0254);
  phys.writeUInt32BE(ppm, 0);
  phys.writeUInt32BE(ppm, 4);
  phys[8] = 1;
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([sig, chunk('IHDR', ihdr), chunk('pHYs', phys), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]));
}

let scratch = Buffer.alloc(0);

/** The rows of an image every pixel of which is grey and opaque, one byte a pixel (each row after its filter byte, 0); null for any other image. */
function greyRows(words: Uint32Array, w: number, h: number): Buffer | null {
  const stride = w + 1;
  // White first (a native fill), then the other pixels: most of a drawing is white. The buffer is kept for the next
  // PNG (it is compressed before this returns): a fresh one costs the kernel a page fault per 4 KB.
  if (scratch.length < stride * h) scratch = Buffer.allocUnsafe(stride * h);
  const raw = scratch.subarray(0, stride * h).fill(255);
  for (let y = 0; y < h; y++) {
    raw[y * stride] = 0;
    // The byte of pixel p of this row: p - at.
    const at = y * w - y * stride - 1;
    for (let p = y * w, end = p + w; p < end; p++) {
      const v = words[p]!;
      if (v === 0xffffffff) continue;
      const r = v & 0xff;
      // Opaque grey: the alpha 255, green and blue equal to red.
      if (v !== 0xff000000 + r * 0x010101) return null;
      raw[p - at] = r;
    }
  }
  return raw;
}

/** The rows of an image with `ch` bytes a pixel (1 grey, 2 grey and alpha, 3 RGB, 4 RGBA), each after its filter byte (0). */
function rows(words: Uint32Array, rgba: Uint8Array, w: number, h: number, ch: number): Buffer {
  const stride = w * ch + 1;
  const raw = Buffer.alloc(stride * h);
  for (let y = 0; y < h; y++) {
    let o = y * stride + 1;
    let p = y * w;
    const end = p + w;
    if (ch === 1) for (; p < end; p++) raw[o++] = words[p]! & 0xff;
    else if (ch === 3)
      for (; p < end; p++) {
        const v = words[p]!;
        raw[o++] = v & 0xff;
        raw[o++] = (v >>> 8) & 0xff;
        raw[o++] = (v >>> 16) & 0xff;
      }
    else if (ch === 2)
      for (; p < end; p++) {
        const v = words[p]!;
        raw[o++] = v & 0xff;
        raw[o++] = v >>> 24;
      }
    else raw.set(rgba.subarray(p * 4, end * 4), o);
  }
  return raw;
}

/** The procedure as PNG at `dpi`. */
export async function nativePng(input: NativeInput, dpi = PNG_DPI, maxPixels = PNG_MAX_PIXELS): Promise<Raster> {
  return rasteriseSheet(procedureSheet(input.model, pageOptions(input)), dpi / 96, maxPixels);
}
