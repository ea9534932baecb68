/** Small text helpers shared by the stages. */

/** An identifier: a letter followed by letters, digits, `_` or `-`. */
export const IDENT_RE = /^\p{L}[\p{L}\p{N}_-]*$/u;

export function isIdent(s: string): boolean {
  return IDENT_RE.test(s);
}

/** Identifiers compare case-insensitively. */
export function identKey(s: string): string {
  return s.toLowerCase();
}

/**
 * Text made safe for a terminal: control characters (which could move the
 * cursor, retitle the window or clear the screen) and the bidirectional
 * controls (which reorder what is shown) are rendered visibly. C0 controls
 * become their one-character Control Pictures (␛, ␇, ...), so that columns
 * in a code frame stay aligned; DEL, C1 controls and bidi marks become
 * `\u009b`-style escapes (valid inside a JSON string, so JSON stays
 * lossless). Tabs and line feeds are kept.
 */
export function visible(s: string): string {
  return s.replace(UNSAFE_RE, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    return `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

// eslint-disable-next-line no-control-regex
const UNSAFE_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
