/** PNG and JPEG files made in the tests (zlib from node): sound ones of every kind, and hostile ones. */
import { constants, deflateRawSync, deflateSync } from 'node:zlib';
import { crc32 } from '../../src/util/crc32.js';
// The colour types' samples and Adam7's passes, as the PNG specification gives them (the checker's own tables).
import { ADAM7, CHANNELS } from '../../src/util/png-data.js';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A chunk with its length and CRC. */
export function chunk(type: string, data: Uint8Array | readonly number[]): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), Buffer.from(data)]);
  const out = Buffer.alloc(8 + body.length);
  out.writeUInt32BE(body.length - 4, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 4 + body.length);
  return out;
}

export interface PngSpec {
  readonly width: number;
  readonly height: number;
  readonly depth?: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey and alpha, 6 RGBA. */
  readonly color?: number;
  readonly interlace?: 0 | 1;
  /** The sample c of pixel (x, y), below 2^depth. */
  readonly sample?: (x: number, y: number, c: number) => number;
  /** Chunks between IHDR and IDAT (PLTE, tRNS). */
  readonly before?: readonly Buffer[];
  /** The IDAT's bytes instead of the rows compressed. */
  readonly idat?: Uint8Array;
  /** The filter byte of every row (0 unless given). */
  readonly filter?: number;
}

/** The rows as stored (each after its filter byte), interlaced or not. */
export function pngRows(s: PngSpec): Buffer {
  const depth = s.depth ?? 8;
  const color = s.color ?? 6;
  const ch = CHANNELS[color]!;
  const sample = s.sample ?? ((x, y, c) => (c === 3 ? (1 << depth) - 1 : (x * 37 + y * 11 + c * 5) % (1 << depth)));
  const rows: Buffer[] = [];
  for (const [x0, y0, dx, dy] of s.interlace ? ADAM7 : [[0, 0, 1, 1] as const]) {
    const xs: number[] = [];
    for (let x = x0; x < s.width; x += dx) xs.push(x);
    if (xs.length === 0) continue;
    for (let y = y0; y < s.height; y += dy) {
      const row = Buffer.alloc(1 + Math.ceil((xs.length * ch * depth) / 8));
      row[0] = s.filter ?? 0;
      let bit = 0;
      for (const x of xs) {
        for (let c = 0; c < ch; c++) {
          const v = sample(x, y, c);
          if (depth === 16) row.writeUInt16BE(v, 1 + (bit >> 3));
          else row[1 + (bit >> 3)]! |= v << (8 - depth - (bit & 7));
          bit += depth;
        }
      }
      rows.push(row);
    }
  }
  return Buffer.concat(rows);
}

export function png(s: PngSpec): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(s.width, 0);
  ihdr.writeUInt32BE(s.height, 4);
  ihdr[8] = s.depth ?? 8;
  ihdr[9] = s.color ?? 6;
  ihdr[12] = s.interlace ?? 0;
  const idat = s.idat ?? deflateSync(pngRows(s));
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), ...(s.before ?? []), chunk('IDAT', idat), chunk('IEND', [])]);
}

/**
 * A zlib stream of `gib` GiB of zeros in about 1 MB a GiB: the same 64 MiB piece compressed once (ending on a sync
 * flush, byte-aligned) and repeated, then a final empty block. No checksum: nothing that reads it may get that far.
 */
export function zeroBomb(gib: number): Buffer {
  const piece = deflateRawSync(Buffer.alloc(64 << 20), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...Array.from({ length: gib * 16 }, () => piece), Buffer.from([0x03, 0x00])]);
}

/** A JPEG's skeleton: SOI, a frame (`marker`, `precision`, `components`), a scan, a few bytes of data, EOI. */
export function jpeg(opts: { components: number; precision?: number; marker?: number; width?: number; height?: number }): Buffer {
  const n = opts.components;
  const frame = [0xff, opts.marker ?? 0xc0, 0, 8 + 3 * n, opts.precision ?? 8, 0, opts.height ?? 16, 0, opts.width ?? 16, n];
  for (let c = 1; c <= n; c++) frame.push(c, 0x11, 0);
  const scan = [0xff, 0xda, 0, 6 + 2 * Math.max(n, 1), Math.max(n, 1)];
  for (let c = 1; c <= Math.max(n, 1); c++) scan.push(c, 0);
  scan.push(0, 63, 0);
  return Buffer.from([0xff, 0xd8, ...frame, ...scan, 0x12, 0x34, 0x56, 0xff, 0xd9]);
}
