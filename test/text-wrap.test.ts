/**
 * The fast line breaker (one plain run, src/layout/text.ts wrapPlain) gives exactly the general breaker's lines and
 * widths: the page model and the HTML break every cell with it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSop, rng } from '../bench/generate.mjs';
import { compile } from '../src/index.js';
import { runsOf, wrap, wrapRuns } from '../src/layout/text.js';

const root = join(import.meta.dirname, '..');

function texts(): string[] {
  const out: string[] = [];
  const files = [
    ...readdirSync(join(root, 'sops')).map((f) => join(root, 'sops', f)),
    ...readdirSync(join(root, 'test/fixtures/print')).map((f) => join(root, 'test/fixtures/print', f)),
  ].filter((f) => f.endsWith('.sop'));
  const sources = [...files.map((f) => readFileSync(f, 'utf8')), ...Array.from({ length: 20 }, (_, i) => generateSop(i + 1, { lanes: 1 + (i % 12) }))];
  for (const src of sources) {
    const m = compile(src).model;
    if (!m) continue;
    out.push(m.name, m.number, ...m.instansi, ...m.lanes.map((l) => l.title), ...Object.values(m.lists).flat());
    for (const s of m.steps) out.push(s.text, s.kelengkapan, s.output, s.keterangan, s.waktu?.text ?? '');
  }
  return out.filter((t) => t !== '');
}

/** Random text: words, slashes and hyphens between letters or not, runs of spaces, tabs, no-break spaces, long words, digits, accents, kerning pairs. */
function randomTexts(n: number): string[] {
  const r = rng(7);
  const parts = ['Kementerian/Lembaga', '(K/L/D/I)', 'AV', 'To', 'Yo', '11', 'L\u2019', 'e-mail', '-a', 'a-', '/', ' / ', 'Kepala', 'é', 'ñ', '  ', '\t', '\u00a0', 'Pengadministrasiankepegawaiandaerah', 'x', '. ', ', '];
  return Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(r() * 14) }, () => parts[Math.floor(r() * parts.length)]! + (r() < 0.5 ? ' ' : '')).join(''));
}

describe('wrap: the fast path for one plain run', () => {
  it('gives the general breaker\'s lines and widths for every cell text of sops/, the print fixtures, generated and random texts', () => {
    const all = [...texts(), ...randomTexts(3000)];
    expect(all.length).toBeGreaterThan(3000);
    let lines = 0;
    for (const t of all) {
      for (const [bold, italic] of [[false, false], [true, false], [false, true]] as const) {
        for (const [width, size] of [[40, 12], [75, 9.5], [143, 12], [243, 12], [680, 14]] as const) {
          const runs = [{ text: t, bold, italic }];
          // Lines as plain data: the fast path's lines sum their width when it is read (text.ts PlainLine).
          const want = wrapRuns(runs, width, size).map((l) => ({ runs: l.runs, width: l.width }));
          const got = wrap(runs, width, size).map((l) => ({ runs: l.runs, width: l.width }));
          expect(got, `${JSON.stringify(t)} ${width}px ${size}px${bold ? ' bold' : ''}${italic ? ' italic' : ''}`).toEqual(want);
          lines += got.length;
        }
      }
    }
    expect(lines).toBeGreaterThan(all.length * 15);
  });

  it('a word wider than its cell breaks at a syllable with a hyphen where one fits, never leaving one letter before it', () => {
    // A probe's 20-lane round trip printed "Berka" / "s 0" and "Meni" / "t" in Mutu Baku cells (split at a letter).
    const lines = (t: string, w: number): string[] => wrap([{ text: t, bold: false, italic: false }], w, 12).map((l) => l.runs.map((r) => r.text).join(''));
    expect(lines('Berkas 0', 30)).toEqual(['Ber\u2010', 'kas 0']);
    expect(lines('5 Menit', 25)).toEqual(['5', 'Me\u2010', 'nit']);
    expect(lines('pertanggungjawaban', 40)).toEqual(['per\u2010', 'tang\u2010', 'gung\u2010', 'jawab\u2010', 'an']);
    // Where no syllable fits, at the last letter that does, as before; never a lone letter and a hyphen.
    for (const w of [14, 20, 30]) for (const l of lines('pertanggungjawaban Berkas Menit', w)) expect(l).not.toMatch(/^.\u2010$/);
    expect(lines('xyzxyzxyz', 20).join('')).toBe('xyzxyzxyz');
  });

  it('a text with italics or soft hyphens still goes the general way', () => {
    expect(wrap(runsOf('satu *dua* tiga'), 30, 12)).toEqual(wrapRuns(runsOf('satu *dua* tiga'), 30, 12));
    // A plain run's lines serialise with their width, as the general breaker's do.
    const plain = [{ text: 'Menerima surat masuk dari Kepala Dinas', bold: false, italic: false }];
    expect(JSON.stringify(wrap(plain, 60, 12))).toBe(JSON.stringify(wrapRuns(plain, 60, 12)));
    expect(wrap([{ text: 'Kete\u00adrangan', bold: true, italic: false }], 40, 12).map((l) => l.runs[0]!.text)).toEqual(['Kete\u2010', 'rangan']);
  });
});
