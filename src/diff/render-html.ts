/**
 * The diff as an HTML redline of the procedure table: the new revision's
 * rows in order, removed rows struck through in red where they stood, added
 * rows in green, changed cells highlighted with a word diff. Rendered by
 * templates/diff.hbs (Handlebars, strict; every user string escaped).
 */
import Handlebars from 'handlebars';
import type { FileResult } from '../check/check.js';
import type { Lang } from '../diagnostics/catalog.js';
import type { Step } from '../model/model.js';
import { plainText } from '../util/inline.js';
import { diffSops, matchSteps, writtenTarget, type Change } from './diff.js';
import { renderDiffText } from './render-text.js';
import { wordBudget, wordDiff, type WordBudget, type WordOp } from './word-diff.js';

interface CellVM {
  changed: boolean;
  ops: { text: string; ins: boolean; del: boolean }[];
}

interface RowVM {
  status: 'added' | 'removed' | 'changed' | 'same';
  isAdded: boolean;
  isRemoved: boolean;
  number: string;
  kegiatan: CellVM;
  /** Kelengkapan, Waktu, Output, Keterangan. */
  mutu: CellVM[];
  /** The written branches (`Ya: 5`, `Tidak: selesai`, `Lanjut: 2`), old targets struck where they changed. */
  alur: CellVM;
  lanes: { mark: boolean; changed: boolean }[];
}

const BRANCHES = ['Ya', 'Tidak', 'Lanjut'] as const;

const opsOf = (ops: readonly WordOp[]): CellVM['ops'] => ops.map((o) => ({ text: o.text, ins: o.op === '+', del: o.op === '-' }));
const plain = (text: string): CellVM => ({ changed: false, ops: [{ text: plainText(text), ins: false, del: false }] });
const compare = (before: string, after: string, words: WordBudget): CellVM => (before === after ? plain(after) : { changed: true, ops: opsOf(wordDiff(before, after, words)) });

const split = (cells: CellVM[]): { kegiatan: CellVM; mutu: CellVM[] } => ({ kegiatan: cells[0]!, mutu: cells.slice(1) });

function cellsOf(s: Step): string[] {
  return [s.text, s.kelengkapan, s.waktu?.text ?? '', s.output, s.keterangan];
}

/** The table's column titles and the redline's own words, in the language asked for (`--lang`). */
const LABELS = {
  id: { number: 'No.', kegiatan: 'Kegiatan', kelengkapan: 'Kelengkapan', waktu: 'Waktu', output: 'Output', keterangan: 'Keterangan', alur: 'Alur', removed: 'dihapus' },
  en: { number: 'No.', kegiatan: 'Activity', kelengkapan: 'Requirements', waktu: 'Time', output: 'Output', keterangan: 'Notes', alur: 'Flow', removed: 'removed' },
} as const;

export interface DiffTemplates {
  /** templates/diff.hbs */
  readonly document: string;
  /** templates/diff-cell.hbs */
  readonly cell: string;
}

/** The redline; `lang` is the language of the summary. */
export function renderDiffHtml(oldR: FileResult, newR: FileResult, templates: DiffTemplates, title: string, lang: Lang = 'id'): string {
  const a = oldR.model.steps;
  const b = newR.model.steps;
  // Paired once, for the summary and the rows.
  const pairs = matchSteps(a, b);
  const changes: Change[] = diffSops(oldR, newR, pairs);
  const lanes = newR.model.lanes;
  const removedLanes = oldR.model.lanes.filter((l) => !lanes.some((x) => x.id.toLowerCase() === l.id.toLowerCase()));
  const allLanes = [...lanes, ...removedLanes];
  // One budget for every cell's word diff (word-diff.ts).
  const words = wordBudget();
  const oldOf = new Map(pairs.map(([i, j]) => [j, i]));
  const matchedA = new Set(pairs.map(([i]) => i));
  const laneMarks = (s: Step, other?: Step): RowVM['lanes'] =>
    allLanes.map((l) => {
      const has = s.lanes.some((x) => x.toLowerCase() === l.id.toLowerCase());
      const had = other ? other.lanes.some((x) => x.toLowerCase() === l.id.toLowerCase()) : has;
      return { mark: has, changed: has !== had };
    });
  const labels = LABELS[lang] ?? LABELS.id;
  // Branch targets, in the new numbering (an old target that was removed: "(dihapus) N").
  const toNew = new Map(pairs.map(([i, j]) => [a[i]!.number, b[j]!.number]));
  const targetText = (t: number | 'selesai' | null, map?: ReadonlyMap<number, number>): string =>
    t === null ? '' : t === 'selesai' ? 'selesai' : map ? (map.has(t) ? String(map.get(t)) : `(${labels.removed}) ${t}`) : String(t);
  const alurOf = (r: FileResult, step: number, map?: ReadonlyMap<number, number>): string =>
    BRANCHES.map((br) => {
      const t = targetText(writtenTarget(r, step, br), map);
      return t ? `${br}: ${t}` : '';
    })
      .filter(Boolean)
      .join(', ');
  const alurCell = (s: Step | undefined, t: Step | undefined): CellVM => {
    if (!s) return plain(alurOf(newR, t!.number));
    if (!t) return plain(alurOf(oldR, s.number));
    return compare(alurOf(oldR, s.number, toNew), alurOf(newR, t.number), words);
  };
  const rows: RowVM[] = [];
  // Old steps before `removedUpTo` are placed already (each was looked for among all the rows, for every new step:
  // two 47 KB revisions of 3 000 different steps took over 2 minutes).
  let removedUpTo = 0;
  const removedBefore = (j: number): void => {
    // Old steps with no match that stood before the old partner of new step j.
    const limit = oldOf.get(j) ?? a.length;
    const from = removedUpTo;
    removedUpTo = Math.max(removedUpTo, limit);
    for (let i = from; i < limit; i++) {
      if (matchedA.has(i)) continue;
      rows.push({ status: 'removed', isAdded: false, isRemoved: true, number: `(${a[i]!.number})`, ...split(cellsOf(a[i]!).map(plain)), alur: alurCell(a[i]!, undefined), lanes: laneMarks(a[i]!) });
    }
  };
  b.forEach((t, j) => {
    removedBefore(j);
    const i = oldOf.get(j);
    if (i === undefined) {
      rows.push({ status: 'added', isAdded: true, isRemoved: false, number: String(t.number), ...split(cellsOf(t).map(plain)), alur: alurCell(undefined, t), lanes: laneMarks(t) });
      return;
    }
    const s = a[i]!;
    const cells = cellsOf(s).map((x, k) => compare(x, cellsOf(t)[k]!, words));
    const lanesVM = laneMarks(t, s);
    const alur = alurCell(s, t);
    const changed = cells.some((c) => c.changed) || lanesVM.some((l) => l.changed) || alur.changed;
    rows.push({ status: changed ? 'changed' : 'same', isAdded: false, isRemoved: false, number: String(t.number), ...split(cells), alur, lanes: lanesVM });
  });
  removedBefore(b.length);
  const hb = Handlebars.create();
  const options = { strict: true, knownHelpersOnly: true, data: false } as const;
  hb.registerPartial('cell', hb.compile(templates.cell.replace(/\r?\n$/, ''), options));
  const render = hb.compile(templates.document, options);
  return render({
    title,
    lang,
    labels,
    lanes: allLanes.map((l) => ({ title: l.title })),
    rows,
    // An HTML fragment in which renderDiffText escapes every user string (the template prints it with {{{ }}}).
    summary: renderDiffText(changes, 'html', lang),
    hasChanges: changes.length > 0,
  });
}
