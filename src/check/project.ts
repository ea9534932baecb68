/**
 * A project: the `.sop` files of a folder checked together. Adds the
 * project-wide rules (unique `Nomor SOP`, `Keterkaitan` links, the logo's
 * place and file). Pure: the caller reads the files, and `logoFacts` tells
 * what is at a logo's path (src/cli/logo.ts reads it).
 */
import * as path from 'node:path';
import type { Range } from '../ast/nodes.js';
import type { Lang } from '../diagnostics/catalog.js';
import { compareDiagnostics, makeDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SopConfig } from '../model/config.js';
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
   * The config file (path relative to `root`) and the range of its `logo`
   * value, for diagnostics about `sop.config.json`'s logo.
   */
  readonly configFile?: { readonly path: string; readonly logoRange: Range };
  /**
   * Per-file results kept between calls (the language server re-checks a
   * folder on every keystroke): a file whose text is unchanged is not checked again.
   */
  readonly cache?: Map<string, FileResult>;
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
  | { readonly kind: 'bad-type'; readonly reason: 'svg' | 'extension' | 'content' };

/** A `Keterkaitan` item and the SOP of the project it names, if any. */
export interface RelatedSopLink {
  readonly text: string;
  readonly file: string | null;
}

export interface ProjectFileResult extends FileResult {
  readonly links: readonly RelatedSopLink[];
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
  const results = input.files.map((f) => {
    const hit = input.cache?.get(f.path);
    if (hit && hit.text === (f.text.charCodeAt(0) === 0xfeff ? f.text.slice(1) : f.text)) return hit;
    const r = checkText(f.text, { file: f.path, lang, ...(input.config ? { config: input.config } : {}) });
    input.cache?.set(f.path, r);
    return r;
  });
  const extra = new Map<string, Diagnostic[]>();
  const add = (file: string, d: Diagnostic): void => {
    const list = extra.get(file) ?? [];
    list.push(d);
    extra.set(file, list);
  };

  // Nomor SOP unique across the project.
  const byNumber = new Map<string, FileResult>();
  for (const r of results) {
    const n = r.model.number.trim();
    if (n === '') continue;
    const first = byNumber.get(n.toLowerCase());
    if (!first) {
      byNumber.set(n.toLowerCase(), r);
      continue;
    }
    const here = r.facts.sections.get('nomor')!.value!;
    const there = first.facts.sections.get('nomor')!.value!;
    add(
      r.file,
      makeDiagnostic(
        { code: 'SOP501', range: here.range, params: { number: n, other: first.file }, related: [{ range: there.range, code: 'first', file: first.file }] },
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
    const logoNode = r.facts.sections.get('logo')?.value;
    if (!logoNode) continue;
    const d = logoDiagnostic(logoNode.value, path.dirname(r.file), logoNode.range, r.file);
    if (d) add(r.file, d);
  }
  const configDiagnostics: Diagnostic[] = [];
  const configLogo = input.config?.logo;
  if (configLogo !== undefined && input.configFile) {
    // Relative to the project folder, where sop.config.json lies.
    const d = logoDiagnostic(configLogo, '', input.configFile.logoRange, input.configFile.path);
    if (d) configDiagnostics.push(d);
  }

  // Keterkaitan: link items that name another SOP of the project, by title or number.
  const byTitle = new Map<string, string>();
  for (const r of results) {
    if (r.model.name) byTitle.set(titleKey(r.model.name), r.file);
    if (r.model.number) byTitle.set(r.model.number.trim().toLowerCase(), r.file);
  }
  const files: ProjectFileResult[] = results.map((r) => {
    const links = r.model.lists.keterkaitan.map((text) => {
      const target = byTitle.get(titleKey(text)) ?? byTitle.get(text.trim().toLowerCase()) ?? null;
      return { text, file: target === r.file ? null : target };
    });
    const diagnostics = [...r.diagnostics, ...(extra.get(r.file) ?? [])].sort(compareDiagnostics);
    return { ...r, diagnostics, links };
  });
  return { files, diagnostics: [...files.flatMap((f) => f.diagnostics), ...configDiagnostics], configDiagnostics };
}
