import type { Position, Range, TextNode } from '../../ast/nodes.js';
import { BIDI_RE, INVISIBLE_RE } from '../../util/text.js';
import type { Rule } from '../rule.js';

/** At most this many SOP117 per file: a pasted text full of marks is one problem, not thousands of lines. */
const MAX_REPORTS = 50;

/**
 * Text shows what it says (SOP117, a warning at the characters): a bidirectional control anywhere
 * (`Nama SOP: RTL \u202e fdp.exe` prints as `RTL exe.pdf`), and an invisible character (zero-width
 * space, joiner, soft hyphen, BOM) in a name: `Nama SOP`, `Nomor SOP`, `Instansi`, a lane, a step label.
 */
export const hiddenCharactersRule: Rule = {
  name: 'hidden-characters',
  codes: ['SOP117'],
  run(ctx) {
    let reported = 0;
    const report = (start: Position, run: string): void => {
      if (reported++ >= MAX_REPORTS) return;
      const end = { line: start.line, column: start.column + run.length, offset: start.offset + run.length };
      ctx.report({ code: 'SOP117', range: { start, end }, params: { text: run } });
    };
    // Direction controls: anywhere, comments included (they hide what a reviewer reads).
    const text = ctx.text;
    const bidiRuns = new RegExp(`(?:${BIDI_RE.source}|${INVISIBLE_RE.source})*${BIDI_RE.source}(?:${BIDI_RE.source}|${INVISIBLE_RE.source})*`, 'g');
    let line = 1;
    let lineStart = 0;
    let scanned = 0;
    const at = (offset: number): Position => {
      for (; scanned < offset; scanned++) {
        const c = text.charCodeAt(scanned);
        if (c === 10 || (c === 13 && text.charCodeAt(scanned + 1) !== 10)) {
          line++;
          lineStart = scanned + 1;
        }
      }
      return { line, column: offset - lineStart + 1, offset };
    };
    const runs: [number, number][] = [];
    for (const m of text.matchAll(bidiRuns)) {
      runs.push([m.index, m.index + m[0].length]);
      report(at(m.index), m[0]);
    }
    // Invisible characters: in names only (a soft hyphen or zero-width space in a long step text is a line-break hint).
    const names: TextNode[] = [];
    for (const s of ctx.ast.sections) {
      if (s.key === 'nama' || s.key === 'nomor') if (s.value) names.push(s.value);
      if (s.key === 'instansi') for (const i of s.items) if (i.value) names.push(i.value);
      for (const l of s.lanes) {
        names.push(l.title);
        if (l.id) names.push({ kind: 'Text', value: l.id.name, range: l.id.range });
      }
      for (const st of s.steps) if (st.label) names.push({ kind: 'Text', value: st.label.name, range: st.label.range });
    }
    const found: { start: Position; run: string }[] = [];
    for (const n of names) {
      const r: Range = n.range;
      const source = text.slice(r.start.offset, r.end.offset);
      for (const m of source.matchAll(new RegExp(`${INVISIBLE_RE.source}+`, 'g'))) {
        const offset = r.start.offset + m.index;
        if (runs.some(([a, b]) => offset >= a && offset < b)) continue; // reported with its direction control
        // A name is on one line: the column follows from the node's start.
        found.push({ start: { line: r.start.line, column: r.start.column + m.index, offset }, run: m[0] });
      }
    }
    for (const f of found.sort((a, b) => a.start.offset - b.start.offset)) report(f.start, f.run);
  },
};

