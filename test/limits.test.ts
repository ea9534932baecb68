/**
 * One set of size limits (src/model/limits.ts) for every surface (issue 19,
 * item 4): `check` reports a SOP past them at the place it crosses them, and
 * build (each format), book, preview and the language server refuse it at
 * once with that diagnostic instead of laying out 95 MB of HTML. The
 * playground's side is in test/playground-browser.test.ts.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkText } from '../src/check/check.js';
import { LIMITS } from '../src/model/limits.js';
import { compilePlayground } from '../src/playground/engine.js';
import { precompileTemplates, templatesFromSpecs } from '../src/emit/html/render.js';
import { loadTemplates } from '../src/project/templates.js';
import { runCliAsync } from './helpers/cli.js';
import { withPreview } from './helpers/preview-process.js';
import { LspClient } from './helpers/lsp-client.js';
import { tempDir } from './helpers/tmp.js';
import { wideSop } from './helpers/wide-sop.js';

const codes = (text: string): string[] => checkText(text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

describe('check: the limits, at the place they are crossed', () => {
  it('the lane past the limit (SOP592), the step past it (SOP591), the character past it (SOP594)', () => {
    const lanes = checkText(wideSop(LIMITS.lanes + 1, LIMITS.lanes + 1)).diagnostics.find((d) => d.code === 'SOP592')!;
    expect(lanes.severity).toBe('error');
    // Lines 1-4 are the head; lane i is on line 5 + i.
    expect(lanes.range.start).toMatchObject({ line: 5 + LIMITS.lanes, column: 3 });
    expect(lanes.message).toContain(`${LIMITS.lanes + 1}`);

    const steps = checkText(wideSop(3, LIMITS.steps + 2)).diagnostics.find((d) => d.code === 'SOP591')!;
    // 4 head lines, 3 lanes, `Prosedur:`: step i (1-based) is on line 8 + i.
    expect(steps.range.start.line).toBe(8 + LIMITS.steps + 1);
    expect(steps.message).toContain(`${LIMITS.steps + 2} langkah`);

    const text = wideSop(3, 400, 2600);
    expect(text.length).toBeGreaterThan(LIMITS.text);
    const big = checkText(text).diagnostics.find((d) => d.code === 'SOP594')!;
    expect(big.range.start.offset).toBe(LIMITS.text);
    const lineStart = text.lastIndexOf('\n', LIMITS.text - 1) + 1;
    expect(big.range.start).toEqual({ line: text.slice(0, LIMITS.text).split('\n').length, column: LIMITS.text - lineStart + 1, offset: LIMITS.text });
    expect(big.range.end.offset).toBe(LIMITS.text + 1);
  });

  it('at the limits exactly: no limit error', () => {
    expect(codes(wideSop(LIMITS.lanes, LIMITS.steps))).toEqual([]);
    expect(codes(wideSop(2, 2).padEnd(LIMITS.text, '#'))).not.toContain('SOP594');
  });

  it('in English too', () => {
    const d = checkText(wideSop(LIMITS.lanes + 5, 30), { lang: 'en' }).diagnostics.find((x) => x.code === 'SOP592')!;
    expect(d.message).toContain(`Too many lanes: ${LIMITS.lanes + 5}, the limit is ${LIMITS.lanes}`);
  });
});

describe('playground: a text past the limit is checked up to it only', () => {
  it('a 3 MB paste: SOP594 at the character past the limit, with the whole size, no document, and no check of the rest', () => {
    const text = wideSop(3, 20) + `# ${'x'.repeat(3_000_000)}\n  [zz] Langkah sesudah batas\n`;
    const u = compilePlayground(text, 'id', templatesFromSpecs(new Function(`return ${precompileTemplates(loadTemplates())}`)()));
    expect(u.html).toBeNull();
    const big = u.result.diagnostics.find((d) => d.code === 'SOP594')!;
    expect(big.range.start.offset).toBe(LIMITS.text);
    expect(big.message).toContain(`${text.length} karakter`);
    // The unknown lane past the limit is not reached (a 10 MB text would take seconds per edit).
    expect(u.result.diagnostics.map((d) => d.code)).not.toContain('SOP201');
  });
});

/** The 19 KB file of the issue: 600 lanes x 600 steps (95 MB of HTML before). */
const HUGE = wideSop(600, 600);
const HUGE_LANE_LINE = 5 + LIMITS.lanes;

describe('every command refuses a SOP past the limits, at once, with the diagnostic', () => {
  for (const format of ['html', 'mmd', 'pdf', 'svg', 'png']) {
    it(`build -f ${format}: exit 1, SOP592 at the lane, nothing written`, async () => {
      const dir = tempDir('sop-limits-build-');
      writeFileSync(join(dir, 'big.sop'), HUGE);
      const r = await runCliAsync(['build', 'big.sop', '-f', format, '--out', 'out'], { cwd: dir });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain('SOP592');
      expect(r.stderr).toContain(`big.sop:${HUGE_LANE_LINE}:3:`);
      expect(existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')) : []).toEqual([]);
    }, 30_000);
  }

  it('book: 25 lanes / 1 500 steps are refused as by build -f pdf (no book, exit 1)', async () => {
    const dir = tempDir('sop-limits-book-');
    mkdirSync(join(dir, 'sops'));
    writeFileSync(join(dir, 'sops', 'big.sop'), wideSop(25, 1500));
    const r = await runCliAsync(['book', 'sops', '--out', 'buku.pdf'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('SOP592');
    expect(r.stderr).toContain('SOP591');
    expect(existsSync(join(dir, 'buku.pdf'))).toBe(false);
  }, 30_000);

  it('check: exit 1 with SOP592', async () => {
    const dir = tempDir('sop-limits-check-');
    writeFileSync(join(dir, 'big.sop'), HUGE);
    const r = await runCliAsync(['check', 'big.sop'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(`big.sop:${HUGE_LANE_LINE}:3:`);
  });

  it('preview of a folder with a 51 KB such file starts, and its index marks the file as an error', async () => {
    const dir = tempDir('sop-limits-preview-');
    const text = wideSop(1000, 1600);
    expect(text.length).toBeGreaterThan(50_000);
    writeFileSync(join(dir, 'big.sop'), text);
    writeFileSync(join(dir, 'small.sop'), wideSop(2, 3).replace('Nomor SOP: 9', 'Nomor SOP: 10'));
    await withPreview([dir], async (url, fetch) => {
      const index = await fetch(url);
      expect(index).toMatch(/data-file="big\.sop" data-status="error"/);
      expect(index).toMatch(/data-file="small\.sop" data-status="ok"/);
      const page = await fetch(`${url}view/big.sop`);
      expect(page).toContain('data-code="SOP592"');
      expect(page.length).toBeLessThan(100_000);
    });
  }, 30_000);

  it('language server: SOP592 among the diagnostics, and sop/preview answers at once with no document and the error count', async () => {
    const c = new LspClient();
    try {
      await c.request('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } });
      c.notify('initialized', {});
      const dir = tempDir('sop-limits-lsp-');
      const uri = pathToFileURL(join(dir, 'big.sop')).href;
      const mark = c.notifications.length;
      c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sop', version: 1, text: HUGE } });
      const diags = await c.diagnostics(uri, mark);
      expect(diags.map((d) => d.code)).toContain('SOP592');
      const reply = await c.request<{ html: string | null; errors: number }>('sop/preview', { textDocument: { uri } });
      expect(reply.html).toBeNull();
      expect(reply.errors).toBeGreaterThan(0);
    } finally {
      expect(await c.close()).toBe(0);
    }
  }, 20_000);
});

/** `n` lanes whose titles are `chars` characters long (each starting with its number: no two alike). */
const longLanes = (n: number, chars: number, name = 'Uji'): string => {
  const title = (i: number): string => `${i} ${'Kepala Bidang Pengelolaan '.repeat(Math.ceil(chars / 26))}`.slice(0, chars).trim();
  return [
    `Nama SOP: ${name}`,
    `Nomor SOP: ${name}/1`,
    'Tanggal Pembuatan: 2024-01-01',
    'Pelaksana:',
    ...Array.from({ length: n }, (_, i) => `  - l${i}: ${title(i)}`),
    'Prosedur:',
    ...Array.from({ length: n }, (_, i) => `  [l${i}] Kegiatan ${i}`),
    '',
  ].join('\n');
};

describe('a table header taller than the page never makes a PDF without steps (hostile probe 2026-12-06)', () => {
  it('check: a lane title over LIMITS.laneTitle characters is SOP595 at the lane; at the limit it is not', () => {
    const d = checkText(longLanes(2, LIMITS.laneTitle + 1)).diagnostics.filter((x) => x.code === 'SOP595');
    expect(d.map((x) => [x.severity, x.range.start.line, x.range.start.column])).toEqual([
      ['error', 5, 3],
      ['error', 6, 3],
    ]);
    expect(d[0]!.message).toContain(`${LIMITS.laneTitle + 1} karakter, batasnya ${LIMITS.laneTitle}`);
    expect(codes(longLanes(2, LIMITS.laneTitle))).toEqual([]);
  });

  it('check: a sop.config.json header word over LIMITS.headerWord characters is SOP503 on the config', async () => {
    const dir = tempDir('sop-limits-hdr-');
    writeFileSync(join(dir, 'sop.config.json'), JSON.stringify({ headers: { mutuBaku: 'Kelengkapan '.repeat(3000) } }));
    writeFileSync(join(dir, 'a.sop'), longLanes(2, 10));
    const r = await runCliAsync(['check', '.', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(`"headers.mutuBaku" is too long (36000 characters, the limit is ${LIMITS.headerWord})`);
  }, 30_000);

  it('check and build: 20 lanes of 190-character titles (within the limit, the header 196 mm on a 180 mm page): exit 1, the heights named, nothing written for it', async () => {
    const dir = tempDir('sop-limits-tall-');
    writeFileSync(join(dir, 'tall.sop'), longLanes(20, 190, 'Tinggi'));
    writeFileSync(join(dir, 'ok.sop'), longLanes(6, 190, 'Baik'));
    // The check says so first (it once passed what the build then refused): SOP596 for tall.sop alone.
    const checked = await runCliAsync(['check', '.', '--format', 'json'], { cwd: dir });
    expect(checked.code).toBe(1);
    expect((JSON.parse(checked.stdout) as { code: string; file: string }[]).map((d) => `${d.file} ${d.code}`)).toEqual(['tall.sop SOP596']);
    const r = await runCliAsync(['build', '.', '-f', 'html,pdf,svg,png', '--out', 'out', '--lang', 'en'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/The table header \(\d+ mm with the caption\) and the tallest row \(\d+ mm, step \d+\) do not fit the page \(180 mm high\)[^\n]*\[SOP596\]\n\n\s+tall\.sop:5:3:/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.startsWith('tall'))).toEqual([]);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.startsWith('ok')).sort()).toEqual(['ok.html', 'ok.pdf', 'ok.png', 'ok.svg']);
  }, 60_000);
});

describe('book: a SOP whose header does not fit the page stops the book', () => {
  it('exit 1, the heights named, no book', async () => {
    const dir = tempDir('sop-limits-tall-book-');
    writeFileSync(join(dir, 'tall.sop'), longLanes(20, 190, 'Tinggi'));
    const r = await runCliAsync(['book', '.', '--out', 'buku.pdf'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/Kepala tabel \(\d+ mm dengan judulnya\) dan baris tertinggi \(\d+ mm, langkah \d+\) tidak muat di halaman \(tinggi 180 mm\)[^\n]*\[SOP596\]\n\n\s+tall\.sop:5:3:/);
    expect(existsSync(join(dir, 'buku.pdf'))).toBe(false);
  }, 60_000);
});

describe('the one sheet (native svg, png) has a limit of its own: the rows its arrows pass over', () => {
  // A hostile probe: 1 000 decisions each jumping to a random step passed over 328 609 rows together, and the SVG
  // took a minute, 2.2 GB and 109 MB (a million lines). Refused before anything is laid out; PDF and HTML are made.
  const jumps = (n: number, far: (i: number) => number): string =>
    `Nama SOP: Uji\nPelaksana:\n  - a: A\n  - b: B\nProsedur:\n${Array.from({ length: n }, (_, i) => `  @s${i} [${i % 2 ? 'b' : 'a'}] Langkah ${i}\n${i < n - 1 ? `    Ya: @s${far(i)}\n    Tidak: @s${i + 1}\n` : ''}`).join('')}`;

  it('past 100 000 rows: procedureSheet says so at once, with the numbers', async () => {
    const { procedureSheet } = await import('../src/page/build.js');
    const { compile } = await import('../src/index.js');
    const { arrowReach } = await import('../src/model/limits.js');
    const model = compile(jumps(500, (i) => (i < 250 ? 499 : 0))).model;
    expect(arrowReach(model)).toBeGreaterThan(LIMITS.sheetReach);
    const t = Date.now();
    expect(() => procedureSheet(model)).toThrow(/gambar satu lembar \(svg, png\) tidak dibuat: panah-panahnya bersama melintasi 1\d\d\.\d{3} baris, batasnya 100\.000/);
    expect(Date.now() - t).toBeLessThan(1000);
  });

  it('a long procedure with loops back stays far within it', async () => {
    const { compile } = await import('../src/index.js');
    const { arrowReach } = await import('../src/model/limits.js');
    const { generateSop } = await import('../bench/generate.mjs');
    expect(arrowReach(compile(generateSop(108, { steps: 1000, lanes: 8 })).model)).toBeLessThan(LIMITS.sheetReach / 20);
  });
});

describe('arrows beside one step (SOP597, every output)', () => {
  // A second probe: 1 000 decisions each sending Ya to the first step and Tidak to the last (45 KB, within every other
  // limit) kept `sop build -f html` busy for over 16 minutes, the work growing with the square of the steps.
  const far = (n: number, back: number): string =>
    `Nama SOP: Uji\nPelaksana:\n  - a: A\n  - b: B\nProsedur:\n${Array.from({ length: n }, (_, k) => `  @s${k} [${k % 2 ? 'b' : 'a'}] Langkah ${k}\n${k >= back && k < n - 1 ? `    Ya: @s${k + 1}\n    Tidak: @s${k - back}\n` : ''}`).join('')}`;

  it('past 40 arrows beside one step: an error at the first step with the most, in well under a second', () => {
    const t = Date.now();
    const r = checkText(far(1000, 60));
    const d = r.diagnostics.find((x) => x.code === 'SOP597')!;
    expect(d.severity).toBe('error');
    expect(d.message).toMatch(/^Terlalu banyak panah lewat di samping langkah \d+: 59 panah, batasnya 40/);
    expect(Date.now() - t).toBeLessThan(2000);
    // 40 beside every step (loops 41 steps back) is within it.
    expect(codes(far(300, 41))).not.toContain('SOP597');
  });

  it('real procedures are far within it', async () => {
    const { flowsPast } = await import('../src/model/limits.js');
    const { compile } = await import('../src/index.js');
    const { readdirSync: list, readFileSync: read } = await import('node:fs');
    const dir = new URL('../sops/', import.meta.url);
    for (const f of list(dir)) expect(flowsPast(compile(read(new URL(f, dir), 'utf8')).model).count, f).toBeLessThanOrEqual(5);
  });

  it('sop build refuses it at once, exit 1, nothing written', async () => {
    const dir = tempDir('sop-far-');
    mkdirSync(join(dir, 'sops'));
    writeFileSync(join(dir, 'sops', 'jauh.sop'), far(1000, 60));
    const t = Date.now();
    const r = await runCliAsync(['build', '--format', 'html,pdf'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).toContain('SOP597');
    expect(Date.now() - t).toBeLessThan(20_000);
    expect(existsSync(join(dir, 'out', 'jauh.html'))).toBe(false);
  });
});
