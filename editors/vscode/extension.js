// Starts `sop lsp` for .sop files. The command is configurable (sop.server.command);
// by default the `sop` installed in the workspace (node_modules/.bin/sop, a dev
// dependency), else `sop` on PATH (a global install). Never `npx`: it would fetch
// an unrelated registry package called `sop` where the tool is not installed.
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');
const { serverCommand } = require('./server-command.js');
const { registerPreview } = require('./preview-panel.js');
const { registerImport } = require('./import-command.js');

let client;

function activate(context) {
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const { argv, shell } = serverCommand(vscode.workspace.getConfiguration('sop').get('server.command'), cwd);
  const [command, ...args] = argv;
  const server = { command, args, transport: TransportKind.stdio, options: { cwd, shell } };
  client = new LanguageClient(
    'sop',
    'SOP',
    { run: server, debug: server },
    { documentSelector: [{ scheme: 'file', language: 'sop' }, { scheme: 'untitled', language: 'sop' }] },
  );
  context.subscriptions.push(client);
  registerPreview(context, () => client);
  registerImport(context, () => client);
  return client.start();
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
