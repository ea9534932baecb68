/**
 * What the importer changed in a drafter's text, said in the draft as a
 * SOP706 comment above the line it touched: text input's HTML italics
 * written as `*…*`, and a cell cut at MAX_CELL characters (clean.ts leaves
 * CUT_MARK at its end, taken out here); and, above the Nama SOP, how a text
 * file's bytes were read when they were not plain UTF-8 or UTF-16. Nothing
 * else a drafter wrote is changed beyond the clean-ups of clean.ts (control
 * and invisible characters, look-alike letters, TeX arrows, blanks).
 */
import type { Params } from '../diagnostics/catalog.js';
import { CUT_MARK, MAX_CELL } from './clean.js';
import type { Draft, Guess } from './draft.js';

export interface MendOptions {
  /** The draft comes from text input, whose `<i>…</i>` became `*…*` (clean.ts htmlItalics): an unescaped `*` says where. */
  readonly htmlItalics: boolean;
  /** What is said of the whole file (how a text file's bytes were read): above the draft's Nama SOP. */
  readonly fileNotes?: readonly Guess[];
}

/** A value cut short for a comment. */
const excerpt = (s: string): string => (s.length > 60 ? `${s.slice(0, 60)}…` : s);

const unmark = (s: string): string => (s.includes(CUT_MARK) ? s.split(CUT_MARK).join('') : s);

/** Adds a SOP706 comment to every field, lane and step of `d` holding text the importer changed, and takes CUT_MARK out of everything. */
export function sayMended(d: Draft, opts: MendOptions): void {
  const said = (values: readonly string[]): Guess[] => {
    const out: Guess[] = [];
    const cut = values.find((v) => v.includes(CUT_MARK));
    if (cut !== undefined) {
      const text = excerpt(unmark(cut));
      out.push({ code: 'SOP706', params: { text, mend: 'cut' }, note: `SOP706: teks sumber lebih dari ${String(MAX_CELL).replace(/\B(?=(\d{3})+$)/g, ' ')} karakter dan dipotong; salin sisanya dari sumber bila perlu.` });
    }
    const italic = opts.htmlItalics ? values.find((v) => /(?<!\\)\*/.test(v)) : undefined;
    if (italic !== undefined) {
      out.push({ code: 'SOP706', params: { text: excerpt(unmark(italic)), mend: 'italics' }, note: `SOP706: huruf miring HTML (<i>…</i>) di sumber ditulis *…*.` });
    }
    return out;
  };
  for (const key of Object.keys(d.scalars) as (keyof Draft['scalars'])[]) {
    const v = d.scalars[key] ?? '';
    for (const g of said([v])) (d.fieldGuesses[key] ??= []).push(g);
    d.scalars[key] = unmark(v);
  }
  for (const key of Object.keys(d.lists) as (keyof Draft['lists'])[]) {
    const items = d.lists[key] ?? [];
    for (const g of said(items)) (d.fieldGuesses[key] ??= []).push(g);
    d.lists[key] = items.map(unmark);
  }
  d.lanes = d.lanes.map((l) => {
    for (const g of said([l.title])) l.guesses.push(g);
    return l.title.includes(CUT_MARK) ? { ...l, title: unmark(l.title) } : l;
  });
  for (const s of d.steps) {
    for (const g of said([s.text, s.kelengkapan, s.waktu, s.output, s.keterangan])) s.guesses.push(g);
    s.text = unmark(s.text);
    s.kelengkapan = unmark(s.kelengkapan);
    s.waktu = unmark(s.waktu);
    s.output = unmark(s.output);
    s.keterangan = unmark(s.keterangan);
  }
  if (opts.fileNotes && opts.fileNotes.length > 0) d.fieldGuesses.nama = opts.fileNotes.concat(d.fieldGuesses.nama ?? []);
  // The other guesses quote the text they read (a name, a label, a date): without the mark.
  const clean = (gs: Guess[]): void => {
    gs.forEach((g, i) => {
      if (!g.note.includes(CUT_MARK) && !Object.values(g.params).some((v) => typeof v === 'string' && v.includes(CUT_MARK))) return;
      const params: Record<string, string | number> = {};
      for (const [k, v] of Object.entries(g.params)) params[k] = typeof v === 'string' ? unmark(v) : v;
      gs[i] = { code: g.code, params: params as Params, note: unmark(g.note) };
    });
  };
  for (const gs of Object.values(d.fieldGuesses)) clean(gs);
  for (const l of d.lanes) clean(l.guesses);
  for (const s of d.steps) clean(s.guesses);
}
