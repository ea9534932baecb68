/**
 * Where a build writes: the output folder of a project (--out, the config's outDir, or out/) and the
 * output path of each SOP in it. The default out/ and the config's outDir come from the repository:
 * a link of theirs out of the project is neither read (its cache) nor written (write.ts
 * outDirStaysInProject). An --out is the caller's choice.
 */
import * as path from 'node:path';
import { inGitFolder, outDirStaysInProject } from './write.js';

/** The parts of a loaded SOP its output path is made from. */
export interface Placed {
  readonly absPath: string;
  readonly projectRoot: string;
  readonly config: { outDir?: string };
}

export class OutputPlaces {
  // Resolved once per folder name: asked for every file, several times, and path.resolve reads the working folder each time.
  private readonly resolvedOut = new Map<string, string>();
  private readonly refusedOut = new Map<string, boolean>();
  // The output path without its extension, worked out once per file (a 1 000-SOP incremental build asks for each several times).
  private readonly stems = new WeakMap<Placed, string>();

  constructor(private readonly out: string | undefined) {}

  /** The output folder of a project (absolute). */
  outDir(config: { outDir?: string }): string {
    const name = this.out ?? config.outDir ?? 'out';
    let dir = this.resolvedOut.get(name);
    if (dir === undefined) this.resolvedOut.set(name, (dir = path.resolve(name)));
    return dir;
  }

  /** The project's own output folder is a link out of the project (never with --out). */
  refused(root: string, config: { outDir?: string }): boolean {
    if (this.out !== undefined) return false;
    const dir = this.outDir(config);
    const k = `${dir}\u0000${root}`;
    let r = this.refusedOut.get(k);
    if (r === undefined) this.refusedOut.set(k, (r = !outDirStaysInProject(dir, root) || inGitFolder(dir)));
    return r;
  }

  /** The output of `f` with extension `ext` (its folders under the project kept). */
  outPath(f: Placed, ext: string): string {
    let stem = this.stems.get(f);
    if (stem === undefined) this.stems.set(f, (stem = path.join(this.outDir(f.config), path.relative(f.projectRoot, f.absPath).replace(/\.sop$/i, ''))));
    return `${stem}.${ext}`;
  }
}
