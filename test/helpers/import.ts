/** Helpers of the import tests: what `sop import` says when it refuses an input, and zip archives written by hand. */
import { deflateRawSync } from 'node:zlib';
import { expect } from 'vitest';
import type { Lang } from '../../src/diagnostics/catalog.js';
import { ImportError, importBytes } from '../../src/import/input.js';

/** The ImportError's message, in the language asked. */
export async function importRefusal(bytes: Uint8Array, lang: Lang = 'id'): Promise<string> {
  try {
    await importBytes(bytes, { source: 'x' });
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return (e as ImportError).say(lang);
  }
  throw new Error('the input was not refused');
}

/** A zip archive of the given entries (deflated), written by hand: the reader must not trust its declared sizes. */
export function zip(entries: { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const comp = deflateRawSync(e.data);
    const name = Buffer.from(e.name);
    const size = e.declaredSize ?? e.data.length;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(comp.length, 18);
    lh.writeUInt32LE(size, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(comp.length, 20);
    ch.writeUInt32LE(size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, comp);
    central.push(ch, name);
    offset += 30 + name.length + comp.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
