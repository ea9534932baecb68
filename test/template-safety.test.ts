/**
 * A template folder (--templates) is untrusted (docs/security.md): a hostile probe had a partial that calls itself
 * print the engine's "Maximum call stack size exceeded", a `partials` that is a file print "ENOTDIR: not a
 * directory, scandir", and Handlebars' `{{log}}` print a forged `::error` line on the build's output.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

describe('a hostile template folder is said in words', () => {
  const dir = tempDir('sop-tpl-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'sops'));
  copyFileSync(new URL('../sops/pelayanan-tamu.sop', import.meta.url), join(dir, 'sops', 'tamu.sop'));
  const doc = readFileSync(new URL('../templates/document.hbs', import.meta.url), 'utf8');
  const folder = (name: string, body: string, partials: Record<string, string> | 'file'): string => {
    const t = join(dir, name);
    mkdirSync(t);
    writeFileSync(join(t, 'document.hbs'), doc.replace('</body>', `${body}</body>`));
    if (partials === 'file') writeFileSync(join(t, 'partials'), 'x');
    else {
      mkdirSync(join(t, 'partials'));
      for (const [n, src] of Object.entries(partials)) writeFileSync(join(t, 'partials', `${n}.hbs`), src);
    }
    return t;
  };

  it('a partial that calls itself: one line in Indonesian, no HTML, exit 1', () => {
    const r = runCli(['build', '-f', 'html', '--templates', folder('rec', '{{> rec}}', { rec: '{{> rec}}' })], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('templat bersarang tanpa akhir (sebuah partial memanggil dirinya sendiri?)');
    expect(r.stderr).not.toContain('Maximum call stack');
  });

  it('{{log}} prints nothing on the build\'s output', () => {
    const r = runCli(['build', '-f', 'html', '--templates', folder('log', '{{log "::error file=sops/tamu.sop,line=1::palsu"}}', {})], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain('palsu');
  });

  it('a partial that is not there, and partials that double the page 12 times: said in words, no HTML', () => {
    // A second probe: "The partial nope could not be found", and 256 MB of HTML in 12 s and 1.5 GB.
    const missing = runCli(['build', '-f', 'html', '--templates', folder('hilang', '{{> nope}}', {})], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('templat memanggil partial "nope" yang tidak ada');
    expect(missing.stderr).not.toContain('could not be found');
    // 2^12 copies of 20 000 letters: 82 MB (2^22 copies of 60 now stop first at the count of runs, below).
    const parts: Record<string, string> = { p12: 'X'.repeat(20_000) };
    for (let i = 0; i < 12; i++) parts[`p${i}`] = `{{> p${i + 1}}}{{> p${i + 1}}}`;
    const big = runCli(['build', '-f', 'html', '--templates', folder('besar', '{{> p0}}', parts)], { cwd: dir });
    expect(big.code).toBe(1);
    expect(big.stderr).toContain('templat menghasilkan HTML terlalu besar (lebih dari 64 MB)');
  });

  it('templates that run without end and print nothing: stopped in words, no HTML, exit 1', async () => {
    // A probe: partials each calling the next twice, 40 deep, printing nothing, grew no page for a size cap to
    // catch, and held `sop build` for good, deaf to SIGINT and SIGTERM; so did `each` nested 14 deep (4^14 runs,
    // 100 s) and inline partials doubling.
    const doubling: Record<string, string> = { p40: '' };
    for (let i = 0; i < 40; i++) doubling[`p${i}`] = `{{> p${i + 1}}}{{> p${i + 1}}}`;
    const nested: Record<string, string> = { q14: '' };
    for (let i = 0; i < 14; i++) nested[`q${i}`] = `{{#each fonts}}{{> q${i + 1} ..}}{{/each}}`;
    let inline = '';
    for (let i = 0; i < 40; i++) inline += `{{#*inline "i${i}"}}{{> i${i + 1}}}{{> i${i + 1}}}{{/inline}}`;
    inline += '{{#*inline "i40"}}{{/inline}}{{> i0}}';
    for (const [name, body, parts] of [['lipat', '{{> p0}}', doubling], ['bersarang', '{{> q0}}', nested], ['sebaris', inline, {}]] as const) {
      const started = Date.now();
      const r = await runCliAsync(['build', '-f', 'html', '--out', join(dir, `out-${name}`), '--templates', folder(name, body, parts)], { cwd: dir, killAfterMs: 40_000 });
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('templat bekerja terlalu lama (lebih dari 5.000.000 kali partial atau blok dijalankan');
      expect(existsSync(join(dir, `out-${name}`, 'tamu.html'))).toBe(false);
    }
  }, 150_000);

  it('extra.css is printed as it is, never run as a template', () => {
    // It was a Handlebars partial given as text, so compiled: `{{title}}` printed the SOP's name, `{{#each}}` ran.
    const t = folder('gaya', '', {});
    writeFileSync(join(t, 'extra.css'), '.x { content: "{{title}}"; }\n/* {{#each fonts}}F{{/each}} {{> nope}} */\n');
    const r = runCli(['build', '-f', 'html', '--out', join(dir, 'out-gaya'), '--templates', t], { cwd: dir });
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, 'out-gaya', 'tamu.html'), 'utf8');
    expect(html).toContain('.x { content: "{{title}}"; }\n/* {{#each fonts}}F{{/each}} {{> nope}} */');
  });

  it('partials that is a file: "bukan folder", exit 2', () => {
    const r = runCli(['build', '-f', 'html', '--templates', folder('file', '', 'file')], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/templat tidak dapat dibaca: .*partials bukan folder/);
    expect(r.stderr).not.toContain('ENOTDIR');
  });
});
