/**
 * The one inline markup of text values (shared by the layout's text estimate and every emitter): `*words*` in italics, `\*` a
 * literal star. Parsed into segments; every emitter escapes the text itself.
 */
export interface Inline {
  readonly text: string;
  readonly italic: boolean;
}

export function parseInline(s: string): Inline[] {
  const out: Inline[] = [];
  let buf = '';
  let italic = false;
  const flush = (): void => {
    if (buf !== '') out.push({ text: buf, italic });
    buf = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && s[i + 1] === '*') {
      buf += '*';
      i++;
    } else if (c === '*' && (italic || hasCloser(s, i + 1))) {
      flush();
      italic = !italic;
    } else {
      buf += c;
    }
  }
  flush();
  return out;
}

/** A `*` opens italics only when an unescaped `*` closes it later. */
function hasCloser(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\' && s[i + 1] === '*') {
      i++;
      continue;
    }
    if (s[i] === '*') return i > from;
  }
  return false;
}

/** Plain text of a value, markup removed. */
export function plainText(s: string): string {
  return parseInline(s)
    .map((x) => x.text)
    .join('');
}
