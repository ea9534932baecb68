/**
 * The one set of size limits every surface applies (docs/security.md,
 * "Sizes"): `check` reports a SOP past any of them as an error at the place
 * it crosses (SOP591 steps, SOP592 lanes, SOP594 text), and then `build`
 * (every format), `book`, `preview`, the playground and the language server
 * make no document of it, as for any error. Within them a document lays out
 * in about a second; past them a few kilobytes of text (600 lanes x 600
 * steps) made 95 MB of HTML and froze the browser for over a minute.
 *
 * - steps: past 1 000 the table runs to hundreds of pages and takes minutes
 *   to lay out twice (measure, then print);
 * - lanes: past 20 the columns are narrower than a word on paper;
 * - text: 1 000 000 characters (UTF-16 code units, about 1 MB), ten times
 *   a long real SOP;
 * - laneTitle: 200 characters (SOP595): the lane titles stand in the table
 *   header, repeated on every page; 1 500 words made a header taller than
 *   the page, and every step was lost from the PDF;
 * - headerWord: 100 characters for each of sop.config.json's `headers`
 *   (SOP503), for the same reason. Whatever still makes the header and the
 *   tallest row taller than the page is refused by `sop build` for that SOP
 *   (src/page/build.ts pageOverflow);
 * - bookTitle: 150 characters for `book.title` and `book.subtitle`, bookWord: 100 for `book.year` and each of
 *   `book.words` (SOP503): the cover holds them with a logo and the agency's lines, and a heading or the footer
 *   (one line, made smaller should it still be wider than the page) stays on its page; a 3 000-character title ran
 *   off the cover over the footer;
 * - instansiLines, instansiLine: 4 lines in sop.config.json's `instansi`, each of 80 characters at most (SOP503; an
 *   agency's longest line, "BADAN PENGELOLAAN KEUANGAN DAN ASET DAERAH PROVINSI KALIMANTAN BARAT", has 68): they
 *   stand on the book's cover too, under its title (40 lines ran over its footer, the last 30 lost); at these limits,
 *   in the widest letters, the cover still holds them with a logo, a title and a subtitle at theirs;
 * - diagramSteps: the Mermaid diagram (`mermaid-svg`, `mermaid-png`) alone
 *   stops at 300 steps (SOP590): Mermaid does not finish laying out a larger
 *   one. The native `svg` and `png` draw up to `steps`;
 * - flowsPast: 40 arrows passing beside one step (SOP597, every output): past that the drawing is a thicket no one
 *   can follow, and the layout's work grows with the square of the steps (flowsPast below);
 * - sheetReach: the native `svg` and `png` (one sheet, every step on it) stop where the arrows together pass over more
 *   than 100 000 rows (each arrow the rows from its step to its target): a 60 KB SOP of 1 000 decisions, each
 *   jumping to a random step, passed over 328 609 and drew a 109 MB SVG of a million lines in a minute and 2.2 GB
 *   (a hostile probe); generated 1 000-step procedures pass over about 2 200. Its paged PDF and HTML are made.
 */
export const LIMITS = {
  steps: 1000,
  lanes: 20,
  text: 1_000_000,
  laneTitle: 200,
  headerWord: 100,
  bookTitle: 150,
  bookWord: 100,
  instansiLines: 4,
  instansiLine: 80,
  diagramSteps: 300,
  sheetReach: 100_000,
  flowsPast: 40,
} as const;

/**
 * The most arrows passing beside one step (each arrow from its step to a target more than one step away passes
 * beside every step between), and the first step they pass beside (LIMITS.flowsPast, SOP597). Real procedures have 5
 * at most (sops/, the print fixtures, generated 1 000-step ones); a second probe's 1 000 decisions each sending Ya to
 * the first step and Tidak to the last had about 2 000 beside every step, and its HTML was laid out for over 16 minutes.
 */
export function flowsPast(model: { readonly steps: readonly { readonly number: number }[]; readonly edges: readonly { readonly from: number; readonly to: number | string }[] }): { count: number; step: number } {
  const n = model.steps.length;
  const delta = new Int32Array(n + 2);
  for (const e of model.edges) {
    if (typeof e.to !== 'number') continue;
    const a = Math.min(e.from, e.to);
    const b = Math.max(e.from, e.to);
    if (b - a > 1 && a >= 0 && b <= n + 1) {
      delta[a + 1]!++;
      delta[b]!--;
    }
  }
  let now = 0;
  let best = { count: 0, step: 0 };
  for (let i = 1; i <= n; i++) {
    now += delta[i]!;
    if (now > best.count) best = { count: now, step: i };
  }
  return best;
}

/** How many rows the arrows of `model` pass over together (LIMITS.sheetReach). */
export function arrowReach(model: { readonly edges: readonly { readonly from: number; readonly to: number | string }[] }): number {
  let n = 0;
  for (const e of model.edges) if (typeof e.to === 'number') n += Math.abs(e.to - e.from);
  return n;
}
