/**
 * The official PDF: Chromium prints the document (tagged, in a fresh page),
 * then pdf-lib writes what Chromium cannot: the document information (Title =
 * Nama SOP, Subject = Nomor SOP, Author = Instansi), dates that do not depend
 * on the clock (SOURCE_DATE_EPOCH, else the SOP's own dates), and an outline
 * with the identity page and the procedure. The same HTML and metadata give
 * the same bytes in any build.
 */
// Types only: pdf-lib itself is loaded when the first PDF is finished (`sop check` never pays for it).
import type { PDFDict, PDFDocument, PDFRef } from 'pdf-lib';
import type { SopModel } from '../model/model.js';
import type { RenderSession } from './session.js';

export interface PdfMeta {
  readonly title: string;
  readonly subject: string;
  readonly author: string;
  /** Null: no date is written. */
  readonly creationDate: Date | null;
  readonly modDate: Date | null;
  /** Outline headings: the identity part, then the procedure. */
  readonly outline: { readonly identity: string; readonly procedure: string };
}

/** Seconds since the epoch from SOURCE_DATE_EPOCH; undefined when unset, null when malformed. */
export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): Date | null | undefined {
  const v = env['SOURCE_DATE_EPOCH'];
  if (v === undefined || v === '') return undefined;
  if (!/^\d{1,12}$/.test(v)) return null;
  return new Date(Number(v) * 1000);
}

/**
 * The PDF's metadata for a SOP. Dates: `epoch` (SOURCE_DATE_EPOCH) for both
 * when given; else CreationDate = Tanggal Pembuatan and ModDate = Tanggal
 * Revisi (or Pembuatan), at midnight UTC; none when the SOP has no date.
 */
export function pdfMetaOf(model: SopModel, epoch?: Date): PdfMeta {
  const day = (d: { year: number; month: number; day: number } | null): Date | null => (d ? new Date(Date.UTC(d.year, d.month - 1, d.day)) : null);
  const created = epoch ?? day(model.dates.pembuatan);
  const modified = epoch ?? day(model.dates.revisi) ?? created;
  return {
    title: model.name,
    subject: model.number,
    author: model.instansi.join(', '),
    creationDate: created,
    modDate: modified,
    outline: { identity: 'Identitas SOP', procedure: 'Prosedur' },
  };
}

/**
 * Prints `html` to a finished PDF. The procedure's first page is found from
 * the document: each `section.procedure` prints as one page (the paginator
 * sizes them so) and they come last, so the procedure starts `count` pages
 * before the end.
 */
export async function renderPdf(session: RenderSession, html: string, meta: PdfMeta): Promise<Uint8Array> {
  const { bytes, procedurePages } = await session.withDocument(html, async (page) => ({
    procedurePages: (await page.evaluate(`document.querySelectorAll('section.procedure').length`)) as number,
    bytes: await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, timeout: 0 }),
  }));
  return finishPdf(bytes, meta, procedurePages);
}

/** Writes the information dictionary and the outline into Chromium's PDF. */
export async function finishPdf(bytes: Uint8Array, meta: PdfMeta, procedurePages: number): Promise<Uint8Array> {
  const lib = await import('pdf-lib');
  const { PDFDict, PDFDocument, PDFName, PDFString } = lib;
  // updateMetadata: false, or pdf-lib stamps its own producer and the current time.
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  if (meta.title) doc.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.subject) doc.setSubject(meta.subject);
  if (meta.author) doc.setAuthor(meta.author);
  doc.setCreator('sop');
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  for (const [key, date] of [
    ['CreationDate', meta.creationDate],
    ['ModDate', meta.modDate],
  ] as const) {
    if (date) info.set(PDFName.of(key), PDFString.of(pdfDate(date)));
    else info.delete(PDFName.of(key));
  }
  const pages = doc.getPages();
  const entries: { title: string; page: number }[] = [{ title: meta.outline.identity, page: 0 }];
  const procStart = pages.length - procedurePages;
  if (procedurePages > 0 && procStart >= 0 && procStart < pages.length) entries.push({ title: meta.outline.procedure, page: procStart });
  writeOutline(lib, doc, entries.map((e) => ({ title: e.title, page: pages[e.page]!.ref })));
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}

/** A PDF date string `D:YYYYMMDDHHmmSSZ` (UTC). */
export function pdfDate(d: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `D:${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

/** A flat outline (one level), each entry opening its page at the top. */
function writeOutline(lib: typeof import('pdf-lib'), doc: PDFDocument, entries: readonly { title: string; page: PDFRef }[]): void {
  const { PDFArray, PDFHexString, PDFName, PDFNull, PDFNumber } = lib;
  const ctx = doc.context;
  const root = ctx.nextRef();
  const refs = entries.map(() => ctx.nextRef());
  entries.forEach((e, i) => {
    const dest = PDFArray.withContext(ctx);
    dest.push(e.page);
    dest.push(PDFName.of('XYZ'));
    dest.push(PDFNull);
    dest.push(PDFNull);
    dest.push(PDFNull);
    const item = ctx.obj({}) as PDFDict;
    item.set(PDFName.of('Title'), PDFHexString.fromText(e.title));
    item.set(PDFName.of('Parent'), root);
    item.set(PDFName.of('Dest'), dest);
    if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]!);
    if (i < refs.length - 1) item.set(PDFName.of('Next'), refs[i + 1]!);
    ctx.assign(refs[i]!, item);
  });
  const outlines = ctx.obj({}) as PDFDict;
  outlines.set(PDFName.of('Type'), PDFName.of('Outlines'));
  if (refs.length > 0) {
    outlines.set(PDFName.of('First'), refs[0]!);
    outlines.set(PDFName.of('Last'), refs[refs.length - 1]!);
  }
  outlines.set(PDFName.of('Count'), PDFNumber.of(refs.length));
  ctx.assign(root, outlines);
  doc.catalog.set(PDFName.of('Outlines'), root);
}
