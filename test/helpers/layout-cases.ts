/** The inputs of test/layout-hashes.test.ts: a wide set of procedures for the router (issue 21). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chainSop, generateSop, multiLaneSop, pageLoopsSop } from '../../bench/generate.mjs';

const sopsDir = join(import.meta.dirname, '../../sops');

/** [name, .sop text]: sops/, generated cases (3-12 lanes, rework chains, loops across pages, multi-lane steps, 200 steps) and edge cases. */
export function cases(): [string, string][] {
  const out: [string, string][] = [];
  for (const f of readdirSync(sopsDir).filter((n) => n.endsWith('.sop')).sort()) out.push([`sops/${f}`, readFileSync(join(sopsDir, f), 'utf8')]);
  for (let lanes = 3; lanes <= 12; lanes++) {
    for (const seed of [1, 7, 42]) out.push([`generated ${seed}, 12 steps, ${lanes} lanes`, generateSop(seed * 100 + lanes, { steps: 12, lanes })]);
    out.push([`generated 40 steps, ${lanes} lanes`, generateSop(4000 + lanes, { steps: 40, lanes })]);
    out.push([`chain of rework loops, ${lanes} lanes`, chainSop(11, lanes)]);
    out.push([`chain two steps back, ${lanes} lanes`, chainSop(14, lanes, { back: 2 })]);
    out.push([`chain three steps back, long text, ${lanes} lanes`, chainSop(20, lanes, { back: 3, text: 30 })]);
    out.push([`loops across pages, ${lanes} lanes`, pageLoopsSop(lanes)]);
    out.push([`multi-lane steps, ${lanes} lanes`, multiLaneSop(lanes)]);
  }
  out.push(['chain of rework loops, one lane', chainSop(11, 1)]);
  for (const lanes of [4, 8, 10, 12]) out.push([`generated 200 steps, ${lanes} lanes`, generateSop(4242 + lanes, { steps: 200, lanes })]);
  out.push(['generated 200 steps, 10 lanes (html-drawing)', generateSop(4242, { steps: 200, lanes: 10 })]);
  out.push(['generated 120 steps, 6 lanes', generateSop(99, { steps: 120, lanes: 6 })]);
  out.push(...edgeCases());
  return out;
}

const head = (name: string, lanes: number): string[] => [
  `Nama SOP: ${name}`,
  'Nomor SOP: 000.8/1/UJI',
  'Tanggal Pembuatan: 2023-08-31',
  'Pelaksana:',
  ...Array.from({ length: lanes }, (_, i) => `  - l${i + 1}: Pejabat ${i + 1}`),
  '',
  'Prosedur:',
];
const long = (s: number): string => 'uraian kegiatan yang panjang '.repeat(s % 3 === 0 ? 7 : 1);

/** What the generators seldom make: jumps forward across pages, many loops into one step, branches to the end, narrow lanes. */
function edgeCases(): [string, string][] {
  const out: [string, string][] = [];
  for (const lanes of [2, 3, 5, 9]) {
    // Forward jumps (Ya, Lanjut) within a page and across page breaks, loops back across them.
    const l = head(`Uji Lompat Maju ${lanes}`, lanes);
    for (let s = 1; s <= 30; s++) {
      l.push(`  @s${s} [l${((s * 2) % lanes) + 1}] Langkah ${s} ${long(s)}`.trimEnd());
      if (s === 3) l.push('    Ya: @s25', '    Tidak: @s2');
      if (s === 5) l.push('    Lanjut: @s20');
      if (s === 8) l.push('    Ya: @s12');
      if (s === 13) l.push('    Tidak: @s28');
      if (s === 16) l.push('    Ya: selesai');
      if (s === 18) l.push('    Ya: @s19', '    Tidak: selesai');
      if (s === 22) l.push('    Tidak: @s4');
      if (s === 24) l.push('    Ya: @s30', '    Tidak: @s1');
    }
    out.push([`forward jumps across pages, ${lanes} lanes`, l.join('\n')]);
    // Many loops into one decision and into the first terminator: junctions and points off the vertices.
    const m = head(`Uji Banyak Putaran ${lanes}`, lanes);
    m.push('  @s1 [l1] Mulai', `  @s2 [l${Math.min(2, lanes)}] Memeriksa`, '    Tidak: @s1');
    for (let s = 3; s <= 12; s++) m.push(`  @s${s} [l${(s % lanes) + 1}] Langkah ${s}`, `    Tidak: @s${s % 2 === 0 ? 2 : 1}`);
    m.push(`  @s13 [l1] Selesai`);
    out.push([`many loops into one step, ${lanes} lanes`, m.join('\n')]);
    // Many flows across one page break: a row of connectors.
    const c = head(`Uji Banyak Penghubung ${lanes}`, lanes);
    for (let s = 1; s <= 24; s++) {
      c.push(`  @s${s} [l${(s % lanes) + 1}] Langkah ${s} ${s >= 8 && s <= 10 ? 'uraian kegiatan yang panjang '.repeat(12) : ''}`.trimEnd());
      if (s >= 12 && s <= 20) c.push(`    Tidak: @s${s - 10}`);
    }
    out.push([`many connectors in one row, ${lanes} lanes`, c.join('\n')]);
  }
  out.push(['generated 30 steps, 16 lanes', generateSop(1616, { steps: 30, lanes: 16 })]);
  out.push(['chain of rework loops, 16 lanes', chainSop(20, 16, { back: 2 })]);
  return out;
}
