/**
 * The bundled font (fonts/, Liberation Sans 2.1.5, SIL OFL) in the HTML: the
 * document's `@font-face` rules name its four files, so the browser lays out,
 * shows and prints with the font the layout measured (docs/rendering.md).
 *
 * Where the files are, for each consumer of the HTML:
 * - `sop build`: written once into the output folder (`out/fonts/`, with the
 *   licence), each HTML pointing at them with a relative URL (`fonts/…`,
 *   `../fonts/…`); a copied .html alone still opens, in Arial or the system's
 *   Liberation Sans (same metrics), as before.
 * - Chromium's print (`--pdf-engine chromium`, the book): the document is
 *   given by setContent, whose relative URLs lead nowhere. On Linux the
 *   browser finds the bundled fonts as system fonts (fontconfig) and the
 *   rules are left out; elsewhere their URLs become `data:` URLs, the only
 *   URLs its offline page loads (src/page/html-fonts.ts).
 * - `sop preview`: served by the preview server at `/fonts/<file>` (those
 *   four files only).
 * - the playground: copied into the site (`fonts/`), allowed by its CSP
 *   (`font-src 'self'`).
 * - the VS Code preview: the language server names the package's `fonts/`
 *   at initialisation; the extension lets its webview load that folder
 *   (`localResourceRoots`, CSP `font-src` the webview's source) and asks
 *   `sop/preview` for the rules with the folder's webview URL
 *   (webviewFontBase).
 */
type Style = 'Regular' | 'Bold' | 'Italic' | 'BoldItalic';

/** The four faces: file name, CSS weight and style. */
export const BUNDLED_FONTS: readonly { readonly style: Style; readonly file: string; readonly weight: 'normal' | 'bold'; readonly fontStyle: 'normal' | 'italic' }[] = [
  { style: 'Regular', file: 'LiberationSans-Regular.ttf', weight: 'normal', fontStyle: 'normal' },
  { style: 'Bold', file: 'LiberationSans-Bold.ttf', weight: 'bold', fontStyle: 'normal' },
  { style: 'Italic', file: 'LiberationSans-Italic.ttf', weight: 'normal', fontStyle: 'italic' },
  { style: 'BoldItalic', file: 'LiberationSans-BoldItalic.ttf', weight: 'bold', fontStyle: 'italic' },
];

/** The folder, beside the HTML of the output folder's top, that holds the fonts. */
export const FONTS_FOLDER = 'fonts';
/** The licence written beside the fonts (the SIL OFL asks that it travel with them). */
export const FONT_LICENSE = 'LICENSE';

/** The `@font-face` rules of the view model: one per face, its URL `base` + file name. */
export interface FontFaceVM {
  url: string;
  weight: string;
  style: string;
}

export function fontFaces(base: string | null): FontFaceVM[] {
  if (base === null) return [];
  return BUNDLED_FONTS.map((f) => ({ url: base + f.file, weight: f.weight, style: f.fontStyle }));
}


/**
 * The font base the editor's preview asks for (`sop/preview`'s `fontBase`: the webview URL of the package's
 * `fonts/`, made by the extension, never from a document), or null (no rules) for anything else: an `https:` or
 * `vscode-…:` URL ending in `/`, of URL characters only, none that could end the CSS `url("…")` or the `<style>`
 * (no quote, bracket, backslash, `<`, `&` or space).
 */
export function webviewFontBase(x: unknown): string | null {
  return typeof x === 'string' && x.length <= 2048 && /^(?:https|vscode-[a-z-]+):\/\/[A-Za-z0-9\-._~%!$*+,;=:@/]+\/$/.test(x) ? x : null;
}
