/** What `sop import` says when it refuses an input: the ImportError's message, in the language asked. */
import { expect } from 'vitest';
import type { Lang } from '../../src/diagnostics/catalog.js';
import { ImportError, importBytes } from '../../src/import/input.js';

export async function importRefusal(bytes: Uint8Array, lang: Lang = 'id'): Promise<string> {
  try {
    await importBytes(bytes, { source: 'x' });
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return (e as ImportError).say(lang);
  }
  throw new Error('the input was not refused');
}
