/**
 * The bundled fonts' files for the HTML (src/emit/html/fonts.ts says who
 * loads them how): their bytes, the fonts folder written beside the HTML, and
 * the document with `data:` URLs for a browser page that loads nothing else.
 */
import { readFileSync, writeFileSync } from 'node:fs';
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
/** A whole @font-face rule of an italic face, as document.hbs writes it (one line). */
const ITALIC_RULE = /@font-face \{[^}\n]*LiberationSans-(?:Italic|BoldItalic)\.ttf[^}\n]*\}\n?/g;
let dataUrls: Map<string, string> | null = null;

/**
 * The document with the bundled fonts' URLs of its `@font-face` rules (`url("…/LiberationSans-Bold.ttf")`)
 * replaced by `data:` URLs: for a browser page that loads nothing else (render/session.ts). A document with no
 * italic (no `<i>`, `<em>`, `italic` or `oblique` outside those rules) goes without the italic faces: each face is
 * 0.55 MB of base64 that the browser takes in with the document (the print of a SOP then costs ~0.3 s more, not
 * ~0.6 s).
 */
export function inlineBundledFonts(html: string): string {
  if (!html.includes('LiberationSans-')) return html;
  if (!dataUrls) dataUrls = new Map(BUNDLED_FONTS.map((f) => [f.file, `data:font/ttf;base64,${bundledFont(f.file)!.toString('base64')}`]));
  const urls = dataUrls;
  const italic = /<i[\s>]|<em[\s>]|italic|oblique/i.test(html.replace(ITALIC_RULE, ''));
  return (italic ? html : html.replace(ITALIC_RULE, '')).replace(FONT_URL, (all, file: string) => `url("${urls.get(file) ?? ''}")`);
}

/** A whole @font-face rule of a bundled face, as document.hbs writes it (one line). */
const BUNDLED_RULE = /@font-face \{[^}\n]*LiberationSans-(?:Regular|Bold|Italic|BoldItalic)\.ttf[^}\n]*\}\n?/g;
/** Whether the Chromium we launch finds the bundled fonts as system fonts (bundledFontconfig). */
let fontsInSystem = false;

/**
 * Linux: a fonts.conf in `dir` (the browser's user-data folder, removed with it) that adds the bundled fonts'
 * folder to the system's configuration, for a Chromium launched with FONTCONFIG_FILE naming it (render/browser.ts).
 * fontconfig then picks the bundled Liberation Sans 2.1.5 over a system one (it prefers the newer version) for
 * "Liberation Sans" and "Arial": the document prints in the bundled font with nothing to load per document, where
 * `data:` URLs cost ~0.5-1 s per page of the browser (1.1-2.2 MB of base64 taken in with each document). Null on
 * other systems (their Chromium does not ask fontconfig) or when the file cannot be written.
 */
export function bundledFontconfig(dir: string): string | null {
  if (process.platform !== 'linux') return null;
  try {
    const fonts = path.dirname(fontFile('Regular'));
    const xml = (v: string): string => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const file = path.join(dir, 'fonts.conf');
    writeFileSync(
      file,
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n<dir>${xml(fonts)}</dir>\n<include ignore_missing="yes">${xml(process.env['FONTCONFIG_FILE'] ?? '/etc/fonts/fonts.conf')}</include>\n<cachedir>${xml(path.join(dir, 'fontconfig'))}</cachedir>\n</fontconfig>\n`,
    );
    fontsInSystem = true;
    return file;
  } catch {
    return null;
  }
}

/**
 * The document as a page of our Chromium loads it (render/session.ts): where the bundled fonts are system fonts
 * there (Linux, bundledFontconfig), without its @font-face rules for them; elsewhere with `data:` URLs
 * (inlineBundledFonts), the only URLs its offline page loads.
 */
export function documentForBrowser(html: string): string {
  if (!html.includes('LiberationSans-')) return html;
  return fontsInSystem ? html.replace(BUNDLED_RULE, '') : inlineBundledFonts(html);
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
