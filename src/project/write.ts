/**
 * Atomic writes: a temporary file beside the target, then a rename, so no
 * half-written file is ever left.
 *
 * Two uses: `writeAtomic` for build outputs (the output path itself is
 * replaced, whatever was there), and `rewriteInPlace` for `sop fmt --write`,
 * which rewrites a source file the user owns: through a symlink to its
 * target, with the target's mode kept, synced to disk before the rename.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { describeWriteError, hasGitSegment } from './io.js';

/** Writes `data` to a new temporary file beside `file` (never an existing one: `wx`), synced when asked. */
function writeTemp(file: string, data: string | Uint8Array, mode: number, sync: boolean): string {
  // The name is cut to 100 characters: an output whose own name is near the 255-byte limit can still be written.
  const tmp = path.join(path.dirname(file), `.${[...path.basename(file)].slice(0, 100).join('')}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', mode);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    if (sync) fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  return tmp;
}

const within = (p: string, dir: string): boolean => {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/**
 * Where `p` really is: its nearest existing folder with symbolic links
 * resolved, and the rest of the path as written. A dangling link on the way
 * (`out` -> `../elsewhere/new`) is followed too: a mkdir would create its target.
 */
function realTarget(p: string, depth = 0): string {
  let d = path.resolve(p);
  while (!existsSync(d)) {
    if (depth < 40) {
      try {
        if (lstatSync(d).isSymbolicLink()) return realTarget(path.join(path.resolve(path.dirname(d), readlinkSync(d)), path.relative(d, path.resolve(p))), depth + 1);
      } catch {
        // Not there at all: look further up.
      }
    }
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  let real: string;
  try {
    real = realpathSync(d);
  } catch {
    real = d;
  }
  return path.join(real, path.relative(d, path.resolve(p)));
}

/**
 * Whether an output `file` stays where it is meant to, once symbolic links
 * are resolved: inside `outDir` (a project can commit `out/sub` as a link to
 * any folder), and, when `outDir` lies in the project folder `root`, `outDir`
 * inside `root` (a committed `out` link to /var/www or ~/.config). Checked
 * before any folder is made. An `outDir` outside the project (a `--out`
 * given on the command line) is the caller's own choice and is trusted.
 */
export function outputStaysInside(file: string, outDir: string, root: string): boolean {
  const out = realTarget(outDir);
  if (within(path.resolve(outDir), path.resolve(root)) && !within(out, realTarget(root))) return false;
  return within(realTarget(path.dirname(file)), out);
}

/**
 * Whether an output folder the repository chose (the default `out/`, or
 * `outDir` of sop.config.json, both resolved in the working folder) stays in
 * the working folder or the project folder `root` once symbolic links are
 * resolved: a committed `out` link to `../elsewhere` is refused before
 * anything is read from or written to it. An `--out` given on the command
 * line is the caller's choice and is not asked about.
 */
export function outDirStaysInProject(outDir: string, root: string): boolean {
  const out = realTarget(outDir);
  return within(out, realTarget(process.cwd())) || within(out, realTarget(root));
}

/**
 * Whether folder `p` is a `.git` folder or lies in one, as written or once symbolic links are resolved (a dangling
 * link too): `ln -s .git ruang-coba` had `sop playground` write its site into the repository's database.
 */
export function inGitFolder(p: string): boolean {
  return hasGitSegment(path.resolve(p)) || hasGitSegment(realTarget(p));
}

/**
 * Why `file` may not be replaced by an output, or null: a folder, or a FIFO, device or socket (`--out /dev/full`
 * run as root replaced the device node itself; a FIFO became a plain file). A link is followed to ask.
 */
export function notReplaceableOutput(file: string): string | null {
  let st;
  try {
    st = statSync(file);
  } catch {
    return null; // Not there (or not reachable): the write says why, if it fails.
  }
  if (st.isDirectory()) return describeWriteError({ code: 'EISDIR' });
  return st.isFile() ? null : 'bukan berkas biasa (FIFO, perangkat atau soket); tidak ditimpa';
}

/**
 * Makes `dir` and the folders above it that are missing, one at a time from the deepest one there; the first one
 * made, or undefined (as mkdirSync's `recursive` answers). Not Node's `recursive`: under /proc it never returned
 * (`sop build -o /proc/x` spun at full CPU, deaf to SIGTERM), and on a read-only file system it said ENOENT ("no
 * such file") where a plain mkdir says EROFS.
 */
export function makeFolders(dir: string): string | undefined {
  const missing: string[] = [];
  for (let d = path.resolve(dir); ; ) {
    try {
      if (statSync(d).isDirectory()) break;
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${d}'`), { code: 'ENOTDIR', errno: -20, syscall: 'mkdir', path: d });
    } catch (e) {
      const up = path.dirname(d);
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || up === d) throw e;
      missing.push(d);
      d = up;
    }
  }
  let first: string | undefined;
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      // Made meanwhile (another command writing the same output): a folder is what was asked.
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && statSync(d).isDirectory()) continue;
      throw e;
    }
    first ??= d;
  }
  return first;
}

/** Replaces `file` (an output) atomically, creating its folder; `mtime` (seconds) is set on it before the rename. */
export function writeAtomic(file: string, data: string | Uint8Array, mtime?: number): void {
  makeFolders(path.dirname(file));
  const tmp = writeTemp(file, data, 0o666, false);
  try {
    if (mtime !== undefined) utimesSync(tmp, mtime, mtime);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** A file to write with writeAllOrNone: text (UTF-8) or bytes. */
export interface FileToWrite {
  readonly file: string;
  readonly data: string | Uint8Array;
}

/**
 * Writes every file or none: each to a temporary file beside it first (a full disk, a folder in the way, a name
 * too long fails there, and every temporary file is removed), then each renamed into place. Only a rename can still
 * fail after that (a folder swapped in meanwhile): the error then says which files were already written
 * (`written`: their paths, in order).
 */
export function writeAllOrNone(files: readonly FileToWrite[]): void {
  const temps: string[] = [];
  try {
    for (const f of files) temps.push(writeTemp(f.file, f.data, 0o666, false));
  } catch (e) {
    throw dropTemps(e, files, temps);
  }
  renameAll(files, temps);
}

/**
 * writeAllOrNone that can be stopped: it yields to the event loop before each temporary file, so a SIGINT or
 * SIGTERM handler runs meanwhile, and once `stopped()` is true it removes the temporary files written so far and
 * returns false, nothing renamed. The renames, done together without yielding, are not stopped half-way.
 */
export async function writeAllOrNoneUnlessStopped(files: readonly FileToWrite[], stopped: () => boolean): Promise<boolean> {
  const temps: string[] = [];
  try {
    for (const f of files) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (stopped()) {
        for (const t of temps) rmSync(t, { force: true });
        return false;
      }
      temps.push(writeTemp(f.file, f.data, 0o666, false));
    }
  } catch (e) {
    throw dropTemps(e, files, temps);
  }
  renameAll(files, temps);
  return true;
}

/** Removes the temporary files of a failed writeAllOrNone; the error, told which file failed and that none was written. */
function dropTemps(e: unknown, files: readonly FileToWrite[], temps: readonly string[]): Error {
  for (const t of temps) rmSync(t, { force: true });
  return Object.assign(e as Error, { failedFile: files[temps.length]!.file, written: [] as string[] });
}

/** Renames each temporary file onto its file; on a failure the rest are removed and the error says which were written. */
function renameAll(files: readonly FileToWrite[], temps: readonly string[]): void {
  const written: string[] = [];
  for (const [i, f] of files.entries()) {
    try {
      renameSync(temps[i]!, f.file);
      written.push(f.file);
    } catch (e) {
      for (const t of temps.slice(i)) rmSync(t, { force: true });
      throw Object.assign(e as Error, { failedFile: f.file, written });
    }
  }
}

/**
 * Rewrites an existing source file atomically: a symlink is followed and its
 * target rewritten (the link stays a link), the target's permission bits are
 * kept (a 444 or 755 file stays so, whatever the umask), and the new text is
 * fsynced before the rename, so a crash leaves the old or the new file.
 * `unchanged`, asked once the new text is written beside the file and just
 * before the rename, says whether the file still holds what the new text was
 * made from: when not (saved meanwhile by an editor), nothing is replaced
 * and the error's code is ECHANGED.
 */
export function rewriteInPlace(file: string, data: string | Uint8Array, unchanged?: () => boolean): void {
  const target = realpathSync(file);
  const mode = statSync(target).mode & 0o7777;
  const tmp = writeTemp(target, data, 0o600, true);
  try {
    // Set after creation: the mode given to open is reduced by the umask.
    chmodSync(tmp, mode);
    if (unchanged && !unchanged()) throw Object.assign(new Error('changed while formatted'), { code: 'ECHANGED' });
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  syncFolder(path.dirname(target));
}

/** Makes the rename itself durable; best effort (not every platform can open a folder). */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // The rename has happened; only its durability across a crash is unconfirmed.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
