/**
 * `sop diff OLD NEW`: what changed in meaning between two revisions.
 * `sop diff --git REV [paths...]`: the working files against a git revision.
 * With git's seven external-diff arguments (path old-file old-hex old-mode
 * new-file new-hex new-mode) it acts as a diff driver and always exits 0, as
 * git requires. Exit 0: no change; 1: changes; 2: usage or I/O problems.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkText, type FileResult } from '../../check/check.js';
import type { Lang } from '../../diagnostics/catalog.js';
import { diffSops, type Change } from '../../diff/diff.js';
import { renderDiffHtml } from '../../diff/render-html.js';
import { escapeMarkdown, renderDiffText } from '../../diff/render-text.js';
import { SOURCE_MAX_BYTES, displayPath, readText } from '../../project/io.js';
import type { Terminal } from '../terminal.js';
import { builtinTemplatesDir } from '../../project/templates.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './check.js';

export type DiffFormat = 'text' | 'markdown' | 'json' | 'html';
export const DIFF_FORMATS: readonly DiffFormat[] = ['text', 'markdown', 'json', 'html'];

export interface DiffOptions {
  readonly format: DiffFormat;
  readonly lang: Lang;
  readonly git?: string;
}

interface Pair {
  readonly name: string;
  readonly before: string;
  readonly after: string;
  /** A file that exists on one side only is said to be new or deleted, not diffed field by field. */
  readonly status: 'changed' | 'added' | 'deleted';
}

const hasErrors = (r: FileResult): boolean => r.diagnostics.some((d) => d.severity === 'error');

export function runDiff(args: readonly string[], opts: DiffOptions, term: Terminal): number {
  // git's external diff driver: path old-file old-hex old-mode new-file new-hex new-mode.
  if (!opts.git && args.length === 7) {
    const [name, oldFile, , , newFile] = args as [string, string, string, string, string];
    const missing = (f: string): boolean => f === '/dev/null' || !existsSync(f);
    // Read as untrusted: a FIFO or device is not opened blocking, a file over the limit is not read whole.
    const read = (f: string): string => {
      if (missing(f)) return '';
      const r = readText(f);
      if (r.ok) return r.text;
      term.err(`sop: ${f}: ${r.error.message}`);
      return '';
    };
    const status = missing(oldFile) ? 'added' : missing(newFile) ? 'deleted' : 'changed';
    term.out(`sop diff ${name}`);
    emit([{ name, before: read(oldFile), after: read(newFile), status }], opts, term);
    return EXIT_OK;
  }
  let pairs: Pair[];
  if (opts.git) {
    const r = gitPairs(opts.git, args, term);
    if (!r) return EXIT_USAGE;
    pairs = r;
  } else {
    if (args.length !== 2) {
      term.err('sop: diff memerlukan dua berkas: sop diff LAMA BARU (atau --git REV)');
      return EXIT_USAGE;
    }
    const texts = args.map((f) => readText(f));
    for (const [i, t] of texts.entries()) if (!t.ok) term.err(`sop: ${args[i]}: ${t.error.message}`);
    if (texts.some((t) => !t.ok)) return EXIT_USAGE;
    pairs = [{ name: displayPath(path.resolve(args[1]!)), before: (texts[0] as { text: string }).text, after: (texts[1] as { text: string }).text, status: 'changed' }];
  }
  return emit(pairs, opts, term) ? EXIT_PROBLEMS : EXIT_OK;
}

/** Prints the diff of every pair; returns whether anything changed. */
function emit(pairs: readonly Pair[], opts: DiffOptions, term: Terminal): boolean {
  let any = false;
  const json: { file: string; status: Pair['status']; changes: Change[] }[] = [];
  const en = opts.lang === 'en';
  // The redline's templates, read once for all pairs.
  const dir = opts.format === 'html' ? builtinTemplatesDir() : '';
  const htmlTemplates = dir ? { document: readFileSync(path.join(dir, 'diff.hbs'), 'utf8'), cell: readFileSync(path.join(dir, 'diff-cell.hbs'), 'utf8') } : null;
  for (const p of pairs) {
    const oldR = checkText(p.before, { file: p.name });
    const newR = checkText(p.after, { file: p.name });
    const changes = diffSops(oldR, newR);
    any ||= changes.length > 0 || p.status !== 'changed';
    // A revision with errors is diffed from what could be read; the reader is told so.
    const broken = [p.status !== 'added' && hasErrors(oldR) ? (en ? 'the old version' : 'versi lama') : '', p.status !== 'deleted' && hasErrors(newR) ? (en ? 'the new version' : 'versi baru') : ''].filter(Boolean);
    const warning = broken.length
      ? en
        ? `${broken.join(' and ')} of ${p.name} has errors; the diff is computed from what could be read (sop check ${p.name})`
        : `${broken.join(' dan ')} ${p.name} memiliki galat; perbedaan dihitung dari bagian yang dapat dibaca (sop check ${p.name})`
      : '';
    if (warning) term.err(`sop: ${warning}`);
    const r = p.status === 'deleted' ? oldR : newR;
    const whole = `${en ? (p.status === 'added' ? 'new file' : 'deleted file') : p.status === 'added' ? 'berkas baru' : 'berkas dihapus'}: ${r.model.name || p.name} (${r.model.steps.length} ${en ? 'step(s)' : 'langkah'})`;
    switch (opts.format) {
      case 'json':
        json.push({ file: p.name, status: p.status, changes });
        break;
      case 'html':
        term.out(renderDiffHtml(oldR, newR, htmlTemplates!, p.status === 'changed' ? `${en ? 'Changes to' : 'Perubahan'} ${p.name}` : `${whole.split(':')[0]}: ${p.name}`, opts.lang));
        break;
      case 'markdown': {
        const body = p.status === 'changed' ? renderDiffText(changes, 'markdown', opts.lang) : `${escapeMarkdown(whole)}\n`;
        term.out(`## ${escapeMarkdown(p.name)}\n\n${warning ? `> ⚠ ${escapeMarkdown(warning)}\n\n` : ''}${body}`);
        break;
      }
      default:
        if (pairs.length > 1) term.out(`== ${p.name}`);
        term.out(p.status === 'changed' ? renderDiffText(changes, term.color ? 'ansi' : 'plain', opts.lang).replace(/\n$/, '') : whole);
    }
  }
  if (opts.format === 'json') term.out(JSON.stringify(pairs.length === 1 && json[0] ? json[0].changes : json, null, 2));
  return any;
}

function gitPairs(rev: string, paths: readonly string[], term: Terminal): Pair[] | null {
  // Room for the largest source read (node's default of 1 MB made a larger old version look new).
  const git = (args: string[]): string => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: SOURCE_MAX_BYTES * 4 });
  let files: string[];
  // Each failure in words, never git's raw command line.
  const fail = (e: unknown, what: string): null => {
    const err = e as { code?: string; stderr?: string };
    if (err.code === 'ENOENT') term.err(`sop: git: git tidak dapat dijalankan: ${(e as Error).message}`);
    else if (/not a git repository/i.test(err.stderr ?? '')) term.err(`sop: git: ${process.cwd()} bukan repositori git`);
    else term.err(`sop: git: ${what}`);
    return null;
  };
  try {
    git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  } catch (e) {
    return fail(e, `revisi ${rev} tidak dikenal`);
  }
  try {
    const listed = git(['diff', '--name-only', '--no-renames', '--relative', rev, '--', ...(paths.length > 0 ? paths : ['.'])])
      .split('\n')
      .filter((f) => f.toLowerCase().endsWith('.sop'));
    files = listed;
  } catch (e) {
    return fail(e, (e as { stderr?: string }).stderr?.trim().split('\n')[0] || `revisi ${rev} tidak dikenal`);
  }
  return files.map((f): Pair => {
    let before: string | null = null;
    try {
      before = git(['show', `${rev}:./${f}`]);
    } catch {
      before = null; // a file new since REV
    }
    const exists = existsSync(f);
    const r = exists ? readText(f) : { ok: true as const, text: '' };
    const status = before === null ? 'added' : exists ? 'changed' : 'deleted';
    return { name: f, before: before ?? '', after: r.ok ? r.text : '', status };
  });
}
