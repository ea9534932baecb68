/**
 * The VS Code preview's message protocol and cursor/step mapping
 * (editors/vscode/preview-protocol.js), on real models. VS Code itself
 * cannot run here; the webview wiring is not tested.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { checkText } from '../src/check/check.js';
import { tempDir } from './helpers/tmp.js';

interface Span { step: number; startLine: number; endLine: number }
const p = createRequire(import.meta.url)('../editors/vscode/preview-protocol.js') as {
  parseWebviewMessage(m: unknown): unknown;
  updateMessage(v: number, html: string): unknown;
  highlightMessage(s: number | null | undefined): unknown;
  stepSpans(steps: readonly { number: number; range: { start: { line: number }; end: { line: number } } }[]): Span[];
  stepAtLine(spans: Span[], line: number): number | null;
  lineOfStep(spans: Span[], step: number): number | null;
  stepOfElement(el: unknown): number | null;
};

const TEXT = [
  'Nama SOP: Uji', //                1
  'Pelaksana:', //                   2
  '  - a: Petugas', //               3
  '  - b: Kepala', //                4
  'Prosedur:', //                    5
  '  @terima [a] Terima berkas', //  6
  '', //                             7
  '  [b] Periksa berkas?', //        8
  '    Ya: @arsip', //                9
  '    Tidak: @terima', //            10
  '  @arsip [a] Arsipkan', //        11
  '',
].join('\n');

describe('VS Code preview: cursor and steps', () => {
  const checked = checkText(TEXT);
  const model = checked.model;
  const spans = p.stepSpans(model.steps);

  it('maps every line of a step (its flows included) to that step, and header lines to none', () => {
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(model.steps.map((s) => s.number)).toEqual([1, 2, 3]);
    const at = (l: number): number | null => p.stepAtLine(spans, l);
    expect([1, 2, 3, 4, 5].map(at)).toEqual([null, null, null, null, null]);
    expect(at(6)).toBe(1);
    expect(at(7)).toBe(1);
    expect([8, 9, 10].map(at)).toEqual([2, 2, 2]);
    expect(at(11)).toBe(3);
    expect(at(40)).toBeNull();
  });

  it('puts the cursor on the first line of a clicked step; unknown steps go nowhere', () => {
    expect(p.lineOfStep(spans, 1)).toBe(6);
    expect(p.lineOfStep(spans, 2)).toBe(8);
    expect(p.lineOfStep(spans, 3)).toBe(11);
    expect(p.lineOfStep(spans, 4)).toBeNull();
    // Round trip: the line of each step maps back to it.
    for (const s of model.steps) expect(p.stepAtLine(spans, p.lineOfStep(spans, s.number)!)).toBe(s.number);
  });

  it('finds the step of a clicked element through its ancestors', () => {
    const el = (attr: string | null, parent: unknown = null): unknown => ({ getAttribute: (n: string) => (n === 'data-step' ? attr : null), parentElement: parent });
    expect(p.stepOfElement(el(null, el('7')))).toBe(7);
    expect(p.stepOfElement(el('2', el('7')))).toBe(2);
    expect(p.stepOfElement(el('0'))).toBeNull();
    expect(p.stepOfElement(el('1; alert(1)'))).toBeNull();
    expect(p.stepOfElement(null)).toBeNull();
  });
});

describe('VS Code preview: messages', () => {
  it('accepts only well-formed messages from the webview', () => {
    expect(p.parseWebviewMessage({ type: 'ready' })).toEqual({ type: 'ready' });
    expect(p.parseWebviewMessage({ type: 'reveal', step: 3 })).toEqual({ type: 'reveal', step: 3 });
    expect(p.parseWebviewMessage({ type: 'scroll', y: 120.5 })).toEqual({ type: 'scroll', y: 120.5 });
    for (const bad of [null, 'reveal', {}, { type: 'reveal', step: '3' }, { type: 'reveal', step: 0 }, { type: 'reveal', step: 1.5 }, { type: 'scroll', y: -1 }, { type: 'scroll', y: Number.NaN }, { type: 'openFile', path: '/etc/passwd' }])
      expect(p.parseWebviewMessage(bad), JSON.stringify(bad)).toBeNull();
  });

  it('builds the messages the extension sends', () => {
    expect(p.updateMessage(4, '<p>x</p>')).toEqual({ type: 'update', version: 4, html: '<p>x</p>' });
    expect(p.highlightMessage(2)).toEqual({ type: 'highlight', step: 2 });
    expect(p.highlightMessage(undefined)).toEqual({ type: 'highlight', step: null });
  });
});

/** The built server over stdio, initialised, with TEXT open (never written to disk: the preview follows the editor's text). */
async function withServer(fn: (c: import('./helpers/lsp-client.js').LspClient, uri: string, init: { capabilities: { experimental?: { sopFontsFolder?: string } } }) => Promise<void>): Promise<void> {
  const { LspClient } = await import('./helpers/lsp-client.js');
  const { CLI } = await import('./helpers/cli.js');
  const { join } = await import('node:path');
  const { pathToFileURL } = await import('node:url');
  const c = new LspClient([process.execPath, CLI]);
  try {
    const init = await c.request<{ capabilities: { experimental?: { sopFontsFolder?: string } } }>('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: null });
    c.notify('initialized', {});
    const uri = pathToFileURL(join(tempDir('sop-lsp-preview-'), 'a.sop')).href;
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sop', version: 1, text: TEXT } });
    await fn(c, uri, init);
  } finally {
    await c.close();
  }
}

describe('sop lsp: sop/preview (what the webview shows)', () => {
  it('renders the open text without a save, returns null html while it has errors, and the steps for the mapping', async () => {
    await withServer(async (c, uri) => {
      type Reply = { version: number; html: string | null; errors: number; steps: { number: number; range: { start: { line: number }; end: { line: number } } }[] };
      const ok = await c.request<Reply>('sop/preview', { textDocument: { uri } });
      expect(ok.version).toBe(1);
      expect(ok.errors).toBe(0);
      expect(ok.html).toContain('Terima berkas');
      expect(ok.html!.match(/<rect[^>]*data-step="\d+"/g)?.length ?? 0).toBeGreaterThan(0);
      // LSP ranges are 0-based lines; the mapping works on them shifted by one.
      const spans = p.stepSpans(ok.steps.map((s) => ({ number: s.number, range: { start: { line: s.range.start.line }, end: { line: s.range.end.line } } })));
      expect(p.stepAtLine(spans, p.lineOfStep(spans, 2)!)).toBe(2);
      c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: TEXT.replace('[b] Periksa', '[zz] Periksa') }] });
      const bad = await c.request<Reply>('sop/preview', { textDocument: { uri } });
      expect(bad.version).toBe(2);
      expect(bad.errors).toBeGreaterThan(0);
      expect(bad.html).toBeNull();
      expect(await c.request('sop/preview', { textDocument: { uri: 'file:///not/open.sop' } })).toBeNull();
    });
  }, 30_000);

  it('names the package\'s fonts/ at initialisation, and writes the @font-face rules at the webview URL the editor gives (only a well-formed one)', async () => {
    const { join } = await import('node:path');
    const { pathToFileURL } = await import('node:url');
    await withServer(async (c, uri, init) => {
      expect(init.capabilities.experimental?.sopFontsFolder).toBe(pathToFileURL(join(import.meta.dirname, '..', 'fonts')).href);
      const html = async (fontBase?: unknown): Promise<string> => (await c.request<{ html: string }>('sop/preview', { textDocument: { uri }, fontBase })).html;
      const urls = (h: string): string[] => [...h.matchAll(/@font-face \{[^}]*url\("([^"]*)"\)/g)].map((m) => m[1]!);
      const base = 'https://file+.vscode-resource.vscode-cdn.net/opt/sop/fonts/';
      expect(urls(await html(base))).toEqual(['Regular', 'Bold', 'Italic', 'BoldItalic'].map((s) => `${base}LiberationSans-${s}.ttf`));
      // No base, or one that is not a webview URL of a folder: no rules (the system's fonts), as before.
      for (const bad of [undefined, null, 42, '', 'fonts/', 'file:///opt/sop/fonts/', 'http://127.0.0.1/fonts/', 'https://x/fonts', 'https://x/")}body{color:red}/', 'https://x/</style><script>/', 'https://x/a b/', 'javascript://x/'])
        expect(urls(await html(bad)), String(bad)).toEqual([]);
    });
  }, 30_000);
});
