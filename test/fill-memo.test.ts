/**
 * The column search remembers fitted titles from one SOP to the next (src/layout/fill.ts fittedTitles) and the
 * Mutu Baku limits of one content (geometry.ts mutuLimits): what is remembered for one SOP never reaches another
 * whose titles differ, however they are split into lanes.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../src/index.js';
import { layoutSop } from '../src/layout/layout.js';
import { headerLayout } from '../src/layout/paginate.js';
import { DEFAULT_HEADERS } from '../src/model/config.js';

const sop = (lanes: readonly string[]): string =>
  [
    'SOP: Uji Judul Lajur',
    'Nomor: 1/2026',
    '',
    'Pelaksana:',
    ...lanes.map((t, i) => `  - l${i + 1}: ${t}`),
    '',
    'Prosedur:',
    ...lanes.map((_, i) => `  @s${i + 1} [l${i + 1}] Memeriksa berkas langkah ${i + 1}`),
  ].join('\n');

describe('fitted titles remembered across SOPs', () => {
  it('each SOP gets the header of its own lane titles, whatever was laid out before', () => {
    // The same words, split into lanes differently: one key for both if the titles were simply joined.
    const sets = [
      ['Kepala Bagian', 'Umum dan Kepegawaian', 'Sekretaris'],
      ['Kepala', 'Bagian Umum dan', 'Kepegawaian Sekretaris'],
      ['Kepala Bagian Umum', 'dan Kepegawaian', 'Sekretaris'],
    ];
    const models = sets.map((s) => compile(sop(s)).model);
    for (const m of models) expect(m.lanes).toHaveLength(3);
    for (const order of [[0, 1, 2], [2, 1, 0], [1, 0, 2, 1]]) {
      for (const i of order) {
        const l = layoutSop(models[i]!);
        // The header as fitted without any memo, at the columns the search chose.
        expect(l.header, `${sets[i]}`).toEqual(headerLayout(models[i]!, l.columns, DEFAULT_HEADERS));
      }
    }
  });
});
