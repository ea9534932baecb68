import type { Rule } from '../rule.js';
import { suggest } from '../../util/suggest.js';

/** A flow target is `@label` of some step or `selesai`; anything else is an error, with the nearest label as a hint. */
export const flowTargetRule: Rule = {
  name: 'flow-target',
  codes: ['SOP204', 'SOP206'],
  run(ctx) {
    const labels = ctx.model.steps.flatMap((s) => (s.label ? [s.label] : []));
    for (const t of ctx.facts.targets) {
      const range = t.field.value?.range ?? t.field.range;
      if (t.resolution.kind === 'invalid') {
        const text = t.field.value?.value ?? '';
        const s = invalidTargetFix(text, labels, (n) => ctx.model.steps.find((x) => x.number === n)?.label);
        ctx.report({ code: 'SOP206', range, params: { text, suggestion: s ?? '' }, ...(s ? { suggestions: [s] } : {}) });
      } else if (t.resolution.kind === 'unknown') {
        const s = suggest(t.resolution.name, labels);
        ctx.report({
          code: 'SOP204',
          range,
          params: { name: t.resolution.name, suggestion: s ? '@' + s : '' },
          ...(s ? { suggestions: ['@' + s] } : {}),
        });
      }
    }
  },
};

/** Words around a target in prose (`kembali ke langkah @cek`). */
const FILLER = new Set(['ke', 'kembali', 'langkah', 'menuju', 'lanjut', 'ulang', 'go', 'to', 'step']);

/**
 * What an invalid target most likely meant: `konsep` or `ke @konsep` is
 * `@konsep` (the nearest label), `langkah 3` the label of step 3, `Selesai.` is `selesai`.
 */
function invalidTargetFix(text: string, labels: readonly string[], labelOf: (step: number) => string | null | undefined = () => undefined): string | undefined {
  // A step named by its number (`langkah 3`, `3`): that step's label, when it has one (a reviewer's `Tidak: langkah 3`
  // got only the general hint).
  const numbered = /^(?:(?:kembali\s+)?(?:ke\s+)?(?:langkah|step)\s*)?(\d+)\.?$/iu.exec(text.trim());
  if (numbered) {
    const l = labelOf(Number(numbered[1]));
    if (l) return '@' + l;
  }
  const words = text
    .trim()
    .split(/[\s.,;:!?]+/u)
    .filter((w) => w !== '' && !FILLER.has(w.toLowerCase()));
  if (words.some((w) => /^selesai$/iu.test(w))) return 'selesai';
  for (const w of [...words].reverse()) {
    const name = w.replace(/^@+/, '');
    if (!/^\p{L}[\p{L}\p{N}_-]*$/u.test(name)) continue;
    const s = labels.find((l) => l.toLowerCase() === name.toLowerCase()) ?? suggest(name, labels);
    if (s) return '@' + s;
  }
  // One word and no step labelled like it: the label still to be given (SOP204 then says so).
  const only = /^\S+$/u.test(text.trim()) && words.length === 1 ? words[0]!.replace(/^@+/, '') : '';
  return /^\p{L}[\p{L}\p{N}_-]*$/u.test(only) ? '@' + only : undefined;
}
