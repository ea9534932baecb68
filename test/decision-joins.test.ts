/**
 * Issue 20 item 6, from a page review: a decision over two adjacent lanes was drawn as two diamonds tied by one
 * plain line, which reads as a flow from one decision to another. Its join is now a double line (two rules 3 px
 * apart, outline to outline), as between lanes that are not adjacent; a process over adjacent lanes keeps one line.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../src/index.js';
import { layoutSop } from '../src/layout/layout.js';
import type { Piece } from '../src/layout/types.js';

const sop = (decision: boolean): string =>
  [
    'Nama SOP: Uji Keputusan Dua Lajur',
    'Nomor SOP: 000.8/1/UJI',
    'Tanggal Pembuatan: 2024-01-01',
    'Pelaksana:',
    '  - a: Kepala Dinas',
    '  - b: Sekretaris',
    '  - c: Kepala Bidang',
    '',
    'Prosedur:',
    '  @s1 [a] Menerima surat',
    '  @s2 [b, c] Memeriksa berkas, jika belum sesuai dikembalikan',
    ...(decision ? ['    Tidak: @s1'] : []),
    '  @s3 [c] Menyelesaikan berkas',
    '',
  ].join('\n');

/** The join pieces of step 2 (a piece whose flow starts and ends at the step), as [y, x1, x2]. */
function joins(decision: boolean): number[][] {
  const r = compile(sop(decision));
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const lay = layoutSop(r.model!);
  const out: number[][] = [];
  for (const page of lay.pages)
    for (const row of page.rows)
      for (const p of row.core.pieces as readonly Piece[])
        if (p.from === 2 && p.to === 2 && typeof p.y1 === 'number') out.push([p.y1, Math.min(p.x1, p.x2), Math.max(p.x1, p.x2)]);
  return out;
}

describe('the join of a multi-lane step over adjacent lanes', () => {
  it('is a double line for a decision, outline to outline', () => {
    const j = joins(true);
    expect(j).toHaveLength(2);
    expect(Math.abs(j[0]![0]! - j[1]![0]!)).toBeCloseTo(3, 5);
    // Both rules span the same gap between the two diamonds.
    expect(j[0]![1]).toBeCloseTo(j[1]![1]!, 5);
    expect(j[0]![2]).toBeCloseTo(j[1]![2]!, 5);
  });

  it('stays one line for a process', () => {
    expect(joins(false)).toHaveLength(1);
  });
});
