/**
 * Issue 11 item 7 / issue 10 item 6: Mermaid diagrams by size. "Before" is
 * what every size used to get (swimlane-beta, no check); "after" is what
 * renderDiagram() does now (the form chosen by size, the drawing checked,
 * a fallback when wrong). Generated SOPs of 6 lanes with rework loops.
 * Sizes where swimlane-beta takes minutes (150+) are not re-measured here.
 */
import { compile } from '../dist/index.js';
import { findBrowser } from '../dist/render/browser.js';
import { mermaidConfig } from '../dist/render/mermaid-config.js';
import { DIAGRAM_MAX_STEPS, renderDiagram, formText } from '../dist/render/mermaid-diagram.js';
import { RenderSession } from '../dist/render/session.js';
import { generateSop } from './generate.mjs';
import { fmt, now } from './lib.mjs';

const BEFORE_SIZES = [12, 25, 50];
const AFTER_SIZES = [12, 25, 50, 100, 200, DIAGRAM_MAX_STEPS];

export async function mermaidBench() {
  const exe = findBrowser();
  if (!exe) return [{ metric: 'Mermaid sizes', value: 'skipped: no Chromium', ok: false }];
  const session = new RenderSession(exe, { timeoutMs: 300_000 });
  const rows = [];
  try {
    const warm = compile(generateSop(1, { steps: 5 })).model;
    await renderDiagram(session, warm);
    const before = new Map();
    for (const n of BEFORE_SIZES) {
      const m = compile(generateSop(7, { steps: n })).model;
      const t = now();
      await session.mermaidRender(formText(m, 'swimlane'), mermaidConfig('mono'));
      before.set(n, now() - t);
    }
    for (const n of AFTER_SIZES) {
      const m = compile(generateSop(7, { steps: n })).model;
      const t = now();
      let form = '';
      try {
        const d = await renderDiagram(session, m);
        form = d.form + (d.fallback && !/lanes$/.test(d.fallback) ? ' (fallback)' : '');
      } catch (e) {
        form = `failed: ${String(e.message).slice(0, 60)}`;
      }
      const ms = now() - t;
      const b = before.get(n);
      rows.push({
        metric: `SVG of ${n} steps: ${form}`,
        value: `${fmt(ms)} ms`,
        baseline: b === undefined ? 'swimlane-beta: not re-measured' : `swimlane-beta unchecked: ${fmt(b)} ms`,
        ratio: b === undefined ? '' : `${(ms / b).toFixed(2)}x`,
        ok: !form.startsWith('failed'),
      });
    }
    // The check's own cost where it matters most (a usual SOP): 12 steps, 5
    // interleaved rounds, medians (single timings vary 3x on a loaded machine).
    const m12 = compile(generateSop(7, { steps: 12 })).model;
    const text12 = formText(m12, 'swimlane');
    const plain = [];
    const checked = [];
    for (let i = 0; i < 5; i++) {
      let t = now();
      await session.mermaidRender(text12, mermaidConfig('mono'));
      plain.push(now() - t);
      t = now();
      await renderDiagram(session, m12);
      checked.push(now() - t);
    }
    const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const c = median(checked);
    const p = median(plain);
    rows.push({ metric: 'SVG of 12 steps, checked (median of 5)', value: `${fmt(c)} ms`, baseline: `unchecked: ${fmt(p)} ms`, ratio: `${(c / p).toFixed(2)}x`, ok: true });
  } finally {
    await session.close();
  }
  return rows;
}
