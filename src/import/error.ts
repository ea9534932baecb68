/**
 * The importer's one kind of refusal: a message in both languages, for input
 * it cannot read. Its own module, so that a reader of one format loads it
 * without the rest of the importer (input.ts loads the checker with it).
 */
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
