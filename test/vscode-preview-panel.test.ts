/**
 * The VS Code preview panel's wiring (editors/vscode/preview-panel.js) against
 * a stand-in for the `vscode` module: the command opens one webview beside the
 * editor, `ready` and typing ask the language server for `sop/preview`
 * (debounced), updates carry increasing versions, a text with errors keeps the
 * last document with a note, the cursor highlights its step, a click reveals
 * the step's line, messages that are not ours are ignored, and a closed panel
 * receives nothing; the webview may load the package's fonts/ (and no other
 * local file), its CSP allows fonts from the webview's resources only, and the
 * server is asked for the @font-face rules at that folder's webview URL.
 * VS Code itself cannot run here; this is the closest check.
 */
import { requireWithVscode } from './helpers/vscode-stub.js';
import { describe, expect, it } from 'vitest';

type Listener = (e: unknown) => void;
interface Posted { type: string; version?: number; html?: string | null; note?: string; step?: number | null }
/** A stand-in vscode.Uri: a file URI and its path. */
interface FakeUri { scheme: string; path: string; toString(): string }
const CSP_SOURCE = 'https://*.vscode-cdn.net';
const FONTS = 'file:///opt/sop/fonts';

function fakeVscode() {
  const listeners: Record<string, Listener[]> = {};
  const on = (name: string) => (fn: Listener) => {
    (listeners[name] ??= []).push(fn);
    return { dispose() {} };
  };
  const fire = (name: string, e: unknown): void => void (listeners[name] ?? []).forEach((fn) => fn(e));
  const commands = new Map<string, () => void>();
  const panels: {
    options: unknown; showOptions: unknown; title: string; revealed: number; posted: Posted[];
    webview: { html: string; options: unknown; cspSource: string; asWebviewUri(u: FakeUri): FakeUri; postMessage(m: Posted): Promise<boolean>; onDidReceiveMessage(fn: Listener): { dispose(): void } };
    onDidDispose(fn: () => void): { dispose(): void }; dispose(): void; reveal(): void; receive(m: unknown): void;
  }[] = [];
  const shown: { doc: unknown; opts: unknown }[] = [];
  class Position { constructor(public line: number, public character: number) {} }
  class Selection { constructor(public anchor: Position, public active: Position) {} }
  class Range { constructor(public start: Position, public end: Position) {} }
  const vscode = {
    ViewColumn: { One: 1, Beside: -2 },
    TextEditorRevealType: { InCenterIfOutsideViewport: 2 },
    Position, Selection, Range,
    Uri: { parse: (s: string): FakeUri => ({ scheme: s.split(':')[0]!, path: s.replace(/^file:\/\//, ''), toString: () => s }) },
    commands: { registerCommand: (id: string, fn: () => void) => (commands.set(id, fn), { dispose() {} }) },
    workspace: { onDidChangeTextDocument: on('change') },
    window: {
      activeTextEditor: undefined as unknown,
      onDidChangeActiveTextEditor: on('active'),
      onDidChangeTextEditorSelection: on('selection'),
      createWebviewPanel(_id: string, _title: string, showOptions: unknown, options: unknown) {
        let onMessage: Listener = () => {};
        let onDispose: () => void = () => {};
        const panel = {
          options, showOptions, title: '', revealed: 0, posted: [] as Posted[], disposed: false,
          webview: {
            html: '',
            options: null as unknown,
            cspSource: CSP_SOURCE,
            // As VS Code makes them (the path of the file on the webview's resource host).
            asWebviewUri: (u: FakeUri): FakeUri => ({ scheme: 'https', path: u.path, toString: () => `https://file+.vscode-resource.vscode-cdn.net${u.path}` }),
            postMessage: async (m: Posted) => (panel.disposed ? false : (panel.posted.push(m), true)),
            onDidReceiveMessage: (fn: Listener) => ((onMessage = fn), { dispose() {} }),
          },
          onDidDispose: (fn: () => void) => ((onDispose = fn), { dispose() {} }),
          dispose() { panel.disposed = true; onDispose(); },
          reveal() { panel.revealed++; },
          receive(m: unknown) { onMessage(m); },
        };
        panels.push(panel);
        return panel;
      },
      async showTextDocument(doc: unknown, opts: unknown) {
        shown.push({ doc, opts });
        const ed = { document: doc, selection: null as unknown, revealed: null as unknown, revealRange(r: unknown) { ed.revealed = r; } };
        editors.push(ed);
        return ed;
      },
    },
  };
  const editors: { document: unknown; selection: unknown; revealed: unknown }[] = [];
  return { vscode, fire, commands, panels, shown, editors };
}

function loadPanel(vscode: unknown): { registerPreview(ctx: unknown, getClient: () => unknown): void } {
  return requireWithVscode('../../editors/vscode/preview-panel.js', vscode);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** Steps as the server sends them: 0-based LSP lines. Step 1 on lines 5-6, 2 on 7-9, 3 on 10. */
const STEPS = [
  { number: 1, range: { start: { line: 5, character: 2 }, end: { line: 5, character: 20 } } },
  { number: 2, range: { start: { line: 7, character: 2 }, end: { line: 9, character: 20 } } },
  { number: 3, range: { start: { line: 10, character: 2 }, end: { line: 10, character: 20 } } },
];

/** `initializeResult`: what the server said at initialisation (the fonts folder), undefined before it answered. */
function setup(initializeResult?: unknown) {
  const f = fakeVscode();
  const requests: unknown[] = [];
  let reply: unknown = { version: 1, html: '<p data-step="1">doc</p>', errors: 0, steps: STEPS };
  const client = { initializeResult, sendRequest: async (method: string, params: unknown) => (requests.push({ method, params }), reply) };
  const doc = { uri: { toString: () => 'file:///w/uji.sop' }, fileName: '/w/uji.sop', languageId: 'sop' };
  const editor = { document: doc, selection: { active: { line: 0, character: 0 } } };
  f.vscode.window.activeTextEditor = editor;
  const context = { subscriptions: [] as unknown[] };
  loadPanel(f.vscode).registerPreview(context, () => client);
  return { ...f, requests, doc, editor, context, client, setReply: (r: unknown) => void (reply = r) };
}

/** Opens the preview and lets its page say it is ready: the panel, with the first document sent. */
async function openReady(t: ReturnType<typeof setup>) {
  t.commands.get('sop.openPreviewToSide')!();
  const p = t.panels[0]!;
  p.receive({ type: 'ready' });
  await sleep(20);
  return p;
}

describe('VS Code preview panel wiring (stand-in vscode API)', () => {
  it('opens one panel beside the editor, with scripts only from its nonce and no local resources', () => {
    const t = setup();
    t.commands.get('sop.openPreviewToSide')!();
    expect(t.panels).toHaveLength(1);
    const p = t.panels[0]!;
    expect(p.showOptions).toEqual({ viewColumn: -2, preserveFocus: true });
    expect(p.options).toMatchObject({ enableScripts: true, localResourceRoots: [] });
    expect(p.title).toBe('Pratinjau uji.sop');
    const nonce = /'nonce-([^']+)'/.exec(p.webview.html)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    expect(p.webview.html).toContain(`<script nonce="${nonce}">`);
    expect(p.webview.html).toContain("default-src 'none'");
    // The command again brings the same panel forward instead of opening a second one.
    t.commands.get('sop.openPreviewToSide')!();
    expect(t.panels).toHaveLength(1);
    expect(p.revealed).toBe(1);
  });

  it('ignores the command when the active editor is not a .sop file', () => {
    const t = setup();
    t.vscode.window.activeTextEditor = { document: { ...t.doc, languageId: 'markdown' }, selection: t.editor.selection };
    t.commands.get('sop.openPreviewToSide')!();
    expect(t.panels).toHaveLength(0);
  });

  it('sends the document on ready and after typing (debounced), with increasing versions', async () => {
    const t = setup();
    t.commands.get('sop.openPreviewToSide')!();
    const p = t.panels[0]!;
    await sleep(250); // the command's own scheduled update
    p.receive({ type: 'ready' });
    await sleep(20);
    expect(t.requests.at(-1)).toEqual({ method: 'sop/preview', params: { textDocument: { uri: 'file:///w/uji.sop' } } });
    const before = t.requests.length;
    for (let i = 0; i < 5; i++) t.fire('change', { document: t.doc });
    t.fire('change', { document: { ...t.doc } }); // another document: not followed
    await sleep(400);
    expect(t.requests.length).toBe(before + 1);
    const updates = p.posted.filter((m) => m.type === 'update');
    expect(updates.length).toBeGreaterThanOrEqual(3);
    expect(updates.map((m) => m.version)).toEqual([...updates.keys()].map((i) => i + 1));
    expect(updates.at(-1)).toEqual({ type: 'update', version: updates.length, html: '<p data-step="1">doc</p>', note: '' });
  });

  it('keeps the last document while the text has errors, with a note', async () => {
    const t = setup();
    t.commands.get('sop.openPreviewToSide')!();
    const p = t.panels[0]!;
    t.setReply({ version: 2, html: null, errors: 2, steps: STEPS });
    p.receive({ type: 'ready' });
    await sleep(20);
    const last = p.posted.filter((m) => m.type === 'update').at(-1)!;
    expect(last.html).toBeNull();
    expect(last.note).toMatch(/^2 galat: .*terakhir yang benar/);
  });

  it('highlights the step under the cursor and reveals a clicked step at its line', async () => {
    const t = setup();
    const p = await openReady(t);
    // 0-based line 8 is inside step 2 (lines 7-9).
    t.editor.selection = { active: { line: 8, character: 0 } };
    t.fire('selection', { textEditor: t.editor });
    expect(p.posted.at(-1)).toEqual({ type: 'highlight', step: 2 });
    t.editor.selection = { active: { line: 1, character: 0 } };
    t.fire('selection', { textEditor: t.editor });
    expect(p.posted.at(-1)).toEqual({ type: 'highlight', step: null });
    p.receive({ type: 'reveal', step: 3 });
    await sleep(10);
    expect(t.shown).toHaveLength(1);
    expect(t.shown[0]!.doc).toBe(t.doc);
    const ed = t.editors[0] as { selection: { active: { line: number } }; revealed: { start: { line: number } } };
    expect(ed.selection.active.line).toBe(10);
    expect(ed.revealed.start.line).toBe(10);
  });

  it('ignores messages that are not ours, and a closed panel gets nothing more', async () => {
    const t = setup();
    const p = await openReady(t);
    for (const m of [{ type: 'reveal', step: '3' }, { type: 'reveal', step: 0 }, { type: 'reveal', step: 99 }, { type: 'eval', code: 'x' }, null, 'ready']) p.receive(m);
    await sleep(10);
    expect(t.shown).toHaveLength(0);
    const requests = t.requests.length;
    t.fire('change', { document: t.doc });
    p.dispose();
    await sleep(300);
    expect(t.requests.length).toBe(requests);
    const posted = p.posted.length;
    t.fire('selection', { textEditor: t.editor });
    expect(p.posted.length).toBe(posted);
  });

  it('lets the webview load the bundled font from the package\'s fonts/ only, and asks for the rules at its webview URL', async () => {
    const t = setup({ capabilities: { experimental: { sopFontsFolder: FONTS } } });
    const p = await openReady(t);
    const roots = (p.options as { localResourceRoots: FakeUri[] }).localResourceRoots;
    expect(roots.map(String)).toEqual([FONTS]);
    // The CSP: fonts from the webview's resources (limited by the roots above) and nothing else.
    const csp = /Content-Security-Policy" content="([^"]*)"/.exec(p.webview.html)![1]!;
    expect(csp.split('; ').filter((d) => d.startsWith('font-src') || d.startsWith('default-src') || d.startsWith('connect-src'))).toEqual(["default-src 'none'", `font-src ${CSP_SOURCE}`]);
    expect(t.requests.at(-1)).toEqual({ method: 'sop/preview', params: { textDocument: { uri: 'file:///w/uji.sop' }, fontBase: 'https://file+.vscode-resource.vscode-cdn.net/opt/sop/fonts/' } });
    expect(p.webview.options).toBeNull(); // known when the panel opened: nothing to change
  });

  it('without the server\'s fonts folder, loads no local file and asks for no rules; once the server answers, it does', async () => {
    const t = setup();
    const p = await openReady(t);
    expect(p.options).toMatchObject({ localResourceRoots: [] });
    expect(t.requests.at(-1)).toEqual({ method: 'sop/preview', params: { textDocument: { uri: 'file:///w/uji.sop' } } });
    // The server had not started when the panel opened; now it has.
    t.client.initializeResult = { capabilities: { experimental: { sopFontsFolder: FONTS } } };
    t.fire('change', { document: t.doc });
    await sleep(250);
    expect((p.webview.options as { localResourceRoots: FakeUri[] }).localResourceRoots.map(String)).toEqual([FONTS]);
    expect((t.requests.at(-1) as { params: { fontBase?: string } }).params.fontBase).toBe('https://file+.vscode-resource.vscode-cdn.net/opt/sop/fonts/');
    // Anything but a file URI is not a folder of ours.
    const u = setup({ capabilities: { experimental: { sopFontsFolder: 'https://evil.example/fonts' } } });
    const q = await openReady(u);
    expect(q.options).toMatchObject({ localResourceRoots: [] });
    expect((u.requests.at(-1) as { params: { fontBase?: string } }).params.fontBase).toBeUndefined();
  });
});
