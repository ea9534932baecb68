/**
 * A newcomer's first build (issue 19 item 8): `sop build` of the bundled
 * examples says what it made on stdout and nothing on stderr; a notice the
 * user asked for (a dialect that was not used) speaks the language of `--lang`.
 */
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliAsync } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';
import { diagramFallbackNotice } from '../src/cli/diagram-notice.js';

const root = join(import.meta.dirname, '..');

describe('the first build of sops/', () => {
  it('is quiet: stderr empty, exit 0 (three of the examples fall back from swimlane by default)', async () => {
    const dir = tempDir('sop-first-');
    cpSync(join(root, 'sops'), join(dir, 'sops'), { recursive: true });
    const r = await runCliAsync(['build'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^32 berkas dibuat dari 8 SOP ke out; 8 peringatan \(lihat sop check\)\.\n$/);
  }, 240_000);

  it('a dialect asked for and not used is said, all in the language asked for', async () => {
    const dir = tempDir('sop-first-');
    mkdirSync(join(dir, 'sops'));
    cpSync(join(root, 'sops/penyusunan-duk.sop'), join(dir, 'sops/penyusunan-duk.sop'));
    const id = await runCliAsync(['build', '-f', 'svg', '--mermaid', 'swimlane'], { cwd: dir });
    expect(id.code, id.stderr).toBe(0);
    expect(id.stderr).toMatch(/^sop: sops\/penyusunan-duk\.sop: SVG\/PNG digambar sebagai flowchart \(swimlane: panah s4→s3 berakhir [\d.]+ px dari s3\)\n$/);
    const en = await runCliAsync(['build', '-f', 'svg', '--mermaid', 'swimlane', '--lang', 'en'], { cwd: dir });
    expect(en.stderr).toMatch(/^sop: sops\/penyusunan-duk\.sop: SVG\/PNG drawn as flowchart \(swimlane: arrow s4→s3 ends [\d.]+ px away from s3\)\n$/);
  }, 240_000);
});

describe('diagramFallbackNotice', () => {
  it('translates every phrase of the drawing check into Indonesian', () => {
    const why = '41 steps, 3 lanes; flowchart: label "Tidak" of s3→s2 is nearer s1→s2 (4.0 px vs 9.5 px); flowchart-flat: nodes missing from the SVG: s1';
    expect(diagramFallbackNotice('a.sop', 'flowchart-flat', why, 'id')).toBe(
      'sop: a.sop: SVG/PNG digambar sebagai flowchart datar (41 langkah, 3 pelaksana; flowchart: label "Tidak" milik s3→s2 lebih dekat ke s1→s2 (4.0 px lawan 9.5 px); flowchart datar: simpul tidak ada di SVG: s1)',
    );
    expect(diagramFallbackNotice('a.sop', 'flowchart-flat', why, 'en')).toBe(`sop: a.sop: SVG/PNG drawn as flat flowchart (${why})`);
  });
});
