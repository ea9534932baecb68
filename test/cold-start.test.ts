/**
 * Cold start of `sop check` (issue 19 item 14). Time is measured by the bench
 * (`npm run bench -- frontend`: the ratio to `node -e 0`, bench/RESULTS.md);
 * here, what makes it: the command is a CommonJS file (no ES loader), and
 * `sop check …` runs one CommonJS bundle of the program
 * with that command alone (dist/cli/sop-check.cjs), compiled from V8's code
 * cache, which prints what the full program prints; every other command line
 * loads the entry and the chunks it needs (not the language server, the
 * renderer or Handlebars); Node's modules are loaded with require() (no
 * child_process, no ES namespace of node:fs), and the grammar the start no
 * longer validates is still valid.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/tmp.js';

const root = join(import.meta.dirname, '..');
const entry = join(root, 'dist/cli/sop.js');
/** The ES bundle of every command (what the entry imports for anything but `check`). */
const allEntry = join(root, 'dist/cli/sop-all.js');
const checkBundle = join(root, 'dist/cli/sop-check.cjs');

/** The files `import … from "./…"` reaches from the entry, statically (dynamic imports left out). */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s*"(\.[^"]+)"|^import\s*"(\.[^"]+)"/gms)) staticClosure(join(dirname(file), (m[1] ?? m[2])!), seen);
  return seen;
}

/** Node's own modules a `check` of one example loaded (process.moduleLoadList at exit), run through `cli`. */
function nodeModulesLoaded(cli: string): string[] {
  const dir = tempDir('sop-cold-');
  const hook = join(dir, 'hook.cjs');
  writeFileSync(hook, "process.on('exit', () => process.stderr.write('@@' + JSON.stringify(process.moduleLoadList) + '\\n'));");
  const r = spawnSync(process.execPath, ['-r', hook, cli, 'check', join(root, 'sops/pelayanan-tamu.sop')], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(/@@(.*)/.exec(r.stderr)![1]!) as string[];
}

/** The scripts `cli args` compiled with node:vm (and whether from an accepted code cache), and Node's modules it loaded. */
function compiledScripts(cli: string, args: string[], env: Record<string, string> = {}): { seen: { file: string; cached: boolean; rejected: boolean }[]; loaded: string[] } {
  const dir = tempDir('sop-cold-');
  const hook = join(dir, 'hook.cjs');
  writeFileSync(
    hook,
    `const vm = require('node:vm');
    const seen = [];
    const Script = vm.Script;
    vm.Script = class extends Script { constructor(code, o) { super(code, o); seen.push({ file: o && o.filename, cached: !!(o && o.cachedData), rejected: this.cachedDataRejected }); } };
    process.on('exit', () => process.stderr.write('@@' + JSON.stringify({ seen, loaded: process.moduleLoadList }) + '\\n'));`,
  );
  const r = spawnSync(process.execPath, ['-r', hook, cli, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(/@@(.*)/.exec(r.stderr)![1]!) as { seen: { file: string; cached: boolean; rejected: boolean }[]; loaded: string[] };
}

describe('what a cold `sop check` loads', () => {
  const closure = [...staticClosure(allEntry)];
  const text = closure.map((f) => readFileSync(f, 'utf8')).join('\n');

  it('the full program and its static chunks: no language server, renderer, Handlebars or chokidar', () => {
    expect(closure.length).toBeGreaterThan(1); // split, not one 1.6 MB file
    for (const marker of ['vscode-languageserver', 'node_modules/handlebars', 'node_modules/chokidar', 'src/render/session.ts', 'src/lsp/server.ts', 'src/cli/commands/build.ts']) {
      expect(text, marker).not.toContain(`// ${marker}`);
    }
    const bytes = closure.reduce((n, f) => n + statSync(f).size, 0);
    // 800 KB until `sop check` ran the page-fit check (SOP596, src/page/fit.ts): the table's frame (font metrics,
    // text wrapping, hyphenation) comes with the layout module and the router it imports (~200 KB); a cold check
    // of a sops/ file measured the same (110-120 ms, 20 runs each, before and after). 920 KB since the routing rules of
    // issue 20's tenth session (top-more, spare-downs, top-rows, label-room, end-mark, furtherOut: +12 KB): a cold
    // check of sops/penyusunan-duk.sop against the code before them, 30 runs each alternating on a loaded machine,
    // medians 303 and 280 ms, the fastest quarters 202 and 224 ms (no difference beyond the noise). 930 KB since
    // the labels further along (route/label-far.ts, +2 KB: 921 KB): the same check, 12 runs each alternating against
    // 24a591a, medians 411 and 417 ms. 940 KB since the font's coverage came into the text measure (+2 KB: 932 KB).
    // 945 KB since issue 20's fifteenth session (SOP409/SOP410 and the importer's messages in the catalogue, the
    // UTF-16 message, a word cut at its syllables: 941 KB in a clean clone): `sop check` of sops/pelayanan-tamu.sop, 15
    // runs each alternating against that session's start, medians 149 and 149 ms. 950 KB since the sixteenth (a long
    // Mutu Baku word broken in narrow lanes, the estimate's syllable cuts, a folder linked out of the repository: 945.5 KB
    // in a clean clone): the same check of sops/penyusunan-duk.sop, 12 runs each alternating against its start on a
    // loaded machine, medians 402 and 400 ms. 955 KB since SOP597 and the repository checks of readText came into it
    // (950.5 KB): 12 runs each alternating against the session's start, medians about 230 and 268 ms (a busy machine).
    // 961 KB since a logo's image data is checked (PNG inflated under the header's cap, JPEG frames: +5 KB; main was at
    // 955.2 KB already, over the cap, in a clean clone): `sop check sops/pelayanan-tamu.sop` and `sop list sops`, 12
    // runs each alternating against main in clean clones, medians 112/110 ms and 191/183 ms (no difference). 965 KB
    // since a system failure is said in Indonesian (io.ts ioTrouble, and its English lines in messages.ts: 963.4 KB in a
    // clean clone): `sop check sops/pelayanan-tamu.sop`, 12 runs each alternating against the session's start (3d0b951)
    // in clean clones, medians 102 and 101 ms. 968 KB since SOP503 gives JSON.parse's reasons in Indonesian (965.0 KB):
    // the same check, 30 runs each alternating against 3d0b951, medians 100 and 100.5 ms, then 109.5 and 106 ms.
    // 970 KB since review 20's SOP101 hint for a wrapped line (+1.5 KB: 967.3 -> 968.8 KB in a worktree whose
    // node_modules is a link): `sop check` of a 12-step SOP, 15 runs each alternating against 68b6038, medians 273
    // and 275 ms (a loaded machine).
    expect(bytes).toBeLessThan(970_000);
  });

  it('no ES import of a Node module (its namespace loads fs/promises and streams), no child_process at start', () => {
    expect(text).not.toMatch(/^import\s[^;]*from\s*"(node:)?(fs|path|os|child_process|url|crypto)"/m);
    const loaded = nodeModulesLoaded(entry);
    expect(loaded).not.toContain('NativeModule child_process');
    expect(loaded).not.toContain('NativeModule dgram');
  });
});

describe('`sop check` runs its own bundle', () => {
  const bundled = readFileSync(checkBundle, 'utf8');

  it('one CommonJS file with the check command alone: no other command, no renderer, Handlebars or language server', () => {
    expect(bundled).toContain('// src/cli/program/check.ts');
    expect(bundled).toContain('// node_modules/chevrotain/');
    for (const marker of ['src/cli/program/build.ts', 'src/cli/program/lsp.ts', 'src/cli/commands/build.ts', 'src/cli/commands/fmt.ts', 'src/lsp/server.ts', 'src/render/session.ts', 'node_modules/handlebars', 'node_modules/chokidar', 'vscode-languageserver']) {
      expect(bundled, marker).not.toContain(`// ${marker}`);
    }
    expect(bundled).not.toMatch(/\bimport\(|import_meta/);
    // 700 KB before the page-fit check (SOP596) came into `sop check`, 850 KB before issue 20's tenth session's routing
    // rules (see above), 870 KB before the arrowheads cleared of their corners (route/head-clear.ts, +5 KB: 875 KB; a
    // cold check of sops/penyusunan-duk.sop, 12 runs each alternating against 604bc38: medians 378 and 382 ms), 880 KB
    // before the font's coverage came into the text measure (layout/font-metrics.ts COVERED, +2 KB: 879 KB), 890 KB
    // before issue 20's sixteenth session (+1.4 KB: 891.6 KB; the cold check as above, medians 402 and 400 ms), 895 KB
    // before SOP597 and readText's repository checks (896.5 KB; medians about 230 and 268 ms against the session's start),
    // 900 KB before a logo's image data was checked (PNG inflated under the header's cap, JPEG frames: 898.4 -> 903.1 KB
    // in clean clones; a cold check of sops/pelayanan-tamu.sop, 12 runs each alternating against main: medians 112 and
    // 110 ms), 905 KB before a system failure was said in Indonesian (903.8 -> 906.2 KB in clean clones; the same cold
    // check against 3d0b951: medians 102 and 101 ms), 908 KB before a wrapped line's and a missing label's hints
    // (SOP101, SOP204) and the bounded word cuts (906.2 -> 909.9 KB in clean clones; the same cold check, 12 runs each
    // alternating against 68b6038: medians 99 and 98 ms).
    expect(statSync(checkBundle).size).toBeLessThan(911_000);
  });

  it('is compiled from the shipped V8 code cache (accepted), once, and loads no child_process', () => {
    const { seen, loaded } = compiledScripts(entry, ['check', join(root, 'sops/pelayanan-tamu.sop')]);
    expect(seen).toEqual([{ file: checkBundle, cached: true, rejected: false }]);
    expect(loaded).not.toContain('NativeModule child_process');
  });

  it('the command (package.json "bin") is CommonJS: `sop check` starts no ES loader, no fs/promises, no readline', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: { sop: string } };
    const bin = join(root, pkg.bin.sop);
    const loaded = nodeModulesLoaded(bin);
    for (const m of ['internal/modules/esm/translators', 'internal/modules/esm/module_job', 'internal/fs/promises', 'internal/readline/interface', 'child_process']) {
      expect(loaded, m).not.toContain(`NativeModule ${m}`);
    }
    // dist/cli/sop.js, which the docs and scripts run, is the same command.
    const viaJs = spawnSync(process.execPath, [entry, 'check', '--lang', 'en', join(root, 'sops/pelayanan-tamu.sop')], { encoding: 'utf8' });
    const viaBin = spawnSync(process.execPath, [bin, 'check', '--lang', 'en', join(root, 'sops/pelayanan-tamu.sop')], { encoding: 'utf8' });
    expect([viaJs.status, viaJs.stdout, viaJs.stderr]).toEqual([viaBin.status, viaBin.stdout, viaBin.stderr]);
  });

  it('a missing or damaged cache (another Node, a truncated file) only costs time: V8 rejects it, the check runs alike', () => {
    const dir = tempDir('sop-cold-');
    for (const f of ['sop.js', 'sop.cjs', 'sop-check.cjs']) copyFileSync(join(root, 'dist/cli', f), join(dir, f));
    const file = join(root, 'test/fixtures/check/SOP108-step-without-lane.sop');
    const want = spawnSync(process.execPath, [entry, 'check', file], { encoding: 'utf8' });
    expect(want.status).toBe(1);
    for (const cache of [null, Buffer.alloc(4096, 7), readFileSync(`${checkBundle}.cache`).subarray(0, 200)]) {
      if (cache) writeFileSync(join(dir, 'sop-check.cjs.cache'), cache);
      const r = spawnSync(process.execPath, [join(dir, 'sop.js'), 'check', file], { encoding: 'utf8' });
      expect({ status: r.status, out: r.stdout, err: r.stderr }).toEqual({ status: want.status, out: want.stdout, err: want.stderr });
    }
  });

  it('prints what the full program prints, with the same exit codes, in both languages', () => {
    const fx = join(root, 'test/fixtures/check');
    const lines: string[][] = [];
    for (const lang of [[], ['--lang', 'en']]) {
      lines.push(
        ['check', '--help', ...lang],
        ['check', '--nosuch', ...lang],
        ['check', '--format', 'xml', 'x.sop', ...lang],
        ['check', 'nosuch.sop', ...lang],
        ['check', '--ast', join(root, 'sops/pelayanan-tamu.sop'), ...lang],
        ['check', join(fx, 'SOP101-unrecognised-line.sop'), join(fx, 'SOP108-step-without-lane.sop'), ...lang],
        ['check', '--format', 'json', join(fx, 'SOP102-unknown-label.sop'), ...lang],
        ['check', '--format', 'github', '--strict', join(root, 'sops'), ...lang],
      );
    }
    lines.push(['check', '-V']);
    lines.push(['check', '--lang', 'fr', 'x.sop']);
    for (const args of lines) {
      const run = (cli: string) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: root, env: { ...process.env, NO_COLOR: '1' } });
      const fast = run(entry);
      const full = run(allEntry);
      expect({ status: fast.status, out: fast.stdout, err: fast.stderr }, args.join(' ')).toEqual({ status: full.status, out: full.stdout, err: full.stderr });
    }
  });
});

describe('`sop build` runs its own bundle (issue 22: a cold PDF build)', () => {
  const buildBundle = join(root, 'dist/cli/sop-build.cjs');

  it('one CommonJS file with the build command alone: no other command, no language server, no import() (node:vm has no loader for it)', () => {
    const bundled = readFileSync(buildBundle, 'utf8');
    expect(bundled).toContain('// src/cli/program/build.ts');
    expect(bundled).toContain('// src/page/pdf.ts');
    for (const marker of ['src/cli/program/check.ts', 'src/cli/program/lsp.ts', 'src/cli/commands/fmt.ts', 'src/cli/commands/book.ts', 'src/lsp/server.ts', 'vscode-languageserver', 'src/import/pdf.ts']) {
      expect(bundled, marker).not.toContain(`// ${marker}`);
    }
    expect(bundled).not.toMatch(/\bimport\(|import_meta/);
  });

  it('a cold `build --format pdf` is compiled from the shipped V8 code cache (accepted), once, and starts no ES loader', () => {
    const out = tempDir('sop-cold-');
    const { seen, loaded } = compiledScripts(join(root, 'dist/cli/sop.cjs'), ['build', join(root, 'sops/pelayanan-tamu.sop'), '--format', 'pdf', '--out', join(out, 'out')], { SOP_CHROMIUM: join(out, 'no-browser') });
    expect(seen).toEqual([{ file: buildBundle, cached: true, rejected: false }]);
    for (const m of ['internal/modules/esm/translators', 'internal/modules/esm/module_job', 'child_process']) expect(loaded, m).not.toContain(`NativeModule ${m}`);
  });

  it('writes the bytes and prints the messages and exit codes of the full program, in both languages', () => {
    const fx = join(root, 'test/fixtures/check');
    const one = join(root, 'sops/pelayanan-tamu.sop');
    const lines: string[][] = [];
    for (const lang of [[], ['--lang', 'en']]) {
      lines.push(
        ['build', '--help', ...lang],
        ['build', '--nosuch', ...lang],
        ['build', '--format', 'xml', one, ...lang],
        ['build', 'nosuch.sop', ...lang],
        ['build', join(fx, 'SOP108-step-without-lane.sop'), '--out', 'out', ...lang],
        ['build', one, '--format', 'pdf,html,svg,mmd,png', '--out', 'out', ...lang],
      );
    }
    lines.push(['build', '-V']);
    for (const args of lines) {
      const run = (cli: string) => {
        const cwd = tempDir('sop-cold-');
        const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd, env: { ...process.env, NO_COLOR: '1', SOP_CHROMIUM: join(cwd, 'no-browser') } });
        const out = join(cwd, 'out');
        const files = existsSync(out) ? readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => [join(e.parentPath, e.name).slice(out.length), readFileSync(join(e.parentPath, e.name)).toString('base64')]) : [];
        return { status: r.status, out: r.stdout, err: r.stderr, files: files.sort() };
      };
      const fast = run(entry);
      const full = run(allEntry);
      expect(fast, args.join(' ')).toEqual(full);
    }
  });
});

describe('the grammar, validated when asked (SOP_VALIDATE_GRAMMAR=1)', () => {
  it('lexer and parser build with chevrotain validations on, and parse the examples alike', () => {
    const script = `
      const { parse } = await import(${JSON.stringify(join(root, 'dist/index.js'))});
      const { readFileSync, readdirSync } = await import('node:fs');
      const dir = ${JSON.stringify(join(root, 'sops'))};
      const out = readdirSync(dir).filter((f) => f.endsWith('.sop')).sort().map((f) => JSON.stringify(parse(readFileSync(dir + '/' + f, 'utf8'))));
      process.stdout.write(JSON.stringify(out));`;
    const run = (validate: string) => spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, SOP_VALIDATE_GRAMMAR: validate } });
    const on = run('1');
    expect(on.status, on.stderr).toBe(0);
    const off = run('0');
    expect(off.status, off.stderr).toBe(0);
    expect(on.stdout).toBe(off.stdout);
    expect(JSON.parse(on.stdout)).toHaveLength(8);
  });
});

describe('tokens say whether they hold a line break', () => {
  it('every token but the line ends is line_breaks: false, truly (chevrotain then skips analysing its pattern)', async () => {
    const { allTokens, Eol, Newline, NewlinePop } = await import('../src/syntax/tokens.js');
    for (const t of allTokens) {
      if (t === Eol || t === Newline || t === NewlinePop) continue;
      const tt = t as unknown as { name: string; LINE_BREAKS?: boolean; PATTERN: unknown };
      expect(tt.LINE_BREAKS, tt.name).toBe(false);
      if (tt.PATTERN instanceof RegExp) {
        const any = new RegExp(tt.PATTERN.source, 'g');
        for (const sample of ['\n', '\r', 'a\nb', '@x\n', '[a\n', 'Label\n:', '- x\r\n', '1) [a\n']) expect((sample.match(any) ?? []).join(''), `${tt.name} on ${JSON.stringify(sample)}`).not.toMatch(/[\r\n]/);
      }
    }
  });
});
