/**
 * A small zip reader for office files (.docx, .xlsx are zip archives), for
 * untrusted input: the central directory is read, entries are inflated one
 * by one with a cap on each entry's and on the total unpacked size (a zip
 * bomb stops at the cap, it is never inflated whole), and only the stored
 * and deflate methods are read. No dependency, and nothing of Node's: the
 * bytes are read with a DataView and inflated by the platform's
 * `DecompressionStream('deflate-raw')` (Node 20, Chromium, Firefox), stopped
 * at the cap, so the same reader runs in the playground. The parts an
 * importer reads (XML, relationships) are inflated when the archive is
 * opened (ZipReader.open); other entries (images) never are.
 */
import { ImportError } from './error.js';

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

const bad = (): ImportError => new ImportError('berkas zip (Word/Excel/OpenDocument) rusak atau tidak dapat dibaca', 'the zip file (Word/Excel/OpenDocument) is damaged or cannot be read');
/** Too much when unpacked: each limit said as it is, so that the reader knows which one the file passed. */
const bomb = (what: 'total' | 'entry' | 'entries'): ImportError => {
  const mb = (n: number): number => n / 1048576;
  if (what === 'entries')
    return new ImportError(
      `berkas Word/Excel ini berisi terlalu banyak bagian (lebih dari ${ZIP_LIMITS.entries}); tidak dibaca`,
      `this Word/Excel file holds too many parts (over ${ZIP_LIMITS.entries}); not read`,
    );
  if (what === 'entry')
    return new ImportError(
      `satu bagian berkas Word/Excel ini terlalu besar bila dibuka (lebih dari ${mb(ZIP_LIMITS.entryBytes)} MB); tidak dibaca`,
      `one part of this Word/Excel file is too large when unpacked (over ${mb(ZIP_LIMITS.entryBytes)} MB); not read`,
    );
  return new ImportError(
    `isi berkas Word/Excel ini terlalu besar bila dibuka (lebih dari ${mb(ZIP_LIMITS.totalBytes)} MB); tidak dibaca`,
    `this Word/Excel file is too large when unpacked (over ${mb(ZIP_LIMITS.totalBytes)} MB); not read`,
  );
};

export class ZipReader {
  readonly entries = new Map<string, ZipEntry>();
  private unpacked = 0;
  private readonly parts = new Map<string, string>();
  private readonly view: DataView;

  private constructor(private readonly buf: Uint8Array) {
    const v = (this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength));
    // End of central directory: the last 22..65557 bytes.
    let eocd = -1;
    for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
      if (v.getUint32(i, true) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw bad();
    const count = v.getUint16(eocd + 10, true);
    const cdSize = v.getUint32(eocd + 12, true);
    const cdOffset = v.getUint32(eocd + 16, true);
    if (count > ZIP_LIMITS.entries) throw bomb('entries');
    if (cdOffset + cdSize > buf.length) throw bad();
    const utf8 = new TextDecoder('utf-8');
    let p = cdOffset;
    for (let n = 0; n < count; n++) {
      if (p + 46 > buf.length || v.getUint32(p, true) !== 0x02014b50) throw bad();
      const method = v.getUint16(p + 10, true);
      const compressedSize = v.getUint32(p + 20, true);
      const size = v.getUint32(p + 24, true);
      const nameLen = v.getUint16(p + 28, true);
      const extraLen = v.getUint16(p + 30, true);
      const commentLen = v.getUint16(p + 32, true);
      const offset = v.getUint32(p + 42, true);
      const name = utf8.decode(buf.subarray(p + 46, p + 46 + nameLen));
      this.entries.set(name, { name, method, compressedSize, size, offset });
      p += 46 + nameLen + extraLen + commentLen;
    }
  }

  /** Reads the archive's directory and inflates its XML parts (`.xml`, `.rels`), within the caps. */
  static async open(bytes: Uint8Array): Promise<ZipReader> {
    const z = new ZipReader(bytes);
    const utf8 = new TextDecoder('utf-8');
    for (const name of [...z.entries.keys()].sort()) {
      if (!/\.(xml|rels)$/i.test(name)) continue;
      z.parts.set(name, utf8.decode(await z.read(name)));
    }
    return z;
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** One entry's bytes, inflated within the caps. */
  private async read(name: string): Promise<Uint8Array> {
    const e = this.entries.get(name)!;
    const b = this.buf;
    const v = this.view;
    if (e.offset + 30 > b.length || v.getUint32(e.offset, true) !== 0x04034b50) throw bad();
    const start = e.offset + 30 + v.getUint16(e.offset + 26, true) + v.getUint16(e.offset + 28, true);
    const end = start + e.compressedSize;
    if (end > b.length) throw bad();
    const room = Math.min(ZIP_LIMITS.entryBytes, ZIP_LIMITS.totalBytes - this.unpacked);
    // Which limit a size over `room` passes: the entry's own, or the whole file's.
    const over = (): ImportError => bomb(room === ZIP_LIMITS.entryBytes ? 'entry' : 'total');
    // The declared size can lie: inflate with a hard output cap either way.
    if (e.size > room) throw over();
    let out: Uint8Array;
    if (e.method === 0) out = b.subarray(start, end);
    else if (e.method === 8) out = await inflateRaw(b.subarray(start, end), room, over);
    else throw bad();
    if (out.length > room) throw over();
    this.unpacked += out.length;
    return out;
  }

  /** An XML part's text; null when there is no such part. */
  text(name: string): string | null {
    return this.parts.get(name) ?? null;
  }
}

/** Raw deflate data inflated by the platform's DecompressionStream, stopped (and the stream cancelled, `over` thrown) past `max` bytes. */
async function inflateRaw(data: Uint8Array, max: number, over: () => ImportError): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    reader = stream.getReader();
  } catch {
    throw bad();
  }
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > max) {
        void reader.cancel().catch(() => undefined);
        throw over();
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw bad();
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
