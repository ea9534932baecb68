/**
 * The drawing's quality in a real browser (docs/drawing-contract.md, "Quality
 * rules"): figures and violations of the routing rules of issue 10, measured
 * on what Chromium lays out, not on what the router meant to draw.
 *
 * Plain JavaScript so that both the tests (vitest) and `npm run bench` (plain
 * node) pass it to `page.evaluate`; it must stay self-contained (the browser
 * receives its source text). Lengths are CSS px in the page; reported in mm.
 *
 * @returns {{ metrics: Record<string, number | null>, violations: string[] }}
 */
export const drawingQuality = () => {
  const MM = 96 / 25.4;
  const GAP = 1.5 * MM - 0.05; // parallel arrows, arrow to border, connector to border
  const JOG = 1 * MM - 0.05; // shortest straight run of an arrow
  const HEAD_RUN = 7 + 1 - 0.05; // the straight run an arrowhead ends: the head (7 px) and 1 px
  const MIN_LABEL_PX = (7 * 96) / 72 - 0.01; // 7 pt
  const LABEL_MARGIN = 1 * MM - 0.05; // a label nearer its own arrow than any other line by this much
  const BORDER_LABEL = 1 * MM - 0.3; // a label's glyphs from lane and column borders
  const SIDE_BY_SIDE = 2 * MM; // two labels' glyphs on one line
  const NEAR_LINES = 1 * MM; // two labels on lines nearer than this, nearer than this along them
  const violations = [];
  const tally = {};
  const fail = (kind, text) => {
    tally[kind] = (tally[kind] ?? 0) + 1;
    if (tally[kind] <= 25) violations.push(`${kind}: ${text}`);
  };
  const screen = (el, x, y) => {
    const m = el.getScreenCTM();
    return { x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f };
  };
  const local = (el, p) => {
    const m = el.getScreenCTM().inverse();
    return new DOMPoint(m.a * p.x + m.c * p.y + m.e, m.b * p.x + m.d * p.y + m.f);
  };

  // ---- the grid: lane borders and the flow cells' edges, per flow box ----
  const boxes = [...document.querySelectorAll('.flow-box')].map((box) => {
    const r = box.getBoundingClientRect();
    const lanes = [...box.querySelectorAll('.lane-col')].map((c) => c.getBoundingClientRect());
    // Inner lane borders (the right border of every lane but the last) and the cell's own edges.
    const xs = lanes.slice(0, -1).map((c) => c.right - 0.5);
    xs.push(r.left - 0.5, r.right + 0.5);
    return { el: box, left: r.left, right: r.right, top: r.top - 0.5, bottom: r.bottom + 0.5, xs };
  });
  const boxOf = (el) => boxes.find((b) => b.el === el.closest('.flow-box'));

  // ---- pieces, symbols, labels ----
  const pieces = [...document.querySelectorAll('line.flow-line')].map((l) => {
    const a = screen(l, l.x1.baseVal.value, l.y1.baseVal.value);
    const b = screen(l, l.x2.baseVal.value, l.y2.baseVal.value);
    return { el: l, edge: `${l.dataset.from}->${l.dataset.to}`, a, b, arrow: l.hasAttribute('marker-end'), join: l.dataset.join, box: boxOf(l) };
  });
  const symbols = [...document.querySelectorAll('[data-symbol]')].map((s) => {
    const r = s.getBoundingClientRect();
    const kind = s.dataset.symbol;
    const cx = (r.left + r.right) / 2;
    const cy = (r.top + r.bottom) / 2;
    // Where an arrow may touch: a diamond's vertices, a box's side midpoints, a connector's top and tip.
    const points =
      kind === 'connector'
        ? [{ x: cx, y: r.top }, { x: cx, y: r.bottom }]
        : [{ x: cx, y: r.top }, { x: r.right, y: cy }, { x: cx, y: r.bottom }, { x: r.left, y: cy }];
    return { el: s, kind, step: s.dataset.step, rect: r, points, box: boxOf(s) };
  });
  // Point tests by fill only (changing a stroke width per test forces a style pass each time: far too slow on 200 steps).
  const fill = (s, p) => s.el.isPointInFill(local(s.el, p));
  const ring = (p, d) => [{ x: p.x + d, y: p.y }, { x: p.x - d, y: p.y }, { x: p.x, y: p.y + d }, { x: p.x, y: p.y - d }];
  /** Strictly inside a symbol: the point and its neighbours 1.3 px away are all in its fill. */
  const inside = (s, p) => fill(s, p) && ring(p, 1.3).every((q) => fill(s, q));
  /** Within `d` px of a symbol's outline: some neighbours in, some out. */
  const nearOutline = (s, p, d) => {
    const ins = [p, ...ring(p, d)].map((q) => fill(s, q));
    return ins.some((v) => v) && ins.some((v) => !v);
  };
  const label = (t) => t.textContent ?? '';

  // ---- straight runs: each edge's collinear pieces merged ----
  const horiz = (p) => Math.abs(p.a.y - p.b.y) < 0.3 && Math.abs(p.a.x - p.b.x) >= 0.3;
  const vert = (p) => Math.abs(p.a.x - p.b.x) < 0.3 && Math.abs(p.a.y - p.b.y) >= 0.3;
  const runs = [];
  const byEdge = new Map();
  for (const p of pieces) byEdge.set(p.edge, [...(byEdge.get(p.edge) ?? []), p]);
  for (const [edge, list] of byEdge) {
    for (const [isH, test] of [[true, horiz], [false, vert]]) {
      const segs = list
        .filter(test)
        .map((p) => (isH ? { at: p.a.y, lo: Math.min(p.a.x, p.b.x), hi: Math.max(p.a.x, p.b.x) } : { at: p.a.x, lo: Math.min(p.a.y, p.b.y), hi: Math.max(p.a.y, p.b.y) }))
        .sort((u, v) => u.at - v.at || u.lo - v.lo);
      let cur = null;
      for (const s of segs) {
        if (cur && Math.abs(s.at - cur.at) < 0.3 && s.lo <= cur.hi + 0.6) cur.hi = Math.max(cur.hi, s.hi);
        else {
          if (cur) runs.push(cur);
          cur = { edge, h: isH, at: s.at, lo: s.lo, hi: s.hi };
        }
      }
      if (cur) runs.push(cur);
    }
  }
  const isJoin = (edge) => {
    const [f, t] = edge.split('->');
    return f === t;
  };

  // Short jogs.
  for (const r of runs) if (r.hi - r.lo < JOG) fail('short jog', `${r.edge}: a straight run of ${((r.hi - r.lo) / MM).toFixed(2)} mm`);

  // Arrowheads over a corner: the straight run an arrowhead ends is at least the head (ARROW_MARKER, 7 px) and 1 px
  // long, so the head's base lies 1 px short of the corner the run starts from (0.4 px clear of that corner's
  // other run, drawn 1.2 px wide): else the head hangs over the corner and over the run beyond it, and a line near
  // it can be read as the one the head ends.
  let minHeadRun = Infinity;
  for (const p of pieces) {
    if (!p.arrow) continue;
    const h = horiz(p);
    if (!h && !vert(p)) continue;
    const at = h ? p.b.y : p.b.x;
    const tip = h ? p.b.x : p.b.y;
    const run = runs.find((r) => r.edge === p.edge && r.h === h && Math.abs(r.at - at) < 0.3 && tip >= r.lo - 0.3 && tip <= r.hi + 0.3);
    if (!run) continue;
    const len = run.hi - run.lo;
    minHeadRun = Math.min(minHeadRun, len);
    if (len >= HEAD_RUN) continue;
    const into = symbols.find((s) => s.points.some((pt) => Math.hypot(pt.x - p.b.x, pt.y - p.b.y) <= 1.2));
    fail('arrowhead over corner', `${p.edge}: its head${into ? ` into the ${into.kind} of step ${into.step}` : ''} ends a straight run of ${len.toFixed(1)} px (${(len / MM).toFixed(2)} mm)`);
  }

  // Parallel runs of different arrows.
  let minGap = Infinity;
  let crossings = 0;
  const crossed = [];
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) {
      const p = runs[i];
      const q = runs[j];
      if (p.edge === q.edge) continue;
      if (p.h === q.h) {
        const overlap = Math.min(p.hi, q.hi) - Math.max(p.lo, q.lo);
        if (overlap <= 0.5) continue;
        const d = Math.abs(p.at - q.at);
        minGap = Math.min(minGap, d);
        if (d < GAP) fail('parallel gap', `${p.edge} and ${q.edge}: ${(d / MM).toFixed(2)} mm apart over ${(overlap / MM).toFixed(1)} mm`);
      } else {
        const h = p.h ? p : q;
        const v = p.h ? q : p;
        // A double join (a multi-lane step over lanes not adjacent) is one line: its lower rule is not counted.
        if (isJoin(h.edge) && runs.some((o) => o.edge === h.edge && o.h && Math.abs(h.at - o.at - 3) < 0.6)) continue;
        if (v.at > h.lo + 0.8 && v.at < h.hi - 0.8 && h.at > v.lo + 0.8 && h.at < v.hi - 0.8) {
          crossings++;
          crossed.push(`${h.edge} x ${v.edge}`);
        }
      }
    }
  }

  // Arrows along lane borders and cell edges.
  let minBorder = Infinity;
  for (const p of pieces) {
    if (!p.box || isJoin(p.edge)) continue;
    if (vert(p)) {
      for (const x of p.box.xs) {
        const d = Math.abs(p.a.x - x);
        minBorder = Math.min(minBorder, d);
        if (d < GAP) fail('arrow near border', `${p.edge}: ${(d / MM).toFixed(2)} mm from a lane border`);
      }
    } else if (horiz(p)) {
      for (const y of [p.box.top, p.box.bottom]) {
        const d = Math.abs(p.a.y - y);
        minBorder = Math.min(minBorder, d);
        if (d < GAP) fail('arrow near border', `${p.edge}: ${(d / MM).toFixed(2)} mm from a row border`);
      }
    }
  }

  // Pieces inside symbols (every point of every piece, ends included).
  for (const p of pieces) {
    const len = Math.hypot(p.b.x - p.a.x, p.b.y - p.a.y);
    for (const s of symbols) {
      const r = s.rect;
      if (Math.max(p.a.x, p.b.x) < r.left - 1 || Math.min(p.a.x, p.b.x) > r.right + 1) continue;
      if (Math.max(p.a.y, p.b.y) < r.top - 1 || Math.min(p.a.y, p.b.y) > r.bottom + 1) continue;
      for (let t = 0; t <= len; t += 0.5) {
        const pt = { x: p.a.x + ((p.b.x - p.a.x) * t) / (len || 1), y: p.a.y + ((p.b.y - p.a.y) * t) / (len || 1) };
        if (pt.x < r.left || pt.x > r.right || pt.y < r.top || pt.y > r.bottom) continue;
        if (inside(s, pt)) {
          fail('piece inside symbol', `${p.edge} enters the ${s.kind} of step ${s.step}`);
          break;
        }
      }
    }
  }

  // Arrow ends: on a vertex or side midpoint, one arrow per point.
  const load = new Map();
  const near = (u, v, tol) => Math.hypot(u.x - v.x, u.y - v.y) <= tol;
  for (const p of pieces) {
    for (const [end, isHead] of [[p.a, false], [p.b, p.arrow]]) {
      for (const s of symbols) {
        const r = s.rect;
        if (end.x < r.left - 2 || end.x > r.right + 2 || end.y < r.top - 2 || end.y > r.bottom + 2) continue;
        if (!nearOutline(s, end, 2)) continue;
        const k = s.points.findIndex((pt) => near(pt, end, 1.2));
        if (k < 0) {
          if (isHead) fail('arrowhead off vertex', `${p.edge} ends on the ${s.kind} of step ${s.step} away from a vertex or side midpoint`);
          else if (!isJoin(p.edge)) fail('arrow off vertex', `${p.edge} touches the ${s.kind} of step ${s.step} away from a vertex or side midpoint`);
          continue;
        }
        const key = `${symbols.indexOf(s)}:${k}`;
        load.set(key, new Set([...(load.get(key) ?? []), p.edge]));
      }
    }
  }
  for (const [key, edges] of load) {
    if (edges.size > 1) {
      const s = symbols[Number(key.split(':')[0])];
      fail('shared vertex', `${[...edges].join(', ')} meet at one point of the ${s.kind} of step ${s.step}`);
    }
  }

  // Junctions: a merged arrow (no head of its own) ends square on a piece of an arrow to the same step, whose head
  // then serves both; it must meet that arrow at least 1 mm from the arrow's ends and corners.
  let junctions = 0;
  for (const p of pieces) {
    if (p.join === undefined) continue;
    junctions++;
    const to = p.edge.split('->')[1];
    const hostOk = p.join.split('->')[1] === to;
    const on = pieces.some((h) => {
      if (h.edge !== p.join) return false;
      const lo = (u, v) => Math.min(u, v);
      const hi = (u, v) => Math.max(u, v);
      if (horiz(h) && vert(p)) return Math.abs(p.b.y - h.a.y) < 0.8 && p.b.x > lo(h.a.x, h.b.x) + JOG && p.b.x < hi(h.a.x, h.b.x) - JOG;
      if (vert(h) && horiz(p)) return Math.abs(p.b.x - h.a.x) < 0.8 && p.b.y > lo(h.a.y, h.b.y) - 0.5 && p.b.y < hi(h.a.y, h.b.y) + 0.5;
      return false;
    });
    if (!hostOk || !on || p.arrow) fail('junction astray', `${p.edge} does not end square on ${p.join} (an arrow to the same step)`);
  }

  // Labels: 7 pt at least, clear of lines, borders and symbols, beside their own arrow's first run.
  const labels = [...document.querySelectorAll('text.flow-label')];
  for (const t of labels) {
    const edge = `${t.dataset.from}->${t.dataset.to}`;
    const size = parseFloat(getComputedStyle(t).fontSize);
    if (size < MIN_LABEL_PX) fail('small label', `${label(t)} of ${edge} is ${((size * 72) / 96).toFixed(1)} pt`);
    const r = t.getBoundingClientRect();
    // The glyphs' ink, not the font's whole line box.
    const box = { left: r.left + 0.5, right: r.right - 0.5, top: r.top + r.height * 0.2, bottom: r.bottom - r.height * 0.15 };
    const hits = (x1, y1, x2, y2, pad) =>
      Math.max(x1, x2) + pad > box.left && Math.min(x1, x2) - pad < box.right && Math.max(y1, y2) + pad > box.top && Math.min(y1, y2) - pad < box.bottom;
    // Its white patch hides no line or border either (it would cut a gap in it), but for a piece of its own arrow's
    // straight run that shows beyond the patch on both sides: a label on its own run, the patch interrupting it.
    const bg = t.previousElementSibling;
    const patch = bg && bg.classList.contains('label-bg') ? bg.getBoundingClientRect() : null;
    const through = (p) =>
      patch !== null &&
      runs.some((r) =>
        r.edge === edge && (r.h ? horiz(p) && Math.abs(r.at - p.a.y) < 0.3 && r.lo <= patch.left - 1 && r.hi >= patch.right + 1 : vert(p) && Math.abs(r.at - p.a.x) < 0.3 && r.lo <= patch.top - 1 && r.hi >= patch.bottom + 1) &&
        (r.h ? Math.min(p.a.x, p.b.x) >= r.lo - 0.3 && Math.max(p.a.x, p.b.x) <= r.hi + 0.3 : Math.min(p.a.y, p.b.y) >= r.lo - 0.3 && Math.max(p.a.y, p.b.y) <= r.hi + 0.3),
      );
    for (const p of pieces) if (hits(p.a.x, p.a.y, p.b.x, p.b.y, 0.8) && !(p.edge === edge && through(p))) fail('label on a line', `${label(t)} of ${edge} lies on a piece of ${p.edge}`);
    if (patch) {
      const q = patch;
      const under = (x1, y1, x2, y2) => Math.max(x1, x2) > q.left + 0.2 && Math.min(x1, x2) < q.right - 0.2 && Math.max(y1, y2) > q.top + 0.2 && Math.min(y1, y2) < q.bottom - 0.2;
      for (const p of pieces) if (under(p.a.x, p.a.y, p.b.x, p.b.y) && !(p.edge === edge && through(p))) fail('label on a line', `the patch under ${label(t)} of ${edge} hides a piece of ${p.edge}`);
      const b2 = boxOf(t);
      if (b2) for (const x of b2.xs) if (under(x, q.top, x, q.bottom)) fail('label on a border', `the patch under ${label(t)} of ${edge} hides a lane border`);
    }
    const b = boxOf(t);
    if (b) {
      for (const x of b.xs) if (hits(x, box.top, x, box.bottom, 0.5)) fail('label on a border', `${label(t)} of ${edge} lies across a lane border`);
      if (box.top < b.top + 0.5 || box.bottom > b.bottom - 0.5) fail('label on a border', `${label(t)} of ${edge} lies across a row border`);
      // Wholly beyond the first or last lane, it lies over the table's text columns (No., Kegiatan, Mutu Baku).
      if (box.left < b.left || box.right > b.right) fail('label on a border', `${label(t)} of ${edge} lies outside the lanes`);
    }
    for (const s of symbols) {
      const q = s.rect;
      if (q.right < box.left || q.left > box.right || q.bottom < box.top || q.top > box.bottom) continue;
      let hit = false;
      for (let x = box.left; x <= box.right && !hit; x += 1)
        for (let y = box.top; y <= box.bottom && !hit; y += 1) if (fill(s, { x, y }) || ring({ x, y }, 0.6).some((q) => fill(s, q))) hit = true;
      if (hit) fail('label on a symbol', `${label(t)} of ${edge} lies on the ${s.kind} of step ${s.step}`);
    }
    // Beside the run that leaves the source symbol: within 3 mm of the edge's first piece.
    const first = pieces.find((p) => p.edge === edge && symbols.some((s) => s.step === t.dataset.from && s.kind !== 'connector' && nearOutline(s, p.a, 2)));
    if (first) {
      const dx = Math.max(0, box.left - Math.max(first.a.x, first.b.x), Math.min(first.a.x, first.b.x) - box.right);
      const dy = Math.max(0, box.top - Math.max(first.a.y, first.b.y), Math.min(first.a.y, first.b.y) - box.bottom);
      if (Math.hypot(dx, dy) > 3 * MM) fail('label astray', `${label(t)} of ${edge} is ${(Math.hypot(dx, dy) / MM).toFixed(1)} mm from where its arrow leaves`);
      // And near the vertex itself, not at the far end of a long first run.
      const vx = Math.max(0, box.left - first.a.x, first.a.x - box.right);
      const vy = Math.max(0, box.top - first.a.y, first.a.y - box.bottom);
      if (Math.hypot(vx, vy) > 3 * MM) fail('label astray', `${label(t)} of ${edge} is ${(Math.hypot(vx, vy) / MM).toFixed(1)} mm from the vertex its arrow leaves`);
    }
    // Issue 20 item 1: it belongs to its own arrow, visibly: nearer it than any other line by 1 mm (box to line).
    const toBox = (p) => {
      const dx = Math.max(0, box.left - Math.max(p.a.x, p.b.x), Math.min(p.a.x, p.b.x) - box.right);
      const dy = Math.max(0, box.top - Math.max(p.a.y, p.b.y), Math.min(p.a.y, p.b.y) - box.bottom);
      return Math.hypot(dx, dy);
    };
    let own = Infinity;
    let other = Infinity;
    let otherEdge = '';
    for (const p of pieces) {
      const d = toBox(p);
      if (p.edge === edge) own = Math.min(own, d);
      // The join of the decision's own symbols (a multi-lane decision) names no branch: not another arrow.
      else if (p.edge === `${t.dataset.from}->${t.dataset.from}`) continue;
      else if (d < other) [other, otherEdge] = [d, p.edge];
    }
    if (other < own + LABEL_MARGIN)
      fail('label ambiguous', `${label(t)} of ${edge} is ${(own / MM).toFixed(2)} mm from its arrow and ${(other / MM).toFixed(2)} mm from ${otherEdge}`);
    // Issue 20 item 7: 1 mm from lane and column borders.
    if (b) for (const x of b.xs) if (Math.max(box.left - x, x - box.right) < BORDER_LABEL) fail('label near border', `${label(t)} of ${edge} is ${(Math.max(0, box.left - x, x - box.right) / MM).toFixed(2)} mm from a lane border`);
  }

  // Two labels on one line a word space apart read as one phrase ("Ya Tidak" under a diamond, a page reviewer's
  // finding): labels whose glyphs share a line keep 2 mm apart.
  const inks = labels.map((t) => {
    const r = t.getBoundingClientRect();
    return { t, left: r.left + 0.5, right: r.right - 0.5, top: r.top + r.height * 0.2, bottom: r.bottom - r.height * 0.15 };
  });
  for (let i = 0; i < inks.length; i++)
    for (let j = i + 1; j < inks.length; j++) {
      const a = inks[i];
      const b = inks[j];
      // On lines under 1 mm apart, under 1 mm apart along them too: one block ("Tidak" over "Ya" beside a decision's
      // vertex, 0.4 mm apart, a page reviewer's finding), unless a line between parts them.
      const rise = Math.max(a.top, b.top) - Math.min(a.bottom, b.bottom);
      if (rise >= 0) {
        const along = Math.max(a.left - b.right, b.left - a.right);
        if (rise >= NEAR_LINES || along >= NEAR_LINES) continue;
        const upper = a.top < b.top ? a : b;
        const lower = upper === a ? b : a;
        const parted = pieces.some(
          (p) =>
            (horiz(p) && p.a.y > upper.bottom && p.a.y < lower.top && Math.max(p.a.x, p.b.x) > Math.max(a.left, b.left) - NEAR_LINES && Math.min(p.a.x, p.b.x) < Math.min(a.right, b.right) + NEAR_LINES) ||
            (vert(p) && p.a.x > Math.min(a.right, b.right) && p.a.x < Math.max(a.left, b.left) && Math.min(p.a.y, p.b.y) < lower.top && Math.max(p.a.y, p.b.y) > upper.bottom),
        );
        if (!parted) fail('labels side by side', `${label(a.t)} of ${a.t.dataset.from}->${a.t.dataset.to} and ${label(b.t)} of ${b.t.dataset.from}->${b.t.dataset.to} are ${(Math.max(0, rise, along) / MM).toFixed(2)} mm apart, one over the other`);
        continue;
      }
      const gap = Math.max(a.left - b.right, b.left - a.right);
      // A line between them parts them (a label either side of a run down).
      const lo = Math.min(a.right, b.right);
      const hi = Math.max(a.left, b.left);
      const top = Math.max(a.top, b.top);
      const bottom = Math.min(a.bottom, b.bottom);
      if (pieces.some((p) => vert(p) && p.a.x > lo && p.a.x < hi && Math.min(p.a.y, p.b.y) < bottom && Math.max(p.a.y, p.b.y) > top)) continue;
      if (gap < SIDE_BY_SIDE) fail('labels side by side', `${label(a.t)} of ${a.t.dataset.from}->${a.t.dataset.to} and ${label(b.t)} of ${b.t.dataset.from}->${b.t.dataset.to} are ${(Math.max(0, gap) / MM).toFixed(2)} mm apart on one line`);
    }

  // Issue 20 item 7: arrows keep 1.5 mm from the symbols they do not touch.
  const steps = (edge) => edge.split('->');
  for (const p of pieces) {
    if (isJoin(p.edge)) continue;
    const [f, to] = steps(p.edge);
    for (const s of symbols) {
      if (s.step === f || s.step === to) continue;
      const r = s.rect;
      const dx = Math.max(0, r.left - Math.max(p.a.x, p.b.x), Math.min(p.a.x, p.b.x) - r.right);
      const dy = Math.max(0, r.top - Math.max(p.a.y, p.b.y), Math.min(p.a.y, p.b.y) - r.bottom);
      const d = Math.hypot(dx, dy);
      if (d < GAP - 0.3) fail('arrow near symbol', `${p.edge} passes ${(d / MM).toFixed(2)} mm from the ${s.kind} of step ${s.step}`);
    }
  }

  // Issue 20 item 2: an off-page connector sits in a lane of the step it attaches to; letters in reading order.
  const laneIndex = (box, x) => {
    const cols = [...box.el.querySelectorAll('.lane-col')].map((c) => c.getBoundingClientRect());
    return cols.findIndex((c) => x >= c.left - 0.5 && x <= c.right + 0.5);
  };
  const lanesOfStep = new Map();
  for (const s of symbols) {
    if (s.kind === 'connector' || !s.box) continue;
    const set = lanesOfStep.get(s.step) ?? new Set();
    set.add(laneIndex(s.box, (s.rect.left + s.rect.right) / 2));
    lanesOfStep.set(s.step, set);
  }
  const connectors = symbols.filter((s) => s.kind === 'connector');
  for (const s of connectors) {
    if (!s.box) continue;
    const lane = laneIndex(s.box, (s.rect.left + s.rect.right) / 2);
    if (!(lanesOfStep.get(s.step)?.has(lane) ?? true)) fail('connector off its lane', `connector ${s.el.dataset.letter} of step ${s.step} is in lane ${lane + 1}`);
  }
  // The row a connector sits in (docs/drawing-contract.md, "Off-page connectors"): a flow going on to a later page
  // leaves by the bottom row and enters by the next page's top row; a loop back to an earlier page the reverse.
  for (const s of connectors) {
    const tr = s.el.closest('tr');
    if (!tr) continue;
    const stepRow = (r) => r !== null && r.classList.contains('step');
    let before = tr.previousElementSibling;
    while (before && !stepRow(before)) before = before.previousElementSibling;
    const top = before === null;
    const from = Number(s.el.dataset.from);
    const to = Number(s.el.dataset.to);
    if (!Number.isFinite(from) || !Number.isFinite(to)) continue;
    const leaving = s.step === s.el.dataset.from;
    const wantTop = to <= from ? leaving : !leaving;
    if (top !== wantTop)
      fail('connector in the other row', `connector ${s.el.dataset.letter} of ${from}->${to} (${to <= from ? 'a loop back' : 'onwards'}, where it ${leaving ? 'leaves' : 'enters'}) is in the page's ${top ? 'top' : 'bottom'} row`);
  }
  const reading = [...connectors].sort((p, q) => Math.round(p.rect.top) - Math.round(q.rect.top) || p.rect.left - q.rect.left);
  const firsts = [];
  for (const s of reading) if (!firsts.includes(s.el.dataset.letter)) firsts.push(s.el.dataset.letter);
  // A, B, … Z, AA, AB, …: the letters in that order are sorted by length, then alphabetically; none is skipped.
  const alphabetical = [...firsts].sort((p, q) => p.length - q.length || (p < q ? -1 : 1));
  const skipped = alphabetical.length > 0 && alphabetical.length <= 26 && alphabetical.at(-1).charCodeAt(0) - 64 !== alphabetical.length;
  if (skipped || firsts.some((l, i) => l !== alphabetical[i])) fail('letters out of order', `connector letters read ${firsts.join(' ')}`);

  // Off-page connectors clear of lane borders.
  for (const s of symbols) {
    if (s.kind !== 'connector' || !s.box) continue;
    for (const x of s.box.xs) {
      const d = Math.max(s.rect.left - x, x - s.rect.right);
      if (d < GAP) fail('connector near border', `connector ${s.el.dataset.letter} is ${(Math.max(0, d) / MM).toFixed(2)} mm from a lane border`);
    }
  }

  const mm = (v) => (Number.isFinite(v) ? Math.round((v / MM) * 100) / 100 : null);
  return {
    metrics: {
      minParallelGapMm: mm(minGap),
      minBorderGapMm: mm(minBorder),
      crossings,
      junctions,
      junctionsAstray: tally['junction astray'] ?? 0,
      shortJogs: tally['short jog'] ?? 0,
      parallelTooClose: tally['parallel gap'] ?? 0,
      arrowsNearBorders: tally['arrow near border'] ?? 0,
      piecesInsideSymbols: tally['piece inside symbol'] ?? 0,
      arrowheadsOffVertices: tally['arrowhead off vertex'] ?? 0,
      arrowsOffVertices: tally['arrow off vertex'] ?? 0,
      sharedVertices: tally['shared vertex'] ?? 0,
      labelsOnLines: tally['label on a line'] ?? 0,
      labelsOnBorders: tally['label on a border'] ?? 0,
      labelsOnSymbols: tally['label on a symbol'] ?? 0,
      labelsAstray: tally['label astray'] ?? 0,
      smallLabels: tally['small label'] ?? 0,
      connectorsNearBorders: tally['connector near border'] ?? 0,
      labelsAmbiguous: tally['label ambiguous'] ?? 0,
      labelsNearBorders: tally['label near border'] ?? 0,
      arrowsNearSymbols: tally['arrow near symbol'] ?? 0,
      connectorsOffLane: tally['connector off its lane'] ?? 0,
      connectorsOtherRow: tally['connector in the other row'] ?? 0,
      lettersOutOfOrder: tally['letters out of order'] ?? 0,
      arrowheadsOverCorners: tally['arrowhead over corner'] ?? 0,
      labelsSideBySide: tally['labels side by side'] ?? 0,
    },
    violations,
    // Which arrows cross (a horizontal run's edge x a vertical run's), for a reader of the figures.
    crossed,
  };
};
