/**
 * A logo on its way into the PDF. PDFKit embeds a JPEG, and an RGB, grey or palette PNG, as they are (the PDF reader
 * decodes them); every other PNG (alpha, interlaced, a transparency chunk) it decodes itself with png-js, which
 * throws from zlib's callback, out of reach of any try (a crash with a stack trace), on data it cannot read, and
 * reads sub-byte interlaced rows, and grey or RGB transparency, wrongly. So:
 *
 * - such a PNG is decoded by resvg (src/page/native.ts drawableImage; the same decoder as the PNG output's) and
 *   handed to PDFKit as the PNG we write of its pixels: png-js decodes only our own PNGs;
 * - at the writer (embedPicture) a logo is checked once more (src/util/image-check.ts: the same check as SOP506) and
 *   anything PDFKit throws while embedding it becomes a PictureError naming the logo, which the commands say in one
 *   line (exit 2), never a stack trace.
 */
import type { Lang } from '../diagnostics/catalog.js';
import { imageKind, imageProblem, type ImageProblem } from '../util/image-check.js';
import { visibleLine } from '../util/text.js';

/** A logo the PDF writer cannot embed: the logo's file as messages name it (null when unknown), and why. */
export class PictureError extends Error {
  constructor(
    readonly logo: string | null,
    readonly problem: ImageProblem | 'decoder',
    readonly detail: string,
  ) {
    super(`${logo ?? 'logo'}: ${problem}${detail ? ` (${detail})` : ''}`);
  }
}

const WHY: Readonly<Record<PictureError['problem'], readonly [string, string]>> = {
  dimensions: ['ukurannya melebihi batas', 'its size is over the limit'],
  corrupt: ['berkas gambarnya rusak atau terpotong', 'the image file is corrupt or cut short'],
  unsupported: ['jenis gambarnya tidak dapat dimuat dalam PDF', 'its kind cannot be held in a PDF'],
  decoder: ['gambarnya tidak dapat diurai', 'the image cannot be decoded'],
};

/** What a command says of it, after `sop: `: the logo, why, and the decoder's words (one line, shown visibly). */
export function pictureFailure(e: PictureError, lang: Lang): string {
  const en = lang === 'en';
  const why = WHY[e.problem][en ? 1 : 0];
  const detail = e.detail ? ` (${visibleLine(e.detail).slice(0, 200)})` : '';
  return `${visibleLine(e.logo ?? 'logo')}: ${en ? 'the logo cannot be drawn' : 'logo tidak dapat digambar'}: ${why}${detail}`;
}

/** A PictureError sent from a drawing thread (src/page/native-worker.ts) and back. */
export interface PictureFacts {
  readonly logo: string | null;
  readonly problem: PictureError['problem'];
  readonly detail: string;
}
export const pictureFacts = (e: PictureError): PictureFacts => ({ logo: e.logo, problem: e.problem, detail: e.detail });
export const pictureErrorOf = (f: PictureFacts): PictureError => new PictureError(f.logo, f.problem, f.detail);

/**
 * Whether PDFKit would decode this (sound) PNG's pixels with png-js rather than embed its rows: colour types 4 and 6
 * (alpha), interlaced, or with a tRNS chunk.
 */
export function pngDecodedByPdfkit(b: Uint8Array): boolean {
  if (b.length < 33) return false;
  const color = b[25]!;
  if (color === 4 || color === 6 || b[28] === 1) return true;
  for (let i = 8; i + 8 <= b.length; ) {
    const len = ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
    const type = String.fromCharCode(b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!);
    if (type === 'tRNS') return true;
    if (type === 'IDAT' || type === 'IEND') return false;
    i += 12 + len;
  }
  return false;
}

/** What embedPicture needs of PDFKit's document. */
interface ImageDoc {
  image(src: Buffer, x: number, y: number, options: { width: number; height: number }): unknown;
}

/**
 * The logo drawn at (x, y), w by h: checked first (a PNG or JPEG that passes src/util/image-check.ts, as SOP506
 * has it), and whatever PDFKit throws while reading it turned into a PictureError naming the logo.
 */
export function embedPicture(pdf: ImageDoc, m: { readonly mime: string; readonly bytes: Uint8Array; readonly name?: string; readonly x: number; readonly y: number; readonly w: number; readonly h: number }): void {
  const kind = imageKind(m.mime);
  const problem = kind === 'png' || kind === 'jpeg' ? imageProblem(m.bytes, kind) : 'unsupported';
  if (problem) throw new PictureError(m.name ?? null, problem, '');
  try {
    pdf.image(Buffer.from(m.bytes), m.x, m.y, { width: m.w, height: m.h });
  } catch (e) {
    // PDFKit throws strings too ('SOI not found in JPEG').
    throw new PictureError(m.name ?? null, 'decoder', (e instanceof Error ? e.message : String(e)).split('\n')[0]!);
  }
}
