/**
 * Checks of the drawing contract in a real browser (docs/drawing-contract.md):
 * every flow edge's pieces form one chain from the source symbol's outline to
 * the target's (through off-page connector pairs; a branch to the end: its own
 * terminator), no piece passes through a
 * symbol, no two arrows overlap, every decision shows both labels.
 * The function runs inside the page; it returns a list of problems.
 */
export const drawingProblems = (): string[] => {
  const problems: string[] = [];
  const TOL = 1.8;
  type P = { x: number; y: number };
  const toScreen = (el: SVGGraphicsElement, x: number, y: number): P => {
    const m = el.getScreenCTM()!;
    return { x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f };
  };
  const toLocal = (el: SVGGraphicsElement, p: P): DOMPoint => {
    const m = el.getScreenCTM()!.inverse();
    return new DOMPoint(m.a * p.x + m.c * p.y + m.e, m.b * p.x + m.d * p.y + m.f);
  };
  const lines = [...document.querySelectorAll<SVGLineElement>('line.flow-line')].map((l) => ({
    el: l,
    from: l.dataset['from']!,
    to: l.dataset['to']!,
    a: toScreen(l, l.x1.baseVal.value, l.y1.baseVal.value),
    b: toScreen(l, l.x2.baseVal.value, l.y2.baseVal.value),
    join: l.dataset['join'],
  }));
  const symbols = [...document.querySelectorAll<SVGGeometryElement>('[data-symbol]')];
  const rects = symbols.map((s) => s.getBoundingClientRect());
  const rectOf = new Map(symbols.map((s, i) => [s, rects[i]!]));
  const onOutline = (s: SVGGeometryElement, p: P): boolean => {
    const old = s.style.strokeWidth;
    s.style.strokeWidth = String(2 * TOL + 1.2);
    const hit = s.isPointInStroke(toLocal(s, p));
    s.style.strokeWidth = old;
    return hit;
  };
  const inside = (s: SVGGeometryElement, p: P): boolean => {
    const local = toLocal(s, p);
    if (!s.isPointInFill(local)) return false;
    return !onOutline(s, p);
  };

  // No piece through a symbol.
  for (const l of lines) {
    const len = Math.hypot(l.b.x - l.a.x, l.b.y - l.a.y);
    for (let t = 3; t < len - 3; t += 1) {
      const p = { x: l.a.x + ((l.b.x - l.a.x) * t) / len, y: l.a.y + ((l.b.y - l.a.y) * t) / len };
      for (let si = 0; si < symbols.length; si++) {
        const s = symbols[si]!;
        const r = rects[si]!;
        if (p.x < r.left - 1 || p.x > r.right + 1 || p.y < r.top - 1 || p.y > r.bottom + 1) continue;
        if (inside(s, p)) {
          problems.push(`piece ${l.from}->${l.to} passes through symbol ${s.dataset['symbol']} of step ${s.dataset['step']}`);
          t = len;
          break;
        }
      }
    }
  }

  // No two arrows of different edges overlap along a run.
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const p = lines[i]!;
      const q = lines[j]!;
      if (p.from === q.from && p.to === q.to) continue;
      const horiz = (l: typeof p): boolean => Math.abs(l.a.y - l.b.y) < 0.5;
      const vert = (l: typeof p): boolean => Math.abs(l.a.x - l.b.x) < 0.5;
      let overlap = 0;
      if (horiz(p) && horiz(q) && Math.abs(p.a.y - q.a.y) < 1) {
        overlap = Math.min(Math.max(p.a.x, p.b.x), Math.max(q.a.x, q.b.x)) - Math.max(Math.min(p.a.x, p.b.x), Math.min(q.a.x, q.b.x));
      } else if (vert(p) && vert(q) && Math.abs(p.a.x - q.a.x) < 1) {
        overlap = Math.min(Math.max(p.a.y, p.b.y), Math.max(q.a.y, q.b.y)) - Math.max(Math.min(p.a.y, p.b.y), Math.min(q.a.y, q.b.y));
      }
      if (overlap > 2) problems.push(`arrows ${p.from}->${p.to} and ${q.from}->${q.to} overlap over ${overlap.toFixed(1)}px`);
    }
  }

  // Chains: union-find over the pieces' ends, symbols and connector pairs.
  const edges = new Map<string, typeof lines>();
  for (const l of lines) {
    if (l.from === l.to) continue; // a multi-lane step's joins
    const k = `${l.from}->${l.to}`;
    edges.set(k, [...(edges.get(k) ?? []), l]);
  }
  const connectors = [...document.querySelectorAll<SVGGeometryElement>('[data-symbol="connector"]')];
  for (const [key, own] of edges) {
    const [from, to] = key.split('->');
    // A merged arrow (docs/drawing-contract.md, "Junctions") ends on the arrow it names in data-join, which goes on
    // to the same step: its chain runs on along that arrow (and any that arrow merges into).
    const pieces = [...own];
    const seen = new Set([key]);
    for (let i = 0; i < pieces.length; i++) {
      const host = pieces[i]!.join;
      if (host === undefined || seen.has(host)) continue;
      seen.add(host);
      if (host.split('->')[1] !== to) problems.push(`edge ${key}: merges into ${host}, which goes elsewhere`);
      pieces.push(...(edges.get(host) ?? []));
    }
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      while (parent.get(x) !== undefined && parent.get(x) !== x) x = parent.get(x)!;
      return x;
    };
    const union = (a: string, b: string): void => {
      if (!parent.has(a)) parent.set(a, a);
      if (!parent.has(b)) parent.set(b, b);
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) parent.set(ra, rb);
    };
    const ends: { id: string; p: P }[] = [];
    pieces.forEach((l, i) => {
      ends.push({ id: `p${i}`, p: l.a }, { id: `p${i}`, p: l.b });
      parent.set(`p${i}`, `p${i}`);
    });
    for (let i = 0; i < ends.length; i++)
      for (let j = i + 1; j < ends.length; j++)
        if (Math.hypot(ends[i]!.p.x - ends[j]!.p.x, ends[i]!.p.y - ends[j]!.p.y) <= TOL) union(ends[i]!.id, ends[j]!.id);
    // A junction: the merged arrow's last piece ends on a piece of the arrow it joins (anywhere along it).
    const toSeg = (p: P, u: P, v: P): number => {
      const dx = v.x - u.x;
      const dy = v.y - u.y;
      const t = Math.max(0, Math.min(1, ((p.x - u.x) * dx + (p.y - u.y) * dy) / (dx * dx + dy * dy || 1)));
      return Math.hypot(p.x - (u.x + t * dx), p.y - (u.y + t * dy));
    };
    pieces.forEach((l, i) => {
      if (l.join === undefined) return;
      pieces.forEach((h, j) => {
        if (`${h.from}->${h.to}` === l.join && toSeg(l.b, h.a, h.b) <= TOL) union(`p${i}`, `p${j}`);
      });
    });
    const mine = connectors.filter((c) => c.dataset['from'] === from && c.dataset['to'] === to);
    let touchesSource = false;
    let touchesTarget = false;
    // Only symbols whose box holds the end (each outline test restyles the symbol: slow on 200 steps).
    const near = (s: SVGGeometryElement, p: P): boolean => {
      const r = rectOf.get(s)!;
      return p.x >= r.left - 3 && p.x <= r.right + 3 && p.y >= r.top - 3 && p.y <= r.bottom + 3;
    };
    for (const e of ends) {
      for (const c of mine) if (near(c, e.p) && onOutline(c, e.p)) union(e.id, `c${c.dataset['letter']}`);
      for (const s of symbols) {
        if (s.dataset['symbol'] === 'connector' || !near(s, e.p)) continue;
        if (s.dataset['step'] === from && own.includes(pieces[Number(e.id.slice(1))]!) && onOutline(s, e.p)) {
          union(e.id, 'SRC');
          touchesSource = true;
        }
        // A branch to the end runs into its own terminator: step `selesai`, naming the decision in data-from.
        const target = to === 'selesai' ? s.dataset['step'] === 'selesai' && s.dataset['from'] === from : s.dataset['step'] === to;
        if (target && onOutline(s, e.p)) {
          union(e.id, 'TGT');
          touchesTarget = true;
        }
      }
    }
    if (!touchesSource) {
      problems.push(`edge ${key}: no piece starts on the source symbol's outline`);
      continue;
    }
    if (!touchesTarget) {
      problems.push(to === 'selesai' ? `edge ${key}: the branch to the end runs into no terminator` : `edge ${key}: no piece ends on the target symbol's outline`);
      continue;
    }
    const roots = new Set([...parent.keys()].map(find));
    if (roots.size !== 1) problems.push(`edge ${key}: pieces form ${roots.size} separate chains`);
  }

  // Both labels on every decision.
  for (const d of document.querySelectorAll<SVGElement>('[data-symbol="decision"]')) {
    const step = d.dataset['step'];
    for (const label of ['Ya', 'Tidak']) {
      if (!document.querySelector(`[data-label="${label}"][data-from="${step}"]`)) problems.push(`decision ${step} shows no ${label} label`);
    }
  }
  return [...new Set(problems)];
};
