/**
 * `sop playground`: the command (files written, refusals) and the pure parts
 * the page runs: the TextMate interpreter agrees with vscode-textmate on every
 * line of sops/, the templates precompiled for the page render the same
 * document as `sop build`.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import vsctm from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';
import { MANIFEST, PLAYGROUND_FILES, playgroundSourceDir, runPlayground } from '../src/cli/commands/playground.js';
import { checkText } from '../src/check/check.js';
import { loadTemplates } from '../src/project/templates.js';
import { precompileTemplates, renderHtml, templatesFromSpecs } from '../src/emit/html/render.js';
import { compilePlayground, downloadName } from '../src/playground/engine.js';
import { lineScoper, scopeRuns, type TmGrammar } from '../src/playground/tm-lines.js';
import type { Terminal } from '../src/cli/terminal.js';
import { tempDir } from './helpers/tmp.js';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/** A terminal that keeps what it is told. */
function term(): { out: string[]; err: string[]; t: Terminal } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, t: { out: (l) => void out.push(l), err: (l) => void err.push(l), color: false, isTTY: false } };
}

describe('sop playground (command)', () => {
  const source = playgroundSourceDir();

  it('finds the built site', async () => {
    expect(source).not.toBeNull();
  });

  it('writes the site into a new folder, and again over its own output', async () => {
    const out = join(tempDir('sop-pg-'), 'a', 'b');
    const io = term();
    expect(await runPlayground({ out, lang: 'id' }, io.t)).toBe(0);
    // Buffer.equals: the matcher's deep equality walks a buffer byte by byte (import.js's 2 MB and the fonts made that a minute).
    for (const f of PLAYGROUND_FILES) expect(readFileSync(join(out, f)).equals(readFileSync(join(source!, f))), f).toBe(true);
    expect(JSON.parse(readFileSync(join(out, MANIFEST), 'utf8')).generator).toBe('sop playground');
    expect(io.out.join('\n')).toContain('index.html');
    // No temporary file is left beside the outputs.
    expect(readdirSync(out).sort()).toEqual([MANIFEST, ...new Set(PLAYGROUND_FILES.map((f) => f.split('/')[0]!))].sort());
    // The bundled font the document's @font-face loads (src/emit/html/fonts.ts), with its licence.
    expect(readdirSync(join(out, 'fonts')).sort()).toEqual(['LICENSE', 'LiberationSans-Bold.ttf', 'LiberationSans-BoldItalic.ttf', 'LiberationSans-Italic.ttf', 'LiberationSans-Regular.ttf']);
    writeFileSync(join(out, 'index.html'), 'old');
    writeFileSync(join(out, 'mine.txt'), 'kept');
    expect(await runPlayground({ out, lang: 'id' }, term().t)).toBe(0);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('sop playground');
    expect(readFileSync(join(out, 'mine.txt'), 'utf8')).toBe('kept');
  });

  it('writes into a folder of other files when none has its names', async () => {
    const out = tempDir('sop-pg-');
    writeFileSync(join(out, 'catatan.txt'), 'x');
    expect(await runPlayground({ out, lang: 'id' }, term().t)).toBe(0);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  });

  it('refuses to overwrite a site it did not write, unless --force', async () => {
    const out = tempDir('sop-pg-');
    writeFileSync(join(out, 'index.html'), '<h1>situs lain</h1>');
    const io = term();
    expect(await runPlayground({ out, lang: 'id' }, io.t)).toBe(2);
    expect(io.err.join('\n')).toMatch(/sudah berisi index\.html yang bukan buatan sop playground; tidak ditimpa.*--force/);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('<h1>situs lain</h1>');
    expect(existsSync(join(out, 'app.js'))).toBe(false);
    const en = term();
    expect(await runPlayground({ out, lang: 'en' }, en.t)).toBe(2);
    expect(en.err.join('\n')).toContain('not written by sop playground');
    expect(await runPlayground({ out, lang: 'id', force: true }, term().t)).toBe(0);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('sop playground');
  });

  it('refuses a file as the folder, and says so when the package has no built site', async () => {
    const dir = tempDir('sop-pg-');
    writeFileSync(join(dir, 'berkas'), 'x');
    const io = term();
    expect(await runPlayground({ out: join(dir, 'berkas'), lang: 'id' }, io.t)).toBe(2);
    expect(io.err.join('\n')).toContain('adalah berkas, bukan folder');
    const inFile = term();
    expect(await runPlayground({ out: join(dir, 'berkas', 'sub'), lang: 'id' }, inFile.t)).toBe(2);
    expect(inFile.err.join('\n')).toMatch(/sop playground: .*berkas\/sub: /);
    const missing = term();
    expect(await runPlayground({ out: join(dir, 'x'), lang: 'id' }, missing.t, null)).toBe(2);
    expect(missing.err.join('\n')).toContain('npm run build');
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it('refuses a folder it may not write into', async () => {
    if (process.getuid?.() === 0) return; // root writes anywhere
    const dir = tempDir('sop-pg-');
    mkdirSync(join(dir, 'ro'), { mode: 0o555 });
    const io = term();
    expect(await runPlayground({ out: join(dir, 'ro'), lang: 'id' }, io.t)).toBe(2);
    expect(io.err.join('\n')).toContain('izin ditolak');
  });
});

describe('playground engine (pure)', () => {
  it('renders with the precompiled templates exactly what sop build renders', () => {
    const set = loadTemplates();
    const specs = new Function(`return ${precompileTemplates(set)}`)();
    const compiled = templatesFromSpecs(specs);
    for (const f of readdirSync(join(root, 'sops')).filter((x) => x.endsWith('.sop'))) {
      const text = readFileSync(join(root, 'sops', f), 'utf8');
      const u = compilePlayground(text, 'id', compiled);
      expect(u.errors, f).toBe(0);
      expect(u.html, f).toBe(renderHtml(checkText(text).model, set, {}));
    }
    const broken = compilePlayground('Nama SOP: X\nProsedur:\n  [zz] Langkah\n', 'en', compiled);
    expect(broken.html).toBeNull();
    expect(broken.errors).toBeGreaterThan(0);
    expect(broken.result.diagnostics[0]!.message).toBe(checkText('Nama SOP: X\nProsedur:\n  [zz] Langkah\n', { lang: 'en' }).diagnostics[0]!.message);
  });

  it('names the download after the SOP', () => {
    expect(downloadName('Pelayanan Tamu')).toBe('pelayanan-tamu.sop');
    expect(downloadName('Penyusunan DUK (Daftar Urut Kepangkatan) — Revisi')).toBe('penyusunan-duk-daftar-urut-kepangkatan-revisi.sop');
    expect(downloadName('')).toBe('sop.sop');
    expect(downloadName('///')).toBe('sop.sop');
  });

  it('colours every line of sops/ and the grammar sample with the innermost scopes vscode-textmate gives', async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const raw = readFileSync(join(root, 'grammar/sop.tmLanguage.json'), 'utf8');
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
      loadGrammar: async () => vsctm.parseRawGrammar(raw, 'sop.tmLanguage.json'),
    });
    const g = (await registry.loadGrammar('source.sop'))!;
    const scoper = lineScoper(JSON.parse(raw) as TmGrammar);
    const files = [...readdirSync(join(root, 'sops')).map((f) => join(root, 'sops', f)), join(root, 'test/fixtures/grammar/sample.sop')];
    let lines = 0;
    for (const file of files) {
      for (const line of readFileSync(file, 'utf8').replace(/\r/g, '').split('\n')) {
        const want: (string | null)[] = new Array(line.length).fill(null);
        for (const t of g.tokenizeLine(line, vsctm.INITIAL).tokens) {
          const inner = t.scopes.length > 1 ? t.scopes.at(-1)! : null;
          for (let i = t.startIndex; i < t.endIndex && i < line.length; i++) want[i] = inner;
        }
        const got: (string | null)[] = new Array(line.length).fill(null);
        for (const [from, to, scope] of scopeRuns(line, scoper(line))) for (let i = from; i < to; i++) got[i] = scope;
        expect(got, `${file}: ${line}`).toEqual(want);
        lines++;
      }
    }
    expect(lines).toBeGreaterThan(400);
  });
});
