/**
 * The semantic diff of two revisions of an SOP: typed change records
 * `{kind, path, before, after}` (after graphql-js's findBreakingChanges).
 * Steps are matched by label, then by text similarity, never by number, so
 * inserting a step is one insertion. Flow changes compare the targets that
 * are written (`Ya`, `Tidak`, `Lanjut`), mapped through the step matching;
 * a flow that only shifted because a step was inserted is not a change.
 */
import type { FileResult } from '../check/check.js';
import { formatDateId } from '../model/dates.js';
import { firstIndex } from '../util/array.js';
import type { Lane, SopModel, Step } from '../model/model.js';
import { bagSimilarity, similarity, wordBag, wordBudget, wordDiff, type WordBag, type WordBudget, type WordOp } from './word-diff.js';

export type ChangeKind =
  | 'identity-changed'
  | 'list-item-added'
  | 'list-item-removed'
  | 'lane-added'
  | 'lane-removed'
  | 'lane-renamed'
  | 'lanes-reordered'
  | 'step-added'
  | 'step-removed'
  | 'step-moved'
  | 'step-changed'
  | 'step-kind-changed'
  | 'flow-changed';

export interface Change {
  readonly kind: ChangeKind;
  /** Where: `Nama SOP`, `Dasar Hukum`, `Pelaksana/kasubag`, `Prosedur/langkah 3`, `Prosedur/langkah 3/Waktu`, ... */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
  /** Step numbers in the old and new revision, for step changes. */
  readonly steps?: { readonly before: number | null; readonly after: number | null };
  /** The field of a step or identity change. */
  readonly field?: string;
  /** Word-level diff of a changed text. */
  readonly words?: readonly WordOp[];
  /**
   * For `flow-changed`: the `@label` of each target step (null for `selesai` or no target). `before` and `after`
   * count in different revisions, so after an insertion "langkah 9 → langkah 9" can be two different steps; the
   * labels, as the drafter wrote them, tell them apart.
   */
  readonly labels?: { readonly before: string | null; readonly after: string | null };
  /** For `flow-changed` whose old target step was renumbered or removed: its number in the new revision (null: removed). */
  readonly beforeNow?: number | null;
}

const SIMILAR = 0.5;

/** Compares two checked revisions (old first). */
/** `pairs`: matchSteps of the two revisions' steps, when the caller has them (the redline pairs them for its rows too). */
export function diffSops(oldR: FileResult, newR: FileResult, pairs: readonly [number, number][] = matchSteps(oldR.model.steps, newR.model.steps)): Change[] {
  const a = oldR.model;
  const b = newR.model;
  const changes: Change[] = [];
  // One budget for every field's word diff (word-diff.ts).
  const words = wordBudget();
  diffIdentity(a, b, changes, words);
  // Paired once for the lanes and the steps (it is the costliest part of a diff).
  const laneMap = diffLanes(a, b, pairs, changes);
  diffSteps(oldR, newR, { laneMap, pairs, words }, changes);
  return changes;
}

// ---- identity ---------------------------------------------------------------

function diffIdentity(a: SopModel, b: SopModel, out: Change[], words: WordBudget): void {
  const date = (d: SopModel['dates']['pembuatan']): string => (d ? formatDateId(d) : '');
  const scalars: [string, string, string][] = [
    ['Nama SOP', a.name, b.name],
    ['Nomor SOP', a.number, b.number],
    ['Logo', a.logo ?? '', b.logo ?? ''],
    ['Tanggal Pembuatan', date(a.dates.pembuatan), date(b.dates.pembuatan)],
    ['Tanggal Revisi', date(a.dates.revisi), date(b.dates.revisi)],
    ['Tanggal Efektif', date(a.dates.efektif), date(b.dates.efektif)],
    ['Disahkan oleh', a.disahkanOleh.jabatan, b.disahkanOleh.jabatan],
    ['Disahkan oleh/Nama', a.disahkanOleh.nama, b.disahkanOleh.nama],
    ['Disahkan oleh/NIP', a.disahkanOleh.nip.replace(/\s+/g, ''), b.disahkanOleh.nip.replace(/\s+/g, '')],
  ];
  for (const [path, before, after] of scalars) {
    if (before !== after) out.push({ kind: 'identity-changed', path, field: path, before, after, words: wordDiff(before, after, words) });
  }
  const lists: [string, readonly string[], readonly string[]][] = [
    ['Instansi', a.instansi, b.instansi],
    ['Dasar Hukum', a.lists.dasarHukum, b.lists.dasarHukum],
    ['Kualifikasi Pelaksana', a.lists.kualifikasi, b.lists.kualifikasi],
    ['Keterkaitan', a.lists.keterkaitan, b.lists.keterkaitan],
    ['Peralatan/Perlengkapan', a.lists.peralatan, b.lists.peralatan],
    ['Peringatan', a.lists.peringatan, b.lists.peringatan],
    ['Pencatatan dan Pendataan', a.lists.pencatatan, b.lists.pencatatan],
  ];
  for (const [path, before, after] of lists) {
    const left = [...before];
    for (const item of after) {
      const i = left.indexOf(item);
      if (i >= 0) left.splice(i, 1);
      else out.push({ kind: 'list-item-added', path, before: null, after: item });
    }
    for (const item of left) out.push({ kind: 'list-item-removed', path, before: item, after: null });
  }
}

// ---- lanes --------------------------------------------------------------------

/**
 * Lanes are matched by id, then by title, then by a similar title, then by
 * use (the matched steps that used the old lane now use the new one).
 * Returns the mapping old lane id → new lane id (lower-cased keys).
 */
function diffLanes(ma: SopModel, mb: SopModel, stepPairs: readonly [number, number][], out: Change[]): Map<string, string> {
  const a = ma.lanes;
  const b = mb.lanes;
  const map = new Map<string, string>();
  const key = (s: string): string => s.toLowerCase();
  const unmatchedB = new Set(b);
  const pairs: [Lane, Lane][] = [];
  const byUse = (la: Lane): Lane | undefined => {
    const used = stepPairs.filter(([i]) => ma.steps[i]!.lanes.includes(la.id));
    if (used.length === 0) return undefined;
    return [...unmatchedB].find((lb) => used.every(([, j]) => mb.steps[j]!.lanes.includes(lb.id)));
  };
  for (const pass of [0, 1, 2, 3]) {
    for (const la of a) {
      if (pairs.some(([x]) => x === la)) continue;
      const cands = [...unmatchedB];
      const lb =
        pass === 0
          ? cands.find((x) => key(x.id) === key(la.id))
          : pass === 1
            ? cands.find((x) => key(x.title) === key(la.title))
            : pass === 2
              ? cands.find((x) => similarity(x.title, la.title) >= SIMILAR)
              : byUse(la);
      if (!lb) continue;
      unmatchedB.delete(lb);
      pairs.push([la, lb]);
      map.set(key(la.id), lb.id);
    }
  }
  pairs.sort((x, y) => x[0].index - y[0].index);
  for (const [la, lb] of pairs) {
    if (la.id !== lb.id || la.title !== lb.title) {
      out.push({ kind: 'lane-renamed', path: `Pelaksana/${lb.id}`, before: { id: la.id, title: la.title }, after: { id: lb.id, title: lb.title } });
    }
  }
  const matchedA = new Set(pairs.map(([x]) => x));
  for (const la of a) if (!matchedA.has(la)) out.push({ kind: 'lane-removed', path: `Pelaksana/${la.id}`, before: { id: la.id, title: la.title }, after: null });
  for (const lb of b) if (unmatchedB.has(lb)) out.push({ kind: 'lane-added', path: `Pelaksana/${lb.id}`, before: null, after: { id: lb.id, title: lb.title } });
  const orderA = pairs.map(([, y]) => y.id);
  const orderB = b.filter((x) => !unmatchedB.has(x)).map((x) => x.id);
  if (orderA.join('\u0000') !== orderB.join('\u0000')) out.push({ kind: 'lanes-reordered', path: 'Pelaksana', before: orderA, after: orderB });
  return map;
}

// ---- steps --------------------------------------------------------------------

/** Pairs of matched steps (0-based indexes into old and new). */
export function matchSteps(a: readonly Step[], b: readonly Step[]): [number, number][] {
  const pairs: [number, number][] = [];
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  // By label: a label used once on each side pairs its two steps. A label
  // repeated (SOP205) pairs its steps in order of appearance when both sides
  // have the same number of them, and is otherwise left to the text pass: a
  // repeated label must not pair the first old step with the last new one.
  const byLabel = (steps: readonly Step[]): Map<string, number[]> => {
    const m = new Map<string, number[]>();
    steps.forEach((s, k) => {
      if (!s.label) return;
      const key = s.label.toLowerCase();
      const list = m.get(key);
      if (list) list.push(k);
      else m.set(key, [k]);
    });
    return m;
  };
  const labelsB = byLabel(b);
  for (const [key, is] of byLabel(a)) {
    const js = labelsB.get(key);
    if (!js || js.length !== is.length) continue;
    is.forEach((i, k) => {
      pairs.push([i, js[k]!]);
      usedA.add(i);
      usedB.add(js[k]!);
    });
  }
  // The rest by text similarity, best pairs first; ties go to the nearest position. The same texts first, found by
  // their text (every pair compared made 999 steps against themselves take 3 s, 5 000 steps 79 s: a probe).
  const take = (candidates: [number, number, number][]): void => {
    candidates.sort((x, y) => y[0] - x[0] || Math.abs(x[1] - x[2]) - Math.abs(y[1] - y[2]) || x[1] - y[1]);
    for (const [, i, j] of candidates) {
      if (usedA.has(i) || usedB.has(j)) continue;
      pairs.push([i, j]);
      usedA.add(i);
      usedB.add(j);
    }
  };
  const sameText = new Map<string, number[]>();
  b.forEach((t, j) => {
    if (usedB.has(j)) return;
    const list = sameText.get(t.text);
    if (list) list.push(j);
    else sameText.set(t.text, [j]);
  });
  take(sameTextPairs(a, usedA, sameText));
  const restA = a.flatMap((s, i) => (usedA.has(i) ? [] : [{ i, text: s.text }]));
  const restB = b.flatMap((t, j) => (usedB.has(j) ? [] : [{ j, text: t.text }]));
  // A procedure far past the step limit (SOP591) is compared near its own place only: positions further apart
  // than `reach` are not paired by their text, and the further past, the nearer (at most PAIRS_MAX pairs).
  const near = restA.length * restB.length > 4_000_000;
  const reach = Math.min(REACH_APART, Math.max(NEAR_BEST, Math.floor(PAIRS_MAX / (2 * Math.max(restA.length, 1)))));
  const pairsCompared = near ? restA.length * Math.min(restB.length, 2 * reach + 1) : restA.length * restB.length;
  // And each step by its first `words` words only when all of them would cost over WORDS_MAX look-ups (real steps
  // have a few dozen: their bags are whole). Every pair compared whole made two SOPs of 800 steps of 1 900 words
  // take over 120 s in `sop diff` and the git diff driver, and 60 000 steps of three words 55 s.
  const words = Math.max(NEAR_BEST, Math.floor(WORDS_MAX / Math.max(pairsCompared, 1)));
  const bagOf = (text: string): WordBag => wordBag(text, words);
  const bagsA = restA.map((x) => ({ i: x.i, bag: bagOf(x.text) }));
  const bagsB = restB.map((y) => ({ j: y.j, bag: bagOf(y.text) }));
  const similar: [number, number, number][] = [];
  let from = 0;
  for (const x of bagsA) {
    const mine: [number, number, number][] = [];
    // restB runs by position: only the window near x is walked (every step was walked and skipped).
    if (near) while (from < bagsB.length && bagsB[from]!.j < x.i - reach) from++;
    for (let k = near ? from : 0; k < bagsB.length; k++) {
      const y = bagsB[k]!;
      if (near && y.j > x.i + reach) break;
      // Dice can reach SIMILAR only when the word counts are near enough.
      if (2 * Math.min(x.bag.size, y.bag.size) < SIMILAR * (x.bag.size + y.bag.size)) continue;
      const sim = bagSimilarity(x.bag, y.bag);
      if (sim >= SIMILAR) mine.push([sim, x.i, y.j]);
    }
    // There, too, only each step's best few (millions of pairs alike, sorted, took 10 s and 0.6 GB at 5 000 steps).
    if (near && mine.length > NEAR_BEST) mine.sort((p, q) => q[0] - p[0] || Math.abs(p[1] - p[2]) - Math.abs(q[1] - q[2])).length = NEAR_BEST;
    for (const c of mine) similar.push(c);
  }
  take(similar);
  return pairs.sort((x, y) => x[0] - y[0]);
}

/**
 * The candidates of the same-text pass: every old step with every new step of its text, unless they are over
 * CANDIDATES_MAX in all; then each old step with the nearest of them by position only (12 000 steps of one text on
 * both sides, a 144 KB file, made 144 million candidates: `sop diff` and the git diff driver ran out of memory
 * after 17 s, V8's crash report on stderr). `sameText`: the new steps' positions by text, ascending.
 */
function sameTextPairs(a: readonly Step[], usedA: ReadonlySet<number>, sameText: ReadonlyMap<string, readonly number[]>): [number, number, number][] {
  const rest = a.flatMap((s, i) => (usedA.has(i) ? [] : [i]));
  let all = 0;
  for (const i of rest) all += sameText.get(a[i]!.text)?.length ?? 0;
  const each = all > CANDIDATES_MAX ? Math.max(2, Math.floor(CANDIDATES_MAX / rest.length)) : Infinity;
  const out: [number, number, number][] = [];
  for (const i of rest) {
    const js = sameText.get(a[i]!.text) ?? [];
    let lo = 0;
    let hi = js.length;
    if (js.length > each) {
      // The window of `each` positions nearest to i: from the first at or past i, widened towards the nearer side.
      lo = hi = firstIndex(js.length, (m) => js[m]! >= i);
      while (hi - lo < each) {
        if (hi < js.length && (lo === 0 || js[hi]! - i <= i - js[lo - 1]!)) hi++;
        else lo--;
      }
    }
    for (let k = lo; k < hi; k++) out.push([1, i, js[k]!]);
  }
  return out;
}

/** How far apart two steps may be paired by their text when a diff compares procedures far past the step limit. */
const REACH_APART = 1000;
/** And how many of its most similar steps each step keeps as candidates there. */
const NEAR_BEST = 16;
/** The most pairs of steps compared by their text in one pairing, and the most word look-ups in all of them. */
const PAIRS_MAX = 10_000_000;
/** The most candidates of the same-text pass (sameTextPairs). */
const CANDIDATES_MAX = 4_000_000;
const WORDS_MAX = 20_000_000;

/** Indexes (into `seq`) of a longest increasing subsequence. */
function lis(seq: readonly number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    const lo = firstIndex(tails.length, (m) => seq[tails[m]!]! >= seq[i]!);
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const keep = new Set<number>();
  let k = tails.length > 0 ? tails[tails.length - 1]! : -1;
  while (k >= 0) {
    keep.add(k);
    k = prev[k]!;
  }
  return keep;
}

const stepPath = (n: number): string => `Prosedur/langkah ${n}`;

function describeStep(s: Step): { number: number; label: string | null; lanes: readonly string[]; text: string } {
  return { number: s.number, label: s.label, lanes: s.lanes, text: s.text };
}

function diffSteps(oldR: FileResult, newR: FileResult, known: { readonly laneMap: Map<string, string>; readonly pairs: readonly [number, number][]; readonly words: WordBudget }, out: Change[]): void {
  const a = oldR.model.steps;
  const b = newR.model.steps;
  const { laneMap, pairs, words } = known;
  const toNew = new Map(pairs.map(([i, j]) => [i + 1, j + 1]));
  const matchedA = new Set(pairs.map(([i]) => i));
  const matchedB = new Set(pairs.map(([, j]) => j));

  const events: { order: number; change: Change }[] = [];
  // pairs run by old index: the first pair past i, found by walking on (a search per removed step was quadratic).
  let after = 0;
  a.forEach((s, i) => {
    if (!matchedA.has(i)) {
      // Removed steps are listed where they stood: just before the new step that follows them.
      while (after < pairs.length && pairs[after]![0] <= i) after++;
      const next = pairs[after];
      events.push({
        order: (next ? next[1] : b.length) - 0.5,
        change: { kind: 'step-removed', path: stepPath(s.number), before: describeStep(s), after: null, steps: { before: s.number, after: null } },
      });
    }
  });
  b.forEach((t, j) => {
    if (!matchedB.has(j)) {
      events.push({
        order: j,
        change: { kind: 'step-added', path: stepPath(t.number), before: null, after: describeStep(t), steps: { before: null, after: t.number } },
      });
    }
  });

  const keep = lis(pairs.map(([, j]) => j));
  pairs.forEach(([i, j], k) => {
    const s = a[i]!;
    const t = b[j]!;
    const steps = { before: s.number, after: t.number };
    const at = (c: Omit<Change, 'steps'>): void => void events.push({ order: j + 0.1, change: { ...c, steps } });
    if (!keep.has(k)) at({ kind: 'step-moved', path: stepPath(t.number), before: s.number, after: t.number, field: t.text });
    const texts: [string, string, string][] = [
      ['Kegiatan', s.text, t.text],
      ['Kelengkapan', s.kelengkapan, t.kelengkapan],
      ['Waktu', s.waktu?.text ?? '', t.waktu?.text ?? ''],
      ['Output', s.output, t.output],
      ['Keterangan', s.keterangan, t.keterangan],
    ];
    for (const [field, before, after] of texts) {
      if (before !== after) at({ kind: 'step-changed', path: `${stepPath(t.number)}/${field}`, field, before, after, words: wordDiff(before, after, words) });
    }
    const mappedLanes = s.lanes.map((l) => laneMap.get(l.toLowerCase()) ?? l);
    if (mappedLanes.join('\u0000') !== t.lanes.join('\u0000')) {
      at({ kind: 'step-changed', path: `${stepPath(t.number)}/Pelaksana`, field: 'Pelaksana', before: s.lanes, after: t.lanes });
    }
    if ((s.label ?? '') !== (t.label ?? '')) at({ kind: 'step-changed', path: `${stepPath(t.number)}/Label`, field: 'Label', before: s.label, after: t.label });
    if ((s.symbol === 'decision') !== (t.symbol === 'decision')) {
      at({ kind: 'step-kind-changed', path: stepPath(t.number), before: s.symbol === 'decision' ? 'decision' : 'process', after: t.symbol === 'decision' ? 'decision' : 'process' });
    }
    for (const branch of ['Ya', 'Tidak', 'Lanjut'] as const) {
      const before = writtenTarget(oldR, s.number, branch);
      const after = writtenTarget(newR, t.number, branch);
      const beforeInNew = typeof before === 'number' ? (toNew.get(before) ?? `(dihapus) ${before}`) : before;
      if (beforeInNew !== after) {
        const label = (steps: readonly Step[], n: typeof before): string | null => (typeof n === 'number' ? (steps[n - 1]?.label ?? null) : null);
        const labels = { before: label(a, before), after: label(b, after) };
        const now = typeof before === 'number' && beforeInNew !== before ? { beforeNow: typeof beforeInNew === 'number' ? beforeInNew : null } : {};
        at({ kind: 'flow-changed', path: `${stepPath(t.number)}/${branch}`, field: branch, before, after, labels, ...now });
      }
    }
  });
  events.sort((x, y) => x.order - y.order);
  for (const e of events) out.push(e.change);
}

/** The written target of a branch: a step number, 'selesai', or null when not written (or broken). */
export function writtenTarget(r: FileResult, step: number, branch: 'Ya' | 'Tidak' | 'Lanjut'): number | 'selesai' | null {
  const t = targetsOf(r).get(`${step} ${branch}`);
  if (!t) return null;
  if (t.resolution.kind === 'step') return t.resolution.step;
  if (t.resolution.kind === 'end') return 'selesai';
  return null;
}

/**
 * A revision's written targets by step and branch, the first of each, made once (every pair of steps searched the
 * whole list: two 1 MB revisions of 20 000 decisions took 22 s, a 10 MB one would take hours).
 */
const targetIndex = new WeakMap<FileResult, Map<string, FileResult['facts']['targets'][number]>>();
function targetsOf(r: FileResult): Map<string, FileResult['facts']['targets'][number]> {
  let m = targetIndex.get(r);
  if (!m) {
    m = new Map();
    for (const t of r.facts.targets) if (!m.has(`${t.step} ${t.branch}`)) m.set(`${t.step} ${t.branch}`, t);
    targetIndex.set(r, m);
  }
  return m;
}
