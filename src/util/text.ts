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
