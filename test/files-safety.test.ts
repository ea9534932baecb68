/**
 * Issue 12 (files): hostile file names and logos, output collisions.
 * Everything runs the built CLI in a private temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relativeHref, safeRelativeHref } from '../src/util/href.js';
import { drawableSize, imageProblem } from '../src/util/image-check.js';
import { sniffImage } from '../src/project/logo.js';
import { CLI, runCli } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

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
    const dir = tempDir('sop-href-');
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

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);

/** A project in a private folder, with `outside.png` (a secret) beside it. */
function logoProject(): { dir: string; p: string } {
  const dir = tempDir('sop-logo-');
  const p = join(dir, 'p');
  mkdirSync(p);
  writeFileSync(join(dir, 'outside.png'), Buffer.concat([PNG, Buffer.from('RAHASIA')]));
  return { dir, p };
}

interface JsonDiag {
  file: string;
  code: string;
  line: number;
  column: number;
  message: string;
}

/** `sop check --format json` with a short time limit: a FIFO must not block it. */
function checkJson(cwd: string, ...args: string[]): { code: number; diags: JsonDiag[] } {
  const r = spawnSync(process.execPath, [CLI, 'check', '.', '--format', 'json', ...args], { cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });
  expect(r.error, 'sop check must not hang').toBeUndefined();
  return { code: r.status ?? -1, diags: JSON.parse(r.stdout) as JsonDiag[] };
}

describe('the logo is read as untrusted input (issue 12 items 1, 2)', () => {
  it('each refused logo is a diagnostic of sop check, at the Logo value; the build embeds none of them', () => {
    const { p } = logoProject();
    symlinkSync('../outside.png', join(p, 'link.png'));
    symlinkSync('/dev/zero', join(p, 'zero.png'));
    spawnSync('mkfifo', [join(p, 'fifo.png')]);
    mkdirSync(join(p, 'folder.png'));
    writeFileSync(join(p, 'big.png'), Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]));
    writeFileSync(join(p, 'text.png'), 'bukan gambar');
    writeFileSync(join(p, 'jpeg.png'), JPEG);
    writeFileSync(join(p, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    writeFileSync(join(p, 'logo.txt'), PNG);
    writeFileSync(join(p, 'ok.png'), PNG);
    const cases: [string, string][] = [
      ['link.png', 'SOP408'],
      ['zero.png', 'SOP408'],
      ['fifo.png', 'SOP504'],
      ['folder.png', 'SOP504'],
      ['big.png', 'SOP505'],
      ['text.png', 'SOP506'],
      ['jpeg.png', 'SOP506'],
      ['logo.svg', 'SOP506'],
      ['logo.txt', 'SOP506'],
      ['/etc/hostname', 'SOP408'],
      ['missing.png', 'SOP502'],
    ];
    cases.forEach(([logo], i) => writeFileSync(join(p, `s${i}.sop`), sop(`S${i}`, `N-${i}`, `Logo: ${logo}\n`)));
    writeFileSync(join(p, 'good.sop'), sop('Baik', 'N-ok', 'Logo: ok.png\n'));

    const r = checkJson(p);
    expect(r.code).toBe(1);
    const got = r.diags.filter((d) => d.code.startsWith('SOP4') || d.code.startsWith('SOP5')).map((d) => [d.file, d.code, d.line, d.column]);
    expect(got.sort()).toEqual(cases.map(([, code], i) => [`s${i}.sop`, code, 4, 7]).sort());

    const b = spawnSync(process.execPath, [CLI, 'build', '.', '--format', 'html'], { cwd: p, encoding: 'utf8', timeout: 60_000 });
    expect(b.status).toBe(1);
    expect(readdirSync(join(p, 'out')).sort()).toEqual(['fonts', 'good.html']);
    expect(readFileSync(join(p, 'out/good.html'), 'utf8')).toContain(`src="data:image/png;base64,${PNG.toString('base64').replace(/=/g, '&#x3D;')}"`);
    expect(b.stdout).toContain(`${cases.length} SOP dilewati karena galat`);
  }, 60_000);

  for (const logo of ['../outside.png', '/etc/hostname', 'link.png']) {
    it(`sop.config.json's logo ${JSON.stringify(logo)} is SOP408 on the config, and never embedded`, () => {
      const { p } = logoProject();
      symlinkSync('../outside.png', join(p, 'link.png'));
      writeFileSync(join(p, 'sop.config.json'), `{\n  "instansi": ["Dinas"],\n  "logo": ${JSON.stringify(logo)}\n}\n`);
      writeFileSync(join(p, 'a.sop'), sop('A', 'N-1'));
      const r = checkJson(p);
      expect(r.code).toBe(1);
      expect(r.diags.map((d) => [d.file, d.code, d.line, d.column])).toEqual([['sop.config.json', 'SOP408', 3, 11]]);
      const b = spawnSync(process.execPath, [CLI, 'build', '.', '--format', 'html'], { cwd: p, encoding: 'utf8', timeout: 60_000 });
      expect(b.status).toBe(1);
      expect(existsSync(join(p, 'out/a.html'))).toBe(false);
    });
  }

  it("sop.config.json's logo follows the same file rules (a folder is SOP504)", () => {
    const { p } = logoProject();
    mkdirSync(join(p, 'img.png'));
    writeFileSync(join(p, 'sop.config.json'), '{ "logo": "img.png" }');
    writeFileSync(join(p, 'a.sop'), sop('A', 'N-1'));
    expect(checkJson(p).diags.map((d) => [d.file, d.code])).toEqual([['sop.config.json', 'SOP504']]);
  });
});

describe('two SOPs never write the same output (issue 12 item 11)', () => {
  it('a.sop and a.SOP in one folder: a clear error naming both, neither built, exit 1, the summary counts them', () => {
    const dir = tempDir('sop-collide-');
    writeFileSync(join(dir, 'a.sop'), sop('Satu', 'N-1'));
    writeFileSync(join(dir, 'a.SOP'), sop('Dua', 'N-2'));
    writeFileSync(join(dir, 'b.sop'), sop('Tiga', 'N-3'));
    const r = runCli(['build', '.', '--format', 'html,mmd'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/a\.SOP, a\.sop akan menulis keluaran yang sama \(out\/a\.\*\)/);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['b.html', 'b.mmd', 'fonts']);
    expect(r.stdout).toContain('2 berkas dibuat dari 1 SOP');
    expect(r.stdout).toContain('2 SOP dilewati');
  });

  it('a.sop of two projects built into one --out (and A.sop, as case-insensitive file systems see it)', () => {
    const dir = tempDir('sop-collide-');
    mkdirSync(join(dir, 'p1'));
    mkdirSync(join(dir, 'p2'));
    writeFileSync(join(dir, 'p1/sop.config.json'), '{}');
    writeFileSync(join(dir, 'p2/sop.config.json'), '{}');
    writeFileSync(join(dir, 'p1/a.sop'), sop('Satu', 'N-1'));
    writeFileSync(join(dir, 'p2/A.sop'), sop('Dua', 'N-2'));
    const r = runCli(['build', 'p1', 'p2', '--out', 'hasil', '--format', 'html', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('p1/a.sop, p2/A.sop would write the same outputs (hasil/a.*); none of them is built.');
    expect(existsSync(join(dir, 'hasil'))).toBe(false);
    // The same file named twice is no collision.
    const once = runCli(['build', 'p1', 'p1/a.sop', '--out', 'x', '--format', 'html'], { cwd: dir });
    expect(once.code, once.stderr).toBe(0);
  });
});

/** Logos whose header lies or whose structure is broken (the hostile probe of 2026-12-06; each crashed, hung or bloated a drawing). */
const HOSTILE_LOGOS: readonly [string, string, 'dimensions' | 'corrupt'][] = [
  ['huge.png', 'iVBORw0KGgoAAAANSUhEUgABhqAAAYagCAYAAACoUgvIAAAADElEQVR4nGNgoD0AAABkAAGGZDw1AAAAAElFTkSuQmCC', 'dimensions'],
  ['huge2.png', 'iVBORw0KGgoAAAANSUhEUn////9/////CAIAAACbq5wxAAAAAElFTkSuQmCC', 'dimensions'],
  ['corrupt.png', 'iVBORw0KGgpnYXJiYWdlZ2FyYmFnZWdhcmJhZ2VnYXJiYWdlZ2FyYmFnZWdhcmJhZ2VnYXJiYWdlZ2FyYmFnZWdhcmJhZ2VnYXJiYWdl', 'corrupt'],
  ['trunc.png', 'iVBORw0KGgoAAAANSUhEUgAAAEAAAABAAQMAAACQp+OdAAAABGdBTQ==', 'corrupt'],
  ['corrupt.gif', 'R0lGODlh//////////////////////////8=', 'dimensions'],
  ['hugeg.gif', 'R0lGODlh//////AAAACAAAAAACH5BAAAAAAALAAAAABAAEAAAAJFhI+py+0Po5y02ouz3rz7D4biSJbmiabqyrbuC8fyTNf2jef6zvf+DwwKh8Si8YhMKpfMpvMJjUqn1Kr1is1qt9yuF1AAADs=', 'dimensions'],
  ['corrupt.webp', 'UklGRhAAAABXRUJQVlA4WP//////////////////////////', 'corrupt'],
  ['hugew.webp', 'UklGRk4AAABXRUJQVlA4IEIAAACQAwCdASr/P/8/PpFIoEwlpCMiIggAsBIJaQAAEDdTUAV4hbkAAP70NR//+6ev/9p6//2nr+YP/yOd6VGAAAAAAAA=', 'dimensions'],
  ['corrupt.jpg', '/9j/4AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'corrupt'],
  [
    'hugej.jpg',
    '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wAARCP/c/9wDAREAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAn/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFgEBAQEAAAAAAAAAAAAAAAAAAAYJ/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8Anu1TQ4AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAD//Z',
    'dimensions',
  ],
];
/** The same images with a sane header: accepted. */
const SANE_LOGOS: readonly [string, string][] = [
  ['ok.png', PNG.toString('base64')],
  ['ok.gif', 'R0lGODlhQABAAPAAAACAAAAAACH5BAAAAAAALAAAAABAAEAAAAJFhI+py+0Po5y02ouz3rz7D4biSJbmiabqyrbuC8fyTNf2jef6zvf+DwwKh8Si8YhMKpfMpvMJjUqn1Kr1is1qt9yuF1AAADs='],
  ['ok.webp', 'UklGRk4AAABXRUJQVlA4IEIAAACQAwCdASpAAEAAPpFIoEwlpCMiIggAsBIJaQAAEDdTUAV4hbkAAP70NR//+6ev/9p6//2nr+YP/yOd6VGAAAAAAAA='],
  [
    'ok.jpg',
    '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wAARCABAAEADAREAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAn/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFgEBAQEAAAAAAAAAAAAAAAAAAAYJ/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8Anu1TQ4AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAD//Z',
  ],
];

describe('a logo whose header lies or whose structure is broken is refused before any decoder sees it', () => {
  it('imageProblem names each hostile logo (size over the cap, or corrupt) and accepts the sane ones; the drawing gets no size for them', () => {
    for (const [name, b64, want] of HOSTILE_LOGOS) {
      const bytes = Buffer.from(b64, 'base64');
      const kind = sniffImage(bytes);
      expect(kind, name).not.toBeNull();
      expect(imageProblem(bytes, kind as 'png'), name).toBe(want);
      expect(drawableSize(`image/${kind}`, bytes), name).toBeNull();
    }
    for (const [name, b64] of SANE_LOGOS) {
      const bytes = Buffer.from(b64, 'base64');
      expect(imageProblem(bytes, sniffImage(bytes) as 'png'), name).toBeNull();
      expect(drawableSize(`image/${sniffImage(bytes)}`, bytes), name).not.toBeNull();
    }
    // A PNG whose chunk CRC is wrong, and one without IDAT, are corrupt.
    const badCrc = Buffer.from(PNG);
    badCrc[29] = badCrc[29]! ^ 1;
    expect(imageProblem(badCrc, 'png')).toBe('corrupt');
    expect(imageProblem(Buffer.concat([PNG.subarray(0, 33), PNG.subarray(PNG.length - 12)]), 'png')).toBe('corrupt');
  });

  it('sop check reports SOP506 at the Logo line (and at the config logo); build html,pdf,svg,png and book stop with exit 1, no stack trace', () => {
    const { p } = logoProject();
    HOSTILE_LOGOS.forEach(([name, b64], i) => {
      writeFileSync(join(p, name), Buffer.from(b64, 'base64'));
      writeFileSync(join(p, `h${i}.sop`), sop(`H${i}`, `H-${i}`, `Logo: ${name}\n`));
    });
    SANE_LOGOS.forEach(([name, b64], i) => {
      writeFileSync(join(p, name), Buffer.from(b64, 'base64'));
      writeFileSync(join(p, `k${i}.sop`), sop(`K${i}`, `K-${i}`, `Logo: ${name}\n`));
    });
    const r = checkJson(p, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.diags.map((d) => [d.file, d.code, d.line, d.column]).sort()).toEqual(HOSTILE_LOGOS.map((_, i) => [`h${i}.sop`, 'SOP506', 4, 7]).sort());
    expect(r.diags.find((d) => d.file === 'h0.sop')!.message).toContain('over the limit (8,000 pixels a side');
    expect(r.diags.find((d) => d.file === 'h2.sop')!.message).toContain('corrupt or cut short');

    const b = spawnSync(process.execPath, [CLI, 'build', '.', '--format', 'html,pdf,svg,png'], { cwd: p, encoding: 'utf8', timeout: 120_000 });
    expect(b.stderr).not.toMatch(/RangeError|\n\s+at /);
    expect(b.status).toBe(1);
    expect(readdirSync(join(p, 'out')).filter((f) => f.startsWith('h'))).toEqual([]);
    expect(readdirSync(join(p, 'out')).filter((f) => f.endsWith('.pdf')).sort()).toEqual(SANE_LOGOS.map((_, i) => `k${i}.pdf`));

    // The config's logo: the same rule, on sop.config.json's logo value.
    const q = logoProject().p;
    writeFileSync(join(q, 'huge.png'), Buffer.from(HOSTILE_LOGOS[0]![1], 'base64'));
    writeFileSync(join(q, 'sop.config.json'), '{\n  "logo": "huge.png"\n}\n');
    writeFileSync(join(q, 'a.sop'), sop('A', 'N-1'));
    expect(checkJson(q).diags.map((d) => [d.file, d.code, d.line, d.column])).toEqual([['sop.config.json', 'SOP506', 2, 11]]);
    const k = spawnSync(process.execPath, [CLI, 'book', '.', '-o', 'buku.pdf'], { cwd: q, encoding: 'utf8', timeout: 120_000 });
    expect(k.stderr + k.stdout).not.toMatch(/RangeError|\n\s+at /);
    expect(k.status).toBe(1);
    expect(existsSync(join(q, 'buku.pdf'))).toBe(false);
  }, 240_000);
});
