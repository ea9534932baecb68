/** A template folder restyles without forking (issue 11 item 13; docs/templates.md). */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTemplates } from '../src/project/templates.js';
import { compile } from '../src/index.js';
import { renderHtml } from '../src/emit/html/render.js';
import { tempDir } from './helpers/tmp.js';

const ours = readFileSync(join(import.meta.dirname, '../templates/sop.css'), 'utf8');
const dir = tempDir('sop-tpl-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--templates', () => {
  it('extra.css is added after our stylesheet, which stays whole', () => {
    const t = join(dir, 'tambah');
    mkdirSync(t);
    writeFileSync(join(t, 'extra.css'), '.caption { color: navy; }\n');
    const set = loadTemplates(t);
    expect(set.css.startsWith(ours.trimEnd())).toBe(true);
    expect(set.css.endsWith('/* extra.css */\n.caption { color: navy; }\n')).toBe(true);
    const sop = readFileSync(join(import.meta.dirname, '../sops/pelayanan-tamu.sop'), 'utf8');
    const html = renderHtml(compile(sop).model, set);
    expect(html.indexOf('.caption { color: navy; }')).toBeGreaterThan(html.indexOf(ours.trim().slice(0, 200)));
  });

  it('sop.css replaces our stylesheet (a full restyle); extra.css is added to it', () => {
    const t = join(dir, 'ganti');
    mkdirSync(t);
    writeFileSync(join(t, 'sop.css'), 'body { font-family: serif; }\n');
    expect(loadTemplates(t).css).toBe('body { font-family: serif; }\n');
    writeFileSync(join(t, 'extra.css'), 'i { color: red; }');
    expect(loadTemplates(t).css).toBe('body { font-family: serif; }\n\n/* extra.css */\ni { color: red; }');
  });

  it('every template and partial named in docs/templates.md exists, and every one that exists is documented', () => {
    const doc = readFileSync(join(import.meta.dirname, '../docs/templates.md'), 'utf8');
    const partials = readFileSync(join(import.meta.dirname, '../templates/document.hbs'), 'utf8') && loadTemplates().partials;
    for (const name of Object.keys(partials)) expect(doc).toContain(`partials/${name}.hbs`);
    for (const f of ['document.hbs', 'sop.css', 'extra.css', 'diff.hbs', 'diff-cell.hbs']) expect(doc).toContain(f);
  });
});
