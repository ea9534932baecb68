/** Where a file of `sop preview` lies: inside the previewed folder or not, links resolved or not. */
import { realpathSync, type Stats } from 'node:fs';
import * as path from 'node:path';

/** Whether path `p` is folder `dir` or lies below it (both as given). */
export const inside = (p: string, dir: string): boolean => {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** `p` with its symbolic links resolved, or null when it is missing. */
export const realOrNull = (p: string): string | null => {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
};

/** `abs` relative to folder `root`, with `/` separators (the preview's names of files and URLs). */
export const relTo = (root: string, abs: string): string => path.relative(root, abs).split(path.sep).join('/');

/** A file's identity, size and times: it has not changed while this is the same (the read cache, the config poll). */
export const statStamp = (st: Stats): string => `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
