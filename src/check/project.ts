/**
 * A project: the `.sop` files of a folder checked together. Adds the
 * project-wide rules (unique `Nomor SOP`, `Keterkaitan` links, the logo's
 * place and file). Pure: the caller reads the files, and `logoFacts` tells
 * what is at a logo's path (src/project/logo.ts reads it).
 */
import * as path from 'node:path';
import type { Range } from '../ast/nodes.js';
import type { Lang } from '../diagnostics/catalog.js';
import { compareDiagnostics, makeDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { hiddenInConfig, type SopConfig } from '../model/config.js';
import type { JsonPlace } from '../util/json-position.js';
import { checkText, type FileResult } from './check.js';

export interface ProjectInput {
  /** Files with paths relative to `root` (or absolute), and their text. */
  readonly files: readonly { readonly path: string; readonly text: string }[];
  readonly root?: string;
  readonly config?: SopConfig;
  readonly lang?: Lang;
  /** Asked whether a logo file exists (absolute path). Omit to skip the check. */
  readonly fileExists?: (absPath: string) => boolean;
  /** What is at a logo's absolute path (wins over `fileExists`). Omit to skip the file checks. */
  readonly logoFacts?: (absPath: string) => LogoCheck;
  /**
   * The config file (path relative to `root`), the range of its `logo`
   * value, for diagnostics about `sop.config.json`'s logo, and where any of
   * its values is written (SOP117 at 1:1 without it).
   */
  readonly configFile?: { readonly path: string; readonly logoRange: Range; readonly rangeOf?: (at: JsonPlace) => Range };
  /**
   * Per-file results kept between calls (the language server re-checks a
   * folder on every keystroke): a file whose text is unchanged is not checked again.
   */
  readonly cache?: Map<string, FileResult>;
  /**
   * Per-file check results kept on disk between runs (`sop build
   * --incremental`, src/project/build-cache.ts): a file found here is not parsed;
   * its diagnostics and summary come from the memo, and its model is computed
   * only when something asks for it. The project rules still run on every
   * file's summary, so a change in one file still reaches the diagnostics of
   * another (a duplicate Nomor SOP, a Keterkaitan link).
   */
  readonly memo?: CheckMemo;
}

/** What the project rules need of a file: a few facts, kept with its diagnostics between runs. */
export interface FileSummary {
  readonly number: string;
  /** The range of the Nomor SOP's value (set whenever `number` is not empty). */
  readonly numberRange: Range | null;
  readonly name: string;
  readonly keterkaitan: readonly string[];
  /** The file's own `Logo` value, as written. */
  readonly logo: { readonly value: string; readonly range: Range } | null;
  /** The logo the model prints: the file's own, else the config's. */
  readonly modelLogo: string | null;
}

export interface MemoEntry {
  /** The file's own diagnostics (checkText's), before the project rules. */
  readonly diagnostics: readonly Diagnostic[];
  readonly summary: FileSummary;
}

/** A store of per-file check results keyed by the file's path and text (and whatever else the store folds into its key). */
export interface CheckMemo {
  get(path: string, text: string): MemoEntry | undefined;
  set(path: string, text: string, entry: MemoEntry): void;
}

export function summarize(r: FileResult): FileSummary {
  const nomor = r.facts.sections.get('nomor')?.value ?? null;
  const logo = r.facts.sections.get('logo')?.value ?? null;
  return {
    number: r.model.number,
    numberRange: nomor ? nomor.range : null,
    name: r.model.name,
    keterkaitan: r.model.lists.keterkaitan,
    logo: logo ? { value: logo.value, range: logo.range } : null,
    modelLogo: r.model.logo,
  };
}

/**
 * `base` with `extra`'s properties on top, keeping its prototype: a result
 * from the memo (MemoResult) computes its model only when asked, and a copy
 * must not ask (a spread would read the getters).
 */
export function extend<T extends object, U extends object>(base: T, extra: U): Omit<T, keyof U> & U {
  const proto = Object.getPrototypeOf(base) as object | null;
  if (proto === Object.prototype) return { ...base, ...extra };
  return Object.assign(Object.create(proto) as object, base, extra) as Omit<T, keyof U> & U;
}

/** A file's check result from the memo: its ast, model and facts are computed on first use (by checking the text again). */
class MemoResult {
  constructor(
    readonly file: string,
    readonly text: string,
    readonly diagnostics: readonly Diagnostic[],
    readonly summary: FileSummary,
    /** Shared by the copies extend() makes, so the text is checked at most once. */
    readonly lazy: { full: FileResult | null; readonly compute: () => FileResult },
  ) {}

  private get full(): FileResult {
    return (this.lazy.full ??= this.lazy.compute());
  }

  get ast(): FileResult['ast'] {
    return this.full.ast;
  }

  get model(): FileResult['model'] {
    return this.full.model;
  }

  get facts(): FileResult['facts'] {
    return this.full.facts;
  }
}

/**
 * The facts about a logo's file that the rules need: missing, outside the
 * project once symlinks are resolved, not a regular file (a folder, FIFO,
 * device, or unreadable), over the size limit, or not the image type its
 * extension claims (SVG is refused).
 */
export type LogoCheck =
  | { readonly kind: 'ok' }
  | { readonly kind: 'missing' }
  | { readonly kind: 'outside' }
  | { readonly kind: 'not-file'; readonly reason: 'folder' | 'special' | 'unreadable' }
  | { readonly kind: 'too-large'; readonly size: number }
  | { readonly kind: 'bad-type'; readonly reason: 'svg' | 'extension' | 'content' | 'dimensions' | 'corrupt' | 'unsupported' };

/** A `Keterkaitan` item and the SOP of the project it names, if any. */
export interface RelatedSopLink {
  readonly text: string;
  readonly file: string | null;
}

export interface ProjectFileResult extends FileResult {
  readonly links: readonly RelatedSopLink[];
  readonly summary: FileSummary;
}

export interface ProjectResult {
  readonly files: readonly ProjectFileResult[];
  /** Diagnostics of the `.sop` files, then of `configFile` (its logo). */
  readonly diagnostics: readonly Diagnostic[];
  /** Diagnostics about `configFile` (named by its path relative to `root`). */
  readonly configDiagnostics: readonly Diagnostic[];
}

/** Lower-case words, without a leading "SOP" and punctuation: how titles are compared. */
export function titleKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/[*\\]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^sop\s+/, '');
}

export function checkProject(input: ProjectInput): ProjectResult {
  const lang = input.lang ?? 'id';
  const root = input.root ?? '';
  const check = (path: string, text: string): FileResult => checkText(text, { file: path, lang, ...(input.config ? { config: input.config } : {}) });
  const results = input.files.map((f): FileResult & { readonly summary: FileSummary } => {
    const text = f.text.charCodeAt(0) === 0xfeff ? f.text.slice(1) : f.text;
    const hit = input.cache?.get(f.path);
    if (hit && hit.text === text) return extend(hit, { summary: summarize(hit) });
    const kept = input.memo?.get(f.path, text);
    if (kept) return new MemoResult(f.path, text, kept.diagnostics, kept.summary, { full: null, compute: () => check(f.path, f.text) });
    const r = check(f.path, f.text);
    input.cache?.set(f.path, r);
    const summary = summarize(r);
    input.memo?.set(f.path, text, { diagnostics: r.diagnostics, summary });
    return extend(r, { summary });
  });
  const extra = new Map<string, Diagnostic[]>();
  const add = (file: string, d: Diagnostic): void => {
    const list = extra.get(file) ?? [];
    list.push(d);
    extra.set(file, list);
  };

  // Nomor SOP unique across the project.
  const byNumber = new Map<string, (typeof results)[number]>();
  for (const r of results) {
    const n = r.summary.number.trim();
    if (n === '') continue;
    const first = byNumber.get(n.toLowerCase());
    if (!first) {
      byNumber.set(n.toLowerCase(), r);
      continue;
    }
    const here = r.summary.numberRange!;
    const there = first.summary.numberRange!;
    add(
      r.file,
      makeDiagnostic(
        { code: 'SOP501', range: here, params: { number: n, other: first.file }, related: [{ range: there, code: 'first', file: first.file }] },
        lang,
        r.file,
      ),
    );
  }

  // The logo stays inside the project folder, and is a small regular file of the image type it claims.
  const logoDiagnostic = (value: string, base: string, range: Range, file: string): Diagnostic | null => {
    const abs = path.resolve(root, base, value);
    const rel = path.relative(path.resolve(root), abs);
    const params = { path: value };
    if (path.isAbsolute(value) || rel.startsWith('..') || path.isAbsolute(rel)) return makeDiagnostic({ code: 'SOP408', range, params }, lang, file);
    const fact: LogoCheck = input.logoFacts ? input.logoFacts(abs) : input.fileExists && !input.fileExists(abs) ? { kind: 'missing' } : { kind: 'ok' };
    switch (fact.kind) {
      case 'ok':
        return null;
      case 'missing':
        return makeDiagnostic({ code: 'SOP502', range, params }, lang, file);
      case 'outside':
        return makeDiagnostic({ code: 'SOP408', range, params }, lang, file);
      case 'not-file':
        return makeDiagnostic({ code: 'SOP504', range, params: { ...params, reason: `logo-${fact.reason}` } }, lang, file);
      case 'too-large':
        return makeDiagnostic({ code: 'SOP505', range, params: { ...params, size: (fact.size / (1024 * 1024)).toFixed(1) } }, lang, file);
      case 'bad-type':
        return makeDiagnostic({ code: 'SOP506', range, params: { ...params, reason: `logo-${fact.reason}` } }, lang, file);
    }
  };
  for (const r of results) {
    const logoNode = r.summary.logo;
    if (!logoNode) continue;
    const d = logoDiagnostic(logoNode.value, path.dirname(r.file), logoNode.range, r.file);
    if (d) add(r.file, d);
  }
  const configDiagnostics: Diagnostic[] = [];
  if (input.config && input.configFile) {
    // Its text values are printed as a .sop's are: a direction control or an invisible character is SOP117 too,
    // at the characters.
    const at = { line: 1, column: 1, offset: 0 };
    const { rangeOf, path: configPath } = input.configFile;
    for (const { key, run, place } of hiddenInConfig(input.config)) {
      const range = rangeOf ? rangeOf(place) : { start: at, end: at };
      configDiagnostics.push(makeDiagnostic({ code: 'SOP117', range, params: { text: `${key}: ${run}` } }, lang, configPath));
    }
  }
  const configLogo = input.config?.logo;
  if (configLogo !== undefined && input.configFile) {
    // Relative to the project folder, where sop.config.json lies.
    const d = logoDiagnostic(configLogo, '', input.configFile.logoRange, input.configFile.path);
    if (d) configDiagnostics.push(d);
  }

  // Keterkaitan: link items that name another SOP of the project, by title or number.
  const byTitle = new Map<string, string>();
  for (const r of results) {
    if (r.summary.name) byTitle.set(titleKey(r.summary.name), r.file);
    if (r.summary.number) byTitle.set(r.summary.number.trim().toLowerCase(), r.file);
  }
  const files: ProjectFileResult[] = results.map((r) => {
    const links = r.summary.keterkaitan.map((text) => {
      const target = byTitle.get(titleKey(text)) ?? byTitle.get(text.trim().toLowerCase()) ?? null;
      return { text, file: target === r.file ? null : target };
    });
    const diagnostics = [...r.diagnostics, ...(extra.get(r.file) ?? [])].sort(compareDiagnostics);
    return extend(r, { diagnostics, links });
  });
  return { files, diagnostics: [...files.flatMap((f) => f.diagnostics), ...configDiagnostics], configDiagnostics };
}
