/**
 * Highlighting of `.sop` lines from the TextMate grammar itself
 * (grammar/sop.tmLanguage.json), so the playground and VS Code colour the
 * same way from one source. The grammar uses only single-line `match` rules
 * (with captures and nested patterns), which this small interpreter runs
 * with JavaScript regular expressions: Oniguruma's leading `(?i)` becomes
 * the `i` flag; `\p{L}` needs the `u` flag. Pure: no DOM.
 */
import { pushAll } from '../util/array.js';

interface Capture {
  readonly name?: string;
  readonly patterns?: readonly Rule[];
}

interface Rule {
  readonly match?: string;
  readonly name?: string;
  readonly include?: string;
  readonly captures?: Readonly<Record<string, Capture>>;
  readonly patterns?: readonly Rule[];
}

export interface TmGrammar {
  readonly patterns: readonly Rule[];
  readonly repository?: Readonly<Record<string, Rule>>;
}

/** A scope over [from, to) of a line; later spans are nested inside earlier ones. */
export interface ScopeSpan {
  readonly from: number;
  readonly to: number;
  readonly scope: string;
}

interface CompiledRule {
  readonly re: RegExp;
  readonly name?: string;
  readonly captures: ReadonlyMap<number, { name?: string; patterns: CompiledRule[] }>;
}

/** `(?i)` at the start of an Oniguruma pattern, as a flag. */
export function toJsRegExp(source: string): RegExp {
  const insensitive = source.startsWith('(?i)');
  return new RegExp(insensitive ? source.slice(4) : source, `gdu${insensitive ? 'i' : ''}`);
}

/** Compiles the grammar once; returns the function that scopes a line. */
export function lineScoper(grammar: TmGrammar): (line: string) => ScopeSpan[] {
  const repo = grammar.repository ?? {};
  const memo = new Map<Rule, CompiledRule[]>();
  const expand = (rules: readonly Rule[], seen: Set<string> = new Set()): CompiledRule[] => {
    const out: CompiledRule[] = [];
    for (const r of rules) {
      if (r.include) {
        const key = r.include.replace(/^#/, '');
        const target = repo[key];
        if (!target || seen.has(key)) continue;
        pushAll(out, expand(target.match ? [target] : (target.patterns ?? []), new Set([...seen, key])));
        continue;
      }
      if (r.patterns && !r.match) {
        pushAll(out, expand(r.patterns, seen));
        continue;
      }
      if (!r.match) continue;
      const hit = memo.get(r);
      if (hit) {
        pushAll(out, hit);
        continue;
      }
      const captures = new Map<number, { name?: string; patterns: CompiledRule[] }>();
      for (const [k, c] of Object.entries(r.captures ?? {})) {
        captures.set(Number(k), { ...(c.name ? { name: c.name } : {}), patterns: c.patterns ? expand(c.patterns, seen) : [] });
      }
      const compiled: CompiledRule = { re: toJsRegExp(r.match), ...(r.name ? { name: r.name } : {}), captures };
      memo.set(r, [compiled]);
      out.push(compiled);
    }
    return out;
  };
  const top = expand(grammar.patterns);

  const scan = (line: string, start: number, end: number, rules: readonly CompiledRule[], out: ScopeSpan[]): void => {
    const text = end < line.length ? line.slice(0, end) : line;
    let pos = start;
    while (pos <= end) {
      let best: { m: RegExpExecArray; rule: CompiledRule } | null = null;
      for (const rule of rules) {
        rule.re.lastIndex = pos;
        const m = rule.re.exec(text);
        if (m && (!best || m.index < best.m.index)) best = { m, rule };
      }
      if (!best) return;
      const { m, rule } = best;
      const mEnd = m.index + m[0].length;
      if (rule.name && mEnd > m.index) out.push({ from: m.index, to: mEnd, scope: rule.name });
      const indices = m.indices ?? [];
      for (const [i, c] of rule.captures) {
        const span = indices[i];
        if (!span || span[1] <= span[0]) continue;
        if (c.name) out.push({ from: span[0], to: span[1], scope: c.name });
        if (c.patterns.length > 0) scan(line, span[0], span[1], c.patterns, out);
      }
      pos = mEnd > pos ? mEnd : pos + 1;
    }
  };

  return (line: string) => {
    const out: ScopeSpan[] = [];
    scan(line, 0, line.length, top, out);
    return out;
  };
}

/**
 * The innermost scope of each character of a line as runs: [from, to, scope]
 * with `scope` null where the grammar names nothing.
 */
export function scopeRuns(line: string, spans: readonly ScopeSpan[]): [number, number, string | null][] {
  const at: (string | null)[] = new Array(line.length).fill(null);
  for (const s of spans) for (let i = s.from; i < s.to && i < line.length; i++) at[i] = s.scope;
  const runs: [number, number, string | null][] = [];
  for (let i = 0; i < line.length; ) {
    let j = i + 1;
    while (j < line.length && at[j] === at[i]) j++;
    runs.push([i, j, at[i] ?? null]);
    i = j;
  }
  return runs;
}
