/**
 * Column widths that make the procedure short: geometry.columns() gives a
 * first guess from the content alone; this search moves width between the
 * columns (a few px at a time) while the estimated procedure gets shorter:
 * fewer pages first, then less height in all (rows, and the header repeated
 * on every page). A Mutu Baku column whose text sets the row heights widens
 * while Kegiatan or the lanes have room to spare; lanes never go below the
 * width that keeps the symbols 7 mm wide (when the paper has that room) nor
 * below their first width when that is narrower than COMFORT_LANE, nor (a decision a loop comes back into, when
 * the paper has room) below the width that owns its Tidak (decisionLane).
 * When the lanes stay narrow, the lanes of such decisions then widen on their own (widenDecisionLanes: lanes
 * may differ in width; layout.ts keeps them only when the drawing is better for it).
 *
 * Deterministic (the PDF's measuring pass and its print must get the same
 * columns) and bounded: each try re-estimates every row from cached cell
 * heights, and long procedures get fewer tries.
 */
import type { HeaderWords } from '../model/config.js';
import type { SopModel } from '../model/model.js';
import { minOf } from '../util/array.js';
import { plainText } from '../util/inline.js';
import { MIN_LANE, ROUTABLE_LANE, SYMBOL_LANE, fitTitles, symbolSize, textHeight, type Columns, type FittedTitle, type Paper } from './geometry.js';
import { CAPTION, NARROW_LANE, coreHeight, headerLayout, paginate, rowMinHeight, type HeaderLayout } from './paginate.js';

type Key = 'kegiatan' | 'lane' | 'kelengkapan' | 'waktu' | 'output' | 'keterangan';
const KEYS: readonly Key[] = ['kegiatan', 'lane', 'kelengkapan', 'waktu', 'output', 'keterangan'];
type TextKey = Exclude<Key, 'lane'>;
const TEXT_KEYS: readonly TextKey[] = ['kegiatan', 'kelengkapan', 'waktu', 'output', 'keterangan'];

/** Largest share of the table a Mutu Baku column or Keterangan may reach here (geometry.ts starts them lower). */
const CAP: Readonly<Record<Exclude<TextKey, 'kegiatan'>, number>> = { kelengkapan: 0.2, waktu: 0.1, output: 0.2, keterangan: 0.16 };
/** A lane this wide draws comfortably: lanes wider than this may give width to the text columns, not below it. */
const COMFORT_LANE = 96;
/** Moves tried, largest first (px of the table). */
const STEPS = [24, 8];
/** Row estimates (steps x columns) the search may spend: a 1 000-step procedure gets a few tries, an 11-step one many. */
const BUDGET = 6_000;
/** Tries at most, however short the procedure. */
const MAX_TRIES = 48;

export interface FillOptions {
  readonly headers: HeaderWords;
  /** Height under the table on the last page (the timing line), px. */
  readonly footerHeight: number;
  readonly maxRows?: number;
  /** Kegiatan's least width. */
  readonly kegiatanFloor: number;
  /** The lanes' width had no Mutu Baku word broken (geometry.ts columns(): `broken`), when the first guess broke one. */
  readonly wholeLane?: number;
  /** Kegiatan's least width when lanes need the room for 7 mm symbols (9 lanes and more), else kegiatanFloor. */
  readonly kegiatanLeast?: number;
  /** The Mutu Baku cells as plain text, when the caller has them (geometry.columns' content). */
  readonly texts?: Readonly<Record<Exclude<TextKey, 'kegiatan'>, readonly string[]>>;
  /** Each Mutu Baku column's least width (its title's longest syllable, or longest word). */
  readonly mutuFloor: Readonly<Record<Exclude<TextKey, 'kegiatan'>, number>>;
  /**
   * Lanes' least width when a decision is met by more than one arrow (its Tidak owned only from this width,
   * layout.ts), kept first when the table has room for it with Kegiatan at `least` and the Mutu Baku columns at
   * their floors; else the lanes are as without it. `floor: false`: the lanes are not held at it (only
   * decisionLanes widen to it; layout.ts lays an SOP out without the floor too when that may save a page).
   */
  readonly decisionLane?: { readonly lane: number; readonly least: number; readonly floor?: boolean };
  /**
   * The lanes (index: how many) holding a decision met by more than one arrow: when the lanes stay narrower
   * than decisionLane's width, these widen to it on their own, from the other lanes and the text columns
   * (widenDecisionLanes).
   */
  readonly decisionLanes?: ReadonlyMap<number, number>;
  /**
   * Lanes at least `lane` wide: room for a decision's label that the lanes as found do not own (label-room.ts),
   * taken from Kegiatan and the Mutu Baku columns down to their floors, then from Kegiatan down to `kegiatan`.
   */
  readonly laneLeast?: { readonly lane: number; readonly kegiatan: number };
}

/** The columns of `start` with width moved between them while the estimated procedure gets shorter. */
export function fillColumns(model: SopModel, p: Paper, start: Columns, opts: FillOptions): Columns {
  const n = Math.max(1, model.lanes.length);
  const steps = model.steps.length;
  if (steps === 0) return start;
  const { score, binding, headers, rows } = estimator(model, p, opts);

  // Lanes keep the 7 mm symbol when the table has room for it at Kegiatan's floor; otherwise their first width.
  const mutuFloorSum = (Object.keys(opts.mutuFloor) as (keyof FillOptions['mutuFloor'])[]).reduce((s, k) => s + opts.mutuFloor[k], 0);
  const least = Math.min(opts.kegiatanFloor, opts.kegiatanLeast ?? opts.kegiatanFloor);
  const symbolLane = start.table - start.no - least - mutuFloorSum >= SYMBOL_LANE * n ? SYMBOL_LANE : 0;
  const dl = opts.decisionLane;
  const decisionLane = dl && dl.floor !== false && start.table - start.no - dl.least - mutuFloorSum >= dl.lane * n ? dl.lane : 0;
  // Lanes wider than their whole-word width for a Mutu Baku word broken once (geometry.ts columns(): `broken`) may give
  // that width back when the broken word's row sets the procedure's height.
  let laneFloor = Math.max(Math.min(opts.wholeLane ?? start.lane, start.lane, COMFORT_LANE), symbolLane, decisionLane, opts.laneLeast?.lane ?? 0);
  let kegiatanFloor = opts.kegiatanFloor;
  const cap = (k: Exclude<TextKey, 'kegiatan'>): number => Math.max(start[k], Math.floor(start.table * CAP[k]));
  const ok = (c: Columns): boolean =>
    c.lane >= laneFloor &&
    c.kegiatan >= kegiatanFloor &&
    (['kelengkapan', 'waktu', 'output', 'keterangan'] as const).every((k) => c[k] >= opts.mutuFloor[k] && c[k] <= cap(k) && c[k] <= c.kegiatan);
  const moved = (c: Columns, from: Key, to: Key, px: number): Columns | null => {
    // Lanes move together: n px for each px of one lane.
    const give = from === 'lane' ? Math.max(1, Math.round(px / n)) : px;
    const gained = from === 'lane' ? give * n : give;
    if (to === 'lane') {
      const per = Math.floor(gained / n);
      if (per < 1) return null;
      const spent = per * n;
      const d = { ...c, lane: c.lane + per, lanes: (c.lane + per) * n } as Columns;
      return from === 'lane' ? null : { ...d, [from]: c[from] - spent };
    }
    const d = { ...c, [to]: c[to] + gained } as Columns;
    return from === 'lane' ? { ...d, lane: c.lane - give, lanes: (c.lane - give) * n } : { ...d, [from]: c[from] - gained };
  };

  let cur = start;
  // The first guess may leave lanes under the 7 mm symbol: take the difference from Kegiatan, then the Mutu Baku columns.
  if (cur.lane < laneFloor) {
    let need = (laneFloor - cur.lane) * n;
    const c = { ...cur, lane: laneFloor, lanes: laneFloor * n } as unknown as Record<string, number>;
    for (const k of TEXT_KEYS) {
      const floor = k === 'kegiatan' ? (decisionLane > 0 ? Math.min(least, dl!.least) : least) : opts.mutuFloor[k];
      const take = Math.max(0, Math.min(need, c[k]! - floor));
      c[k] = c[k]! - take;
      need -= take;
    }
    if (opts.laneLeast && need > 0) {
      const take = Math.max(0, Math.min(need, c['kegiatan']! - opts.laneLeast.kegiatan));
      c['kegiatan'] = c['kegiatan']! - take;
      need -= take;
    }
    if (need > 0) return start;
    cur = c as unknown as Columns;
    kegiatanFloor = Math.min(kegiatanFloor, cur.kegiatan);
  }
  // From 9 lanes (kegiatanLeast given) Kegiatan may give its room down to that least when it shortens the procedure.
  if (opts.kegiatanLeast !== undefined && n >= 9) {
    kegiatanFloor = Math.min(kegiatanFloor, least);
  }
  let best = score(cur);
  // Unambiguous first, then economical: the decision lanes widen after the search (which moves every lane alike).
  const finish = (c: Columns): Columns => {
    // Only a floor above every other lane floor can change the columns (the first guess is narrower than it).
    if (decisionLane > 0 && start.lane < decisionLane) return held(finishing(c));
    return finishing(c);
  };
  const finishing = (c: Columns): Columns => {
    const w = opts.decisionLanes && dl ? widenDecisionLanes(c, n, opts.decisionLanes, { lane: dl.lane, kegiatan: Math.min(least, dl.least, c.kegiatan), mutu: opts.mutuFloor, empty: emptyLanes(model) }) : c;
    if (w === c) return done(c);
    score(w);
    const out = done(w);
    unwidened.set(out, done(c));
    return out;
  };
  // On one page there is no page to save: the first guess's more even widths stay (and the search costs nothing).
  const done = (c: Columns): Columns => {
    const hk = `${c.lane},${c.kegiatan},${c.kelengkapan},${c.waktu},${c.output},${c.keterangan}`;
    const h = headers.get(hk);
    const r = rows.get(hk);
    if (h && r) fitted.set(c, { header: h, heights: r });
    return c;
  };
  if (best < 2e7) return finish(cur);
  const budget = Math.min(MAX_TRIES, Math.max(2, Math.floor(BUDGET / steps)));
  [cur, best] = search(cur, best, budget);
  // Lanes narrower than their first width when that saves a page, where they are narrow already (NARROW_LANE: 9 lanes
  // and more) or a page holds less than two steps: down to the floors above and ROUTABLE_LANE (two tracks 1.5 mm apart
  // beside the symbol: narrower, arrows run along the lane borders), or MIN_LANE where both hold (a 12-lane SOP whose
  // Kelengkapan wrapped to 17 lines in 86 px beside lanes of 52 px printed a step a page on F4). Not lanes of comfort
  // width with pages well used: at 5 lanes on A4, 96 px narrowed to 58 saved a page of a 30-step procedure for 3
  // crossings and 2 labels astray (the quality report's loops across pages).
  const sparse = Math.floor(best / 1e7) * 2 > steps;
  const lowest = Math.max(sparse && laneFloor < NARROW_LANE ? MIN_LANE : ROUTABLE_LANE, symbolLane, decisionLane, opts.laneLeast?.lane ?? 0);
  if (lowest < laneFloor && cur.lane > lowest && (sparse || laneFloor < NARROW_LANE)) {
    const wider = laneFloor;
    laneFloor = lowest;
    const [c, s] = search(cur, best, budget);
    // A page saved as the build prints it (printedPagination): on the estimate alone lanes of an 11-lane SOP on F4 gave
    // 2 px for a page the print did not save.
    const printed = (x: Columns): number => printedPagination(model, p, x, opts.headers, opts.footerHeight, opts.maxRows).pages;
    if (Math.floor(s / 1e7) < Math.floor(best / 1e7) && printed(c) < printed(cur)) [cur, best] = [c, s];
    else laneFloor = wider;
  }
  return finish(cur);

  /** The greedy search from `from` (score `fromScore`): the columns it ends at, and their score. */
  function search(from: Columns, fromScore: number, budget: number): [Columns, number] {
    let tries = budget;
    let at = from;
    let atScore = fromScore;
    for (const px of STEPS) {
      let improved = true;
      while (improved && tries > 0) {
        improved = false;
        let pick: Columns | null = null;
        let pickScore = atScore;
        // Width goes to a column that sets row heights (or to the lanes, whose titles may set the header's).
        const to_ = [...binding(at), 'lane' as const];
        for (const from of KEYS) {
          for (const to of to_) {
            if (from === to || tries <= 0) continue;
            const c = moved(at, from, to, px);
            if (!c || !ok(c)) continue;
            tries--;
            const s = score(c);
            // At least a px shorter: a move that gains less is not worth a less even page.
            if (s < pickScore - 1) {
              pickScore = s;
              pick = c;
            }
          }
        }
        if (pick) {
          at = pick;
          atScore = pickScore;
          improved = true;
        }
      }
    }
    return [at, atScore];
  }
}

/** The lanes (indices) no step is done in. */
function emptyLanes(model: SopModel): Set<number> {
  const used = new Set(model.steps.flatMap((s) => s.lanes));
  return new Set(model.lanes.flatMap((l, i) => (used.has(l.id) ? [] : [i])));
}

/** Least width of a lane that gives room to a decision lane: one with no step, one with steps (two tracks each side of a 24 px symbol, geometry.ts ROUTABLE_LANE). */
export const GIVING_LANE = { empty: MIN_LANE, steps: ROUTABLE_LANE } as const;

/**
 * Issue 20 item 1 in narrow lanes (under NARROW_LANE: 9-12 lanes on A4, 11-12 on F4): a lane holding a decision met by more than one
 * arrow (`needy`, with how many such decisions it holds) widens to `floors.lane` (DECISION_LANE), where the
 * decision's "Tidak" is owned. The width comes from Kegiatan and the Mutu Baku columns down to their floors, then
 * from the other lanes (the needy lanes that do not widen among them) down to GIVING_LANE, never below the lane
 * that keeps the symbols 7 mm when the lanes have it (symbols are one size: they follow the narrowest lane). A lane
 * a little wider would not help (measured: at 64-72 px as many labels stay ambiguous as at 58), so a needy lane
 * widens to the whole width or not at all: as many as the room allows, those with the most such decisions first,
 * then from the left. Unchanged columns when none can.
 */
export function widenDecisionLanes(
  c: Columns,
  laneCount: number,
  needy: ReadonlyMap<number, number>,
  floors: { readonly lane: number; readonly kegiatan: number; readonly mutu: Readonly<Record<Exclude<TextKey, 'kegiatan'>, number>>; readonly empty?: ReadonlySet<number> },
): Columns {
  const n = Math.max(1, laneCount);
  const widths = [...(c.widths ?? Array.from({ length: n }, () => c.lane))];
  // Narrow lanes only (paginate.ts NARROW_LANE): at 68-74 px most labels are owned already, and every SOP whose
  // columns change is drawn twice (layout.ts keeps the better drawing).
  if (c.lane >= NARROW_LANE) return c;
  const order = [...needy.keys()].filter((i) => i >= 0 && i < n && widths[i]! < floors.lane).sort((a, b) => needy.get(b)! - needy.get(a)! || a - b);
  if (order.length === 0) return c;
  const keep = c.lane >= SYMBOL_LANE ? SYMBOL_LANE : 0;
  const floorOf = (i: number): number => Math.min(widths[i]!, Math.max(keep, floors.empty?.has(i) ? GIVING_LANE.empty : GIVING_LANE.steps));
  const text: Record<TextKey, number> = { kegiatan: c.kegiatan, kelengkapan: c.kelengkapan, waktu: c.waktu, output: c.output, keterangan: c.keterangan };
  const textRoom = TEXT_KEYS.reduce((s, k) => s + Math.max(0, text[k] - (k === 'kegiatan' ? floors.kegiatan : floors.mutu[k])), 0);
  // The most needy lanes that widen whole: the others (those needy lanes included) give what they can.
  let k = order.length;
  const fits = (m: number): boolean => {
    const wide = new Set(order.slice(0, m));
    const need = [...wide].reduce((s, i) => s + floors.lane - widths[i]!, 0);
    let room = textRoom;
    for (let i = 0; i < n; i++) if (!wide.has(i)) room += widths[i]! - floorOf(i);
    return need <= room;
  };
  while (k > 0 && !fits(k)) k--;
  if (k === 0) return c;
  const wide = new Set(order.slice(0, k));
  let need = [...wide].reduce((s, i) => s + floors.lane - widths[i]!, 0);
  for (const i of wide) widths[i] = floors.lane;
  // The other lanes give first (a px at a time, the widest first: no row grows), then the Mutu Baku columns, Kegiatan last.
  while (need > 0) {
    let i = -1;
    for (let j = 0; j < n; j++) if (!wide.has(j) && widths[j]! > floorOf(j) && (i < 0 || widths[j]! > widths[i]!)) i = j;
    if (i < 0) break;
    widths[i]!--;
    need--;
  }
  for (const key of [...TEXT_KEYS.slice(1), 'kegiatan' as const]) {
    const take = Math.max(0, Math.min(need, text[key] - (key === 'kegiatan' ? floors.kegiatan : floors.mutu[key])));
    text[key] -= take;
    need -= take;
  }
  if (need > 0) return c;
  const lanes = widths.reduce((s, w) => s + w, 0);
  return { ...c, ...text, lane: minOf(widths), lanes, widths };
}

/**
 * The search's measure of a set of columns, from the estimate (cached per width): `score` (pages first, then the
 * height in all), `binding` (the text columns that set some row's height), and the header and row heights of
 * every set scored (by key).
 */
function estimator(model: SopModel, p: Paper, opts: FillOptions) {
  const steps = model.steps.length;
  const given = opts.texts;
  const texts: Record<TextKey, readonly string[]> = {
    kegiatan: model.steps.map((s) => plainText(s.text)),
    kelengkapan: given?.kelengkapan ?? model.steps.map((s) => plainText(s.kelengkapan)),
    waktu: given?.waktu ?? model.steps.map((s) => s.waktu?.text ?? ''),
    output: given?.output ?? model.steps.map((s) => plainText(s.output)),
    keterangan: given?.keterangan ?? model.steps.map((s) => plainText(s.keterangan)),
  };
  // Each column's cell heights at a width, computed once per width tried.
  // Plain arrays, not Float64Array: each typed array has a buffer outside the heap, which the garbage collector
  // sweeps one by one (a search tries tens of widths per column; half of a scavenge's pause went to such buffers).
  const cache: Record<TextKey, Map<number, number[]>> = { kegiatan: new Map(), kelengkapan: new Map(), waktu: new Map(), output: new Map(), keterangan: new Map() };
  const cellHeights = (k: TextKey, w: number): number[] => {
    let h = cache[k].get(w);
    if (!h) {
      h = new Array<number>(steps).fill(0);
      const t = texts[k];
      for (let i = 0; i < steps; i++) h[i] = t[i] === '' ? 0 : textHeight(t[i]!, w);
      cache[k].set(w, h);
    }
    return h;
  };
  // Titles fitted at a width: once per width in this search, and shared with the searches before (fittedTitles).
  const fits = new Map<string, readonly FittedTitle[]>();
  const fit = (titles: readonly string[], w: number, size?: number): readonly FittedTitle[] => {
    // Within one search the lane titles never change: a title list of several is theirs (a single title keys itself).
    const key = `${w}\u0000${size ?? ''}\u0000${titles.length === 1 ? titles[0] : '\u0001'}`;
    let f = fits.get(key);
    if (!f) fits.set(key, (f = fittedTitles(titles, w, size)));
    return f;
  };
  /** The text columns that set some row's height (its tallest cell, taller than the symbol's band). */
  const binding = (c: Columns): Set<TextKey> => {
    const core = coreHeight(symbolSize(c.lane).h, c.lane);
    const out = new Set<TextKey>();
    for (let i = 0; i < steps; i++) {
      let top = core;
      let by: TextKey | null = null;
      for (const k of TEXT_KEYS) {
        const h = cellHeights(k, c[k])[i]!;
        if (h > top) {
          top = h;
          by = k;
        }
      }
      if (by) out.add(by);
    }
    return out;
  };
  const headers = new Map<string, HeaderLayout>();
  const rows = new Map<string, number[]>();
  // A set of columns the search reaches again (a move and its reverse) keeps its score.
  const scores = new Map<string, number>();
  const score = (c: Columns): number => {
    const hk = `${c.lane},${c.kegiatan},${c.kelengkapan},${c.waktu},${c.output},${c.keterangan}`;
    const known = scores.get(hk);
    if (known !== undefined) return known;
    const core = coreHeight(symbolSize(c.lane).h, c.lane);
    const heights: number[] = [0];
    for (let i = 0; i < steps; i++) heights.push(core);
    for (const k of TEXT_KEYS) {
      const h = cellHeights(k, c[k]);
      for (let i = 0; i < steps; i++) if (h[i]! > heights[i + 1]!) heights[i + 1] = h[i]!;
    }
    rows.set(hk, heights);
    let h = headers.get(hk);
    if (h === undefined) headers.set(hk, (h = headerLayout(model, c, opts.headers, fit)));
    const header = h.height;
    const { pages } = paginate(model, p, c, symbolSize(c.lane).h, {
      headerHeight: header,
      footerHeight: opts.footerHeight,
      estimated: heights,
      ...(opts.maxRows !== undefined ? { maxRows: opts.maxRows } : {}),
    });
    let total = pages.length * header;
    for (let i = 1; i <= steps; i++) total += heights[i]!;
    // Pages first; then the height in all.
    const s = pages.length * 1e7 + total;
    scores.set(hk, s);
    return s;
  };

  return { score, binding, headers, rows };
}

/**
 * fitTitles, remembered from one search to the next: a book's lane titles and the Mutu Baku headers come back at
 * the same widths SOP after SOP. Frozen (shared), bounded (forgotten all at once past FITTED_MAX).
 */
const FITTED_MAX = 4_096;
const fittedMemo = new Map<string, readonly FittedTitle[]>();
function fittedTitles(titles: readonly string[], w: number, size: number | undefined): readonly FittedTitle[] {
  // Each title with its length before it: no two title lists share a key.
  let key = `${w}:${size ?? ''}`;
  for (const t of titles) key += `:${t.length}:${t}`;
  let f = fittedMemo.get(key);
  if (!f) {
    if (fittedMemo.size >= FITTED_MAX) fittedMemo.clear();
    fittedMemo.set(key, (f = Object.freeze(fitTitles(titles, w, size).map((t) => Object.freeze(t)))));
  }
  return f;
}

/** The columns fillColumns found with lanes held at the decision lane's floor (decisionLane) above their first width. */
const floored = new WeakSet<Columns>();
function held(cols: Columns): Columns {
  floored.add(cols);
  return cols;
}
/** Whether the decision lane's floor held the lanes of `cols` (fillColumns): without it the columns may differ. */
export function heldByDecisionFloor(cols: Columns): boolean {
  return floored.has(cols);
}

/** The columns fillColumns found before it widened the decision lanes (widenDecisionLanes), by the widened ones. */
const unwidened = new WeakMap<Columns, Columns>();
export function unwidenedOf(cols: Columns): Columns | undefined {
  return unwidened.get(cols);
}

/**
 * The header fillColumns fitted and the row heights it estimated (rowMinHeight's, index: step number) for the
 * columns it returned: the layout need not work them out again.
 */
const fitted = new WeakMap<Columns, { header: HeaderLayout; heights: readonly number[] }>();
export function fittedFor(cols: Columns): { header: HeaderLayout; heights: readonly number[] } | undefined {
  return fitted.get(cols);
}

/**
 * The pages and rows' heights (px; index: step number) of `cols` as the build paginates them: the estimated heights
 * taken as measured (the build's rows measured the same on every SOP tried, and the room a measured page keeps free
 * is SLACK_MEASURED, not SLACK_ESTIMATED). An 11-lane SOP on F4 whose columns printed 3 pages was estimated at 4,
 * and columns that broke two Mutu Baku words were taken for a page they did not save (a page review).
 */
export function printedPagination(model: SopModel, p: Paper, cols: Columns, headers: HeaderWords, footer: number, maxRows?: number): { pages: number; heights: readonly number[] } {
  const known = fittedFor(cols);
  const header = known?.header ?? headerLayout(model, cols, headers);
  const sym = symbolSize(cols.lane).h;
  const rows = [0, ...model.steps.map((s) => known?.heights[s.number] ?? rowMinHeight(model, s.number, cols, sym))];
  const { pages, heights } = paginate(model, p, cols, sym, {
    headerHeight: header.height,
    footerHeight: footer,
    ...(maxRows !== undefined ? { maxRows } : {}),
    measured: { rows, header: header.height, caption: CAPTION, footer },
  });
  return { pages: pages.length, heights };
}
