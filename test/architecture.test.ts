/**
 * The house rules of docs/architecture.md, measured on src/ with the TypeScript compiler API:
 * no function over 150 lines and no file over 600 (data tables aside), and which room may import
 * which. A rule broken here is broken in review too: the test names the place.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const src = join(root, 'src');

const MAX_FUNCTION_LINES = 150;
const MAX_FILE_LINES = 600;

/** Data tables, allowed to be long: the diagnostic catalogue, font metrics and the generated kerning table. */
const DATA_FILES = new Set(['src/diagnostics/catalog.ts', 'src/layout/font-metrics.ts', 'src/layout/kerning.ts']);

/** Functions still over the limit. Each entry is a debt: remove it when the function is split. */
const LONG_FUNCTIONS_ALLOWED = new Set<string>([]);
/** Files still over the limit (besides data tables). */
const LONG_FILES_ALLOWED = new Set<string>(['src/import/pdf.ts', 'src/import/read-table.ts']);
/** Imports of the command line from the language server still to move below both (a debt, like the lists above). */
const LSP_UP_ALLOWED = new Set<string>([]);

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out.sort();
}

const rel = (p: string): string => relative(root, p).split(sep).join('/');

interface Measured {
  readonly file: string;
  readonly lines: number;
  readonly functions: { name: string; line: number; lines: number }[];
  readonly imports: string[];
  /** Calls that spread an array into push, unshift, Math.max or Math.min (`file:line`). */
  readonly spreads: string[];
}

function fnName(n: ts.Node): string {
  const named = (n as { name?: ts.Node }).name;
  if (named) return named.getText();
  if (n.parent && ts.isVariableDeclaration(n.parent)) return n.parent.name.getText();
  if (n.parent && ts.isPropertyAssignment(n.parent)) return n.parent.name.getText();
  return '(anonymous)';
}

function measure(file: string): Measured {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const functions: Measured['functions'] = [];
  const imports: string[] = [];
  const spreads: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && n.arguments.some(ts.isSpreadElement) && /(\.(push|unshift)|^Math\.(max|min))$/.test(n.expression.getText(sf))) {
      spreads.push(`${rel(file)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`);
    }
    if (ts.isFunctionLike(n) && (n as { body?: ts.Node }).body) {
      const a = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line;
      const b = sf.getLineAndCharacterOfPosition(n.getEnd()).line;
      functions.push({ name: fnName(n), line: a + 1, lines: b - a + 1 });
    }
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) imports.push(n.moduleSpecifier.text);
    if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) imports.push(n.arguments[0].text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { file: rel(file), lines: text.split('\n').length, functions, imports, spreads };
}

const measured = tsFiles(src).map(measure);

/** The room of a file: its first folder under src/ (src/index.ts is the library API). */
const roomOf = (file: string): string => file.split('/')[1]!.replace(/\.ts$/, '');

/**
 * Which rooms each room may import (docs/architecture.md). The pipeline runs downwards:
 * syntax → ast → check → model → layout → emit → render; cli and lsp sit on top.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  util: [],
  ast: ['util'],
  diagnostics: ['ast', 'util'],
  syntax: ['ast', 'diagnostics', 'util'],
  format: ['ast', 'diagnostics', 'syntax', 'util'],
  model: ['ast', 'diagnostics', 'syntax', 'util'],
  check: ['ast', 'diagnostics', 'model', 'syntax', 'util'],
  diff: ['ast', 'check', 'diagnostics', 'model', 'syntax', 'util'],
  layout: ['ast', 'diagnostics', 'model', 'util'],
  emit: ['ast', 'check', 'diagnostics', 'layout', 'model', 'util'],
  book: ['ast', 'check', 'diagnostics', 'emit', 'layout', 'model', 'util'],
  playground: ['ast', 'check', 'diagnostics', 'emit', 'layout', 'model', 'syntax', 'util'],
  // The project layer: files, config, logo, templates, cache, writes and runs over many SOPs; below cli and lsp.
  project: ['ast', 'book', 'check', 'diagnostics', 'diff', 'emit', 'format', 'layout', 'model', 'render', 'syntax', 'util'],
};

describe('architecture (docs/architecture.md)', () => {
  it(`no function in src/ is longer than ${MAX_FUNCTION_LINES} lines`, () => {
    const long = measured.flatMap((m) => m.functions.filter((f) => f.lines > MAX_FUNCTION_LINES).map((f) => `${m.file}:${f.line} ${f.name} (${f.lines} lines)`));
    const unexpected = long.filter((l) => !LONG_FUNCTIONS_ALLOWED.has(l.replace(/:\d+ /, ' ').replace(/ \(\d+ lines\)$/, '')));
    expect(unexpected).toEqual([]);
  });

  it(`no file in src/ is longer than ${MAX_FILE_LINES} lines, data tables aside`, () => {
    const long = measured.filter((m) => m.lines > MAX_FILE_LINES && !DATA_FILES.has(m.file) && !LONG_FILES_ALLOWED.has(m.file)).map((m) => `${m.file} (${m.lines} lines)`);
    expect(long).toEqual([]);
  });

  it('no array is spread into push, unshift, Math.max or Math.min (src/util/array.ts: pushAll, maxOf, minOf)', () => {
    // Each element becomes an argument on the stack: sop diff of 330 000 changed steps overflowed it (exit 3).
    expect(measured.flatMap((m) => m.spreads)).toEqual([]);
    const probe = ts.createSourceFile('x.ts', 'a.push(b, ...c); Math.max(...d); e.push([...f]);', ts.ScriptTarget.Latest, true);
    const found: string[] = [];
    const walk = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && n.arguments.some(ts.isSpreadElement)) found.push(n.expression.getText(probe));
      ts.forEachChild(n, walk);
    };
    walk(probe);
    expect(found).toEqual(['a.push', 'Math.max']);
  });

  it('the measure sees what it should: functions, nested ones and imports are found', () => {
    const main = measured.find((m) => m.file === 'src/cli/main.ts');
    expect(main?.functions.length).toBeGreaterThan(0);
    expect(measured.length).toBeGreaterThan(50);
    expect(measured.some((m) => m.imports.some((i) => i.startsWith('../')))).toBe(true);
  });

  it('each room imports only the rooms below it', () => {
    const wrong: string[] = [];
    for (const m of measured) {
      const room = roomOf(m.file);
      const allowed = MAY_IMPORT[room];
      if (!allowed) continue; // cli, lsp, render, page, import and index sit on top and may use what is below
      for (const i of m.imports) {
        if (!i.startsWith('.')) continue;
        const target = rel(join(root, m.file, '..', i));
        if (!target.startsWith('src/')) continue;
        const to = roomOf(target);
        if (to !== room && !allowed.includes(to)) wrong.push(`${m.file} imports ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the language server does not reach up into the command line', () => {
    const up = measured.filter((m) => m.file.startsWith('src/lsp/')).flatMap((m) => m.imports.filter((i) => /\/cli\//.test(i) && !LSP_UP_ALLOWED.has(i)).map((i) => `${m.file} imports ${i}`));
    expect(up).toEqual([]);
  });
});
