// "SOP: Open Preview to the Side": a webview beside the editor that follows
// the active .sop document as you type (the server's `sop/preview` request:
// the same HTML as `sop build`, from the unsaved text), keeps the last good
// document while the text has errors, keeps its scroll position, highlights
// the step under the cursor, and moves the cursor to a clicked step.
// The pure parts are in preview-protocol.js (unit-tested); this file's wiring
// is tested against a stand-in `vscode` module (test/vscode-preview-panel.test.ts).
'use strict';
const vscode = require('vscode');
const proto = require('./preview-protocol.js');

const UPDATE_DELAY_MS = 150;

/**
 * The webview's page. The document's own <style> elements are copied in; scripts never run (CSP: only this
 * nonce); fonts come from the webview's own resources only (`cspSource`), which localResourceRoots limits to
 * the package's fonts/ (the document's @font-face rules name the bundled Liberation Sans there).
 */
function shellHtml(nonce, cspSource) {
  return `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src ${cspSource}; script-src 'nonce-${nonce}'">
<style>body{background:#fff;color:#000}[data-step].sop-current{outline:3px solid #1e88e5;outline-offset:2px}#sop-errors{position:fixed;top:0;left:0;right:0;background:#fff3e0;color:#6d3b00;font:13px sans-serif;padding:4px 8px;display:none}</style>
</head><body><div id="sop-errors"></div><div id="sop-doc"></div><script nonce="${nonce}">
const vscode = acquireVsCodeApi();
const stepOfElement = ${proto.stepOfElement.toString()};
let version = -1;
const state = vscode.getState() || {};
addEventListener('message', (ev) => {
  const m = ev.data;
  if (m.type === 'update') {
    if (m.version < version) return;
    version = m.version;
    const bar = document.getElementById('sop-errors');
    if (m.html === null) { bar.textContent = m.note || ''; bar.style.display = m.note ? 'block' : 'none'; return; }
    bar.style.display = 'none';
    const doc = new DOMParser().parseFromString(m.html, 'text/html');
    const host = document.getElementById('sop-doc');
    host.innerHTML = '';
    for (const s of doc.querySelectorAll('style')) host.appendChild(document.importNode(s, true));
    for (const n of [...doc.body.childNodes]) host.appendChild(document.importNode(n, true));
    if (state.y !== undefined) scrollTo(0, state.y);
  } else if (m.type === 'highlight') {
    for (const e of document.querySelectorAll('.sop-current')) e.classList.remove('sop-current');
    if (m.step !== null) for (const e of document.querySelectorAll('[data-step="' + m.step + '"]')) e.classList.add('sop-current');
  }
});
addEventListener('click', (ev) => {
  const step = stepOfElement(ev.target);
  if (step !== null) vscode.postMessage({ type: 'reveal', step });
});
let t = null;
addEventListener('scroll', () => { clearTimeout(t); t = setTimeout(() => { state.y = scrollY; vscode.setState(state); vscode.postMessage({ type: 'scroll', y: scrollY }); }, 100); });
vscode.postMessage({ type: 'ready' });
</script></body></html>`;
}

/** Registers the command; `getClient` returns the running language client. */
function registerPreview(context, getClient) {
  let panel = null;
  let doc = null;
  let spans = [];
  let timer = null;
  let sent = 0;
  // The webview URL of the package's fonts/ (the @font-face rules' base), once the webview may load that folder.
  let fontBase = null;

  // The package's fonts/, as the language server announces it at initialisation; null when it does not.
  const fontsFolder = () => {
    const f = getClient()?.initializeResult?.capabilities?.experimental?.sopFontsFolder;
    return typeof f === 'string' && f.startsWith('file:') ? vscode.Uri.parse(f) : null;
  };
  const webviewOptions = (folder) => ({ enableScripts: true, localResourceRoots: folder ? [folder] : [] });
  const baseOf = (folder) => (folder ? panel.webview.asWebviewUri(folder).toString().replace(/\/?$/, '/') : null);

  const update = async () => {
    if (!panel || !doc) return;
    const client = getClient();
    if (!client) return;
    if (fontBase === null) {
      // The server was not yet started when the panel opened: let the webview load the fonts now.
      const folder = fontsFolder();
      if (folder) {
        panel.webview.options = webviewOptions(folder);
        fontBase = baseOf(folder);
      }
    }
    const params = { textDocument: { uri: doc.uri.toString() } };
    const reply = await client.sendRequest('sop/preview', fontBase ? { ...params, fontBase } : params).catch(() => null);
    if (!reply || !panel) return;
    // LSP lines are 0-based; the mapping works on 1-based lines.
    spans = proto.stepSpans(reply.steps.map((s) => ({ number: s.number, range: { start: { line: s.range.start.line + 1 }, end: { line: s.range.end.line + 1 } } })));
    const note = reply.html === null ? `${reply.errors} galat: yang tampil adalah versi terakhir yang benar` : '';
    void panel.webview.postMessage({ ...proto.updateMessage(++sent, reply.html), note });
    highlight();
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void update(), UPDATE_DELAY_MS);
  };
  const highlight = () => {
    const ed = vscode.window.activeTextEditor;
    if (!panel || !ed || ed.document !== doc) return;
    void panel.webview.postMessage(proto.highlightMessage(proto.stepAtLine(spans, ed.selection.active.line + 1)));
  };

  const open = () => {
    const ed = vscode.window.activeTextEditor;
    if (!ed || ed.document.languageId !== 'sop') return;
    doc = ed.document;
    if (!panel) {
      // The only local files the webview may load: the bundled font's folder.
      const folder = fontsFolder();
      panel = vscode.window.createWebviewPanel('sopPreview', 'Pratinjau SOP', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { ...webviewOptions(folder), retainContextWhenHidden: true });
      fontBase = baseOf(folder);
      const nonce = require('node:crypto').randomBytes(16).toString('base64');
      panel.webview.html = shellHtml(nonce, panel.webview.cspSource);
      panel.onDidDispose(() => { panel = null; fontBase = null; if (timer) clearTimeout(timer); }, null, context.subscriptions);
      panel.webview.onDidReceiveMessage((raw) => {
        const m = proto.parseWebviewMessage(raw);
        if (!m) return;
        if (m.type === 'ready') void update();
        else if (m.type === 'reveal' && doc) {
          const line = proto.lineOfStep(spans, m.step);
          if (line === null) return;
          void vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preserveFocus: false }).then((ed) => {
            const pos = new vscode.Position(line - 1, 0);
            ed.selection = new vscode.Selection(pos, pos);
            ed.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
          });
        }
      }, null, context.subscriptions);
    } else {
      // Like the Markdown preview: the command again brings the panel forward (it may be behind another tab).
      panel.reveal(vscode.ViewColumn.Beside, true);
    }
    panel.title = `Pratinjau ${doc.fileName.split(/[\\/]/).pop()}`;
    schedule();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('sop.openPreviewToSide', open),
    vscode.workspace.onDidChangeTextDocument((e) => { if (panel && e.document === doc) schedule(); }),
    vscode.window.onDidChangeActiveTextEditor((ed) => { if (panel && ed && ed.document.languageId === 'sop' && ed.document !== doc) open(); }),
    vscode.window.onDidChangeTextEditorSelection((e) => { if (panel && e.textEditor.document === doc) highlight(); }),
  );
}

module.exports = { registerPreview, shellHtml };
