/**
 * The four seeds (../shared/seeds, copied to test/fixtures/import/seeds)
 * imported as text, each held to the figures of issue 23 against its
 * reviewed transcription in sops/: all steps, >= 90 % of steps in a right
 * lane, every decision (and no extra one), >= 80 % of the flows, name,
 * number and identity lists; the drafts check without errors and are
 * canonical.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, format } from '../src/index.js';
import { importText } from '../src/import/import.js';
import { scoreImport } from '../src/import/score.js';

const root = join(import.meta.dirname, '..');
const seed = (f: string): string => readFileSync(join(root, 'test/fixtures/import/seeds', f), 'utf8');
const sop = (name: string): string => readFileSync(join(root, 'sops', `${name}.sop`), 'utf8');

/** Each seed and, in table order, the transcriptions of the SOPs it holds. */
export const SEEDS: readonly [string, readonly string[]][] = [
  ['000_44f7130800a6eb45.txt', ['penanganan-rumah-tangga-kantor']],
  [
    '002_5b27c5f6086bb668.txt',
    ['pembuatan-sk-tim-kerja-bidang-3', 'penugasan-kegiatan-bidang-3', 'pelaksanaan-pelatihan-bimtek', 'pelaporan-kegiatan-pelatihan-bimtek', 'mekanisme-pelaporan-tim-kerja'],
  ],
  ['003_5a8cd1fe59d36ba3.txt', ['penyusunan-duk']],
  ['004_beea4f0c886f11cb.txt', ['pelayanan-tamu']],
];

describe('sop import: the seeds against their transcriptions', () => {
  for (const [file, names] of SEEDS) {
    it(`${file}: ${names.length} SOP(s) at the issue's figures`, () => {
      const drafts = importText(seed(file), { source: file });
      expect(drafts.map((d) => d.fileName.replace(/\.sop$/, '')).length).toBe(names.length);
      let steps = 0;
      let lanes = 0;
      let flows = 0;
      let flowsWant = 0;
      names.forEach((name, i) => {
        const d = drafts[i]!;
        const s = scoreImport(d.text, sop(name));
        expect(s.steps.got, name).toBe(s.steps.want);
        expect(s.decisions, name).toEqual({ found: s.decisions.want, want: s.decisions.want, extra: 0 });
        expect(s.name, `${name}: name`).toBe(true);
        expect(s.number, `${name}: number`).toBe(true);
        expect(s.lists.differ, `${name}: identity lists`).toEqual([]);
        steps += s.steps.want;
        lanes += s.lanesRight;
        flows += s.flows.found;
        flowsWant += s.flows.want;
        // Checks without errors, and is already canonical.
        expect(check(d.text).filter((x) => x.severity === 'error'), name).toEqual([]);
        expect(format(d.text).text, name).toBe(d.text);
      });
      expect(lanes / steps, `${file}: lanes ${lanes}/${steps}`).toBeGreaterThanOrEqual(0.9);
      expect(flows / flowsWant, `${file}: flows ${flows}/${flowsWant}`).toBeGreaterThanOrEqual(0.8);
    });
  }

  it('writes every guess as a # comment above the line it produced, and a diagnostic on that line', () => {
    for (const [file] of SEEDS) {
      for (const d of importText(seed(file), { source: file })) {
        const lines = d.text.split('\n');
        const comments = lines.map((l, i) => ({ l: l.trim(), i })).filter((x) => /^# SOP7\d\d:/.test(x.l));
        expect(d.guesses.length).toBe(comments.length);
        for (const g of d.guesses) {
          expect(g.code).toMatch(/^SOP7\d\d$/);
          // The diagnostic's line is no comment, and the line above it is the comment block that names its code.
          const line = lines[g.range.start.line - 1]!;
          expect(line.trim().startsWith('#')).toBe(false);
          let k = g.range.start.line - 2;
          const above: string[] = [];
          while (k >= 0 && lines[k]!.trim().startsWith('#')) above.push(lines[k--]!.trim());
          expect(above.some((c) => c.startsWith(`# ${g.code}:`)), `${g.code} at ${g.range.start.line}`).toBe(true);
        }
      }
    }
  });

  it('names the lanes and the Tidak targets by what the text says', () => {
    const [d] = importText(seed('003_5a8cd1fe59d36ba3.txt'), { source: 'x' });
    // "Menugaskan Anpeg": the abbreviation names the lane "Analisis Kepegawaian".
    expect(d!.text).toContain('# SOP701: pelaksana ditebak dari langkah 1 ("menugaskan" → Analisis Kepegawaian).');
    // "jika tidak setuju mengembalikannya ke Kasubag": Tidak to Kasubag's latest earlier step (3).
    expect(d!.text).toContain('# SOP703: Tidak kembali ke langkah 3 ("mengembalikannya ke" → Kasubag).');
    // The identity page's title belongs to another SOP: the table's title wins, and says so.
    expect(d!.text).toMatch(/# SOP704: nama dari judul tabel; halaman identitas menulis "Permohonan Pemakaian Ruang Rapat"\.\nNama SOP: Penyusunan DUK\n/);
  });
});
