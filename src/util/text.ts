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
