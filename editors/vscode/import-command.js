// "SOP: Import SOP…" (issue 23): a PDF, Word, Excel or text file the user
// chooses (or right-clicks in the explorer) is read here and sent to the
// language server (`sop/import`), which answers with one .sop draft per SOP
// found; each opens as a new unsaved document, so nothing is written until
// the user saves. The server reads no file for it, and nothing is uploaded.
const vscode = require('vscode');

/** Larger files are refused before they are read (the server's PDF cap). */
const MAX_BYTES = 50 * 1024 * 1024;

function registerImport(context, getClient) {
  context.subscriptions.push(
    vscode.commands.registerCommand('sop.importFile', async (uri) => {
      let target = uri;
      if (!target || !target.fsPath) {
        const picked = await vscode.window.showOpenDialog({
          canSelectMany: false,
          openLabel: 'Impor SOP',
          filters: { 'SOP (PDF, Word, Excel, LibreOffice, teks)': ['pdf', 'docx', 'xlsx', 'odt', 'ods', 'txt'] },
        });
        target = picked && picked[0];
      }
      if (!target) return;
      const name = target.path.split('/').pop() || 'dokumen';
      const stat = await vscode.workspace.fs.stat(target);
      if (stat.size > MAX_BYTES) {
        vscode.window.showErrorMessage(`Impor SOP: ${name} terlalu besar (batasnya 50 MB).`);
        return;
      }
      const bytes = await vscode.workspace.fs.readFile(target);
      const client = getClient();
      const reply = await client
        .sendRequest('sop/import', { name, data: Buffer.from(bytes).toString('base64') })
        .catch((e) => ({ error: String((e && e.message) || e) }));
      if (!reply || reply.error || !Array.isArray(reply.drafts)) {
        vscode.window.showErrorMessage(`Impor SOP: ${name}: ${(reply && reply.error) || 'tidak dapat dibaca'}`);
        return;
      }
      for (const d of reply.drafts) {
        const doc = await vscode.workspace.openTextDocument({ language: 'sop', content: d.text });
        await vscode.window.showTextDocument(doc, { preview: false });
      }
      const guesses = reply.drafts.reduce((n, d) => n + d.guesses, 0);
      vscode.window.showInformationMessage(
        `Impor SOP: ${reply.drafts.length} draf dari ${name}; ${guesses} tebakan ditandai komentar # SOP7xx. Simpan sebagai ${reply.drafts.map((d) => d.fileName).join(', ')}.`,
      );
    }),
  );
}

module.exports = { registerImport };
