/** Whole HTML outputs against reviewed golden files, and the layout's page structure. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProject } from '../src/index.js';
import { renderHtml } from '../src/emit/html/render.js';
import { loadTemplates } from '../src/project/templates.js';
import { parseInline } from '../src/util/inline.js';

const sopsDir = join(import.meta.dirname, '../sops');
const templates = loadTemplates();

describe('HTML golden files', () => {
  for (const name of ['penanganan-rumah-tangga-kantor', 'pelayanan-tamu']) {
    it(`${name}.html`, async () => {
      const project = checkProject({
        files: ['penanganan-rumah-tangga-kantor.sop', 'pelayanan-tamu.sop'].map((f) => ({ path: f, text: readFileSync(join(sopsDir, f), 'utf8') })),
      });
      const f = project.files.find((x) => x.file === `${name}.sop`)!;
      const links = f.links.map((l) => ({ ...l, href: l.file ? l.file.replace(/\.sop$/, '.html') : null }));
      const html = renderHtml(f.model, templates, { links });
      await expect(html).toMatchFileSnapshot(join(import.meta.dirname, 'golden/html', `${name}.html`));
    });
  }
});

describe('inline markup', () => {
  it('*words* in italics, \\* literal, a lone * literal', () => {
    expect(parseInline('Petugas *Front Desk* siap')).toEqual([
      { text: 'Petugas ', italic: false },
      { text: 'Front Desk', italic: true },
      { text: ' siap', italic: false },
    ]);
    expect(parseInline('5 \\* 3 = 15')).toEqual([{ text: '5 * 3 = 15', italic: false }]);
    expect(parseInline('satu * dua')).toEqual([{ text: 'satu * dua', italic: false }]);
    expect(parseInline('**')).toEqual([{ text: '**', italic: false }]);
  });
});
