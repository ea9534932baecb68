/**
 * What a request to `sop preview` asks for, from its raw target (never a
 * normalised URL: WHATWG URL parsing turns `/../../etc/passwd` and `%2e%2e`
 * into harmless-looking paths and would hide the attempt). Pure.
 */

export type Route =
  | { readonly kind: 'index' }
  | { readonly kind: 'events' }
  /** `rel`: the SOP's path relative to the folder, `/` separators, decoded. */
  | { readonly kind: 'view'; readonly rel: string }
  /** `/fonts/<name>`: a file of the bundled font (the documents' @font-face); only those the server knows are served. */
  | { readonly kind: 'font'; readonly name: string }
  /** A path that tries to leave the folder or cannot be decoded: 403. */
  | { readonly kind: 'refused' }
  | { readonly kind: 'missing' };

/** Decoded segments that are never part of a path inside the folder. */
const BAD_SEGMENT = /^\.{1,2}$|[/\\\0]/;

/** Routes a request target such as `/view/a%20b.sop?x=1`. */
export function route(target: string): Route {
  const pathPart = target.split(/[?#]/, 1)[0] ?? '';
  if (!pathPart.startsWith('/') || pathPart.includes('\\')) return { kind: 'refused' };
  const raw = pathPart.split('/').slice(1);
  const segs: string[] = [];
  for (const s of raw) {
    let d: string;
    try {
      d = decodeURIComponent(s);
    } catch {
      return { kind: 'refused' };
    }
    // `..` (plain or encoded), an encoded `/` or `\`, a NUL: an attempt to leave the folder.
    if (BAD_SEGMENT.test(d)) return { kind: 'refused' };
    segs.push(d);
  }
  // Empty segments (`//`, a trailing `/`) carry nothing.
  const parts = segs.filter((s) => s !== '');
  if (parts.length === 0) return { kind: 'index' };
  if (parts.length === 1 && parts[0] === 'events') return { kind: 'events' };
  if (parts.length === 2 && parts[0] === 'fonts') return { kind: 'font', name: parts[1]! };
  if (parts[0] === 'view' && parts.length > 1 && /\.sop$/i.test(parts[parts.length - 1]!)) return { kind: 'view', rel: parts.slice(1).join('/') };
  return { kind: 'missing' };
}

/**
 * Whether a Host header names this server on loopback. A page on another
 * site that rebinds its DNS name to 127.0.0.1 sends its own name: refused.
 */
export function loopbackHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
}
