/**
 * The Mermaid drawing is right or is not made (issues 10.6, 11.7, 12.4):
 * - no `%%` (comment, `%%{init}%%` directive) and no line separator from
 *   user text reaches the Mermaid text; Mermaid's own parser accepts it, and
 *   an injected directive changes neither the theme nor the SVG's CSS;
 * - on the rendered SVG, each label lies nearest its own edge and each arrow
 *   ends at its node (swimlane-beta gets this wrong for some flows: those
 *   fall back to the flowchart dialect);
 * - the monochrome theme; the size limits (the decision, not 200-step renders);
 *   Mermaid's error drawings are detected.
 */
import { readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, validateConfig } from '../src/index.js';
import { emitMermaid, escapeMermaid } from '../src/emit/mermaid/mermaid.js';
import { findBrowser } from '../src/render/browser.js';
import { MERMAID_CONFIG, mermaidConfig } from '../src/render/mermaid-config.js';
import {
  DIAGRAM_MAX_STEPS,
  LANES_MAX,
  LANES_MAX_STEPS,
  SWIMLANE_MAX_STEPS,
  decisionIds,
  diagramForms,
  expectedNodeIds,
  formText,
  renderDiagram,
} from '../src/render/mermaid-diagram.js';
import { ARROW_TOLERANCE_PX, INSPECT_SOURCE, type MermaidSvgReport } from '../src/render/mermaid-inspect.js';
import { RenderSession } from '../src/render/session.js';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

const sopsDir = join(import.meta.dirname, '../sops');
const model = (f: string) => compile(readFileSync(join(sopsDir, f), 'utf8')).model;

/** An SOP with `step` and `lane` text where users write it. */
function sopWith(step: string, lane: string): string {
  return [
    'Nama SOP: Uji',
    'Pelaksana:',
    `  - a: ${lane}`,
    '  - b: Staf',
    'Prosedur:',
    `  [a] Mulai ${step}`,
    `  @p [b] Periksa ${step}`,
    '    Tidak: @q',
    `  @q [a] Setujui ${step}`,
    '    Ya: selesai',
    '    Tidak: @p',
  ].join('\n');
}

/** The SVG's text, words joined by one space (SVG text puts each word in its own tspan). */
const words = (svg: string): string => svg.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** A flat SOP of `n` steps in two lanes (for the size decision and SOP590). */
function bigSop(n: number): string {
  const lines = ['Nama SOP: Besar', 'Pelaksana:', '  - a: Kepala', '  - b: Staf', 'Prosedur:'];
  for (let i = 1; i <= n; i++) lines.push(`  [${i % 2 ? 'a' : 'b'}] Langkah ${i}`);
  return lines.join('\n');
}

describe('Mermaid text never carries a directive or a line break from user text', () => {
  it('escapes %, quotes and every line separator', () => {
    expect(escapeMermaid(`50%%{x}%% 'a' "b"`)).toBe('50#37;#37;{x}#37;#37; #39;a#39; #quot;b#quot;');
    for (const sep of ['\r', '\n', '\u2028', '\u2029', '\u0085', '\u000b', '\f', '\u0000'])
      expect(escapeMermaid(`a${sep}b`)).toBe('a b');
  });

  it('property: any step or lane text gives no % and no extra line', () => {
    const piece = fc.constantFrom('%%', '%%{init: {"theme":"dark"}}%%', '%', "'", '"', '#', '\u2028', '\u2029', '\u0085', '\r', 'end', '-->', '|', ';', 'x');
    const text = fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, text, (step, lane) => {
        // The text goes straight into the model: any string, also those a .sop line could not hold.
        const plain = compile(sopWith('x', 'x')).model;
        const m = { ...plain, steps: plain.steps.map((s) => ({ ...s, text: `${s.text} ${step}` })), lanes: plain.lanes.map((l) => ({ ...l, title: lane })) };
        for (const dialect of ['swimlane', 'flowchart'] as const) {
          for (const flatLanes of [false, true]) {
            const out = emitMermaid(m, { dialect, flatLanes });
            expect(out).not.toContain('%');
            expect(out).not.toMatch(/[\u2028\u2029\u0085\r]/);
            // Same structure as harmless text: no line was added or removed.
            expect(out.split('\n').length).toBe(emitMermaid(plain, { dialect, flatLanes }).split('\n').length);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('configuration', () => {
  it('sop.config.json "mermaid": dialect and theme, checked', () => {
    expect(validateConfig({ mermaid: { dialect: 'flowchart', theme: 'mermaid' } })).toMatchObject({ ok: true });
    expect(validateConfig({ mermaid: { theme: 'dark' } })).toMatchObject({ ok: false, reason: '"mermaid.theme" must be one of mono, mermaid' });
    expect(validateConfig({ mermaid: { colour: 'x' } })).toMatchObject({ ok: false, reason: 'unknown key "mermaid.colour"', alasan: 'kunci "mermaid.colour" tidak dikenal' });
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../grammar/sop.config.schema.json'), 'utf8'));
    expect(schema.properties.mermaid.properties.theme.enum).toEqual(['mono', 'mermaid']);
    expect(schema.properties.mermaid.properties.dialect.enum).toEqual(['swimlane', 'flowchart']);
  });
});

describe('size limits (the decision; no large render in tests)', () => {
  it('swimlane while small, flowchart with lanes up to its limit, a flat flowchart above, nothing past the maximum', () => {
    expect(diagramForms(10)).toEqual(['swimlane', 'flowchart', 'flowchart-flat']);
    expect(diagramForms(SWIMLANE_MAX_STEPS)).toEqual(['swimlane', 'flowchart', 'flowchart-flat']);
    expect(diagramForms(SWIMLANE_MAX_STEPS + 1)).toEqual(['flowchart', 'flowchart-flat']);
    expect(diagramForms(LANES_MAX_STEPS)).toEqual(['flowchart', 'flowchart-flat']);
    expect(diagramForms(LANES_MAX_STEPS + 1)).toEqual(['flowchart-flat']);
    expect(diagramForms(DIAGRAM_MAX_STEPS)).toEqual(['flowchart-flat']);
    expect(diagramForms(DIAGRAM_MAX_STEPS + 1)).toEqual([]);
    expect(diagramForms(10, 'flowchart')).toEqual(['flowchart', 'flowchart-flat']);
    expect(diagramForms(10, 'swimlane', LANES_MAX)).toEqual(['swimlane', 'flowchart', 'flowchart-flat']);
    expect(diagramForms(10, 'swimlane', LANES_MAX + 1)).toEqual(['flowchart-flat']);
  });

  it("Mermaid's own limits are raised above what the largest allowed diagram needs", () => {
    const m = compile(bigSop(DIAGRAM_MAX_STEPS)).model;
    const text = formText(m, 'flowchart-flat');
    expect(text.length).toBeLessThan(MERMAID_CONFIG.maxTextSize / 2);
    expect(m.edges.length).toBeLessThan(MERMAID_CONFIG.maxEdges / 2);
    expect(expectedNodeIds(text)).toHaveLength(DIAGRAM_MAX_STEPS);
  });

  it(`sop build refuses an SVG over ${DIAGRAM_MAX_STEPS} steps with SOP590 and exit 1, HTML still made`, () => {
    const dir = tempDir('sop-mermaid-');
    try {
      writeFileSync(join(dir, 'besar.sop'), bigSop(DIAGRAM_MAX_STEPS + 5));
      const r = runCli(['build', join(dir, 'besar.sop'), '--format', 'html,mermaid-svg,mermaid-png', '-o', join(dir, 'out')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('SOP590');
      expect(r.stderr).toContain(`batasnya ${DIAGRAM_MAX_STEPS} langkah`);
      expect(r.stderr).toContain(`:${DIAGRAM_MAX_STEPS + 6}:`); // the first step over the limit
      expect(existsSync(join(dir, 'out/besar.html'))).toBe(true);
      expect(existsSync(join(dir, 'out/besar.mermaid.svg'))).toBe(false);
      expect(existsSync(join(dir, 'out/besar.mermaid.png'))).toBe(false);
      const en = runCli(['build', join(dir, 'besar.sop'), '--format', 'mermaid-svg', '-o', join(dir, 'out'), '--lang', 'en']);
      expect(en.code).toBe(1);
      expect(en.stderr).toContain(`the limit is ${DIAGRAM_MAX_STEPS}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rendered SVG is checked', () => {
  let session: RenderSession;
  beforeAll(() => {
    const exe = findBrowser();
    if (!exe) throw new Error('rendering tests need Chromium: apt-get install chromium (or set SOP_CHROMIUM)');
    session = new RenderSession(exe);
  });
  afterAll(async () => {
    await session?.close();
  });

  const inspect = async (text: string, config: object) =>
    session.mermaidRender<MermaidSvgReport>(text, config, { source: INSPECT_SOURCE, args: [expectedNodeIds(text), ARROW_TOLERANCE_PX, decisionIds(text)] });

  it('swimlane-beta: "Tidak" of a loop to the step before lies on its own edge (it sat on 1→2 before)', async () => {
    const text = emitMermaid(model('penanganan-rumah-tangga-kantor.sop'));
    // Mermaid's default spacing reproduces the fault: the inspector sees it.
    const before = await inspect(text, { ...mermaidConfig('mono'), flowchart: {} });
    expect(before.report!.problems.join('\n')).toMatch(/label "Tidak" of s3→s2 is nearer s1→s2/);
    const after = await inspect(text, mermaidConfig('mono'));
    expect(after.report).toMatchObject({ kind: 'swimlane', nodes: 6, labels: 2, problems: [] });
  });

  it('a loop arrow ending beside its diamond in swimlane-beta falls back to the flowchart dialect, which is right', async () => {
    const m = model('penyusunan-duk.sop');
    const swim = await inspect(emitMermaid(m), mermaidConfig('mono'));
    expect(swim.report!.problems.join('\n')).toMatch(/arrow s4→s3 ends .* px away from s3/);
    const d = await renderDiagram(session, m);
    expect(d.form).toBe('flowchart');
    expect(d.fallback).toMatch(/arrow s4→s3/);
    const flow = await inspect(formText(m, 'flowchart'), mermaidConfig('mono'));
    expect(flow.report).toMatchObject({ kind: 'flowchart-v2', nodes: 7, labels: 6, problems: [] });
    expect(flow.svg).toBe(d.svg);
  });

  it('the monochrome theme: black lines, white shapes, the document font; Mermaid colours on request', async () => {
    const d = await renderDiagram(session, model('penanganan-rumah-tangga-kantor.sop'));
    expect(d.form).toBe('swimlane');
    const style = /<style>([\s\S]*?)<\/style>/.exec(d.svg)![1]!;
    expect(style).toContain('Liberation Sans');
    expect(style).toMatch(/\.flowchart-link\{stroke:#000000/);
    expect(style).toMatch(/\.node rect[^}]*fill:#ffffff/);
    expect(style).not.toMatch(/#ECECFF|#ffffde|#9370DB/i);
    const colour = await renderDiagram(session, model('penanganan-rumah-tangga-kantor.sop'), { theme: 'mermaid' });
    expect(colour.svg).toMatch(/#ECECFF|#ffffde/i);
  });

  it('%%{init}%% in a step or lane title changes neither the theme nor the CSS; Mermaid parses every fuzzed text', async () => {
    const hostile = sopWith(
      "%%{init: {'theme':'dark'}}%%",
      "Kepala %%{init: {'themeCSS': '.node rect { fill: url(http://127.0.0.1:9/x) }'}}%% 50%%{x}\u2028Bagian",
    );
    const plain = sopWith('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'Kepala');
    const a = await renderDiagram(session, compile(hostile).model);
    const b = await renderDiagram(session, compile(plain).model);
    const css = (svg: string) => /<style>([\s\S]*?)<\/style>/.exec(svg)![1];
    expect(css(a.svg)).toBe(css(b.svg));
    // The URL is only text of the title, never in CSS or an attribute.
    expect(css(a.svg)).not.toMatch(/url\(http/);
    expect(a.svg).not.toMatch(/="[^"]*url\(http/);
    // Shown as the text it is, in the step and in the lane title (entity codes decoded).
    expect(words(a.svg)).toContain(`Periksa %%{init: {'theme':'dark'}}%%`);
    expect(words(a.svg)).toContain(`Kepala %%{init: {'themeCSS':`);
    expect(words(a.svg)).toContain('50%%{x} Bagian');
    // Mermaid's own parser on fuzzed texts (a sample: each parse is a browser round trip).
    const piece = fc.constantFrom('%%', '%%{init: {"theme":"dark"}}%%', '%', "'", '"', '#', '\u2028', '\u0085', '\r\n', 'end', ':::', '-->', '|');
    const text = fc.array(fc.oneof(piece, fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 6 }).map((x) => x.join(''));
    const samples = fc.sample(fc.tuple(text, text), { numRuns: 12, seed: 42 });
    for (const [s, l] of samples) {
      const m = compile(sopWith(s, l)).model;
      for (const t of [emitMermaid(m), emitMermaid(m, { dialect: 'flowchart', flatLanes: true })]) await expect(session.mermaidParse(t)).resolves.toBe(true);
    }
  });

  it("Mermaid's error drawing is detected (text over maxTextSize), never taken as a diagram", async () => {
    const text = emitMermaid(model('pelayanan-tamu.sop'));
    const r = await inspect(text, { ...mermaidConfig('mono'), maxTextSize: 100 });
    expect(words(r.svg)).toContain('Maximum text size in diagram exceeded');
    expect(r.report!.problems.join('\n')).toMatch(/nodes missing from the SVG/);
    expect(r.report!.problems.join('\n')).toMatch(/maximum text size exceeded/);
  });
});
