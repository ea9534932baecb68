/**
 * A PNG's image data (its IDAT chunks), checked as the PDF drawing will read it: PDFKit embeds an RGB or grey PNG's
 * compressed rows as they are (the PDF reader inflates them) and inflates the others (alpha, interlaced) itself with
 * png-js, which inflates all there is, with no cap, and throws from zlib's callback (a crash, not an error) on a
 * stream that is not zlib or a row whose filter byte is not 0 to 4. So the data is inflated here first, never past
 * the size the header declares, and the rows are walked: `sop check` refuses (SOP506) what fails, and the drawing
 * never gets it (src/util/image-check.ts).
 */
import { inflateSync } from 'node:zlib';

/** The IHDR fields the rows depend on. */
export interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly depth: number;
  readonly color: number;
  readonly interlace: number;
}

/** Samples a pixel of each colour type: grey, -, RGB, palette index, grey and alpha, -, RGBA. */
export const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Adam7's passes: first column and row, then the steps across and down. */
export const ADAM7: readonly (readonly [number, number, number, number])[] = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/** The rows of the image as stored: per pass (one without interlacing), its row count and bytes a row (filter byte not counted). */
function passes(h: PngHeader): { rows: number; bytes: number }[] {
  const bits = h.depth * (CHANNELS[h.color] ?? 0);
  const list = h.interlace === 1 ? ADAM7 : [[0, 0, 1, 1] as const];
  const out: { rows: number; bytes: number }[] = [];
  for (const [x0, y0, dx, dy] of list) {
    const w = Math.ceil((h.width - x0) / dx);
    const rows = Math.ceil((h.height - y0) / dy);
    // An empty pass (an image narrower or shorter than it) has no rows at all, not even filter bytes.
    if (w > 0 && rows > 0) out.push({ rows, bytes: Math.ceil((w * bits) / 8) });
  }
  return out;
}

/** The bytes the image data inflates to: each row of each pass, a filter byte before it. */
export function inflatedSize(h: PngHeader): number {
  let n = 0;
  for (const p of passes(h)) n += p.rows * (1 + p.bytes);
  return n;
}

/**
 * Whether the image data is sound: a zlib stream that inflates to exactly the rows the header declares (inflating
 * stops one byte past them: a 2 MB stream of 2 GB of zeros costs no more than the image), each row's filter byte 0
 * to 4. The header is valid already (src/util/image-check.ts), its size under the caps (at most ~128 MB inflated:
 * 16 million pixels of 16-bit RGBA).
 */
export function pngDataSound(h: PngHeader, idat: Uint8Array): boolean {
  const size = inflatedSize(h);
  let raw: Buffer;
  try {
    raw = inflateSync(idat, { maxOutputLength: size });
  } catch {
    // Not zlib, a broken or cut stream, a preset dictionary, or more than the header declares.
    return false;
  }
  if (raw.length !== size) return false;
  let at = 0;
  for (const p of passes(h)) {
    for (let r = 0; r < p.rows; r++) {
      if (raw[at]! > 4) return false;
      at += 1 + p.bytes;
    }
  }
  return true;
}
