/** The real SOPs of sops/: each checks without errors, and its model is a reviewed golden file. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProject } from '../src/index.js';

const dir = join(import.meta.dirname, '../sops');
const names = readdirSync(dir).filter((f) => f.endsWith('.sop')).sort();

describe('sops/', () => {
  const project = checkProject({ files: names.map((n) => ({ path: n, text: readFileSync(join(dir, n), 'utf8') })) });

  it('holds the eight procedures of the seeds', () => {
    expect(names).toHaveLength(8);
  });

  for (const f of project.files) {
    it(`${f.file}: no errors; model matches golden`, async () => {
      expect(f.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const summary = {
        model: { ...f.model, steps: f.model.steps.map(({ range: _r, ...s }) => s), lanes: f.model.lanes.map(({ range: _r, ...l }) => l) },
        links: f.links,
        warnings: f.diagnostics.map((d) => `${d.range.start.line}:${d.code}`),
      };
      await expect(JSON.stringify(summary, null, 2) + '\n').toMatchFileSnapshot(join(import.meta.dirname, 'golden/sops', f.file.replace('.sop', '.json')));
    });
  }

  it('links Keterkaitan items that name another SOP of the project', () => {
    const rt = project.files.find((f) => f.file === 'penanganan-rumah-tangga-kantor.sop')!;
    expect(rt.links).toEqual([
      { text: 'SOP Pelayanan Tamu', file: 'pelayanan-tamu.sop' },
      { text: 'SOP Pengamanan Kantor', file: null },
    ]);
  });
});

describe('project cache', () => {
  it('reuses the result of a file whose text is unchanged, and checks a changed one again', () => {
    const cache = new Map();
    const files = names.map((n) => ({ path: n, text: readFileSync(join(dir, n), 'utf8') }));
    const first = checkProject({ files, cache });
    const again = checkProject({ files: files.map((f, i) => (i === 0 ? { ...f, text: f.text + '\n# ubah\n' } : f)), cache });
    expect(again.files[1]!.ast).toBe(first.files[1]!.ast);
    expect(again.files[0]!.ast).not.toBe(first.files[0]!.ast);
    expect(again.files.map((f) => f.diagnostics)).toEqual(first.files.map((f) => f.diagnostics));
  });
});
