/**
 * Links between the HTML outputs of a project. A file name is user input: a
 * project file named `javascript:alert(1).sop` must not become a script
 * link, and names with `#`, `?`, `%` or spaces must still lead to the file.
 */

/** Percent-encodes one path segment: everything but unreserved characters (RFC 3986). */
export function encodeSegment(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The href of a relative path (`/` separators, as from `path.relative`):
 * every segment percent-encoded, and always starting with `./` or `../`, so
 * that no segment can be read as a scheme (`javascript:`) or a host (`//x`).
 */
export function relativeHref(relPath: string): string {
  const segs = relPath.split('/').filter((s) => s !== '' && s !== '.');
  const encoded = segs.map((s) => (s === '..' ? s : encodeSegment(s)));
  return encoded[0] === '..' ? encoded.join('/') : ['.', ...encoded].join('/');
}

/** A scheme (`javascript:`, `data:`), a host (`//x`) or a backslash: not a link between outputs. */
const UNSAFE_HREF_RE = /^\s*(?:[a-z][a-z0-9+.-]*:|[\\/]{2})|\\/i;

/** The href when it is a plain relative link, else null (the item is then printed without a link). */
export function safeRelativeHref(href: string | null | undefined): string | null {
  if (!href || UNSAFE_HREF_RE.test(href)) return null;
  return href;
}
