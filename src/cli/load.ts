/**
 * Reads and checks the projects named on the command line: the shared first
 * half of `check`, `build` and the other commands.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { checkProject, type ProjectFileResult } from '../check/project.js';
import type { Lang } from '../diagnostics/catalog.js';
import { makeDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SopConfig } from '../model/config.js';
import { collectProjects, displayPath, readText, type IoError } from './io.js';

export interface LoadedFile extends ProjectFileResult {
  /** Absolute path. */
  readonly absPath: string;
  readonly projectRoot: string;
  readonly config: SopConfig;
}

export interface LoadResult {
  readonly files: LoadedFile[];
  /** Diagnostics not tied to a `.sop` file (an invalid config). */
  readonly projectDiagnostics: Diagnostic[];
  readonly ioErrors: IoError[];
  /** The text of each file by its display path, for code frames. */
  readonly texts: Map<string, string>;
}

const ZERO = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

export function loadProjects(paths: readonly string[], lang: Lang): LoadResult {
  const { projects, errors } = collectProjects(paths);
  const ioErrors: IoError[] = [...errors];
  const files: LoadedFile[] = [];
  const projectDiagnostics: Diagnostic[] = [];
  const texts = new Map<string, string>();
  for (const p of projects) {
    if (p.configError && p.configPath) {
      projectDiagnostics.push(
        makeDiagnostic({ code: 'SOP503', range: ZERO, params: { reason: p.configError } }, lang, displayPath(p.configPath)),
      );
    }
    const inputs: { path: string; text: string; abs: string }[] = [];
    for (const abs of p.files) {
      const r = readText(abs);
      if (!r.ok) {
        ioErrors.push({ path: displayPath(abs), message: r.error.message });
        continue;
      }
      inputs.push({ path: displayPath(abs), text: r.text, abs });
    }
    const result = checkProject({
      files: inputs.map((i) => ({ path: path.relative(p.root, i.abs), text: i.text })),
      root: p.root,
      config: p.config,
      lang,
      fileExists: (f) => existsSync(f),
    });
    result.files.forEach((f, i) => {
      const input = inputs[i]!;
      // Diagnostics name files as the user sees them, relative to the working folder.
      const rename = (d: Diagnostic): Diagnostic => ({
        ...d,
        file: displayPath(path.resolve(p.root, d.file)),
        ...(d.related ? { related: d.related.map((r) => (r.file ? { ...r, file: displayPath(path.resolve(p.root, r.file)) } : r)) } : {}),
      });
      const diagnostics = f.diagnostics.map(rename);
      texts.set(input.path, f.text);
      files.push({ ...f, file: input.path, diagnostics, absPath: input.abs, projectRoot: p.root, config: p.config });
    });
  }
  return { files, projectDiagnostics, ioErrors, texts };
}
