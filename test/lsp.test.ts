/** The real server over stdio: exact answers to LSP requests, and it survives bad input. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient } from './helpers/lsp-client.js';
import { tempDir } from './helpers/tmp.js';

const SRC = [
  'Nama SOP: Contoh',
  'Nomor SOP: 001',
  'Tanggal Pembuatan: 2023-08-31',
  'Pelaksana:',
  '  - kasubag: Kepala Sub Bagian',
  '  - staf: Staf Umum',
  'Prosedur:',
  '  [kasubag] Memerintahkan',
  '  @susun [staf] Menyusun konsep',
  '    Waktu: 5 menit',
  '  [kasubag] Memeriksa konsep',
  '    Tidak: @susn',
  '  [kasubag] Menandatangani',
  '',
].join('\n');

let client: LspClient;
let uri: string;
beforeAll(async () => {
  const dir = tempDir('sop-lsp-');
  writeFileSync(join(dir, 'a-lain.sop'), 'Nama SOP: Lain\nNomor SOP: 001\nTanggal Pembuatan: 2023-08-31\nPelaksana:\n  - a: A\nProsedur:\n  [a] Satu\n');
  uri = pathToFileURL(join(dir, 'contoh.sop')).href;
  client = new LspClient();
  const init = await client.request<{ capabilities: Record<string, unknown> }>('initialize', { processId: null, rootUri: null, capabilities: {} });
  expect(init.capabilities).toMatchObject({ definitionProvider: true, renameProvider: true, documentFormattingProvider: true, foldingRangeProvider: true });
  client.notify('initialized', {});
});
afterAll(async () => {
  expect(await client.close()).toBe(0);
});

const at = (line: number, character: number) => ({ textDocument: { uri }, position: { line, character } });

describe('sop lsp', () => {
  it('publishes the checker diagnostics on open, project-aware', async () => {
    const mark = client.notifications.length;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sop', version: 1, text: SRC } });
    const diags = await client.diagnostics(uri, mark);
    expect(diags.map((d) => [d.code, d.range])).toEqual([
      ['SOP501', { start: { line: 1, character: 11 }, end: { line: 1, character: 14 } }],
      ['SOP204', { start: { line: 11, character: 11 }, end: { line: 11, character: 16 } }],
    ]);
  });

  it('completes lanes inside [ ], labels after Tidak:, units after a number, labels at a line start', async () => {
    const lanes = await client.request<{ label: string }[]>('textDocument/completion', at(7, 3));
    expect(lanes.map((c) => c.label)).toEqual(['kasubag', 'Kepala Sub Bagian', 'staf', 'Staf Umum']);
    const targets = await client.request<{ label: string }[]>('textDocument/completion', at(11, 11));
    expect(targets.map((c) => c.label)).toEqual(['@susun', 'selesai']);
    const units = await client.request<{ label: string }[]>('textDocument/completion', at(9, 12));
    expect(units.map((c) => c.label)).toEqual(['detik', 'menit', 'jam', 'hari', 'minggu', 'bulan']);
    const labels = await client.request<{ label: string }[]>('textDocument/completion', at(13, 0));
    expect(labels.map((c) => c.label)).toEqual(['Kelengkapan', 'Waktu', 'Output', 'Keterangan', 'Ya', 'Tidak', 'Lanjut']);
  });

  it('code action offers the suggestion of a "did you mean"', async () => {
    const diags = await client.diagnostics(uri, 0);
    const d = diags.find((x) => x.code === 'SOP204')!;
    const actions = await client.request<{ title: string; edit: unknown }[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    expect(actions).toEqual([
      { title: 'Ganti dengan `@susun`', kind: 'quickfix', diagnostics: [d], isPreferred: true, edit: { changes: { [uri]: [{ range: d.range, newText: '@susun' }] } } },
    ]);
  });

  it('after a change: definition, references, rename, hover', async () => {
    const mark = client.notifications.length;
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 11, character: 12 }, end: { line: 11, character: 16 } }, text: 'susun' }],
    });
    expect((await client.diagnostics(uri, mark)).map((d) => d.code)).toEqual(['SOP501']);
    expect(await client.request('textDocument/definition', at(11, 14))).toEqual({
      uri,
      range: { start: { line: 8, character: 3 }, end: { line: 8, character: 8 } },
    });
    expect(await client.request('textDocument/definition', at(8, 13))).toEqual({
      uri,
      range: { start: { line: 5, character: 4 }, end: { line: 5, character: 8 } },
    });
    const refs = await client.request<{ range: { start: { line: number } } }[]>('textDocument/references', { ...at(4, 6), context: { includeDeclaration: true } });
    expect(refs.map((r) => r.range.start.line).sort((a, b) => a - b)).toEqual([4, 7, 10, 12]);
    const edit = await client.request<{ changes: Record<string, { range: { start: { line: number; character: number } }; newText: string }[]> }>(
      'textDocument/rename',
      { ...at(4, 6), newName: 'kabag' },
    );
    expect(edit.changes[uri]!.map((e) => [e.range.start.line, e.range.start.character, e.newText])).toEqual([
      [4, 4, 'kabag'],
      [7, 3, 'kabag'],
      [10, 3, 'kabag'],
      [12, 3, 'kabag'],
    ]);
    const h = await client.request<{ contents: { value: string } }>('textDocument/hover', at(10, 15));
    const labelRename = await client.request<{ changes: Record<string, { range: { start: { line: number; character: number } }; newText: string }[]> }>(
      'textDocument/rename',
      { ...at(8, 4), newName: 'konsep' },
    );
    expect(labelRename.changes[uri]!.map((e) => [e.range.start.line, e.range.start.character, e.newText])).toEqual([
      [8, 3, 'konsep'],
      [11, 12, 'konsep'],
    ]);
    expect(h.contents.value).toBe('**Langkah 3**, keputusan\n\nPelaksana: Kepala Sub Bagian\n\nAlur: Ya → langkah 4; Tidak → langkah 2');
  });

  it('definition of a Keterkaitan item is the SOP it names, in its own file', async () => {
    const u4 = uri.replace('contoh.sop', 'terkait.sop');
    client.notify('textDocument/didOpen', {
      textDocument: { uri: u4, languageId: 'sop', version: 1, text: 'Nama SOP: Terkait\nKeterkaitan:\n  - SOP Lain\n  - SOP Tidak Ada\nPelaksana:\n  - a: A\nProsedur:\n  [a] Satu\n' },
    });
    const at2 = (line: number, character: number) => ({ textDocument: { uri: u4 }, position: { line, character } });
    expect(await client.request('textDocument/definition', at2(2, 8))).toEqual({
      uri: uri.replace('contoh.sop', 'a-lain.sop'),
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    });
    expect(await client.request('textDocument/definition', at2(3, 8))).toBeNull();
  });

  it('formatting, document symbols and folding ranges', async () => {
    const messy = 'prosedur:\n\t[a] Satu\npelaksana:\n - a: A\n';
    const u2 = uri.replace('contoh.sop', 'berantakan.sop');
    client.notify('textDocument/didOpen', { textDocument: { uri: u2, languageId: 'sop', version: 1, text: messy } });
    const edits = await client.request<{ newText: string }[]>('textDocument/formatting', { textDocument: { uri: u2 }, options: { tabSize: 2, insertSpaces: true } });
    expect(edits.map((e) => e.newText)).toEqual(['Pelaksana:\n  - a: A\n\nProsedur:\n  [a] Satu\n']);
    // A file with a syntax error is not formatted, and the editor is told why (it had applied no edit, unsaid).
    const u4 = uri.replace('contoh.sop', 'rusak.sop');
    client.notify('textDocument/didOpen', { textDocument: { uri: u4, languageId: 'sop', version: 1, text: 'Pelaksana:\n  - a: A\nProsedur:\n  [a Satu\n' } });
    const mark = client.notifications.length;
    expect(await client.request('textDocument/formatting', { textDocument: { uri: u4 }, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
    const shown = await client.next((n) => n.method === 'window/showMessage', mark);
    expect(shown.params).toEqual({ type: 2, message: expect.stringMatching(/^sop: tidak diformat: perbaiki dulu baris 4: .*\]/) });
    const symbols = await client.request<{ name: string; children: { name: string }[] }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols.map((s) => s.name)).toEqual(['Nama SOP', 'Nomor SOP', 'Tanggal Pembuatan', 'Pelaksana', 'Prosedur']);
    expect(symbols[4]!.children.map((c) => c.name)).toEqual(['1. Memerintahkan', '2. Menyusun konsep', '3. Memeriksa konsep', '4. Menandatangani']);
    const folds = await client.request<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', { textDocument: { uri } });
    expect(folds.map((f) => [f.startLine, f.endLine])).toEqual([[3, 5], [6, 12], [8, 9], [10, 11]]);
  });

  it('code action adds a missing branch on a last decision', async () => {
    const u3 = uri.replace('contoh.sop', 'cabang.sop');
    const mark = client.notifications.length;
    client.notify('textDocument/didOpen', {
      textDocument: { uri: u3, languageId: 'sop', version: 1, text: 'Pelaksana:\n  - a: A\nProsedur:\n  @x [a] Satu\n  [a] Dua\n    Tidak: @x\n' },
    });
    const d = (await client.diagnostics(u3, mark)).find((x) => x.code === 'SOP304')!;
    const actions = await client.request<{ title: string; edit: { changes: Record<string, { newText: string }[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri: u3 },
      range: d.range,
      context: { diagnostics: [d] },
    });
    expect(actions.map((a) => [a.title, a.edit.changes[u3]![0]!.newText])).toEqual([['Tambahkan cabang `Ya: selesai`', '\n    Ya: selesai']]);
  });

  it('keeps answering after malformed JSON-RPC and random edits', async () => {
    client.raw('Content-Length: 12\r\n\r\n{not json!!}');
    client.raw('Content-Length: 2\r\n\r\n[]');
    client.send({ jsonrpc: '2.0', id: 9999, method: 'textDocument/hover', params: { nonsense: true } });
    let text = SRC;
    for (let i = 0; i < 200; i++) {
      const pos = (i * 7919) % (text.length + 1);
      text = text.slice(0, pos) + ['[', ']', '@', ':', '\n', '- ', '#', 'Ya: @', '\u0000'][i % 9] + text.slice(pos + (i % 3));
      client.notify('textDocument/didChange', { textDocument: { uri, version: 10 + i }, contentChanges: [{ text }] });
      if (i % 20 === 0) await client.request('textDocument/completion', at(i % 12, i % 9));
    }
    const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(Array.isArray(symbols)).toBe(true);
    expect(client.stderr.join('')).not.toMatch(/\n\s+at .*\n\s+at /);
  });
});
