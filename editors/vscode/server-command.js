// Which `sop` the extension starts (no vscode API here, so it is testable in node).
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');

/**
 * The server command for a workspace folder (or none): `argv` is [command, ...args];
 * `shell` is needed for Windows' .cmd shims.
 */
function serverCommand(configured, folder) {
  if (Array.isArray(configured) && configured.length > 0) return { argv: configured, shell: false };
  const win = process.platform === 'win32';
  if (folder) {
    const local = path.join(folder, 'node_modules', '.bin', win ? 'sop.cmd' : 'sop');
    if (existsSync(local)) return { argv: [local, 'lsp', '--stdio'], shell: win };
    // The tool's own checkout: its bin is not linked into its own node_modules/.bin.
    try {
      const pkg = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
      const own = path.join(folder, 'dist', 'cli', 'sop.js');
      if (pkg.name === 'sop-ap' && existsSync(own)) return { argv: ['node', own, 'lsp', '--stdio'], shell: false };
    } catch {
      // No package.json: fall through to PATH.
    }
  }
  return { argv: ['sop', 'lsp', '--stdio'], shell: win };
}

module.exports = { serverCommand };
