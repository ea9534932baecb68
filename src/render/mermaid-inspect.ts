/**
 * Checks a Mermaid SVG as drawn in the browser, so that a drawing that is
 * wrong is never written: each edge label lies nearer its own edge than any
 * other, each arrowhead ends on the outline of its target node, every node
 * we emitted is in the SVG, and the SVG is not one of Mermaid's error
 * drawings ("Syntax error", "Maximum text size in diagram exceeded").
 *
 * The check is JavaScript source evaluated in the Mermaid page with the SVG
 * inserted into the document (geometry needs layout); it is kept as text so
 * that no bundler can rename what it refers to.
 */

/** What the inspector found; `problems` empty means the drawing is right. */
export interface MermaidSvgReport {
  /** Mermaid's diagram type (`aria-roledescription`): `swimlane`, `flowchart-v2`, `error`, ... */
  readonly kind: string;
  readonly nodes: number;
  readonly edges: number;
  readonly labels: number;
  /** One line per fault, e.g. `label "Tidak" of s3→s2 is nearer s1→s2 (0.0 px vs 12.3 px)`. */
  readonly problems: readonly string[];
  /** Time the check took in the page. */
  readonly ms?: number;
}

/** Pixels an arrowhead may end away from its node's outline (the marker is drawn past the path's end). */
export const ARROW_TOLERANCE_PX = 6;

/**
 * Source of a function `(svgText, expectedNodeIds, tolerancePx, decisionIds) => MermaidSvgReport`
 * run in the page. Node ids are ours (`s1`, `s2_3`, `selesai`), so edge ids
 * `L_<from>_<to>_<n>` can be split without ambiguity.
 */
export const INSPECT_SOURCE = `(svgText, expected, tolerance, decisions) => {
  const t0 = performance.now();
  const host = document.createElement('div');

  host.style.cssText = 'position:absolute;left:0;top:0;';
  host.innerHTML = svgText;
  document.body.appendChild(host);
  try {
    const svg = host.querySelector('svg');
    const kind = (svg && svg.getAttribute('aria-roledescription')) || 'none';
    const problems = [];
    if (!svg) return { kind, nodes: 0, edges: 0, labels: 0, problems: ['no SVG'] };
    if (kind === 'error') problems.push('Mermaid drew its error diagram');
    const text = svg.textContent || '';
    const ID = '(s\\\\d+(?:_\\\\d+)?|selesai)';
    const edgeRe = new RegExp('L_' + ID + '_' + ID + '_\\\\d+$');
    const nodeRe = new RegExp('-flowchart-' + ID + '-\\\\d+$');
    const nodes = new Map();
    for (const g of svg.querySelectorAll('g.node')) {
      const m = nodeRe.exec(g.id || '');
      if (m) nodes.set(m[1], g);
    }
    const missing = expected.filter((id) => !nodes.has(id));
    if (missing.length > 0) problems.push('nodes missing from the SVG: ' + missing.slice(0, 5).join(', ') + (missing.length > 5 ? ', ...' : ''));
    if (/Maximum text size in diagram exceeded/.test(text) && missing.length > 0) problems.push('Mermaid: maximum text size exceeded');
    const screen = (el, x, y) => new DOMPoint(x, y).matrixTransform(el.getScreenCTM());
    const sample = (el, step) => {
      const len = el.getTotalLength();
      const n = Math.max(2, Math.ceil(len / step));
      const ctm = el.getScreenCTM();
      const pts = [];
      for (let i = 0; i <= n; i++) { const p = el.getPointAtLength((len * i) / n); pts.push(new DOMPoint(p.x, p.y).matrixTransform(ctm)); }
      return pts;
    };
    const distTo = (p, pts) => {
      let best = Infinity;
      for (let i = 0; i + 1 < pts.length; i++) {
        const a = pts[i], b = pts[i + 1];
        const dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
        const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2));
        best = Math.min(best, Math.hypot(a.x + t * dx - p.x, a.y + t * dy - p.y));
      }
      return best;
    };
    const edges = new Map();
    for (const path of svg.querySelectorAll('path.flowchart-link')) {
      const id = path.getAttribute('data-id') || path.id || '';
      const m = edgeRe.exec(id);
      if (!m) continue;
      edges.set(id.slice(id.indexOf('L_')), { from: m[1], to: m[2], path, pts: sample(path, 6) });
    }
    const name = (e) => e.from + '→' + e.to;
    // Outlines from each node's box, once per node (a node is the target of
    // many edges): a diamond joins the middles of its box's sides; a box or
    // stadium is its box (a stadium's round ends are only reached head-on).
    const diamonds = new Set(decisions);
    const outlines = new Map();
    const outlineOf = (id) => {
      if (outlines.has(id)) return outlines.get(id);
      const g = nodes.get(id);
      const shape = g && g.querySelector(':scope > .label-container, :scope > path, :scope > rect, :scope > polygon');
      let outline = [];
      if (shape) {
        const b = shape.getBBox();
        const at = (x, y) => screen(shape, x, y);
        const x0 = b.x, y0 = b.y, x1 = b.x + b.width, y1 = b.y + b.height, xm = (x0 + x1) / 2, ym = (y0 + y1) / 2;
        outline = diamonds.has(id)
          ? [at(xm, y0), at(x1, ym), at(xm, y1), at(x0, ym), at(xm, y0)]
          : [at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)];
      }
      outlines.set(id, outline);
      return outline;
    };
    // Arrowheads end on their target's outline.
    for (const e of edges.values()) {
      if (!e.path.getAttribute('marker-end')) continue;
      const outline = outlineOf(e.to);
      if (outline.length === 0) continue;
      const d = distTo(e.pts[e.pts.length - 1], outline);
      if (d > tolerance) problems.push('arrow ' + name(e) + ' ends ' + d.toFixed(1) + ' px away from ' + e.to);
    }
    // Each label is nearest its own edge.
    let labels = 0;
    for (const g of svg.querySelectorAll('g.edgeLabel')) {
      const words = (g.textContent || '').trim();
      if (!words) continue;
      const holder = g.querySelector('[data-id]');
      const id = (holder && holder.getAttribute('data-id')) || g.id || '';
      const m = edgeRe.exec(id);
      if (!m) continue;
      const own = edges.get(id.slice(id.indexOf('L_')));
      if (!own) continue;
      labels++;
      const box = (g.querySelector('foreignObject, rect.background, text') || g).getBoundingClientRect();
      const c = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      const mine = distTo(c, own.pts);
      for (const other of edges.values()) {
        if (other === own) continue;
        const d = distTo(c, other.pts);
        if (d + 0.5 < mine) { problems.push('label "' + words + '" of ' + name(own) + ' is nearer ' + name(other) + ' (' + d.toFixed(1) + ' px vs ' + mine.toFixed(1) + ' px)'); break; }
      }
    }
    return { kind, nodes: nodes.size, edges: edges.size, labels, problems, ms: Math.round(performance.now() - t0) };
  } finally {
    host.remove();
  }
}`;
