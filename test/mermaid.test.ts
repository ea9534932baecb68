/**
 * Mermaid: golden .mmd files for every SOP (both dialects), and Mermaid's own
 * parser (in Chromium) accepts every emitted file, hostile text included.
 * Rendering: SVG byte-identical run to run, PNG produced, no request leaves
 * the page, a killed browser is restarted and the work goes on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../src/index.js';
import { emitMermaid, escapeMermaid } from '../src/emit/mermaid/mermaid.js';
import { findBrowser } from '../src/render/browser.js';
import { RenderSession } from '../src/render/session.js';

const sopsDir = join(import.meta.dirname, '../sops');
const names = readdirSync(sopsDir).filter((f) => f.endsWith('.sop')).sort();
const model = (f: string) => compile(readFileSync(join(sopsDir, f), 'utf8')).model;

const HOSTILE = [
  'Nama SOP: Uji "kutip" #1',
  'Pelaksana:',
  '  - end: end',
  '  - o: Kepala <b>Dinas</b> & "Staf" #2 `x`',
  '  - x: Sub-graph; click callback',
  'Prosedur:',
  '  [end] Mulai --> end; %% komentar "kutip" #35; #quot; <script>alert(1)</script>',
  '  @o [o, x] Langkah {kurung} [siku] (bulat) |pipa| ---o ---x \\* *miring*',
  '    Tidak: @o2',
  '  @o2 [x] Lanjut: bukan label; subgraph end classDef style linkStyle',
  '    Ya: selesai',
  '    Tidak: @o',
].join('\n');

describe('Mermaid text', () => {
  for (const f of names) {
    it(`${f} (golden, both dialects)`, async () => {
      const m = model(f);
      await expect(emitMermaid(m)).toMatchFileSnapshot(join(import.meta.dirname, 'golden/mermaid', f.replace('.sop', '.mmd')));
      await expect(emitMermaid(m, { dialect: 'flowchart' })).toMatchFileSnapshot(
        join(import.meta.dirname, 'golden/mermaid', f.replace('.sop', '.flowchart.mmd')),
      );
      expect(emitMermaid(m)).toBe(emitMermaid(model(f)));
    });
  }

  it('escapes # first, in one pass', () => {
    expect(escapeMermaid('#quot; "a" <b> & `c` #35;')).toBe('#35;quot; #quot;a#quot; #lt;b#gt; #amp; #96;c#96; #35;35;');
  });
});

describe('rendering in one browser', () => {
  let session: RenderSession;
  const blocked: string[] = [];
  beforeAll(() => {
    const exe = findBrowser();
    if (!exe) throw new Error('rendering tests need Chromium: apt-get install chromium (or set SOP_CHROMIUM)');
    session = new RenderSession(exe, { onBlockedRequest: (u) => blocked.push(u) });
  });
  afterAll(async () => {
    await session?.close();
  });

  it("Mermaid's parser accepts every emitted file, hostile text included", async () => {
    const r = compile(HOSTILE);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const texts = [...names.map((f) => model(f)), r.model].flatMap((m) => [emitMermaid(m), emitMermaid(m, { dialect: 'flowchart' })]);
    for (const t of texts) await expect(session.mermaidParse(t)).resolves.toBe(true);
    // ...and refuses what it should: the test could fail.
    await expect(session.mermaidParse('swimlane-beta TB\n  a["x"] --> end')).rejects.toThrow();
  });

  it('hostile labels render as text, not markup', async () => {
    const svg = await session.mermaidSvg(emitMermaid(compile(HOSTILE).model));
    expect(svg).not.toContain('<script>alert');
    expect(svg).not.toMatch(/<b>Dinas/);
  });

  it('SVG byte-identical run to run; PNG produced', async () => {
    const text = emitMermaid(model('penyusunan-duk.sop'));
    const a = await session.mermaidSvg(text);
    const b = await session.mermaidSvg(text);
    expect(a).toBe(b);
    expect(a).toMatch(/^<svg id="sop-diagram"/);
    const png = await session.png(a);
    expect(Buffer.from(png.subarray(1, 4)).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('the same SVG from a second browser', async () => {
    const text = emitMermaid(model('penanganan-rumah-tangga-kantor.sop'));
    const other = new RenderSession(findBrowser()!);
    try {
      expect(await other.mermaidSvg(text)).toBe(await session.mermaidSvg(text));
    } finally {
      await other.close();
    }
  });

  it('no request leaves the page (one is tried and blocked)', async () => {
    blocked.length = 0;
    const html = '<!DOCTYPE html><html><body><img src="http://example.invalid/x.png"><link rel="stylesheet" href="https://example.invalid/a.css"><p>x</p></body></html>';
    const pdf = await session.pdf(html);
    expect(pdf.length).toBeGreaterThan(500);
    expect(blocked.sort()).toEqual(['http://example.invalid/x.png', 'https://example.invalid/a.css']);
    blocked.length = 0;
    await session.pdf(readFileSync(join(import.meta.dirname, 'golden/html/pelayanan-tamu.html'), 'utf8'));
    await session.mermaidSvg(emitMermaid(model('pelayanan-tamu.sop')));
    expect(blocked).toEqual([]);
  });

  it('a render that hangs is cut off: the browser is restarted, tried once more, then the error is reported', async () => {
    const slow = new RenderSession(findBrowser()!, { timeoutMs: 5000 });
    try {
      // An endless loop in the page's renderer stands in for a hung renderer (document pages run no script of their own).
      await expect(slow.withDocument('<!DOCTYPE html><p>x</p>', (page) => page.evaluate('for(;;){}'))).rejects.toThrow(/tidak menjawab/);
      expect(slow.restarts).toBe(2);
      // The session is usable afterwards, in a new browser.
      const pdf = await slow.pdf('<!DOCTYPE html><p>lagi</p>');
      expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
      expect(slow.restarts).toBe(2);
    } finally {
      await slow.close();
    }
  });

  it('a browser killed mid-build is restarted and the work goes on', async () => {
    const text = emitMermaid(model('pelayanan-tamu.sop'));
    const before = await session.mermaidSvg(text);
    session.browser!.process()!.kill('SIGKILL');
    const after = await session.mermaidSvg(text);
    expect(after).toBe(before);
    expect(session.restarts).toBe(1);
  });
});
