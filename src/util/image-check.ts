/**
 * The structure of a logo, checked before anything decodes it: a logo is
 * untrusted (docs/security.md), and the decoders behind the PDF and PNG
 * drawing (PDFKit's png-js, resvg) allocate what the header claims and throw
 * or swallow gigabytes on a header that lies, and png-js throws from zlib's
 * callback (a crash) on image data that does not inflate. So a logo whose
 * declared size is over LOGO_MAX_SIDE a side or LOGO_MAX_PIXELS in all, whose
 * chunks, markers or PNG image data are broken, or that PDF cannot hold (a
 * JPEG of 2 components), is refused by `sop check` (SOP506) and never drawn.
 * The rules are documented in docs/language.md ("The logo").
 */
import { crc32 } from './crc32.js';
import { imageSize } from './image-size.js';
import { pngDataSound, type PngHeader } from './png-data.js';

/** The widest or tallest logo accepted, in px (a logo prints about 2 cm wide: 300 px are enough). */
export const LOGO_MAX_SIDE = 8000;
/** The most pixels a logo may declare (16 million: 64 MB once decoded to RGBA). */
export const LOGO_MAX_PIXELS = 16_000_000;

/** Over the size caps; broken; or sound but of a kind the PDF cannot hold (a JPEG of 2 components, 12 bits, arithmetic coding). */
export type ImageProblem = 'dimensions' | 'corrupt' | 'unsupported';

const u32be = (b: Uint8Array, i: number): number => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
const u32le = (b: Uint8Array, i: number): number => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16)) + ((b[i + 3]! << 24) >>> 0);
const u16le = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8);
const u16be = (b: Uint8Array, i: number): number => (b[i]! << 8) | b[i + 1]!;

const sizeOk = (w: number, h: number): boolean => w > 0 && h > 0 && w <= LOGO_MAX_SIDE && h <= LOGO_MAX_SIDE && w * h <= LOGO_MAX_PIXELS;

/**
 * PNG: signature, IHDR first (valid fields), every chunk whole with its CRC, a palette where the colour type needs
 * one (and none where it forbids one), a transparency chunk of the colour type's length, the IDAT chunks one after
 * the other and their data sound (src/util/png-data.ts: zlib, exactly the rows the header declares, filter bytes
 * 0 to 4), IEND.
 */
function pngProblem(b: Uint8Array): ImageProblem | null {
  let i = 8;
  let header: PngHeader | null = null;
  let palette = 0;
  const idat: Uint8Array[] = [];
  let idatEnded = false;
  while (i + 12 <= b.length) {
    const len = u32be(b, i);
    const type = String.fromCharCode(b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!);
    const end = i + 12 + len;
    if (len > 0x7fffffff || end > b.length) return 'corrupt';
    if (crc32(b, i + 4, i + 8 + len) !== u32be(b, i + 8 + len)) return 'corrupt';
    if (!header) {
      if (type !== 'IHDR' || len !== 13) return 'corrupt';
      const [depth, color, compression, filter, interlace] = [b[i + 16]!, b[i + 17]!, b[i + 18]!, b[i + 19]!, b[i + 20]!];
      const depths: Readonly<Record<number, readonly number[]>> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
      if (!depths[color]?.includes(depth) || compression !== 0 || filter !== 0 || interlace > 1) return 'corrupt';
      header = { width: u32be(b, i + 8), height: u32be(b, i + 12), depth, color, interlace };
      if (!sizeOk(header.width, header.height)) return 'dimensions';
    } else if (type === 'IHDR') return 'corrupt';
    else if (type === 'PLTE') {
      // Once, before the data; 1 to 256 entries of 3 bytes; never in a grey image.
      if (palette > 0 || idat.length > 0 || len % 3 !== 0 || len === 0 || len > 768 || header.color === 0 || header.color === 4) return 'corrupt';
      palette = len / 3;
    } else if (type === 'tRNS') {
      // Before the data: a grey level (2 bytes), an RGB colour (6), or at most an alpha a palette entry; no other image has one.
      const fits = header.color === 0 ? len === 2 : header.color === 2 ? len === 6 : header.color === 3 ? palette > 0 && len <= palette : false;
      if (!fits || idat.length > 0) return 'corrupt';
    } else if (type === 'IDAT') {
      if (idatEnded || (header.color === 3 && palette === 0)) return 'corrupt';
      idat.push(b.subarray(i + 8, i + 8 + len));
    } else if (type === 'IEND') {
      return idat.length > 0 && pngDataSound(header, Buffer.concat(idat)) ? null : 'corrupt';
    }
    if (type !== 'IDAT' && idat.length > 0) idatEnded = true;
    i = end;
  }
  return 'corrupt';
}

/** The SOF markers: frames of every coding process (C4 is DHT, C8 reserved, CC DAC). */
const isFrame = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/**
 * Where PDFKit finds the frame header: the first marker C0-CF but C4 after a scan for 0xFF, skipping segments by
 * their lengths (its JPEG class, which embeds the frame it reads as the image's size and colour space); -1 if none.
 */
function pdfkitFrame(b: Uint8Array): number {
  let pos = 2;
  while (pos < b.length) {
    while (pos < b.length && b[pos] !== 0xff) pos++;
    if (pos + 1 >= b.length) return -1;
    const marker = b[pos + 1]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4) return pos;
    pos += 2 + u16be(b, pos + 2);
  }
  return -1;
}

/**
 * JPEG: SOI, whole marker segments up to the first SOS, one frame (SOF) before it with a sane size, an EOI after
 * it. PDF's DCTDecode (and so the PDF drawing) takes only 8-bit Huffman frames, baseline or progressive, of 1 (grey),
 * 3 (YCbCr) or 4 (CMYK) components: any other is 'unsupported' (a frame of 0, 2 or 5 components gave a PDF whose
 * image no reader shows). The frame must be the one PDFKit reads.
 */
function jpegProblem(b: Uint8Array): ImageProblem | null {
  let i = 2;
  let frame: { w: number; h: number; at: number } | null = null;
  let unsupported = false;
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
    if (marker === 0xd8 || marker === 0xd9 || marker === 0xc8 || marker === 0xcc) return 'corrupt';
    const len = u16be(b, i + 2);
    if (len < 2 || i + 2 + len > b.length) return 'corrupt';
    if (isFrame(marker)) {
      const components = b[i + 9];
      if (frame || len < 8 || components === undefined || components === 0 || len !== 8 + 3 * components) return 'corrupt';
      frame = { w: u16be(b, i + 7), h: u16be(b, i + 5), at: i };
      if (marker > 0xc2 || b[i + 4] !== 8 || (components !== 1 && components !== 3 && components !== 4)) unsupported = true;
    }
    if (marker === 0xda) break;
    i += 2 + len;
  }
  if (!frame || pdfkitFrame(b) !== frame.at) return 'corrupt';
  if (!sizeOk(frame.w, frame.h)) return 'dimensions';
  if (unsupported) return 'unsupported';
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

/** The last image asked about and its answer: the same logo is asked about by every SOP that prints it, in each drawing. */
let last: { readonly bytes: Uint8Array; readonly type: string; readonly problem: ImageProblem | null } | null = null;

/**
 * What is wrong with an image of the given type (already sniffed by its magic
 * number): its declared size over the caps, a broken structure, or a kind the
 * PDF cannot hold; null when fine.
 */
export function imageProblem(b: Uint8Array, type: 'png' | 'jpeg' | 'gif' | 'webp'): ImageProblem | null {
  if (last && last.type === type && Buffer.compare(last.bytes, b) === 0) return last.problem;
  const problem = type === 'png' ? pngProblem(b) : type === 'jpeg' ? jpegProblem(b) : type === 'gif' ? gifProblem(b) : webpProblem(b);
  // A copy: the caller's buffer may be reused.
  last = { bytes: Uint8Array.from(b), type, problem };
  return problem;
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
