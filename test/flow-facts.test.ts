/** Flow facts: total time along the "Ya" path and the longest path, and the material checks' severity from the config. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, compile, validateConfig } from '../src/index.js';
import { flowTiming, formatMinutes, timingLine } from '../src/model/flow-facts.js';
import { renderHtml } from '../src/emit/html/render.js';
import { loadTemplates } from '../src/project/templates.js';
import type { FlowEdge, Step } from '../src/model/model.js';

const head = 'Nama SOP: Contoh\nNomor SOP: 1/A\nTanggal Pembuatan: 31-08-2023\nPelaksana:\n  - a: Staf\nProsedur:\n';
const sop = (body: string): string => head + body;

describe('Jumlah waktu', () => {
  it('sums the Ya path; the longest path takes the loop once; ranges and free text', () => {
    const m = compile(
      sop(
        [
          '  [a] Mulai',
          '    Waktu: 5 menit',
          '  @kerja [a] Bekerja',
          '    Waktu: 1 jam',
          '  [a] Memeriksa',
          '    Waktu: 15-30 menit',
          '    Tidak: @kerja',
          '  [a] Menunggu',
          '    Waktu: Sesuai kebutuhan',
          '  [a] Selesai',
          '    Waktu: 1 hari',
        ].join('\n'),
      ),
    ).model;
    expect(m.timing.ya).toEqual({ minutes: { min: 5 + 60 + 15 + 1440, max: 5 + 60 + 30 + 1440 }, path: [1, 2, 3, 4, 5], uncounted: [4] });
    expect(m.timing.longest!.path).toEqual([1, 2, 3, 2, 3, 4, 5]);
    expect(m.timing.longest!.minutes).toEqual({ min: 5 + 2 * (60 + 15) + 1440, max: 5 + 2 * (60 + 30) + 1440 });
    expect(timingLine(m.timing, m.steps)).toBe(
      'Jumlah waktu: 1 hari 1 jam 20 menit – 1 hari 1 jam 35 menit (jalur "Ya"); paling lama 1 hari 2 jam 35 menit – 1 hari 3 jam 5 menit bila setiap putaran dijalani sekali. Tidak terhitung: langkah 4 (Sesuai kebutuhan).',
    );
    expect(timingLine(m.timing, m.steps, 'en')).toBe(
      'Total time: 1 day 1 hour 20 minutes – 1 day 1 hour 35 minutes (the "Ya" path); at most 1 day 2 hours 35 minutes – 1 day 3 hours 5 minutes with every loop taken once. Not counted: step 4 (Sesuai kebutuhan).',
    );
  });

  it('a "Tidak" branch that skips ahead: Ya path and longest differ, no loop', () => {
    const m = compile(sop('  [a] Mulai\n    Waktu: 5 menit\n  [a] Cek\n    Tidak: @akhir\n  [a] Tambahan\n    Waktu: 2 jam\n  @akhir [a] Akhir\n    Waktu: 5 menit\n')).model;
    expect(m.timing.ya.path).toEqual([1, 2, 3, 4]);
    expect(m.timing.longest!.path).toEqual([1, 2, 3, 4]);
    const skip = compile(sop('  [a] Mulai\n    Waktu: 5 menit\n  [a] Cek\n    Ya: @akhir\n  [a] Tambahan\n    Waktu: 2 jam\n  @akhir [a] Akhir\n    Waktu: 5 menit\n')).model;
    expect(skip.timing.ya).toMatchObject({ path: [1, 2, 4], minutes: { min: 10, max: 10 } });
    expect(skip.timing.longest).toMatchObject({ path: [1, 2, 3, 4], minutes: { min: 130, max: 130 } });
  });

  it('names the "Ya" path only when the procedure has a decision (issue 20 item 9)', () => {
    const m = compile(sop('  [a] Mulai\n    Waktu: 5 menit\n  [a] Selesai\n    Waktu: 10 menit\n')).model;
    expect(timingLine(m.timing, m.steps)).toBe('Jumlah waktu: 15 menit.');
    expect(timingLine(m.timing, m.steps, 'en')).toBe('Total time: 15 minutes.');
  });

  it('no durations: no line; minutes formatted as a reader says them', () => {
    const m = compile(sop('  [a] Mulai\n  [a] Selesai\n')).model;
    expect(timingLine(m.timing, m.steps)).toBeNull();
    expect(formatMinutes(0)).toBe('0 menit');
    expect(formatMinutes(90.5)).toBe('1 jam 30,5 menit');
    expect(formatMinutes(2 * 1440 + 5)).toBe('2 hari 5 menit');
  });

  it('more than 12 loops: the longest path is not enumerated (null), the Ya path still is', () => {
    const lines: string[] = [];
    for (let i = 1; i <= 30; i++) {
      lines.push(`  @s${i} [a] Langkah ${i}`, '    Waktu: 1 menit');
      if (i > 1 && i % 2 === 1) lines.push(`    Tidak: @s${i - 1}`);
    }
    const m = compile(sop(lines.join('\n') + '\n')).model;
    expect(m.timing.longest).toBeNull();
    expect(m.timing.ya.minutes.max).toBe(30);
  });

  it('never throws and both paths start at step 1, on random graphs (property)', () => {
    const graph = fc.integer({ min: 1, max: 14 }).chain((n) =>
      fc.tuple(
        fc.constant(n),
        fc.array(fc.tuple(fc.integer({ min: 1, max: n }), fc.oneof(fc.integer({ min: 1, max: n }), fc.constant('selesai' as const)), fc.constantFrom('Ya', 'Tidak', null)), { maxLength: 3 * n }),
        fc.array(fc.integer({ min: 0, max: 120 }), { minLength: n, maxLength: n }),
      ),
    );
    fc.assert(
      fc.property(graph, ([n, raw, mins]) => {
        const steps = Array.from({ length: n }, (_, i) => ({
          number: i + 1,
          waktu: { kind: 'duration', text: '', parts: [], minutes: { min: mins[i]!, max: mins[i]! } },
        })) as unknown as Step[];
        const edges = raw.map(([from, to, label]) => ({ from, to, label })) as FlowEdge[];
        const t = flowTiming(steps, edges);
        expect(t.ya.path[0]).toBe(1);
        if (t.longest && edges.length > 0) expect(t.longest.path[0]).toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  it('the HTML prints the line under the table of the last page only (data-timing)', () => {
    const text = readFileSync(join(import.meta.dirname, '../sops/pelaksanaan-pelatihan-bimtek.sop'), 'utf8');
    const html = renderHtml(compile(text).model, loadTemplates());
    // The line as the page model broke it: one <span class="line"> per line (templates/partials/lines.hbs).
    const lines = (html.match(/<p class="timing" data-timing>.*?<\/p>/g) ?? []).map((p) => p.replace(/<[^>]+>/g, ''));
    expect(lines).toEqual(['Jumlah waktu: 2 hari 1 jam 55 menit (jalur &quot;Ya&quot;); paling lama 2 hari 4 jam 10 menit bila setiap putaran dijalani sekali.']);
    expect(html.lastIndexOf('data-timing')).toBeGreaterThan(html.lastIndexOf('<table class="procedure-table"'));
  });
});

describe('Kelengkapan and Output checks (SOP308, SOP309)', () => {
  const text = readFileSync(join(import.meta.dirname, 'fixtures/check/SOP308-unproduced-material.sop'), 'utf8');
  it('info by default; "checks" in sop.config.json raises, lowers or silences them', () => {
    expect(check(text).filter((d) => d.code === 'SOP308').map((d) => d.severity)).toEqual(['info']);
    expect(check(text, { config: { checks: { SOP308: 'warning' } } }).filter((d) => d.code === 'SOP308').map((d) => d.severity)).toEqual(['warning']);
    expect(check(text, { config: { checks: { SOP308: 'off' } } }).map((d) => d.code)).not.toContain('SOP308');
  });

  it('the config accepts only SOP308/SOP309 with off, info or warning', () => {
    expect(validateConfig({ checks: { SOP309: 'off' } }).ok).toBe(true);
    expect(validateConfig({ checks: { SOP306: 'off' } })).toMatchObject({ ok: false, reason: '"checks" may set only SOP308, SOP309, not "SOP306"' });
    expect(validateConfig({ checks: { SOP308: 'error' } })).toMatchObject({ ok: false, reason: '"checks.SOP308" must be one of off, info, warning' });
  });

  it('sops/ stays free of them', () => {
    for (const f of ['pelayanan-tamu', 'pelaksanaan-pelatihan-bimtek', 'penyusunan-duk', 'pembuatan-sk-tim-kerja-bidang-3', 'penugasan-kegiatan-bidang-3', 'mekanisme-pelaporan-tim-kerja', 'pelaporan-kegiatan-pelatihan-bimtek', 'penanganan-rumah-tangga-kantor']) {
      const diags = check(readFileSync(join(import.meta.dirname, `../sops/${f}.sop`), 'utf8'));
      expect(diags.filter((d) => d.code === 'SOP308' || d.code === 'SOP309')).toEqual([]);
    }
  });
});
