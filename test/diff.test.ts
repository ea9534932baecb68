/** Golden diffs for crafted revision pairs, in text and JSON, and the HTML redline. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, diff } from '../src/index.js';
import { renderDiffText } from '../src/diff/render-text.js';
import { renderDiffHtml } from '../src/diff/render-html.js';

const dir = join(import.meta.dirname, 'fixtures/diff');
const base = readFileSync(join(dir, 'base.sop'), 'utf8');

describe('semantic diff', () => {
  for (const name of ['insert-middle', 'reword', 'move', 'branch', 'rename-lane']) {
    it(name, async () => {
      const next = readFileSync(join(dir, `${name}.sop`), 'utf8');
      const changes = diff(base, next);
      await expect(renderDiffText(changes, 'plain')).toMatchFileSnapshot(join(dir, `${name}.txt`));
      await expect(JSON.stringify(changes, null, 2) + '\n').toMatchFileSnapshot(join(dir, `${name}.json`));
    });
  }

  it('inserting a step in the middle is one insertion', () => {
    const changes = diff(base, readFileSync(join(dir, 'insert-middle.sop'), 'utf8'));
    expect(changes.map((c) => c.kind)).toEqual(['step-added']);
  });

  it('a renamed lane does not show as changed steps', () => {
    const changes = diff(base, readFileSync(join(dir, 'rename-lane.sop'), 'utf8'));
    expect(changes.map((c) => c.kind)).toEqual(['lane-renamed']);
  });

  it('a branch moved to another step after an insertion names both targets by label, in the new numbering', () => {
    // Review 20: a step inserted before the old target and the branch sent to the step now numbered as the old
    // target was printed "cabang Tidak: langkah 2 → langkah 2" (the old number beside the new one).
    const next = base
      .replace('  @periksa [kasubag]', '  @agenda [kasubag] Mengagendakan surat\n\n  @periksa [kasubag]')
      .replace('    Tidak: @periksa', '    Tidak: @agenda');
    const changes = diff(base, next);
    expect(renderDiffText(changes, 'plain')).toContain('~ langkah 4, cabang Tidak: langkah 3 (@periksa) → langkah 2 (@agenda)');
    expect(renderDiffText(changes, 'markdown')).toContain('- langkah 4, cabang Tidak: langkah 3 (`@periksa`) → langkah 2 (`@agenda`)');
    // The record keeps its documented numbers (old, new) and adds the labels and the old target's new number.
    expect(changes.find((c) => c.kind === 'flow-changed')).toMatchObject({ before: 2, after: 2, labels: { before: 'periksa', after: 'agenda' }, beforeNow: 3 });
    // The old target removed: its old number, said removed.
    const gone = base.replace('  @periksa [kasubag] Memeriksa surat dan menentukan tujuan disposisi\n    Waktu: 10 Menit\n\n', '').replace('    Tidak: @periksa', '    Tidak: selesai');
    expect(renderDiffText(diff(base, gone), 'plain')).toContain('langkah 2, cabang Tidak: langkah 2 (@periksa, dihapus) → selesai');
  });

  it('markdown for a pull-request comment', async () => {
    const changes = diff(base, readFileSync(join(dir, 'reword.sop'), 'utf8'));
    expect(renderDiffText(changes, 'markdown')).toBe('### Langkah\n- langkah 4, Kegiatan: Mendistribusikan surat **asli** kepada unit **kerja** tujuan\n');
  });

  it('HTML redline: added rows green, removed rows struck, changed cells highlighted', async () => {
    const templates = {
      document: readFileSync(join(import.meta.dirname, '../templates/diff.hbs'), 'utf8'),
      cell: readFileSync(join(import.meta.dirname, '../templates/diff-cell.hbs'), 'utf8'),
    };
    const next = readFileSync(join(dir, 'insert-middle.sop'), 'utf8').replace('Mengarsipkan salinan surat', 'Mengarsipkan surat');
    const html = renderDiffHtml(compile(base), compile(next.replace('  [agendaris] Menerima surat masuk dan mencatat dalam buku agenda\n    Waktu: 5 Menit\n\n', '')), templates, 'Perubahan');
    await expect(html).toMatchFileSnapshot(join(dir, 'redline.html'));
    expect(html).toContain('<tr class="added">');
    expect(html).toContain('<tr class="removed">');
    expect(html).toContain('<del>salinan</del>');
  });
});

describe('steps matched by their text, at any length', () => {
  const sop = (texts: readonly string[]): string =>
    ['Nama SOP: Panjang', 'Nomor SOP: 1', 'Tanggal Pembuatan: 2024-01-01', 'Pelaksana:', '  - a: A', 'Prosedur:', ...texts.map((t) => `  [a] ${t}`), ''].join('\n');
  const words = ['memeriksa', 'surat', 'laporan', 'menyampaikan', 'data', 'dokumen', 'kepala', 'arsip', 'menerima', 'staf'];
  const text = (k: number): string => Array.from({ length: 6 }, (_, w) => words[(k * 7 + w * (k % 5 + 1)) % words.length]).join(' ') + ` ${k}`;

  it('a step inserted at the top of a 2 100-step procedure (past the step limit, so compared near its place) is one change, every other step paired', () => {
    // A probe's 5 000-step diff took 79 s and 1.2 GB (every pair compared, millions of candidates sorted); past the
    // limit steps are now paired near their place, each with its best few.
    const old = Array.from({ length: 2100 }, (_, k) => text(k));
    const changes = diff(sop(old), sop(['Langkah baru di awal', ...old]));
    expect(changes.filter((c) => c.kind === 'step-added').length).toBe(1);
    expect(changes.filter((c) => c.kind === 'step-removed' || c.kind === 'step-moved')).toEqual([]);
  });

  it('the same texts pair with the nearest of their kind first', () => {
    const changes = diff(sop(['sama', 'beda satu', 'sama']), sop(['sama', 'sama', 'beda satu']));
    // 'beda satu' moved one down; each 'sama' stays paired with the nearest 'sama', nothing added or removed.
    expect(changes.map((c) => c.kind)).toEqual(['step-moved']);
  });
});
