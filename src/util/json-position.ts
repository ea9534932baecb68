/**
 * Where a value of a JSON text is written (sop.config.json's diagnostics point at the value, the key or the
 * characters they are about). The text is one JSON.parse accepted; whatever else it is (cut short, nested
 * deeper than any config, a key written with escapes), the answer is a place or null, never an exception.
 */

/** Keys of objects and indexes of arrays, from the root: `["headers", "output"]`, `["instansi", 1]`. */
export type JsonPath = readonly (string | number)[];

/** What a diagnostic is about: the value at `path` (or its key), or `length` characters of it from `index`. */
export interface JsonPlace {
  readonly path: JsonPath;
  /** The key of the member rather than its value. */
  readonly key?: boolean;
  /** A character (UTF-16 unit) of the string, as JSON.parse gives it, escapes decoded. */
  readonly index?: number;
  readonly length?: number;
}

/** A position as diagnostics have it (1-based line and column in UTF-16 units, 0-based offset). */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/**
 * The range of `place` in `text`, or null when it cannot be found. A key written twice is found where JSON.parse
 * takes it from: its last occurrence.
 */
export function jsonRange(text: string, place: JsonPlace): { start: TextPosition; end: TextPosition } | null {
  try {
    const found = locate(text, place.path);
    if (!found) return null;
    const [s, e] = place.key && found.key ? found.key : found.value;
    let start = s;
    let end = e;
    if (place.index !== undefined && text[s] === '"') {
      start = rawOffset(text, s, e, place.index);
      end = rawOffset(text, s, e, place.index + Math.max(1, place.length ?? 1));
    }
    return { start: positionAt(text, start), end: positionAt(text, end) };
  } catch {
    return null;
  }
}

/** Line (after `\n`, `\r\n` or `\r`) and column of an offset. */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}

type Span = readonly [number, number];

/** The value at `path` (and, for an object's member, its key), as [start, end) offsets. */
function locate(text: string, path: JsonPath): { value: Span; key: Span | null } | null {
  const first = skipWs(text, 0);
  const end = skipValue(text, first);
  if (end < 0) return null;
  let found: { value: Span; key: Span | null } = { value: [first, end], key: null };
  for (const seg of path) {
    const next = typeof seg === 'string' ? member(text, found.value[0], seg) : item(text, found.value[0], seg);
    if (!next) return null;
    found = next;
  }
  return found;
}

/** The last member `name` of the object at `at`. */
function member(text: string, at: number, name: string): { value: Span; key: Span } | null {
  if (text[at] !== '{') return null;
  let i = skipWs(text, at + 1);
  if (text[i] === '}') return null;
  let last: { value: Span; key: Span } | null = null;
  for (;;) {
    if (text[i] !== '"') return null;
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return null;
    const colon = skipWs(text, keyEnd);
    if (text[colon] !== ':') return null;
    const v = skipWs(text, colon + 1);
    const ve = skipValue(text, v);
    if (ve < 0) return null;
    if (JSON.parse(text.slice(i, keyEnd)) === name) last = { value: [v, ve], key: [i, keyEnd] };
    const after = skipWs(text, ve);
    if (text[after] === '}') return last;
    if (text[after] !== ',') return null;
    i = skipWs(text, after + 1);
  }
}

/** Item `n` of the array at `at`. */
function item(text: string, at: number, n: number): { value: Span; key: null } | null {
  if (text[at] !== '[') return null;
  let i = skipWs(text, at + 1);
  if (text[i] === ']') return null;
  for (let k = 0; ; k++) {
    const e = skipValue(text, i);
    if (e < 0) return null;
    if (k === n) return { value: [i, e], key: null };
    const after = skipWs(text, e);
    if (text[after] !== ',') return null;
    i = skipWs(text, after + 1);
  }
}

function skipWs(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i++;
  }
  return i;
}

/** The offset after the string starting with the quote at `i`; -1 if it does not end. */
function stringEnd(text: string, i: number): number {
  for (let k = i + 1; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 92) k++;
    else if (c === 34) return k + 1;
  }
  return -1;
}

/** The offset after the value starting at `i` (no recursion: nesting is counted); -1 if it does not end. */
function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return stringEnd(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let k = i; k < text.length; k++) {
      const d = text[k];
      if (d === '"') {
        k = stringEnd(text, k) - 1;
        if (k < 0) return -1;
      } else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return k + 1;
      }
    }
    return -1;
  }
  let k = i;
  while (k < text.length && !',}] \t\n\r'.includes(text[k]!)) k++;
  return k > i ? k : -1;
}

/** The offset in the string token [s, e) of its `index`th decoded character (an escape is one character). */
function rawOffset(text: string, s: number, e: number, index: number): number {
  let i = s + 1;
  for (let k = 0; k < index && i < e - 1; k++) i += text[i] === '\\' ? (text[i + 1] === 'u' ? 6 : 2) : 1;
  return Math.min(i, e - 1);
}
