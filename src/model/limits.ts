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
 * - diagramSteps: the SVG/PNG diagram alone stops at 300 steps (SOP590):
 *   Mermaid does not finish laying out a larger one.
 */
export const LIMITS = {
  steps: 1000,
  lanes: 20,
  text: 1_000_000,
  diagramSteps: 300,
} as const;

