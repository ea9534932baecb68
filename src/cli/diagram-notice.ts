/**
 * The notice of `sop build` when an SVG/PNG was drawn in another form than the
 * dialect asked for (src/render/mermaid-diagram.ts), in the user's language.
 * The reasons come from the drawing check (render/mermaid-inspect.ts) in
 * English; in Indonesian their phrases are translated here.
 */
import type { Lang } from '../diagnostics/catalog.js';

const FORM_ID: Readonly<Record<string, string>> = { swimlane: 'swimlane', flowchart: 'flowchart', 'flowchart-flat': 'flowchart datar' };
const FORM_EN: Readonly<Record<string, string>> = { swimlane: 'swimlane', flowchart: 'flowchart', 'flowchart-flat': 'flat flowchart' };

/** The check's English phrases → Indonesian (first match of each is replaced). */
const REASON_ID: readonly (readonly [RegExp, string])[] = [
  [/\barrow (\S+) ends ([\d.]+) px away from (\S+)/g, 'panah $1 berakhir $2 px dari $3'],
  [/\blabel "([^"]*)" of (\S+) is nearer (\S+) \(([\d.]+) px vs ([\d.]+) px\)/g, 'label "$1" milik $2 lebih dekat ke $3 ($4 px lawan $5 px)'],
  [/\bnodes missing from the SVG: /g, 'simpul tidak ada di SVG: '],
  [/\bMermaid drew its error diagram/g, 'Mermaid menggambar diagram galatnya'],
  [/\bMermaid: maximum text size exceeded/g, 'Mermaid: ukuran teks maksimum terlampaui'],
  [/\bnot inspected/g, 'tidak diperiksa'],
  [/\b(\d+) steps, (\d+) lanes\b/g, '$1 langkah, $2 pelaksana'],
  [/\bflowchart-flat:/g, 'flowchart datar:'],
];

/**
 * `sop: x.sop: SVG/PNG digambar sebagai flowchart (swimlane: panah s4→s3 berakhir 16.6 px dari s3)`,
 * or the same in English.
 */
export function diagramFallbackNotice(file: string, form: string, why: string, lang: Lang): string {
  if (lang === 'en') return `sop: ${file}: SVG/PNG drawn as ${FORM_EN[form] ?? form} (${why})`;
  let reason = why;
  for (const [re, to] of REASON_ID) reason = reason.replace(re, to);
  return `sop: ${file}: SVG/PNG digambar sebagai ${FORM_ID[form] ?? form} (${reason})`;
}
