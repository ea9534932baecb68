/**
 * Bidi controls and invisible characters in names (issue 19, item 5):
 * `Nama SOP: RTL \u202e fdp.exe` is a warning (SOP117) at the character, and
 * the book's Daftar Isi, register and bookmarks show the character (`\u202e`)
 * instead of printing the name reversed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../src/check/check.js';
import { runCli, runCliAsync } from './helpers/cli.js';
import { readPdf } from './helpers/pdf-read.js';
import { tempDir } from './helpers/tmp.js';

const sop = (name: string, nomor: string): string =>
  `Nama SOP: ${name}\nNomor SOP: ${nomor}\nTanggal Pembuatan: 2023-08-31\nPelaksana:\n  - a: Kepala\nProsedur:\n  [a] Mulai\n  [a] Selesai\n`;
const EVIL = 'RTL \u202e fdp.exe';

describe('SOP117: invisible and direction-changing characters', () => {
  it('a direction control in the name: a warning whose range covers the character, in both languages', () => {
    const [d, ...rest] = checkText(sop(EVIL, '1')).diagnostics;
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'SOP117', severity: 'warning', range: { start: { line: 1, column: 15, offset: 14 }, end: { line: 1, column: 16, offset: 15 } } });
    expect(d!.message).toContain('`\\u202e`');
    expect(checkText(sop(EVIL, '1'), { lang: 'en' }).diagnostics[0]!.message).toBe('This text holds invisible or direction-changing characters (`\\u202e`): what is printed is not what it reads.');
  });

  it('an invisible character in a name (Nomor SOP, a lane) is one too; a soft hyphen in a step text is not', () => {
    const text = sop('Biasa', '001/\u200bA').replace('  - a: Kepala', '  - a: Ke\u2060pala').replace('  [a] Mulai', '  [a] Mu\u00adlai');
    const found = checkText(text).diagnostics.filter((d) => d.code === 'SOP117');
    expect(found.map((d) => `${d.range.start.line}:${d.range.start.column}-${d.range.end.column}`)).toEqual(['2:16-17', '5:10-11']);
  });

  it('sop check prints it with the character shown, exit 0', () => {
    const dir = tempDir('sop-hidden-check-');
    writeFileSync(join(dir, 'x.sop'), sop(EVIL, '1'));
    const r = runCli(['check', 'x.sop'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toContain('SOP117');
    expect(r.stdout + r.stderr).toContain('x.sop:1:15:');
    expect(r.stdout + r.stderr).not.toContain('\u202e');
  });
});

describe('the book shows hidden characters in the Daftar Isi, the register and the bookmarks', () => {
  it('`RTL \\u202e fdp.exe`, never the name reversed', async () => {
    const dir = tempDir('sop-hidden-book-');
    mkdirSync(join(dir, 'sops'));
    writeFileSync(join(dir, 'sops', 'a.sop'), sop(EVIL, '001/\u200bA'));
    writeFileSync(join(dir, 'sops', 'b.sop'), sop('Biasa', '002/B'));
    const out = join(dir, 'buku.pdf');
    const r = await runCliAsync(['book', 'sops', '--out', out], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const facts = await readPdf(readFileSync(out));
    const titles = facts.outline.map((o) => o.title);
    expect(titles).toContain('001/\\u200bA — RTL \\u202e fdp.exe');
    expect(titles.join('')).not.toMatch(/[\u202e\u200b]/);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    const front = text.split('\f').slice(0, 3).join('\f');
    expect(front).toContain('RTL \\u202e fdp.exe'); // Daftar Isi and Daftar SOP
    expect(front).not.toMatch(/[\u202e\u200b]/);
  }, 180_000);
});
