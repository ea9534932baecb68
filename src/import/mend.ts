/**
 * What the importer changed in a drafter's text, said in the draft as a
 * SOP706 comment above the line it touched: text input's HTML italics
 * written as `*…*`; and, above the Nama SOP, how a text file's bytes were
 * read when they were not plain UTF-8 or UTF-16. Nothing else a drafter wrote is changed beyond the
 * clean-ups of clean.ts (control and invisible characters, look-alike
 * letters, TeX arrows, blanks).
 */
import type { Draft, Guess } from './draft.js';

export interface MendOptions {
  /** The draft comes from text input, whose `<i>…</i>` became `*…*` (clean.ts htmlItalics): an unescaped `*` says where. */
  readonly htmlItalics: boolean;
  /** What is said of the whole file (how a text file's bytes were read): above the draft's Nama SOP. */
  readonly fileNotes?: readonly Guess[];
}

/** A value cut short for a comment. */
const excerpt = (s: string): string => (s.length > 60 ? `${s.slice(0, 60)}…` : s);

/** Adds a SOP706 comment to every field, lane and step of `d` holding text the importer changed. */
export function sayMended(d: Draft, opts: MendOptions): void {
  const said = (values: readonly string[]): Guess[] => {
    const out: Guess[] = [];
    const italic = opts.htmlItalics ? values.find((v) => /(?<!\\)\*/.test(v)) : undefined;
    if (italic !== undefined) {
      out.push({ code: 'SOP706', params: { text: excerpt(italic), mend: 'italics' }, note: `SOP706: huruf miring HTML (<i>…</i>) di sumber ditulis *…*.` });
    }
    return out;
  };
  for (const key of Object.keys(d.scalars) as (keyof Draft['scalars'])[]) {
    for (const g of said([d.scalars[key] ?? ''])) (d.fieldGuesses[key] ??= []).push(g);
  }
  for (const key of Object.keys(d.lists) as (keyof Draft['lists'])[]) {
    for (const g of said(d.lists[key] ?? [])) (d.fieldGuesses[key] ??= []).push(g);
  }
  for (const l of d.lanes) for (const g of said([l.title])) l.guesses.push(g);
  for (const s of d.steps) for (const g of said([s.text, s.kelengkapan, s.waktu, s.output, s.keterangan])) s.guesses.push(g);
  if (opts.fileNotes && opts.fileNotes.length > 0) d.fieldGuesses.nama = opts.fileNotes.concat(d.fieldGuesses.nama ?? []);
}
