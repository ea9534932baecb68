/** `npm run bench -- --record` puts its sections into bench/RESULTS.md and leaves the rest (issue 11 item 15). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeResults, splitSections } from '../bench/record.mjs';

const existing = `# Benchmark results

Written by \`npm run bench\` on 2026-01-01.

Notes kept as written.

## Front end (issue 2)

| a | b |
|---|---|
| 1 | 2 |

## Routing quality (routing)

Written by hand by another helper.
`;

describe('bench results', () => {
  it('a section that ran replaces its namesake in place; the others and the preamble are kept', () => {
    const merged = mergeResults(existing, [{ title: 'Front end (issue 2)', text: '## Front end (issue 2)\n\n| a | b |\n|---|---|\n| 3 | 4 |\n' }], '2026-11-23');
    expect(merged).toBe(existing.replace('2026-01-01', '2026-11-23').replace('| 1 | 2 |', '| 3 | 4 |'));
  });

  it('a new section is appended', () => {
    const merged = mergeResults(existing, [{ title: 'Code frames', text: '## Code frames\n\nx\n' }]);
    expect(merged).toBe(existing + '\n## Code frames\n\nx\n');
  });

  it('recording every section of the tracked file again changes nothing', () => {
    const tracked = readFileSync(join(import.meta.dirname, '../bench/RESULTS.md'), 'utf8');
    const { sections } = splitSections(tracked);
    expect(mergeResults(tracked, sections)).toBe(tracked.replace(/\s+$/, '') + '\n');
  });

  it('npm run bench writes to the ignored bench/output/ unless --record', () => {
    const run = readFileSync(join(import.meta.dirname, '../bench/run.mjs'), 'utf8');
    const ignore = readFileSync(join(import.meta.dirname, '../.gitignore'), 'utf8');
    expect(ignore).toMatch(/^bench\/output\/$/m);
    expect(run).toMatch(/if \(record\) \{[\s\S]*writeFileSync\(tracked/);
    expect(run.match(/writeFileSync\(/g)).toHaveLength(2);
  });
});
