/** Large SOPs for the size limits (src/model/limits.ts). */

/** A SOP of `lanes` lanes and `steps` steps (step i in lane i mod lanes); `pad` characters of Keterangan per step. */
export function wideSop(lanes: number, steps: number, pad = 0): string {
  const lines = ['Nama SOP: Besar', 'Nomor SOP: 9', 'Tanggal Pembuatan: 2023-08-31', 'Pelaksana:'];
  for (let i = 0; i < lanes; i++) lines.push(`  - p${i}: Pelaksana ${i}`);
  lines.push('Prosedur:');
  for (let i = 0; i < steps; i++) {
    lines.push(`  [p${i % lanes}] Langkah ${i + 1}`);
    if (pad) lines.push(`    Keterangan: ${'kata '.repeat(Math.ceil(pad / 5)).slice(0, pad)}`);
  }
  return lines.join('\n') + '\n';
}
