import type { FlowEdge, Step } from '../../model/model.js';
import type { Rule, RuleContext } from '../rule.js';

/**
 * What a step needs and what it makes (`Kelengkapan` and `Output`) are
 * compared as words. Deliberately conservative: words of four letters or
 * more, common function words dropped, and Indonesian affixes trimmed so
 * that `laporan`, `melaporkan` and `pelaporan` meet. Anything that shares a
 * word counts as used; only a field that shares none is reported.
 */
const STOP = new Set([
  'yang', 'dengan', 'untuk', 'kepada', 'dari', 'atau', 'serta', 'telah', 'sudah', 'akan', 'oleh', 'pada', 'dalam', 'sesuai',
  'terkait', 'tersebut', 'bahan', 'hasil', 'data', 'dokumen', 'berkas', 'kegiatan', 'para', 'semua', 'setiap', 'lain',
]);

/**
 * A light stemmer: a suffix, then a prefix, keeping at least four letters.
 * A nasal prefix swallows the root's first consonant (`penugasan` from
 * `tugas`, `memeriksa` from `periksa`), so both readings are kept.
 */
function stems(w: string): string[] {
  let s = w;
  for (const suf of ['kan', 'nya', 'an', 'i']) {
    if (s.endsWith(suf) && s.length - suf.length >= 4) {
      s = s.slice(0, -suf.length);
      break;
    }
  }
  const out = [s];
  const vowel = (c: string | undefined): boolean => c !== undefined && 'aeiou'.includes(c);
  for (const [pre, restore] of [
    ['meng', 'k'], ['peng', 'k'], ['meny', 's'], ['peny', 's'], ['mem', 'p'], ['pem', 'p'], ['men', 't'], ['pen', 't'],
    ['me', ''], ['pe', ''], ['di', ''], ['ber', ''], ['ter', ''], ['ke', ''],
  ] as const) {
    if (!s.startsWith(pre) || s.length - pre.length < 4) continue;
    const root = s.slice(pre.length);
    out.push(root);
    if (restore && vowel(root[0])) out.push(restore + root);
    break;
  }
  return out;
}

/** Word sets by field text: the same fields come back in every check of a file (the language server, fmt, diff). Cleared when large. */
const WORDS_CACHE = new Map<string, ReadonlySet<string>>();
const EMPTY: ReadonlySet<string> = new Set();

/** The stems of a field's words that can carry meaning. */
export function materialWords(text: string): ReadonlySet<string> {
  if (text === '') return EMPTY;
  const hit = WORDS_CACHE.get(text);
  if (hit) return hit;
  const out = new Set<string>();
  for (const w of text.toLowerCase().split(/[\s,.;:/()\-"'*]+/)) {
    if (w.length < 4 || STOP.has(w) || /^\d+$/.test(w)) continue;
    for (const x of stems(w)) out.add(x);
  }
  if (WORDS_CACHE.size > 5_000) WORDS_CACHE.clear();
  WORDS_CACHE.set(text, out);
  return out;
}

const meets = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => {
  for (const w of a) if (b.has(w)) return true;
  return false;
};

/** Procedures longer than this are not compared (the reachability sets grow with the square of the steps; real SOPs have a few dozen). */
const MAX_STEPS = 300;

/** Steps reachable from each step, following the flow (the step itself only through a loop). */
function reach(steps: readonly Step[], edges: readonly FlowEdge[]): Set<number>[] {
  const out: number[][] = Array.from({ length: steps.length + 1 }, () => []);
  for (const e of edges) if (typeof e.to === 'number') out[e.from]?.push(e.to);
  return steps.map((s) => {
    const seen = new Set<number>();
    const stack = [...(out[s.number] ?? [])];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      for (const m of out[n] ?? []) stack.push(m);
    }
    return seen;
  });
}

interface Analysis {
  readonly after: Set<number>[];
  readonly output: readonly ReadonlySet<string>[];
  readonly kelengkapan: readonly ReadonlySet<string>[];
  /** The activity's words, computed when first asked (most needs meet an Output first). */
  text(step: number): ReadonlySet<string>;
}

/** Both rules look at the same words and reachability: computed once per model. */
const ANALYSES = new WeakMap<object, Analysis>();
function analyse(steps: readonly Step[], edges: readonly FlowEdge[]): Analysis {
  const hit = ANALYSES.get(steps);
  if (hit) return hit;
  const textWords: (ReadonlySet<string> | undefined)[] = [];
  const a: Analysis = {
    after: reach(steps, edges),
    output: steps.map((s) => materialWords(s.output)),
    kelengkapan: steps.map((s) => materialWords(s.kelengkapan)),
    text: (n) => {
      let w = textWords[n - 1];
      if (w === undefined) textWords[n - 1] = w = materialWords(steps[n - 1]?.text ?? '');
      return w;
    },
  };
  ANALYSES.set(steps, a);
  return a;
}

function fieldRange(ctx: RuleContext, step: Step, key: 'kelengkapan' | 'output'): Step['range'] {
  return ctx.facts.stepFields[step.number - 1]?.get(key)?.value?.range ?? step.range;
}

/**
 * A step's `Kelengkapan` names nothing that an earlier step's `Output` (or
 * activity) produced (info): either it comes from outside the procedure, or a step
 * that makes it is missing. Not asked of the first step, which starts from
 * outside, nor of a step that no earlier step has any output for.
 */
export const unproducedMaterialRule: Rule = {
  name: 'unproduced-material',
  codes: ['SOP308'],
  run(ctx) {
    const { steps, edges } = ctx.model;
    if (ctx.facts.flowBroken || steps.length < 2 || steps.length > MAX_STEPS) return;
    const { after, output: outputs, kelengkapan, text } = analyse(steps, edges);
    for (const s of steps) {
      if (s.number === 1 || s.kelengkapan.trim() === '') continue;
      const need = kelengkapan[s.number - 1]!;
      if (need.size === 0) continue;
      const earlier = steps.filter((p) => p.number !== s.number && after[p.number - 1]!.has(s.number) && outputs[p.number - 1]!.size > 0);
      if (earlier.length === 0) continue;
      // What an earlier step hands on: its Output, or what its activity says it makes.
      if (earlier.some((p) => meets(need, outputs[p.number - 1]!) || meets(need, text(p.number)))) continue;
      ctx.report({ code: 'SOP308', range: fieldRange(ctx, s, 'kelengkapan'), params: { step: s.number, text: s.kelengkapan } });
    }
  },
};

/**
 * An `Output` that no later step uses (info): no later step's `Kelengkapan`
 * or activity shares a word with it. The outputs of the steps that end the
 * procedure are its products and are not asked.
 */
export const unusedOutputRule: Rule = {
  name: 'unused-output',
  codes: ['SOP309'],
  run(ctx) {
    const { steps, edges } = ctx.model;
    if (ctx.facts.flowBroken || steps.length < 2 || steps.length > MAX_STEPS) return;
    const { after, output, kelengkapan, text } = analyse(steps, edges);
    for (const s of steps) {
      if (s.output.trim() === '') continue;
      const made = output[s.number - 1]!;
      if (made.size === 0) continue;
      const later = [...after[s.number - 1]!].filter((n) => n !== s.number);
      // The end's own output, or a step that only leads to the end: the procedure's product.
      if (later.length === 0 || s.isEnd || edges.some((e) => e.from === s.number && e.to === 'selesai')) continue;
      if (later.some((n) => meets(made, kelengkapan[n - 1]!) || meets(made, text(n)))) continue;
      ctx.report({ code: 'SOP309', range: fieldRange(ctx, s, 'output'), params: { step: s.number, text: s.output } });
    }
  },
};
