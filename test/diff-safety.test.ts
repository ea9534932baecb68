/**
 * The diff as others read it (issue 12 items 7 and 12, issue 11 item 12):
 * Markdown that copies nothing raw from the SOP, a stable step matching when a
 * label is repeated, and wording that says what happened.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateSop } from '../bench/generate.mjs';
import { diff } from '../src/index.js';
import { codeSpan, escapeMarkdown, renderDiffText } from '../src/diff/render-text.js';

const sop = (steps: string): string => `Nama SOP: Uji\nPelaksana:\n  - a: A\n  - b: B\nProsedur:\n${steps}`;

describe('Markdown output escapes what the SOP says', () => {
  const before = sop('  [a] Menerima berkas\n  [b] Memeriksa berkas\n');
  const hostile = '<img src=x onerror=alert(1)> **tebal** [klik](http://evil.example) | kolom | @admin #12 `kode` <!-- x';
  const after = sop(`  [a] Menerima berkas\n  [b] Memeriksa berkas\n  [b] ${hostile}\n`);
  const md = renderDiffText(diff(before, after), 'markdown');

  it('no raw HTML, links, emphasis, table pipes, mentions or issue links', () => {
    expect(md).not.toMatch(/(?<!\\)<(img|!--)/);
    expect(md).not.toMatch(/\]\(http/);
    expect(md).toContain('\\<img src\\=x onerror\\=alert\\(1\\)\\>');
    expect(md).toContain('\\*\\*tebal\\*\\*');
    expect(md).toContain('\\| kolom \\|');
    expect(md).toContain('`@admin` `#12`');
  });

  it('escapeMarkdown and codeSpan', () => {
    expect(escapeMarkdown('a_b*c')).toBe('a\\_b\\*c');
    expect(escapeMarkdown('baris\nbaru')).toBe('baris baru');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`')).toBe('`` ` ``');
  });

  it('an added label says so, not "Label: `` → `setuju`"', () => {
    const a = sop('  [a] Menerima berkas\n  [b] Memeriksa berkas\n');
    const b = sop('  [a] Menerima berkas\n  @setuju [b] Memeriksa berkas\n');
    expect(renderDiffText(diff(a, b), 'markdown')).toBe('### Langkah\n- langkah 2, Label ditambahkan: **`@setuju`**\n');
    expect(renderDiffText(diff(b, a), 'plain', 'en')).toBe('Steps\n  ~ step 2, Label removed: [-"@setuju"-]\n');
  });
});

describe('step matching with a repeated label (SOP205)', () => {
  it('diff(x, x) is empty', () => {
    const x = sop('  @cek [a] Satu\n  @cek [b] Dua\n  [a] Tiga\n    Tidak: @cek\n  @cek [b] Empat\n');
    expect(diff(x, x)).toEqual([]);
  });

  it('property: diff(x, x) is empty for generated SOPs whose labels are repeated', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 2, max: 15 }), fc.integer({ min: 1, max: 4 }), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (seed, steps, lanes, picks) => {
        const text: string = generateSop(seed, { steps, lanes });
        // Give some steps a label another step already has.
        const lines = text.split('\n');
        const stepLines = lines.map((l, k) => [l, k] as const).filter(([l]) => /^\s+(@\S+\s+)?\[/.test(l));
        for (const p of picks) {
          const [line, k] = stepLines[p % stepLines.length]!;
          lines[k] = line.replace(/^(\s+)(@\S+\s+)?\[/, '$1@dua [');
        }
        const x = lines.join('\n');
        expect(diff(x, x)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
