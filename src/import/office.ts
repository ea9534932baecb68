/**
 * Word (.docx) and Excel (.xlsx) input. Not read yet: refused with a clear
 * message that says how to bring the table in meanwhile.
 */
import type { Row } from './draft.js';
import { ImportError } from './input.js';

export function officeToRows(_bytes: Uint8Array): Row[] {
  throw new ImportError(
    'berkas Word/Excel (.docx/.xlsx) belum dapat dibaca langsung; salin tabel SOP-nya ke berkas teks (atau simpan sebagai PDF) lalu impor berkas itu',
    'Word/Excel files (.docx/.xlsx) cannot be read directly yet; copy the SOP table into a text file (or save it as PDF) and import that',
  );
}
