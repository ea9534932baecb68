/**
 * The bundled fonts' files for the HTML (src/emit/html/fonts.ts says who
 * loads them how): their bytes, the fonts folder written beside the HTML, and
 * the document with `data:` URLs for a browser page that loads nothing else.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BUNDLED_FONTS, FONT_LICENSE } from '../emit/html/fonts.js';
import { fontFile } from './pdf.js';

/** The files of the fonts folder: the four faces and the licence, name and bytes (read once). */
export function bundledFontFiles(): readonly { readonly name: string; readonly bytes: Buffer }[] {
  if (files) return files;
  const regular = fontFile('Regular');
  files = [...BUNDLED_FONTS.map((f) => ({ name: f.file, bytes: readFileSync(fontFile(f.style)) })), { name: FONT_LICENSE, bytes: readFileSync(path.join(path.dirname(regular), FONT_LICENSE)) }];
  return files;
}
let files: readonly { readonly name: string; readonly bytes: Buffer }[] | null = null;

/** A bundled font file by its name (`LiberationSans-Bold.ttf`), or null for any other name. */
export function bundledFont(name: string): Buffer | null {
  if (!BUNDLED_FONTS.some((f) => f.file === name)) return null;
  return bundledFontFiles().find((f) => f.name === name)?.bytes ?? null;
}

const FONT_URL = /url\("[^"]*?(LiberationSans-(?:Regular|Bold|Italic|BoldItalic)\.ttf)"\)/g;
let dataUrls: Map<string, string> | null = null;

/**
 * The document with the bundled fonts' URLs of its `@font-face` rules (`url("…/LiberationSans-Bold.ttf")`)
 * replaced by `data:` URLs: for a browser page that loads nothing else (render/session.ts).
 */
export function inlineBundledFonts(html: string): string {
  if (!html.includes('LiberationSans-')) return html;
  if (!dataUrls) dataUrls = new Map(BUNDLED_FONTS.map((f) => [f.file, `data:font/ttf;base64,${bundledFont(f.file)!.toString('base64')}`]));
  const urls = dataUrls;
  return html.replace(FONT_URL, (all, file: string) => `url("${urls.get(file) ?? ''}")`);
}

/**
 * Writes the fonts folder (the four faces and the licence) into `dir` (`out/fonts/`), each file atomically
 * and only when it is missing or differs, so a build that finds them there writes nothing.
 */
export function writeBundledFonts(dir: string, write: (file: string, bytes: Buffer) => void): void {
  for (const f of bundledFontFiles()) {
    const file = path.join(dir, f.name);
    let same = false;
    try {
      same = readFileSync(file).equals(f.bytes);
    } catch {
      same = false;
    }
    if (!same) write(file, f.bytes);
  }
}
