/**
 * A small XML reader for office files, for untrusted input: elements,
 * attributes and text, nothing else. Only the five predefined entities and
 * numeric character references are decoded; a document type declaration
 * (where entities would be declared, the "billion laughs" and external
 * references) is refused, so no entity is ever expanded and nothing is ever
 * fetched. Processing instructions and comments are skipped.
 */
import { ImportError } from './error.js';

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: (XmlElement | string)[];
}

const MAX_DEPTH = 256;
const MAX_NODES = 2_000_000;

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
    }
    // Any other named entity would need a declaration: left as written, never expanded.
    return PREDEFINED[e] ?? m;
  });
}

const bad = (): ImportError => new ImportError('isi berkas Word/Excel bukan XML yang dapat dibaca', 'the Word/Excel content is not readable XML');

export function parseXml(text: string): XmlElement {
  const root: XmlElement = { name: '#root', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let i = 0;
  let nodes = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      const t = text.slice(i);
      if (t.trim()) stack[stack.length - 1]!.children.push(decode(t));
      break;
    }
    if (lt > i) stack[stack.length - 1]!.children.push(decode(text.slice(i, lt)));
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) throw bad();
      i = end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end < 0) throw bad();
      stack[stack.length - 1]!.children.push(text.slice(lt + 9, end));
      i = end + 3;
      continue;
    }
    if (text.startsWith('<!', lt)) {
      // <!DOCTYPE …>: entity declarations and external references are refused outright.
      throw new ImportError('berkas Word/Excel ini memuat deklarasi DOCTYPE (entitas atau rujukan luar); tidak dibaca', 'this Word/Excel file holds a DOCTYPE declaration (entities or external references); not read');
    }
    if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) throw bad();
      i = end + 2;
      continue;
    }
    const gt = findTagEnd(text, lt + 1);
    if (gt < 0) throw bad();
    const raw = text.slice(lt + 1, gt);
    i = gt + 1;
    if (raw.startsWith('/')) {
      if (stack.length > 1) stack.pop();
      continue;
    }
    const selfClose = raw.endsWith('/');
    const body = selfClose ? raw.slice(0, -1) : raw;
    const m = /^([^\s/>]+)/.exec(body);
    if (!m) throw bad();
    const attrs = attributes(body, m[1]!.length);
    const el: XmlElement = { name: m[1]!, attrs, children: [] };
    if (++nodes > MAX_NODES) throw bad();
    stack[stack.length - 1]!.children.push(el);
    if (!selfClose) {
      if (stack.length > MAX_DEPTH) throw bad();
      stack.push(el);
    }
  }
  return root;
}

/**
 * A tag's attributes (`name="value"` or `name='value'`, blanks around `=`), read in one pass from `from`; anything
 * else (a name without a value) is skipped. A regular expression did this: a tag of 200 000 letters and no `=`
 * made it try every start again to the end (a 400-byte .docx held the import for 48 s).
 */
function attributes(body: string, from: number): Record<string, string> {
  const attrs: Record<string, string> = {};
  const n = body.length;
  const blank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  let k = from;
  while (k < n) {
    while (k < n && blank(body[k])) k++;
    const start = k;
    while (k < n && !blank(body[k]) && body[k] !== '=') k++;
    const name = body.slice(start, k);
    while (k < n && blank(body[k])) k++;
    if (body[k] !== '=' || name === '') {
      if (k === start) k++;
      continue;
    }
    k++;
    while (k < n && blank(body[k])) k++;
    const q = body[k];
    if (q !== '"' && q !== "'") continue;
    const end = body.indexOf(q, k + 1);
    if (end < 0) break;
    attrs[name] = decode(body.slice(k + 1, end));
    k = end + 1;
  }
  return attrs;
}

function findTagEnd(text: string, from: number): number {
  let q: string | null = null;
  for (let k = from; k < text.length; k++) {
    const c = text[k];
    if (q) {
      if (c === q) q = null;
    } else if (c === '"' || c === "'") q = c;
    else if (c === '>') return k;
  }
  return -1;
}

/** Local name: `w:tc` → `tc`. */
export const local = (name: string): string => name.slice(name.indexOf(':') + 1);

export function* walk(el: XmlElement): Generator<XmlElement> {
  yield el;
  for (const c of el.children) if (typeof c !== 'string') yield* walk(c);
}

export const kids = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c): c is XmlElement => typeof c !== 'string' && local(c.name) === name);

export const attr = (el: XmlElement, name: string): string | undefined => {
  for (const [k, v] of Object.entries(el.attrs)) if (k === name || local(k) === name) return v;
  return undefined;
};
