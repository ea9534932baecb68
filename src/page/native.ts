/**
 * The native outputs of `sop build` (no browser): the PDF (PDF/A-2b), the
 * SVG of the procedure as one table, and that SVG rasterised by resvg (a
 * native build shipped in its npm package) with the bundled font.
 */
import type { SopConfig } from '../model/config.js';
import type { SopModel } from '../model/model.js';
import type { PdfMeta } from '../render/pdf.js';
import { buildDocument, drawnHeights, procedureSheet, type PageOptions } from './build.js';
import type { MeasuredHeights } from '../layout/paginate.js';
import type { DocumentModel } from './types.js';
import { imageSize } from './image-size.js';
import { fontFile, renderNativePdf } from './pdf.js';
import { pageSvg } from './svg.js';

export type PdfEngine = 'native' | 'chromium';
export const PDF_ENGINES: readonly PdfEngine[] = ['native', 'chromium'];

/** PNG resolution by default, dots per inch (the SVG's px are 1/96 in). */
export const PNG_DPI = 200;
/** The largest PNG drawn, in pixels (about 200 MB of RGBA while it is drawn); a larger one is drawn smaller. */
export const PNG_MAX_PIXELS = 50_000_000;

export interface NativeInput {
  readonly model: SopModel;
  readonly config: SopConfig;
  readonly logo?: { readonly mime: string; readonly bytes: Uint8Array } | null;
  /** Keterkaitan hrefs by item. */
  readonly links?: readonly (string | null)[];
}

function pageOptions(input: NativeInput): PageOptions {
  let logo: PageOptions['logo'] = null;
  if (input.logo) {
    const size = imageSize(input.logo.bytes);
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

/** An image PDFKit can embed: PNG and JPEG as they are, a GIF or WebP logo drawn to PNG first (resvg reads both). */
export async function drawableImage(img: Picture): Promise<Picture> {
  if (img.mime === 'image/png' || img.mime === 'image/jpeg') return img;
  const png = await rasterise(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${img.width}" height="${img.height}"><image width="${img.width}" height="${img.height}" href="data:${img.mime};base64,${Buffer.from(img.bytes).toString('base64')}"/></svg>`,
    1,
  );
  return { ...img, mime: 'image/png', bytes: png.png };
}

/** The row, header, caption and footer heights the native PDF paginates on: the HTML beside it is paginated on them. */
export function nativePagination(model: SopModel, config: SopConfig): MeasuredHeights {
  return drawnHeights(model, config);
}

export function nativeSvg(input: NativeInput): string {
  return pageSvg(procedureSheet(input.model, pageOptions(input)), input.model.name ? `SOP ${input.model.name}` : 'SOP');
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
  const { Resvg } = await import('@resvg/resvg-js');
  const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  const w = m ? Number(m[1]) : 1;
  const h = m ? Number(m[2]) : 1;
  let k = scale;
  let capped = false;
  if (w * h * k * k > maxPixels) {
    k = Math.sqrt(maxPixels / (w * h));
    capped = true;
  }
  const r = new Resvg(svg, {
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
  const img = r.render();
  return { png: new Uint8Array(img.asPng()), scale: k, capped, width: img.width, height: img.height };
}

/** The procedure as PNG at `dpi`. */
export async function nativePng(input: NativeInput, dpi = PNG_DPI, maxPixels = PNG_MAX_PIXELS): Promise<Raster> {
  return rasterise(nativeSvg(input), dpi / 96, maxPixels);
}
