/** HTML to PDF in the shared browser, with the document's own print CSS (@page size and margins). */
import type { Browser } from 'puppeteer-core';
import { offlinePage } from './browser.js';

export async function htmlToPdf(browser: Browser, html: string): Promise<Uint8Array> {
  const page = await offlinePage(browser);
  try {
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready');
    return await page.pdf({ preferCSSPageSize: true, printBackground: true });
  } finally {
    await page.close().catch(() => undefined);
  }
}
