/** `sop book`: one PDF read back for its page numbers (pdftotext), outline and internal links (pdf-lib). */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from './helpers/cli.js';
import { readPdf, type PdfFacts } from './helpers/pdf-read.js';
import { tempDir } from './helpers/tmp.js';

const root = join(import.meta.dirname, '..');
const fixture = join(import.meta.dirname, 'fixtures/book');
const tmp = tempDir('sop-book-');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The text of each page (pdftotext puts a form feed between pages). */
const pagesText = (file: string): string[] => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);

describe('sop book', () => {
  const out = join(tmp, 'buku.pdf');
  let facts: PdfFacts;
  let text: string[];
  let stdout = '';
  beforeAll(async () => {
    const r = runCli(['book', 'test/fixtures/book', '--out', out], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    stdout = r.stdout;
    facts = await readPdf(readFileSync(out));
    text = pagesText(out);
  }, 120_000);

  it('cover, foreword, contents, register, then the SOPs in the configured order; the footer on every page', () => {
    expect(stdout).toMatch(/\(3 SOP, 10 halaman\)/);
    expect(facts.pages).toBe(10);
    expect(text).toHaveLength(10);
    text.forEach((t, i) => expect(t).toContain(`Hal. ${i + 1} / 10`));
    expect(text[0]).toMatch(/BUKU STANDAR OPERASIONAL\s+PROSEDUR/);
    expect(text[0]).toContain('PEMERINTAH PROVINSI CONTOH');
    expect(text[0]).toContain('2024');
    expect(text[1]).toContain('KATA PENGANTAR');
    expect(text[1]).toContain('Buku ini memuat seluruh SOP Dinas Contoh.');
    expect(text[2]).toContain('DAFTAR ISI');
    expect(text[3]).toContain('DAFTAR SOP');
  });

  it('the contents give the real first page of each SOP (config order first, then folder and Nomor)', () => {
    const toc = [...text[2]!.matchAll(/^\s*\d+\.\s+(.+?)\s{2,}(\d+)\s*$/gm)].map((m) => [m[1], Number(m[2])] as const);
    expect(toc).toEqual([
      ['Penerbitan Izin', 5],
      ['Pengarsipan', 7],
      ['Pengelolaan Surat Masuk', 9],
    ]);
    for (const [name, page] of toc) expect(text[page - 1]).toMatch(new RegExp(`Nama SOP\\s+:\\s+${name}`));
    expect(text[2]).toMatch(/Kata Pengantar\s+2/);
    expect(text[2]).toMatch(/Daftar SOP\s+4/);
  });

  it('bookmarks for the book parts and every SOP, pointing at their first pages', () => {
    expect(facts.outline).toEqual([
      { title: 'Kata Pengantar', page: 1 },
      { title: 'Daftar Isi', page: 2 },
      { title: 'Daftar SOP', page: 3 },
      { title: '500/7/BID — Penerbitan Izin', page: 4 },
      { title: '800/1/UMUM — Pengarsipan', page: 6 },
      { title: '800/2/UMUM — Pengelolaan Surat Masuk', page: 8 },
    ]);
  });

  it('Keterkaitan naming a SOP of the book jumps to its first page; contents and register link every SOP; no marker URI is left', () => {
    const from = (p: number): number[] => [...new Set(facts.links.filter((l) => l.from === p).map((l) => l.to))].sort((a, b) => a - b);
    expect(from(4)).toEqual([6]); // Penerbitan Izin → Pengarsipan
    expect(from(8)).toEqual([4]); // Pengelolaan Surat Masuk → Penerbitan Izin ("SOP Yang Tidak Ada" stays text)
    expect(from(2)).toEqual([4, 6, 8]);
    expect(from(3)).toEqual([4, 6, 8]);
    expect(facts.uris).toEqual([]);
  });

  it('an SOP with errors stops the book (exit 1) and no file is written', () => {
    const dir = join(tmp, 'broken');
    cpSync(fixture, dir, { recursive: true });
    writeFileSync(join(dir, 'umum/arsip.sop'), readFileSync(join(dir, 'umum/arsip.sop'), 'utf8').replace('Menyimpan arsip', 'Menyimpan arsip\n    Ya: @tidakada'));
    const file = join(tmp, 'broken.pdf');
    const r = runCli(['book', dir, '--out', file], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('SOP204');
    expect(r.stderr).toContain('buku tidak dibuat');
    expect(existsSync(file)).toBe(false);
  });

  it('a foreword outside the project is refused (exit 2)', () => {
    const dir = join(tmp, 'outside');
    cpSync(fixture, dir, { recursive: true });
    const cfg = JSON.parse(readFileSync(join(dir, 'sop.config.json'), 'utf8'));
    cfg.book.foreword = '../../etc/passwd';
    writeFileSync(join(dir, 'sop.config.json'), JSON.stringify(cfg));
    const r = runCli(['book', dir, '--out', join(tmp, 'x.pdf')], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('di luar folder proyek');
  });

  it('--out naming a folder, a FIFO or an unwritable place: one line in words, exit 2, the FIFO left as it was', () => {
    const env = { SOP_CHROMIUM: '/nonexistent/chromium' };
    const dir = join(tmp, 'out-kinds');
    mkdirSync(join(dir, 'folder.pdf'), { recursive: true });
    execFileSync('mkfifo', [join(dir, 'pipe.pdf')]);
    const folder = runCli(['book', 'test/fixtures/book', '--out', join(dir, 'folder.pdf')], { cwd: root, env });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/^sop: .*folder\.pdf: tidak dapat ditulis: adalah folder, bukan berkas\n$/);
    const fifo = runCli(['book', 'test/fixtures/book', '--out', join(dir, 'pipe.pdf')], { cwd: root, env });
    expect(fifo.code).toBe(2);
    expect(fifo.stderr).toMatch(/^sop: .*pipe\.pdf: bukan berkas biasa \(FIFO, perangkat atau soket\); tidak ditimpa\n$/);
    expect(lstatSync(join(dir, 'pipe.pdf')).isFIFO()).toBe(true);
    // Its folder a file: the write fails at the end, said in words (not ENOTDIR and the temporary file's name).
    writeFileSync(join(dir, 'berkas'), '');
    const under = runCli(['book', 'test/fixtures/book', '--out', join(dir, 'berkas', 'b.pdf')], { cwd: root, env });
    expect(under.code).toBe(2);
    expect(under.stderr).toMatch(/^sop: .*b\.pdf: tidak dapat ditulis: sebagian jalurnya adalah berkas, bukan folder\n$/);
  }, 120_000);
});

describe('sop book without a browser (--pdf-engine native, the default): PDF/A-2b, fonts embedded, reproducible', () => {
  const env = { SOP_CHROMIUM: '/nonexistent/chromium', SOURCE_DATE_EPOCH: '1700000000' };
  const a = join(tmp, 'native-a.pdf');
  const b = join(tmp, 'native-b.pdf');
  let first: ReturnType<typeof runCli>;
  beforeAll(() => {
    first = runCli(['book', 'test/fixtures/book', '--out', a], { cwd: root, env });
    runCli(['book', 'test/fixtures/book', '--out', b], { cwd: root, env });
  }, 120_000);

  it('works where SOP_CHROMIUM names nothing (exit 0, no message)', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/\(3 SOP, 10 halaman\)/);
  });

  it('every font embedded (the footer too): pdffonts', () => {
    const rows = execFileSync('pdffonts', [a], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim() !== '');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r, r).toMatch(/\s+yes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/);
    expect(rows.join('\n')).not.toMatch(/Helvetica/);
  });

  it('the PDF/A-2b identification in its XMP metadata (pdfinfo -meta), dated by SOURCE_DATE_EPOCH', () => {
    const meta = execFileSync('pdfinfo', ['-meta', a], { encoding: 'utf8' });
    expect(meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(meta).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(meta).toContain('2023-11-14T22:13:20Z');
  });

  it('byte-identical from run to run', () => {
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
  });

  it('the footer is on the SOPs\' pages as on the book\'s own, and each contents entry is the page where that SOP\'s name is', () => {
    const text = pagesText(a);
    const toc = [...text[2]!.matchAll(/^\s*\d+\.\s+(.+?)\s{2,}(\d+)\s*$/gm)].map((m) => [m[1]!, Number(m[2])] as const);
    expect(toc).toHaveLength(3);
    for (const [name, page] of toc) {
      expect(text[page - 1]).toMatch(new RegExp(`Nama SOP\\s+:\\s+${name}`));
      expect(text.findIndex((t) => new RegExp(`Nama SOP\\s+:\\s+${name}`).test(t))).toBe(page - 1);
    }
    text.forEach((t, i) => expect(t).toContain(`Hal. ${i + 1} / 10`));
  });
});

describe('sop book (native) stopped by a signal', () => {
  it('on SIGINT while it draws: exit 130, said, no book written', async () => {
    const { generateSop } = await import('../bench/generate.mjs');
    const dir = join(tmp, 'stopped');
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 40; i++) writeFileSync(join(dir, `sop-${i}.sop`), generateSop(9000 + i, { steps: 12, lanes: 6 }));
    const out = join(tmp, 'stopped.pdf');
    const child = spawn(process.execPath, [join(root, 'dist/cli/sop.js'), 'book', dir, '--out', out], { env: { ...process.env, NO_COLOR: '1', SOP_BOOK_TIMING: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      // The handlers are in place once the files are loaded and checked; the drawing of 40 SOPs follows.
      if (stderr.includes('book phase load and check') && !child.killed) child.kill('SIGINT');
    });
    const [code] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    expect(code, stderr).toBe(130);
    expect(stderr).toContain('dihentikan (SIGINT); buku tidak dibuat.');
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});

describe('sop book --pdf-engine chromium: the book printed by Chromium as before', () => {
  it('the same pages, contents and outline', async () => {
    const out = join(tmp, 'chromium.pdf');
    const r = runCli(['book', 'test/fixtures/book', '--out', out, '--pdf-engine', 'chromium'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const facts = await readPdf(readFileSync(out));
    expect(facts.pages).toBe(10);
    expect(facts.outline.map((o) => o.page)).toEqual([1, 2, 3, 4, 6, 8]);
    expect(pagesText(out)[2]).toMatch(/Penerbitan Izin\s+5/);
  }, 120_000);

  /** The book fixture with its config changed by `edit` (in folder `p`), printed by both engines: each one's pages' text. */
  const bothEngines = (edit: (cfg: { [key: string]: unknown; book?: Record<string, unknown> }, p: string) => void): Record<'native' | 'chromium', string[]> => {
    const dir = tempDir('sop-book-limits-');
    cpSync(fixture, join(dir, 'p'), { recursive: true });
    const p = join(dir, 'p');
    const cfg = JSON.parse(readFileSync(join(p, 'sop.config.json'), 'utf8'));
    edit(cfg, p);
    writeFileSync(join(p, 'sop.config.json'), JSON.stringify(cfg));
    const pages = { native: [] as string[], chromium: [] as string[] };
    for (const engine of ['native', 'chromium'] as const) {
      const out = join(dir, `${engine}.pdf`);
      const r = runCli(['book', '.', '--out', out, '--pdf-engine', engine], { cwd: p });
      expect(r.code, r.stderr).toBe(0);
      pages[engine] = pagesText(out);
    }
    return pages;
  };

  it('the cover at the limits: every letter printed on page 1 (a word wider than the page breaks, never cut), the agency smaller as natively', () => {
    const pages = bothEngines((cfg) => {
      cfg.instansi = Array.from({ length: 4 }, () => 'W'.repeat(80));
      cfg.book = { ...cfg.book, title: 'W'.repeat(150), subtitle: 'W'.repeat(150), year: 'W'.repeat(100) };
    });
    // 150 + 150 + 100 + 4 x 80 letters; before, Chromium printed one line of the title and cut the rest at the page's edge.
    for (const engine of ['native', 'chromium'] as const) expect(pages[engine][0]!.replace(/[^W]/g, '').length, engine).toBe(720);
    expect(pages.chromium.length).toBe(pages.native.length);
    // The cover holds on one page: page 2 starts the foreword or the contents, no W on it.
    expect(pages.chromium[1]).not.toContain('W');
  }, 120_000);

  it('the cover at the limits with a logo, in words Chromium breaks its own way: the year stays on page 1, as natively', () => {
    const pages = bothEngines((cfg, p) => {
      cpSync(join(import.meta.dirname, 'fixtures/logo/logo.png'), join(p, 'logo.png'));
      cfg.logo = 'logo.png';
      cfg.instansi = Array.from({ length: 4 }, () => `${Array.from({ length: 6 }, () => 'W'.repeat(12)).join(' ')} WW`.slice(0, 80));
      cfg.book = { ...cfg.book, title: Array.from({ length: 14 }, () => 'W'.repeat(10)).join(' ').slice(0, 150), subtitle: Array.from({ length: 15 }, () => 'M'.repeat(9)).join(' '), year: '2024' };
    });
    // Before, Chromium's cover (the agency at the native size) ran its year onto a page of its own: one page more.
    for (const engine of ['native', 'chromium'] as const) expect(pages[engine][0], engine).toContain('2024');
    expect(pages.chromium.length).toBe(pages.native.length);
  }, 120_000);
});

describe('book pages (pure)', () => {
  it('the foreword is Markdown as text: raw HTML is escaped, never run', async () => {
    const { markdownToHtml } = await import('../src/book/front-matter.js');
    expect(markdownToHtml('# Judul\n\nSatu <script>x</script> **tebal** dan *miring*\nlanjut\n\n- a\n- b\n\n1. c')).toBe(
      '<h2>Judul</h2>\n<p>Satu &lt;script&gt;x&lt;/script&gt; <strong>tebal</strong> dan <em>miring</em> lanjut</p>\n<ul><li>a</li><li>b</li></ul>\n<ol><li>c</li></ol>',
    );
  });

  it('the native book reads the same Markdown (bold, italic) and breaks a Nomor SOP only after a "/"', async () => {
    const { inlineRuns, wrapId } = await import('../src/page/book.js');
    expect(inlineRuns('Satu **tebal** dan *miring*, _juga_')).toEqual([
      { text: 'Satu ', bold: false, italic: false },
      { text: 'tebal', bold: true, italic: false },
      { text: ' dan ', bold: false, italic: false },
      { text: 'miring', bold: false, italic: true },
      { text: ', ', bold: false, italic: false },
      { text: 'juga', bold: false, italic: true },
    ]);
    const lines = wrapId([{ text: '000.8/1619.10/DISKOPUKM.A', bold: false, italic: false }], 100, 13.33).map((l) => l.runs.map((r) => r.text).join(''));
    expect(lines).toEqual(['000.8/1619.10/', 'DISKOPUKM.A']);
  });

  it('book settings are validated like the rest of sop.config.json', async () => {
    const { validateConfig } = await import('../src/model/config.js');
    expect(validateConfig({ book: { title: 'X', order: ['a.sop'], words: { footer: '{page}' } } }).ok).toBe(true);
    expect(validateConfig({ book: { words: { halaman: 'x' } } })).toMatchObject({ ok: false, reason: 'unknown key "book.words.halaman"' });
    // Keys an object inherits are not settings (found by a helper: `in` accepted them).
    expect(validateConfig({ book: { words: JSON.parse('{"toString": "x"}') } })).toMatchObject({ ok: false, reason: 'unknown key "book.words.toString"' });
    expect(validateConfig({ headers: JSON.parse('{"constructor": "x"}') })).toMatchObject({ ok: false, reason: 'unknown key "headers.constructor"' });
    expect(validateConfig({ book: { order: 'a.sop' } })).toMatchObject({ ok: false, reason: '"book.order" must be a list of file names' });
  });
});

describe('sop book of 30 SOPs with the default words: contents over two pages, read back', () => {
  const N = 30;
  const out = join(tmp, 'besar.pdf');
  const names: string[] = [];
  let facts: PdfFacts;
  let text: string[];
  beforeAll(async () => {
    const { generateSop } = await import('../bench/generate.mjs');
    const dir = join(tmp, 'besar');
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < N; i++) names.push(/^Nama SOP: (.+)$/m.exec(generateSop(7000 + i, { steps: 2, lanes: 1 }))![1]!);
    for (let i = 0; i < N; i++) {
      // Each SOP's Keterkaitan names the one 7 places on: links across the book, also to earlier SOPs.
      const sop = generateSop(7000 + i, { steps: 2, lanes: 1 }).replace('  - SOP Pelayanan Tamu', `  - SOP ${names[(i + 7) % N]}`);
      writeFileSync(join(dir, `sop-${String(i).padStart(2, '0')}.sop`), sop);
    }
    const r = await runCliAsync(['book', dir, '--out', out], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    facts = await readPdf(readFileSync(out));
    text = pagesText(out);
  }, 600_000);

  /** The first page (1-based) whose text names SOP i in its identity table, after the front matter. */
  const firstPageOf = (i: number): number => {
    const re = new RegExp(`Nama SOP\\s+:\\s+${names[i]!}(?!\\d)`);
    return text.findIndex((t) => re.test(t)) + 1;
  };

  it('"Halaman x dari y" on every page', () => {
    expect(text).toHaveLength(facts.pages);
    text.forEach((t, i) => expect(t).toContain(`Halaman ${i + 1} dari ${facts.pages}`));
  });

  it('Daftar Isi spans two pages and gives every SOP its real first page', () => {
    const contents = text.map((t, i) => (/DAFTAR ISI/.test(t) || (i > 0 && /^\s*\d+\.\s/m.test(t) && !/DAFTAR SOP|Nama SOP/.test(t)) ? i : -1)).filter((i) => i >= 0);
    expect(contents.length).toBeGreaterThanOrEqual(2);
    const toc = contents.flatMap((p) => [...text[p]!.matchAll(/^\s*(\d+)\.\s+(.+?)\s{2,}(\d+)\s*$/gm)].map((m) => ({ no: Number(m[1]), name: m[2]!, page: Number(m[3]) })));
    expect(toc.map((e) => e.no)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    for (const e of toc) {
      const i = names.indexOf(e.name);
      expect(i, e.name).toBeGreaterThanOrEqual(0);
      expect(e.page, e.name).toBe(firstPageOf(i));
    }
  });

  it('a bookmark for every SOP at its first page', () => {
    const marks = facts.outline.filter((m) => m.title.includes(' — '));
    expect(marks).toHaveLength(N);
    for (const m of marks) {
      const i = names.findIndex((n) => m.title.endsWith(` — ${n}`));
      expect(m.page + 1, m.title).toBe(firstPageOf(i));
    }
  });

  it('every Keterkaitan link jumps to the first page of the SOP it names; the contents link every SOP', () => {
    for (let i = 0; i < N; i++) {
      const first = firstPageOf(i) - 1;
      const next = (i + 1 < N ? firstPageOf(i + 1) : facts.pages + 1) - 1;
      const targets = new Set(facts.links.filter((l) => l.from >= first && l.from < next).map((l) => l.to));
      expect([...targets], names[i]).toEqual([firstPageOf((i + 7) % N) - 1]);
    }
    const fromContents = new Set(facts.links.filter((l) => /DAFTAR ISI/.test(text[l.from]!) || l.from === text.findIndex((t) => /DAFTAR ISI/.test(t)) + 1).map((l) => l.to));
    expect(fromContents.size).toBe(N);
    expect(facts.uris).toEqual([]);
  });
});

describe("the book's own words are bounded: each fits its page", () => {
  const sop = 'Nama SOP: Satu\nNomor SOP: 1\nTanggal Pembuatan: 2023-08-31\nPelaksana:\n  - a: Kepala\nProsedur:\n  [a] Mulai\n  [a] Selesai\n';

  it('a 30 000-character book.title and a 240 000-character footer are SOP503 at their values; no book is made', () => {
    for (const [book, key, n, limit] of [
      [{ title: 'Judul SOP '.repeat(3000) }, 'book.title', 30000, 150],
      [{ words: { footer: 'x'.repeat(240_000) } }, 'book.words.footer', 240000, 100],
      [{ subtitle: 's'.repeat(151) }, 'book.subtitle', 151, 150],
      [{ year: '2'.repeat(101) }, 'book.year', 101, 100],
      [{ words: { contents: 'D'.repeat(101) } }, 'book.words.contents', 101, 100],
      // The agency's lines stand on the cover too: 40 lines of 170 characters ran over its footer, 30 of them lost.
      [{ instansi: ['Pemerintah Provinsi', 'I'.repeat(81)] }, 'instansi[1]', 81, 80],
    ] as const) {
      const dir = tempDir('sop-book-long-');
      writeFileSync(join(dir, 'a.sop'), sop);
      const { instansi, ...rest } = book as { instansi?: string[] };
      writeFileSync(join(dir, 'sop.config.json'), JSON.stringify(instansi ? { instansi } : { book: rest }, null, 2));
      const check = runCli(['check', '.', '--format', 'json'], { cwd: dir });
      expect(check.code, key).toBe(1);
      const [d] = JSON.parse(check.stdout) as { code: string; message: string; line: number }[];
      expect(d?.code, key).toBe('SOP503');
      expect(d?.message, key).toContain(`"${key}" terlalu panjang (${n} karakter, batasnya ${limit})`);
      expect(d?.line, key).toBe(key.startsWith('book.words') ? 4 : key.startsWith('instansi') ? 4 : 3);
      const b = runCli(['book', '.', '-o', 'b.pdf'], { cwd: dir });
      expect(b.code, key).toBe(1);
      expect(existsSync(join(dir, 'b.pdf')), key).toBe(false);
    }
    const en = runCli(['check', '.', '--lang', 'en'], { cwd: (() => {
      const dir = tempDir('sop-book-long-');
      writeFileSync(join(dir, 'a.sop'), sop);
      writeFileSync(join(dir, 'sop.config.json'), JSON.stringify({ book: { title: 'T'.repeat(151) } }));
      return dir;
    })() });
    expect(en.stdout).toContain(`"book.title" is too long (151 characters, the limit is 150): the book's cover would no longer hold it`);
    const many = tempDir('sop-book-long-');
    writeFileSync(join(many, 'a.sop'), sop);
    writeFileSync(join(many, 'sop.config.json'), JSON.stringify({ instansi: Array.from({ length: 40 }, (_, i) => `Instansi ${i}`) }));
    const lines = runCli(['check', '.'], { cwd: many });
    expect(lines.code).toBe(1);
    expect(lines.stdout).toContain('"instansi" terlalu banyak baris (40, batasnya 4): sampul buku tidak lagi memuatnya. [SOP503]');
  }, 120_000);

  it('at the limits, in the widest letters, the cover stays above the footer and the footer within the page (A4, Letter)', async () => {
    const { cover, footer } = await import('../src/page/book.js');
    const MM = 96 / 25.4;
    for (const [paper, w, h] of [
      ['A4', 210, 297],
      ['Letter', 215.9, 279.4],
    ] as const) {
      const page = { width: w * MM, height: h * MM };
      const c = cover(page, {
        instansi: Array.from({ length: 4 }, () => 'W'.repeat(80)),
        logo: { mime: 'image/png', bytes: new Uint8Array(0), width: 300, height: 300 },
        title: 'W'.repeat(150),
        subtitle: 'W'.repeat(150),
        year: 'W'.repeat(100),
      });
      const texts = c.marks.filter((m) => m.kind === 'text');
      expect(texts.length, paper).toBeGreaterThan(10);
      // Every baseline inside the page's bottom margin (22 mm), above the footer's (7 mm).
      for (const t of texts) expect(t.y, paper).toBeLessThanOrEqual(page.height - 22 * MM + 1);
      // The footer at its limit (its {page} and {pages} only get shorter once filled).
      const f = footer(page, 'W'.repeat(100));
      expect(f.kind === 'text' ? f.width : Infinity, paper).toBeLessThanOrEqual(page.width - 40 * MM + 0.5);
    }
  });
});

describe('book.foreword in the .git folder', () => {
  it('is refused for being there (exit 2), not as a symbolic link it is not; the file is never printed', () => {
    const dir = tempDir('sop-book-git-');
    cpSync(fixture, join(dir, 'p'), { recursive: true });
    const p = join(dir, 'p');
    execFileSync('git', ['init', '-q'], { cwd: p });
    execFileSync('git', ['config', 'user.name', 'RAHASIA-GIT'], { cwd: p });
    const cfg = JSON.parse(readFileSync(join(p, 'sop.config.json'), 'utf8'));
    cfg.book.foreword = '.git/config';
    writeFileSync(join(p, 'sop.config.json'), JSON.stringify(cfg));
    const r = runCli(['book', '.', '--out', join(dir, 'x.pdf')], { cwd: p });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sop: book.foreword .git/config: ada di dalam folder .git; berkas di sana tidak pernah dibaca');
    expect(r.stderr).not.toContain('tautan simbolik');
    expect(r.stderr + r.stdout).not.toContain('RAHASIA-GIT');
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
    // A source named there on the command line: the same reason.
    writeFileSync(join(p, '.git', 'a.sop'), 'Nama SOP: RAHASIA-GIT\n');
    const c = runCli(['check', '.git/a.sop'], { cwd: p });
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('sop: .git/a.sop: ada di dalam folder .git; berkas di sana tidak pernah dibaca');
    expect(c.stderr + c.stdout).not.toContain('RAHASIA-GIT');
  });
});
