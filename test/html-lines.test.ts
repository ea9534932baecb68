/**
 * The shipped lines.hbs is printed by a function (src/emit/html/render.ts printLines), the partial that prints every
 * cell's lines: it must print what Handlebars prints from the file, byte for byte, and a project's own lines.hbs must
 * still be the one used.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { generateSop, rng } from '../bench/generate.mjs';
import { compile } from '../src/index.js';
import { LINES_HBS, compileTemplates, printLines } from '../src/emit/html/render.js';
import { buildViewModel } from '../src/emit/html/view-model.js';

const root = join(import.meta.dirname, '..');
const shipped = readFileSync(join(root, 'templates/partials/lines.hbs'), 'utf8');
const viaHandlebars = Handlebars.create().compile(shipped, { strict: true, knownHelpersOnly: true, data: false, preventIndent: true });

type Lines = { text: string; italic: boolean }[][];

describe('lines.hbs printed by printLines', () => {
  it('is the shipped file (else the function would not be used)', () => {
    expect(shipped).toBe(LINES_HBS);
  });

  it('prints what Handlebars prints from the file: random lines with markup characters, italics, empty lines', () => {
    const r = rng(11);
    const words = ['Kepala', '<b>', '&amp;', '"kutip"', "'", '`', '=', 'a/b', ' ', '', 'é', '*x*'];
    for (let n = 0; n < 500; n++) {
      const lines: Lines = Array.from({ length: Math.floor(r() * 4) }, () =>
        Array.from({ length: Math.floor(r() * 3) }, () => ({ text: words[Math.floor(r() * words.length)]! + words[Math.floor(r() * words.length)]!, italic: r() < 0.3 })),
      );
      expect(printLines(lines)).toBe(viaHandlebars(lines));
    }
  });

  it('prints every cell of generated SOPs as Handlebars does', () => {
    let cells = 0;
    for (let i = 1; i <= 12; i++) {
      const vm = buildViewModel(compile(generateSop(i, { lanes: i })).model);
      const all: Lines[] = [vm.procedure.captionLines, ...Object.values(vm.procedure.head).flatMap((v) => (Array.isArray(v[0]?.[0]) ? (v as Lines[]) : [v as Lines]))];
      for (const pg of vm.procedure.pages) for (const row of pg.rows) all.push(...(Object.values(row.lines) as Lines[]));
      for (const row of vm.identity.text.rows) all.push(row.label, row.value);
      for (const lines of all) {
        expect(printLines(lines)).toBe(viaHandlebars(lines));
        cells++;
      }
    }
    expect(cells).toBeGreaterThan(500);
  });

  it('anything but a list of lists goes to the compiled partial', () => {
    expect(printLines({} as unknown as Lines)).toBeNull();
    expect(printLines([{ text: 'x', italic: false }] as unknown as Lines)).toBeNull();
  });

  it("a project's own lines.hbs is used, not the function", () => {
    const set = { document: '{{> lines this}}', partials: { lines: '{{#each this}}<p>{{#each this}}{{text}}{{/each}}</p>{{/each}}' }, css: '' };
    expect(compileTemplates(set)([[{ text: 'a<', italic: true }]])).toBe('<p>a&lt;</p>');
    const same = { document: '{{> lines this}}', partials: { lines: LINES_HBS }, css: '' };
    expect(compileTemplates(same)([[{ text: 'a<', italic: true }], []])).toBe('<span class="line"><i>a&lt;</i></span><span class="line"></span>');
  });
});
