/**
 * Bundles the CLI: an ESM entry with chunks (dist/cli/sop-all.js), a CommonJS
 * bundle for `sop check` (dist/cli/sop-check.cjs) and the executable that picks
 * one (dist/cli/sop.js). chevrotain pulls in
 * lodash-es, hundreds of small modules that cost ~0.5 s to load one by one;
 * bundled, a cold `sop check` starts in a fraction of that.
 * puppeteer-core stays external and is imported only when a PDF is made;
 * the build command (with handlebars) is initialised only when it runs.
 */
import { build } from 'esbuild';
import { thirdPartyNotices } from './notices.mjs';

// Split at the commands' dynamic imports: `sop check` compiles and runs only the entry
// (commander, the checker, chevrotain), not the language server, the renderer or
// Handlebars, which wait in dist/cli/chunks/ until their command runs.
const { rmSync: removeOld } = await import('node:fs');
removeOld('dist/cli/chunks', { recursive: true, force: true });
// The ES entry's map from before it was renamed sop-all.js.
removeOld('dist/cli/sop.js.map', { force: true });
const { builtinModules } = await import('node:module');
/**
 * Node's own modules are loaded with require(), not `import`: an ES import of
 * `node:fs` builds its namespace from every export, which loads fs/promises,
 * streams and readline on every start. child_process (which commander requires
 * for executable subcommands, never used here) is loaded on first use.
 */
const LAZY_BUILTINS = {
  child_process: ['ChildProcess', 'exec', 'execFile', 'execFileSync', 'execSync', 'fork', 'spawn', 'spawnSync'],
  // The threads of `sop build --jobs` (src/page/native-pool.ts): not loaded by a build of one SOP; and the PDF
  // reader's (src/import/pdf-reader.ts).
  worker_threads: ['Worker', 'parentPort', 'isMainThread', 'workerData'],
};
/**
 * chevrotain fills a 65 536-entry table on every lexer construction, for a
 * first-character optimisation our lexer never uses (src/syntax/tokens.ts:
 * safeMode). The same index is computed on demand instead; the build fails
 * if chevrotain's code changes under this patch.
 */
const CHEVROTAIN_TABLE = `function initCharCodeToOptimizedIndexMap() {
    if (isEmpty(charCodeToOptimizedIdxMap)) {
        charCodeToOptimizedIdxMap = new Array(65536);
        for (let i = 0; i < 65536; i++) {
            charCodeToOptimizedIdxMap[i] = i > 255 ? 255 + ~~(i / 255) : i;
        }
    }
}`;
const CHEVROTAIN_INDEX = `        : charCodeToOptimizedIdxMap[charCode];`;
const lazyCharTable = {
  name: 'chevrotain-lazy-char-table',
  setup(b) {
    b.onLoad({ filter: /chevrotain[\\/]lib[\\/]src[\\/]scan[\\/]lexer\.js$/ }, async (a) => {
      const { readFile } = await import('node:fs/promises');
      const text = await readFile(a.path, 'utf8');
      if (!text.includes(CHEVROTAIN_TABLE) || !text.includes(CHEVROTAIN_INDEX)) throw new Error(`scripts/bundle.mjs: chevrotain's ${a.path} changed; review the lazy-char-table patch`);
      return { contents: text.replace(CHEVROTAIN_TABLE, 'function initCharCodeToOptimizedIndexMap() {}').replace(CHEVROTAIN_INDEX, '        : 255 + ~~(charCode / 255);'), loader: 'js' };
    });
  },
};
const requireBuiltins = {
  name: 'require-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/0-9]+$/ }, (a) => {
      const name = a.path.replace(/^node:/, '');
      if (!builtinModules.includes(name)) return undefined;
      // The stub's own require() of the module: left to Node.
      if (a.namespace === 'sop-builtin') return { path: `node:${name}`, external: true };
      return { path: name, namespace: 'sop-builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'sop-builtin' }, (a) => {
      const lazy = LAZY_BUILTINS[a.path];
      const contents = lazy
        ? `let m; for (const k of ${JSON.stringify(lazy)}) Object.defineProperty(exports, k, { enumerable: true, get: () => (m ??= require('node:${a.path}'))[k] });`
        : `module.exports = require('node:${a.path}');`;
      return { contents, loader: 'js' };
    });
  },
};
/**
 * PDFKit is bundled (in the chunk of the native PDF, loaded when a PDF is made) with the packages it imports but the
 * native PDF never calls loaded on first use: fontkit (~200 ms at start-up: its Unicode tables are inflated on import;
 * src/page/ttf.ts reads and subsets the bundled fonts instead), linebreak (PDFKit's text wrapping) and the AES of
 * @noble/ciphers (encryption). A cold `sop build x.sop --format pdf` was 3.6x a cold `sop check`, 2.3x without them.
 * PDFKit's own data files (sRGB profile, standard fonts) are still read from its package. The build fails if PDFKit's
 * code changes under these patches.
 */
const PDFKIT_ICC = "new URL('./data/sRGB_IEC61966_2_1.icc', import.meta.url).href";
const PDFKIT_REQUIRE = 'const require$1 = createRequire(import.meta.url);';
// Each loaded from PDFKit's own folder, where npm may have nested it.
const FROM_PDFKIT = "const fromPdfkit = (m) => require('node:module').createRequire(require.resolve('pdfkit'))(m);";
const LAZY_PDFKIT_DEPS = {
  fontkit: `${FROM_PDFKIT}\nexport function create(...a) { return fromPdfkit('fontkit').create(...a); }`,
  linebreak: `${FROM_PDFKIT}\nexport default function LineBreaker(text) { const L = fromPdfkit('linebreak'); return new L(text); }`,
  '@noble/ciphers/aes': `${FROM_PDFKIT}\nexport function cbc(...a) { return fromPdfkit('@noble/ciphers/aes').cbc(...a); }\nexport function ecb(...a) { return fromPdfkit('@noble/ciphers/aes').ecb(...a); }`,
};
const lazyPdfkitDeps = {
  name: 'pdfkit-lazy-deps',
  setup(b) {
    b.onResolve({ filter: /^(fontkit|linebreak|@noble\/ciphers\/aes)$/ }, (a) => (/[\\/]node_modules[\\/]pdfkit[\\/]/.test(a.importer) ? { path: a.path, namespace: 'pdfkit-lazy' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'pdfkit-lazy' }, (a) => ({ contents: LAZY_PDFKIT_DEPS[a.path], loader: 'js' }));
    b.onLoad({ filter: /[\\/]node_modules[\\/]pdfkit[\\/]js[\\/]pdfkit\.node\.mjs$/ }, async (a) => {
      const { readFile } = await import('node:fs/promises');
      const text = await readFile(a.path, 'utf8');
      if (!text.includes(PDFKIT_ICC) || !text.includes(PDFKIT_REQUIRE)) throw new Error(`scripts/bundle.mjs: PDFKit's ${a.path} changed; review the pdfkit-lazy-deps patch`);
      return {
        contents: text
          .replace(PDFKIT_ICC, "require('node:path').join(require('node:path').dirname(require.resolve('pdfkit')), 'data', 'sRGB_IEC61966_2_1.icc')")
          .replace(PDFKIT_REQUIRE, "const require$1 = createRequire(require.resolve('pdfkit'));"),
        loader: 'js',
      };
    });
  },
};
await build({
  // The process that reads a PDF for `sop import` and the language server (src/import/pdf-process.ts) starts from
  // dist/cli/sop-pdf-reader.js, an entry of its own beside sop-all.js, sharing its chunks; so does the thread that
  // reads, checks and renders for `sop preview` (src/cli/preview/thread.ts), dist/cli/sop-preview-worker.js.
  entryPoints: { 'sop-all': 'src/cli/main.ts', 'sop-pdf-reader': 'src/import/pdf-reader.ts', 'sop-preview-worker': 'src/cli/preview/worker.ts' },
  outdir: 'dist/cli',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [requireBuiltins, lazyCharTable, lazyPdfkitDeps],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  legalComments: 'none',
  // Only what must stay external. An external package imported statically by a module
  // that is itself loaded on demand is still imported at start-up (esbuild hoists
  // external imports), so the language server's packages are bundled instead.
  external: ['puppeteer-core', 'puppeteer', '@mermaid-js/*', 'mermaid', 'pdf-lib', 'pdfjs-dist', 'fontkit', 'linebreak', 'png-js', '@noble/*', '@resvg/resvg-js'],
  banner: { js: "import { createRequire as __sopCreateRequire } from 'node:module'; const require = __sopCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

/**
 * `sop check …` (the command CI runs most, often once per file) starts from its own
 * CommonJS bundle, dist/cli/sop-check.cjs: one file, no ES module graph to resolve and
 * link, and only the `check` command in the program (the other commands' definitions are
 * replaced by no-ops, so none of their code is in it). dist/cli/sop.js chooses between
 * it and dist/cli/sop-all.js (every command). Issue 19 item 14.
 */
const commandOnly = (command) => ({
  name: `sop-${command}-only`,
  setup(b) {
    b.onResolve({ filter: /^\.\/program\/[a-z-]+\.js$/ }, (a) => {
      const name = /([a-z-]+)\.js$/.exec(a.path)[1];
      if (!/[\\/]src[\\/]cli[\\/]main\.ts$/.test(a.importer) || name === command || name === 'options') return undefined;
      return { path: name, namespace: `sop-${command}-only` };
    });
    b.onLoad({ filter: /.*/, namespace: `sop-${command}-only` }, (a) => ({
      contents: `export function add${a.path.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase())}() {}`,
      loader: 'js',
    }));
  },
});
const checkOnly = commandOnly('check');
/** What the one-command CommonJS bundles (check, build) share. */
const oneCommandCjs = { outdir: 'dist/cli', outExtension: { '.js': '.cjs' }, bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, legalComments: 'none', logLevel: 'warning' };
await build({
  ...oneCommandCjs,
  entryPoints: { 'sop-check': 'src/cli/main.ts' },
  plugins: [checkOnly, requireBuiltins, lazyCharTable],
  external: ['puppeteer-core', 'puppeteer', '@mermaid-js/*', 'mermaid', 'pdf-lib', 'pdfjs-dist', 'pdfkit', 'fontkit', '@resvg/resvg-js'],
  logLevel: 'warning',
});

/**
 * `sop build …` (issue 22: a cold `build --format pdf` within 3x a cold check) starts the same way, from
 * dist/cli/sop-build.cjs with the build command alone and its own code cache. The rest of the build (the
 * native PDF, PDFKit with the patches above, Handlebars, the browser's driver) stays in the one file and is
 * initialised only when first used. A script compiled with node:vm may not import(), so the packages left
 * outside it (resvg, pdf-lib, puppeteer-core: CommonJS packages) are require()d when first used instead. The
 * modules that find the package's files (fonts, templates, Mermaid) from import.meta.url get the bundle's URL.
 */
const requireDynamic = {
  name: 'sop-require-dynamic',
  setup(b) {
    b.onResolve({ filter: /^(puppeteer-core|pdf-lib|@resvg\/resvg-js)$/ }, (a) => {
      if (a.namespace === 'sop-require-dynamic') return { path: a.path, external: true };
      if (a.kind !== 'dynamic-import') throw new Error(`scripts/bundle.mjs: ${a.path} imported statically by ${a.importer}`);
      return { path: a.path, namespace: 'sop-require-dynamic' };
    });
    b.onLoad({ filter: /.*/, namespace: 'sop-require-dynamic' }, (a) => ({ contents: `module.exports = require(${JSON.stringify(a.path)});`, loader: 'js' }));
  },
};
await build({
  ...oneCommandCjs,
  // The drawing threads of `sop build --jobs N` (src/page/native-pool.ts) start from their own CommonJS bundle,
  // beside this one: no ES loader in a thread either.
  entryPoints: { 'sop-build': 'src/cli/main.ts', 'sop-native-worker': 'src/page/native-worker.ts' },
  plugins: [
    commandOnly('build'),
    requireDynamic,
    requireBuiltins,
    lazyCharTable,
    lazyPdfkitDeps,
    {
      // PDFKit's ES build (what the ES bundle takes, patched above), not its CommonJS one.
      name: 'pdfkit-esm',
      setup(b) {
        b.onResolve({ filter: /^pdfkit$/ }, () => ({ path: createRequire(import.meta.url).resolve('pdfkit').replace(/pdfkit\.js$/, 'pdfkit.node.mjs') }));
      },
    },
  ],
  define: { 'import.meta.url': '__sopModuleUrl' },
  banner: { js: "var __sopModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // PDFKit's patches find its folder with require.resolve at run time, as meant.
  logOverride: { 'require-resolve-not-external': 'silent' },
  // PDFKit's small dependencies (@noble/hashes, png-js) bundled: resolving them at start cost ~30 ms.
  external: ['puppeteer', '@mermaid-js/*', 'mermaid', 'pdfjs-dist', 'fontkit', 'linebreak'],
});

import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
// The executable (package.json "bin"): CommonJS, so that Node starts no ES loader for it.
// `sop check …` compiles the CommonJS bundle with V8's code cache (dist/cli/sop-check.cjs.cache,
// made below): V8 then neither parses the 0.6 MB nor compiles the functions a check runs. A
// cache from another Node (or missing) is rejected by V8 and the file is compiled as usual, so
// it only ever saves time. Everything else imports the ES bundle. dist/cli/sop.js, the path
// the docs and scripts run, is the same command.
writeFileSync(
  'dist/cli/sop.cjs',
  `#!/usr/bin/env node
// The \`sop\` command, written by scripts/bundle.mjs (issue 19 item 14: read why there).
'use strict';
if (process.argv[2] === 'check' || process.argv[2] === 'build') {
  const { readFileSync } = require('node:fs');
  const { Script } = require('node:vm');
  const Module = require('node:module');
  const file = require('node:path').join(__dirname, \`sop-\${process.argv[2]}.cjs\`);
  let cachedData;
  try {
    cachedData = readFileSync(file + '.cache');
  } catch {}
  const script = new Script(Module.wrap(readFileSync(file, 'utf8').replace(/^#!/, '//')), { filename: file, cachedData });
  const m = new Module(file);
  m.filename = file;
  script.runInThisContext()(m.exports, Module.createRequire(file), m, file, __dirname);
} else import('./sop-all.js');
`,
);
writeFileSync(
  'dist/cli/sop.js',
  `#!/usr/bin/env node
// The \`sop\` command as an ES module: the same as ./sop.cjs (package.json "bin"), written by scripts/bundle.mjs.
import { createRequire } from 'node:module';
createRequire(import.meta.url)('./sop.cjs');
`,
);
chmodSync('dist/cli/sop.cjs', 0o755);
chmodSync('dist/cli/sop.js', 0o755);
{
  // The cache: the same compilation as above, run on the example SOPs, then serialised with
  // every function the run compiled. A cache V8 would reject is not shipped.
  const { spawnSync } = await import('node:child_process');
  const { resolve } = await import('node:path');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  // \`sop build\`'s cache from a build of the examples to PDF (the native engine: no browser is started).
  const buildOut = mkdtempSync(join(tmpdir(), 'sop-bundle-'));
  for (const [command, args, env] of [
    ['check', existsSync('sops') ? ['sops'] : [], {}],
    // V8's flags as a cold build has them when it reads the cache (src/cli/tiering.ts sets its own after that).
    ['build', existsSync('sops') ? ['sops', '--format', 'pdf', '--out', buildOut] : [], { SOP_CHROMIUM: join(buildOut, 'no-browser'), SOP_V8_TIERING: 'default' }],
  ]) {
  const file = resolve(`dist/cli/sop-${command}.cjs`);
  const cacheFile = `${file}.cache`;
  rmSync(cacheFile, { force: true });
  const produce = `
    const { readFileSync, writeFileSync } = require('node:fs');
    const { Script } = require('node:vm');
    const Module = require('node:module');
    const file = ${JSON.stringify(file)};
    const script = new Script(Module.wrap(readFileSync(file, 'utf8').replace(/^#!/, '//')), { filename: file });
    process.argv = [process.argv[0], file, ${JSON.stringify(command)}, ...${JSON.stringify(args)}];
    process.once('exit', () => writeFileSync(file + '.cache', script.createCachedData()));
    const m = new Module(file);
    m.filename = file;
    script.runInThisContext()(m.exports, Module.createRequire(file), m, file, ${JSON.stringify(resolve('dist/cli'))});`;
  const made = spawnSync(process.execPath, ['-e', produce], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, ...env } });
  if (!existsSync(cacheFile)) throw new Error(`scripts/bundle.mjs: no code cache for dist/cli/sop-${command}.cjs: ${made.stderr}`);
  const check = spawnSync(process.execPath, ['-e', `
    const { readFileSync } = require('node:fs');
    const file = ${JSON.stringify(file)};
    const s = new (require('node:vm').Script)(require('node:module').wrap(readFileSync(file, 'utf8').replace(/^#!/, '//')), { filename: file, cachedData: readFileSync(file + '.cache') });
    process.exit(s.cachedDataRejected ? 1 : 0);`]);
  if (check.status !== 0) rmSync(cacheFile);
  }
  rmSync(buildOut, { recursive: true, force: true });
}

// Mermaid runs inside the browser page from one file: ship that file (and its
// licence) instead of depending on the mermaid package and its dependency tree.
const mermaidJs = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
mkdirSync('dist/vendor', { recursive: true });
copyFileSync(mermaidJs, 'dist/vendor/mermaid.min.js');
copyFileSync(join(dirname(mermaidJs), '..', 'LICENSE'), 'dist/vendor/mermaid.LICENSE');

// The playground (`sop playground --out DIR`): a static page that runs the library in the
// browser. Built here, shipped in dist/playground/, copied out by the command. The templates
// are read by the CLI's own loader (tsc has just compiled it) and precompiled, with the examples
// of sops/, so the page needs no file beside it but its own. Those functions are bundled from
// src/ for this script (not taken from tsc's output: the Docker image and a bare `node
// scripts/bundle.mjs` have none).
const { readdirSync, readFileSync } = await import('node:fs');
const helperFile = 'dist/.playground-build.mjs';
await build({
  stdin: {
    contents: "export { loadTemplates } from './src/project/templates.ts'; export { precompileTemplates } from './src/emit/html/render.ts'; export { compile } from './src/index.ts';",
    resolveDir: '.',
    loader: 'ts',
  },
  outfile: helperFile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
const { loadTemplates, precompileTemplates, compile } = await import(new URL(`../${helperFile}`, import.meta.url).href);
rmSync(helperFile);
const examples = existsSync('sops')
  ? readdirSync('sops')
      .filter((f) => f.endsWith('.sop'))
      .sort()
      .map((file) => {
        const text = readFileSync(join('sops', file), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
        const r = compile(text);
        return { file, name: r.model.name, text, clean: r.diagnostics.length === 0 };
      })
  : [];
// The first is what a new visitor sees: the smallest without warnings.
examples.sort((a, b) => Number(b.clean) - Number(a.clean) || a.text.length - b.text.length || a.file.localeCompare(b.file));
for (const e of examples) delete e.clean;
let embedded = `export const TEMPLATE_SPECS = ${precompileTemplates(loadTemplates())};\nexport const EXAMPLES = ${JSON.stringify(examples)};\n`;
const sopEmbedded = {
  name: 'sop-embedded',
  setup(b) {
    b.onResolve({ filter: /^sop:embedded$/ }, () => ({ path: 'sop:embedded', namespace: 'sop-embedded' }));
    b.onLoad({ filter: /.*/, namespace: 'sop-embedded' }, () => ({ contents: embedded, loader: 'js' }));
  },
};
/** The playground's scripts: classic scripts (Chromium refuses module scripts from file://), minified. */
const pageScript = {
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: ['chrome100', 'firefox100', 'safari15'],
  minify: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  // The library reads one debugging switch from the environment (syntax/tokens.ts); a page has none.
  define: { 'process.env': '{}' },
};
// The check, layout and HTML in a Web Worker (playground/engine-worker.ts): bundled first, then
// embedded in app.js as a string, since a page opened from file:// may start a worker only from a blob: URL.
const worker = await build({ ...pageScript, entryPoints: ['playground/engine-worker.ts'], write: false, outfile: 'engine-worker.js', plugins: [sopEmbedded] });
embedded += `export const WORKER_SOURCE = ${JSON.stringify(worker.outputFiles[0].text)};\n`;
rmSync('dist/playground', { recursive: true, force: true });
const pg = await build({ ...pageScript, entryPoints: ['playground/app.ts'], outfile: 'dist/playground/app.js', plugins: [sopEmbedded] });
// The importer (a dropped PDF, .docx, .xlsx or text file → a draft): its own script, loaded by the
// page only when a file comes, so pdf.js (~1.5 MB) is not parsed on every visit. DecompressionStream's
// 'deflate-raw' needs Chromium 103, Firefox 113, Safari 16.4.
const imp = await build({
  ...pageScript,
  entryPoints: ['playground/import.ts'],
  outfile: 'dist/playground/import.js',
  target: ['chrome103', 'firefox113', 'safari16.4'],
  logLevel: 'error',
  // pdf.js reaches for Node's modules only when it runs in Node.
  external: ['fs', 'module', 'url', 'path', 'canvas', 'path2d', 'node:*'],
});
for (const f of ['index.html', 'app.css']) copyFileSync(join('playground', f), join('dist/playground', f));
// The bundled font and its licence, which the document's @font-face loads (src/emit/html/fonts.ts).
mkdirSync('dist/playground/fonts', { recursive: true });
for (const f of ['LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf', 'LiberationSans-Italic.ttf', 'LiberationSans-BoldItalic.ttf', 'LICENSE']) copyFileSync(join('fonts', f), join('dist/playground/fonts', f));
// The bundled packages' licences, which minifying strips.
writeFileSync('dist/playground/THIRD-PARTY-NOTICES.txt', thirdPartyNotices({ inputs: { ...pg.metafile.inputs, ...worker.metafile.inputs, ...imp.metafile.inputs } }));
