// Builds the extension for packaging: the grammar copied from the repository's
// grammar/ folder (its single source), and extension.js bundled with its one
// dependency (vscode-languageclient) into dist/extension.js, so the .vsix
// carries one script instead of node_modules (324 files before, see README).
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { thirdPartyNotices } from '../../scripts/notices.mjs';

mkdirSync(new URL('./syntaxes/', import.meta.url), { recursive: true });
copyFileSync(new URL('../../grammar/sop.tmLanguage.json', import.meta.url), new URL('./syntaxes/sop.tmLanguage.json', import.meta.url));

const result = await build({
  entryPoints: [new URL('./extension.js', import.meta.url).pathname],
  outfile: new URL('./dist/extension.js', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  minify: true,
  // Provided by VS Code at run time.
  external: ['vscode'],
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

// The bundled packages' licences, which minifying strips: dist/THIRD-PARTY-NOTICES.txt.
writeFileSync(new URL('./dist/THIRD-PARTY-NOTICES.txt', import.meta.url), thirdPartyNotices(result.metafile));
console.log('grammar copied to syntaxes/, extension bundled to dist/extension.js');
