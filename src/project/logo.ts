/**
 * Reading a logo, the file-system half of the logo rules (the check stage
 * turns the facts into diagnostics; the build embeds only an accepted logo).
 *
 * A logo is named by a file that anyone can propose in a pull request, so it
 * is read as untrusted: its real path (symlinks resolved) must lie inside the
 * project; it must be a regular file (a FIFO is never opened, it would block;
 * no folder, no device such as /dev/zero); at most LOGO_MAX_BYTES; and its
 * bytes must be the image type its extension claims: PNG, JPEG, GIF or WebP.
 * SVG is refused: it can carry scripts and references to other files.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { LogoCheck } from '../check/project.js';
import { imageProblem } from '../util/image-check.js';

/** The largest logo accepted, in bytes (2 MB); documented in docs/language.md. */
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;

export interface LogoRead {
  readonly kind: 'ok';
  readonly mime: string;
  readonly bytes: Buffer;
  /** The path it was read from (absolute, as named: before links are resolved), for messages. */
  readonly file: string;
}
export type LogoResult = LogoRead | Exclude<LogoCheck, { kind: 'ok' }>;

type ImageType = 'png' | 'jpeg' | 'gif' | 'webp';

const BY_EXTENSION: Readonly<Record<string, ImageType | 'svg'>> = {
  '.png': 'png',
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.gif': 'gif',
  '.webp': 'webp',
  '.svg': 'svg',
  '.svgz': 'svg',
};

const MIME: Readonly<Record<ImageType, string>> = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/** The image type the first bytes show, by their magic numbers. */
export function sniffImage(b: Uint8Array): ImageType | 'svg' | null {
  const starts = (sig: readonly number[], at = 0): boolean => sig.every((x, i) => b[at + i] === x);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts([0x47, 0x49, 0x46, 0x38]) && (b[4] === 0x37 || b[4] === 0x39) && b[5] === 0x61) return 'gif';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  const head = Buffer.from(b.subarray(0, 512)).toString('utf8').replace(/^\ufeff/, '').trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg')) || head.startsWith('<!doctype svg')) return 'svg';
  return null;
}

/**
 * Reads the logo at `abs` for the project rooted at `root` (both absolute).
 * Never throws, never blocks: problems are returned as facts.
 */
export function readLogo(abs: string, root: string): LogoResult {
  let real: string;
  try {
    real = realpathSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM' ? { kind: 'not-file', reason: 'unreadable' } : { kind: 'missing' };
  }
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = root;
  }
  const rel = path.relative(realRoot, real);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { kind: 'outside' };
  let st;
  try {
    st = statSync(real);
  } catch {
    return { kind: 'missing' };
  }
  if (st.isDirectory()) return { kind: 'not-file', reason: 'folder' };
  if (!st.isFile()) return { kind: 'not-file', reason: 'special' };
  if (st.size > LOGO_MAX_BYTES) return { kind: 'too-large', size: st.size };
  const claimed = BY_EXTENSION[path.extname(real).toLowerCase()] ?? BY_EXTENSION[path.extname(abs).toLowerCase()] ?? null;
  if (claimed === 'svg') return { kind: 'bad-type', reason: 'svg' };
  if (claimed === null) return { kind: 'bad-type', reason: 'extension' };

  // Opened without blocking and without following a link swapped in since the
  // checks above; the descriptor is checked again, and at most the limit is read.
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return { kind: 'not-file', reason: 'unreadable' };
  }
  let bytes: Buffer;
  try {
    const fst = fstatSync(fd);
    if (!fst.isFile()) return { kind: 'not-file', reason: 'special' };
    if (fst.size > LOGO_MAX_BYTES) return { kind: 'too-large', size: fst.size };
    // One byte over the limit: a file that grew since fstat is still caught.
    const buf = Buffer.alloc(LOGO_MAX_BYTES + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n > LOGO_MAX_BYTES) return { kind: 'too-large', size: n };
    }
    bytes = buf.subarray(0, n);
  } catch {
    return { kind: 'not-file', reason: 'unreadable' };
  } finally {
    closeSync(fd);
  }
  const found = sniffImage(bytes);
  if (found === 'svg') return { kind: 'bad-type', reason: 'svg' };
  if (found !== claimed) return { kind: 'bad-type', reason: 'content' };
  // A header that lies (100 000 px a side) or broken chunks: refused before any decoder sees it.
  const problem = imageProblem(bytes, found);
  if (problem) return { kind: 'bad-type', reason: problem };
  return { kind: 'ok', mime: MIME[found], bytes, file: abs };
}

/** The logo as a `data:` URI, or null when it is refused. */
export function logoDataUri(r: LogoResult | null): string | null {
  return r?.kind === 'ok' ? `data:${r.mime};base64,${r.bytes.toString('base64')}` : null;
}
