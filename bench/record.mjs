/**
 * Merging a bench run into bench/RESULTS.md without disturbing it: the
 * sections (`## Title`) that were run replace their namesakes, new ones are
 * appended, every other section (other suites, notes other people wrote
 * under their own heading) and the preamble stay exactly as they were.
 */

/** Splits a Markdown results file into its preamble and its `## ` sections, in order. */
export function splitSections(text) {
  const lines = text.split('\n');
  const preamble = [];
  const sections = [];
  let current = null;
  for (const line of lines) {
    if (line.startsWith('## ')) {
      current = { title: line.slice(3).trim(), lines: [line] };
      sections.push(current);
    } else if (current) current.lines.push(line);
    else preamble.push(line);
  }
  return { preamble: preamble.join('\n'), sections: sections.map((s) => ({ title: s.title, text: s.lines.join('\n').replace(/\s+$/, '') })) };
}

/**
 * `existing` with the sections of `fresh` (`{ title, text }`, text starting
 * with its `## ` heading) put in: replaced in place, or appended.
 * `date` (YYYY-MM-DD) updates the "Written by `npm run bench` on …" line.
 */
export function mergeResults(existing, fresh, date) {
  const { preamble, sections } = splitSections(existing);
  const out = sections.map((s) => ({ ...s }));
  for (const f of fresh) {
    const at = out.findIndex((s) => s.title === f.title);
    if (at >= 0) out[at] = { title: f.title, text: f.text.replace(/\s+$/, '') };
    else out.push({ title: f.title, text: f.text.replace(/\s+$/, '') });
  }
  const head = date ? preamble.replace(/(Written by `npm run bench` on )\d{4}-\d{2}-\d{2}/, `$1${date}`) : preamble;
  return `${head.replace(/\s+$/, '')}\n\n${out.map((s) => s.text).join('\n\n')}\n`;
}
