/**
 * A procedure compiled for A4 (or `paper`), its HTML rendered in a shared Chromium and measured as the quality report measures
 * it (test/helpers/drawing-quality.mjs): the tests of one drawing case share this instead of writing it out.
 */
import { compile } from '../../src/index.js';
import { renderHtml } from '../../src/emit/html/render.js';
import { loadTemplates } from '../../src/project/templates.js';
import type { SharedBrowser } from '../../src/render/browser.js';
import { drawingQuality } from './drawing-quality.mjs';

export async function measuredOnA4(
  shared: SharedBrowser,
  text: string,
  paper: 'A4' | 'F4' = 'A4',
): Promise<{ model: ReturnType<typeof compile>['model']; metrics: Record<string, number>; violations: string[] }> {
  const config = { paper };
  const model = compile(text, { config }).model;
  const page = await shared.browser.newPage();
  try {
    await page.setContent(renderHtml(model, loadTemplates(), { config }));
    const q = await page.evaluate(drawingQuality);
    return { model, metrics: q.metrics as Record<string, number>, violations: q.violations };
  } finally {
    await page.close();
  }
}
