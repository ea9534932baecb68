/**
 * Issue 20 item 5: a lane-title word breaks once, at a syllable. Where neither half of a word fits its lane at the
 * smallest title size (10-12 lanes on A4), it breaks at every syllable, and `sop build` says so once, with the paper
 * whose lanes break it once (layout.ts brokenTitles).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSop } from '../bench/generate.mjs';
import { compile } from '../src/index.js';
import { brokenTitles } from '../src/layout/layout.js';
import { fitTitles, hyphenateTitle } from '../src/layout/geometry.js';
import { syllableBreaks, syllables } from '../src/util/hyphenate.js';
import { runCliAsync } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

/** Generated lanes with long official titles (bench/quality.mjs's 9-12-lane cases): lane 6 is "Pengadministrasi Umum …". */
const longTitles = (text: string): string => text.replace(/^( {2}- l\d+: )(.*)$/gm, (_, h: string, t: string) => `${h}${t} Bidang Perencanaan dan Keuangan Daerah`);

describe('lane titles broken in three pieces', () => {
  const twelve = compile(longTitles(generateSop(2512, { steps: 25, lanes: 12 }))).model;

  it('brokenTitles names the word, the lanes\' width and the paper that breaks it once', () => {
    const a4 = brokenTitles(twelve, 'A4');
    expect(a4).not.toBeNull();
    expect(a4!.words).toEqual(['Pengadministrasi']);
    expect(a4!.mm).toBeCloseTo(12.4, 1);
    expect(a4!.better).toBe('F4');
    expect(brokenTitles(twelve, 'F4')).toBeNull();
    // Nine lanes on A4: "Pengadminis-trasi", once.
    expect(brokenTitles(compile(longTitles(generateSop(2509, { steps: 25, lanes: 9 }))).model, 'A4')).toBeNull();
  });

  it('broken at every syllable, the last too when two letters follow it: no word is broken at a letter', () => {
    // ke·u·ang·an in a lane too narrow for "Keu-" and "angan": "ang-an", not "anga" and a lone "n" (20 lanes on A4).
    const shy = (w: string): string => w.replace(/\u00ad/g, '·');
    expect(shy(hyphenateTitle('Keuangan', 11, 30))).toBe('Ke·u·ang·an');
    expect(shy(hyphenateTitle('Perencanaan', 11, 30))).toBe('Pe·ren·ca·na·an');
    // Where the halves fit, one break as before.
    expect(shy(hyphenateTitle('Keuangan', 11, 60))).toBe('Keu·angan');
  });

  it('a word ending in a comma breaks at its syllables too, never at a letter nor before the comma', () => {
    // A review printed "Progra" / "m," and "Koperasi" / ", Usaha" in lane titles at 12 and 10 lanes on A4: with its
    // comma the word had no syllables, so the browser and the native breaker cut it where it overflowed.
    const shy = (w: string): string => w.replace(/\u00ad/g, '·');
    expect(syllables('Program,')).toEqual(syllables('Program'));
    expect(syllables('(Koperasi)')).toEqual(syllables('Koperasi').map((b) => b + 1));
    expect(syllableBreaks('Koperasi,').map((b) => 'Koperasi,'.slice(0, b))).toEqual(['Ko', 'Kope']);
    expect(shy(hyphenateTitle('Kepala Sub Bagian Program, Evaluasi', 12, 56))).toContain('Pro·gram,');
    expect(shy(hyphenateTitle('Kepala Dinas Koperasi, Usaha', 12, 62))).toMatch(/Ko·?pe·?ra·?si,/);
    expect(hyphenateTitle('Kepala Dinas Koperasi, Usaha', 12, 62)).toContain('\u00ad');
  });

  it('a number or Roman numeral closing a title stays with the word before it, where the two fit together', () => {
    // "Kepala Bidang" then a lone "3" (two lane titles of sops/, a review of the printed pages).
    expect(hyphenateTitle('Kepala Bidang 3', 11, 80)).toBe('Kepala Bidang\u00a03');
    expect(hyphenateTitle('Seksi II', 11, 80)).toBe('Seksi\u00a0II');
    // Too narrow for "Bidang 3" on one line: left to break.
    expect(hyphenateTitle('Kepala Bidang 3', 11, 30)).not.toContain('\u00a0');
    // The layout counts the lines as printed: "Kepala" / "Bidang 3".
    expect(fitTitles(['Kepala Bidang 3'], 80, 11)[0]!.lines).toBe(2);
  });

  it('sop build warns once, in the user\'s language', async () => {
    const dir = tempDir('sop-titles-');
    writeFileSync(join(dir, 'twelve.sop'), longTitles(generateSop(2512, { steps: 25, lanes: 12 })));
    const id = await runCliAsync(['build', 'twelve.sop', '-f', 'html', '--out', 'out'], { cwd: dir });
    expect(id.code, id.stderr).toBe(0);
    expect(id.stderr.match(/judul lajur memotong/g)).toHaveLength(1);
    expect(id.stderr).toContain('twelve.sop: peringatan: judul lajur memotong "Pengadministrasi" menjadi tiga bagian atau lebih (lajur selebar 12,4 mm pada A4); pada F4 cukup dipotong sekali (--paper F4, atau "paper" di sop.config.json).');
    const en = await runCliAsync(['build', 'twelve.sop', '-f', 'html', '--out', 'out', '--lang', 'en'], { cwd: dir });
    expect(en.stderr).toContain('twelve.sop: warning: the lane titles print "Pengadministrasi" in three pieces or more (lanes 12.4 mm wide on A4); on F4 each breaks once (--paper F4, or "paper" in sop.config.json).');
    const f4 = await runCliAsync(['build', 'twelve.sop', '-f', 'html', '--out', 'out', '--paper', 'F4'], { cwd: dir });
    expect(f4.stderr).not.toContain('judul lajur');
  }, 60_000);
});
