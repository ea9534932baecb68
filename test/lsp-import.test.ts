/**
 * "Import SOP…" in the editor: the language server's `sop/import` request
 * (bytes in, drafts out, no file read by the server) against the real
 * server, and the VS Code command (editors/vscode/import-command.js) against
 * a stand-in for the `vscode` module and the server: it reads the chosen
 * file, opens each draft as an unsaved document, and says what failed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from './helpers/cli.js';
import { LspClient } from './helpers/lsp-client.js';
import { requireWithVscode } from './helpers/vscode-stub.js';

const seed = readFileSync(join(import.meta.dirname, 'fixtures/import/seeds/002_5b27c5f6086bb668.txt'));
const docx = readFileSync(join(import.meta.dirname, 'fixtures/import/office/penyusunan-duk.docx'));

type Reply = { drafts?: { fileName: string; text: string; guesses: number }[]; error?: string };

describe('sop lsp: sop/import', () => {
  it('turns a document\'s bytes into drafts, and says why when it cannot', async () => {
    const c = new LspClient([process.execPath, CLI]);
    try {
      await c.request('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: null });
      c.notify('initialized', {});
      const ok = await c.request<Reply>('sop/import', { name: '002.txt', data: seed.toString('base64') });
      expect(ok.drafts?.map((d) => d.fileName)).toHaveLength(5);
      expect(ok.drafts?.[0]?.text).toContain('Nama SOP: Pembuatan SK Tim Kerja Bidang 3\n');
      expect(ok.drafts?.[0]?.guesses).toBeGreaterThan(0);
      const word = await c.request<Reply>('sop/import', { name: 'duk.docx', data: docx.toString('base64') });
      expect(word.drafts?.[0]?.text).toContain('Nama SOP: Penyusunan DUK\n');
      expect(await c.request<Reply>('sop/import', { name: 'x.bin', data: Buffer.from([0, 1, 2, 0]).toString('base64') })).toEqual({ error: 'bukan berkas teks, PDF, Word (.docx), Excel (.xlsx) atau OpenDocument (.odt, .ods) yang dikenali' });
      expect(await c.request<Reply>('sop/import', { name: 'x.txt', data: Buffer.from('tanpa tabel').toString('base64'), lang: 'en' })).toEqual({ error: 'no procedure table found' });
      expect((await c.request<Reply>('sop/import', { name: 'x' })).error).toBe('berkasnya tidak ada atau terlalu besar');
    } finally {
      await c.close();
    }
  }, 60_000);
});

function fake(reply: Reply) {
  const commands = new Map<string, (uri?: unknown) => Promise<void>>();
  const opened: { language: string; content: string }[] = [];
  const shown: unknown[] = [];
  const errors: string[] = [];
  const infos: string[] = [];
  const requests: { method: string; params: { name: string; data: string } }[] = [];
  const file = { path: '/kerja/lama/sop-tamu.txt', fsPath: '/kerja/lama/sop-tamu.txt' };
  const vscode = {
    commands: { registerCommand: (id: string, fn: (uri?: unknown) => Promise<void>) => (commands.set(id, fn), { dispose() {} }) },
    window: {
      showOpenDialog: async () => [file],
      showTextDocument: async (doc: unknown) => void shown.push(doc),
      showErrorMessage: (m: string) => void errors.push(m),
      showInformationMessage: (m: string) => void infos.push(m),
    },
    workspace: {
      fs: { stat: async () => ({ size: 12 }), readFile: async () => new Uint8Array(Buffer.from('isi berkas')) },
      openTextDocument: async (o: { language: string; content: string }) => (opened.push(o), o),
    },
  };
  const client = { sendRequest: async (method: string, params: { name: string; data: string }) => (requests.push({ method, params }), reply) };
  const { registerImport } = requireWithVscode<{ registerImport(ctx: unknown, get: () => unknown): void }>('../../editors/vscode/import-command.js', vscode);
  registerImport({ subscriptions: [] }, () => client);
  return { run: commands.get('sop.importFile')!, opened, shown, errors, infos, requests };
}

describe('VS Code: SOP: Import SOP…', () => {
  it('reads the chosen file, sends its bytes, opens each draft unsaved', async () => {
    const f = fake({ drafts: [{ fileName: 'a.sop', text: 'Nama SOP: A\n', guesses: 2 }, { fileName: 'b.sop', text: 'Nama SOP: B\n', guesses: 1 }] });
    await f.run();
    expect(f.requests).toEqual([{ method: 'sop/import', params: { name: 'sop-tamu.txt', data: Buffer.from('isi berkas').toString('base64') } }]);
    expect(f.opened).toEqual([{ language: 'sop', content: 'Nama SOP: A\n' }, { language: 'sop', content: 'Nama SOP: B\n' }]);
    expect(f.shown).toHaveLength(2);
    expect(f.infos[0]).toBe('Impor SOP: 2 draf dari sop-tamu.txt; 3 tebakan ditandai komentar # SOP7xx. Simpan sebagai a.sop, b.sop.');
  });

  it('shows the server\'s refusal and opens nothing', async () => {
    const f = fake({ error: 'tidak ditemukan tabel prosedur' });
    await f.run({ path: '/x/y.pdf', fsPath: '/x/y.pdf' });
    expect(f.requests[0]!.params.name).toBe('y.pdf');
    expect(f.opened).toEqual([]);
    expect(f.errors).toEqual(['Impor SOP: y.pdf: tidak ditemukan tabel prosedur']);
  });
});
