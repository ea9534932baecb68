/**
 * `sop playground --out DIR`: writes the playground, a static site that runs
 * the library in the browser (editor, diagnostics, live document), into DIR.
 * The site is built with the package (`npm run build` → dist/playground/) and
 * only copied here, so an installed `sop` writes it without a bundler.
 *
 * DIR is written whole or not at all: every file to a temporary file first,
 * then all renamed, the manifest `.sop-playground.json` last (write.ts). A
 * folder that already holds other files with the same names (an `index.html`
 * of someone else's site) is refused unless it carries our manifest, or
 * `--force` is given. DIR may come from the repository (the default
 * `ruang-coba/`, committed with whatever links and FIFOs git stores): nothing
 * is written through a link or into a `.git` folder, and the manifest is read
 * only as a small regular file (folderRefusal, marker; docs/security.md).
 */
import { existsSync, lstatSync, readFileSync, readdirSync, rmdirSync, statSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { findUp } from '../../util/find-up.js';
import { visibleLine } from '../../util/text.js';
import type { Lang } from '../../diagnostics/catalog.js';
import { describeFsError, describeWriteError, displayPath, readOwnFile, type Why } from '../../project/io.js';
import { signalExitCode } from '../../project/run.js';
import type { Terminal } from '../terminal.js';
import { inGitFolder, makeFolders, outDirStaysInProject, writeAllOrNoneUnlessStopped, type FileToWrite } from '../../project/write.js';
import { EXIT_OK, EXIT_USAGE } from './check.js';

/** The files of the site, as dist/playground/ holds them. */
export const PLAYGROUND_FILES = [
  'index.html',
  'app.js',
  'import.js',
  'app.css',
  'THIRD-PARTY-NOTICES.txt',
  // The bundled font the document's @font-face loads (src/emit/html/fonts.ts), with its licence.
  'fonts/LiberationSans-Regular.ttf',
  'fonts/LiberationSans-Bold.ttf',
  'fonts/LiberationSans-Italic.ttf',
  'fonts/LiberationSans-BoldItalic.ttf',
  'fonts/LICENSE',
] as const;
/** Written last into DIR: marks the folder as a playground that the command may overwrite. */
export const MANIFEST = '.sop-playground.json';

export interface PlaygroundOptions {
  readonly out: string;
  /** The folder is the default (`ruang-coba`), not one named with --out: it comes from the repository, so a link out of it is refused. */
  readonly outIsDefault?: boolean;
  readonly force?: boolean;
  readonly lang: Lang;
}

/** dist/playground/ of the package, found from this module (dist/cli/ when bundled, src/cli/commands/ under tsx). */
export function playgroundSourceDir(): string | null {
  return findUp(import.meta.url, 5, (d) => [path.join(d, 'playground'), path.join(d, 'dist', 'playground')].find((c) => PLAYGROUND_FILES.every((f) => existsSync(path.join(c, f)))) ?? null);
}

/** The largest marker read: ours is some 500 bytes. */
export const MARKER_MAX_BYTES = 4096;

/** The folders inside DIR that the site's files go into (`fonts`). */
const SITE_FOLDERS = [...new Set(PLAYGROUND_FILES.map((f) => path.dirname(f)).filter((d) => d !== '.'))];

/**
 * Whether DIR carries our marker. The folder may come from the repository, so the marker is read only as a
 * regular file of at most MARKER_MAX_BYTES, never through a link, never blocking (readOwnFile): a committed
 * FIFO had hung the command, a link to /dev/zero grown it past 14 GB. `why` says why it was not read.
 */
function marker(dir: string): { ours: boolean; why: Why | null } {
  const r = readOwnFile(path.join(dir, MANIFEST), MARKER_MAX_BYTES);
  if (!r.ok) return { ours: false, why: r.why };
  try {
    const m = JSON.parse(r.data.toString('utf8')) as { generator?: unknown } | null;
    return { ours: m?.generator === 'sop playground', why: null };
  } catch {
    return { ours: false, why: null };
  }
}

/** The entry at `p` itself (a link not followed), or null when there is none (or it cannot be reached: the write says why). */
function entryAt(p: string): Stats | null {
  try {
    return lstatSync(p);
  } catch {
    return null;
  }
}

/**
 * Why DIR may not be written, as the lines to print, or null: checked before anything is made or written. A
 * `.git` folder (as written or once links are resolved) is refused; so is the default folder when it is a
 * symbolic link (it comes from the repository), and any link inside DIR on the way to a file (`fonts`
 * linked out of the project had the fonts and their LICENSE written over another folder's). A file of the site
 * that is a link is replaced by the write itself (a rename), its target untouched.
 */
function folderRefusal(out: string, opts: PlaygroundOptions, t: (id: string, en: string) => string): string[] | null {
  const shown = visibleLine(displayPath(out));
  const other = t('pilih folder lain dengan --out', 'choose another folder with --out');
  if (inGitFolder(out)) return [t(`sop playground: ${shown}: berada di dalam folder .git; ruang coba tidak ditulis ke sana (${other})`, `sop playground: ${shown}: is in a .git folder; the playground is not written there (${other})`)];
  if (opts.outIsDefault && entryAt(out)?.isSymbolicLink()) {
    return [
      outDirStaysInProject(out, process.cwd())
        ? t(`sop playground: ${shown}: adalah tautan simbolik; ruang coba tidak ditulis melalui tautan (${other})`, `sop playground: ${shown}: is a symbolic link; the playground is not written through a link (${other})`)
        : t(`sop playground: ${shown}: adalah tautan simbolik ke luar folder proyek; tidak ditulis (${other})`, `sop playground: ${shown}: is a symbolic link out of the project folder; not written (${other})`),
    ];
  }
  let st: Stats | null;
  try {
    st = statSync(out);
  } catch {
    st = null; // Not there: made by the write (or the write says why not).
  }
  if (st === null) return null;
  if (!st.isDirectory()) return [t(`sop playground: ${shown} adalah berkas, bukan folder; pilih folder lain untuk --out`, `sop playground: ${shown} is a file, not a folder; choose another folder for --out`)];
  for (const name of SITE_FOLDERS) {
    const e = entryAt(path.join(out, name));
    const at = visibleLine(displayPath(path.join(out, name)));
    if (e?.isSymbolicLink()) return [t(`sop playground: ${at}: adalah tautan simbolik; ruang coba tidak ditulis melalui tautan (hapus tautan itu, atau ${other})`, `sop playground: ${at}: is a symbolic link; the playground is not written through a link (remove the link, or ${other})`)];
    if (e && !e.isDirectory()) return [`sop playground: ${at}: ${t(describeWriteError({ code: 'ENOTDIR' }), 'cannot be written: part of its path is a file, not a folder')}`];
  }
  for (const f of [...PLAYGROUND_FILES, MANIFEST]) {
    if (entryAt(path.join(out, f))?.isDirectory()) return [`sop playground: ${visibleLine(displayPath(path.join(out, f)))}: ${t(describeWriteError({ code: 'EISDIR' }), 'cannot be written: is a folder, not a file')}`];
  }
  let entries: string[];
  try {
    entries = readdirSync(out);
  } catch (e) {
    return [`sop playground: ${shown}: ${describeFsError(e)}`];
  }
  const clash = [...new Set(PLAYGROUND_FILES.map((f) => f.split('/')[0]!))].filter((f) => entries.includes(f));
  if (clash.length === 0 || opts.force) return null;
  const m = marker(out);
  if (m.ours) return null;
  const markerShown = visibleLine(displayPath(path.join(out, MANIFEST)));
  return [
    ...(m.why ? [t(`sop playground: ${markerShown}: ${m.why.id}; tidak dibaca, jadi folder ini tidak dianggap ruang coba`, `sop playground: ${markerShown}: ${m.why.en}; not read, so the folder is not taken for a playground`)] : []),
    t(
      `sop playground: ${shown} sudah berisi ${clash.join(', ')} yang bukan buatan sop playground; tidak ditimpa. Pilih folder kosong, atau tambahkan --force untuk menimpa berkas itu`,
      `sop playground: ${shown} already holds ${clash.join(', ')} not written by sop playground; not overwritten. Choose an empty folder, or add --force to overwrite those files`,
    ),
  ];
}

/** Removes the folders from `deepest` up to `made` (the first one mkdir made), each only if empty. */
function removeMade(made: string | undefined, deepest: string): void {
  if (made === undefined) return;
  for (let d = deepest; ; d = path.dirname(d)) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
    if (d === made || path.dirname(d) === d) return;
  }
}

/**
 * Writes the site: every file or none (each to a temporary file, then all renamed, the marker last), so a full
 * disk or a SIGINT/SIGTERM/SIGHUP meanwhile leaves the folder as it was, with no temporary file and no folder
 * of ours left empty; a signal is heard between files and answered with its exit code (130, 143, 129).
 */
async function writeSite(out: string, files: readonly FileToWrite[], term: Terminal, t: (id: string, en: string) => string): Promise<number> {
  let stopped: NodeJS.Signals | null = null;
  const onSignal = (sig: NodeJS.Signals): void => void (stopped ??= sig);
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const sig of signals) process.on(sig, onSignal);
  const deepest = path.join(out, SITE_FOLDERS[0] ?? '');
  let made: string | undefined;
  try {
    made = makeFolders(deepest);
    if (await writeAllOrNoneUnlessStopped(files, () => stopped !== null)) return EXIT_OK;
    removeMade(made, deepest);
    term.err(t(`sop playground: dihentikan (${stopped}); tidak ada yang ditulis`, `sop playground: stopped (${stopped}); nothing was written`));
    return signalExitCode(stopped!);
  } catch (e) {
    const { failedFile, written } = e as { failedFile?: string; written?: string[] };
    term.err(`sop playground: ${visibleLine(displayPath(failedFile ?? out))}: ${describeWriteError(e)}`);
    if (written && written.length > 0) for (const w of written) term.err(t(`sop playground: sudah ditulis: ${visibleLine(displayPath(w))}`, `sop playground: already written: ${visibleLine(displayPath(w))}`));
    else removeMade(made, deepest);
    return EXIT_USAGE;
  } finally {
    for (const sig of signals) process.off(sig, onSignal);
  }
}

export async function runPlayground(opts: PlaygroundOptions, term: Terminal, source: string | null = playgroundSourceDir()): Promise<number> {
  const t = (id: string, en: string): string => (opts.lang === 'en' ? en : id);
  const out = path.resolve(opts.out);
  if (!source) {
    term.err(t('sop playground: berkas ruang coba tidak ada di paket (dist/playground/); jalankan `npm run build` lebih dulu', 'sop playground: the playground files are missing from the package (dist/playground/); run `npm run build` first'));
    return EXIT_USAGE;
  }
  const refused = folderRefusal(out, opts, t);
  if (refused !== null) {
    for (const line of refused) term.err(line);
    return EXIT_USAGE;
  }
  let files: FileToWrite[];
  try {
    files = PLAYGROUND_FILES.map((f) => ({ file: path.join(out, f), data: readFileSync(path.join(source, f)) }));
  } catch (e) {
    term.err(`sop playground: ${visibleLine(displayPath(source))}: ${describeFsError(e)}`);
    return EXIT_USAGE;
  }
  files.push({ file: path.join(out, MANIFEST), data: `${JSON.stringify({ generator: 'sop playground', files: PLAYGROUND_FILES }, null, 2)}\n` });
  const code = await writeSite(out, files, term, t);
  if (code !== EXIT_OK) return code;
  const index = path.join(out, 'index.html');
  term.out(t(`Ruang coba SOP ditulis ke ${visibleLine(displayPath(index))}`, `SOP playground written to ${visibleLine(displayPath(index))}`));
  term.out(t('Buka berkas itu di peramban: berjalan tanpa server dan tanpa internet.', 'Open that file in a browser: it needs no server and no internet.'));
  return EXIT_OK;
}
