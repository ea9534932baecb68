/**
 * Hostile tests of the page-fit check (SOP596) and the config diagnostics, after the lspcheck merge: a config
 * changed on disk while a .sop stays open, rapid edits, and header words that widen the "No." column.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkText } from '../src/check/check.js';
import { DEFAULT_HEADERS, type PaperSize } from '../src/model/config.js';
import { FONT, kegiatanFloor } from '../src/layout/geometry.js';
import { layoutOptions, tableFrame } from '../src/layout/layout.js';
import { headerText } from '../src/layout/table-text.js';
import { documentLayout, pageOverflow } from '../src/page/build.js';
import { overflowDiagnostic } from '../src/page/fit.js';
import { CLI, runCli, runCliAsync } from './helpers/cli.js';
import { chainSop } from '../bench/generate.mjs';
import { LspClient } from './helpers/lsp-client.js';
import { tempDir } from './helpers/tmp.js';

const head = (name: string): string[] => [`Nama SOP: ${name}`, `Nomor SOP: ${name}/1`, 'Tanggal Pembuatan: 2024-01-01', 'Pelaksana:'];
/** `lanes` lanes of short titles, one step each. */
const short = (lanes: number): string =>
  [...head('Pendek'), ...Array.from({ length: lanes }, (_, i) => `  - l${i}: Kepala ${i}`), 'Prosedur:', ...Array.from({ length: lanes }, (_, i) => `  [l${i}] Kegiatan ${i}`), ''].join('\n');
/** 20 lanes of 190-character titles: the header alone is taller than an A4 page. */
const tall = (n = 190): string => {
  const title = (i: number): string => `${i} ${'Kepala Bidang Pengelolaan '.repeat(8)}`.slice(0, n).trim();
  return [...head('Tinggi'), ...Array.from({ length: 20 }, (_, i) => `  - l${i}: ${title(i)}`), 'Prosedur:', ...Array.from({ length: 20 }, (_, i) => `  [l${i}] Kegiatan ${i}`), ''].join('\n');
};

describe('language server: the page-fit check follows what it depends on', () => {
  it('a burst of edits flipping between fitting and not: the last publish is the last text\'s', async () => {
    const dir = tempDir('sop-hostile-burst-');
    const uri = pathToFileURL(join(dir, 'a.sop')).href;
    const c = new LspClient();
    try {
      await c.request('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 30 } });
      c.notify('initialized', {});
      c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sop', version: 1, text: short(20) } });
      for (let v = 2; v <= 41; v++) c.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: v % 2 === 0 ? tall() : short(20) }] });
      const mark = c.notifications.length;
      c.notify('textDocument/didChange', { textDocument: { uri, version: 42 }, contentChanges: [{ text: tall() }] });
      let codes: string[] = [];
      for (let i = 0; i < 40 && !codes.includes('SOP596'); i++) codes = (await c.diagnostics(uri, mark)).map((d) => d.code);
      const preview = await c.request<{ errors: number; version: number }>('sop/preview', { textDocument: { uri } });
      expect(preview).toMatchObject({ errors: 1, version: 42 });
    } finally {
      expect(await c.close()).toBe(0);
    }
  }, 60_000);

  it('sop.config.json changed on disk (F4 to A4, where the header no longer fits): sop/preview does not render what sop build refuses', async () => {
    const dir = tempDir('sop-hostile-config-');
    const file = join(dir, 'a.sop');
    // 170-character titles: the header fits F4's wider lanes, not A4's.
    writeFileSync(file, tall(170));
    writeFileSync(join(dir, 'sop.config.json'), '{"paper": "F4"}');
    const uri = pathToFileURL(file).href;
    const c = new LspClient();
    try {
      await c.request('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } });
      c.notify('initialized', {});
      c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sop', version: 1, text: tall(170) } });
      const before = await c.request<{ errors: number; html: string | null }>('sop/preview', { textDocument: { uri } });
      expect(before.errors).toBe(0);
      writeFileSync(join(dir, 'sop.config.json'), '{"paper": "A4"}');
      const mark = c.notifications.length;
      const after = await c.request<{ errors: number; html: string | null }>('sop/preview', { textDocument: { uri } });
      expect(after).toMatchObject({ errors: 1, html: null });
      // The problems panel says it too.
      expect((await c.diagnostics(uri, mark)).map((d) => d.code)).toContain('SOP596');
      writeFileSync(join(dir, 'sop.config.json'), '{"paper": "F4"}');
      expect((await c.request<{ errors: number; html: string | null }>('sop/preview', { textDocument: { uri } })).errors).toBe(0);
    } finally {
      expect(await c.close()).toBe(0);
    }
  }, 60_000);
});

describe('a long "No." title (sop.config.json headers.no, within its 100 characters)', () => {
  const unbroken = 'Kelengkapanadministrasi'.repeat(5).slice(0, 100);
  const spaced = 'No '.repeat(40).slice(0, 100);
  it('leaves Kegiatan its floor (it made the No. column 646 px and Kegiatan -520 px), and SOP596 no longer blames a step', () => {
    for (const paper of ['A4', 'Letter'] as PaperSize[]) {
      for (const lanes of [2, 5, 9, 20]) {
        const model = checkText(short(lanes)).model;
        const plain = tableFrame(model, layoutOptions({ paper }))!.columns;
        for (const no of [unbroken, spaced]) {
          const config = { paper, headers: { no } };
          const cols = tableFrame(model, layoutOptions(config))!.columns;
          const at = `${paper} ${lanes} lanes ${no.slice(0, 6)}`;
          // 15 %: Kegiatan's least share at any lane count (kegiatanFloor at 11-20 lanes), or what it has without the title.
          expect(cols.kegiatan, at).toBeGreaterThanOrEqual(Math.min(kegiatanFloor(cols.table, 20), plain.kegiatan));
          expect(cols.no, at).toBeLessThanOrEqual(80);
          expect(overflowDiagnostic({ file: 'a.sop', text: short(lanes), model }, config, 'id'), at).toBeNull();
        }
      }
    }
  });

  it('the header is as tall as the "No." cell prints (a word wider than the column broke at any pixel in the estimate: the title ran above the table)', () => {
    for (const lanes of [9, 20]) {
      const model = checkText(short(lanes)).model;
      const headers = { ...DEFAULT_HEADERS, no: unbroken };
      const frame = tableFrame(model, layoutOptions({ headers }))!;
      const lay = { ...frame, laneCount: lanes } as unknown as Parameters<typeof headerText>[1];
      const printed = headerText(model, lay, headers).no.lines.length * FONT.lineHeightPx + 2 * FONT.cellPadY + 1;
      expect(frame.header.height, `${lanes} lanes`).toBeGreaterThanOrEqual(printed);
    }
  });
});

describe('hostile sop.config.json: SOP503 where it is, never an internal error', () => {
  const check = (config: string): string => {
    const dir = tempDir('sop-hostile-json-');
    writeFileSync(join(dir, 'sop.config.json'), config);
    writeFileSync(join(dir, 'a.sop'), short(2));
    const r = runCli(['check', '.', '--format', 'github'], { cwd: dir });
    expect(r.code).toBe(1);
    return r.stdout + r.stderr;
  };
  it('"$schema" holding a 200 000-deep array: SOP503 at it, exit 1 (the stack overflowed: exit 3, an internal error)', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(check(`{\n  "$schema": ${deep}\n}`)).toMatch(/line=2,col=14,.*title=SOP503::.*"\$schema" harus berupa teks/);
  });
  it('a trailing comma on line 4 (CRLF), a number with a leading zero after a BOM, text after an emoji, a file cut short', () => {
    expect(check('{\r\n  "paper": "A4",\r\n  "headers": {\r\n    "output": "x",\r\n  }\r\n}')).toMatch(/file=sop\.config\.json,line=5,col=3,endLine=5,endColumn=4,title=SOP503::.*JSON tidak sah/);
    expect(check('\ufeff{"a":\n 01}')).toMatch(/line=2,col=3,endLine=2,endColumn=4,title=SOP503/);
    expect(check('{"a":"😀😀" x}')).toMatch(/line=1,col=13,endLine=1,endColumn=14,title=SOP503/);
    expect(check('{\n  "paper": "A4"')).toMatch(/line=2,col=16,endLine=2,endColumn=16,title=SOP503/);
  });
});

describe('the page-fit check counts what paginate puts beside the tallest row', () => {
  /** Two steps with a time each (the timing line under the table); the last has a Keterangan of `words` words, one a line. */
  const lastTall = (words: number): string =>
    ['Nama SOP: Kaki', 'Nomor SOP: K/1', 'Tanggal Pembuatan: 2024-01-01', 'Pelaksana:', '  - a: Kepala', '  - b: Staf', 'Prosedur:', '  [a] Menerima berkas', '    Waktu: 5 menit', '  [b] Mengarsipkan berkas', '    Waktu: 10 menit', `    Keterangan: ${'uraian '.repeat(words).trim()}`, ''].join('\n');
  it('its connector row and the timing line: a last row that fitted alone printed the timing line 3 mm from the paper\'s edge', () => {
    // 115 words had made the row 158 mm in a Keterangan of 132 px, the header 18 mm of 180: with the connector row above
    // it and the timing line it did not fit, and the SOP was refused. The columns search goes on where a page holds
    // less than two steps (fill.ts): Keterangan takes 156 px, and both steps print on one page.
    expect(pageOverflow(checkText(lastTall(115)).model, {})).toBeNull();
    expect(documentLayout(checkText(lastTall(115)).model, {}).pages).toHaveLength(1);
    expect(pageOverflow(checkText(lastTall(100)).model, {})).toBeNull();
    // From 137 words the row alone is taller than the page under its header.
    const o = pageOverflow(checkText(lastTall(137)).model, {});
    expect(o).toMatchObject({ step: 2 });
    expect(o!.headerMm + o!.rowMm).toBeGreaterThan(o!.pageMm);
  });
  it('the millimetres said add up to more than the page', () => {
    for (let words = 100; words <= 160; words++) {
      const o = pageOverflow(checkText(lastTall(words)).model, {});
      if (o) expect(o.headerMm + o.rowMm, `${words} words`).toBeGreaterThan(o.pageMm);
    }
  });
});

describe('sop build --format svg/png: the drawing\'s warnings as for html/pdf (the same lanes and labels)', () => {
  // A 25-step chain one back at 9 lanes had ambiguous labels until the tries took them for crossings (src/layout/plain-first.ts).
  it('a 20-step rework chain three back at 9 lanes: the Ya/Tidak warning once, in English with --lang en', async () => {
    const dir = tempDir('sop-hostile-svg-warn-');
    writeFileSync(join(dir, 'chain.sop'), chainSop(20, 9, { back: 3, text: 30 }));
    const r = await runCliAsync(['build', 'chain.sop', '--format', 'svg', '--out', 'out', '--lang', 'en'], { cwd: dir, env: { NO_COLOR: '1' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.match(/chain\.sop: warning: \d+ Ya\/Tidak label\(s\)/g)).toHaveLength(1);
  }, 60_000);
});

describe('a report larger than a pipe holds reaches a slow reader whole', () => {
  it('sop check --format github of a 900 KB report: every byte, exit 1 (process.exit dropped all but what the pipe took)', async () => {
    const dir = tempDir('sop-hostile-pipe-');
    writeFileSync(join(dir, 'sop.config.json'), JSON.stringify({ ['k'.repeat(900_000)]: 1 }));
    const child = spawn(process.execPath, [CLI, 'check', '.', '--format', 'github'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader starts late: the command has written (and exited) long before.
    child.stdout.pause();
    const chunks: Buffer[] = [];
    const code = await new Promise<number | null>((resolve) => {
      setTimeout(() => {
        child.stdout.on('data', (d: Buffer) => chunks.push(d));
        child.stdout.resume();
      }, 500);
      child.on('close', resolve);
    });
    const out = Buffer.concat(chunks).toString();
    expect(code).toBe(1);
    expect(out.length).toBeGreaterThan(900_000);
    expect(out.endsWith('tidak dikenal.\n')).toBe(true);
  }, 60_000);
});
