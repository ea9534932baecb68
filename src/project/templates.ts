/** Reads a template set from disk: the built-in `templates/`, or an override folder (files missing there fall back). */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { describeFsError, readText } from './io.js';
import * as path from 'node:path';
import { findUp } from '../util/find-up.js';
import { templateProblem, type TemplateSet } from '../emit/html/render.js';

/** templates/ of the package, found from this module (dist/cli/ or src/cli/). */
export function builtinTemplatesDir(): string {
  const dir = findUp(import.meta.url, 4, (d) => {
    const t = path.join(d, 'templates');
    return existsSync(path.join(t, 'document.hbs')) ? t : null;
  });
  if (dir !== null) return dir;
  throw new Error('templates/ not found beside the sop package');
}

/** The stylesheet a template folder adds after ours. */
export const EXTRA_CSS = 'extra.css';

/** What went wrong in loadTemplates, in words: a template that cannot be read, or one that does not compile. */
export function templateErrorMessage(e: unknown): string {
  const invalid = (e as { code?: string })?.code === 'ETEMPLATESYNTAX';
  return `${invalid ? 'templat tidak sah' : 'templat tidak dapat dibaca'}: ${describeFsError(e)}`;
}

export function loadTemplates(overrideDir?: string): TemplateSet {
  const base = builtinTemplatesDir();
  // A folder named by --templates that is not there (a typo) is an error, not the default look without a word.
  if (overrideDir !== undefined) {
    let isDir = false;
    try {
      isDir = statSync(overrideDir).isDirectory();
    } catch (e) {
      throw Object.assign(new Error(`${overrideDir}: ${describeFsError(e)}`), { code: 'ETEMPLATEDIR' });
    }
    if (!isDir) throw Object.assign(new Error(`${overrideDir}: bukan folder (--templates menamai folder templat)`), { code: 'ETEMPLATEDIR' });
  }
  // The override folder's files are untrusted like the sources: inside that folder once links are
  // resolved (a link to a secret would be printed in every output), regular files, at most 10 MB.
  const readOverride = (o: string): string => {
    const r = readText(o, overrideDir);
    if (!r.ok) throw Object.assign(new Error(`${o}: ${r.error.message}`), { code: 'ETEMPLATE' });
    // A template of the folder is compiled once here, so that a mistake in it is one message naming it.
    const problem = o.endsWith('.hbs') ? templateProblem(r.text) : null;
    if (problem !== null) throw Object.assign(new Error(`${o}: ${problem}`), { code: 'ETEMPLATESYNTAX' });
    return r.text;
  };
  const pick = (rel: string): string => {
    if (overrideDir) {
      const o = path.join(overrideDir, rel);
      if (existsSync(o)) return readOverride(o);
    }
    return readFileSync(path.join(base, rel), 'utf8');
  };
  const names = new Set(readdirSync(path.join(base, 'partials')).filter((f) => f.endsWith('.hbs')));
  if (overrideDir && existsSync(path.join(overrideDir, 'partials'))) {
    for (const f of readdirSync(path.join(overrideDir, 'partials'))) if (f.endsWith('.hbs')) names.add(f);
  }
  const partials: Record<string, string> = {};
  // A partial's final newline would leak into the text it is used in (`Tamu\n</a>`).
  for (const f of [...names].sort()) partials[f.replace(/\.hbs$/, '')] = pick(path.join('partials', f)).replace(/\r?\n$/, '');
  // `sop.css` in the override folder replaces ours (a full restyle); `extra.css`
  // is added after it, so a project adds or overrides a few rules without
  // copying ours (docs/templates.md).
  let css = pick('sop.css');
  const extra = overrideDir ? path.join(overrideDir, EXTRA_CSS) : null;
  if (extra && existsSync(extra)) css = `${css.replace(/\s*$/, '')}\n\n/* ${EXTRA_CSS} */\n${readOverride(extra)}`;
  return { document: pick('document.hbs'), partials, css };
}
