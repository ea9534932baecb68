/**
 * A SOP whose table header (lane titles, header words) and tallest row do not fit a page: `sop build` refuses it
 * with SOP596, and the language server and `sop preview` show the same diagnostic, at the line the fix belongs to
 * (the lane with the tallest title when the header is the larger part, else the tallest step's first line), so
 * that a drafter sees it while typing rather than when the build fails in CI (issue 22 leftovers).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkText } from '../src/check/check.js';
import { layoutOptions, layoutSop, tableFrame } from '../src/layout/layout.js';
import { overflowDiagnostic } from '../src/page/fit.js';
import { maxOf } from '../src/util/array.js';
import { cases } from './helpers/layout-cases.js';
import { runCliAsync } from './helpers/cli.js';
import { withPreview } from './helpers/preview-process.js';
import { LspClient } from './helpers/lsp-client.js';
import { tempDir } from './helpers/tmp.js';

const head = (name: string): string[] => [`Nama SOP: ${name}`, `Nomor SOP: ${name}/1`, 'Tanggal Pembuatan: 2024-01-01', 'Pelaksana:'];

/** 20 lanes of 190-character titles (each under the 200 limit): the header alone is taller than an A4 page's 180 mm. */
const tallHeader = (): string => {
  const title = (i: number): string => `${i} ${'Kepala Bidang Pengelolaan '.repeat(8)}`.slice(0, 190).trim();
  return [...head('Tinggi'), ...Array.from({ length: 20 }, (_, i) => `  - l${i}: ${title(i)}`), 'Prosedur:', ...Array.from({ length: 20 }, (_, i) => `  [l${i}] Kegiatan ${i}`), ''].join('\n');
};
/** The same SOP with short lane titles: it fits. */
const shortTitles = (text: string): string => text.replace(/^( {2}- l\d+: \d+) .*$/gm, '$1 Kepala');
/** Line of lane l0 in tallHeader(): the four head lines, then the lanes. */
const FIRST_LANE_LINE = 5;

/** Two short lanes and a third step whose Keterangan is 2 500 words: that row alone is taller than the page. */
const tallStep = (): string =>
  [...head('Panjang'), '  - a: Kepala', '  - b: Staf', 'Prosedur:', '  [a] Menerima berkas', '  [b] Memeriksa berkas', '  [a] Menyusun laporan', `    Keterangan: ${'uraian '.repeat(2500).trim()}`, '  [b] Mengarsipkan', ''].join('\n');
const TALL_STEP_LINE = 10;

describe('the table frame (layout.ts tableFrame) is the layout\'s, without placing a step', () => {
  it('paper, columns, header and symbol equal the unpaginated layout\'s on the cases of the layout hashes (A4, and F4 with other header words)', () => {
    const configs = [{}, { paper: 'F4' as const, headers: { mutuBaku: 'Standar Mutu Baku', keterangan: 'Catatan' } }];
    for (const [name, text] of cases().filter(([n]) => !/\b(120|200) steps/.test(n))) {
      const model = checkText(text).model;
      if (model.steps.length === 0) continue;
      const options = layoutOptions(configs[name.length % 2]!);
      const frame = tableFrame(model, options);
      if (frame === null) continue;
      const lay = layoutSop(model, { ...options, unpaginated: true });
      expect({ paper: frame.paper, columns: frame.columns, header: frame.header, symbol: frame.symbol }, name).toEqual({ paper: lay.paper, columns: lay.columns, header: lay.header, symbol: lay.symbol });
    }
  });
});

describe('SOP596: the header and the tallest row do not fit the page', () => {
  it('a header taller than the tallest row: at the lane whose title takes the most lines, with the heights, Indonesian and English', () => {
    const r = checkText(tallHeader(), { file: 'tall.sop' });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const d = overflowDiagnostic(r, {}, 'id')!;
    expect(d).toMatchObject({ code: 'SOP596', severity: 'error', file: 'tall.sop' });
    // Every title takes as many lines: the first of them.
    expect(d.range).toEqual(r.model.lanes[0]!.range);
    expect(d.range.start.line).toBe(FIRST_LANE_LINE);
    expect(d.message).toMatch(/^Kepala tabel \(\d+ mm dengan judulnya\) dan baris tertinggi \(\d+ mm, langkah \d+\) tidak muat di halaman \(tinggi 180 mm\)\./);
    expect(d.hint).toContain('Perpendek nama pelaksana');
    const en = overflowDiagnostic(r, {}, 'en')!;
    expect(en.message).toMatch(/^The table header \(\d+ mm with the caption\) and the tallest row \(\d+ mm, step \d+\) do not fit the page \(180 mm high\)\./);
  });

  it('the lane with the longest title, not the first, when titles differ', () => {
    const text = [...head('Satu'), '  - a: Kepala', `  - b: ${'Kepala Bidang Pengelolaan Data '.repeat(6).trim()}`, ...Array.from({ length: 18 }, (_, i) => `  - c${i}: ${'Kepala Bidang Pengelolaan '.repeat(7).trim()} ${i}`), 'Prosedur:', '  [a] Kegiatan', '  [b] Kegiatan dua', ...Array.from({ length: 18 }, (_, i) => `  [c${i}] Kegiatan ${i}`), ''].join('\n');
    const r = checkText(text);
    const d = overflowDiagnostic(r, {}, 'id');
    expect(d, 'the header must not fit').not.toBeNull();
    const lines = tableFrame(r.model, layoutOptions({}))!.header.lanes.map((t) => t.lines);
    const tallest = lines.indexOf(maxOf(lines));
    expect(tallest).toBeGreaterThan(0);
    expect(d!.range).toEqual(r.model.lanes[tallest]!.range);
  });

  it('a row taller than the header: at the tallest step\'s first line (not its fields)', () => {
    const r = checkText(tallStep());
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const d = overflowDiagnostic(r, {}, 'id')!;
    expect(d.params).toMatchObject({ step: 3 });
    expect(d.range.start).toMatchObject({ line: TALL_STEP_LINE, column: 3 });
    expect(d.range.end).toMatchObject({ line: TALL_STEP_LINE, column: '  [a] Menyusun laporan'.length + 1 });
  });

  it('nothing for the SOPs of sops/ nor a 20-lane SOP of short titles', () => {
    for (const [name, text] of cases().filter(([n]) => n.startsWith('sops/'))) expect(overflowDiagnostic(checkText(text), {}, 'id'), name).toBeNull();
  });
});

describe('the language server shows SOP596 while typing', () => {
  it('published at the lane, in Indonesian; gone once the titles are short; sop/preview then counts it as an error', async () => {
    const dir = tempDir('sop-fit-lsp-');
    const uri = pathToFileURL(join(dir, 'tall.sop')).href;
    const c = new LspClient();
    try {
      await c.request('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } });
      c.notify('initialized', {});
      let mark = c.notifications.length;
      c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sop', version: 1, text: tallHeader() } });
      const diags = await c.diagnostics(uri, mark);
      const d = diags.find((x) => x.code === 'SOP596');
      expect(d, JSON.stringify(diags)).toBeDefined();
      expect(d!.severity).toBe(1);
      expect(d!.range).toMatchObject({ start: { line: FIRST_LANE_LINE - 1, character: 2 } });
      expect(d!.message).toMatch(/^Kepala tabel \(\d+ mm dengan judulnya\) dan baris tertinggi/);
      const preview = await c.request<{ html: string | null; errors: number }>('sop/preview', { textDocument: { uri } });
      expect(preview).toMatchObject({ html: null, errors: 1 });

      mark = c.notifications.length;
      c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: shortTitles(tallHeader()) }] });
      expect((await c.diagnostics(uri, mark)).map((x) => x.code)).not.toContain('SOP596');
      const after = await c.request<{ html: string | null; errors: number }>('sop/preview', { textDocument: { uri } });
      expect(after.errors).toBe(0);
      expect(after.html).toContain('<html');
    } finally {
      expect(await c.close()).toBe(0);
    }
  }, 30_000);
});

describe('sop preview shows SOP596 as it shows the other errors', () => {
  it('the index marks the file an error, its page overlays SOP596 in the language asked', async () => {
    const dir = tempDir('sop-fit-preview-');
    writeFileSync(join(dir, 'tall.sop'), tallHeader());
    await withPreview([dir, '--lang', 'en'], async (url, fetch) => {
      expect(await fetch(url)).toMatch(/data-file="tall\.sop" data-status="error"/);
      const page = await fetch(`${url}view/tall.sop`);
      expect(page).toContain('data-code="SOP596"');
      expect(page).toMatch(/The table header \(\d+ mm with the caption\)/);
      // Saved with short titles, then long ones again: the check follows each save.
      const until = async (status: string): Promise<void> => {
        for (let i = 0; i < 200 && !(await fetch(url)).includes(`data-file="tall.sop" data-status="${status}"`); i++) await new Promise((r) => setTimeout(r, 50));
      };
      writeFileSync(join(dir, 'tall.sop'), shortTitles(tallHeader()));
      await until('ok');
      expect(await fetch(`${url}view/tall.sop`)).not.toContain('data-code="SOP596"');
      writeFileSync(join(dir, 'tall.sop'), tallHeader());
      await until('error');
      expect(await fetch(`${url}view/tall.sop`)).toContain('data-code="SOP596"');
    });
  }, 30_000);
});

describe('sop build: the same code and message, at the same line', () => {
  it('the step case: exit 1, SOP596 at the tallest step with its code frame, nothing written for it', async () => {
    const dir = tempDir('sop-fit-build-');
    writeFileSync(join(dir, 'long.sop'), tallStep());
    const r = await runCliAsync(['build', '.', '-f', 'html', '--out', 'out'], { cwd: dir, env: { NO_COLOR: '1' } });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`long.sop:${TALL_STEP_LINE}:3`);
    expect(r.stderr).toMatch(/Kepala tabel \(\d+ mm dengan judulnya\) dan baris tertinggi \(\d+ mm, langkah 3\) tidak muat di halaman/);
    expect(r.stderr).toContain('SOP596');
  }, 60_000);
});

describe('sop check: what sop build refuses does not pass the check', () => {
  it('SOP596 in the JSON report and exit 1; gone with short titles; not for a project that builds only Mermaid text', async () => {
    const dir = tempDir('sop-fit-check-');
    writeFileSync(join(dir, 'tall.sop'), tallHeader());
    const r = await runCliAsync(['check', '.', '--format', 'json'], { cwd: dir, env: { NO_COLOR: '1' } });
    expect(r.code, r.stderr).toBe(1);
    const diags = JSON.parse(r.stdout) as { code: string; line: number; column: number; file: string }[];
    expect(diags.filter((d) => d.code === 'SOP596'), r.stdout).toHaveLength(1);
    expect(diags.find((d) => d.code === 'SOP596')).toMatchObject({ file: 'tall.sop', line: FIRST_LANE_LINE, column: 3 });
    const en = await runCliAsync(['check', 'tall.sop', '--lang', 'en'], { cwd: dir, env: { NO_COLOR: '1' } });
    expect(en.stdout).toMatch(/The table header \(\d+ mm with the caption\)/);

    writeFileSync(join(dir, 'tall.sop'), shortTitles(tallHeader()));
    expect((await runCliAsync(['check', '.'], { cwd: dir, env: { NO_COLOR: '1' } })).code).toBe(0);
    writeFileSync(join(dir, 'tall.sop'), tallHeader());
    writeFileSync(join(dir, 'sop.config.json'), JSON.stringify({ formats: ['mmd'] }));
    expect((await runCliAsync(['check', '.'], { cwd: dir, env: { NO_COLOR: '1' } })).code).toBe(0);
  }, 60_000);
});
