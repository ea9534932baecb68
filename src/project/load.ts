/**
 * Reads and checks the projects named on the command line: the shared first
 * half of `check`, `build` and the other commands.
 */
import * as path from 'node:path';
import type { Range } from '../ast/nodes.js';
import { checkProject, extend, type CheckMemo, type LogoCheck, type ProjectFileResult } from '../check/project.js';
import type { Lang } from '../diagnostics/catalog.js';
import { makeDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SopConfig } from '../model/config.js';
import { CONFIG_FILE, collectProjects, displayPath, readText, type IoError, type ReadResult } from './io.js';
import { readLogo, type LogoResult } from './logo.js';
import { jsonRange, positionAt, type JsonPlace } from '../util/json-position.js';

export interface LoadedFile extends ProjectFileResult {
  /** Absolute path. */
  readonly absPath: string;
  readonly projectRoot: string;
  readonly config: SopConfig;
  /**
   * The logo the file prints (its own `Logo`, else the config's), as read
   * under the logo rules; null when it has none. The build embeds it only
   * when accepted, and never builds a file whose logo is refused.
   */
  readonly logo: LogoResult | null;
}

/** The sop.config.json of a file's project, named as the project's diagnostics name it (SOP503 and the like). */
export const configFileOf = (f: Pick<LoadedFile, 'projectRoot'>): string => displayPath(path.join(f.projectRoot, CONFIG_FILE));

export interface LoadResult {
  readonly files: LoadedFile[];
  /** Diagnostics not tied to a `.sop` file (an invalid config). */
  readonly projectDiagnostics: Diagnostic[];
  readonly ioErrors: IoError[];
  /** The text of each file by its display path, for code frames. */
  readonly texts: Map<string, string>;
}

const ZERO = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

/** Where `place` is written in a config text; the whole file's start when it cannot be found (or there is no text). */
function configRange(text: string | null, place: JsonPlace | undefined): Range {
  return (text !== null && place ? jsonRange(text, place) : null) ?? ZERO;
}

/** The character JSON.parse stopped at (none past the end: an empty range there), or null without an offset. */
function parseErrorRange(text: string | null, offset: number | undefined): Range | null {
  if (text === null || offset === undefined) return null;
  return { start: positionAt(text, offset), end: positionAt(text, Math.min(offset + 1, text.length)) };
}

export interface LoadOptions {
  /**
   * The store of per-file check results for a project (by its folder and
   * config), or null to check every file (`sop build --incremental`).
   */
  readonly memo?: (root: string, config: SopConfig) => CheckMemo | null;
  /**
   * Reads a `.sop` of project `root` (readText's rules and result); `sop preview` passes one that keeps the
   * texts of files unchanged since it last read them.
   */
  readonly read?: (abs: string, root: string) => ReadResult;
}

export function loadProjects(paths: readonly string[], lang: Lang, options: LoadOptions = {}): LoadResult {
  const { projects, errors } = collectProjects(paths);
  const ioErrors: IoError[] = [...errors];
  const files: LoadedFile[] = [];
  const projectDiagnostics: Diagnostic[] = [];
  const texts = new Map<string, string>();
  // One read per logo file, however many SOPs name it.
  const logos = new Map<string, LogoResult>();
  const logoAt = (abs: string, root: string): LogoResult => {
    const key = `${root}\0${abs}`;
    let r = logos.get(key);
    if (!r) logos.set(key, (r = readLogo(abs, root)));
    return r;
  };
  for (const p of projects) {
    if (p.configError && p.configPath) {
      projectDiagnostics.push(
        makeDiagnostic({ code: 'SOP503', range: parseErrorRange(p.configText, p.configError.offset) ?? configRange(p.configText, p.configError.at), params: { reason: lang === 'en' ? p.configError.en : p.configError.id } }, lang, displayPath(p.configPath)),
      );
    }
    const inputs: { path: string; text: string; abs: string }[] = [];
    for (const abs of p.files) {
      // Inside the project once symlinks are resolved: a link to a secret is never read nor printed.
      const r = (options.read ?? readText)(abs, p.root);
      if (!r.ok) {
        ioErrors.push({ path: displayPath(abs), message: r.error.message });
        continue;
      }
      inputs.push({ path: displayPath(abs), text: r.text, abs });
    }
    const memo = options.memo?.(p.root, p.config) ?? null;
    const result = checkProject({
      ...(memo ? { memo } : {}),
      files: inputs.map((i) => ({ path: path.relative(p.root, i.abs), text: i.text })),
      root: p.root,
      config: p.config,
      lang,
      logoFacts: (abs): LogoCheck => logoAt(abs, p.root),
      ...(p.configPath ? { configFile: { path: CONFIG_FILE, logoRange: configRange(p.configText, { path: ['logo'] }), rangeOf: (at: JsonPlace) => configRange(p.configText, at) } } : {}),
    });
    if (p.configPath && p.configText !== null) texts.set(displayPath(p.configPath), p.configText);
    for (const d of result.configDiagnostics) projectDiagnostics.push({ ...d, file: displayPath(p.configPath ?? path.join(p.root, CONFIG_FILE)) });
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
      // The logo this file prints: its own (relative to the file; absolute or escaping paths are refused by the rules), else the config's.
      const own = f.summary.logo?.value;
      const logoPath = own ?? p.config.logo;
      const logo = logoPath ? logoAt(path.resolve(own ? path.dirname(input.abs) : p.root, logoPath), p.root) : null;
      // extend, not a spread: a file whose check came from the memo parses its text only if its model is used.
      files.push(extend(f, { file: input.path, diagnostics, absPath: input.abs, projectRoot: p.root, config: p.config, logo }));
    });
  }
  return { files, projectDiagnostics, ioErrors, texts };
}
