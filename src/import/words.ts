/**
 * Indonesian words the importer knows: the labels of the form, the
 * abbreviations of official titles, casing of names.
 */
import { editDistance } from '../util/suggest.js';
import type { ListKey, ScalarKey } from './draft.js';

/** Folds a text for comparison: lower case, accents off, blanks folded, blanks around `/` dropped. */
export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface IdentityLabel {
  readonly key: ScalarKey | ListKey;
  readonly list: boolean;
  readonly names: readonly string[];
}

/** The labels of the identity page, as documents spell them (folded). The canonical one first. */
export const IDENTITY_LABELS: readonly IdentityLabel[] = [
  { key: 'nomor', list: false, names: ['nomor sop', 'no. sop', 'no sop', 'nomor'] },
  { key: 'tanggalPembuatan', list: false, names: ['tanggal pembuatan', 'tgl. pembuatan', 'tgl pembuatan', 'tanggal dibuat'] },
  { key: 'tanggalRevisi', list: false, names: ['tanggal revisi', 'tgl. revisi', 'tgl revisi'] },
  { key: 'tanggalEfektif', list: false, names: ['tanggal efektif', 'tgl. efektif', 'tgl efektif', 'tanggal berlaku'] },
  { key: 'disahkanOleh', list: false, names: ['disahkan oleh', 'disahkan'] },
  { key: 'nama', list: false, names: ['nama sop', 'judul sop', 'nama prosedur'] },
  { key: 'dasarHukum', list: true, names: ['dasar hukum'] },
  { key: 'kualifikasi', list: true, names: ['kualifikasi pelaksana', 'kualifikasi'] },
  { key: 'keterkaitan', list: true, names: ['keterkaitan'] },
  { key: 'peralatan', list: true, names: ['peralatan/perlengkapan', 'peralatan', 'perlengkapan'] },
  { key: 'peringatan', list: true, names: ['peringatan'] },
  { key: 'pencatatan', list: true, names: ['pencatatan dan pendataan', 'pencatatan'] },
];

export interface LabelMatch {
  readonly label: IdentityLabel;
  /** The text after the label (and a `:`), trimmed. */
  readonly rest: string;
  /** The label was matched approximately (a misspelling): the spelling found. */
  readonly approx: string | null;
}

const labelCache = new Map<string, LabelMatch | null>();

/** Whether a cell starts with an identity label: exactly (any case), or within a small edit distance for long labels. */
export function matchLabel(cell: string): LabelMatch | null {
  const hit = labelCache.get(cell);
  if (hit !== undefined) return hit;
  const m = matchLabelUncached(cell);
  if (labelCache.size > 50_000) labelCache.clear();
  labelCache.set(cell, m);
  return m;
}

/** The first words of the labels (folded): a cell whose first word is none of them, nor one slip away, is no label. */
const FIRST_WORDS = [...new Set(IDENTITY_LABELS.flatMap((l) => l.names.map((n) => n.split(' ')[0]!.split('/')[0]!)))];

function matchLabelUncached(cell: string): LabelMatch | null {
  const text = cell.trim();
  if (text === '' || text.length > 400) return null;
  const words = text.split(/\s+/);
  const first = fold(words[0]!).split('/')[0]!.replace(/:$/, '');
  if (!FIRST_WORDS.some((w) => w === first || (w.length >= 6 && Math.abs(w.length - first.length) <= 2 && editDistance(first, w, 3) <= 2))) return null;
  let best: LabelMatch | null = null;
  let bestLen = 0;
  for (const label of IDENTITY_LABELS) {
    for (const name of label.names) {
      const n = name.split(' ').length;
      // "Peralatan / perlengkapan" has three words before folding: try n and n+2 words.
      for (const take of [n, n + 2]) {
        if (take > words.length) continue;
        const head = words.slice(0, take).join(' ');
        const folded = fold(head).replace(/:$/, '');
        let approx: string | null = null;
        if (folded !== name) {
          // Misspellings only for long labels, and never for the one-word generic "nomor"/"disahkan".
          if (name.length < 8 || editDistance(folded, name, 3) > (name.length >= 14 ? 2 : 1)) continue;
          approx = head;
        }
        const rest = words.slice(take).join(' ').replace(/^:\s*/, '');
        if (name.length > bestLen || (name.length === bestLen && best?.approx && !approx)) {
          best = { label, rest, approx };
          bestLen = name.length;
        }
      }
    }
  }
  // A bare "Nomor" (or "Disahkan") is a label only alone or before one token ("Nomor 206 Tahun 2021 …" in a sentence is not).
  if (best && (best.label.key === 'nomor' || best.label.key === 'disahkanOleh') && bestLen <= 8 && /\s/.test(best.rest.trim())) return null;
  return best;
}

/** Function words written in lower case inside a title. */
const SMALL = new Set(['dan', 'atau', 'serta', 'di', 'ke', 'dari', 'yang', 'untuk', 'pada', 'dengan', 'oleh', 'tentang', 'atas', 'bagi', 'dalam', 'per']);
const ROMAN_RE = /^(?=[IVXLC]+$)M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$/;

/**
 * A title in upper case written as a title: each word capitalised, function
 * words in lower case, and words kept in capitals when they have no vowel
 * (SK, DPRD), are Roman numerals, or are written in capitals in the
 * document's own mixed-case text (`vocabulary`: DUK, OPD, ATK). A title
 * already in mixed case is left alone.
 */
export function titleCase(s: string, vocabulary: ReadonlyMap<string, string>): string {
  const letters = s.replace(/[^\p{L}]/gu, '');
  if (letters === '' || letters !== letters.toUpperCase()) return s;
  let first = true;
  // A word joined by hyphens (`PLUT-KUMKM`, `SURAT-MENYURAT`) is cased part by part, as the vocabulary spells them.
  return s.replace(/\p{L}[\p{L}\p{N}'’.]*/gu, (w) => {
    const lower = w.toLowerCase();
    const isFirst = first;
    first = false;
    const known = vocabulary.get(lower);
    if (known !== undefined && known === known.toUpperCase() && /\p{L}/u.test(known)) return w;
    if (!/[aeiouAEIOU]/.test(w) || ROMAN_RE.test(w)) return w;
    if (!isFirst && SMALL.has(lower)) return lower;
    if (known !== undefined && known !== lower) return known;
    return w[0]! + w.slice(1).toLowerCase();
  });
}

/**
 * The spelling of each word in the document's mixed-case text, by its most
 * frequent form (`dUK` → `DUK`). Text in all capitals is skipped: it says
 * nothing about how a word is spelt.
 */
export function vocabularyOf(texts: Iterable<string>): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const t of texts) {
    const letters = t.replace(/[^\p{L}]/gu, '');
    if (letters.length < 12 || letters === letters.toUpperCase()) continue;
    for (const m of t.matchAll(/\p{L}[\p{L}\p{N}]*/gu)) {
      const w = m[0];
      const key = w.toLowerCase();
      let c = counts.get(key);
      if (!c) counts.set(key, (c = new Map()));
      c.set(w, (c.get(w) ?? 0) + 1);
    }
  }
  const out = new Map<string, string>();
  for (const [key, forms] of counts) {
    let best = '';
    let n = -1;
    for (const [f, k] of forms) {
      // A capitalised form at the start of a sentence says little: prefer lower case on ties, capitals when they win.
      if (k > n || (k === n && f === key)) {
        best = f;
        n = k;
      }
    }
    out.set(key, best);
  }
  return out;
}

/**
 * Abbreviations of official titles, expanded before lanes are matched in the
 * text ("Kasubbag" = "Kepala Sub Bagian"). Keys are folded words.
 */
const ABBREVIATIONS: readonly [RegExp, string][] = [
  [/\bka\.?\s*subb?ag\.?\b/g, 'kepala sub bagian'],
  [/\bkasubb?ag\.?\b/g, 'kepala sub bagian'],
  [/\bkasubb?id\.?\b/g, 'kepala sub bidang'],
  [/\bkasie?\.?\b/g, 'kepala seksi'],
  [/\bkabag\.?\b/g, 'kepala bagian'],
  [/\bkabid\.?\b/g, 'kepala bidang'],
  [/\bkadis\.?\b/g, 'kepala dinas'],
  [/\bkaban\.?\b/g, 'kepala badan'],
  [/\bkabiro\.?\b/g, 'kepala biro'],
  [/\bkaupt\.?\b/g, 'kepala upt'],
  [/\bsekda\.?\b/g, 'sekretaris daerah'],
  [/\bsekdis\.?\b/g, 'sekretaris dinas'],
  [/\bsekban\.?\b/g, 'sekretaris badan'],
  [/\bsesdis\.?\b/g, 'sekretaris dinas'],
  [/\banpeg\.?\b/g, 'analis kepegawaian'],
  [/\banalisis kepegawaian\b/g, 'analis kepegawaian'],
  [/\bpengadm\.?\b/g, 'pengadministrasi'],
  [/\bsub\s?b?bag(ian)?\b/g, 'sub bagian'],
  [/\bsubbid(ang)?\b/g, 'sub bidang'],
  [/\bka\.\s?/g, 'kepala '],
  [/\bstaf\b/g, ''],
  [/\bstaff\b/g, ''],
];

/** A title or a text, folded and with abbreviations written out. */
export function expand(s: string): string {
  let t = ` ${fold(s).replace(/[*]/g, '').replace(/[^\p{L}\p{N}/.() -]/gu, ' ')} `;
  for (const [re, full] of ABBREVIATIONS) t = t.replace(re, full);
  // "tidak" as OCR misreads it (fidak, tldak, t1dak, "t dak"): read as tidak, the text itself is left as written.
  t = t.replace(/\b(?:[ft1l]idak|t[l1i]dak|t dak)\b/g, 'tidak');
  return t.replace(/\s+/g, ' ').trim();
}

/**
 * Titles that name a class of officials in regulations rather than a post:
 * which posts each may mean. A mention of one matches a lane whose title
 * starts with one of these posts, when exactly one lane does.
 */
export const GENERIC_TITLES: readonly [RegExp, readonly string[]][] = [
  [/\bkepala perangkat daerah\b|\bkepala opd\b|\bpimpinan\b/, ['kepala dinas', 'kepala badan', 'kepala biro', 'kepala kantor']],
  [/\bpejabat administrator\b/, ['kepala bidang', 'kepala bagian', 'sekretaris']],
  [/\bpejabat pengawas\b/, ['kepala sub bagian', 'kepala seksi', 'kepala sub bidang', 'kepala upt']],
];

/** A lane id from a title: the usual abbreviation for heads of units (kadis, kabid, kasubbag), else its first word. */
export function laneIdCandidates(title: string): string[] {
  const e = expand(title);
  const heads: [string, string][] = [
    ['kepala sub bagian', 'kasubbag'],
    ['kepala sub bidang', 'kasubbid'],
    ['kepala seksi', 'kasi'],
    ['kepala bagian', 'kabag'],
    ['kepala bidang', 'kabid'],
    ['kepala dinas', 'kadis'],
    ['kepala badan', 'kaban'],
    ['kepala biro', 'kabiro'],
    ['sekretaris daerah', 'sekda'],
    ['analis kepegawaian', 'anpeg'],
  ];
  const words = slugWords(title);
  const out: string[] = [];
  for (const [head, id] of heads) {
    if (e.startsWith(head)) {
      const restWords = slugWords(e.slice(head.length));
      out.push(id);
      if (restWords.length > 0) out.push(`${id}-${restWords[0]}`, `${id}-${restWords.join('-')}`);
    }
  }
  if (words.length > 0) {
    out.push(words[0]!);
    for (let n = 2; n <= words.length; n++) out.push(words.slice(0, n).join('-'));
  }
  out.push('pelaksana');
  return out.map((id) => (/^\p{L}/u.test(id) ? id : `p${id}`)).map((id) => id.slice(0, 40));
}

/** Words of a text as identifier pieces: ASCII letters and digits, lower case. */
export function slugWords(s: string): string[] {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}
