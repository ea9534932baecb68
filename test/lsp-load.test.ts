/**
 * The language server under load: a burst of edits is checked once (debounce,
 * stale versions skipped), and closed documents leave every cache (the
 * folder cache held 1.15 GB after three large documents were closed).
 * `sop/stats` reports the work done and what the caches hold.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module without types
import { generateSop } from '../bench/generate.mjs';
import { CLI } from './helpers/cli.js';
import { LspClient } from './helpers/lsp-client.js';
import { tempDir } from './helpers/tmp.js';

interface Stats {
  projectChecks: number;
  fileChecks: number;
  openDocuments: number;
  cachedFolders: number;
  cachedFiles: number;
  diskTexts: number;
  memory: { heapUsed: number };
}

const gen = generateSop as (seed: number, opts: { steps: number; lanes: number }) => string;
const clients: LspClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) expect(await c.close()).toBe(0);
});

async function start(debounceMs?: number): Promise<LspClient> {
  const c = new LspClient([process.execPath, '--expose-gc', CLI]);
  clients.push(c);
  await c.request('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: debounceMs === undefined ? null : { debounceMs } });
  c.notify('initialized', {});
  return c;
}

const open = (c: LspClient, uri: string, text: string): void =>
  c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sop', version: 1, text } });
const stats = (c: LspClient): Promise<Stats> => c.request<Stats>('sop/stats', null);
const published = (c: LspClient, uri: string, from: number): number =>
  c.notifications.slice(from).filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uri).length;

describe('sop lsp under load', () => {
  it('checks a burst of 100 edits once, on the last version, after the document is quiet', async () => {
    const c = await start();
    const dir = tempDir('sop-lsp-load-');
    const uri = pathToFileURL(join(dir, 'besar.sop')).href;
    const text = gen(7, { steps: 200, lanes: 6 });
    let mark = c.notifications.length;
    open(c, uri, text);
    const initial = (await c.diagnostics(uri, mark)).map((d) => d.code);
    expect(initial).not.toContain('SOP407');
    const before = await stats(c);

    mark = c.notifications.length;
    const lines = text.split('\n');
    const waktu = lines.findIndex((l) => l.includes('Waktu:'));
    for (let i = 0; i < 100; i++) {
      // The last edit misspells the unit (SOP407): only that version's diagnostic may be published.
      const change = i === 99
        ? { range: { start: { line: waktu, character: lines[waktu]!.length }, end: { line: waktu, character: lines[waktu]!.length } }, text: 't' }
        : { range: { start: { line: waktu, character: 11 }, end: { line: waktu, character: 12 } }, text: String((i % 9) + 1) };
      c.notify('textDocument/didChange', { textDocument: { uri, version: 2 + i }, contentChanges: [change] });
    }
    const diags = await c.diagnostics(uri, mark);
    const unit = diags.filter((d) => d.code === 'SOP407');
    expect(unit.map((d) => (d.range as { start: { line: number } }).start.line)).toEqual([waktu]);
    expect(diags.filter((d) => d.code !== 'SOP407').map((d) => d.code)).toEqual(initial);
    await new Promise((r) => setTimeout(r, 500));
    expect(published(c, uri, mark)).toBe(1);
    const after = await stats(c);
    // Without the debounce: 100 project checks, 100 files checked.
    expect(after.projectChecks - before.projectChecks).toBe(1);
    expect(after.fileChecks - before.fileChecks).toBe(1);
  });

  it('hover answers the current version at once; outline and folding wait for the quiet document and add no check', async () => {
    const c = await start(800);
    const uri = 'untitled:cepat.sop';
    const v1 = 'Nama SOP: A\nPelaksana:\n  - a: A\nProsedur:\n  [a] Satu\n';
    let mark = c.notifications.length;
    open(c, uri, v1);
    await c.diagnostics(uri, mark);
    const before = await stats(c);

    mark = c.notifications.length;
    c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${v1}  [a] Dua\n` }] });
    const hover = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 6 } });
    expect(hover?.contents.value).toMatch(/^\*\*Langkah 2\*\*/);
    expect(published(c, uri, mark)).toBe(0);

    // Asked between two edits, the outline is answered from the last one.
    const outline = c.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const folds = c.request<unknown[]>('textDocument/foldingRange', { textDocument: { uri } });
    c.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: `${v1}  [a] Dua\n  [a] Tiga\n` }] });
    expect(JSON.stringify(await outline)).toContain('Tiga');
    expect((await folds).length).toBeGreaterThan(0);
    await c.diagnostics(uri, mark);
    const after = await stats(c);
    // The hover checked version 2, the debounce version 3; outline and folding nothing more.
    expect(after.projectChecks - before.projectChecks).toBe(2);
    expect(published(c, uri, mark)).toBe(1);
  });

  it('closing documents empties the caches: per folder when its last document closes, and the memory returns', async () => {
    const c = await start(0);
    const a = tempDir('sop-lsp-a-');
    const b = tempDir('sop-lsp-b-');
    // Large documents on disk, so each folder check also reads and checks the others.
    const docs = [1, 2, 3].map((i) => ({ uri: pathToFileURL(join(a, `d${i}.sop`)).href, text: gen(i, { steps: 1500, lanes: 8 }) }));
    for (const d of docs) writeFileSync(new URL(d.uri), d.text);
    writeFileSync(join(a, 'lain.sop'), gen(9, { steps: 20, lanes: 2 }));
    const other = pathToFileURL(join(b, 'kecil.sop')).href;
    const empty = await stats(c);

    for (const d of docs) {
      const mark = c.notifications.length;
      open(c, d.uri, d.text);
      await c.diagnostics(d.uri, mark);
    }
    let mark = c.notifications.length;
    open(c, other, gen(4, { steps: 10, lanes: 2 }));
    await c.diagnostics(other, mark);
    const full = await stats(c);
    expect(full).toMatchObject({ openDocuments: 4, cachedFolders: 2, cachedFiles: 5 });
    expect(full.diskTexts).toBe(1);

    mark = c.notifications.length;
    c.notify('textDocument/didClose', { textDocument: { uri: docs[0]!.uri } });
    await c.diagnostics(docs[0]!.uri, mark);
    expect(await stats(c)).toMatchObject({ openDocuments: 3, cachedFolders: 2, cachedFiles: 4 });

    for (const d of docs.slice(1)) c.notify('textDocument/didClose', { textDocument: { uri: d.uri } });
    const folderClosed = await stats(c);
    expect(folderClosed).toMatchObject({ openDocuments: 1, cachedFolders: 1, cachedFiles: 1, diskTexts: 0 });

    c.notify('textDocument/didClose', { textDocument: { uri: other } });
    const closed = await stats(c);
    expect(closed).toMatchObject({ openDocuments: 0, cachedFolders: 0, cachedFiles: 0, diskTexts: 0 });
    // Three 240 KB documents held tens of MB; after closing, the heap is back near where it started.
    const grew = full.memory.heapUsed - empty.memory.heapUsed;
    expect(grew).toBeGreaterThan(20e6);
    expect(closed.memory.heapUsed - empty.memory.heapUsed).toBeLessThan(grew / 4);
  });
});
