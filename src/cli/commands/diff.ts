/**
 * `sop diff OLD NEW`: what changed in meaning between two revisions.
 * `sop diff --git REV [paths...]`: the working files against a git revision.
 * With git's seven external-diff arguments (path old-file old-hex old-mode
 * new-file new-hex new-mode), or nine for a rename (new-path and git's
 * similarity text after them), it acts as a diff driver and always exits 0, as
 * git requires. Exit 0: no change; 1: changes; 2: usage or I/O problems.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkText, type FileResult } from '../../check/check.js';
import type { Lang } from '../../diagnostics/catalog.js';
import { diffSops, type Change } from '../../diff/diff.js';
import { renderDiffHtml } from '../../diff/render-html.js';
import { escapeMarkdown, renderDiffText } from '../../diff/render-text.js';
import { SOURCE_MAX_BYTES, displayPath, projectRootOf, readText, type ReadResult } from '../../project/io.js';
import { visibleLine, visibleName } from '../../util/text.js';
import { gitDriverArgs } from '../git-driver.js';
import { revisionBlobs } from './git-blobs.js';
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
  /** The old side's name where it differs from `name` (the OLD file named, a rename's old path, REV:path). */
  readonly oldName?: string;
  /** Whether `sop check oldName` can read the old side (a file on disk, not a revision's). */
  readonly oldOnDisk?: boolean;
  readonly before: string;
  readonly after: string;
  /** A file that exists on one side only is said to be new or deleted, not diffed field by field. */
  readonly status: 'changed' | 'added' | 'deleted';
}

const hasErrors = (r: FileResult): boolean => r.diagnostics.some((d) => d.severity === 'error');

/**
 * A file named on the command line, passed by git or in the working tree, read as `sop check` reads it: inside its
 * own project folder once symbolic links are resolved (a committed `b.sop` linking to a secret would print the
 * secret in the diff, in a pull-request comment). git's own temporary files are plain files: they pass.
 */
const readInProject = (f: string): ReadResult => readText(f, projectRootOf(path.dirname(path.resolve(f))));

/** readInProject's text, or null once `term` has been told why not. */
function readOrSay(f: string, term: Terminal): string | null {
  const r = readInProject(f);
  if (r.ok) return r.text;
  term.err(`sop: ${visibleLine(f)}: ${r.error.message}`);
  return null;
}

export function runDiff(args: readonly string[], opts: DiffOptions, term: Terminal): number {
  // git's external diff driver: path old-file old-hex old-mode new-file new-hex new-mode [new-path similarity].
  if (!opts.git && gitDriverArgs(args)) {
    const [oldPath, oldFile, , , newFile, , , newPath = oldPath] = args as [string, string, string, string, string, string, string, string?];
    // git names /dev/null for the side a file is new or deleted on; any other file it names exists. One that cannot be
    // read (a name that is not UTF-8 reaches node as another name) is said, never diffed as new, deleted or empty.
    const missing = (f: string): boolean => f === '/dev/null';
    // Read as untrusted: a FIFO or device is not opened blocking, a file over the limit is not read whole.
    const before = missing(oldFile) ? '' : readOrSay(oldFile, term);
    const after = missing(newFile) ? '' : readOrSay(newFile, term);
    const status = missing(oldFile) ? 'added' : missing(newFile) ? 'deleted' : 'changed';
    // A rename (diff.renames, git's default) is diffed against the old path's content, under both names.
    const renamed = newPath !== oldPath;
    // A name on one line: a line feed in it would print forged lines into the diff a reviewer reads.
    term.out(`sop diff ${renamed ? `${visibleName(oldPath)} -> ${visibleName(newPath)}` : visibleName(oldPath)}`);
    // Exit 0 all the same (the reason is on stderr): git stops the whole diff at a driver that fails, and the files
    // after this one would go unseen.
    if (before === null || after === null) {
      term.out('tidak dapat dibandingkan: berkasnya tidak dapat dibaca (lihat pesan di atas)');
      return EXIT_OK;
    }
    emit([{ name: newPath, ...(renamed ? { oldName: oldPath } : {}), before, after, status }], opts, term);
    return EXIT_OK;
  }
  if (opts.git) {
    const r = gitPairs(opts.git, args, term);
    if (!r) return EXIT_USAGE;
    // A working file that could not be read (said above) is left out, not diffed as if it were empty.
    const pairs = r.filter((p): p is Pair => p !== null);
    const changed = emit(pairs, opts, term);
    return pairs.length < r.length ? EXIT_USAGE : changed ? EXIT_PROBLEMS : EXIT_OK;
  }
  if (args.length !== 2) {
    term.err('sop: diff memerlukan dua berkas: sop diff LAMA BARU (atau --git REV)');
    return EXIT_USAGE;
  }
  const [before, after] = args.map((f) => readOrSay(f, term)) as [string | null, string | null];
  if (before === null || after === null) return EXIT_USAGE;
  const [oldName, name] = args.map((f) => displayPath(path.resolve(f))) as [string, string];
  const pair: Pair = { name, oldName, oldOnDisk: true, before, after, status: 'changed' };
  return emit([pair], opts, term) ? EXIT_PROBLEMS : EXIT_OK;
}

/** Prints the diff of every pair; returns whether anything changed. */
function emit(pairs: readonly Pair[], opts: DiffOptions, term: Terminal): boolean {
  let any = false;
  const json: { file: string; status: Pair['status']; changes: Change[] }[] = [];
  const redlines: string[] = [];
  const en = opts.lang === 'en';
  // The redline's templates, read once for all pairs.
  const dir = opts.format === 'html' ? builtinTemplatesDir() : '';
  const htmlTemplates = dir ? { document: readFileSync(path.join(dir, 'diff.hbs'), 'utf8'), cell: readFileSync(path.join(dir, 'diff-cell.hbs'), 'utf8') } : null;
  for (const pair of pairs) {
    // Names as shown: each on one line, its control and zero-width characters visible (JSON keeps them, escaped).
    const p: Pair = { ...pair, name: visibleName(pair.name), ...(pair.oldName !== undefined ? { oldName: visibleName(pair.oldName) } : {}) };
    const oldR = checkText(p.before, { file: p.name });
    const newR = checkText(p.after, { file: p.name });
    const changes = diffSops(oldR, newR);
    any ||= changes.length > 0 || p.status !== 'changed';
    const warning = brokenWarning(p, p.status !== 'added' && hasErrors(oldR), p.status !== 'deleted' && hasErrors(newR), en);
    if (warning) term.err(`sop: ${warning}`);
    const r = p.status === 'deleted' ? oldR : newR;
    const whole = `${en ? (p.status === 'added' ? 'new file' : 'deleted file') : p.status === 'added' ? 'berkas baru' : 'berkas dihapus'}: ${r.model.name || p.name} (${r.model.steps.length} ${en ? 'step(s)' : 'langkah'})`;
    switch (opts.format) {
      case 'json':
        json.push({ file: pair.name, status: p.status, changes });
        break;
      case 'html':
        redlines.push(renderDiffHtml(oldR, newR, htmlTemplates!, p.status === 'changed' ? `${en ? 'Changes to' : 'Perubahan'} ${p.name}` : `${whole.split(':')[0]}: ${p.name}`, opts.lang));
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
  if (redlines.length > 0) term.out(oneDocument(redlines, en ? `Changes to ${redlines.length} files` : `Perubahan ${redlines.length} berkas`));
  return any;
}

/**
 * The redlines of several files as one HTML document: the first one's head (its title changed), then each one's
 * body in a section of its own. Written back to back, they had made one stream of several documents, which a
 * browser shows only the first of (a probe note).
 */
export function oneDocument(redlines: readonly string[], title: string): string {
  // `title` is the tool's own words (a count), never a name from the repository.
  if (redlines.length === 1) return redlines[0] ?? '';
  const bodyOf = (html: string): string => html.slice(html.indexOf('<body>') + '<body>'.length, html.lastIndexOf('</body>'));
  const first = redlines[0] ?? '';
  const head = first.slice(0, first.indexOf('<body>')).replace(/<title>[^<]*<\/title>/, `<title>${title}</title>`);
  return `${head}<body>\n${redlines.map((r) => `<section>${bodyOf(r)}</section>\n`).join('')}</body>\n</html>`;
}

/**
 * A revision with errors is diffed from what could be read; the reader is told so, naming the file that has them
 * (the OLD file named, not the NEW one) and how to see them where `sop check` can read it.
 */
function brokenWarning(p: Pair, oldBroken: boolean, newBroken: boolean, en: boolean): string {
  const oldName = p.oldName ?? p.name;
  if (!oldBroken && !newBroken) return '';
  const which = oldBroken && newBroken ? (en ? 'both versions' : 'kedua versi') : oldBroken ? (en ? 'the old version' : 'versi lama') : en ? 'the new version' : 'versi baru';
  const names = oldBroken && newBroken && oldName !== p.name ? `${oldName} ${en ? 'and' : 'dan'} ${p.name}` : oldBroken ? oldName : p.name;
  // A revision's old side (--git REV, git's temporary file) is not on disk to check.
  const checkable = new Set([...(oldBroken && p.oldOnDisk ? [oldName] : []), ...(newBroken ? [p.name] : [])]);
  const hint = checkable.size ? ` (sop check ${[...checkable].map(shellWord).join(' ')})` : '';
  return en
    ? `${which} of ${names} ${oldBroken && newBroken ? 'have' : 'has'} errors; the diff is computed from what could be read${hint}`
    : `${which} ${names} memiliki galat; perbedaan dihitung dari bagian yang dapat dibaca${hint}`;
}

function gitPairs(rev: string, paths: readonly string[], term: Terminal): (Pair | null)[] | null {
  // Room for the largest source read (node's default of 1 MB made a larger old version look new).
  const git = (args: string[]): string => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: SOURCE_MAX_BYTES * 4 });
  const gitBytes = (args: string[]): Buffer => execFileSync('git', args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: SOURCE_MAX_BYTES * 4 });
  let files: string[];
  let unnamed = 0;
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
  // Files are listed relative to the working folder (--relative): a path above it listed nothing, exit 0 (a probe).
  const above = paths.find((p) => {
    const rel = path.relative(process.cwd(), path.resolve(p));
    return rel.startsWith('..') || path.isAbsolute(rel);
  });
  if (above !== undefined) {
    term.err(`sop: git: ${visibleLine(above)}: di luar folder kerja; jalankan sop diff --git dari folder yang memuatnya`);
    return null;
  }
  try {
    // NUL-separated and as bytes: without -z git quotes a name with a non-ASCII byte ("sops/caf\303\251.sop"), which
    // named no file and was left out unsaid (a changed SOP hidden from the review).
    files = [];
    const scope = ['--', ...(paths.length > 0 ? paths : ['.'])];
    // Untracked files that git does not ignore are working files too: a new SOP not yet added had been left out unsaid.
    const listed = [...splitNul(gitBytes(['diff', '--name-only', '-z', '--no-renames', '--relative', rev, ...scope])), ...splitNul(gitBytes(['ls-files', '--others', '--exclude-standard', '-z', ...scope]))];
    for (const raw of listed) {
      const f = raw.toString('utf8');
      if (!f.toLowerCase().endsWith('.sop')) continue;
      if (!Buffer.from(f, 'utf8').equals(raw)) {
        const bytes = Array.from(raw, (b) => (b < 0x80 ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
        term.err(`sop: git: ${visibleLine(bytes)}: nama berkas bukan UTF-8; ganti namanya agar dapat dibandingkan`);
        unnamed++;
        continue;
      }
      files.push(f);
    }
  } catch (e) {
    return fail(e, (e as { stderr?: string }).stderr?.trim().split('\n')[0] || `revisi ${rev} tidak dikenal`);
  }
  const unread: null[] = Array.from({ length: unnamed }, () => null);
  const blobs = revisionBlobs(rev, files, SOURCE_MAX_BYTES);
  return [...unread, ...files.map((f, i): Pair | null => {
    const blob = blobs[i]!;
    if (blob.kind === 'large') {
      term.err(`sop: ${visibleLine(f)}: versi ${rev} terlalu besar (${(blob.size / (1024 * 1024)).toFixed(1)} MB; batasnya ${SOURCE_MAX_BYTES / (1024 * 1024)} MB); tidak dibandingkan`);
      return null;
    }
    if (blob.kind === 'other') {
      term.err(`sop: ${visibleLine(f)}: versi ${rev} tidak dapat dibaca dari git; tidak dibandingkan`);
      return null;
    }
    const before = blob.kind === 'text' ? blob.text : null;
    const exists = existsSync(f);
    // A link that leads nowhere is a file that cannot be read, not a deleted one.
    if (!exists && isLink(f)) {
      term.err(`sop: ${visibleLine(f)}: tautan simbolik yang tidak menunjuk ke berkas mana pun; tidak dibandingkan`);
      return null;
    }
    const after = exists ? readOrSay(f, term) : '';
    if (after === null) return null;
    const status = before === null ? 'added' : exists ? 'changed' : 'deleted';
    return { name: f, before: before ?? '', after, status };
  })];
}

/** `name` as one word a POSIX shell reads back, never as an option: as it is when plain, else in single quotes (a probe: `sop check dengan spasi.sop`). */
export function shellWord(name: string): string {
  const word = name.startsWith('-') ? `./${name}` : name; // never read as an option
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, "'\\''")}'`;
}

/** Whether `f` is a symbolic link (without following it). */
function isLink(f: string): boolean {
  try {
    return lstatSync(f).isSymbolicLink();
  } catch {
    return false;
  }
}

/** `buf` cut at its NUL bytes, empty parts left out. */
function splitNul(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let from = 0;
  for (let i = buf.indexOf(0); i !== -1; i = buf.indexOf(0, from)) {
    if (i > from) out.push(buf.subarray(from, i));
    from = i + 1;
  }
  if (from < buf.length) out.push(buf.subarray(from));
  return out;
}
