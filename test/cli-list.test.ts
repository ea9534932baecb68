import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

const root = join(import.meta.dirname, '..');
const golden = join(import.meta.dirname, 'golden/list');

describe('sop list', () => {
  for (const format of ['table', 'csv', 'json', 'markdown'] as const) {
    it(`the register of sops/ as ${format} (golden)`, async () => {
      const r = runCli(['list', 'sops', '--format', format], { cwd: root });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      await expect(r.stdout).toMatchFileSnapshot(join(golden, `sops.${format === 'markdown' ? 'md' : format}`));
    });
  }

  it('statuses, natural Nomor order by folder, CSV quoting and formula guard, Markdown escapes (golden)', async () => {
    for (const format of ['table', 'csv', 'markdown'] as const) {
      const r = runCli(['list', 'test/fixtures/list', '--format', format], { cwd: root });
      expect(r.code).toBe(0);
      await expect(r.stdout).toMatchFileSnapshot(join(golden, `fixture.${format === 'markdown' ? 'md' : format}`));
    }
  });

  it('json rows carry machine statuses and counts; --lang en headers', () => {
    const rows = JSON.parse(runCli(['list', 'test/fixtures/list', '--format', 'json'], { cwd: root }).stdout) as { nomor: string; status: string; errors: number }[];
    expect(rows.map((r) => [r.nomor, r.status, r.errors])).toEqual([
      ['800/9/UMUM', 'effective', 0],
      ['800/10/UMUM', 'revised', 0],
      ['100/1/BID', 'problems', 2],
    ]);
    const en = runCli(['list', 'test/fixtures/list', '--format', 'csv', '--lang', 'en'], { cwd: root }).stdout;
    expect(en.split('\n')[0]).toBe('No,SOP number,SOP name,Created,Revised,Effective,Unit,Steps,Lanes,Status,Notes,File');
    expect(en).toContain(',problems,2 error(s),');
  });

  it('a missing path is a usage error (exit 2)', () => {
    const r = runCli(['list', 'no/such/folder'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no/such/folder');
  });
});

describe('sop list: one row a SOP, whatever its file is named', () => {
  it('a file name with a line feed (or a carriage return) shows it as ␊ (␍) in the table: it forges no row', () => {
    const dir = tempDir('sop-list-lf-');
    mkdirSync(join(dir, 'sops'));
    const sop = (name: string, nomor: string): string => `Nama SOP: ${name}\nNomor SOP: ${nomor}\nTanggal Pembuatan: 2023-08-31\nPelaksana:\n  - a: Kepala\nProsedur:\n  [a] Mulai\n  [a] Selesai\n`;
    const forged = 'b.sop\n 3  999-PALSU  SOP Palsu  01-01-2024  berlaku  palsu.sop';
    writeFileSync(join(dir, 'sops', forged), sop('Asli', '1'));
    writeFileSync(join(dir, 'sops', 'c\r.sop'), sop('Kedua', '2'));
    const r = runCli(['list', '--format', 'table'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    // The header, its rule, and a row for each of the two SOPs.
    expect(lines).toHaveLength(4);
    expect(r.stdout).not.toContain('\r');
    expect(lines[2]).toMatch(/^ *1 +1 +Asli .*sops\/b\.sop␊ 3 {2}999-PALSU {2}SOP Palsu {2}01-01-2024 {2}berlaku {2}palsu\.sop$/);
    expect(lines[3]).toMatch(/sops\/c␍\.sop$/);
  });
});
