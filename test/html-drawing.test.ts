/**
 * The flowchart in a real Chromium: for every SOP of sops/ and for generated
 * stress cases, the drawing contract holds (see helpers/drawing-check.ts)
 * and the routing rules of issue 10 hold (helpers/drawing-quality.mjs:
 * spacing, vertices, labels, connectors).
 */
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainSop, generateSop, multiLaneSop, pageLoopsSop } from '../bench/generate.mjs';
import { compile } from '../src/index.js';
import { renderHtml } from '../src/emit/html/render.js';
import { loadTemplates } from '../src/project/templates.js';
import { sharedTestBrowser } from './helpers/browser.js';
import { drawingProblems } from './helpers/drawing-check.js';
import { drawingQuality } from './helpers/drawing-quality.mjs';
import { documentForBrowser } from '../src/page/html-fonts.js';
import { documentLayout } from '../src/page/build.js';

const templates = loadTemplates();
const sopsDir = join(import.meta.dirname, '../sops');

/** A long procedure: loops back over many rows and pages, a forward jump, a branch to the end. */
function longLoops(): string {
  const lines = ['Nama SOP: Uji Putaran Panjang', 'Nomor SOP: X/1', 'Tanggal Pembuatan: 2023-08-31', 'Pelaksana:', '  - a: Satu', '  - b: Dua', '  - c: Tiga', 'Prosedur:'];
  for (let i = 1; i <= 60; i++) {
    lines.push(`  @s${i} [${'abc'[i % 3]}] Langkah ${i} ${'kata '.repeat(i % 7)}`);
    if (i === 5) lines.push('    Lanjut: @s30');
    if (i === 40) lines.push('    Tidak: @s2');
    if (i === 55) lines.push('    Ya: selesai', '    Tidak: @s41');
    if (i === 58) lines.push('    Tidak: @s57');
  }
  return lines.join('\n');
}

/** Long official titles for the lanes (as bench/quality.mjs's 9-12-lane cases). */
const longTitles = (text: string): string => text.replace(/^( {2}- l\d+: )(.*)$/gm, (_, h: string, t: string) => `${h}${t} Bidang Perencanaan dan Keuangan Daerah`);

function wideMultiLane(): string {
  const lanes = Array.from({ length: 10 }, (_, i) => `  - l${i}: Pejabat ${i}`);
  return [
    'Nama SOP: Uji Lebar', 'Nomor SOP: X/2', 'Tanggal Pembuatan: 2023-08-31', 'Pelaksana:', ...lanes, 'Prosedur:',
    '  @a [l0] Mulai',
    `  @b [${lanes.map((_, i) => `l${i}`).join(', ')}] Rapat bersama semua pejabat`,
    '  [l9] Memeriksa',
    '    Tidak: @b',
    '  [l3, l6] Dua pejabat sekaligus',
    '  [l5] Memutuskan',
    '    Tidak: @b',
    '  [l0] Selesai',
  ].join('\n');
}

function oneLane(): string {
  return [
    'Nama SOP: Uji Satu Lajur', 'Nomor SOP: X/3', 'Tanggal Pembuatan: 2023-08-31', 'Pelaksana:', '  - a: Satu-satunya', 'Prosedur:',
    '  @m [a] Mulai', '  @p [a] Periksa', '    Tidak: @m', '  [a] Putuskan', '    Ya: selesai', '    Tidak: @p', '  [a] Akhir',
  ].join('\n');
}

const draftedDir = join(import.meta.dirname, 'fixtures/drafted');
const cases: [string, string, ('A4' | 'F4')?, 'decisions'?][] = [
  ...readdirSync(sopsDir)
    .filter((f) => f.endsWith('.sop'))
    .map((f): [string, string] => [f, readFileSync(join(sopsDir, f), 'utf8')]),
  // SOPs a reviewer drafted as an agency would (4, 6, 9 and 10 lanes; long official titles, multi-lane steps over
  // lanes far apart, rework steps written after the end), on A4 and F4 (bench/quality.mjs draftedCases).
  ...(['A4', 'F4'] as const).flatMap((p) =>
    readdirSync(draftedDir)
      .filter((f) => f.endsWith('.sop'))
      .sort()
      .map((f): [string, string, 'A4' | 'F4'] => [`drafted ${f}, ${p}`, readFileSync(join(draftedDir, f), 'utf8'), p]),
  ),
  // Issues 20 items 1 and 7: long procedures are routed page by page (layout.ts), narrow-lane decisions by their
  // sides at any length: 33 labels astray, 13 ambiguous, 38 near a border and 14 crossings when every branch
  // left from the bottom from 150 steps on (a crossing anywhere sent them all there from 60 steps on).
  ['generated: 10 lanes, 200 steps, loops', generateSop(4242, { steps: 200, lanes: 10 })],
  // 31 labels ambiguous and 31 near a border before.
  ['generated: 8 lanes, 150 steps', generateSop(4150, { steps: 150, lanes: 8 })],
  ['generated: 6 lanes, 12 steps', generateSop(7)],
  ['long loops across pages', longLoops()],
  ['10 lanes, multi-lane steps', wideMultiLane()],
  ['one lane', oneLane()],
  ['chain of 11 rework loops, 4 lanes', chainSop(11, 4)],
  ['chain of 11 rework loops, one lane', chainSop(11, 1)],
  ['chain of rework loops two steps back, 3 lanes', chainSop(11, 3, { back: 2 })],
  ['chain of rework loops, 10 lanes', chainSop(14, 10)],
  ['loops across page breaks, 5 lanes', pageLoopsSop(5)],
  ['multi-lane steps with loops, 9 lanes', multiLaneSop(9)],
  ['generated: 3 lanes, 40 steps (five arrows meet one decision: junctions)', generateSop(103, { steps: 40, lanes: 3 })],
  // 9-10 lanes on A4 with long Mutu Baku words: lanes of 52-55 px (13.8-14.6 mm).
  ['generated: 9 lanes, 40 steps', generateSop(109, { steps: 40, lanes: 9 })],
  ['generated: 10 lanes, 40 steps', generateSop(110, { steps: 40, lanes: 10 })],
  // Issue 20 item 1: "Tidak" of 20->12 was 1 mm nearer its run than 19->20's by the router's box and 0.04 mm short
  // of it by the glyphs' box the report measures (route/labels.ts owned asks both).
  ['generated: 6 lanes, 40 steps', generateSop(106, { steps: 40, lanes: 6 })],
  // Loops past multi-lane steps: the joins between a step's symbols count as drawn lines (3 crossings before).
  ['multi-lane steps with loops, 4 lanes', multiLaneSop(4)],
  ['generated: 4 lanes, 40 steps', generateSop(104, { steps: 40, lanes: 4 })],
  // Issue 20: connectors in their step's lanes, letters in reading order (the old router read "D A E B F C").
  ['loops across page breaks, 10 lanes', pageLoopsSop(10)],
  // Issue 20 item 1: a rework chain at 9-10 lanes on F4 has room for lanes of 75 px (fill.ts decisionLane): its
  // Tidak labels owned (8 ambiguous and 8 near a border each in 61-62 px lanes). At 10 lanes its branches back by
  // the top draw it as clean in 61 px lanes on one page fewer, which is kept (src/layout/decision-floor.ts).
  ['chain of rework loops, 10 lanes, F4', chainSop(11, 10), 'F4'],
  ['chain of rework loops, 9 lanes, F4', chainSop(11, 9), 'F4'],
  // Three connectors packed in one lane, two beside another's arriving run (0.6 mm: a parallel gap, a crossing jog).
  ['generated: 8 lanes, 40 steps', generateSop(108, { steps: 40, lanes: 8 })],
  // A narrow-lane decision's side found no free track (a spare one, 0.6 mm from the loop back to step 3): its
  // branch leaves the bottom.
  ['loops across page breaks, 9 lanes', pageLoopsSop(9)],
  // The same with long lane titles on A4: the side's spare track put a third connector in the bottom row of page 1,
  // and two jogs shared one level (arrows 20->7 and 29->3 on top of each other over 16 px).
  ['loops across pages, 9 lanes, long titles, A4', longTitles(pageLoopsSop(9)), 'A4'],
  // Issue 20 item 1 in narrow lanes, with "laneWidths": "decisions": the lanes of decisions where four arrows meet
  // widen to 75 px, from the other lanes and the text columns (fill.ts widenDecisionLanes), as many as the table has
  // room for. With equal lanes (the default): 8 ambiguous and 8 near a border (A4, 9 lanes; F4, 11 lanes), 16 and
  // 16 with 7 crossings (three back).
  ['chain of rework loops, 9 lanes, A4', chainSop(11, 9), 'A4', 'decisions'],
  ['chain of rework loops, 11 lanes, F4', chainSop(11, 11), 'F4', 'decisions'],
  ['chain three back, long text, titles, 9 lanes, A4', longTitles(chainSop(20, 9, { back: 3, text: 30 })), 'A4', 'decisions'],
  // Issue 20 item 1: loops across pages at 10-12 lanes with long titles. One crossing made every narrow-lane
  // decision's branch to the next step leave its bottom, "Tidak" printed beside the Ya run (6 ambiguous labels
  // and 6 near a border each); now only the crossing decisions' other branch leaves away from the next step, or
  // only they leave by the bottom. Step 29 (Ya to the end) leaves by its sides too.
  ['loops across pages, 10 lanes, long titles, F4', longTitles(pageLoopsSop(10)), 'F4'],
  ['loops across pages, 10 lanes, long titles, A4', longTitles(pageLoopsSop(10)), 'A4'],
  ['loops across pages, 11 lanes, long titles, A4', longTitles(pageLoopsSop(11)), 'A4'],
  // Issue 20 item 2: the connectors of 29->3 and 20->7 were both on the left of page 1 (steps 3 and 7 are in lanes
  // 10 and 11), 9->2 on the right between them and their steps; their flows routed again longest first with the
  // try's other choices kept, 29->3 takes the outer track on the right, 20->7 nests inside it and 9->2 goes left
  // (layout-tries.ts offLaneTries): 2 connectors off their lanes before, 1 now (29->3's, under its track beyond
  // 20->7's arrival).
  ['loops across pages, 11 lanes, long titles, F4', longTitles(pageLoopsSop(11)), 'F4'],
  // Issue 20 item 3: 9->2 crossed 20->7 on the right of page 1 (the crossing flows routed first together, the
  // shortest took the way the other needed); with 20->7 routed first alone, 9->2 goes left and 29->3 right round
  // 20->7 (late-tries.ts aloneFirst): no crossing, 29->3's connector under its track outside step 3's lane, as
  // at 9 lanes on A4 (1 crossing and every connector in its lane before).
  ['loops across pages, 9 lanes, long titles, F4', longTitles(pageLoopsSop(9)), 'F4'],
  ['loops across pages, 12 lanes, long titles, A4', longTitles(pageLoopsSop(12)), 'A4'],
  ['loops across pages, 12 lanes, long titles, F4', longTitles(pageLoopsSop(12)), 'F4'],
  // Issue 20 items 1 and 7: a narrow-lane decision by its sides whose branch back crossed the arrival from the step
  // before was sent down from its bottom, "Tidak" beside the Ya run (1 ambiguous, 1 near a border each before). At
  // 11 lanes on F4 its branch to the end takes the side facing that arrival (route/points.ts arrivalSide); in the
  // 25 steps at 10 lanes on A4 its branches are routed before the loop that crossed them (route.ts routeEarly).
  // (the case 'loops across pages, 11 lanes, long titles, F4' above)
  ['generated 25 steps, 10 lanes, long titles, A4', longTitles(generateSop(2510, { steps: 25, lanes: 10 })), 'A4'],
  // Every narrow-lane decision had left by the bottom to cross less (9 ambiguous labels); each goes back to its
  // sides when that crosses no more.
  ['generated: 8 lanes, 40 steps, another seed', generateSop(4008, { steps: 40, lanes: 8 })],
  // Issue 20 item 7: in 93 px lanes the gutter beside a side vertex is narrower than "Tidak" and 1 mm; with the Ya
  // jog under the run and its track 10 px from the vertex, "Tidak" went under the run 0.76 mm from the border (9
  // times). Its track now lies further out (tracks.ts SLANT_COST): "Tidak" over the run, between slant and track.
  ['chain of 30 rework loops, 5 lanes, long text', chainSop(30, 5, { text: 30 })],
  // The same at step 4 of a real SOP on F4 (0.7 mm from the border before).
  ['penyusunan-duk.sop, F4', readFileSync(join(sopsDir, 'penyusunan-duk.sop'), 'utf8'), 'F4'],
  // Issue 20 item 2: connectors left outside their steps' lanes by flows routed before theirs; routed again with
  // their flows first (layout.ts): 1 connector off its lane, 11 crossings, 1 label ambiguous and 1 near a border
  // before (F4); 2 off and 4 labels near a border before (A4).
  ['chain three back, long text, titles, 9 lanes, F4', longTitles(chainSop(20, 9, { back: 3, text: 30 })), 'F4'],
  ['generated 25 steps, 12 lanes, long titles, A4', longTitles(generateSop(2512, { steps: 25, lanes: 12 })), 'A4'],
  // Issue 20 item 1 with equal lanes: each decision of a rework chain is met by two arrows and sends two; its
  // branch back leaves by the top, "Tidak" beside the run up, the flow from the step before entering a side
  // (route/points.ts topCandidates). 8 ambiguous labels and 8 near a border each before, in 16.1 mm lanes.
  ['chain of rework loops, 9 lanes, A4, equal lanes', chainSop(11, 9), 'A4'],
  ['chain of rework loops, 12 lanes, F4, equal lanes', chainSop(11, 12), 'F4'],
  ['chain of rework loops, 12 lanes, A4, equal lanes', chainSop(11, 12), 'A4'],
  // Step 9 at the page's top, its branch back by the top to a connector: the flow into its side from the step before
  // came down 1.7 mm from the lane border, as near "Tidak" beside the run up as that run; it now comes down beyond
  // the border (tracks.ts CLEAR_COST). "Tidak" had stayed by the side vertex, beside the Ya run (1 ambiguous, 1 near a border).
  ['chain of rework loops, 11 lanes, A4, equal lanes', chainSop(11, 11), 'A4'],
  // Issue 20 item 2, a lane with no room left (two connectors fill a 14-15 mm lane): a loop back into the step
  // came to the top row beside its two, and stayed in the lane beside; the loop back leaving the step now ends in
  // the page's bottom row (layout.ts offLaneTries): 2 off their lanes before (A4, 12 lanes), 3 (A4, 11 lanes).
  ['chain three back, long text, titles, 12 lanes, A4', longTitles(chainSop(20, 12, { back: 3, text: 30 })), 'A4'],
  ['chain three back, long text, titles, 11 lanes, A4', longTitles(chainSop(20, 11, { back: 3, text: 30 })), 'A4'],
  // Issue 20 item 1, a rework chain three steps back with equal lanes: a decision's branch back leaves by the top,
  // a short stub turning at once to a track in its own lane (route/points.ts topExit), "Tidak" beside the stub,
  // the flow from the step before (from a connector at the page's top when it is on the page before) entering the
  // side facing it; decision by decision, kept when the drawing is better (layout-tries.ts topTries). 13 ambiguous
  // labels and 13 near a border each before, with 7 and 6 crossings; 9 and 12 ambiguous before the symbols sat 8 px
  // lower where the text sets the rows' height (layout.ts topRoom: "Tidak" on its stub) and the tries were judged
  // as the re-routings for connectors off their lanes leave them.
  ['chain three back, long text, titles, 9 lanes, A4, equal lanes', longTitles(chainSop(20, 9, { back: 3, text: 30 })), 'A4'],
  ['chain three back, long text, titles, 10 lanes, A4, equal lanes', longTitles(chainSop(20, 10, { back: 3, text: 30 })), 'A4'],
  // A connector that cannot reach its lane without a crossing sits in the lane beside its track's, leaving the
  // place in its track's lane to a connector of that lane (connectors.ts packRow): 2 off their lanes before.
  ['chain three back, long text, titles, 12 lanes, F4', longTitles(chainSop(20, 12, { back: 3, text: 30 })), 'F4'],
  // With "laneWidths": "decisions", widened lanes with fewer crossings are kept though a connector more is off its
  // lane (layout.ts widerIsBetter: no avoidable crossing first): 9 crossings and 13 labels ambiguous before, with
  // every connector in its lane; now 1 crossing, 4 ambiguous, 2 connectors off (and the same SOP at 12 lanes keeps
  // its widened lanes, which it lost, with 7 crossings, once its equal lanes had a connector fewer off). Since the
  // tries put unambiguous labels first (src/layout/plain-first.ts) its equal lanes own every label, with 14
  // crossings: they are kept (widerIsBetter keeps widened lanes for fewer labels not owned), 4 pages instead of 6.
  ['chain three back, long text, titles, 11 lanes, F4, decisions', longTitles(chainSop(20, 11, { back: 3, text: 30 })), 'F4', 'decisions'],
  // Step 16 (one arriving arrow) in a 75 px lane: "Tidak" slanted under the edge 0.83 mm from the Ya run (and 0.63
  // mm from the border); it now leaves by its sides, as in narrower lanes (RouteInput.sidesWide, a last try).
  ['generated 25 steps, 9 lanes, long titles, F4', longTitles(generateSop(2509, { steps: 25, lanes: 9 })), 'F4'],
  // Issue 20 items 1 and 7: where no place beside a run down from the bottom vertex is its arrow's plainly, the label
  // lies on the run, its white patch interrupting the line (route/labels.ts onRun): 4 labels across a lane border
  // and 4 near one before (12 lanes); 2 on a line, 1 ambiguous and 2 near a border before (11 lanes).
  ['generated 25 steps, 12 lanes, A4 (a label on its run)', generateSop(425, { steps: 25, lanes: 12 }), 'A4'],
  ['generated 25 steps, 11 lanes, A4 (a label on its run)', generateSop(1397, { steps: 25, lanes: 11 }), 'A4'],
];

/**
 * Crossings allowed, by case (0 when not named): what the router reaches today, so that a change that adds
 * crossings fails here. Not proven minimal (docs/drawing-contract.md, "Crossings").
 */
const maxCrossings: Record<string, number> = {
  'drafted hibah.sop, A4': 1,
  'drafted hibah.sop, F4': 3,
  'generated: 10 lanes, 200 steps, loops': 10,
  'chain of rework loops two steps back, 3 lanes': 4,
  'chain three back, long text, titles, 9 lanes, F4': 7,
  'chain three back, long text, titles, 12 lanes, F4': 2,
  'chain three back, long text, titles, 11 lanes, F4, decisions': 14,
  'generated 25 steps, 11 lanes, A4 (a label on its run)': 1,
  'chain three back, long text, titles, 9 lanes, A4, equal lanes': 4,
  'chain three back, long text, titles, 10 lanes, A4, equal lanes': 3,
  // One or two crossings each where a connector walled out of its step's lanes by the order of the arrivals is
  // brought in across another flow's run on the drawing the tries chose (route/connector-levels.ts crossIn): the
  // format's place first (issue 20 item 2), the crossing it needs not avoidable (item 3).
  'long loops across pages': 1,
  'generated: 3 lanes, 40 steps (five arrows meet one decision: junctions)': 1,
  'generated: 10 lanes, 40 steps': 2,
  'generated: 8 lanes, 40 steps': 2,
  'loops across pages, 10 lanes, long titles, A4': 1,
  'loops across pages, 11 lanes, long titles, F4': 1,
  'generated: 8 lanes, 40 steps, another seed': 1,
  'generated 25 steps, 12 lanes, long titles, A4': 1,
  // Its branches back leave by the top (route/points.ts topCandidates): 11 ambiguous and 11 near a border before;
  // then 1 of each. Unambiguous first (src/layout/plain-first.ts): step 12's branch back leaves by its top too and
  // crosses step 11's flow to it once, its "Tidak" no longer beside the Ya run.
  'chain of rework loops, 10 lanes': 1,
};

/**
 * Violations still accepted, by case and kind, at most so many (none: the drawing must be clean). Issue 20's
 * rules (label ambiguous, label near border, 3 mm from the vertex, arrow near symbol) are not met yet where a
 * decision is met by two arrows and its branch back cannot leave by the top without more crossings (chains three
 * steps back), in lanes under ~15.8 mm (12 lanes on A4: "Tidak" beside the run up is within 1 mm of the border),
 * in long procedures (routed page by page from 60 steps on), or where leaving by the sides would make arrows cross. A decision with one
 * arriving arrow leaves by its sides and is clean; one met by two, in a rework chain, sends its branch back up
 * from the top (docs/drawing-contract.md, "Narrow lanes"). A connector stays under its track outside its step's
 * lanes when going there would cross another flow (item 3 first). A label the drawing kept leaves ambiguous or near
 * a border, with no owned place within 3 mm of its vertex, lies further along its run where that is plainly its
 * arrow's (route/label-far.ts farLabels): counted astray instead (10 lanes on A4: 11 ambiguous and 22 near a border
 * on the quality report before, 3 and 3 after). The counts (the report lists at most 25 of a
 * kind) hold each case to what the router reaches today, so a change that adds one fails.
 */
const accepted: Record<string, Readonly<Record<string, number>>> = {
  // Drafted procedures (above). At 10 lanes on A4 the lanes are 52 px since a Mutu Baku word breaks once for them
  // (layout.ts CLEAR_LANE: at 44 px, 39 arrow pieces 1.26 mm from a lane border, 4 passes near a symbol, 6 connectors
  // off their lanes and one branch across the page); step 9's "Tidak" by its left vertex in the first lane, where a
  // loop comes into its right one, has no owned place (the lane would need ~66 px); step 5's lies beyond its lane.
  'drafted hibah.sop, A4': { 'label ambiguous': 1, 'label near border': 1, 'label astray': 2, 'arrowhead over corner': 2, 'connector off its lane': 1 },
  'drafted hibah.sop, F4': { 'label astray': 2, 'connector off its lane': 1 },
  'drafted izin-usp.sop, A4': { 'label astray': 2 },
  // With the connector rows' jogs an arrowhead from the connectors, step 16's branch back leaves by the top (a
  // connector fewer in the other row); "Tidak" on its stub had been 0.04 mm short of 1 mm nearer its run than
  // 19->16's, as the report measures the glyphs (route/labels.ts owned now asks that box too).
  'chain three back, long text, titles, 9 lanes, A4': { 'connector in the other row': 6, 'arrowhead over corner': 1 },
  // Routed page by page (each page judged alone on crossings and labels).
  // Branches back by the top on its pages, decision by decision; tracks 1.5 mm from the symbols of 52 px lanes
  // (route/tracks.ts gutterTracks); branches beyond their lane border costing less than a crossing (route/points.ts
  // PENALTY.beyond); a try whose labels are as many not owned but fewer astray is better (layout-tries.ts
  // fewerFaults); a branch back from the top may run above the core band however far back it goes (route/top-exit.ts
  // liftedRun). Before them: 16 astray, 13 near a border, 17 arrows near a symbol, 9 off their lanes, 5 in the other
  // row and 14 crossings (the near-border labels are the trade: 4 fewer astray, 1 fewer crossing). With the sole
  // track of a narrow gutter an arrowhead and 1 px from its symbol (8 arrowheads over a corner fewer, 1 crossing
  // fewer), 158->152 leaves step 158 by its other side: its "Tidak", ambiguous before, lies 4.5 mm from the vertex.
  // Printed on the pages the estimate gives (layout/paginate.ts): on pages packed tighter on the drawn heights 14 astray,
  // 13 near a border, 3 ambiguous, 11 off their lanes, 5 in the other row, 3 parallel gaps, but 6 crossings (7 here:
  // 136->129 up from the top of its page across three arrows).
  'generated: 10 lanes, 200 steps, loops': { 'label astray': 12, 'connector off its lane': 3, 'connector in the other row': 2, 'arrowhead over corner': 6 },
  // Connectors in the format's row where that costs nothing (layout-tries.ts formatRowTries): 3 in the other row and
  // 4 off their lanes before.
  'generated: 8 lanes, 150 steps': { 'connector off its lane': 1, 'connector in the other row': 2, 'arrowhead over corner': 2, 'label astray': 1 },
  // Its "Tidak" of a loop back turning up 10 px from the side vertex, another loop's track just beyond: above the stub,
  // between the run up and the symbol's slant, anywhere within 3 mm of the vertex (route/label-reach.ts; 3 ambiguous before).
  'generated: 3 lanes, 40 steps (five arrows meet one decision: junctions)': { 'connector off its lane': 1 },
  // Its branches back several rows up leave by the top where that is better (3 ambiguous, 3 near a border, 1 off before).
  // 'generated: 9 lanes, 40 steps' is clean: step 13's branch back leaves by the top although step 12, the step
  // before, is a narrow-lane decision leaving by its sides (its Ya enters 13's side; route/top-exit.ts topCandidates).
  // "Tidak" of 13->10 was beside the Ya run, 1.65 mm from its arrow and 1.49 mm from 13->14, 0.69 mm from a border.
  // 30->24 goes round step 29's join by its right (1 crossing before), tracks pass symbols 1.5 mm away (2 arrows near
  // a symbol before, 1.06-1.12 mm), and two loops back enter by the bottom row (3 in the other row before).
  'generated: 10 lanes, 40 steps': { 'label astray': 1, 'label near border': 1, 'label ambiguous': 1, 'connector off its lane': 1, 'connector in the other row': 1 },
  'generated: 6 lanes, 40 steps': { 'connector off its lane': 2, 'connector in the other row': 1 },
  'loops across page breaks, 10 lanes': { 'connector off its lane': 1 },
  // Two connectors stay in lane 8, the lane of their tracks (3, 2 crossings and 2 arrows near a symbol before the
  // flows of the connectors crowding that row ended in the page's other connector row: layout.ts offLaneTries).
  // Its decisions' branches back go several rows up: from the top by a short stub turning at once into a track of
  // their lane, where the drawing is better so (7 ambiguous and 6 near a border before).
  // 26->23's "Tidak" above its stub (route/label-reach.ts; 3 ambiguous before).
  'generated: 8 lanes, 40 steps': { 'connector off its lane': 1, 'connector in the other row': 1, 'arrowhead over corner': 1, 'label astray': 1, 'label ambiguous': 1, 'label near border': 1 },
  // 'chain of rework loops, 12 lanes, A4, equal lanes': clean since the stub up from the top runs sideways above the
  // core band where "Tidak" fits beside it on neither side (route/points.ts liftedRun): 8 near a border before, 0.63
  // mm from it (8 ambiguous before that: layout.ts fewerFaults).
  // Eight of nine lanes widen (16 ambiguous, 16 near a border and 7 crossings before; 1 and 1 before the ninth's
  // branch back left by the top).
  'loops across page breaks, 9 lanes': { 'connector off its lane': 1 },
  // Its crossings gone (3 before, 2 ambiguous labels, 3 arrows near a symbol): the crossing decisions re-routed alone.
  'loops across pages, 9 lanes, long titles, A4': { 'connector off its lane': 1 },
  'loops across pages, 10 lanes, long titles, F4': { 'connector off its lane': 1 },
  'loops across pages, 10 lanes, long titles, A4': { 'arrowhead over corner': 1 },
  // Four connectors had come to one 15 mm lane, two jogs drawn on the loops' (0 mm apart, 3 crossings, 4 arrows
  // near a symbol): routed again longest first, two connectors stay under their tracks outside their lanes (those
  // of 20->7 and 29->3 arrive each in the other's lane). The connector of 9->2 had stayed with them (3): its jog
  // to step 2's lane crosses nothing, so only those two are left out (connectors.ts packRow).
  // Its overlaps' longest-first try crossed once, step 20's "Tidak" down to its connector across the "Ya" run to step
  // 21: that decision's other branch then leaves away from the next step (layout-tries.ts siblingsAgain).
  // Step 7's lane then held three connectors in page 1's bottom row (7->8, 20->7, and 29->3 under its track): 7->8
  // takes the row's second level and 20->7 stays in its lane (2 off their lanes before; late-tries.ts raisedTry).
  'loops across pages, 11 lanes, long titles, A4': { 'connector off its lane': 1 },
  'loops across pages, 9 lanes, long titles, F4': { 'connector off its lane': 1 },
  // 9->2 comes up the left of the page to a connector under step 2 (late-tries.ts sidesTry: 3 off their lanes
  // before, its track up the right beyond the arrivals of step 7's and step 3's loops).
  'loops across pages, 12 lanes, long titles, A4': { 'connector off its lane': 2, 'connector in the other row': 1 },
  'loops across pages, 12 lanes, long titles, F4': { 'connector off its lane': 1, 'arrowhead over corner': 1 },
  'loops across pages, 11 lanes, long titles, F4': { 'arrowhead over corner': 1 },
  // A loop back three rows up goes round the decision's branch to the next step, to a connector outside its lane.
  // 20->12 enters by the bottom row (late-tries.ts formatRowTries, re-tried with 20's branches first): 1 in the other row before.
  'generated 25 steps, 10 lanes, long titles, A4': { 'connector off its lane': 1, 'arrowhead over corner': 1 },
  'generated: 8 lanes, 40 steps, another seed': { 'connector in the other row': 1, 'arrowhead over corner': 1 },
  // Step 8's branch back leaves by a lifted stub, "Tidak" on it (3.7 mm from its vertex beyond the lane border
  // before); the loop into 8 then takes the side away from step 7, its connector two lanes away (1 off its lane before).
  'generated 25 steps, 12 lanes, long titles, A4': { 'connector off its lane': 1, 'label astray': 5 },
  // Branches back by the top where the drawing is better so (13 ambiguous and 13 near a border before, each), or by
  // the bottom (route/bottom-exit.ts: 6 ambiguous, 6 near a border and 10 in the other row before).
  'chain three back, long text, titles, 12 lanes, A4': { 'connector in the other row': 6, 'arrowhead over corner': 1 },
  // Step 13's lane holds the connectors of 13->14 and 13->10 (its way up crosses 11->12) in the bottom row: 16->13's
  // stays beside; 15->12's would cross their arrivals to reach step 12's lane.
  'generated 25 steps, 12 lanes, A4 (a label on its run)': { 'label astray': 2 },
  // Tracks 1.5 mm from the symbols of 52 px lanes (route/tracks.ts gutterTracks): 1 near a border and 1 off its lane before.
  'generated 25 steps, 11 lanes, A4 (a label on its run)': { 'label astray': 1 },
  // A branch back by the bottom where "Tidak" lay beside the arrival at the top (route/bottom-exit.ts), its connector
  // in the page's bottom row: 5 ambiguous, 5 near a border, 4 in the other row before (11 lanes on A4); 12, 12, 1
  // off its lane and 6 crossings before (12 lanes on F4).
  'chain three back, long text, titles, 11 lanes, A4': { 'connector off its lane': 1, 'connector in the other row': 7, 'arrowhead over corner': 3 },
  // At 12 lanes on F4 the decisions left kept on top of the set kept all at once (top-more.ts), judged on the finished
  // drawing, trade 5 ambiguous labels for a connector off its lane and an arrowhead over a corner (the lead's trade,
  // top-more.ts moreThanBulk): 7 ambiguous and near a border, none off its lane, 1 arrowhead over a corner before.
  'chain three back, long text, titles, 12 lanes, F4': { 'connector off its lane': 1, 'connector in the other row': 4, 'arrowhead over corner': 2, 'label astray': 2 },
  // Unambiguous first (src/layout/plain-first.ts): with equal lanes every label is owned (7 ambiguous before), its
  // branches back by the top crossing 14 times, so the lanes are not widened (6 procedure pages, 1 crossing, 1
  // connector off its lane, a parallel gap and 4 arrowheads over a corner before): 4 pages.
  'chain three back, long text, titles, 11 lanes, F4, decisions': { 'connector in the other row': 2 },
  // Where a branch back by the top would cross more, or its label find no owned place, it keeps its side vertex, or
  // leaves by the bottom (route/bottom-exit.ts; before, 5 and 10 ambiguous, 5 and 10 near a border, 6 crossings at 10 lanes).
  'chain three back, long text, titles, 9 lanes, A4, equal lanes': { 'label near border': 1, 'label ambiguous': 1, 'connector in the other row': 5, 'arrowhead over corner': 1, 'label astray': 2 },
  // At 10 lanes the decisions left after the branches back by the top kept all at once are tried one at a time on
  // top of them (top-more.ts): 5 ambiguous and near a border before, 5 connectors in the other row.
  'chain three back, long text, titles, 10 lanes, A4, equal lanes': { 'connector in the other row': 4, 'arrowhead over corner': 2, 'label astray': 2 },
  // Arrowheads over a corner (docs/drawing-contract.md): none into a connector since the connector rows' jogs lie an
  // arrowhead and 1 px from them (but one); into a step's top, none where the run may lie in the row above, higher in a
  // taller row, straight in (a run down from the top's own symbol no bar: 'multi-lane steps with loops, 9 lanes' had 2),
  // straight down from the page's top connector ('generated 25 steps, 9 lanes, long titles, F4' had 1) or into the side
  // (route/top-entry.ts); still shorter: entries from a track at TOP_RUN_Y (6 px above the symbol) where none of those is
  // free (loops back up from below), and into a side vertex from a track 1-1.7 mm from the symbol (narrow gutters)
  // where neither trading tracks with the run beside it nor a free track further out leaves the drawing no worse
  // (route/head-clear.ts: 43 arrowheads over a corner in the quality report before it, 31 after). The counts listed
  // are at most 25 a case (the report's cap).
};

const shared = sharedTestBrowser();

describe('drawing contract in Chromium', () => {
  for (const [name, text, paper, laneWidths] of cases) {
    it(name, async () => {
      const config = paper || laneWidths ? { ...(paper ? { paper } : {}), ...(laneWidths ? { laneWidths } : {}) } : undefined;
      const r = compile(text, config ? { config } : {});
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      // The drawing `sop build` prints: the PDF's layout, paginated on the heights the page model draws, which the
      // HTML beside it takes too (the HTML alone paginates on estimates and may route some pages otherwise).
      const html = renderHtml(r.model, templates, { ...(config ? { config } : {}), layout: documentLayout(r.model, config ?? {}) });
      const page = await shared.browser.newPage();
      try {
        await page.setViewport({ width: 1200, height: 900 });
        // With the bundled font, as Chromium's print loads it (render/session.ts).
        await page.setContent(documentForBrowser(html));
        // The stylesheet applies (it once reached the page entity-escaped, and fell back to Times).
        expect(await page.evaluate('getComputedStyle(document.body).fontFamily')).toMatch(/^"Liberation Sans", Arial/);
        const problems = await page.evaluate(drawingProblems);
        expect(problems).toEqual([]);
        const quality = await page.evaluate(drawingQuality);
        const ok = accepted[name] ?? {};
        const seen: Record<string, number> = {};
        const beyond = quality.violations.filter((v) => {
          const kind = v.slice(0, v.indexOf(':'));
          seen[kind] = (seen[kind] ?? 0) + 1;
          return seen[kind]! > (ok[kind] ?? 0);
        });
        // SOP_DRAWING_COUNTS=file: each case's counts written there (one JSON line) for whoever updates the tables.
        const countsFile = process.env['SOP_DRAWING_COUNTS'];
        if (countsFile) appendFileSync(countsFile, `${JSON.stringify({ name, seen, crossings: quality.metrics['crossings'] })}\n`);
        expect(beyond).toEqual([]);
        expect(quality.metrics['crossings'], 'crossings').toBeLessThanOrEqual(maxCrossings[name] ?? 0);
        // The tables hold what the router reaches, not more: a case drawn better must be written down lower, else a
        // later change could bring the fault back unseen.
        const stale = Object.entries(ok).filter(([kind, n]) => (seen[kind] ?? 0) < n).map(([kind, n]) => `${kind}: ${seen[kind] ?? 0} of ${n} accepted`);
        if ((quality.metrics['crossings'] ?? 0) < (maxCrossings[name] ?? 0)) stale.push(`crossings: ${quality.metrics['crossings']} of ${maxCrossings[name]} accepted`);
        expect(stale.join('; '), 'drawn better than its accepted counts: lower them').toBe('');
        // A step met by more arrows than its points takes the extra ones as junctions, not off its vertices.
        if (name.includes('junctions')) expect(quality.metrics['junctions']).toBeGreaterThan(0);
        // Every step has its symbol in each of its lanes.
        const symbols = await page.$$eval('[data-symbol]:not([data-symbol="connector"]):not([data-step="selesai"])', (els) =>
          els.map((e) => `${(e as SVGElement).dataset['step']}:${(e as SVGElement).dataset['lane']}`),
        );
        const want = r.model.steps.flatMap((s) => s.lanes.map((l) => `${s.number}:${l}`));
        expect(symbols.sort()).toEqual(want.sort());
        // And every decision's branch to the end its own terminator (route/end-mark.ts), in the decision's lane.
        const ends = await page.$$eval('[data-symbol="terminator"][data-step="selesai"]', (els) => els.map((e) => `${(e as SVGElement).dataset['from']}:${(e as SVGElement).dataset['lane']}`));
        const wantEnds = r.model.edges.filter((e) => e.to === 'selesai' && e.label !== null).map((e) => `${e.from}:${r.model.steps[e.from - 1]!.lanes[0]}`);
        expect(ends.sort()).toEqual(wantEnds.sort());
        // Issue 20 item 6: the join of a step over lanes not adjacent is a double line (a flow is one line).
        const lonely = await page.$$eval('line.flow-line', (els) => {
          const lane = document.querySelector('.lane-col')!.getBoundingClientRect().width;
          const joins = els
            .filter((e) => (e as SVGElement).dataset['from'] === (e as SVGElement).dataset['to'])
            .map((e) => e.getBoundingClientRect());
          return joins.filter((r) => r.width > lane && !joins.some((o) => o !== r && Math.abs(Math.abs(o.top - r.top) - 3) < 0.6 && Math.abs(o.width - r.width) < 6)).length;
        });
        expect(lonely, 'single joins across lanes').toBe(0);
      } finally {
        await page.close();
      }
    });
  }
});
