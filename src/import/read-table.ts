/**
 * From rows of cells to draft SOPs: finds each procedure table (the header
 * with `Pelaksana` and `Mutu Baku`/`Kelengkapan`), its lanes (the header
 * cells under `Pelaksana`), its steps (numbered rows, or unnumbered rows
 * that carry a time), and the identity fields written above it (by their
 * Indonesian labels). A file may hold several SOPs: each table takes the
 * identity rows between it and the table before.
 */
import { parseDate } from '../model/dates.js';
import { parseDuration } from '../model/duration.js';
import { isResidue, readMarks } from './clean.js';
import { addFieldGuess, newStep, type Cell, type Draft, type DraftStep, type DrawnStep, type ListKey, type Row, type ScalarKey } from './draft.js';
import { fold, matchLabel, titleCase, vocabularyOf, type LabelMatch } from './words.js';

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
const WAKTU_RE = /^waktu$/;
const OUTPUT_RE = /^(output|keluaran|hasil)$/;
const KET_RE = /^(ket\.?|keterangan)$/;
const NO_RE = /^(no\.?|nomor|no urut)$/;

/** A number written at the start of a step row: `1`, `1.`, `(1)`. */
const STEP_NO_RE = /^\(?(\d{1,3})[.)]?$/;

function isHeader1(r: Row): boolean {
  const f = nonEmpty(r).map((c) => fold(c.text));
  return f.some((t) => LANES_RE.test(t)) && f.some((t) => QUALITY_RE.test(t) || KELENGKAPAN_RE.test(t) || ACTIVITY_RE.test(t));
}

function isHeader2(r: Row): boolean {
  const f = nonEmpty(r).map((c) => fold(c.text));
  return f.some((t) => KELENGKAPAN_RE.test(t)) && f.some((t) => WAKTU_RE.test(t) || OUTPUT_RE.test(t));
}

interface Columns {
  /** Lane columns left to right: title and horizontal extent. */
  lanes: { title: string; x0: number; x1: number }[];
  activity: number | null;
  kelengkapan: number;
  waktu: number | null;
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
  const role = (g: { title: string }, re: RegExp): boolean => re.test(fold(g.title));
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
    output: find(OUTPUT_RE),
    ket: find(KET_RE),
    mode,
  };
}

/** A Waktu cell: a duration, or the free words documents use there. */
function looksLikeTime(s: string): boolean {
  if (s === '') return false;
  const d = parseDuration(s);
  if (d.kind === 'duration') return true;
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
    if (!looksLikeTime(rest[j] ?? '')) {
      const found = rest.findIndex((c, k) => k >= 1 && looksLikeTime(c));
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
      if (ne.length > 0 && !isHeader2(r) && header.some(isHeader2) && r.mode === 'index') break;
      header.push(r);
      i++;
      if (isHeader2(r) && r.mode === 'index') break;
    }
    const cols = readColumns(header);
    if (!cols || cols.lanes.length === 0) continue;
    const raw: RawStep[] = [];
    while (i < rows.length && !endsTable(rows[i]!)) {
      const r = rows[i]!;
      i++;
      const ne = nonEmpty(r);
      if (ne.length === 0 || ne.every((c) => isResidue(c.text))) continue;
      const s = readStepRow(r, cols);
      if (!s) continue;
      const startsStep = s.number !== null || (s.text !== '' && looksLikeTime(s.w));
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
        const prev = raw[raw.length - 1]!;
        const join = (a: string, b: string): string => (/-$/.test(a) && b !== '' ? a + b : joinWrapped(a, b));
        prev.step.text = join(prev.step.text, s.text);
        prev.step.kelengkapan = join(prev.step.kelengkapan, s.k);
        prev.step.waktu = join(prev.step.waktu, s.w);
        prev.step.output = join(prev.step.output, s.o);
        prev.step.keterangan = join(prev.step.keterangan, s.ket);
        addLaneCells(prev, s.lanes);
        continue;
      }
      if (!startsStep) continue;
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
    if (raw.length === 0) continue;
    const draft = readIdentity(rows.slice(pendingStart, headerStart), rows.slice(headerStart, i));
    draft.lanes = cols.lanes.map((l) => ({ id: '', title: l.title, guesses: [] }));
    // The same table again on the next page (header repeated, numbers going on): one SOP.
    const prev = tables[tables.length - 1];
    const prevLast = prev?.raw[prev.raw.length - 1];
    if (
      prev &&
      prevLast?.number != null &&
      raw[0]!.number === prevLast.number + 1 &&
      prev.draft.lanes.map((l) => fold(l.title)).join('|') === draft.lanes.map((l) => fold(l.title)).join('|') &&
      Object.keys(draft.lists).length === 0 &&
      fold(draft.scalars.nama ?? '') === fold(prev.draft.scalars.nama ?? '') &&
      draft.scalars.nomor === undefined
    ) {
      prev.raw.push(...raw);
      pendingStart = i;
      continue;
    }
    draft.origin = rows[headerStart]!.origin ?? '';
    tables.push({ draft, raw });
    pendingStart = i;
  }
  return tables;
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

const LIST_KEYS: ReadonlySet<string> = new Set<ListKey>(['dasarHukum', 'kualifikasi', 'keterkaitan', 'peralatan', 'peringatan', 'pencatatan']);

/**
 * The identity fields written above a table (`above`), and the table's title
 * (the last one-cell line before the header).
 */
function readIdentity(above: readonly Row[], table: readonly Row[]): Draft {
  const draft: Draft = { scalars: {}, lists: {}, fieldGuesses: {}, lanes: [], steps: [], origin: '' };
  const vocabulary = vocabularyOf([...above, ...table].flatMap((r) => r.cells.map((c) => c.text)));
  const rows = above.map((r) => mergeBrokenLabels(r));
  let firstLabel = rows.findIndex((r) => nonEmpty(r).some((c) => matchLabel(c.text) !== null));
  if (firstLabel < 0) firstLabel = rows.length;
  // Instansi: the lines in capitals above the first label.
  const instansi: string[] = [];
  for (const r of rows.slice(0, firstLabel)) {
    const ne = nonEmpty(r);
    if (ne.length !== 1) continue;
    const t = ne[0]!.text;
    const letters = t.replace(/[^\p{L}]/gu, '');
    if (letters.length < 4 || letters !== letters.toUpperCase() || /^sop\b/i.test(t)) continue;
    instansi.push(t);
  }
  // Instansi beside the labels (a printed form puts it left of Nomor SOP … Disahkan oleh).
  if (instansi.length === 0) {
    for (const r of rows.slice(firstLabel)) {
      const ne = nonEmpty(r);
      if (ne.some((c) => matchLabel(c.text)?.label.list)) break;
      if (ne.length === 1 && matchLabel(ne[0]!.text) === null) {
        const letters = ne[0]!.text.replace(/[^\p{L}]/gu, '');
        if (letters.length >= 4 && letters === letters.toUpperCase() && !/^sop\b/i.test(ne[0]!.text)) instansi.push(ne[0]!.text);
        continue;
      }
      const label = ne.find((c) => matchLabel(c.text) !== null);
      if (!label) continue;
      for (const c of ne) {
        if (c.x1 > label.x0 || matchLabel(c.text) !== null) continue;
        const letters = c.text.replace(/[^\p{L}]/gu, '');
        if (letters.length >= 4 && letters === letters.toUpperCase() && !/^sop\b/i.test(c.text)) instansi.push(c.text);
      }
    }
  }
  const title = findTitle(rows);
  const values: { key: ScalarKey | ListKey; text: string; approx: string | null }[] = [];
  for (let k = firstLabel; k < rows.length; k++) {
    const cells = nonEmpty(rows[k]!);
    const found = cells.map((c) => ({ c, m: matchLabel(c.text) }));
    const labelled = found.filter((x): x is { c: Cell; m: LabelMatch } => x.m !== null);
    if (labelled.length === 0) continue;
    for (const { c, m } of labelled) {
      let text = m.rest;
      if (text === '') {
        // The next cell in the row, when it is no label: "Nomor SOP <tab> 000.8/…".
        const idx = cells.indexOf(c);
        // "Nomor SOP | : | 000.8/…": a lone colon is the form's punctuation.
        const next = cells.slice(idx + 1).find((x) => !/^[:：]$/.test(x.text));
        if (next && matchLabel(next.text) === null) text = next.text;
        else if (m.label.list) text = listBelow(rows, k, c, labelled.map((x) => x.c));
      }
      text = text.replace(/^[:：]\s*/, '');
      values.push({ key: m.label.key, text: text.trim() === '-' ? '' : text, approx: m.approx });
    }
  }
  for (const v of values) {
    if (v.approx !== null) {
      addFieldGuess(draft, v.key, { code: 'SOP705', params: { text: v.approx, label: labelOf(v.key) }, note: `SOP705: label "${v.approx}" dibaca sebagai "${labelOf(v.key)}".` });
    }
    if (LIST_KEYS.has(v.key)) {
      const items = splitList(v.text);
      const prev = draft.lists[v.key as ListKey] ?? [];
      draft.lists[v.key as ListKey] = [...prev, ...items];
    } else if (draft.scalars[v.key as ScalarKey] === undefined || draft.scalars[v.key as ScalarKey] === '') {
      // The position ends with a comma before the name under it, as a signature block is written.
      draft.scalars[v.key as ScalarKey] = v.key === 'disahkanOleh' ? v.text.replace(/[,;]\s*$/, '') : v.text;
    }
  }
  readApprover(rows.slice(firstLabel), draft);
  // Instansi lines: title case, a word written twice in a row dropped.
  draft.lists.instansi = instansi.map((line) => {
    const dedup = line.replace(/\b(\p{L}+)(\s+\1\b)+/giu, '$1');
    if (dedup !== line) addFieldGuess(draft, 'instansi', { code: 'SOP706', params: { text: line }, note: `SOP706: "${line}" ditulis tanpa kata yang berulang.` });
    return titleCase(dedup, vocabulary);
  });
  if (draft.lists.instansi.length === 0) delete draft.lists.instansi;
  // Dates: normalised to DD-MM-YYYY when understood.
  for (const key of ['tanggalPembuatan', 'tanggalRevisi', 'tanggalEfektif'] as const) {
    const v = draft.scalars[key];
    if (v === undefined || v.trim() === '' || v.trim() === '-') continue;
    const d = parseDate(v);
    if (d.kind === 'date') draft.scalars[key] = `${String(d.date.day).padStart(2, '0')}-${String(d.date.month).padStart(2, '0')}-${d.date.year}`;
    else addFieldGuess(draft, key, { code: 'SOP710', params: { text: v }, note: `SOP710: tanggal "${v}" tidak dikenali; periksa dan tulis ulang (misalnya 31-08-2023).` });
  }
  // The name: the table's own title wins over the identity page's (the page may have been copied from another SOP).
  const fromField = draft.scalars.nama !== undefined ? stripSop(draft.scalars.nama) : '';
  const fromTitle = title !== null ? stripSop(title) : '';
  // The same name both places: the identity page's spelling (mixed case) is kept.
  let name = fromTitle && fromField && fold(fromTitle) === fold(fromField) && /\p{Ll}/u.test(fromField) ? fromField : fromTitle || fromField;
  if (fromTitle && fromField && fold(fromTitle) !== fold(fromField) && !fold(fromTitle).startsWith(fold(fromField))) {
    addFieldGuess(draft, 'nama', {
      code: 'SOP704',
      params: { text: fromTitle, other: fromField },
      note: `SOP704: nama dari judul tabel; halaman identitas menulis "${fromField}".`,
    });
  }
  if (name === '' && title === null) name = '';
  draft.scalars.nama = titleCase(name, vocabulary);
  return draft;
}

function labelOf(key: string): string {
  const map: Record<string, string> = {
    nomor: 'Nomor SOP',
    tanggalPembuatan: 'Tanggal Pembuatan',
    tanggalRevisi: 'Tanggal Revisi',
    tanggalEfektif: 'Tanggal Efektif',
    disahkanOleh: 'Disahkan oleh',
    nama: 'Nama SOP',
    dasarHukum: 'Dasar Hukum',
    kualifikasi: 'Kualifikasi Pelaksana',
    keterkaitan: 'Keterkaitan',
    peralatan: 'Peralatan/Perlengkapan',
    peringatan: 'Peringatan',
    pencatatan: 'Pencatatan dan Pendataan',
  };
  return map[key] ?? key;
}

/** `SOP PELAYANAN TAMU`, `SOP - Mekanisme …` → the name without the leading "SOP". */
function stripSop(s: string): string {
  return s.replace(/^\s*(standar operasional prosedur|standard operating procedure|s\.?o\.?p\.?)\b\s*[-:–—]?\s*/i, '').trim();
}

/** The title of a table: the last line of one cell, not a label, not a list item, above it. */
function findTitle(rows: readonly Row[]): string | null {
  for (let k = rows.length - 1; k >= 0; k--) {
    const ne = nonEmpty(rows[k]!);
    if (ne.length === 0) continue;
    if (ne.length !== 1) return null;
    const t = ne[0]!.text;
    if (matchLabel(t) !== null || /^\d+[.)]\s/.test(t) || t.length > 160) return null;
    return t;
  }
  return null;
}

/** The content of a list label whose value is written in the rows below it, in the same column, until the next label row or a blank row. */
function listBelow(rows: readonly Row[], k: number, label: Cell, labelsInRow: readonly Cell[]): string {
  const parts: string[] = [];
  for (let j = k + 1; j < rows.length; j++) {
    const ne = nonEmpty(rows[j]!);
    if (ne.length === 0) break;
    if (ne.some((c) => matchLabel(c.text) !== null)) break;
    // A title in capitals ("SOP PELAYANAN TAMU") starts what follows the lists.
    if (ne.length === 1 && /^sop\b/i.test(ne[0]!.text) && ne[0]!.text === ne[0]!.text.toUpperCase()) break;
    // As many cells as labels: paired in order (a label row whose cells were split or merged still lines up).
    if (ne.length === labelsInRow.length) {
      parts.push(ne[labelsInRow.indexOf(label)]!.text);
      continue;
    }
    for (const c of ne) {
      // The label this cell sits under: same column index, else the nearest label by position.
      let best = labelsInRow[0]!;
      let dist = Infinity;
      for (const l of labelsInRow) {
        const dd = Math.abs(l.x0 - c.x0);
        if (dd < dist) {
          dist = dd;
          best = l;
        }
      }
      if (best === label) parts.push(c.text);
    }
  }
  return parts.join(' ');
}

/**
 * Splits a list written in one cell: "1. A 2. B 3. C" (numbers in sequence
 * from 1), bullets, or semicolons at the end of items. A single item is
 * returned alone, its leading "1." dropped.
 */
export function splitList(text: string): string[] {
  const t = text.trim();
  if (t === '' || t === '-') return [];
  // Numbered: find "1." … "2." … in sequence, each at the start or after a blank.
  const re = /(^|\s)(\d{1,2}|[a-z])[.)]\s+/g;
  const cuts: { at: number; len: number }[] = [];
  let expect = 1;
  let letter = 'a'.charCodeAt(0);
  let kind: 'num' | 'letter' | null = null;
  for (const m of t.matchAll(re)) {
    const tok = m[2]!;
    const at = m.index + m[1]!.length;
    if ((kind === null || kind === 'num') && /^\d+$/.test(tok) && Number(tok) === expect) {
      kind = 'num';
      cuts.push({ at, len: m[0].length - m[1]!.length });
      expect++;
    } else if ((kind === null || kind === 'letter') && tok.charCodeAt(0) === letter && /^[a-z]$/.test(tok) && (cuts.length > 0 || at === 0)) {
      kind = 'letter';
      cuts.push({ at, len: m[0].length - m[1]!.length });
      letter++;
    }
  }
  if (cuts.length >= 1 && cuts[0]!.at === 0) {
    const items: string[] = [];
    cuts.forEach((c, n) => {
      const end = n + 1 < cuts.length ? cuts[n + 1]!.at : t.length;
      const item = t.slice(c.at + c.len, end).trim().replace(/[;,]$/, '').trim();
      if (item) items.push(item);
    });
    return items;
  }
  const bullets = t.split(/\s*[•▪●◦]\s*/).map((s) => s.trim()).filter(Boolean);
  if (bullets.length > 1) return bullets;
  return [t];
}

/** Name and NIP of the approving official, written below `Disahkan oleh`. */
function readApprover(rows: readonly Row[], draft: Draft): void {
  for (let k = 0; k < rows.length; k++) {
    for (const c of nonEmpty(rows[k]!)) {
      const m = /\bNIP\.?\s*:?\s*([\d ]{18,30})/i.exec(c.text);
      if (!m) continue;
      const digits = m[1]!.replace(/\s/g, '');
      if (digits.length !== 18) continue;
      draft.scalars.approverNip = `${digits.slice(0, 8)} ${digits.slice(8, 14)} ${digits.slice(14, 15)} ${digits.slice(15)}`;
      const before = c.text.slice(0, m.index).trim();
      let nameRow = k;
      if (before && matchLabel(before) === null) draft.scalars.approverNama = before;
      else {
        for (let j = k - 1; j >= 0; j--) {
          const ne = nonEmpty(rows[j]!);
          if (ne.length === 0) continue;
          const t = ne[ne.length - 1]!.text;
          if (matchLabel(t) === null && t.length < 80) {
            draft.scalars.approverNama = t;
            nameRow = j;
          }
          break;
        }
      }
      // The position (jabatan) written under "Disahkan oleh", above the name, in the same column.
      if (!draft.scalars.disahkanOleh) {
        const at = rows.findIndex((r) => nonEmpty(r).some((x) => matchLabel(x.text)?.label.key === 'disahkanOleh'));
        const label = at >= 0 ? nonEmpty(rows[at]!).find((x) => matchLabel(x.text)?.label.key === 'disahkanOleh') : undefined;
        if (label) {
          const parts: string[] = [];
          for (let j = at + 1; j < nameRow; j++) {
            for (const x of nonEmpty(rows[j]!)) {
              const letters = x.text.replace(/[^\p{L}]/gu, '');
              if (x.x0 >= label.x0 - 1 && matchLabel(x.text) === null && letters !== letters.toUpperCase()) parts.push(x.text);
            }
          }
          if (parts.length > 0) draft.scalars.disahkanOleh = parts.join(' ').replace(/[,;]\s*$/, '');
        }
      }
      return;
    }
  }
}

/** Cells split in the middle of a label ("Das" | "ar Hukum") joined again. */
function mergeBrokenLabels(r: Row): Row {
  const cells = [...r.cells];
  let changed = false;
  for (let k = 0; k + 1 < cells.length; k++) {
    const a = cells[k]!;
    if (a.text === '' || matchLabel(a.text) !== null) continue;
    let n = k + 1;
    while (n < cells.length && cells[n]!.text === '') n++;
    const b = cells[n];
    if (!b) continue;
    const joined = [a.text + b.text, `${a.text} ${b.text}`].find((j) => matchLabel(j)?.approx === null);
    if (joined !== undefined && matchLabel(b.text) === null) {
      cells.splice(k, n - k + 1, { text: joined, x0: a.x0, x1: b.x1 });
      changed = true;
    }
  }
  return changed ? { ...r, cells } : r;
}
