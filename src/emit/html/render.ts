/**
 * Renders the HTML document from the view model with Handlebars
 * (`strict: true`; every user string goes through `{{ }}`).
 * Pure: the template sources are given by the caller (see project/templates.ts).
 */
import Handlebars from 'handlebars';
import type { SopModel } from '../../model/model.js';
import { buildViewModel, type HtmlOptions } from './view-model.js';
import { budgetFor, TemplateOverBudget, TEMPLATE_MAX_MS, TEMPLATE_MAX_RUNS, type Budget } from './template-budget.js';

export interface TemplateSet {
  /** `document.hbs` */
  readonly document: string;
  /** Partials by name (`identity`, `procedure`, `flow`, `piece`, `symbol`, `list`, `inline`). */
  readonly partials: Readonly<Record<string, string>>;
  /** `sop.css`, inlined into the document (as the partial `css`). */
  readonly css: string;
}

export type CompiledTemplates = (context: object) => string;

const cache = new WeakMap<TemplateSet, CompiledTemplates>();

/** templates/partials/lines.hbs as shipped (test/html-lines.test.ts holds the file to it). */
export const LINES_HBS = '{{#each this}}<span class="line">{{#each this}}{{#if italic}}<i>{{text}}</i>{{else}}{{text}}{{/if}}{{/each}}</span>{{/each}}';

/**
 * The shipped lines.hbs as a function: the same markup, escaped by Handlebars' own escapeExpression. The partial
 * prints every cell's lines (~45 calls, ~300 `each`/`if` per SOP, a third of the templates' time); a project's
 * own lines.hbs (any other text) is compiled as any partial, and so is the shipped one given anything but a list of
 * lists (null: not printed here).
 */
export function printLines(lines: readonly (readonly { readonly text: string; readonly italic: boolean }[])[]): string | null {
  if (!Array.isArray(lines)) return null;
  const esc = Handlebars.Utils.escapeExpression;
  let out = '';
  for (const line of lines) {
    if (!Array.isArray(line)) return null;
    out += '<span class="line">';
    for (const r of line) out += r.italic ? '<i>' + esc(r.text) + '</i>' : esc(r.text);
    out += '</span>';
  }
  return out;
}

/**
 * strict: a missing field is an error, not an empty string. knownHelpersOnly
 * and data: false let Handlebars compile straight property access (the
 * templates use only each/if), several times faster on large tables.
 */
const COMPILE_OPTIONS = { strict: true, knownHelpersOnly: true, data: false, preventIndent: true } as const;

/**
 * Compiles one template source now, as compileTemplates would on first use: its syntax error or unknown helper
 * as the message, or null. (Handlebars compiles lazily: without this, a mistake in a template surfaced once per
 * SOP, at its render, without the template's name.)
 */
export function templateProblem(src: string): string | null {
  try {
    Handlebars.precompile(src, COMPILE_OPTIONS);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

export function compileTemplates(set: TemplateSet): CompiledTemplates {
  const hit = cache.get(set);
  if (hit) return hit;
  const hb = Handlebars.create();
  const budget = budgetFor(hb);
  for (const [name, src] of Object.entries(set.partials)) {
    const partial = hb.compile(src, COMPILE_OPTIONS);
    hb.registerPartial(name, name === 'lines' && src === LINES_HBS ? (ctx: unknown, opts?: Handlebars.RuntimeOptions) => printLines(ctx as Parameters<typeof printLines>[0]) ?? partial(ctx, opts) : partial);
  }
  // The stylesheet goes in as a partial, verbatim: through {{ }} its quotes would become
  // &quot;, which a <style> element does not decode, and the font rules would be dropped. A function, not its
  // text: Handlebars compiles a partial given as text, so a project's `{{` in extra.css ran as template code.
  const css = set.css;
  hb.registerPartial('css', () => css);
  quiet(hb);
  const doc = hb.compile(set.document, COMPILE_OPTIONS);
  const fn: CompiledTemplates = (context) => guarded(() => doc(context), budget);
  cache.set(set, fn);
  return fn;
}

/**
 * A template folder is untrusted: Handlebars' `{{log}}` would print its lines on our output (`::error …` read by CI as
 * a diagnostic), so it prints nothing.
 */
function quiet(hb: typeof Handlebars): void {
  hb.registerHelper('log', () => '');
}

/**
 * A template that calls itself (a partial `{{> rec}}` in rec.hbs) said in words, not as the engine's "Maximum call
 * stack size exceeded".
 */
function guarded(run: () => string, budget: Budget): string {
  let html: string;
  try {
    budget.start();
    html = run();
  } catch (e) {
    const m = e instanceof Error ? e.message : '';
    if (e instanceof TemplateOverBudget) throw new Error(overBudget(e.why));
    if (e instanceof RangeError && /call stack/i.test(m)) throw new Error('templat bersarang tanpa akhir (sebuah partial memanggil dirinya sendiri?); tidak ada HTML yang dibuat');
    if (e instanceof RangeError && /string length/i.test(m)) throw new Error(`templat menghasilkan HTML terlalu besar (lebih dari ${HTML_MAX_MB} MB); tidak ada HTML yang dibuat`);
    const partial = /The partial (.*) could not be found/.exec(m);
    if (partial) throw new Error(`templat memanggil partial "${partial[1]}" yang tidak ada; tidak ada HTML yang dibuat`);
    throw e;
  }
  // A template of partials each calling the next twice grows the page exponentially (a second probe: 256 MB of HTML).
  if (html.length > HTML_MAX_MB * 1024 * 1024) throw new Error(`templat menghasilkan HTML terlalu besar (lebih dari ${HTML_MAX_MB} MB); tidak ada HTML yang dibuat`);
  return html;
}

/** A render stopped by its budget (template-budget.ts), in words. */
function overBudget(why: 'runs' | 'time'): string {
  const what = why === 'runs' ? `lebih dari ${TEMPLATE_MAX_RUNS.toLocaleString('id-ID')} kali partial atau blok dijalankan` : `lebih dari ${TEMPLATE_MAX_MS / 1000} detik`;
  return `templat bekerja terlalu lama (${what}; partial yang saling memanggil berlipat, atau blok each bersarang?); tidak ada HTML yang dibuat`;
}

/** The largest HTML a template may make, MB (a 1 000-step SOP's is about 8). */
const HTML_MAX_MB = 64;

/** The whole self-contained HTML document of one SOP. */
export function renderHtml(model: SopModel, templates: TemplateSet, options: HtmlOptions = {}): string {
  return renderWith(compileTemplates(templates), model, options);
}

/** The document from templates compiled already (by compileTemplates or templatesFromSpecs). */
export function renderWith(compiled: CompiledTemplates, model: SopModel, options: HtmlOptions = {}): string {
  return compiled(buildViewModel(model, options));
}

/** A template compiled ahead of time (Handlebars.precompile), as the object its JavaScript source evaluates to. */
export type TemplateSpec = Parameters<typeof Handlebars.template>[0];

/**
 * The template set compiled ahead, as JavaScript source (an object literal:
 * `{ document, partials }`, each a template spec), for a bundle whose page may
 * not turn strings into code (the playground's Content-Security-Policy has no
 * 'unsafe-eval'). Same compiler, same options as compileTemplates; the
 * stylesheet is a partial here too.
 */
export function precompileTemplates(set: TemplateSet): string {
  const hb = Handlebars.create();
  const parts = Object.entries({ ...set.partials, css: set.css }).map(([name, src]) => `${JSON.stringify(name)}:${hb.precompile(src, COMPILE_OPTIONS)}`);
  return `{"document":${hb.precompile(set.document, COMPILE_OPTIONS)},"partials":{${parts.join(',')}}}`;
}

/** Templates from precompileTemplates' specs: no compiler and no eval at run time. */
export function templatesFromSpecs(specs: { readonly document: TemplateSpec; readonly partials: Readonly<Record<string, TemplateSpec>> }): CompiledTemplates {
  const hb = Handlebars.create();
  const budget = budgetFor(hb);
  for (const [name, spec] of Object.entries(specs.partials)) hb.registerPartial(name, hb.template(spec));
  quiet(hb);
  const doc = hb.template(specs.document);
  return (context) => guarded(() => doc(context), budget);
}
