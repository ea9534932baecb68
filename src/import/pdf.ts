/** PDF input (placeholder until the reader lands). */
import type { Row } from './draft.js';
import { ImportError } from './input.js';

export async function pdfToRows(_bytes: Uint8Array, _opts: { deadlineMs: number }): Promise<Row[]> {
  throw new ImportError('PDF belum dapat dibaca', 'PDF cannot be read yet');
}
