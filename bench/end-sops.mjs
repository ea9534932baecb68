/**
 * The small SOPs with branches to the end measured for end-try.ts (docs/drawing-contract.md, "A branch to the end"):
 * 3-8 lanes, A4 and F4; six shapes at each lane count (a last-step decision `Ya: selesai` / `Tidak: @s1`, a mid
 * decision `Tidak: selesai`, a decision met by two arrows, one arriving from the right...) and 120 drawn at random
 * (fixed seed). `endSops()` gives [name, text, paper]; measure each as bench/quality.mjs's cases are (compile,
 * renderHtml, test/helpers/drawing-quality.mjs in Chromium).
 */
export function sop(lanes, body) {
  const ls = Array.from({ length: lanes }, (_, i) => `  - l${i + 1}: Pejabat ${i + 1}`);
  return ['Nama SOP: Uji Selesai', 'Nomor SOP: X/9', 'Tanggal Pembuatan: 2023-08-31', 'Pelaksana:', ...ls, '', 'Prosedur:', ...body(lanes)].join('\n');
}
const L = (i, n) => `l${Math.min(n, Math.max(1, i))}`;
const pats = {
  basic: (n) => ['  @a [l1] Menerima berkas', '  @b [l2] Memeriksa berkas', '    Ya: selesai', '    Tidak: @a', `  @c [l${n}] Menyusun laporan`, '  @d [l2] Laporan disetujui?', '    Tidak: selesai', '  @e [l1] Mengarsipkan', `  @f [l${n}] Memeriksa arsip`, '    Ya: @a', '    Tidak: selesai'],
  // last-step decision: Ya selesai, Tidak back to the first
  last: (n) => [`  @s1 [l1] Menerima berkas`, `  @s2 [${L(2, n)}] Memeriksa berkas`, `  @s3 [l${n}] Menyusun laporan`, `  @s4 [${L(2, n)}] Laporan disetujui?`, '    Ya: selesai', '    Tidak: @s1'],
  lastMid: (n) => [`  @s1 [${L(2, n)}] Menerima berkas`, `  @s2 [l${n}] Memeriksa berkas`, `  @s3 [l1] Menyusun laporan`, `  @s4 [l${n}] Laporan disetujui?`, '    Ya: selesai', '    Tidak: @s1'],
  // mid decision Tidak: selesai
  mid: (n) => [`  @a [l1] Menerima berkas`, `  @b [${L(n - 1, n)}] Berkas lengkap?`, '    Tidak: selesai', `  @c [l${n}] Menyusun laporan`, `  @d [l1] Mengarsipkan`, `  @e [${L(2, n)}] Memeriksa arsip`, '    Ya: @a', '    Tidak: selesai'],
  // met by two arrows
  met: (n) => ['  @a [l1] Menerima berkas', `  @b [${L(2, n)}] Memeriksa berkas`, '    Ya: selesai', `  @c [l${n}] Menyusun laporan`, '  @d [l1] Memeriksa laporan', '    Tidak: @b', `  @e [${L(2, n)}] Mengarsipkan`],
  // arriving from the right
  right: (n) => [`  @a [l${n}] Menerima berkas`, `  @b [${L(n - 1, n)}] Memeriksa berkas`, '    Ya: selesai', '    Tidak: @a', '  @c [l1] Menyusun laporan', `  @d [l${n}] Memeriksa laporan`, '    Ya: selesai', '    Tidak: @c'],
};
export function endSops() {
  const out = [];
  for (const paper of ['A4', 'F4'])
    for (let n = 3; n <= 8; n++)
      for (const [k, f] of Object.entries(pats)) out.push([`${paper} ${n} ${k}`, sop(n, f), paper]);
  let seed = 7;
  const rnd = (k) => { seed = (seed * 1103515245 + 12345) % 2147483648; return Math.floor((seed / 2147483648) * k); };
  for (let i = 0; i < 120; i++) {
    const paper = i % 2 ? 'F4' : 'A4';
    const n = 3 + (i % 6);
    const m = 4 + rnd(5);
    const lines = [];
    const mid = 1 + rnd(m - 2); // a mid decision index
    const met = rnd(2) ? 2 + rnd(m - 2) : 0;
    for (let s = 1; s <= m; s++) {
      const lane = 1 + rnd(n);
      if (s === m) { lines.push(`  @s${s} [l${lane}] Hasil disetujui?`, '    Ya: selesai', '    Tidak: @s1'); continue; }
      if (s === mid) { lines.push(`  @s${s} [l${lane}] Berkas lengkap?`, '    Tidak: selesai'); continue; }
      if (met && s === met + 1 && met + 1 < m && met !== mid) { lines.push(`  @s${s} [l${lane}] Sudah sesuai?`, `    Tidak: @s${met}`); continue; }
      lines.push(`  @s${s} [l${lane}] Mengerjakan tahap ${s}`);
    }
    out.push([`R${i} ${paper} ${n} m${m}`, sop(n, () => lines), paper]);
  }
  return out;
}
