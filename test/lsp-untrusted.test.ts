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
