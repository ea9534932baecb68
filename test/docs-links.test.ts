/**
 * Docs that point somewhere (issue 19 item 12): every link and every
 * repository path in the README and docs/ resolves, and what the installed
 * tool points a user to (its `--help`, the README's links) ships in the
 * package, with the licence.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

const root = join(import.meta.dirname, '..');
const docs = ['README.md', 'editors/vscode/README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
/** Folders made by a command, not committed. */
const GENERATED = new Set(['bench/output']);

/** Markdown links `[text](target)` of a file, without web and mail addresses. */
function links(md: string): string[] {
  return [...md.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^(https?:|mailto:)/.test(t));
}

/** Heading anchors of a Markdown file, as GitHub makes them. */
function anchors(md: string): Set<string> {
  const out = new Set<string>();
  for (const m of md.matchAll(/^#{1,6}\s+(.*)$/gm)) {
    out.add(
      m[1]!
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    );
  }
  return out;
}

describe('links and paths in the docs', () => {
  for (const file of docs) {
    it(`${file}: every link resolves (file and heading)`, () => {
      const md = readFileSync(join(root, file), 'utf8');
      const broken: string[] = [];
      for (const t of links(md)) {
        const [path, anchor] = t.split('#') as [string, string | undefined];
        const target = path === '' ? join(root, file) : join(root, dirname(file), path);
        if (!existsSync(target)) broken.push(t);
        else if (anchor && target.endsWith('.md') && !anchors(readFileSync(target, 'utf8')).has(anchor)) broken.push(t);
      }
      expect(broken).toEqual([]);
    });
    it(`${file}: every repository path it names exists (no spec/ of another repository)`, () => {
      const md = readFileSync(join(root, file), 'utf8');
      const named = [...md.matchAll(/(?<![\w./-])((?:docs|src|test|bench|scripts|grammar|templates|editors|playground|spec|\.ci)\/[\w./-]*\w)/g)].map((m) => m[1]!);
      expect(named.filter((p) => !GENERATED.has(p) && !existsSync(join(root, p)))).toEqual([]);
    });
  }
});

describe('what the package ships', () => {
  const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { files: { path: string }[] }[];
  const files = new Set(packed[0]!.files.map((f) => f.path));

  it('a LICENSE and every page of docs/', () => {
    expect(files.has('LICENSE')).toBe(true);
    for (const f of readdirSync(join(root, 'docs')).filter((x) => x.endsWith('.md'))) expect(files.has(`docs/${f}`), f).toBe(true);
  });

  it('every docs page `sop --help` names, for every command', () => {
    const commands = ['', 'check', 'build', 'fmt', 'diff', 'book', 'list', 'preview', 'playground', 'lsp'];
    const named = new Set<string>();
    for (const lang of ['id', 'en']) {
      for (const c of commands) {
        const help = runCli([...(c ? [c] : []), '--help', '--lang', lang]).stdout;
        for (const m of help.matchAll(/docs\/[\w.-]+\.md/g)) named.add(m[0]);
      }
    }
    expect(named.size).toBeGreaterThan(0);
    for (const f of named) expect(files.has(f), f).toBe(true);
  });

  it("the README's and docs' links stay inside the package", () => {
    for (const file of ['README.md', ...[...files].filter((f) => f.startsWith('docs/') && f.endsWith('.md'))]) {
      for (const t of links(readFileSync(join(root, file), 'utf8'))) {
        const path = t.split('#')[0]!;
        if (path === '') continue;
        const target = normalize(join(dirname(file), path)).split('\\').join('/');
        expect(files.has(target), `${file} → ${t}`).toBe(true);
      }
    }
  });
});

describe("the README's git diff driver in this checkout", () => {
  it('its commands, run at the top of a checkout (dist/ built, no node_modules/.bin/sop), make `git diff` speak of steps', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const at = readme.indexOf("In this checkout (the tool's own repository");
    expect(at, 'the README says how to use the driver in this checkout').toBeGreaterThan(0);
    const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at))![1]!;
    const commands = block.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('npm run build'));
    const dir = tempDir('sop-gitdiff-');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Uji', GIT_AUTHOR_EMAIL: 'u@example.invalid', GIT_COMMITTER_NAME: 'Uji', GIT_COMMITTER_EMAIL: 'u@example.invalid' } });
    git('init', '-q');
    symlinkSync(join(root, 'dist'), join(dir, 'dist'));
    mkdirSync(join(dir, 'sops'));
    const sop = 'Nama SOP: Uji\nPelaksana:\n  - a: Kepala\nProsedur:\n  [a] Menerima berkas\n';
    writeFileSync(join(dir, 'sops/uji.sop'), sop);
    git('add', 'sops');
    git('commit', '-qm', 'uji');
    writeFileSync(join(dir, 'sops/uji.sop'), sop + '  [a] Mengarsipkan berkas\n');
    for (const c of commands) execFileSync('sh', ['-c', c], { cwd: dir, stdio: 'pipe' });
    const out = git('diff');
    expect(out).toContain('Mengarsipkan berkas');
    expect(out).not.toContain('+  [a] Mengarsipkan berkas'); // the semantic diff, not git's line diff
  });
});
