/**
 * File-system side of the CLI: finding the `.sop` files of the paths given,
 * grouping them into projects, reading them as UTF-8 text, loading
 * `sop.config.json`. Problems are returned as I/O errors, never thrown.
 */
import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readSync, readdirSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { validateConfig, type SopConfig } from '../model/config.js';
import type { JsonPlace } from '../util/json-position.js';

export const CONFIG_FILE = 'sop.config.json';

export interface IoError {
  readonly path: string;
  readonly message: string;
}

export interface ProjectGroup {
  /** Absolute folder of the project. */
  readonly root: string;
  /** Absolute paths of its `.sop` files, sorted. */
  readonly files: string[];
  readonly config: SopConfig;
  /** Path of the config file, when there is one. */
  readonly configPath: string | null;
  readonly configError: ConfigError | null;
  /** The config file's text (for positions in it), when it could be read. */
  readonly configText: string | null;
}

export type ReadResult =
  /** `bom`: the file began with a UTF-8 byte-order mark (the decoder removes it from `text`). */
  | { readonly ok: true; readonly text: string; readonly bom: boolean }
  | { readonly ok: false; readonly error: IoError };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The largest source read (a `.sop` or sop.config.json), 10 MB: about
 * 100 000 steps, a hundred times the PDF's limit, checked in ~4 s. A larger
 * file is refused with a message instead of taking minutes and gigabytes
 * (documented in docs/security.md).
 */
export const SOURCE_MAX_BYTES = 10 * 1024 * 1024;

/** The first folder at or above `start` (lexically) for which `stop` is true, or null. */
function upTo(start: string, stop: (dir: string) => boolean): string | null {
  for (let d = start; ; ) {
    if (stop(d)) return d;
    const up = path.dirname(d);
    if (up === d) return null;
    d = up;
  }
}

/**
 * The git repository holding the working folder (found once, lexically, without following links); none outside a
 * repository, where a path named on the command line is the caller's choice.
 */
let anchorDir: { cwd: string; dir: string | null; real: string | null } | null = null;
function anchorOf(): { dir: string | null; real: string | null } {
  const cwd = process.cwd();
  if (anchorDir?.cwd === cwd) return anchorDir;
  const dir = upTo(cwd, (d) => existsSync(path.join(d, '.git')));
  let real: string | null = null;
  try {
    real = dir === null ? null : realpathSync.native(dir);
  } catch {
    real = null;
  }
  anchorDir = { cwd, dir, real };
  return anchorDir;
}

/**
 * Why a file read as untrusted (with a project `root`) is not read, or null when it is: it must lie in that folder
 * once links are resolved, never in a `.git` folder, and, when its path lies in the git repository of the working
 * folder, in that repository. A second probe read files through links whose targets had a `.git` or a
 * sop.config.json of their own (taken for the project), through links with no git at all, and `.git/config` (a CI
 * token) through a committed link. A file whose own path is in a `.git` folder (`book.foreword: ".git/config"`) is
 * said to be there, not to be a link (it is none).
 */
function notInProject(file: string, root: string): string | null {
  const real = realPair(file, root);
  if (real === null) return null; // Missing: the read reports it.
  if (!below(real.root, real.file)) return hasGitSegment(path.relative(path.resolve(root), path.resolve(file))) ? IN_GIT : OUT_BY_LINK;
  const { dir, real: realDir } = anchorOf();
  if (dir === null || realDir === null) return null;
  const lexical = path.relative(dir, path.resolve(file));
  if (lexical.startsWith('..') || path.isAbsolute(lexical) || below(realDir, real.file)) return null;
  return hasGitSegment(lexical) ? IN_GIT : OUT_BY_LINK;
}

const OUT_BY_LINK = 'adalah tautan simbolik ke luar folder proyek; tidak dibaca';
const IN_GIT = 'ada di dalam folder .git; berkas di sana tidak pernah dibaca';

/** Whether `real` lies below folder `realRoot` (both resolved), not in a `.git` folder there. */
function below(realRoot: string, real: string): boolean {
  return under(realRoot, real) && !hasGitSegment(path.relative(realRoot, real));
}

/** Whether path `p` names a `.git` folder or something in one (`.git`, `x/.git/y`; any case, as a case-insensitive disk has it). */
export function hasGitSegment(p: string): boolean {
  return p.split(path.sep).some((seg) => seg.toLowerCase() === '.git');
}

/** Whether path `p` lies below folder `dir` (the folder itself is not below it); both as given, links not followed. */
export function under(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * `abs` and `root` with symbolic links resolved, or null when either is missing. The native realpath (one libc call):
 * the JavaScript one lstat()s each component itself, which was ~30 % of a 1 000-SOP incremental no-op build.
 */
function realPair(abs: string, root: string): { file: string; root: string } | null {
  try {
    return { file: realpathSync.native(abs), root: realpathSync.native(root) };
  } catch {
    return null;
  }
}

/** Whether `abs` lies inside folder `root`, both compared once symbolic links are resolved. */
export function insideReal(abs: string, root: string): boolean {
  const real = realPair(abs, root);
  return real === null || under(real.root, real.file); // Missing: the read reports it.
}

/** The folder a command works on when no path is named, when the working folder has one. */
export const DEFAULT_FOLDER = 'sops';

/**
 * What a command works on: the paths named on the command line (trusted), else
 * `sops/` when the working folder has one, else the working folder. `sops/`
 * comes from the repository: a symbolic link of that name that leads out of
 * the working folder is refused (it would make `sop build` read, and print,
 * another folder of the machine).
 */
export function targetPaths(paths: readonly string[]): { ok: true; paths: string[] } | { ok: false; error: IoError } {
  if (paths.length > 0) return { ok: true, paths: [...paths] };
  if (!existsSync(DEFAULT_FOLDER)) return { ok: true, paths: ['.'] };
  if (!insideReal(DEFAULT_FOLDER, '.')) return { ok: false, error: { path: DEFAULT_FOLDER, message: 'adalah tautan simbolik ke luar folder proyek; tidak dibaca' } };
  return { ok: true, paths: [DEFAULT_FOLDER] };
}

/** targetPaths for a command that reports to the terminal: the paths, or null once `say` has been told why not. */
export function targetsOrSay(paths: readonly string[], say: (line: string) => void): string[] | null {
  const t = targetPaths(paths);
  if (t.ok) return t.paths;
  say(`sop: ${t.error.path}: ${t.error.message}`);
  return null;
}

/**
 * Reads a file as UTF-8 text; refuses binary files and invalid UTF-8. The file
 * is untrusted: it must be a regular file (a FIFO or device such as
 * /dev/zero, reached through a symlink, would block or never end), at most
 * SOURCE_MAX_BYTES (or `maxBytes`); with `root`, it must lie inside that folder once symlinks
 * are resolved (a `x.sop` linking to a secret would print it in the code frames).
 */
export function readText(file: string, root?: string, maxBytes = SOURCE_MAX_BYTES): ReadResult {
  const refused = root === undefined ? null : notInProject(file, root);
  if (refused !== null) return { ok: false, error: { path: file, message: refused } };
  let buf: Buffer;
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    // A name that is not UTF-8 reaches node with U+FFFD for its bytes, and names no file: not "not found".
    if (file.includes('\ufffd') && (e as { code?: string }).code === 'ENOENT') return { ok: false, error: { path: file, message: 'nama berkasnya bukan UTF-8, sehingga tidak dapat dibuka; ganti namanya' } };
    return { ok: false, error: { path: file, message: describeFsError(e) } };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { ok: false, error: { path: file, message: describeFsError({ code: 'EISDIR' }) } };
    if (!st.isFile()) return { ok: false, error: { path: file, message: 'bukan berkas biasa (FIFO, perangkat atau soket); tidak dibaca' } };
    const tooBig = (n: number): ReadResult => ({
      ok: false,
      error: { path: file, message: `terlalu besar (${(n / (1024 * 1024)).toFixed(1)} MB; batasnya ${maxBytes / (1024 * 1024)} MB)` },
    });
    if (st.size > maxBytes) return tooBig(st.size);
    const read = readAtMost(fd, maxBytes, st.size);
    if (typeof read === 'number') return tooBig(read);
    buf = read;
  } catch (e) {
    return { ok: false, error: { path: file, message: describeFsError(e) } };
  } finally {
    closeSync(fd);
  }
  // UTF-16 (Notepad's "Unicode") is text with a NUL in every other byte: said as what it is, with the way out.
  if (isUtf16(buf)) return { ok: false, error: { path: file, message: 'berkas UTF-16, bukan UTF-8; simpan ulang berkas sebagai UTF-8' } };
  if (buf.subarray(0, 8192).includes(0)) return { ok: false, error: { path: file, message: 'bukan berkas teks (berisi byte NUL)' } };
  try {
    const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
    return { ok: true, text: decoder.decode(buf), bom };
  } catch {
    return { ok: false, error: { path: file, message: 'bukan teks UTF-8 yang sah; simpan ulang berkas sebagai UTF-8' } };
  }
}

/** Why a file was not read, in Indonesian (`id`) and English (`en`). */
export interface Why {
  readonly id: string;
  readonly en: string;
}

/**
 * A small file the tool wrote itself (the playground's marker) in a folder that may come from the repository: read
 * only when it is a regular file, not a symbolic link (lstat, then opened with O_NOFOLLOW and O_NONBLOCK and checked
 * again with fstat), of at most `maxBytes`. It never blocks (a FIFO), never reads without end (a link to
 * /dev/zero) and never reads through a link (to a file outside). `why` is null when the file is not there.
 */
export function readOwnFile(file: string, maxBytes: number): { ok: true; data: Buffer } | { ok: false; why: Why | null } {
  const refuse = (e: unknown): { ok: false; why: Why | null } => {
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === 'ENOENT') return { ok: false, why: null };
    if (code === 'ELOOP' || code === 'LINK') return { ok: false, why: { id: 'adalah tautan simbolik', en: 'is a symbolic link' } };
    if (code === 'EISDIR') return { ok: false, why: { id: 'adalah folder, bukan berkas', en: 'is a folder, not a file' } };
    if (code === 'NOTFILE') return { ok: false, why: { id: 'bukan berkas biasa (FIFO, perangkat atau soket)', en: 'is not a regular file (a FIFO, device or socket)' } };
    if (code === 'TOOBIG') return { ok: false, why: { id: `terlalu besar (lebih dari ${maxBytes} byte)`, en: `is too large (over ${maxBytes} bytes)` } };
    return { ok: false, why: { id: describeFsError(e), en: e instanceof Error ? e.message : String(e) } };
  };
  const kind = (st: { isSymbolicLink(): boolean; isDirectory(): boolean; isFile(): boolean; size: number }): string | null =>
    st.isSymbolicLink() ? 'LINK' : st.isDirectory() ? 'EISDIR' : !st.isFile() ? 'NOTFILE' : st.size > maxBytes ? 'TOOBIG' : null;
  let fd: number;
  try {
    const code = kind(lstatSync(file));
    if (code !== null) return refuse({ code });
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    return refuse(e);
  }
  try {
    const st = fstatSync(fd);
    const code = kind(st);
    if (code !== null) return refuse({ code });
    const read = readAtMost(fd, maxBytes, st.size);
    return typeof read === 'number' ? refuse({ code: 'TOOBIG' }) : { ok: true, data: read };
  } catch (e) {
    return refuse(e);
  } finally {
    closeSync(fd);
  }
}

/**
 * A file's bytes read to its end, never more than `maxBytes` (a file that grew since fstat, or one that has no end,
 * as /dev/zero, is still stopped): the bytes, or how many were read when the limit was passed. `sizeHint` (a regular
 * file's fstat size) sets the reads' length; without it (a pipe) they are 64 KB, and a pipe set non-blocking with
 * nothing yet to read is waited for (sop import reads standard input so).
 */
export function readAtMost(fd: number, maxBytes: number, sizeHint?: number): Buffer | number {
  const chunks: Buffer[] = [];
  let n = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(sizeHint === undefined ? 1 << 16 : Math.min(1024 * 1024, Math.max(sizeHint - n, 0) + 1));
    let got: number;
    try {
      got = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      continue;
    }
    if (got === 0) break;
    chunks.push(chunk.subarray(0, got));
    n += got;
    if (n > maxBytes) return n;
  }
  return Buffer.concat(chunks, n);
}

/** A byte-order mark of UTF-16, or (without one) a NUL in every other byte of the start, as ASCII text in UTF-16 has. */
function isUtf16(buf: Buffer): boolean {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) return true;
  const n = Math.min(buf.length, 512) & ~1;
  if (n < 8) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) even++;
    if (buf[i + 1] === 0) odd++;
  }
  return Math.max(even, odd) >= (n / 2) * 0.9 && Math.min(even, odd) === 0;
}

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'tidak ditemukan';
    case 'EACCES':
    case 'EPERM':
      return 'tidak dapat dibaca (izin ditolak)';
    case 'EISDIR':
      return 'adalah folder, bukan berkas';
    case 'ELOOP':
      // Node's words were "ELOOP: too many symbolic links encountered, stat '…'".
      return 'adalah tautan simbolik yang melingkar; tidak dibaca';
    case 'ENOTDIR':
      return `${(e as NodeJS.ErrnoException).path ? `${(e as NodeJS.ErrnoException).path} ` : ''}bukan folder`;
    default:
      // An error of sop's own (no errno: "ETEMPLATE" and the like) is already in words.
      return isSystemError(e) ? `tidak dapat dibaca: ${ioTrouble(code) ?? systemWords(e)}` : systemWords(e);
  }
}

/**
 * The failures of a disk, a network share or the system that neither reading nor writing names otherwise, in words
 * with Node's code after them (Node's own words were English: "EIO: i/o error, read").
 */
function ioTrouble(code: string | undefined): string | null {
  switch (code) {
    case 'EIO':
      return 'kesalahan perangkat penyimpanan (EIO); periksa disknya';
    case 'EMFILE':
    case 'ENFILE':
      return `terlalu banyak berkas terbuka (${code}); tutup program lain lalu ulangi`;
    case 'ENAMETOOLONG':
      return 'namanya terlalu panjang untuk sistem berkas (ENAMETOOLONG)';
    case 'ENXIO':
    case 'ENODEV':
      return `bukan berkas biasa (${code})`;
    case 'EBUSY':
    case 'ETXTBSY':
      return `sedang dipakai program lain (${code}); ulangi nanti`;
    case 'ESTALE':
    case 'ETIMEDOUT':
    case 'EHOSTDOWN':
    case 'ENOTCONN':
      return `folder jaringannya terputus (${code})`;
    case 'ENOMEM':
      return 'memori tidak cukup (ENOMEM)';
    default:
      return null;
  }
}

/** An error the system reported (Node gives it an errno), not one of sop's own. */
const isSystemError = (e: unknown): boolean => typeof (e as NodeJS.ErrnoException)?.errno === 'number' && typeof (e as NodeJS.ErrnoException).code === 'string';

/**
 * A failure no case names: the system's own words, once, in brackets after the code ("kesalahan sistem (EXDEV: …)");
 * an error of sop's own as it is.
 */
function systemWords(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  if (!isSystemError(e)) return text;
  const code = (e as NodeJS.ErrnoException).code!;
  return `kesalahan sistem (${text.startsWith(code) ? text : `${code}: ${text}`})`;
}

/** Why a file could not be written, in words (the message says which file). */
export function describeWriteError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'tidak dapat ditulis (izin ditolak)';
    case 'EROFS':
      return 'tidak dapat ditulis: sistem berkasnya hanya-baca (EROFS)';
    case 'ENOENT':
      // A folder that cannot be made there (under /proc), or one removed while writing.
      return 'tidak dapat ditulis: foldernya tidak ada dan tidak dapat dibuat di sana';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'tidak dapat ditulis: disk penuh';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'tidak dapat ditulis: sebagian jalurnya adalah berkas, bukan folder';
    case 'EISDIR':
      return 'tidak dapat ditulis: adalah folder, bukan berkas';
    case 'ENAMETOOLONG':
      return 'tidak dapat ditulis: namanya terlalu panjang untuk sistem berkas (ganti nama berkas .sop-nya)';
    case 'ELINKOUT':
      return 'tidak ditulis: foldernya adalah tautan simbolik ke luar folder keluaran atau proyek';
    case 'ECHANGED':
      return 'tidak ditulis: berkasnya berubah selagi diformat (disimpan dari editor?); jalankan lagi';
    default:
      return `tidak dapat ditulis: ${ioTrouble(code) ?? systemWords(e)}`;
  }
}

const SKIP_DIRS = new Set(['node_modules', 'out', 'dist']);

/**
 * Whether the folder walk of `sop check` passes over an entry of this name: anything hidden (`.git` too), and the
 * folders of dependencies and build output (`isDir` unknown: any entry of those names). Symbolic links are never
 * followed either. `sop preview` watches a folder by the same rules.
 */
export function skippedInWalk(name: string, isDir = true): boolean {
  return name.startsWith('.') || (isDir && SKIP_DIRS.has(name));
}

/** Every `.sop` file below `dir`, sorted, skipping hidden folders and build output. */
export function findSopFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      // A symbolic link is neither a folder nor a file here (withFileTypes does not follow it): never walked, never read.
      if (skippedInWalk(e.name, e.isDirectory())) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.toLowerCase().endsWith('.sop')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * The nearest folder at or above `dir` that holds a sop.config.json, up to the repository's root (a folder with
 * `.git`), or `dir` itself. A folder that a symbolic link takes out of its repository (a committed `sops/lib` linked to
 * another folder of the machine) is no project of its own: the repository is, and the files through the link lie
 * outside it (readText refuses them).
 */
export function projectRootOf(dir: string): string {
  const own = path.resolve(dir);
  let root: string | null = null;
  const repo = upTo(own, (d) => {
    if (root === null && existsSync(path.join(d, CONFIG_FILE))) root = d;
    return existsSync(path.join(d, '.git'));
  });
  const found: string = root ?? own;
  return repo !== null && found !== repo && !insideReal(found, repo) ? repo : found;
}

/** Why a sop.config.json is refused, in Indonesian (`id`) and English (`en`). */
export interface ConfigError {
  readonly id: string;
  readonly en: string;
  /** The value (or key, or characters) it is about, when one: the diagnostic points there. */
  readonly at?: JsonPlace;
  /** Where JSON.parse stopped (UTF-16 offset in the text), for invalid JSON. */
  readonly offset?: number;
}

/**
 * JSON.parse's reason in Indonesian (the range of SOP503 points at the place): drafters read "Expected
 * double-quoted property name in JSON at position 17" for a comma left after the last value. A reason not listed
 * keeps V8's words, in brackets.
 */
function jsonWhy(why: string): string {
  const words: readonly (readonly [RegExp, string])[] = [
    [/^Expected double-quoted property name/, 'nama properti harus di antara tanda kutip ganda ("nama"), atau ada koma berlebih sebelum } atau ]'],
    [/^Expected property name or '\}'/, 'nama properti harus di antara tanda kutip ganda ("nama")'],
    [/^Expected ':' after property name/, 'titik dua (:) harus ada setelah nama properti'],
    [/^Expected ',' or '\}' after property value/, "koma (,) atau '}' harus ada setelah nilai (kurang koma di antara dua properti, atau } di akhir)"],
    [/^Expected ',' or '\]' after array element/, "koma (,) atau ']' harus ada setelah unsur daftar"],
    [/^Bad control character in string literal/, 'teks dalam tanda kutip tidak boleh memuat baris baru atau tab (tulis \\n)'],
    [/^Unterminated string/, 'tanda kutip penutup (") tidak ada'],
    [/^Unexpected end of JSON input/, 'berkas berakhir sebelum JSON selesai (kurang } atau ])'],
    [/^Unexpected token/, 'ada tanda yang tidak diharapkan; sop.config.json harus berupa objek JSON { … }'],
  ];
  const hit = words.find(([re]) => re.test(why));
  return hit ? hit[1] : `(${why})`;
}

export function loadConfig(root: string): { config: SopConfig; configPath: string | null; error: ConfigError | null; text: string | null } {
  const p = path.join(root, CONFIG_FILE);
  if (!existsSync(p)) return { config: {}, configPath: null, error: null, text: null };
  const r = readText(p, root);
  if (!r.ok) return { config: {}, configPath: p, error: { id: r.error.message, en: r.error.message }, text: null };
  let raw: unknown;
  try {
    raw = JSON.parse(r.text);
  } catch (e) {
    const why = (e as Error).message;
    // JSON.parse names the offset it stopped at ("… at position 55"; at the end: "Unexpected end of JSON input").
    const at = /\bat position (\d+)/.exec(why);
    const offset = at ? Math.min(Number(at[1]), r.text.length) : /end of JSON input/.test(why) ? r.text.length : undefined;
    return { config: {}, configPath: p, error: { id: `JSON tidak sah: ${jsonWhy(why)}`, en: `invalid JSON: ${why}`, ...(offset !== undefined ? { offset } : {}) }, text: r.text };
  }
  const v = validateConfig(raw);
  return v.ok ? { config: v.config, configPath: p, error: null, text: r.text } : { config: {}, configPath: p, error: { id: v.alasan, en: v.reason, ...(v.at ? { at: v.at } : {}) }, text: r.text };
}

/** Groups the paths given on the command line into projects. */
export function collectProjects(paths: readonly string[]): { projects: ProjectGroup[]; errors: IoError[] } {
  const errors: IoError[] = [];
  const byRoot = new Map<string, Set<string>>();
  const addFile = (root: string, file: string): void => {
    const set = byRoot.get(root) ?? new Set<string>();
    set.add(file);
    byRoot.set(root, set);
  };
  for (const p of paths) {
    const abs = path.resolve(p);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      errors.push({ path: p, message: describeFsError(e) });
      continue;
    }
    if (st.isDirectory()) {
      const files = findSopFiles(abs);
      const root = existsSync(path.join(abs, CONFIG_FILE)) ? abs : projectRootOf(abs);
      if (files.length === 0) byRoot.set(root, byRoot.get(root) ?? new Set());
      for (const f of files) addFile(root, f);
    } else {
      addFile(projectRootOf(path.dirname(abs)), abs);
    }
  }
  const projects = [...byRoot.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([root, files]) => {
      const c = loadConfig(root);
      return { root, files: [...files].sort(), config: c.config, configPath: c.configPath, configError: c.error, configText: c.text };
    });
  return { projects, errors };
}

/** A path as shown to the user: relative to the working folder when inside it. */
export function displayPath(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
}
