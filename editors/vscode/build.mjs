// Builds the extension for packaging: the grammar copied from the repository's
// grammar/ folder (its single source), and extension.js bundled with its one
// dependency (vscode-languageclient) into dist/extension.js, so the .vsix
// carries one script instead of node_modules (324 files before, see README).
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

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
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = /(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (m) packages.add(m[1]);
}
const notices = [...packages].sort().map((dir) => {
  const { name, version } = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  const licence = readdirSync(dir).find((f) => /^licen[sc]e/i.test(f));
  return `${name} ${version}\n\n${licence && existsSync(`${dir}/${licence}`) ? readFileSync(`${dir}/${licence}`, 'utf8').trim() : '(no licence file)'}\n`;
});
writeFileSync(new URL('./dist/THIRD-PARTY-NOTICES.txt', import.meta.url), notices.join('\n' + '-'.repeat(72) + '\n\n'));
console.log('grammar copied to syntaxes/, extension bundled to dist/extension.js');
