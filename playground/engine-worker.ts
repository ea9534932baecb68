/**
 * The playground's check, layout and HTML (src/playground/engine.ts) in a
 * Web Worker, so a long SOP (a 0.3 s to several seconds compile) never holds
 * the editor. The page starts it from a blob: URL (WORKER_SOURCE, embedded in
 * app.js at bundle time): a page opened from file:// may not start a worker
 * from a file, and its Content-Security-Policy allows `worker-src blob:` only.
 * Messages: {seq, text, lang} in; {seq, text, lang, diagnostics, errors, html,
 * name} out. The worker reads nothing and fetches nothing.
 */
import { TEMPLATE_SPECS } from 'sop:embedded';
import type { Lang } from '../src/diagnostics/catalog.js';
import { templatesFromSpecs } from '../src/emit/html/render.js';
import { compilePlayground } from '../src/playground/engine.js';

const TEMPLATES = templatesFromSpecs(TEMPLATE_SPECS);
const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<{ seq: number; text: string; lang: Lang }>) => void) | null; postMessage(m: unknown): void };
scope.onmessage = (e) => {
  const { seq, text, lang } = e.data;
  const u = compilePlayground(text, lang, TEMPLATES);
  scope.postMessage({ seq, text, lang, diagnostics: u.result.diagnostics, errors: u.errors, html: u.html, name: u.result.model.name });
};
