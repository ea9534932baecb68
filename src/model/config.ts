/**
 * `sop.config.json`: values shared by every file of a project. Validated by
 * hand against the shape in grammar/sop.config.schema.json (the schema ships
 * for editors; this keeps the runtime free of a schema engine).
 */

import type { JsonPath, JsonPlace } from '../util/json-position.js';
import { BIDI_RE, INVISIBLE_RE } from '../util/text.js';
import { LIMITS } from './limits.js';

export type PaperSize = 'A4' | 'F4' | 'Legal' | 'Letter';
export const PAPER_SIZES: readonly PaperSize[] = ['A4', 'F4', 'Legal', 'Letter'];
export const OUTPUT_FORMATS = ['html', 'pdf', 'mmd', 'svg', 'png', 'mermaid-svg', 'mermaid-png'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface HeaderWords {
  readonly no: string;
  readonly kegiatan: string;
  readonly pelaksana: string;
  readonly mutuBaku: string;
  readonly kelengkapan: string;
  readonly waktu: string;
  readonly output: string;
  readonly keterangan: string;
}

export const DEFAULT_HEADERS: HeaderWords = {
  no: 'No.',
  kegiatan: 'Kegiatan',
  pelaksana: 'Pelaksana',
  mutuBaku: 'Mutu Baku',
  kelengkapan: 'Kelengkapan',
  waktu: 'Waktu',
  output: 'Output',
  keterangan: 'Keterangan',
};

export interface SopConfig {
  readonly instansi?: readonly string[];
  readonly logo?: string;
  readonly disahkanOleh?: { readonly jabatan?: string; readonly nama?: string; readonly nip?: string };
  readonly paper?: PaperSize;
  readonly outDir?: string;
  readonly formats?: readonly OutputFormat[];
  readonly headers?: Partial<HeaderWords>;
  /** Rows of the procedure table per page at most (the layout may put fewer). */
  readonly maxRowsPerPage?: number;
  /**
   * `equal` (the default, spec/format.md: lanes share the flowchart width equally) or `decisions`: the lanes of
   * decisions met by two arrows may widen, taking room from the other columns, so that their "Tidak" has a place
   * of its own (docs/printing.md, "Lane widths").
   */
  readonly laneWidths?: (typeof LANE_WIDTHS)[number];
  /** Severity of the checks that may be tuned (`off` silences one). */
  readonly checks?: Partial<Record<TunableCheck, CheckLevel>>;
  /** The SOP book (`sop book`): cover words, foreword, order. */
  readonly book?: BookSettings;
  /** The Mermaid text and its SVG/PNG drawing (docs/rendering.md). */
  readonly mermaid?: MermaidSettings;
}

export const LANE_WIDTHS = ['equal', 'decisions'] as const;
export const MERMAID_DIALECTS = ['swimlane', 'flowchart'] as const;
export const DIAGRAM_THEMES = ['mono', 'mermaid'] as const;

export interface MermaidSettings {
  /** `swimlane` (swimlane-beta, the default) or `flowchart`. */
  readonly dialect?: (typeof MERMAID_DIALECTS)[number];
  /** `mono` (black lines, white shapes, the document's font; the default) or `mermaid` (Mermaid's own colours). */
  readonly theme?: (typeof DIAGRAM_THEMES)[number];
}

/** Words and parts of the SOP book; every word has an Indonesian default (docs/book.md). */
export interface BookSettings {
  /** The cover's title (default "Standar Operasional Prosedur"). */
  readonly title?: string;
  /** A line under the title, e.g. the unit's name. */
  readonly subtitle?: string;
  /** The year on the cover (default: the latest year among the SOPs' dates). */
  readonly year?: string;
  /** A text or Markdown file (relative to the project folder) printed as the foreword. */
  readonly foreword?: string;
  /** Files (relative to the project folder) in the order of the book; the rest follow in book order. */
  readonly order?: readonly string[];
  readonly words?: Partial<BookWords>;
}

export interface BookWords {
  readonly foreword: string;
  readonly contents: string;
  readonly register: string;
  /** The footer, with `{page}` and `{pages}`. */
  readonly footer: string;
}

export const DEFAULT_BOOK_WORDS: BookWords = {
  foreword: 'Kata Pengantar',
  contents: 'Daftar Isi',
  register: 'Daftar SOP',
  footer: 'Halaman {page} dari {pages}',
};

/** The diagnostics whose severity a project may set: the flow-material checks, advice rather than rules. */
export const TUNABLE_CHECKS = ['SOP308', 'SOP309'] as const;
export type TunableCheck = (typeof TUNABLE_CHECKS)[number];
export const CHECK_LEVELS = ['off', 'info', 'warning'] as const;
export type CheckLevel = (typeof CHECK_LEVELS)[number];

/** A relative path that does not climb out (`out`, `build/sop`; not `/tmp/x`, `C:\\x`, `../x`, `a/../../x`, ``). */
function isRelativeInside(p: string): boolean {
  if (p.trim() === '' || p.includes('\0') || /^[a-zA-Z]:/.test(p) || p.startsWith('/') || p.startsWith('\\')) return false;
  let depth = 0;
  for (const seg of p.split(/[\\/]+/)) {
    if (seg === '..') depth--;
    else if (seg !== '.' && seg !== '') depth++;
    if (depth < 0) return false;
  }
  return true;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: SopConfig }
  /** Why the config is refused, in English (`reason`) and in Indonesian (`alasan`); `at`: what it is about, when one value. */
  | { readonly ok: false; readonly reason: string; readonly alasan: string; readonly at?: JsonPlace };

const bad = (alasan: string, reason: string, at?: JsonPlace): ConfigResult => ({ ok: false, reason, alasan, ...(at ? { at } : {}) });
/** The value at `path`; `key`: the member's key. */
const atValue = (...path: JsonPath): JsonPlace => ({ path });
const atKey = (...path: JsonPath): JsonPlace => ({ path, key: true });

const isStr = (v: unknown): v is string => typeof v === 'string';
const isStrArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);

// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/;

/** The first key or string value of `v` (at `key`, `path`) holding a control character, and where it is. */
function controlIn(v: unknown, key: string, path: JsonPath = []): { key: string; char: number; place: JsonPlace } | null {
  const hit = (s: string, at: string, inKey: boolean): { key: string; char: number; place: JsonPlace } | null => {
    const m = CONTROL_RE.exec(s);
    return m ? { key: at, char: m[0].charCodeAt(0), place: { path, index: m.index, length: 1, ...(inKey ? { key: true } : {}) } } : null;
  };
  if (typeof v === 'string') return hit(v, key, false);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const r = controlIn(v[i], key, [...path, i]);
      if (r) return r;
    }
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const at = key === '' ? k : `${key}.${k}`;
      const r = controlIn(k, at, [...path, k]);
      const inKey = r ? { ...r, place: { ...r.place, key: true } } : null;
      const found = inKey ?? controlIn(x, at, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

/** A run of hidden characters in a config value: its key (`headers.output`; a list's items share it), the run, where it is. */
export interface HiddenRun {
  readonly key: string;
  readonly run: string;
  readonly place: JsonPlace;
}

/**
 * The config's text values holding a direction control (anywhere) or an invisible character (SOP117, as in a
 * .sop): each run of them, at most `max`.
 */
export function hiddenInConfig(config: SopConfig, max = 20): HiddenRun[] {
  const out: HiddenRun[] = [];
  const runs = new RegExp(`(?:${BIDI_RE.source}|${INVISIBLE_RE.source})+`, 'g');
  const walk = (v: unknown, key: string, path: JsonPath): void => {
    if (out.length >= max) return;
    if (typeof v === 'string') {
      for (const m of v.matchAll(runs)) if (out.length < max) out.push({ key, run: m[0], place: { path, index: m.index, length: m[0].length } });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, key, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, key === '' ? k : `${key}.${k}`, [...path, k]);
  };
  walk(config, '', []);
  return out;
}

/** A book text over its limit (src/model/limits.ts): the cover, a heading or the footer would no longer hold it. */
function tooLong(key: string, v: string, limit: number, place: JsonPath): ConfigResult {
  const n = [...v].length;
  const cover = !key.startsWith('book.words.');
  return bad(
    `"${key}" terlalu panjang (${n} karakter, batasnya ${limit}): ${cover ? 'sampul buku' : 'halamannya'} tidak lagi memuatnya`,
    `"${key}" is too long (${n} characters, the limit is ${limit}): ${cover ? "the book's cover" : 'its page'} would no longer hold it`,
    atValue(...place),
  );
}

/** Validates a parsed `sop.config.json`. Unknown keys are refused so that typos are seen. */
export function validateConfig(raw: unknown): ConfigResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return bad('isinya harus berupa objek JSON ({ … })', 'the root must be an object');
  const o = raw as Record<string, unknown>;
  const known = ['$schema', 'instansi', 'logo', 'disahkanOleh', 'paper', 'outDir', 'formats', 'headers', 'maxRowsPerPage', 'laneWidths', 'checks', 'mermaid', 'book'];
  for (const k of Object.keys(o)) if (!known.includes(k)) return bad(`kunci "${k}" tidak dikenal`, `unknown key "${k}"`, atKey(k));
  // The one key not otherwise checked: as any value, a 200 000-deep array in it overflowed the stack of controlIn (exit 3).
  if (o['$schema'] !== undefined && !isStr(o['$schema'])) return bad('"$schema" harus berupa teks', '"$schema" must be a string', atValue('$schema'));
  if (o['instansi'] !== undefined && !isStrArray(o['instansi'])) return bad('"instansi" harus berupa daftar teks', '"instansi" must be a list of strings', atValue('instansi'));
  // The agency's lines stand on the book's cover under its title: 40 lines of 170 characters ran over its footer, the
  // last 30 lost (a probe).
  if (isStrArray(o['instansi'])) {
    const lines = o['instansi'];
    if (lines.length > LIMITS.instansiLines)
      return bad(
        `"instansi" terlalu banyak baris (${lines.length}, batasnya ${LIMITS.instansiLines}): sampul buku tidak lagi memuatnya`,
        `"instansi" has too many lines (${lines.length}, the limit is ${LIMITS.instansiLines}): the book's cover would no longer hold them`,
        atValue('instansi', LIMITS.instansiLines),
      );
    const i = lines.findIndex((l) => [...l].length > LIMITS.instansiLine);
    if (i >= 0) return tooLong(`instansi[${i}]`, lines[i]!, LIMITS.instansiLine, ['instansi', i]);
  }
  if (o['logo'] !== undefined && !isStr(o['logo'])) return bad('"logo" harus berupa teks', '"logo" must be a string', atValue('logo'));
  if (o['outDir'] !== undefined && !isStr(o['outDir'])) return bad('"outDir" harus berupa teks', '"outDir" must be a string', atValue('outDir'));
  // The config is untrusted (anyone can propose it): its outputs stay below the folder the build runs in.
  if (isStr(o['outDir']) && !isRelativeInside(o['outDir']))
    return bad('"outDir" harus jalur relatif di dalam folder proyek (tanpa "..", bukan jalur mutlak)', '"outDir" must be a relative path inside the project folder (no "..", not absolute)', atValue('outDir'));
  // Nor into the repository's own database (a probe's `"outDir": ".git"` wrote the outputs and fonts/ there).
  if (isStr(o['outDir']) && o['outDir'].split(/[\\/]+/).some((seg) => seg.toLowerCase() === '.git'))
    return bad('"outDir" tidak boleh menunjuk ke dalam folder .git', '"outDir" must not point into the .git folder', atValue('outDir'));
  if (o['paper'] !== undefined && !PAPER_SIZES.includes(o['paper'] as PaperSize))
    return bad(`"paper" harus salah satu dari ${PAPER_SIZES.join(', ')}`, `"paper" must be one of ${PAPER_SIZES.join(', ')}`, atValue('paper'));
  if (o['formats'] !== undefined && !(isStrArray(o['formats']) && o['formats'].every((f) => (OUTPUT_FORMATS as readonly string[]).includes(f))))
    return bad(`"formats" harus berupa daftar dari ${OUTPUT_FORMATS.join(', ')}`, `"formats" must be a list of ${OUTPUT_FORMATS.join(', ')}`, atValue('formats'));
  if (o['maxRowsPerPage'] !== undefined && !(Number.isInteger(o['maxRowsPerPage']) && (o['maxRowsPerPage'] as number) >= 1))
    return bad('"maxRowsPerPage" harus bilangan bulat paling sedikit 1', '"maxRowsPerPage" must be a whole number of at least 1', atValue('maxRowsPerPage'));
  if (o['laneWidths'] !== undefined && !LANE_WIDTHS.includes(o['laneWidths'] as (typeof LANE_WIDTHS)[number]))
    return bad(`"laneWidths" harus salah satu dari ${LANE_WIDTHS.join(', ')}`, `"laneWidths" must be one of ${LANE_WIDTHS.join(', ')}`, atValue('laneWidths'));
  const mm = o['mermaid'];
  if (mm !== undefined) {
    if (typeof mm !== 'object' || mm === null || Array.isArray(mm)) return bad('"mermaid" harus berupa objek', '"mermaid" must be an object', atValue('mermaid'));
    for (const [k, v] of Object.entries(mm)) {
      const allowed: readonly string[] | undefined = k === 'dialect' ? MERMAID_DIALECTS : k === 'theme' ? DIAGRAM_THEMES : undefined;
      if (!allowed) return bad(`kunci "mermaid.${k}" tidak dikenal`, `unknown key "mermaid.${k}"`, atKey('mermaid', k));
      if (!allowed.includes(v as string)) return bad(`"mermaid.${k}" harus salah satu dari ${allowed.join(', ')}`, `"mermaid.${k}" must be one of ${allowed.join(', ')}`, atValue('mermaid', k));
    }
  }
  const d = o['disahkanOleh'];
  if (d !== undefined) {
    if (typeof d !== 'object' || d === null || Array.isArray(d)) return bad('"disahkanOleh" harus berupa objek', '"disahkanOleh" must be an object', atValue('disahkanOleh'));
    for (const [k, v] of Object.entries(d)) {
      if (!['jabatan', 'nama', 'nip'].includes(k)) return bad(`kunci "disahkanOleh.${k}" tidak dikenal`, `unknown key "disahkanOleh.${k}"`, atKey('disahkanOleh', k));
      if (!isStr(v)) return bad(`"disahkanOleh.${k}" harus berupa teks`, `"disahkanOleh.${k}" must be a string`, atValue('disahkanOleh', k));
    }
  }
  const h = o['headers'];
  if (h !== undefined) {
    if (typeof h !== 'object' || h === null || Array.isArray(h)) return bad('"headers" harus berupa objek', '"headers" must be an object', atValue('headers'));
    for (const [k, v] of Object.entries(h)) {
      if (!Object.hasOwn(DEFAULT_HEADERS, k)) return bad(`kunci "headers.${k}" tidak dikenal`, `unknown key "headers.${k}"`, atKey('headers', k));
      if (!isStr(v)) return bad(`"headers.${k}" harus berupa teks`, `"headers.${k}" must be a string`, atValue('headers', k));
      if ([...v].length > LIMITS.headerWord)
        return bad(`"headers.${k}" terlalu panjang (${[...v].length} karakter, batasnya ${LIMITS.headerWord}): kepala tabel tidak lagi muat di halaman`, `"headers.${k}" is too long (${[...v].length} characters, the limit is ${LIMITS.headerWord}): the table header would no longer fit the page`, atValue('headers', k));
    }
  }
  const c = o['checks'];
  if (c !== undefined) {
    if (typeof c !== 'object' || c === null || Array.isArray(c)) return bad('"checks" harus berupa objek', '"checks" must be an object', atValue('checks'));
    for (const [k, v] of Object.entries(c)) {
      if (!(TUNABLE_CHECKS as readonly string[]).includes(k)) return bad(`"checks" hanya boleh mengatur ${TUNABLE_CHECKS.join(', ')}, bukan "${k}"`, `"checks" may set only ${TUNABLE_CHECKS.join(', ')}, not "${k}"`, atKey('checks', k));
      if (!(CHECK_LEVELS as readonly unknown[]).includes(v)) return bad(`"checks.${k}" harus salah satu dari ${CHECK_LEVELS.join(', ')}`, `"checks.${k}" must be one of ${CHECK_LEVELS.join(', ')}`, atValue('checks', k));
    }
  }
  const b = o['book'];
  if (b !== undefined) {
    if (typeof b !== 'object' || b === null || Array.isArray(b)) return bad('"book" harus berupa objek', '"book" must be an object', atValue('book'));
    for (const [k, v] of Object.entries(b)) {
      if (['title', 'subtitle', 'year', 'foreword'].includes(k)) {
        if (!isStr(v)) return bad(`"book.${k}" harus berupa teks`, `"book.${k}" must be a string`, atValue('book', k));
        if (k !== 'foreword' && [...v].length > (k === 'year' ? LIMITS.bookWord : LIMITS.bookTitle)) return tooLong(`book.${k}`, v, k === 'year' ? LIMITS.bookWord : LIMITS.bookTitle, ['book', k]);
      } else if (k === 'order') {
        if (!isStrArray(v)) return bad('"book.order" harus berupa daftar nama berkas', '"book.order" must be a list of file names', atValue('book', k));
      } else if (k === 'words') {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return bad('"book.words" harus berupa objek', '"book.words" must be an object', atValue('book', k));
        for (const [w, x] of Object.entries(v)) {
          if (!Object.hasOwn(DEFAULT_BOOK_WORDS, w)) return bad(`kunci "book.words.${w}" tidak dikenal`, `unknown key "book.words.${w}"`, atKey('book', k, w));
          if (!isStr(x)) return bad(`"book.words.${w}" harus berupa teks`, `"book.words.${w}" must be a string`, atValue('book', k, w));
          if ([...x].length > LIMITS.bookWord) return tooLong(`book.words.${w}`, x, LIMITS.bookWord, ['book', k, w]);
        }
      } else return bad(`kunci "book.${k}" tidak dikenal`, `unknown key "book.${k}"`, atKey('book', k));
    }
  }
  // Its text is printed as a .sop's is: no control character (SOP114 in a .sop), which could hide in the HTML or
  // rewrite a terminal. Tabs and line ends are allowed.
  const control = controlIn(o, '');
  if (control) {
    const u = `U+${control.char.toString(16).toUpperCase().padStart(4, '0')}`;
    return bad(`"${control.key}" berisi karakter kendali (${u})`, `"${control.key}" holds a control character (${u})`, control.place);
  }
  const { $schema: _s, ...config } = o;
  return { ok: true, config: config as SopConfig };
}
