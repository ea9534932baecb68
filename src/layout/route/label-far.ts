/**
 * Issue 20 item 1 on the drawing the tries chose (RouteOutput.farLabels, after them as connector-levels.ts crossIn
 * is): labels that the router's places leave readable as another arrow's are placed again further along their run.
 * Only after the tries, so no routing changes for it (route/faults.ts counts a label more than 3 mm from its
 * vertex as not owned, so the tries judge such a drawing as before).
 */
import { PX_PER_MM } from '../geometry.js';
import type { LabelMark } from '../types.js';
import type { RowBuilder } from '../route.js';
import { OWN_MARGIN } from './points.js';
import { LABEL_ASCENT, LABEL_WIDTH, labelLeft, obstaclesNear, type Obstacles } from './label-space.js';
import { ownedInReach } from './label-reach.js';
import { eachSideBySide, INK_ABOVE, INK_BELOW } from './label-apart.js';
import { inkOwned, keptApart, owned } from './labels.js';
import { round, rowAt, type LabelWish, type RouteState } from './state.js';

/**
 * 6 mm: how far a label may lie from its vertex when no place within 3 mm is owned (a lane narrower than the word
 * beside a side vertex: 52-61 px at 10 lanes on A4, 13-17 px beside the vertex for "Tidak"'s 23 px).
 */
const FAR_REACH = 6 * PX_PER_MM;
/** 3 mm: there, the places less than this from another arrow cost more (above its run rather than between it and the other branch's). */
const FAR_CLEAR = 3 * PX_PER_MM;

/**
 * A label the drawing leaves as near another arrow as its own, or within 1 mm of a lane border, measured as the
 * quality report measures it, moved to a place plainly its arrow's up to FAR_REACH from the vertex (beyond the lane
 * border beside its run), when there is one: "Tidak" under the slant beside the Ya run reads as the other branch's,
 * in the next lane above its own run it does not. Then two labels of a row side by side ("Tidak Ya" on one line
 * under 2 mm apart, that labels.ts placeApart found no owned place within 3 mm to part): the later one, else the
 * earlier, placed so as well, apart from every label of its row. How many moved.
 */
export function farLabels(st: RouteState): number {
  let moved = 0;
  const wishesIn = new Map<RowBuilder, LabelWish[]>();
  for (const w of st.labelWishes) {
    const row = rowAt(st, w.page, w.r);
    wishesIn.set(row, [...(wishesIn.get(row) ?? []), w]);
    // By text too: a decision may send both branches to one step (SOP302 only warns), its two labels of one flow.
    const i = row.core.labels.findIndex((l) => l.from === w.from && l.to === w.to && l.text === w.text);
    if (i >= 0 && !plain(st, row, w, row.core.labels[i]!) && placedFar(st, row, i, w, false)) moved++;
  }
  for (const [row, wishes] of wishesIn) {
    const { labels } = row.core;
    const wishOf = (l: LabelMark): LabelWish | undefined => wishes.find((w) => w.from === l.from && w.to === l.to && w.text === l.text);
    eachSideBySide(row.core.pieces, labels, (j, i) => {
      const wj = wishOf(labels[j]!);
      const wi = wishOf(labels[i]!);
      if ((wj && placedFar(st, row, j, wj, true)) || (wi && placedFar(st, row, i, wi, true))) moved++;
    });
  }
  return moved;
}

/** Label i of the row placed again within FAR_REACH of its vertex, plainly its arrow's (and `apart` from the row's other labels): whether it found such a place. */
function placedFar(st: RouteState, row: RowBuilder, i: number, w: LabelWish, apart: boolean): boolean {
  const { labels } = row.core;
  const old = labels.splice(i, 1)[0]!;
  const ok = (near: Obstacles, wish: LabelWish, lx: number, ly: number): boolean => inLanes(st, lx, lx + LABEL_WIDTH[w.text]) && owned(st, near, wish, lx, ly, FAR_REACH);
  const search = (): ReturnType<typeof ownedInReach> => ownedInReach(st, row, w, FAR_REACH, ok, FAR_CLEAR);
  const far = apart ? keptApart(row, search) : search();
  labels.splice(i, 0, far ? { x: round(far.x), y: round(far.y + LABEL_ASCENT), text: w.text, anchor: 'start', from: w.from, to: w.to } : old);
  return far !== null;
}

/**
 * Whether a label box from x to R lies within the lanes: further along, beyond the first or last lane, it would
 * print over the table's text columns (a reviewer's finding: "Tidak" over Kelengkapan's text, 8 lanes on A4). In a
 * lane its arrow never enters it may lie (beyond the border its run turned at), when that is its only owned place:
 * detached, but not read as another arrow's.
 */
function inLanes(st: RouteState, x: number, R: number): boolean {
  return x > st.borders[0]! && R < st.borders[st.borders.length - 1]!;
}

/**
 * Whether label `l` is nearer its own arrow than any other by OWN_MARGIN and that far from lane borders, measured as
 * the quality report measures it (the glyphs' ink: test/helpers/drawing-quality.mjs), so that no label it counts
 * owned moves.
 */
function plain(st: RouteState, row: RowBuilder, w: LabelWish, l: LabelMark): boolean {
  const x = labelLeft(l);
  const R = x + LABEL_WIDTH[l.text];
  // The ink's ends (0.5 px in) from the borders: the report's 1 mm less its 0.3 px.
  for (const bx of st.borders) if (Math.max(x + 0.5 - bx, bx - (R - 0.5)) < OWN_MARGIN - 0.3) return false;
  return inkOwned(obstaclesNear(st, row, x - 19.5, l.y - INK_ABOVE - 20, R + 19.5, l.y + INK_BELOW + 20), w, x, l.y);
}
