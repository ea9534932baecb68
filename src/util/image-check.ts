/**
 * The structure of a logo, checked before anything decodes it: a logo is
 * untrusted (docs/security.md), and the decoders behind the PDF and PNG
 * drawing (PDFKit's png-js, resvg) allocate what the header claims and throw
 * or swallow gigabytes on a header that lies. So a logo whose declared size
 * is over LOGO_MAX_SIDE a side or LOGO_MAX_PIXELS in all, or whose chunks or
 * markers are broken, is refused by `sop check` (SOP506) and never drawn.
 * The rules are documented in docs/language.md ("The logo").
 */
import { crc32 } from './crc32.js';
import { imageSize } from './image-size.js';

/** The widest or tallest logo accepted, in px (a logo prints about 2 cm wide: 300 px are enough). */
export const LOGO_MAX_SIDE = 8000;
/** The most pixels a logo may declare (16 million: 64 MB once decoded to RGBA). */
export const LOGO_MAX_PIXELS = 16_000_000;

export type ImageProblem = 'dimensions' | 'corrupt';

const u32be = (b: Uint8Array, i: number): number => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
const u32le = (b: Uint8Array, i: number): number => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16)) + ((b[i + 3]! << 24) >>> 0);
const u16le = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8);
const u16be = (b: Uint8Array, i: number): number => (b[i]! << 8) | b[i + 1]!;

const sizeOk = (w: number, h: number): boolean => w > 0 && h > 0 && w <= LOGO_MAX_SIDE && h <= LOGO_MAX_SIDE && w * h <= LOGO_MAX_PIXELS;

/** PNG: signature, IHDR first (valid fields), every chunk whole with its CRC, at least one IDAT, IEND. */
function pngProblem(b: Uint8Array): ImageProblem | null {
  let i = 8;
  let first = true;
  let idat = 0;
  while (i + 12 <= b.length) {
    const len = u32be(b, i);
    const type = String.fromCharCode(b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!);
    const end = i + 12 + len;
    if (len > 0x7fffffff || end > b.length) return 'corrupt';
    if (crc32(b, i + 4, i + 8 + len) !== u32be(b, i + 8 + len)) return 'corrupt';
    if (first) {
      if (type !== 'IHDR' || len !== 13) return 'corrupt';
      const [depth, color, compression, filter, interlace] = [b[i + 16]!, b[i + 17]!, b[i + 18]!, b[i + 19]!, b[i + 20]!];
      const depths: Readonly<Record<number, readonly number[]>> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
      if (!depths[color]?.includes(depth) || compression !== 0 || filter !== 0 || interlace > 1) return 'corrupt';
      if (!sizeOk(u32be(b, i + 8), u32be(b, i + 12))) return 'dimensions';
      first = false;
    } else if (type === 'IHDR') return 'corrupt';
    if (type === 'IDAT') idat++;
    if (type === 'IEND') return idat > 0 ? null : 'corrupt';
    i = end;
  }
  return 'corrupt';
}

/** JPEG: SOI, whole marker segments up to the first SOS, a frame (SOF) before it with a sane size, an EOI after it. */
function jpegProblem(b: Uint8Array): ImageProblem | null {
  let i = 2;
  let frame: { w: number; h: number } | null = null;
  for (;;) {
    if (i + 4 > b.length || b[i] !== 0xff) return 'corrupt';
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xd8 || marker === 0xd9) return 'corrupt';
    const len = u16be(b, i + 2);
    if (len < 2 || i + 2 + len > b.length) return 'corrupt';
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (len < 8) return 'corrupt';
      frame = { w: u16be(b, i + 7), h: u16be(b, i + 5) };
    }
    if (marker === 0xda) break;
    i += 2 + len;
  }
  if (!frame) return 'corrupt';
  if (!sizeOk(frame.w, frame.h)) return 'dimensions';
  // The entropy-coded data runs to an EOI (trailing bytes after it are allowed).
  for (let k = b.length - 2; k > i; k--) if (b[k] === 0xff && b[k + 1] === 0xd9) return null;
  return 'corrupt';
}

/** GIF: the screen and every image's size, color tables and sub-blocks whole, at least one image, the trailer. */
function gifProblem(b: Uint8Array): ImageProblem | null {
  if (b.length < 13) return 'corrupt';
  if (!sizeOk(u16le(b, 6), u16le(b, 8))) return 'dimensions';
  let i = 13 + (b[10]! & 0x80 ? 3 * (2 << (b[10]! & 7)) : 0);
  let images = 0;
  const subBlocks = (): boolean => {
    for (;;) {
      if (i >= b.length) return false;
      const n = b[i]!;
      i += 1 + n;
      if (n === 0) return true;
    }
  };
  for (;;) {
    if (i >= b.length) return 'corrupt';
    const block = b[i]!;
    if (block === 0x3b) return images > 0 ? null : 'corrupt';
    if (block === 0x21) {
      i += 2;
      if (!subBlocks()) return 'corrupt';
    } else if (block === 0x2c) {
      if (i + 10 > b.length) return 'corrupt';
      if (!sizeOk(u16le(b, i + 5), u16le(b, i + 7))) return 'dimensions';
      const flags = b[i + 9]!;
      i += 10 + (flags & 0x80 ? 3 * (2 << (flags & 7)) : 0) + 1; // + LZW minimum code size
      if (!subBlocks()) return 'corrupt';
      images++;
    } else return 'corrupt';
  }
}

/** WebP: the RIFF size within the file, every chunk whole, an image chunk (VP8/VP8L) with its signature, a sane size. */
function webpProblem(b: Uint8Array): ImageProblem | null {
  if (b.length < 20) return 'corrupt';
  const riffEnd = 8 + u32le(b, 4);
  if (riffEnd > b.length || riffEnd < 20) return 'corrupt';
  let i = 12;
  let image = false;
  while (i + 8 <= riffEnd) {
    const type = String.fromCharCode(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!);
    const len = u32le(b, i + 4);
    if (i + 8 + len > riffEnd) return 'corrupt';
    if (type === 'VP8 ' && (len < 10 || b[i + 11] !== 0x9d || b[i + 12] !== 0x01 || b[i + 13] !== 0x2a)) return 'corrupt';
    if (type === 'VP8L' && (len < 5 || b[i + 8] !== 0x2f)) return 'corrupt';
    if (type === 'VP8X' && len < 10) return 'corrupt';
    if (type === 'VP8 ' || type === 'VP8L' || type === 'ANMF') image = true;
    i += 8 + len + (len & 1);
  }
  if (!image) return 'corrupt';
  const size = imageSize(b);
  if (!size) return 'corrupt';
  return sizeOk(size.width, size.height) ? null : 'dimensions';
}

/**
 * What is wrong with an image of the given type (already sniffed by its magic
 * number): its declared size over the caps, or a broken structure; null when fine.
 */
export function imageProblem(b: Uint8Array, type: 'png' | 'jpeg' | 'gif' | 'webp'): ImageProblem | null {
  switch (type) {
    case 'png':
      return pngProblem(b);
    case 'jpeg':
      return jpegProblem(b);
    case 'gif':
      return gifProblem(b);
    case 'webp':
      return webpProblem(b);
  }
}

/** The MIME type's image kind, for the drawing's own check. */
export function imageKind(mime: string): 'png' | 'jpeg' | 'gif' | 'webp' | null {
  const m = /^image\/(png|jpeg|gif|webp)$/.exec(mime);
  return m ? (m[1] as 'png' | 'jpeg' | 'gif' | 'webp') : null;
}

/**
 * The size of a logo the drawing may decode: null (the logo is left out)
 * when its type is not one of the four or its structure or size is refused.
 * `sop check` refuses such a logo first (SOP506); this keeps the PDF and PNG
 * drawing from ever handing one to a decoder, whatever the caller.
 */
export function drawableSize(mime: string, bytes: Uint8Array): { width: number; height: number } | null {
  const kind = imageKind(mime);
  return kind && imageProblem(bytes, kind) === null ? imageSize(bytes) : null;
}
