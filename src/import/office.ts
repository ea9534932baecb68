/**
 * Word (.docx) and Excel (.xlsx) input: the tables, as rows of cells placed
 * on the table's grid (a merged cell spans the grid columns it covers), so
 * that a header cell merged over the lanes ("Pelaksana") and the lane titles
 * under it line up with the step rows. Read through zip.ts (unpacked size
 * capped) and xml.ts (no entity expanded, nothing fetched).
 *
 * Word: the body's paragraphs (one cell each) and tables (w:gridSpan,
 * w:vMerge), italic runs as `*…*`. Excel: every sheet's cells (shared and
 * inline strings, numbers, dates by their number format), merged ranges.
 * Drawn shapes and connectors are not read yet: lanes and flows then come
 * from the text, as for text input.
 */
import { cleanCell } from './clean.js';
import type { Cell, Row } from './draft.js';
import { ImportError } from './input.js';
import { attr, kids, local, parseXml, walk, type XmlElement } from './xml.js';
import { ZipReader } from './zip.js';
import { maxOf } from '../util/array.js';

/** Grid columns are placed this far apart, so that the table reader's small tolerances stay inside one column. */
const COL = 10;

export function officeToRows(bytes: Uint8Array): Row[] {
  const zip = new ZipReader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (zip.has('word/document.xml')) return docxRows(zip);
  if (zip.has('xl/workbook.xml')) return xlsxRows(zip);
  throw new ImportError(
    'berkas zip ini bukan dokumen Word (.docx) atau Excel (.xlsx); format lama (.doc, .xls) dan OpenDocument belum dibaca: simpan ulang sebagai .docx/.xlsx atau PDF',
    'this zip file is no Word (.docx) or Excel (.xlsx) document; old formats (.doc, .xls) and OpenDocument are not read: save it again as .docx/.xlsx or PDF',
  );
}

const on = (el: XmlElement | undefined): boolean => {
  if (!el) return false;
  const v = attr(el, 'val');
  return v === undefined || !/^(0|false|none)$/i.test(v);
};

/** A paragraph's or cell's text: runs in order, italic runs as `<i>…</i>` (cleanCell turns them into `*…*`). */
function runsText(el: XmlElement): string {
  let out = '';
  for (const n of walk(el)) {
    const name = local(n.name);
    if (name === 'r') {
      const rPr = kids(n, 'rPr')[0];
      const italic = rPr ? on(kids(rPr, 'i')[0]) : false;
      let t = '';
      for (const c of n.children) {
        if (typeof c === 'string') continue;
        const cn = local(c.name);
        if (cn === 't') t += c.children.filter((x): x is string => typeof x === 'string').join('');
        else if (cn === 'tab' || cn === 'br' || cn === 'cr') t += ' ';
      }
      out += italic && t.trim() ? `<i>${t}</i>` : t;
    } else if (name === 'p' && out !== '' && !out.endsWith(' ')) out += ' ';
  }
  return out;
}

function docxRows(zip: ZipReader): Row[] {
  const doc = parseXml(zip.text('word/document.xml') ?? '');
  const body = [...walk(doc)].find((e) => local(e.name) === 'body');
  if (!body) return [];
  const rows: Row[] = [];
  const origin = (n: number): string => `tabel/paragraf ${n}`;
  let n = 0;
  for (const c of body.children) {
    if (typeof c === 'string') continue;
    const name = local(c.name);
    n++;
    if (name === 'p') {
      const t = cleanCell(runsText(c));
      rows.push({ cells: t ? [{ text: t, x0: 0, x1: COL }] : [], mode: 'position', origin: origin(n) });
    } else if (name === 'tbl') {
      for (const tr of kids(c, 'tr')) {
        const cells: Cell[] = [];
        let col = 0;
        for (const tc of kids(tr, 'tc')) {
          const pr = kids(tc, 'tcPr')[0];
          const span = Math.max(1, Math.min(64, Number(pr ? attr(kids(pr, 'gridSpan')[0] ?? { name: '', attrs: {}, children: [] }, 'val') ?? 1 : 1) || 1));
          const vm = pr ? kids(pr, 'vMerge')[0] : undefined;
          // A cell merged with the one above it ("continue") holds no text of its own.
          const cont = vm !== undefined && attr(vm, 'val') !== 'restart';
          const t = cont ? '' : cleanCell(runsText(tc));
          if (t) cells.push({ text: t, x0: col * COL, x1: (col + span) * COL });
          col += span;
        }
        rows.push({ cells, mode: 'position', origin: origin(n) });
      }
      rows.push({ cells: [], mode: 'position', origin: origin(n) });
    }
  }
  return rows;
}

/** `B12` → [1, 11] (0-based column, row). */
function ref(r: string): [number, number] | null {
  const m = /^([A-Z]{1,3})(\d{1,7})$/.exec(r);
  if (!m) return null;
  let c = 0;
  for (const ch of m[1]!) c = c * 26 + (ch.charCodeAt(0) - 64);
  return [c - 1, Number(m[2]) - 1];
}

const BUILTIN_DATE = new Set([14, 15, 16, 17, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

function xlsxRows(zip: ZipReader): Row[] {
  const rels = parseXml(zip.text('xl/_rels/workbook.xml.rels') ?? '');
  const target = new Map<string, string>();
  for (const r of walk(rels)) if (local(r.name) === 'Relationship') target.set(attr(r, 'Id') ?? '', attr(r, 'Target') ?? '');
  const wb = parseXml(zip.text('xl/workbook.xml') ?? '');
  const sheets = [...walk(wb)].filter((e) => local(e.name) === 'sheet');
  // Shared strings, with italic runs.
  const shared: string[] = [];
  const ss = zip.text('xl/sharedStrings.xml');
  if (ss) {
    for (const si of [...walk(parseXml(ss))].filter((e) => local(e.name) === 'si')) {
      const rs = kids(si, 'r');
      shared.push(rs.length > 0 ? rs.map((r) => {
        const t = kids(r, 't').map((x) => x.children.filter((y): y is string => typeof y === 'string').join('')).join('');
        const rPr = kids(r, 'rPr')[0];
        return rPr && on(kids(rPr, 'i')[0]) && t.trim() ? `<i>${t}</i>` : t;
      }).join('') : kids(si, 't').map((x) => x.children.filter((y): y is string => typeof y === 'string').join('')).join(''));
    }
  }
  // Which styles are dates.
  const dateStyle = new Set<number>();
  const st = zip.text('xl/styles.xml');
  if (st) {
    const s = parseXml(st);
    const custom = new Map<number, string>();
    for (const f of [...walk(s)].filter((e) => local(e.name) === 'numFmt')) custom.set(Number(attr(f, 'numFmtId')), attr(f, 'formatCode') ?? '');
    const xfs = [...walk(s)].find((e) => local(e.name) === 'cellXfs');
    (xfs ? kids(xfs, 'xf') : []).forEach((xf, k) => {
      const id = Number(attr(xf, 'numFmtId') ?? 0);
      const code = (custom.get(id) ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '');
      if (BUILTIN_DATE.has(id) || (/[dy]/i.test(code) && /m/i.test(code))) dateStyle.add(k);
    });
  }
  const rows: Row[] = [];
  for (const sh of sheets) {
    let path = target.get(attr(sh, 'id') ?? '') ?? '';
    path = path.startsWith('/') ? path.slice(1) : `xl/${path}`;
    const text = zip.text(path.replace(/\/\.\//g, '/'));
    if (!text) continue;
    const x = parseXml(text);
    const spans = new Map<string, number>();
    const covered = new Set<string>();
    for (const mc of [...walk(x)].filter((e) => local(e.name) === 'mergeCell')) {
      const [a, b] = (attr(mc, 'ref') ?? '').split(':');
      const ra = a ? ref(a) : null;
      const rb = b ? ref(b) : null;
      if (!ra || !rb) continue;
      spans.set(`${ra[0]}:${ra[1]}`, rb[0] - ra[0] + 1);
      for (let r = ra[1]; r <= rb[1] && r - ra[1] < 1000; r++) for (let c = ra[0]; c <= rb[0] && c - ra[0] < 200; c++) if (r !== ra[1] || c !== ra[0]) covered.add(`${c}:${r}`);
    }
    const byRow = new Map<number, Cell[]>();
    for (const c of [...walk(x)].filter((e) => local(e.name) === 'c')) {
      const at = ref(attr(c, 'r') ?? '');
      if (!at || covered.has(`${at[0]}:${at[1]}`)) continue;
      const t = attr(c, 't');
      const v = kids(c, 'v')[0]?.children.filter((y): y is string => typeof y === 'string').join('') ?? '';
      let value = '';
      if (t === 's') value = shared[Number(v)] ?? '';
      else if (t === 'inlineStr') value = runsText(kids(c, 'is')[0] ?? c);
      else if (t === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
      else if (v !== '' && dateStyle.has(Number(attr(c, 's') ?? -1)) && /^\d+(\.\d+)?$/.test(v)) {
        const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(v)) * 86_400_000);
        value = `${String(d.getUTCDate()).padStart(2, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${d.getUTCFullYear()}`;
      } else value = v;
      value = cleanCell(value);
      if (!value) continue;
      const span = spans.get(`${at[0]}:${at[1]}`) ?? 1;
      const list = byRow.get(at[1]) ?? [];
      list.push({ text: value, x0: at[0] * COL, x1: (at[0] + span) * COL });
      byRow.set(at[1], list);
    }
    const last = Math.max(-1, maxOf(byRow.keys()));
    if (last > 200_000) throw new ImportError('lembar Excel ini terlalu panjang (lebih dari 200 000 baris)', 'this Excel sheet is too long (over 200 000 rows)');
    const drawn = sheetDrawing(zip, path, rows.length);
    for (let r = 0; r <= last; r++) {
      const d = drawn.get(r);
      rows.push({ cells: (byRow.get(r) ?? []).sort((a, b) => a.x0 - b.x0), mode: 'position', origin: `${attr(sh, 'name') ?? 'lembar'} baris ${r + 1}`, ...(d ? { drawn: d } : {}) });
    }
    rows.push({ cells: [], mode: 'position', origin: '' });
  }
  return rows;
}

interface SheetShape {
  kind: 'process' | 'decision' | 'terminator' | 'connector' | 'label';
  row: number;
  col: number;
  /** Bounding box in EMU. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

const PRESETS: Readonly<Record<string, SheetShape['kind']>> = {
  flowChartProcess: 'process',
  rect: 'process',
  flowChartPredefinedProcess: 'process',
  flowChartDecision: 'decision',
  diamond: 'decision',
  flowChartTerminator: 'terminator',
  flowChartAlternateProcess: 'terminator',
  roundRect: 'terminator',
  flowChartOffpageConnector: 'connector',
};

/**
 * The drawing layer of a sheet (xl/drawings/…): flowchart shapes anchored to
 * cells, and connectors. A connector's ends are computed from its geometry
 * (offset, extent, flips, rotation) and matched to the shapes they touch:
 * the ids in stCxn/endCxn are not trusted (LibreOffice writes ids that name
 * no shape). Returns what each sheet row's step shows, keyed by the row;
 * step ids are `base + row`.
 */
function sheetDrawing(zip: ZipReader, sheetPath: string, base: number): Map<number, NonNullable<Row['drawn']>> {
  const out = new Map<number, NonNullable<Row['drawn']>>();
  const dirName = sheetPath.slice(0, sheetPath.lastIndexOf('/'));
  const relsPath = `${dirName}/_rels/${sheetPath.slice(sheetPath.lastIndexOf('/') + 1)}.rels`;
  const relsText = zip.text(relsPath);
  if (!relsText) return out;
  const rel = [...walk(parseXml(relsText))].find((e) => local(e.name) === 'Relationship' && /\/drawing$/.test(attr(e, 'Type') ?? ''));
  if (!rel) return out;
  const parts = `${dirName}/${attr(rel, 'Target') ?? ''}`.split('/');
  const norm: string[] = [];
  for (const p of parts) {
    if (p === '..') norm.pop();
    else if (p !== '.' && p !== '') norm.push(p);
  }
  const text = zip.text(norm.join('/'));
  if (!text) return out;
  const doc = parseXml(text);
  const shapes: SheetShape[] = [];
  const lines: { a: { x: number; y: number }; b: { x: number; y: number }; reversed: boolean; text: string }[] = [];
  const num = (el: XmlElement | undefined, name: string): number => Number(el ? attr(el, name) ?? 0 : 0) || 0;
  const textOf = (el: XmlElement): string => [...walk(el)].filter((e) => local(e.name) === 't').map((e) => e.children.filter((c): c is string => typeof c === 'string').join('')).join(' ').trim();
  for (const anchor of [...walk(doc)].filter((e) => /Anchor$/.test(local(e.name)))) {
    const from = kids(anchor, 'from')[0];
    const to = kids(anchor, 'to')[0];
    const cell = (el: XmlElement | undefined, n: string): number => Number(el ? kids(el, n)[0]?.children.join('') ?? 0 : 0) || 0;
    for (const el of anchor.children) {
      if (typeof el === 'string') continue;
      const kind = local(el.name);
      if (kind !== 'sp' && kind !== 'cxnSp') continue;
      const xfrm = [...walk(el)].find((e) => local(e.name) === 'xfrm');
      const off = xfrm ? kids(xfrm, 'off')[0] : undefined;
      const ext = xfrm ? kids(xfrm, 'ext')[0] : undefined;
      const x = num(off, 'x');
      const y = num(off, 'y');
      const cx = num(ext, 'cx');
      const cy = num(ext, 'cy');
      const prst = attr([...walk(el)].find((e) => local(e.name) === 'prstGeom') ?? { name: '', attrs: {}, children: [] }, 'prst') ?? '';
      if (kind === 'cxnSp' || /Connector|^line$/.test(prst)) {
        const rot = ((num(xfrm, 'rot') / 60000) * Math.PI) / 180;
        const fh = xfrm && /^(1|true)$/.test(attr(xfrm, 'flipH') ?? '') ? -1 : 1;
        const fv = xfrm && /^(1|true)$/.test(attr(xfrm, 'flipV') ?? '') ? -1 : 1;
        const c = { x: x + cx / 2, y: y + cy / 2 };
        const sx = (-cx / 2) * fh;
        const sy = (-cy / 2) * fv;
        const rx = sx * Math.cos(rot) - sy * Math.sin(rot);
        const ry = sx * Math.sin(rot) + sy * Math.cos(rot);
        const ln = [...walk(el)].find((e) => local(e.name) === 'ln');
        const head = ln ? kids(ln, 'headEnd')[0] : undefined;
        const tail = ln ? kids(ln, 'tailEnd')[0] : undefined;
        const arrow = (e: XmlElement | undefined): boolean => e !== undefined && (attr(e, 'type') ?? 'none') !== 'none';
        let a = { x: c.x + rx, y: c.y + ry };
        let b = { x: c.x - rx, y: c.y - ry };
        // A straight connector (no extent across) is read top to bottom: its rotation says nothing sure about which end starts.
        if (Math.min(cx, cy) < 2000 && !arrow(head) && !arrow(tail) && Math.abs(a.y - b.y) > Math.abs(a.x - b.x) && a.y > b.y) [a, b] = [b, a];
        lines.push({ a, b, reversed: arrow(head) && !arrow(tail), text: textOf(el) });
        continue;
      }
      const t = textOf(el);
      const k = PRESETS[prst] ?? (/^(ya|tidak)$/i.test(t) ? 'label' : null);
      if (!k) continue;
      shapes.push({ kind: k, row: Math.round((cell(from, 'row') + cell(to, 'row')) / 2), col: (cell(from, 'col') + cell(to, 'col')) / 2, x0: x, y0: y, x1: x + cx, y1: y + cy, text: t });
    }
  }
  const symbols = shapes.filter((s) => s.kind !== 'label');
  if (symbols.length === 0) return out;
  const tol = 40_000;
  const at = (p: { x: number; y: number }): SheetShape | undefined => {
    let best: SheetShape | undefined;
    let dist = Infinity;
    for (const s of symbols) {
      const dx = Math.max(s.x0 - p.x, 0, p.x - s.x1);
      const dy = Math.max(s.y0 - p.y, 0, p.y - s.y1);
      const d = Math.hypot(dx, dy);
      if (d <= tol && d < dist) {
        dist = d;
        best = s;
      }
    }
    return best;
  };
  for (const s of symbols) {
    if (s.kind === 'connector') continue;
    const d = out.get(s.row);
    const x = (s.col + 0.5) * COL;
    if (d) out.set(s.row, { ...d, lanesX: [...d.lanesX, x], symbol: d.symbol === 'decision' || s.kind === 'decision' ? 'decision' : d.symbol === 'terminator' || s.kind === 'terminator' ? 'terminator' : 'process' });
    else out.set(s.row, { id: base + s.row, lanes: [], lanesX: [x], symbol: s.kind as 'process' | 'decision' | 'terminator', out: [] });
  }
  const labels = shapes.filter((s) => s.kind === 'label');
  for (const l of lines) {
    const [p, q] = l.reversed ? [l.b, l.a] : [l.a, l.b];
    const from = at(p);
    const to = at(q);
    if (!from || !to || from.row === to.row || from.kind === 'connector' || to.kind === 'connector') continue;
    // A branch's label: the connector's own text, else a "Ya"/"Tidak" box near its start.
    let word = /^(ya|tidak)$/i.test(l.text) ? l.text : '';
    if (!word) {
      const near = labels.map((b) => ({ b, d: Math.hypot((b.x0 + b.x1) / 2 - p.x, (b.y0 + b.y1) / 2 - p.y) })).filter((x) => x.d < 400_000).sort((a, b) => a.d - b.d)[0];
      if (near) word = near.b.text;
    }
    const label = /^ya$/i.test(word) ? 'Ya' : /^tidak$/i.test(word) ? 'Tidak' : null;
    const d = out.get(from.row);
    if (d && !d.out.some((o) => o.to === base + to.row)) out.set(from.row, { ...d, out: [...d.out, { to: base + to.row, label }] });
  }
  return out;
}
