// Starts `sop lsp` for .sop files. The command is configurable (sop.server.command).
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration('sop').get('server.command');
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  client = new LanguageClient(
    'sop',
    'SOP',
    { run: { command, args, transport: TransportKind.stdio, options: { cwd } }, debug: { command, args, transport: TransportKind.stdio, options: { cwd } } },
    { documentSelector: [{ scheme: 'file', language: 'sop' }, { scheme: 'untitled', language: 'sop' }] },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
