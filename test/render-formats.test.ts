/**
 * Issue 11 item 1: every combination of formats builds over several files,
 * with one and two jobs, without a hang or a browser restart. One session is
 * shared by all the builds of a `--jobs` value (pages pile up as in a long
 * build: the hostile case for a screenshot in a background tab), with a short
 * timeout so that a hang fails the test quickly.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOnce } from '../src/cli/commands/build.js';
import type { Terminal } from '../src/cli/terminal.js';
import type { OutputFormat } from '../src/model/config.js';
import { findBrowser } from '../src/render/browser.js';
import { RenderSession } from '../src/render/session.js';
import { tempDir } from './helpers/tmp.js';

const FILES = ['a.sop', 'b.sop', 'c.sop'];
/** Small SOPs: the hang was about pages, not sizes, and small renders keep the test fast. */
const sop = (name: string): string =>
  `Nama SOP: ${name}\nNomor SOP: ${name}\nTanggal Pembuatan: 2023-08-31\nPelaksana:\n  - a: Staf\n  - b: Kepala\nProsedur:\n  [a] Mulai ${name}\n  [b] Periksa\n  [a] Selesai\n`;
const ALL: readonly OutputFormat[] = ['html', 'pdf', 'mmd', 'mermaid-svg', 'mermaid-png'];
const EXT: Partial<Record<OutputFormat, string>> = { html: 'html', pdf: 'pdf', mmd: 'mmd', 'mermaid-svg': 'mermaid.svg', 'mermaid-png': 'mermaid.png' };
const MAGIC: Partial<Record<OutputFormat, string>> = { pdf: '%PDF-', 'mermaid-png': '\x89PNG' };

/** The 7 non-empty subsets of the browser formats, each with html/mmd on or off in turn: 7 builds cover all 31 combinations' browser sides. */
function combinations(): OutputFormat[][] {
  const browser: OutputFormat[] = ['pdf', 'mermaid-svg', 'mermaid-png'];
  const out: OutputFormat[][] = [];
  for (let mask = 1; mask < 8; mask++) {
    const set = browser.filter((_, i) => mask & (1 << i));
    if (mask & 1) set.unshift('html');
    if (mask & 2) set.push('mmd');
    out.push(ALL.filter((f) => set.includes(f)));
  }
  return out;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const quiet = (): Terminal & { errors: string[] } => {
  const errors: string[] = [];
  return { out() {}, err: (l) => void errors.push(l), color: false, isTTY: false, errors };
};

describe('every combination of formats, several files', () => {
  for (const jobs of [1, 2]) {
    it(`--jobs ${jobs}: all 7 browser-format combinations, ${FILES.length} files, no hang, no restart`, async () => {
      const dir = tempDir('sop-formats-');
      dirs.push(dir);
      mkdirSync(join(dir, 'sops'));
      for (const f of FILES) writeFileSync(join(dir, 'sops', f), sop(f));
      const session = new RenderSession(findBrowser()!, { jobs, timeoutMs: 45_000 });
      try {
        for (const [i, formats] of combinations().entries()) {
          const out = join(dir, `out${i}`);
          const term = quiet();
          const r = await buildOnce([join(dir, 'sops')], { formats, jobs, lang: 'id', out, pdfEngine: 'chromium' }, term, session);
          expect(r.code, `${formats.join(',')}: ${term.errors.join('\n')}`).toBe(0);
          // With the HTML, the bundled font it names (out/fonts/).
          const want = [...FILES.flatMap((f) => formats.map((x) => f.replace('.sop', `.${EXT[x]!}`))), ...(formats.includes('html') ? ['fonts'] : [])].sort();
          expect(readdirSync(out).sort(), formats.join(',')).toEqual(want);
          for (const x of formats) {
            const magic = MAGIC[x];
            if (!magic) continue;
            for (const f of FILES) expect(readFileSync(join(out, f.replace('.sop', `.${EXT[x]!}`))).subarray(0, magic.length).toString('latin1')).toBe(magic);
          }
        }
        expect(session.restarts).toBe(0);
      } finally {
        await session.close();
      }
    });
  }
});
