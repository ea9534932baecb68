/**
 * Row heights from the browser: a PDF build lays the procedure out once
 * unpaginated (every step on one page, rows only as tall as their symbols,
 * see LayoutOptions.unpaginated), lets Chromium size every row to its text,
 * reads the heights, and paginates on them (LayoutOptions.measured). The
 * layout stays pure; only this file talks to the page.
 */
import type { Page } from 'puppeteer-core';
import { contentBox, paper } from '../layout/geometry.js';
import type { MeasuredHeights } from '../layout/paginate.js';
import type { PaperSize } from '../model/config.js';

/** Reads the rows, header and caption of the procedure table (evaluated in the page; no page script needed). */
const READ_HEIGHTS = `(() => {
  const rows = [0];
  for (const tr of document.querySelectorAll('table.procedure-table tr.step')) {
    const n = Number(tr.getAttribute('data-row-step'));
    if (n > 0) rows[n] = tr.getBoundingClientRect().height;
  }
  const thead = document.querySelector('table.procedure-table thead');
  const cap = document.querySelector('.page.procedure .caption');
  let caption = 0;
  if (cap) {
    const cs = getComputedStyle(cap);
    caption = cap.getBoundingClientRect().height + parseFloat(cs.marginTop) + parseFloat(cs.marginBottom);
  }
  const t = document.querySelector('.page.procedure .timing');
  let footer = 0;
  if (t) {
    const ts = getComputedStyle(t);
    footer = t.getBoundingClientRect().height + parseFloat(ts.marginTop) + parseFloat(ts.marginBottom);
  }
  return { rows, header: thead ? thead.getBoundingClientRect().height : 0, caption, footer };
})()`;

/**
 * Measures a loaded unpaginated document. `contentWidthPx` is the page's
 * content width: the viewport is set to it so that blocks without a fixed
 * width (the caption) wrap as they will in print.
 */
export async function measureDocument(page: Page, contentWidthPx: number): Promise<MeasuredHeights> {
  await page.emulateMediaType('print');
  await page.setViewport({ width: Math.max(1, Math.floor(contentWidthPx)), height: 800 });
  const raw = (await page.evaluate(READ_HEIGHTS)) as { rows: (number | null)[]; header: number; caption: number; footer: number };
  return { rows: raw.rows.map((h) => (typeof h === 'number' && Number.isFinite(h) ? h : 0)), header: raw.header, caption: raw.caption, footer: raw.footer };
}

/** What measuredPdf needs of a RenderSession. */
export interface DocumentRenderer {
  withDocument<T>(html: string, fn: (page: Page) => Promise<T>): Promise<T>;
  /** A reused page for reading layouts, where the renderer has one (RenderSession does); else withDocument. */
  withMeasuringPage?<T>(html: string, fn: (page: Page) => Promise<T>): Promise<T>;
  pdf(html: string): Promise<Uint8Array>;
}

/** How the caller's renderer lays the document out: unpaginated for measuring, or paginated on measured heights. */
export type MeasureStage = { readonly unpaginated: true } | { readonly measured: MeasuredHeights };

/**
 * A PDF whose pages are filled on the browser's own row heights: `render`
 * makes the HTML for each stage (the caller's renderHtml with these options).
 */
export async function measuredPdf(
  session: DocumentRenderer,
  render: (stage: MeasureStage) => string,
  paperName?: PaperSize,
  /** Called with the HTML that is printed: `sop build` writes it as the .html, so that both paginate alike. */
  printed?: (html: string) => void,
): Promise<Uint8Array> {
  const width = contentBox(paper(paperName)).width;
  const html = render({ unpaginated: true });
  const read = (page: Page): Promise<MeasuredHeights> => measureDocument(page, width);
  const measured = session.withMeasuringPage ? await session.withMeasuringPage(html, read) : await session.withDocument(html, read);
  const paginated = render({ measured });
  const pdf = await session.pdf(paginated);
  printed?.(paginated);
  return pdf;
}
