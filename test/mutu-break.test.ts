/**
 * Issue 20 items 4 and 7 (a page review at 11 lanes on A4): "pertanggungjawaban" in Kelengkapan and Output held
 * both columns at the whole word (122 px each) while the lanes were 11.9 mm. In narrow lanes a Mutu Baku word now
 * breaks once at a syllable and the width goes to the lanes and Kegiatan, when the procedure takes no more pages
 * and no row grows for it (layout.ts layoutColumns). The estimate cuts an overflowing word where the page model
 * cuts it (geometry.ts lineCount, text.ts overflowCuts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/index.js';
import { documentLayout } from '../src/page/build.js';
import { renderHtml } from '../src/emit/html/render.js';
import { loadTemplates } from '../src/project/templates.js';
import { FONT, lineCount } from '../src/layout/geometry.js';
import { runsOf, textLines } from '../src/layout/text.js';

const fixture = readFileSync(new URL('./fixtures/print/sebelas-lajur-mutu.sop', import.meta.url), 'utf8');

describe('a long Mutu Baku word in narrow lanes', () => {
  it('breaks once at a syllable, and the lanes and Kegiatan take the width: a page less', () => {
    const config = { paper: 'A4' as const };
    const model = compile(fixture, { config }).model;
    const lay = documentLayout(model, config);
    // Before: lanes of 45 px (11.9 mm), Kelengkapan and Output 122 px, 6 procedure pages.
    expect(lay.columns.lane).toBeGreaterThanOrEqual(49);
    expect(lay.columns.kelengkapan).toBeLessThan(100);
    expect(lay.pages.length).toBe(5);
    const html = renderHtml(model, loadTemplates(), { config, layout: lay });
    // "pertanggung‐" / "jawaban", the model's hyphen (U+2010), in both columns of both steps.
    expect(html.match(/pertanggung\u2010/g)?.length).toBe(4);
    expect(html).not.toMatch(/pertanggungjaw\u2010|pertanggungjawab(?!an)/);
  });

  it('the lane-title warning names the lanes the layout chose, as the other warnings do', async () => {
    // It had said 11.9 mm (the columns before the label's room) where the label warning of the same build said 13 mm.
    const { brokenTitles, crampedDecisions } = await import('../src/layout/layout.js');
    const { PX_PER_MM } = await import('../src/layout/geometry.js');
    const model = compile(fixture).model;
    const lane = documentLayout(model, { paper: 'A4' }).columns.lane / PX_PER_MM;
    expect(crampedDecisions(model, 'A4')!.mm).toBeCloseTo(lane, 1);
    const titles = brokenTitles(model, 'A4');
    if (titles) expect(titles.mm).toBeCloseTo(lane, 1);
    // A review SOP whose titles do break in three (12 lanes on A4): the same lanes again.
    const twelve = compile(readFileSync(new URL('./fixtures/print/dua-belas-lajur-kelengkapan.sop', import.meta.url), 'utf8')).model;
    expect(brokenTitles(twelve, 'A4')!.mm).toBeCloseTo(documentLayout(twelve, { paper: 'A4' }).columns.lane / PX_PER_MM, 1);
  });

  it('on F4 the lanes reach the 7 mm symbol (61 px, from 55)', () => {
    const config = { paper: 'F4' as const };
    const lay = documentLayout(compile(fixture, { config }).model, config);
    expect(lay.columns.lane).toBeGreaterThanOrEqual(61);
    expect(lay.symbol.w).toBeGreaterThanOrEqual(27);
  });

  it('keeps the whole word where the lanes are not narrow (5 lanes)', () => {
    const lanes = ['a', 'b', 'c', 'd', 'e'];
    const text = [
      'Nama SOP: Uji Kata Panjang',
      'Pelaksana:',
      ...lanes.map((l) => `  - ${l}: Pejabat ${l.toUpperCase()}`),
      'Prosedur:',
      ...lanes.map((l, i) => `  @s${i + 1} [${l}] Menyusun laporan ${i + 1}\n    Kelengkapan: Laporan pertanggungjawaban\n    Output: Laporan pertanggungjawaban`),
    ].join('\n');
    const config = { paper: 'A4' as const };
    const model = compile(text, { config }).model;
    expect(model.steps).toHaveLength(5);
    const html = renderHtml(model, loadTemplates(), { config, layout: documentLayout(model, config) });
    expect(html).toContain('pertanggungjawaban');
    expect(html).not.toContain('pertanggung\u2010');
  });

  it('the estimate counts the lines the page model breaks a word wider than its cell into', () => {
    // The estimate had cut such a word at its characters: 47 of these 285 cells differed by a line or two.
    const extra = 2 * FONT.cellPadX + 1;
    const texts = ['Laporan pertanggungjawaban', 'mempertanggungjawabkannya', 'Berkas 0', 'dokumen kepegawaian dan keuangan', '2 hari sampai dengan 3 hari kerja'];
    const differ: string[] = [];
    for (const t of texts)
      for (let w = 30; w <= 200; w += 3) {
        const model = textLines(runsOf(t), w - extra, FONT.sizePx).length;
        if (lineCount(t, w) !== model) differ.push(`${t} @${w}: ${lineCount(t, w)} != ${model}`);
      }
    expect(differ).toEqual([]);
  });
});

describe('a Mutu Baku column that sets every row', () => {
  // A page review's 12-lane SOP (15 steps): Kelengkapan's text wrapped to 17 lines in 86 px, Output was held at
  // "pertanggungjawaban" and the lanes at their first width, so every column was at its floor: a step a page, 16
  // pages on A4 and on F4. Output's long word breaks now, and lanes narrower than their first width save pages where
  // a page holds fewer than two steps (fill.ts).
  const text = readFileSync(new URL('./fixtures/print/dua-belas-lajur-kelengkapan.sop', import.meta.url), 'utf8');
  it.each([
    ['A4', 8],
    ['F4', 5],
  ] as const)('on %s the procedure takes at most %i pages, not 15', (paper, most) => {
    const config = { paper };
    const lay = documentLayout(compile(text, { config }).model, config);
    expect(lay.pages.length).toBeLessThanOrEqual(most);
    // Kelengkapan has the room: no cell of it sets a row at 17 lines any more.
    expect(lay.columns.kelengkapan).toBeGreaterThanOrEqual(120);
  });
});

describe('a long Mutu Baku word breaks only where the lanes gain or a page is saved (a second review)', () => {
  const read = (f: string): string => readFileSync(new URL(`./fixtures/print/${f}`, import.meta.url), 'utf8');
  const broken = (text: string, paper: 'A4' | 'F4'): string[] => {
    const config = { paper };
    const model = compile(text, { config }).model;
    const html = renderHtml(model, loadTemplates(), { config, layout: documentLayout(model, config) });
    // The body's cells only (the lane titles in the header break at syllables too).
    const bodies = [...html.matchAll(/<tbody[\s\S]*?<\/tbody>/g)].map((m) => m[0]).join('');
    return [...bodies.matchAll(/>([^<>\s]*\u2010)</g)].map((m) => m[1]!);
  };

  it('6 lanes on A4: no word broken (Output had given 24 px to an empty Keterangan, "penyeleng-" / "garaan")', () => {
    expect(broken(read('enam-lajur-mutu.sop'), 'A4')).toEqual([]);
  });

  it('11 lanes on F4: no word broken where no page is saved (the estimate had counted a page more than the print)', () => {
    // Keterangan's "dipertanggungjawabkan" is wider than its column, in the print before too ("dipertanggungjawab-"):
    // it breaks between the compound's parts now.
    expect(broken(read('sebelas-lajur-diklat.sop'), 'F4')).toEqual(['dipertanggung\u2010']);
    // On A4 the break saves a page (4 procedure pages -> 3): kept.
    expect(documentLayout(compile(read('sebelas-lajur-diklat.sop')).model, { paper: 'A4' }).pages).toHaveLength(3);
  });

  it('a compound breaks between its parts where that serves as well as its last syllable', async () => {
    const { overflowCuts } = await import('../src/layout/text.js');
    const { textWidth } = await import('../src/layout/font-metrics.js');
    const cut = (word: string, avail: number): string[] => {
      const cuts = overflowCuts(word, avail, textWidth('-', 12), (a, b) => textWidth(word.slice(a, b), 12));
      const out: string[] = [];
      let from = 0;
      for (const c of cuts) (out.push(word.slice(from, c.at) + (c.hyphen ? '-' : '')), (from = c.at));
      return [...out, word.slice(from)];
    };
    expect(cut('pertanggungjawaban', 80)).toEqual(['pertanggung-', 'jawaban']);
    expect(cut('ditandatangani', 70)).toEqual(['ditanda-', 'tangani']);
    expect(cut('Dipertanggungjawabkan', 92)).toEqual(['Dipertanggung-', 'jawabkan']);
    // Where the rest would not fit its line, the last syllable that fits, as before (no line more).
    expect(cut('pertanggungjawaban', 40)[0]).not.toBe('pertanggung-');
  });
});
