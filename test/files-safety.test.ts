/**
 * Issue 12 (files): hostile file names and logos, output collisions.
 * Everything runs the built CLI in a private temporary folder.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relativeHref, safeRelativeHref } from '../src/util/href.js';
import { runCli } from './helpers/cli.js';

const sop = (name: string, number: string, extra = ''): string =>
  `Nama SOP: ${name}\nNomor SOP: ${number}\nTanggal Pembuatan: 2023-08-31\n${extra}Pelaksana:\n  - a: Kepala\nProsedur:\n  [a] Mulai\n  [a] Selesai\n`;

describe('Keterkaitan links from hostile file names (issue 12 item 3)', () => {
  it('relativeHref percent-encodes every segment and always starts with ./ or ../', () => {
    expect(relativeHref('javascript:alert(document.domain).html')).toBe('./javascript%3Aalert%28document.domain%29.html');
    expect(relativeHref('a b#c?d%e"f\'g.html')).toBe('./a%20b%23c%3Fd%25e%22f%27g.html');
    expect(relativeHref('../x/y.html')).toBe('../x/y.html');
    expect(relativeHref('sub/a.html')).toBe('./sub/a.html');
    expect(safeRelativeHref('javascript:alert(1)')).toBeNull();
    expect(safeRelativeHref(' JavaScript:alert(1)')).toBeNull();
    expect(safeRelativeHref('//evil.example/x')).toBeNull();
    expect(safeRelativeHref('./a.html')).toBe('./a.html');
  });

  it('a file named javascript:….sop (and names with # ? % spaces quotes) gives links that lead to the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sop-href-'));
    const names = ['javascript:alert(document.domain)', 'a#b', 'c?d', 'e%41f', 'g h', `i"j'k`];
    names.forEach((n, i) => writeFileSync(join(dir, `${n}.sop`), sop(`Target ${i}`, `T-${i}`)));
    writeFileSync(join(dir, 'from.sop'), sop('Asal', 'A-1', `Keterkaitan:\n${names.map((_, i) => `  - SOP Target ${i}\n`).join('')}`));
    const r = runCli(['build', '.', '--format', 'html', '--out', 'out'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'out/from.html'), 'utf8');
    const hrefs = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!.replace(/&#x27;/g, "'").replace(/&amp;/g, '&'));
    expect(hrefs).toHaveLength(names.length);
    expect(html).not.toMatch(/href="javascript:/i);
    for (const h of hrefs) {
      expect(h.startsWith('./')).toBe(true);
      expect(h).not.toMatch(/[#?:"' ]/);
      // The browser resolves the href against the page: it must name an existing output.
      const target = new URL(h, 'file:///o/from.html');
      expect(target.search + target.hash).toBe('');
      expect(existsSync(join(dir, 'out', decodeURIComponent(target.pathname.slice('/o/'.length))))).toBe(true);
    }
  });
});
