/**
 * What can be checked of the CI setup without a Docker engine or a CI
 * runner: the Dockerfile read as instructions, the files it copies enough to
 * build the CLI, and every `sop …` command of docs/ci.md run on a fixture
 * (a renamed flag or a command that no longer exists fails here, not in an
 * agency's pipeline).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli, runCliAsync } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

const root = join(import.meta.dirname, '..');
const tmp = tempDir('sop-cidocs-');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Instruction {
  readonly op: string;
  readonly args: string;
}

/** The Dockerfile's instructions: comments dropped, continuation lines joined. */
function dockerfile(text: string): Instruction[] {
  const joined = text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const m = /^(\w+)\s+(.*)$/.exec(l)!;
      return { op: m[1]!.toUpperCase(), args: m[2]!.replace(/\s+/g, ' ') };
    });
}

/** ENV lines as a map (`ENV A=1 B=2` form). */
function envOf(ins: readonly Instruction[]): Map<string, string> {
  const env = new Map<string, string>();
  for (const i of ins.filter((x) => x.op === 'ENV')) for (const m of i.args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) env.set(m[1]!, m[2]!.replace(/^"|"$/g, ''));
  return env;
}

describe('Dockerfile (read, not built: no Docker engine here)', () => {
  const ins = dockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8'));
  const runs = ins.filter((i) => i.op === 'RUN').map((i) => i.args);

  it('starts from Node 20 on Debian', () => {
    const from = ins.filter((i) => i.op === 'FROM');
    expect(from).toHaveLength(1);
    expect(from[0]!.args).toMatch(/^node:20(\.\d+)*-(bookworm|bullseye|trixie)(-slim)?$/);
  });

  it("installs Chromium and the fonts from Debian's packages, and downloads no browser", () => {
    const apt = runs.find((r) => r.includes('apt-get install'));
    expect(apt).toBeDefined();
    const pkgs = apt!.slice(apt!.indexOf('apt-get install')).split('&&')[0]!.split(' ').filter((w) => /^[a-z0-9][a-z0-9.+-]+$/.test(w));
    expect(pkgs).toEqual(expect.arrayContaining(['chromium', 'fonts-liberation']));
    expect(apt).toContain('apt-get update');
    expect(runs.join(' ')).not.toMatch(/puppeteer\s+browsers|chrome-for-testing|@puppeteer\/browsers|wget|curl/);
    expect(envOf(ins).get('PUPPETEER_SKIP_DOWNLOAD')).toMatch(/^(1|true)$/);
  });

  it('names the browser by the variable sop reads, at the path Debian installs it', () => {
    const env = envOf(ins);
    expect(env.get('SOP_CHROMIUM')).toBe('/usr/bin/chromium');
    // The variable the CLI really reads (src/render/browser.ts).
    expect(readFileSync(join(root, 'src/render/browser.ts'), 'utf8')).toContain("env['SOP_CHROMIUM']");
  });

  it('the entrypoint is the CLI of package.json "bin", run as an unprivileged user', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const entry = ins.filter((i) => i.op === 'ENTRYPOINT');
    expect(entry).toHaveLength(1);
    const cmd = JSON.parse(entry[0]!.args) as string[];
    expect(cmd).toEqual(['sop']);
    const workdir = ins.find((i) => i.op === 'WORKDIR')!.args;
    const link = runs.join(' ').match(/ln -s (\S+) \/usr\/local\/bin\/sop/);
    expect(link?.[1]).toBe(`${workdir}/${pkg.bin['sop']}`);
    const users = ins.filter((i) => i.op === 'USER');
    expect(users.at(-1)?.args).not.toMatch(/^(root|0)$/);
    // The USER comes after the last RUN: installing needs root, running must not.
    expect(ins.lastIndexOf(users.at(-1)!)).toBeGreaterThan(ins.findLastIndex((i) => i.op === 'RUN'));
  });

  it('copies every source it names, and what it copies is enough to build the CLI', () => {
    const copies = ins.filter((i) => i.op === 'COPY').flatMap((i) => i.args.split(' ').slice(0, -1));
    for (const c of copies) expect(existsSync(join(root, c)), c).toBe(true);
    // Build the bundle (the entrypoint) from those files only, as `npm run build` in the image does (tsc's library output aside).
    const ctx = join(tmp, 'context');
    mkdirSync(ctx, { recursive: true });
    for (const c of copies) cpSync(join(root, c), join(ctx, c), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(ctx, 'node_modules'));
    execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: ctx, stdio: 'pipe' });
    const out = execFileSync(process.execPath, [join(ctx, 'dist/cli/sop.js'), 'check', join(root, 'sops')], { encoding: 'utf8' });
    expect(out).toContain('8 berkas');
    expect(existsSync(join(ctx, 'dist/vendor/mermaid.min.js'))).toBe(true);
  }, 120_000);
});

/** The `sop …` command lines of the Markdown's code blocks (sh and yaml), with CI variables filled in. */
function docCommands(md: string): string[] {
  const blocks = [...md.matchAll(/```(?:sh|yaml)\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const lines = blocks.flatMap((b) => b.split('\n'));
  const cmds: string[] = [];
  for (const raw of lines) {
    const line = raw
      .replace(/\$\{\{\s*matrix\.shard\s*\}\}/g, '1')
      .replace(/\$\{\{\s*github\.base_ref\s*\}\}/g, 'main');
    // `npx sop …` (a script step or a shell line), or `docker run … sop …` (the image's entrypoint).
    const m = /(?:npx sop|docker run .*?\bsop) ([^#|>]*?)\s*(?:#.*|\|\|.*|>.*|\|.*)?$/.exec(line);
    if (m) cmds.push(m[1]!.trim());
  }
  return cmds;
}

describe('docs/ci.md: every sop command it shows exists, with those flags', () => {
  const md = readFileSync(join(root, 'docs/ci.md'), 'utf8');
  const cmds = docCommands(md);
  const repo = join(tmp, 'repo');
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });

  beforeAll(() => {
    // A small SOP repository with the layout the docs assume: sops/ in git, canonical, a main branch on "origin".
    // One SOP of the book fixture (with its config and foreword): every PDF the commands make costs a render.
    for (const f of ['sop.config.json', 'pengantar.md', 'bidang/izin.sop']) cpSync(join(root, 'test/fixtures/book', f), join(repo, 'sops', f));
    expect(runCli(['fmt', '--write', 'sops'], { cwd: repo }).code).toBe(0);
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-qm', 'awal');
    git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  });

  it('finds the commands (the extraction itself works)', () => {
    const subcommands = new Set(cmds.map((c) => c.split(' ')[0]));
    expect([...subcommands].sort()).toEqual(['book', 'build', 'check', 'diff', 'fmt']);
    expect(cmds.length).toBeGreaterThanOrEqual(10);
    expect(cmds).toContain('build sops/ --out out --format html,pdf --incremental --shard 1/4 --jobs 2');
  });

  // One test per command (in the document's order): a long spawnSync blocks the worker, and vitest's RPC times out over a whole loop of them.
  it.each(cmds)('sop %s: runs on the fixture repository and succeeds', async (cmd) => {
    const r = await runCliAsync(cmd.split(' '), { cwd: repo });
    // 2 would be a usage error (unknown command or flag, bad value); on this clean, canonical fixture every command succeeds.
    expect(r.stderr, cmd).not.toMatch(/unknown (option|command)|tidak dikenal/i);
    expect(r.code, `${cmd}\n${r.stderr}`).toBe(0);
  }, 300_000);

  it('flags named in the prose exist too', () => {
    const help = (cmd: string): string => execFileSync(process.execPath, [CLI, cmd, '--help'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(md).toContain('--strict');
    expect(help('check')).toContain('--strict');
    for (const flag of ['--incremental', '--changed-since', '--shard', '--jobs']) expect(help('build')).toContain(flag);
    expect(md).toContain('--shard $CI_NODE_INDEX/$CI_NODE_TOTAL');
  });
});
