/**
 * Bundles the CLI into one ESM file (dist/cli/sop.js). chevrotain pulls in
 * lodash-es, hundreds of small modules that cost ~0.5 s to load one by one;
 * bundled, a cold `sop check` starts in a fraction of that.
 * puppeteer-core stays external and is imported only when a PDF is made;
 * the build command (with handlebars) is initialised only when it runs.
 */
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli/sop.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  legalComments: 'none',
  // Only what must stay external. An external package imported statically by a module
  // that is itself loaded on demand is still imported at start-up (esbuild hoists
  // external imports), so the language server's packages are bundled instead.
  external: ['puppeteer-core', 'puppeteer', '@mermaid-js/*', 'mermaid', 'pdf-lib'],
  banner: { js: "import { createRequire as __sopCreateRequire } from 'node:module'; const require = __sopCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
chmodSync('dist/cli/sop.js', 0o755);

// Mermaid runs inside the browser page from one file: ship that file (and its
// licence) instead of depending on the mermaid package and its dependency tree.
const mermaidJs = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
mkdirSync('dist/vendor', { recursive: true });
copyFileSync(mermaidJs, 'dist/vendor/mermaid.min.js');
copyFileSync(join(dirname(mermaidJs), '..', 'LICENSE'), 'dist/vendor/mermaid.LICENSE');
