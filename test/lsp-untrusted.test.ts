/**
 * The language server reads what anyone can propose (a `.sop`, its logo, the
 * other files of its folder) as untrusted, like the build: a logo is checked
 * under the same file rules, and a huge document or a hostile folder never
 * blocks the server (it keeps answering).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LspClient } from './helpers/lsp-client.js';
import { tempDir } from './helpers/tmp.js';

const sop = (name: string, number: string, extra = ''): string =>
  `Nama SOP: ${name}\nNomor SOP: ${number}\nTanggal Pembuatan: 2023-08-31\n${extra}Pelaksana:\n  - a: Kepala\nProsedur:\n  [a] Mulai\n  [a] Selesai\n`;

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let client: LspClient | null = null;
afterEach(async () => {
  if (client) expect(await client.close()).toBe(0);
  client = null;
});

async function start(): Promise<LspClient> {
  const c = new LspClient();
  await c.request('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } });
  c.notify('initialized', {});
  return c;
}

describe('the language server checks a logo under the build rules', () => {
  it('a symlink out of the folder, a FIFO, a folder, a text file named .png, an SVG: same codes as sop check', async () => {
    const dir = tempDir('sop-lsp-logo-');
    const p = join(dir, 'p');
    mkdirSync(p);
    writeFileSync(join(dir, 'outside.png'), PNG);
    symlinkSync('../outside.png', join(p, 'link.png'));
    spawnSync('mkfifo', [join(p, 'fifo.png')]);
    mkdirSync(join(p, 'folder.png'));
    writeFileSync(join(p, 'text.png'), 'bukan gambar');
    writeFileSync(join(p, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><image href="http://127.0.0.1:9/x"/></svg>');
    writeFileSync(join(p, 'big.png'), Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]));
    writeFileSync(join(p, 'ok.png'), PNG);
    const cases: [string, string | null][] = [
      ['link.png', 'SOP408'],
      ['fifo.png', 'SOP504'],
      ['folder.png', 'SOP504'],
      ['text.png', 'SOP506'],
      ['logo.svg', 'SOP506'],
      ['big.png', 'SOP505'],
      ['missing.png', 'SOP502'],
      ['../outside.png', 'SOP408'],
      ['ok.png', null],
    ];
    client = await start();
    for (const [i, [logo, code]] of cases.entries()) {
      const uri = pathToFileURL(join(p, `s${i}.sop`)).href;
      const mark = client.notifications.length;
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sop', version: 1, text: sop(`S${i}`, `N-${i}`, `Logo: ${logo}\n`) } });
      const diags = await client.diagnostics(uri, mark);
      expect(diags.map((d) => d.code), logo).toEqual(code ? [code] : []);
      if (code) expect((diags[0]!.range as { start: unknown }).start).toEqual({ line: 3, character: 6 });
    }
  }, 30_000);
});

/** A plausible SOP of about `bytes` bytes: many ordinary steps. */
function bigSop(bytes: number): string {
  const step = (i: number): string => `  [a] Langkah nomor ${i} yang cukup panjang untuk mengisi baris dengan teks biasa\n    Waktu: 5 menit\n`;
  const parts = ['Nama SOP: Besar\nNomor SOP: B-1\nTanggal Pembuatan: 2023-08-31\nPelaksana:\n  - a: A\nProsedur:\n'];
  let n = parts[0]!.length;
  for (let i = 1; n < bytes; i++) {
    const s = step(i);
    parts.push(s);
    n += s.length;
  }
  return parts.join('');
}

describe('the language server stays responsive', () => {
  it('a 10 MB document gets one SOP593 warning, and hover and completion elsewhere answer at once', async () => {
    const dir = tempDir('sop-lsp-big-');
    const small = pathToFileURL(join(dir, 'kecil.sop')).href;
    const big = pathToFileURL(join(dir, 'besar.sop')).href;
    client = await start();
    let mark = client.notifications.length;
    client.notify('textDocument/didOpen', { textDocument: { uri: small, languageId: 'sop', version: 1, text: sop('Kecil', 'K-1') } });
    await client.diagnostics(small, mark);

    mark = client.notifications.length;
    const t0 = Date.now();
    client.notify('textDocument/didOpen', { textDocument: { uri: big, languageId: 'sop', version: 1, text: bigSop(10 * 1024 * 1024) } });
    // Sent right behind the 10 MB document: answered before its check would have ended (4 s on a quiet machine).
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: small }, position: { line: 6, character: 3 } });
    const completion = await client.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri: small }, position: { line: 6, character: 3 } });
    const answered = Date.now() - t0;
    expect(hover?.contents.value).toContain('Kepala');
    expect(completion.map((c) => c.label)).toContain('a');
    expect(answered, 'hover and completion wait for the big document').toBeLessThan(2_000);
    const diags = await client.diagnostics(big, mark);
    expect(diags.map((d) => [d.code, d.severity])).toEqual([['SOP593', 2]]);
    expect(diags[0]!.message).toContain('terlalu besar');

    // An edit of the big document is not checked either; the small one is still served.
    mark = client.notifications.length;
    client.notify('textDocument/didChange', { textDocument: { uri: big, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 10 }, end: { line: 0, character: 15 } }, text: 'Raksasa' }] });
    expect((await client.diagnostics(big, mark)).map((d) => d.code)).toEqual(['SOP593']);
    const fmt = await client.request<unknown[]>('textDocument/formatting', { textDocument: { uri: big }, options: { tabSize: 2, insertSpaces: true } });
    expect(fmt).toEqual([]);
  }, 60_000);

  it('a FIFO, a link to /dev/zero and a link out of the folder named *.sop beside the document are never opened', async () => {
    const dir = tempDir('sop-lsp-fifo-');
    const p = join(dir, 'p');
    mkdirSync(p);
    spawnSync('mkfifo', [join(p, 'pipa.sop')]);
    spawnSync('mkfifo', [join(p, 'sop.config.json')]);
    symlinkSync('/dev/zero', join(p, 'nol.sop'));
    writeFileSync(join(dir, 'rahasia.sop'), sop('Rahasia', 'R-1'));
    symlinkSync('../rahasia.sop', join(p, 'tautan.sop'));
    const uri = pathToFileURL(join(p, 'a.sop')).href;
    client = await start();
    const mark = client.notifications.length;
    // Keterkaitan names the secret SOP: were the link read, the item would become a link to it.
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sop', version: 1, text: sop('A', 'R-1', 'Keterkaitan:\n  - SOP Rahasia\n') } });
    const diags = await client.diagnostics(uri, mark);
    expect(diags.map((d) => d.code)).toEqual([]);
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 3 } });
    expect(hover?.contents.value).toContain('Kepala');
    const def = await client.request<unknown>('textDocument/definition', { textDocument: { uri }, position: { line: 4, character: 8 } });
    expect(def).toBeNull();
  }, 30_000);
});

describe('malformed requests (issue 19 item 6)', () => {
  /** Every message the server logged, and its stderr: none may hold a stack trace. */
  const logs = (c: LspClient): string =>
    [...c.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message), ...c.stderr].join('\n');

  it('answer null (or an empty list) as docs/editor.md promises, and log no stack trace', async () => {
    client = await start();
    const c = client;
    // A file URI with a host, which Node cannot turn into a path: opened, hovered, previewed and closed.
    const evil = 'file://evil.example/share/x.sop';
    c.notify('textDocument/didOpen', { textDocument: { uri: evil, languageId: 'sop', version: 1, text: sop('A', 'A-1') } });
    // Checked as a document without a folder (like an untitled one): answered, not an error.
    await c.request('textDocument/hover', { textDocument: { uri: evil }, position: { line: 0, character: 1 } });
    expect(await c.request('sop/preview', { textDocument: { uri: evil } })).toMatchObject({ errors: 0 });
    c.notify('textDocument/didClose', { textDocument: { uri: evil } });
    const nulls: [string, unknown][] = [
      ['textDocument/hover', null],
      ['textDocument/hover', {}],
      ['textDocument/hover', { textDocument: null, position: null }],
      ['sop/preview', {}],
      ['sop/preview', null],
      ['sop/preview', { textDocument: { uri: 42 } }],
      ['textDocument/definition', null],
      ['textDocument/rename', {}],
    ];
    for (const [method, params] of nulls) expect(await c.request(method, params), `${method} ${JSON.stringify(params)}`).toBeNull();
    const lists: [string, unknown][] = [
      ['textDocument/completion', null],
      ['textDocument/completion', {}],
      ['textDocument/references', {}],
      ['textDocument/formatting', null],
      ['textDocument/documentSymbol', {}],
      ['textDocument/foldingRange', null],
      ['textDocument/codeAction', {}],
    ];
    for (const [method, params] of lists) expect(await c.request(method, params), `${method} ${JSON.stringify(params)}`).toEqual([]);
    c.notify('textDocument/didClose', null);
    c.notify('textDocument/didChange', {});
    // Still answering, and nothing logged with a stack.
    const uri = pathToFileURL(join(tempDir('sop-lsp-bad-'), 'a.sop')).href;
    const mark = c.notifications.length;
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sop', version: 1, text: sop('A', 'A-1') } });
    expect(await c.diagnostics(uri, mark)).toEqual([]);
    expect(logs(c)).not.toMatch(/\n\s+at /);
    expect(logs(c)).not.toContain('ERR_INVALID_FILE_URL_HOST');
  }, 30_000);
});
