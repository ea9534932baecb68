/** Why an input cannot be imported: one message in both languages, never a stack trace (input.ts re-exports it). */
import type { Lang } from '../diagnostics/catalog.js';

export class ImportError extends Error {
  constructor(
    readonly id: string,
    readonly en: string,
  ) {
    super(en);
  }
  say(lang: Lang): string {
    return lang === 'en' ? this.en : this.id;
  }
}
