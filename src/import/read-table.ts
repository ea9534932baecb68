/**
 * From rows of cells to draft SOPs: finds each procedure table (the header
 * with `Pelaksana` and `Mutu Baku`/`Kelengkapan`), its lanes (the header
 * cells under `Pelaksana`), its steps (numbered rows, or unnumbered rows
 * that carry a time), and the identity fields written above it (by their
 * Indonesian labels). A file may hold several SOPs: each table takes the
 * identity rows between it and the table before.
 */
import { parseDuration, type DurationUnit } from '../model/duration.js';
import { isResidue, readMarks } from './clean.js';
import { newStep, type Cell, type Draft, type DraftStep, type DrawnStep, type Row } from './draft.js';
import { readIdentity } from './read-identity.js';
import { fold, matchLabel } from './words.js';
import { pushAll } from '../util/array.js';

export { splitList } from './read-identity.js';

/** What the procedure reader knows about a step row beyond its text. */
export interface RawStep {
  readonly step: DraftStep;
  /** Ya/Tidak marks by lane column (0-based). */
  readonly marks: { lane: number; mark: 'ya' | 'tidak' }[];
  /** Lane columns that hold a tick or a cross (a lane mark). */
  readonly ticks: number[];
  /** The number written in the source, or null. */
  readonly number: number | null;
  readonly drawn?: DrawnStep;
  readonly origin: string;
}

export interface RawTable {
  readonly draft: Draft;
  readonly raw: RawStep[];
}

const nonEmpty = (r: Row): Cell[] => r.cells.filter((c) => c.text !== '');

const ACTIVITY_RE = /^(kegiatan|aktivitas|aktifitas|uraian( kegiatan| prosedur)?|prosedur|langkah( kegiatan)?|aktivitas\/kegiatan)$/;
const LANES_RE = /^(pelaksana|pelaksana kegiatan|pelaku)$/;
const QUALITY_RE = /^(mutu baku|baku mutu)$/;
const KELENGKAPAN_RE = /^(kelengkapan|persyaratan|persyaratan\/kelengkapan|kelengkapan\/persyaratan)$/;
const WAKTU_RE = /^waktu( penyelesaian| pelaksanaan| proses)?$/;
const OUTPUT_RE = /^(output|keluaran|hasil)$/;
const KET_RE = /^(ket\.?|keterangan)$/;
const NO_RE = /^(no\.?|nomor|no urut)$/;

/** A number written at the start of a step row: `1`, `1.`, `(1)`. */
const STEP_NO_RE = /^\(?(\d{1,3})[.)]?$/;

/** A header cell's words, folded, without a unit in brackets at its end (`Waktu (menit)`, `Waktu (Jam)`). */
const headerWords = (t: string): string => fold(t).replace(/\s*\([^()]*\)$/, '');

/** The unit a header names in brackets (`Waktu (menit)` → menit), when it is one unit of time. */
export function headerUnit(title: string): DurationUnit | null {
  const m = /\(([^()]*)\)$/.exec(fold(title));
  if (!m) return null;
  const units: Readonly<Record<string, DurationUnit>> = { menit: 'menit', mnt: 'menit', min: 'menit', jam: 'jam', jm: 'jam', hari: 'hari', hr: 'hari', 'hari kerja': 'hari', detik: 'detik', dtk: 'detik', minggu: 'minggu', mgg: 'minggu', bulan: 'bulan', bln: 'bulan' };
  return units[m[1]!.replace(/\.$/, '').trim()] ?? null;
}

function isHeader1(r: Row): boolean {
  const f = nonEmpty(r).map((c) => headerWords(c.text));
  return f.some((t) => LANES_RE.test(t)) && f.some((t) => QUALITY_RE.test(t) || KELENGKAPAN_RE.test(t) || ACTIVITY_RE.test(t));
}

function isHeader2(r: Row): boolean {
  const f = nonEmpty(r).map((c) => headerWords(c.text));
  return f.some((t) => KELENGKAPAN_RE.test(t)) && f.some((t) => WAKTU_RE.test(t) || OUTPUT_RE.test(t));
}

interface Columns {
  /** Lane columns left to right: title and horizontal extent. */
  lanes: { title: string; x0: number; x1: number }[];
  activity: number | null;
  kelengkapan: number;
  waktu: number | null;
  /** The unit the Waktu header names (`Waktu (menit)`): a bare number under it is that many. */
  waktuUnit: DurationUnit | null;
  output: number | null;
  ket: number | null;
  mode: 'index' | 'position';
}

/** Joins a header cell's lines: a line broken after "/" or by the printer's hyphen (U+2010, soft hyphen) goes on without a blank. */
export function joinWrapped(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  if (/[\u2010\u00ad]$/.test(a)) return a.slice(0, -1) + b;
  if (a.endsWith('/')) return a + b;
  // Italics broken over two lines ("*Front*" + "*Desk*") are one run.
  if (/(?<!\\)\*$/.test(a) && b.startsWith('*')) return `${a.slice(0, -1)} ${b.slice(1)}`;
  return `${a} ${b}`;
}

/**
 * The columns of a table from its header rows: cells are grouped by column
 * (horizontal overlap; a title may take several rows), the group headers
 * "Pelaksana" and "Mutu Baku" set aside; the columns between the activity
 * column and Kelengkapan are the lanes.
 */
function readColumns(header: Row[]): Columns | null {
  const mode = header[0]!.mode;
  const all = header.flatMap((r) => nonEmpty(r));
  const groups: { title: string; x0: number; x1: number }[] = [];
  let pelaksana: Cell | undefined;
  for (const c of all) {
    const f = fold(c.text);
    if (LANES_RE.test(f)) {
      pelaksana ??= c;
      continue;
    }
    if (QUALITY_RE.test(f)) continue;
    const hit = groups.find((g) => c.x0 < g.x1 && c.x1 > g.x0);
    if (hit) {
      hit.title = joinWrapped(hit.title, c.text);
      hit.x0 = Math.min(hit.x0, c.x0);
      hit.x1 = Math.max(hit.x1, c.x1);
    } else groups.push({ title: c.text, x0: c.x0, x1: c.x1 });
  }
  groups.sort((a, b) => a.x0 - b.x0);
  const role = (g: { title: string }, re: RegExp): boolean => re.test(headerWords(g.title));
  const kel = groups.find((g) => role(g, KELENGKAPAN_RE));
  if (!kel) return null;
  const act = groups.find((g) => role(g, ACTIVITY_RE));
  const find = (re: RegExp): number | null => groups.find((g) => role(g, re))?.x0 ?? null;
  const from = act ? act.x1 : pelaksana ? pelaksana.x0 : -Infinity;
  const lanes = groups
    .filter((g) => g.x0 >= from - (mode === 'index' ? 0 : 0.5) && g.x1 <= kel.x0 + (mode === 'index' ? 0 : 0.5) && !role(g, NO_RE) && !role(g, ACTIVITY_RE))
    .map((g) => ({ title: g.title, x0: g.x0, x1: g.x1 }));
  return {
    lanes,
    activity: act ? act.x0 : null,
    kelengkapan: kel.x0,
    waktu: find(WAKTU_RE),
    waktuUnit: headerUnit(groups.find((g) => role(g, WAKTU_RE))?.title ?? ''),
    output: find(OUTPUT_RE),
    ket: find(KET_RE),
    mode,
  };
}

/** A Waktu cell: a duration, or the free words documents use there. */
function looksLikeTime(s: string, unit: DurationUnit | null): boolean {
  if (s === '') return false;
  const d = parseDuration(s);
  if (d.kind === 'duration' || (d.kind === 'bare' && unit !== null)) return true;
  return /^(relatif|sesuai kebutuhan|sesuai keperluan|tentatif|menyesuaikan|kondisional|insidental|segera|setiap saat)$/i.test(s.trim());
}

const TICK_RE = /^[√✓✔✗✘xX●•■□○◯◇◆v]$/;

/** Splits one step row into number, activity, lane cells and Mutu Baku by the header columns. */
function readStepRow(row: Row, cols: Columns): { number: number | null; text: string; lanes: string[]; k: string; w: string; o: string; ket: string } | null {
  const L = cols.lanes.length;
  if (row.mode === 'index') {
    const cells = row.cells.map((c) => c.text);
    let i = 0;
    while (i < cells.length && cells[i] === '') i++;
    if (i >= cells.length) return null;
    let number: number | null = null;
    const m = STEP_NO_RE.exec(cells[i]!);
    if (m) {
      number = Number(m[1]);
      i++;
      while (i < cells.length && cells[i] === '' && i < 2) i++;
    }
    const text = cells[i] ?? '';
    const rest = cells.slice(i + 1);
    // The Waktu cell anchors the Mutu Baku: a table broken by merged cells shifts columns, the time stays recognisable.
    let j = L + 1;
    if (!looksLikeTime(rest[j] ?? '', cols.waktuUnit)) {
      const found = rest.findIndex((c, k) => k >= 1 && looksLikeTime(c, cols.waktuUnit));
      if (found >= 1) j = found;
    }
    const laneCells = rest.slice(0, Math.max(0, j - 1));
    return {
      number,
      text,
      lanes: laneCells,
      k: rest[j - 1] ?? '',
      w: rest[j] ?? '',
      o: rest[j + 1] ?? '',
      ket: rest.slice(j + 2).filter((c) => c !== '').join(' '),
    };
  }
  // Position: each cell goes to the column whose header starts at or before it (nearest on the left).
  const starts: { key: string; x: number }[] = [];
  if (cols.activity !== null) starts.push({ key: 'text', x: cols.activity });
  cols.lanes.forEach((l, k) => starts.push({ key: `lane${k}`, x: l.x0 }));
  starts.push({ key: 'k', x: cols.kelengkapan });
  if (cols.waktu !== null) starts.push({ key: 'w', x: cols.waktu });
  if (cols.output !== null) starts.push({ key: 'o', x: cols.output });
  if (cols.ket !== null) starts.push({ key: 'ket', x: cols.ket });
  starts.sort((a, b) => a.x - b.x);
  const got = new Map<string, string[]>();
  let number: number | null = null;
  for (const c of row.cells) {
    if (c.text === '') continue;
    const first = starts[0]!;
    if (c.x1 <= first.x + 1 || (number === null && c.x0 < first.x && STEP_NO_RE.test(c.text))) {
      const m = STEP_NO_RE.exec(c.text);
      if (m && number === null) {
        number = Number(m[1]);
        continue;
      }
    }
    // A tick in a cell merged over several lanes (a step two officials do together) marks each lane it covers.
    const spanned = TICK_RE.test(c.text) ? cols.lanes.map((l, k) => ({ l, k })).filter(({ l }) => Math.min(c.x1, l.x1) - Math.max(c.x0, l.x0) >= (l.x1 - l.x0) / 2) : [];
    if (spanned.length > 1) {
      for (const { k } of spanned) got.set(`lane${k}`, [...(got.get(`lane${k}`) ?? []), c.text]);
      continue;
    }
    // Lane cells (marks) are placed by their centre: they are narrow and centred in their column.
    const centre = (c.x0 + c.x1) / 2;
    let key = first.key;
    for (const s of starts) if (s.x <= c.x0 + 1 || (s.key.startsWith('lane') && s.x <= centre)) key = s.key;
    const list = got.get(key) ?? [];
    list.push(c.text);
    got.set(key, list);
  }
  const get = (k: string): string => (got.get(k) ?? []).join(' ');
  return {
    number,
    text: get('text'),
    lanes: cols.lanes.map((_l, k) => get(`lane${k}`)),
    k: get('k'),
    w: get('w'),
    o: get('o'),
    ket: get('ket'),
  };
}

/** A row that ends a table: a new table header, an identity label, a title line. */
function endsTable(r: Row): boolean {
  if (isHeader1(r)) return true;
  const ne = nonEmpty(r);
  if (ne.length === 0) return false;
  if (ne.some((c) => matchLabel(c.text) !== null && matchLabel(c.text)!.approx === null && !STEP_NO_RE.test(ne[0]!.text))) return true;
  return ne.length === 1 && /^sop\b/i.test(ne[0]!.text);
}

/** Reads every procedure table of the rows, with the identity written above each. */
export function readTables(rows: readonly Row[]): RawTable[] {
  const tables: RawTable[] = [];
  let pendingStart = 0;
  let i = 0;
  while (i < rows.length) {
    if (!isHeader1(rows[i]!) && !isHeader2(rows[i]!)) {
      i++;
      continue;
    }
    const headerStart = i;
    const header: Row[] = [rows[i]!];
    i++;
    // The header runs until the first step row: the lane titles may take several rows.
    while (i < rows.length && header.length < 12) {
      const r = rows[i]!;
      const ne = nonEmpty(r);
      // A step row: a number in the No. column (left of the activity column), then text.
      const act = header.flatMap((h) => nonEmpty(h)).find((c) => ACTIVITY_RE.test(fold(c.text)));
      if (ne.length > 1 && STEP_NO_RE.test(ne[0]!.text) && (r.mode === 'index' || !act || ne[0]!.x1 <= act.x0 + 1)) break;
      // Below the header's last row, text in the activity column that is no part of its title is the end of a step
      // row cut at a page break (Writer breaks a row over two pages and repeats the header): no header.
      if (act && header.some(isHeader2) && ne.some((c) => c.x0 < act.x1 && c.x1 > act.x0 && !ACTIVITY_RE.test(fold(joinWrapped(act.text, c.text))))) break;
      if (ne.length > 0 && !isHeader2(r) && header.some(isHeader2) && r.mode === 'index') break;
      header.push(r);
      i++;
      if (isHeader2(r) && r.mode === 'index') break;
    }
    const cols = readColumns(header);
    if (!cols || cols.lanes.length === 0) continue;
    const raw: RawStep[] = [];
    // Rows without a number before the first step: a step row of the table before, cut at the page break.
    const lead: NonNullable<ReturnType<typeof readStepRow>>[] = [];
    while (i < rows.length && !endsTable(rows[i]!)) {
      const r = rows[i]!;
      i++;
      const ne = nonEmpty(r);
      if (ne.length === 0 || ne.every((c) => isResidue(c.text))) continue;
      const s = readStepRow(r, cols);
      if (!s) continue;
      const startsStep = s.number !== null || (s.text !== '' && looksLikeTime(s.w, cols.waktuUnit));
      // Tab-separated text keeps a row on one line: a row that is no step ends the table.
      if (!startsStep && r.mode === 'index') {
        i--;
        break;
      }
      // Column-aligned text: a line that starts left of the activity column (a title, a page header) ends it.
      if (!startsStep && cols.activity !== null && ne[0]!.x0 < cols.activity - 2) {
        i--;
        break;
      }
      if (!startsStep && raw.length > 0) {
        // A wrapped line of the row above (column-aligned text, PDF): append each column.
        appendRow(raw[raw.length - 1]!, s);
        continue;
      }
      if (!startsStep) {
        lead.push(s);
        continue;
      }
      const step = newStep();
      step.text = s.text;
      step.kelengkapan = s.k;
      step.waktu = s.w;
      step.output = s.o;
      step.keterangan = s.ket;
      const drawn = r.drawn ? { ...r.drawn, lanes: drawnLanes(r.drawn.lanesX, cols) } : undefined;
      const rs: RawStep = { step, marks: [], ticks: [], number: s.number, origin: r.origin ?? '', ...(drawn ? { drawn } : {}) };
      addLaneCells(rs, s.lanes);
      raw.push(rs);
    }
    if (raw.length === 0 && lead.length === 0) continue;
    // A bare number under `Waktu (menit)` is that many minutes: the header says so, nothing is guessed.
    const unit = cols.waktuUnit;
    if (unit) for (const r of raw) if (parseDuration(r.step.waktu).kind === 'bare') r.step.waktu = `${r.step.waktu} ${unit}`;
    const draft = readIdentity(rows.slice(pendingStart, headerStart), rows.slice(headerStart, i));
    draft.lanes = cols.lanes.map((l) => ({ id: '', title: l.title, guesses: [] }));
    // The same table again (header repeated on the next page, or a second table under the same header), numbers going on: one SOP.
    const prev = tables[tables.length - 1];
    if (prev && continues(prev, draft, raw)) {
      for (const s of lead) appendRow(prev.raw[prev.raw.length - 1]!, s);
      pushAll(prev.raw, raw);
      pendingStart = i;
      continue;
    }
    if (raw.length === 0) continue;
    draft.origin = rows[headerStart]!.origin ?? '';
    tables.push({ draft, raw });
    pendingStart = i;
  }
  return tables;
}

/**
 * Whether a table (its identity `next`, read from the rows since the table
 * before, and its steps) goes on with the table before: its first number
 * follows the last number there, its lanes are the same, and nothing
 * between the two starts another SOP (a Nomor SOP, an identity list, a
 * title of another name). A continuation carries no title (Writer repeats
 * the header row on the next page, not the title), or the same one (sop's
 * own PDFs print it on every page).
 */
function continues(prev: RawTable, next: Draft, raw: readonly RawStep[]): boolean {
  let last: number | null = null;
  for (let k = prev.raw.length - 1; k >= 0 && last === null; k--) last = prev.raw[k]!.number;
  // No step row at all: only the end of the last one, cut at the page break.
  if (last === null || (raw.length > 0 && raw[0]!.number !== last + 1)) return false;
  const lanes = (d: Draft): string => d.lanes.map((l) => fold(l.title)).join('|');
  if (lanes(prev.draft) !== lanes(next)) return false;
  // Lines in capitals above the header (a running page header with the agency's name) start no SOP.
  if (Object.keys(next.lists).some((k) => k !== 'instansi') || next.scalars.nomor !== undefined) return false;
  const name = fold(next.scalars.nama ?? '');
  return name === '' || name === fold(prev.draft.scalars.nama ?? '');
}

/** A line or row without a number, appended column by column to the step above it (its wrapped or cut-off end). */
function appendRow(prev: RawStep, s: NonNullable<ReturnType<typeof readStepRow>>): void {
  const join = (a: string, b: string): string => (/-$/.test(a) && b !== '' ? a + b : joinWrapped(a, b));
  prev.step.text = join(prev.step.text, s.text);
  prev.step.kelengkapan = join(prev.step.kelengkapan, s.k);
  prev.step.waktu = join(prev.step.waktu, s.w);
  prev.step.output = join(prev.step.output, s.o);
  prev.step.keterangan = join(prev.step.keterangan, s.ket);
  addLaneCells(prev, s.lanes);
}

/** The lane columns that symbols centred at `xs` sit in. */
function drawnLanes(xs: readonly number[], cols: Columns): number[] {
  const out = new Set<number>();
  for (const x of xs) {
    const k = cols.lanes.findIndex((l) => x >= l.x0 - 1 && x <= l.x1 + 1);
    if (k >= 0) out.add(k);
  }
  return [...out].sort((a, b) => a - b);
}

/** Lane cells of a step row: Ya/Tidak marks, ticks, or words of the activity that spilled over (broken cells). */
function addLaneCells(rs: RawStep, cells: readonly string[]): void {
  cells.forEach((c, lane) => {
    if (c === '' || isResidue(c)) return;
    const marks = readMarks(c);
    if (marks) {
      for (const mark of marks) rs.marks.push({ lane, mark });
      return;
    }
    if (TICK_RE.test(c)) {
      rs.ticks.push(lane);
      return;
    }
    // Text in a lane cell is the activity broken across cells.
    rs.step.text = rs.step.text === '' ? c : `${rs.step.text} ${c}`;
  });
}
