/**
 * A project: the `.sop` files of a folder checked together. Adds the
 * project-wide rules (unique `Nomor SOP`, `Keterkaitan` links, the logo's
 * place). Pure: the caller reads the files; `fileExists` is asked about logos.
 */
import * as path from 'node:path';
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
  /**
   * Per-file results kept between calls (the language server re-checks a
   * folder on every keystroke): a file whose text is unchanged is not checked again.
   */
  readonly cache?: Map<string, FileResult>;
}

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
  readonly diagnostics: readonly Diagnostic[];
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

  // The logo stays inside the project folder and exists.
  for (const r of results) {
    const logoNode = r.facts.sections.get('logo')?.value;
    if (!logoNode) continue;
    const abs = path.resolve(root, path.dirname(r.file), logoNode.value);
    const rel = path.relative(path.resolve(root), abs);
    if (path.isAbsolute(logoNode.value) || rel.startsWith('..') || path.isAbsolute(rel)) {
      add(r.file, makeDiagnostic({ code: 'SOP408', range: logoNode.range, params: { path: logoNode.value } }, lang, r.file));
    } else if (input.fileExists && !input.fileExists(abs)) {
      add(r.file, makeDiagnostic({ code: 'SOP502', range: logoNode.range, params: { path: logoNode.value } }, lang, r.file));
    }
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
  return { files, diagnostics: files.flatMap((f) => f.diagnostics) };
}
