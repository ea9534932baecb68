/**
 * Issue 20 item 5: words break as the KBBI hyphenates them (affixes included), column titles print at one size
 * and break a word at most once, never start a line with "," or "/", and identifiers never break inside.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProject, compile } from '../src/index.js';
import { renderHtml } from '../src/emit/html/render.js';
import { loadTemplates } from '../src/project/templates.js';
import { layoutSop } from '../src/layout/layout.js';
import { hyphenateTitle, wordPieces } from '../src/layout/geometry.js';
import { runsOf, wrap } from '../src/layout/text.js';
import { registerHtml } from '../src/book/front-matter.js';
import { syllableBreaks, syllables } from '../src/util/hyphenate.js';
import type { PaperSize } from '../src/model/config.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const kbbi = readFileSync(join(fixtures, 'hyphenation/kbbi.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'));

/** The boundaries of a "ke·u·ang·an" line, as offsets into "keuangan". */
function boundaries(line: string): number[] {
  const out: number[] = [];
  let at = 0;
  for (const part of line.split('·').slice(0, -1)) out.push((at += part.length));
  return out;
}

describe('KBBI syllables (test/fixtures/hyphenation/kbbi.txt)', () => {
  it(`every one of the ${kbbi.length} words is syllabified as the KBBI prints it`, () => {
    expect(kbbi.length).toBeGreaterThanOrEqual(90);
    const wrong = kbbi.filter((line) => syllables(line.replace(/·/g, '')).join() !== boundaries(line).join());
    expect(wrong).toEqual([]);
  });
  it('a line may break at every KBBI boundary that leaves two letters before and three after, and nowhere else', () => {
    for (const line of kbbi) {
      const word = line.replace(/·/g, '');
      const cap = word[0]!.toUpperCase() + word.slice(1);
      expect(syllableBreaks(cap), line).toEqual(boundaries(line).filter((b) => b >= 2 && word.length - b >= 3));
    }
  });
  it('the words of the issue: Keu-angan, Penja-minan, Kete-rangan, never Keua-ngan, Penjami-nan, Kete-ra-ngan', () => {
    const at = (w: string): string[] => syllableBreaks(w).map((b) => `${w.slice(0, b)}-${w.slice(b)}`);
    expect(at('Keuangan')).toEqual(['Ke-uangan', 'Keu-angan']);
    expect(at('Penjaminan')).toEqual(['Pen-jaminan', 'Penja-minan']);
    expect(at('Keterangan')).toEqual(['Ke-terangan', 'Kete-rangan']);
  });
});

const templates = loadTemplates();
const sopsDir = join(import.meta.dirname, '../sops');
const names = readdirSync(sopsDir).filter((f) => f.endsWith('.sop')).sort();
const project = checkProject({ files: names.map((n) => ({ path: n, text: readFileSync(join(sopsDir, n), 'utf8') })) });
const review = ['sembilan-lajur.sop', 'sepuluh-lajur.sop'].map((f) => ({ file: f, model: compile(readFileSync(join(fixtures, 'print', f), 'utf8')).model }));

describe('column titles', () => {
  const cases = [...project.files.map((f) => ({ file: f.file, model: f.model })), ...review];
  for (const paper of ['A4', 'F4'] as PaperSize[]) {
    it(`${paper}: every column title at one size; a word in two pieces at most; no line starts with "," or "/"`, () => {
      for (const { file, model } of cases) {
        const lay = layoutSop(model, { paper });
        const h = lay.header;
        const sizes = new Set([...h.lanes, h.kelengkapan, h.waktu, h.output, h.keterangan].map((t) => t.sizePx));
        expect([...sizes], file).toHaveLength(1);
        for (const t of [...h.lanes, h.kelengkapan, h.waktu, h.output, h.keterangan]) {
          for (const word of t.text.split(/\s+/)) expect(word.split('\u00ad').length, `${file}: "${word}"`).toBeLessThanOrEqual(2);
        }
        // The printed titles: in the HTML too, the same size in every header cell.
        const html = renderHtml(model, templates, { config: { paper } });
        const thead = html.slice(html.indexOf('<table class="procedure-table"'), html.indexOf('</thead>'));
        const px = [...thead.matchAll(/(?:font-size|--lane-title-size):\s*([\d.]+)px/g)].map((m) => m[1]);
        expect(px.length, file).toBe(5);
        expect(new Set(px).size, `${file}: ${px.join(' ')}`).toBeLessThanOrEqual(1);
      }
    });
  }
  it('a title never starts a line with "," or "/" (the space before them does not break)', () => {
    expect(hyphenateTitle('Pemohon /Agendaris', 9.5, 60)).toBe('Pemohon\u00a0/Agendaris');
    expect(hyphenateTitle('Kepala Dinas , Sekretaris', 12, 200)).toBe('Kepala Dinas\u00a0, Sekretaris');
  });
});

describe('identifiers are never broken inside', () => {
  it('a bracketed abbreviation is one piece; words joined by a slash still break after it', () => {
    expect(wordPieces('(K/L/D/I)')).toEqual(['(K/L/D/I)']);
    expect(wordPieces('Kementerian/Lembaga')).toEqual(['Kementerian/', 'Lembaga']);
    const html = renderHtml(review[0]!.model, templates);
    expect(html).toContain('(K/L/D/I)');
    expect(html).not.toMatch(/\(K\/(<wbr>)?L\/(<wbr>)?D\/<wbr>|K\/<wbr>/);
    // The line breaks after the slash, as the page model breaks it (each line its own block).
    expect(html).toContain('Kementerian/</span><span class="line">Lembaga');
    expect(html).toContain('<span class="line">(K/L/D/I)');
  });
  it('a code of capitals joined by "-" is one piece, as is a prefix of one letter; words joined by "-" still break after it', () => {
    // A reviewer: "RKA-/PD", "SPM-/GU", "SP2D-/GU" left two letters alone on a line.
    for (const code of ['RKA-PD', 'SPM-GU', 'SP2D-GU', 'RKA-SKPD', 'e-arsip', 'e-KTP', 'ke-2']) expect(wordPieces(code)).toEqual([code]);
    expect(wordPieces('sehari-hari')).toEqual(['sehari-', 'hari']);
    expect(wordPieces('Sub-Bagian')).toEqual(['Sub-', 'Bagian']);
    expect(wordPieces('non-PNS')).toEqual(['non-', 'PNS']);
    const lines = (t: string, w: number): string[] => wrap(runsOf(t), w, 12).map((l) => l.runs.map((r) => r.text).join(''));
    expect(lines('Dokumen RKA-PD dan SPM-GU', 60)).toEqual(['Dokumen', 'RKA-PD', 'dan', 'SPM-GU']);
  });
  it('an address wider than its cell is cut after its punctuation, never before a "-"', () => {
    // A reviewer: "www.kalbarprov.go.id/e" / "-arsip".
    const lines = (t: string, w: number): string[] => wrap(runsOf(t), w, 12).map((l) => l.runs.map((r) => r.text).join(''));
    expect(lines('www.kalbarprov.go.id/e-arsip', 70)).toEqual(['www.', 'kalbarprov.', 'go.id/e-arsip']);
    expect(lines('www.kalbarprov.go.id/e-arsip', 120)).toEqual(['www.kalbarprov.go.id/', 'e-arsip']);
    for (let w = 20; w <= 160; w += 5) for (const l of lines('www.kalbarprov.go.id/e-arsip', w).slice(1)) expect(l, `${w} px`).not.toMatch(/^[-.,]/);
  });
  it('the book register breaks a Nomor SOP only after a "/" (keep-all inside)', () => {
    const html = registerHtml({ name: 'A4', widthMm: 210, heightMm: 297, marginMm: 15 } as never, { register: 'Daftar SOP' } as never, [
      { no: 1, nomor: '000.8/1619.10/DISKOPUKM.A', nama: 'Fasilitasi', efektif: null, unit: 'Sekretariat' } as never,
    ]);
    expect(html).toContain('<span class="id">000.8/<wbr>1619.10/<wbr>DISKOPUKM.A</span>');
    expect(html).toMatch(/\.id \{ overflow-wrap: normal; word-break: keep-all; \}/);
  });
});
