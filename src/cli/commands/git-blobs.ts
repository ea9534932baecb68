/**
 * What a git revision holds of many files, read with two git processes in all (`sop diff --git REV`): sizes by
 * `git cat-file --batch-check -z`, then the contents of those within the source limit by `git cat-file --batch -z`.
 * Two processes a file (`cat-file -s`, then `show`) had cost some 5 ms a file in CI. Names are sent NUL-separated
 * (a name may hold a line feed); `-z` needs git 2.36 or later: with an older git each file is asked by two
 * processes, as before (oneBlob).
 */
import { execFileSync } from 'node:child_process';

/** One file of the revision: not there, a blob too large to read (its size), a blob's text, or an object that is no blob. */
export type RevisionBlob = { readonly kind: 'missing' } | { readonly kind: 'large'; readonly size: number } | { readonly kind: 'text'; readonly text: string } | { readonly kind: 'other' };

/** Each file of `files` (paths relative to the working folder) as `rev` holds it, `limit` the most bytes read of one. */
export function revisionBlobs(rev: string, files: readonly string[], limit: number): RevisionBlob[] {
  return batchBlobs(rev, files, limit) ?? files.map((f) => oneBlob(rev, f, limit));
}

/** revisionBlobs by git's batch mode; undefined when it fails (a git before 2.36 has no -z). */
function batchBlobs(rev: string, files: readonly string[], limit: number): RevisionBlob[] | undefined {
  if (files.length === 0) return [];
  const names = files.map((f) => `${rev}:./${f}`);
  try {
    const checked = batch(['--batch-check=%(objecttype) %(objectsize)'], names, 256 * names.length + 1024 * 1024);
    const heads = parseChecks(checked, names);
    const wanted = heads.map((h, i) => (h !== null && h.type === 'blob' && h.size <= limit ? i : -1)).filter((i) => i >= 0);
    const room = wanted.reduce((sum, i) => sum + (heads[i]?.size ?? 0) + 128, 1024 * 1024);
    const texts = parseContents(batch(['--batch'], wanted.map((i) => names[i] ?? ''), room), wanted.length);
    if (texts === undefined) return undefined;
    const textOf = new Map(wanted.map((i, k) => [i, texts[k] ?? '']));
    return heads.map((h, i): RevisionBlob => {
      if (h === null) return { kind: 'missing' };
      if (h.type !== 'blob') return { kind: 'other' };
      if (h.size > limit) return { kind: 'large', size: h.size };
      return { kind: 'text', text: textOf.get(i) ?? '' };
    });
  } catch {
    return undefined;
  }
}

function batch(mode: string[], names: readonly string[], maxBuffer: number): Buffer {
  if (names.length === 0) return Buffer.alloc(0);
  return execFileSync('git', ['cat-file', ...mode, '-z'], { input: names.map((n) => `${n}\0`).join(''), stdio: ['pipe', 'pipe', 'pipe'], maxBuffer });
}

/**
 * The answers of `--batch-check`, one a name in order: "TYPE SIZE\n", or "NAME missing\n" (also "ambiguous"), NAME
 * echoed as sent, so a name holding a line feed is matched whole rather than cut at it.
 */
function parseChecks(out: Buffer, names: readonly string[]): ({ type: string; size: number } | null)[] {
  const text = out.toString('utf8');
  let at = 0;
  return names.map((name) => {
    for (const word of [' missing\n', ' ambiguous\n']) {
      if (text.startsWith(name + word, at)) {
        at += name.length + word.length;
        return null;
      }
    }
    const end = text.indexOf('\n', at);
    if (end < 0) throw new Error('git cat-file: jawaban terpotong');
    const m = /^(\S+) (\d+)$/.exec(text.slice(at, end));
    at = end + 1;
    if (!m) throw new Error('git cat-file: jawaban tak dikenal');
    return { type: m[1] ?? '', size: Number(m[2]) };
  });
}

/** The contents of `--batch`: "OID TYPE SIZE\n", SIZE bytes, "\n", for each of `count` objects; undefined when cut short. */
function parseContents(out: Buffer, count: number): string[] | undefined {
  const texts: string[] = [];
  let at = 0;
  for (let k = 0; k < count; k++) {
    const end = out.indexOf(0x0a, at);
    if (end < 0) return undefined;
    const m = /^\S+ \S+ (\d+)$/.exec(out.subarray(at, end).toString('latin1'));
    if (!m) return undefined;
    const size = Number(m[1]);
    if (end + 1 + size > out.length) return undefined;
    texts.push(out.subarray(end + 1, end + 1 + size).toString('utf8'));
    at = end + 1 + size + 1;
  }
  return texts;
}

/**
 * What `rev` holds of `f`, asked by two git processes. Whether REV has the file, and how large it is, asked first: a
 * `git show` that failed on an old version over 40 MB (its buffer) had the file called new, and an old version over
 * 10 MB was read past the source limit.
 */
function oneBlob(rev: string, f: string, limit: number): RevisionBlob {
  const git = (args: string[]): string => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: limit * 4 });
  let size: number;
  try {
    size = Number(git(['cat-file', '-s', `${rev}:./${f}`]).trim());
  } catch {
    return { kind: 'missing' }; // a file new since REV
  }
  if (size > limit) return { kind: 'large', size };
  try {
    return { kind: 'text', text: git(['show', `${rev}:./${f}`]) };
  } catch {
    return { kind: 'other' };
  }
}
