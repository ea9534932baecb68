/**
 * How the native PDF (src/page/pdf.ts) gathers what PDFKit writes: the file's pieces kept and joined once, each
 * page's content joined as one string, and compressed on libuv's thread pool before the page ends, as PDFKit would
 * have compressed it (the same bytes).
 */
import { deflate, type ZlibOptions } from 'node:zlib';
import type { Doc, Ref } from './pdf.js';

/**
 * PDFKit writes the file a piece at a time (`_write`: each object's number, dictionary and stream apart), each piece
 * a Uint8Array of its own pushed through its Readable stream: thousands of 'data' events per PDF. Here the pieces
 * are kept instead, the strings joined as they come (with the newline PDFKit adds, one byte per character as it
 * converts them); the returned function gives them as bytes once the document has ended.
 */
export function writePieces(pdf: Doc): () => Uint8Array[] {
  const parts: Uint8Array[] = [];
  let text = '';
  const doc = pdf as Doc & { _write: (data: string | Uint8Array) => void; _offset: number };
  doc._write = (data: string | Uint8Array): void => {
    if (data instanceof Uint8Array) {
      if (text !== '') parts.push(Buffer.from(text, 'latin1'));
      text = '';
      parts.push(data);
      doc._offset += data.length;
    } else {
      const s = `${data}\n`;
      text += s;
      doc._offset += s.length;
    }
  };
  return () => {
    if (text !== '') parts.push(Buffer.from(text, 'latin1'));
    text = '';
    return parts;
  };
}

/** A page of PDFKit's (PDFPage): what its content is written with, and its end. */
export interface ContentPage {
  content: Ref & { write(chunk: Uint8Array): void; buffer: Uint8Array[]; compress: boolean };
  markings: unknown[];
  write(chunk: string | Uint8Array): void;
  end(): void;
}

/** zlib's deflate on libuv's thread pool (with its defaults: as PDFKit's deflateSync, the same bytes). */
export const deflated = (raw: Uint8Array, options: ZlibOptions = {}): Promise<Buffer> => new Promise((resolve, reject) => deflate(raw, options, (e, out) => (e ? reject(e) : resolve(out))));

/**
 * A page's content as one string: PDFKit turns each operator written to a page (`addContent`, a line of text, a
 * path) into a Uint8Array of its own with its newline, joined when the page ends. Here they are joined as strings
 * and written to the page's content stream once, before it ends: the same bytes. Returns the page's seal (NativePdf
 * sealPage): its content compressed ahead of its end, off the main thread, as PDFKit would have compressed it.
 */
export function joinContent(page: ContentPage): () => Promise<void> {
  let text = '';
  /** The content before it was compressed by seal(), while nothing more is written. */
  let raw: Buffer | null = null;
  const flush = (): void => {
    if (text !== '') page.content.write(Buffer.from(text, 'latin1'));
    text = '';
  };
  /** Content written after the seal: the page is compressed by PDFKit after all, from what it holds. */
  const unseal = (): void => {
    if (raw === null) return;
    page.content.buffer = [raw];
    page.content.compress = true;
    raw = null;
  };
  page.write = (chunk: string | Uint8Array): void => {
    unseal();
    if (chunk instanceof Uint8Array) {
      flush();
      page.content.write(chunk);
    } else text += `${chunk}\n`;
  };
  const end = page.end.bind(page);
  page.end = (): void => {
    flush();
    end();
  };
  return async () => {
    flush();
    const c = page.content;
    if (raw !== null || !c.compress || c.buffer.length === 0 || page.markings.length > 0) return;
    const pieces = c.buffer.length;
    const all = Buffer.concat(c.buffer);
    const z = await deflated(all);
    // Written to meanwhile (nothing is, as drawn): PDFKit compresses it all as the page ends.
    if (raw !== null || !c.compress || c.buffer.length !== pieces) return;
    raw = all;
    // PDFKit's Length and Filter are in the dictionary already (put there as the content was written); Length
    // becomes the compressed stream's as the page ends.
    c.buffer = [z];
    c.compress = false;
  };
}
