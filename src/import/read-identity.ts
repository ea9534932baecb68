/**
 * The identity page of an SOP, from the rows written above its procedure
 * table: the fields by their Indonesian labels, the lists split into items,
 * the title, and the approver (position, name, NIP). Split from
 * read-table.ts, which finds the tables.
 */
import { parseDate } from '../model/dates.js';
import { addFieldGuess, type Cell, type Draft, type ListKey, type Row, type ScalarKey } from './draft.js';
import { fold, matchLabel, titleCase, vocabularyOf, type LabelMatch } from './words.js';
import { pushAll } from '../util/array.js';

const nonEmpty = (r: Row): Cell[] => r.cells.filter((c) => c.text !== '');

const LIST_KEYS: ReadonlySet<string> = new Set<ListKey>(['dasarHukum', 'kualifikasi', 'keterkaitan', 'peralatan', 'peringatan', 'pencatatan']);

/**
 * The identity fields written above a table (`above`), and the table's title
 * (the last one-cell line before the header).
 */
export function readIdentity(above: readonly Row[], table: readonly Row[]): Draft {
  const draft: Draft = { scalars: {}, lists: {}, fieldGuesses: {}, lanes: [], steps: [], origin: '' };
  // By lines: a cell holding a position in capitals and a name ("KEPALA DINAS …", "Ir. H. …") says nothing of how its capitals are spelt.
  const vocabulary = vocabularyOf([...above, ...table].flatMap((r) => r.cells.flatMap((c) => c.lines ?? [c.text])));
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
    pushAll(instansi, authoredLines(ne[0]!));
  }
  // Instansi beside the labels (a printed form puts it left of Nomor SOP … Disahkan oleh).
  if (instansi.length === 0) {
    // The labels' column: a row without a label (the approver's lines beside a line of the Instansi) is read by it.
    let labelX = Infinity;
    for (const r of rows.slice(firstLabel)) {
      const ne = nonEmpty(r);
      if (ne.some((c) => matchLabel(c.text)?.label.list)) break;
      if (ne.length === 1 && matchLabel(ne[0]!.text) === null) {
        // Right of the labels (their values' column): the approver's position printed in capitals, no Instansi.
        if (ne[0]!.x0 >= labelX) continue;
        const letters = ne[0]!.text.replace(/[^\p{L}]/gu, '');
        if (letters.length >= 4 && letters === letters.toUpperCase() && !/^sop\b/i.test(ne[0]!.text)) pushAll(instansi, authoredLines(ne[0]!));
        continue;
      }
      const label = ne.find((c) => matchLabel(c.text) !== null);
      if (label) labelX = label.x0;
      for (const c of ne) {
        if (c.x1 > labelX || matchLabel(c.text) !== null) continue;
        const letters = c.text.replace(/[^\p{L}]/gu, '');
        // A cell of several lines (paragraphs, line breaks): a line of the Instansi each.
        if (letters.length >= 4 && letters === letters.toUpperCase() && !/^sop\b/i.test(c.text)) pushAll(instansi, authoredLines(c));
      }
    }
  }
  const title = findTitle(rows);
  const values: { key: ScalarKey | ListKey; text: string; approx: string | null; cell?: Cell }[] = [];
  for (let k = firstLabel; k < rows.length; k++) {
    const cells = nonEmpty(rows[k]!);
    const found = cells.map((c) => ({ c, m: matchLabel(c.text) }));
    const labelled = found.filter((x): x is { c: Cell; m: LabelMatch } => x.m !== null);
    if (labelled.length === 0) continue;
    for (const { c, m } of labelled) {
      let text = m.rest;
      let cell: Cell | undefined = text === '' ? undefined : c;
      if (text === '') {
        // The next cell in the row, when it is no label: "Nomor SOP <tab> 000.8/…".
        const idx = cells.indexOf(c);
        // "Nomor SOP | : | 000.8/…": a lone colon is the form's punctuation.
        const next = cells.slice(idx + 1).find((x) => !/^[:：]$/.test(x.text));
        if (next && matchLabel(next.text) === null) {
          text = next.text;
          cell = next;
        } else if (m.label.list) text = listBelow(rows, k, c, labelled.map((x) => x.c));
      }
      text = text.replace(/^[:：]\s*/, '');
      values.push({ key: m.label.key, text: text.trim() === '-' ? '' : text, approx: m.approx, ...(cell ? { cell } : {}) });
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
    } else if (v.key === 'disahkanOleh' && v.cell?.lines && draft.scalars.disahkanOleh === undefined && signature(v.cell.lines, draft)) {
      // A signature block in one cell, line by line: jabatan, name, NIP (signature() set them).
    } else if (draft.scalars[v.key as ScalarKey] === undefined || draft.scalars[v.key as ScalarKey] === '') {
      // The position ends with a comma before the name under it, as a signature block is written.
      draft.scalars[v.key as ScalarKey] = v.key === 'disahkanOleh' ? v.text.replace(/[,;]\s*$/, '') : v.text;
    }
  }
  readApprover(rows.slice(firstLabel), draft);
  // Instansi lines: title case, a word written twice in a row dropped.
  draft.lists.instansi = instansi.map((line) => {
    const dedup = line.replace(/\b(\p{L}+)(\s+\1\b)+/giu, '$1');
    if (dedup !== line) addFieldGuess(draft, 'instansi', { code: 'SOP706', params: { text: line, mend: 'repeat' }, note: `SOP706: "${line}" ditulis tanpa kata yang berulang.` });
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
    if (ne.length === 0 && !listGoesOn(rows, j)) break;
    if (ne.length === 0) continue;
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

/** A cell's lines as its writer broke them (paragraphs, line breaks), else its text: a PDF's lines are the printer's wrapping. */
const authoredLines = (c: Cell): readonly string[] => (c.lines && !c.wrapped ? c.lines : [c.text]);

/**
 * Whether the blank row `j` is the end of a page (a PDF page's last row) and a numbered list goes on at the top of
 * the next page (`2. …` after `1. …`): a table row Writer broke over the page, not the end of the list.
 */
function listGoesOn(rows: readonly Row[], j: number): boolean {
  const next = rows[j + 1];
  if (!next || next.origin === undefined || next.origin === rows[j]!.origin) return false;
  return nonEmpty(next).some((c) => /^([2-9]|\d{2})[.)]\s/.test(c.text)) && !nonEmpty(next).some((c) => matchLabel(c.text) !== null);
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
      // "1. -": the form's numbered line left empty.
      if (item && item !== '-') items.push(item);
    });
    return items;
  }
  const bullets = t.split(/\s*[•▪●◦]\s*/).map((s) => s.trim()).filter(Boolean);
  if (bullets.length > 1) return bullets;
  return [t];
}

/** A NIP (`NIP. 19680512 199303 1 007`, `NIP: 196805121993031007`) in a text. */
const NIP_RE = /\bNIP\.?\s*:?\s*([\d ]{18,30})/i;

/** Eighteen digits written the usual way: `YYYYMMDD YYYYMM G NNN`. */
const nipOf = (digits: string): string => `${digits.slice(0, 8)} ${digits.slice(8, 14)} ${digits.slice(14, 15)} ${digits.slice(15)}`;

/** Lines of a signature block that are neither jabatan nor name: `ttd`, and the rank (pangkat) written under the name. */
const NOT_NAME_RE = /^\(?\s*(ttd|t\.t\.d|dto)\.?\s*\)?$|^(pembina|penata|pengatur|juru)\b/i;

/**
 * A signature block in one cell, line by line (a Word cell's paragraphs and line breaks, an Excel cell's, a PDF
 * cell's lines): the position (jabatan) on the lines above the name, the name on the line above the NIP (a rank
 * or `ttd` skipped), the NIP. False, nothing set, when the lines do not hold a name and a NIP.
 */
function signature(cellLines: readonly string[], draft: Draft): boolean {
  const lines = cellLines.map((l) => l.replace(/^disahkan( oleh)?\s*:?\s*/i, '').trim()).filter((l) => l !== '');
  const at = lines.findIndex((l) => NIP_RE.test(l));
  if (at < 1) return false;
  let name = at - 1;
  while (name >= 0 && NOT_NAME_RE.test(lines[name]!)) name--;
  if (name < 0) return false;
  const before = lines[at]!.slice(0, NIP_RE.exec(lines[at]!)!.index).trim();
  const digits = NIP_RE.exec(lines[at]!)![1]!.replace(/\s/g, '');
  draft.scalars.disahkanOleh = lines.slice(0, name).filter((l) => !NOT_NAME_RE.test(l)).join(' ').replace(/[,;]\s*$/, '');
  draft.scalars.approverNama = before !== '' ? before : lines[name]!;
  if (digits.length === 18) draft.scalars.approverNip = nipOf(digits);
  return true;
}

/** Name and NIP of the approving official, written below `Disahkan oleh`. */
function readApprover(rows: readonly Row[], draft: Draft): void {
  // Read from the signature block's lines already.
  if (draft.scalars.approverNama !== undefined) return;
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
          // A signature block written one line a row (a sheet): the rank or `ttd` between the name and the NIP.
          if (NOT_NAME_RE.test(t)) continue;
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
          // A printed form centres the signature block in its cell beside the label: its first lines stand above
          // the label's line, right of the label, after the row of the label before.
          if (nonEmpty(rows[at]!).length === 1) {
            let from = at;
            while (from > 0 && !nonEmpty(rows[from - 1]!).some((x) => matchLabel(x.text) !== null)) from--;
            // In capitals too, but not a whole line in capitals left of the values' column (the Instansi beside the labels).
            for (let j = from; j < at; j++) for (const x of nonEmpty(rows[j]!)) if (x.x0 >= label.x1 - 1 && matchLabel(x.text) === null && !NOT_NAME_RE.test(x.text)) parts.push(x.text);
          }
          for (let j = at + 1; j < nameRow; j++) {
            for (const x of nonEmpty(rows[j]!)) {
              const letters = x.text.replace(/[^\p{L}]/gu, '');
              if (x.x0 >= label.x0 - 1 && matchLabel(x.text) === null && letters !== letters.toUpperCase() && !NOT_NAME_RE.test(x.text)) parts.push(x.text);
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
