/** Small text helpers shared by the stages. */

/**
 * The characters of `\s` that are blanks within a line, for use inside a
 * regex character class: `\s` also matches line ends and U+2028/U+2029, and a
 * separator inside a value must never be read as a blank (it is kept as text
 * or reported).
 */
export const BLANK_CLASS = String.raw`\t\v\f \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff`;

/** A run of blanks (see BLANK_CLASS). */
export const BLANK_RUN_RE = new RegExp(`[${BLANK_CLASS}]+`, 'g');

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

/**
 * `visible`, and line feeds and carriage returns as ␊ and ␍ too: for what must stay on one line (a file name in a
 * code frame or a message: `a⏎✘ [GALAT] forged line⏎b.sop` would otherwise print a forged diagnostic).
 */
export function visibleLine(s: string): string {
  return visible(s).replace(/[\n\r]/g, (c) => (c === '\n' ? '\u240a' : '\u240d'));
}

/** Characters that print as nothing: zero-width space and joiners, word joiner, Mongolian vowel separator, BOM, soft hyphen. */
export const INVISIBLE_RE = /[\u00ad\u180e\u200b-\u200d\u2060\ufeff]/g;
/** The bidirectional controls: they reorder what is shown (`RTL \u202e fdp.exe` reads `exe.pdf`). */
export const BIDI_RE = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A name made safe to show where it cannot be checked by eye (a code span in a message, a
 * bookmark, the book's Daftar Isi): `visible`, and the invisible characters as `\u200b` too,
 * so `a\u200b` never reads as `a`.
 */
export function visibleName(s: string): string {
  return visibleLine(s).replace(INVISIBLE_RE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// eslint-disable-next-line no-control-regex
const UNSAFE_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
