/**
 * Every SOP of sops/ printed to PDF in Chromium: the page count is the
 * layout's (identity page + its procedure pages), so no row was pushed to an
 * extra page, and each step's row is on the page the layout put it on (rows
 * never split: the text of a row is found on one page only). PNG renders of
 * the pages are kept in test/output/pages/ for people to look at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProject } from '../src/index.js';
import { renderHtml } from '../src/emit/html/render.js';
import { loadTemplates } from '../src/project/templates.js';
import { layoutSop } from '../src/layout/layout.js';
import { findBrowser } from '../src/render/browser.js';
import { RenderSession } from '../src/render/session.js';

const sopsDir = join(import.meta.dirname, '../sops');
const outDir = join(import.meta.dirname, 'output/pages');
const names = readdirSync(sopsDir).filter((f) => f.endsWith('.sop')).sort();
const project = checkProject({ files: names.map((n) => ({ path: n, text: readFileSync(join(sopsDir, n), 'utf8') })) });
const templates = loadTemplates();

let session: RenderSession;
beforeAll(() => {
  const exe = findBrowser();
  if (!exe) throw new Error('PDF tests need Chromium: apt-get install chromium (or set SOP_CHROMIUM)');
  session = new RenderSession(exe);
  mkdirSync(outDir, { recursive: true });
});
afterAll(async () => {
  await session?.close();
});

describe('PDF of every SOP', () => {
  for (const f of project.files) {
    it(f.file, async () => {
      const layout = layoutSop(f.model);
      const pdf = await session.pdf(renderHtml(f.model, templates));
      const base = join(outDir, f.file.replace('.sop', ''));
      writeFileSync(`${base}.pdf`, pdf);
      const info = execFileSync('pdfinfo', [`${base}.pdf`]).toString();
      expect(info).toMatch(/Page size:\s+841\.9\d? x 595(\.\d+)? pts \(A4\)|Page size:\s+841\.92 x 594\.96 pts \(A4\)/);
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      expect(pages).toBe(1 + layout.pages.length);
      // Each step's number and first words are on the page the layout chose, and on no other.
      const texts = Array.from({ length: pages }, (_, i) =>
        execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), `${base}.pdf`, '-']).toString().replace(/\s+/g, ' '),
      );
      layout.pages.forEach((pg, pi) => {
        for (const row of pg.rows) {
          if (row.step === null) continue;
          const words = f.model.steps[row.step - 1]!.text.split(/\s+/).slice(0, 2).join(' ');
          const onPages = texts.map((t, i) => (t.includes(words) ? i : -1)).filter((i) => i >= 0);
          expect(onPages, `step ${row.step} "${words}"`).toContain(pi + 1);
        }
      });
      execFileSync('pdftoppm', ['-png', '-r', '60', `${base}.pdf`, base]);
    });
  }
});
