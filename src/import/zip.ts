/**
 * A small zip reader for office files (.docx, .xlsx are zip archives), for
 * untrusted input: the central directory is read, entries are inflated one
 * by one with a cap on each entry's and on the total unpacked size (a zip
 * bomb stops at the cap, it is never inflated whole), and only the stored
 * and deflate methods are read. No dependency: Node's zlib.
 */
import { inflateRawSync } from 'node:zlib';
import { ImportError } from './input.js';

export const ZIP_LIMITS = {
  entries: 5_000,
  /** Unpacked size of one entry. */
  entryBytes: 64 * 1024 * 1024,
  /** Unpacked size of all entries read. */
  totalBytes: 200 * 1024 * 1024,
};

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly offset: number;
}

const bad = (): ImportError => new ImportError('berkas zip (Word/Excel) rusak atau tidak dapat dibaca', 'the zip file (Word/Excel) is damaged or cannot be read');
const bomb = (): ImportError =>
  new ImportError(
    `isi berkas Word/Excel ini terlalu besar bila dibuka (lebih dari ${ZIP_LIMITS.totalBytes / 1048576} MB); tidak dibaca`,
    `this Word/Excel file is too large when unpacked (over ${ZIP_LIMITS.totalBytes / 1048576} MB); not read`,
  );

export class ZipReader {
  readonly entries = new Map<string, ZipEntry>();
  private unpacked = 0;

  constructor(private readonly buf: Buffer) {
    // End of central directory: the last 22..65557 bytes.
    let eocd = -1;
    for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
      if (buf.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw bad();
    const count = buf.readUInt16LE(eocd + 10);
    const cdSize = buf.readUInt32LE(eocd + 12);
    const cdOffset = buf.readUInt32LE(eocd + 16);
    if (count > ZIP_LIMITS.entries) throw bomb();
    if (cdOffset + cdSize > buf.length) throw bad();
    let p = cdOffset;
    for (let n = 0; n < count; n++) {
      if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw bad();
      const method = buf.readUInt16LE(p + 10);
      const compressedSize = buf.readUInt32LE(p + 20);
      const size = buf.readUInt32LE(p + 24);
      const nameLen = buf.readUInt16LE(p + 28);
      const extraLen = buf.readUInt16LE(p + 30);
      const commentLen = buf.readUInt16LE(p + 32);
      const offset = buf.readUInt32LE(p + 42);
      const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
      this.entries.set(name, { name, method, compressedSize, size, offset });
      p += 46 + nameLen + extraLen + commentLen;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** One entry's bytes, inflated within the caps; null when there is no such entry. */
  read(name: string): Buffer | null {
    const e = this.entries.get(name);
    if (!e) return null;
    const b = this.buf;
    if (e.offset + 30 > b.length || b.readUInt32LE(e.offset) !== 0x04034b50) throw bad();
    const start = e.offset + 30 + b.readUInt16LE(e.offset + 26) + b.readUInt16LE(e.offset + 28);
    const end = start + e.compressedSize;
    if (end > b.length) throw bad();
    const room = Math.min(ZIP_LIMITS.entryBytes, ZIP_LIMITS.totalBytes - this.unpacked);
    // The declared size can lie: inflate with a hard output cap either way.
    if (e.size > room) throw bomb();
    let out: Buffer;
    if (e.method === 0) out = b.subarray(start, end);
    else if (e.method === 8) {
      try {
        out = inflateRawSync(b.subarray(start, end), { maxOutputLength: room + 1 });
      } catch (err) {
        if ((err as { code?: string })?.code === 'ERR_BUFFER_TOO_LARGE' || /maxOutputLength|too large/i.test(String(err))) throw bomb();
        throw bad();
      }
    } else throw bad();
    if (out.length > room) throw bomb();
    this.unpacked += out.length;
    return out;
  }

  text(name: string): string | null {
    const b = this.read(name);
    return b === null ? null : b.toString('utf8');
  }
}
