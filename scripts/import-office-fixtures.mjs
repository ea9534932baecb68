/**
 * Makes the Word and Excel fixtures of test/import-office.test.ts with a
 * real office suite: each SOP below is written as an HTML document the way
 * agencies lay out the form (identity table, lists side by side, the
 * procedure table with "Pelaksana" and "Mutu Baku" merged over their
 * columns, a tick in the lanes of each step), then converted by LibreOffice
 * (headless) to .docx and .xlsx. Needs `npm run build` and LibreOffice
 * (`apt-get install -y --no-install-recommends libreoffice-writer libreoffice-calc`).
 * Calc's HTML import drops italics; so the flat spreadsheets below carry
 * `*…*` as italic text spans, which Calc keeps.
 * Also one Excel file with the flowchart drawn on the sheet (no ticks): a flat
 * OpenDocument spreadsheet (.fods) with a flowchart shape in each lane cell
 * of a step (process, decision, terminator) and a connector for every flow,
 * glued to the shapes, converted to .xlsx (`<name>-drawn.xlsx`).
 * And one Word file with the flowchart drawn in the table: a flat OpenDocument
 * text (.fodt) with a flowchart shape anchored in each lane cell of a step
 * and a connector for every flow, anchored in its source cell, converted to
 * .docx (`<name>-drawn.docx`); rows have exact heights, so the connectors'
 * ends land on the shapes in the document's own geometry.
 * Each Word document is also printed to PDF by Writer (`<name>-word.pdf`).
 * The HTML documents are also converted to LibreOffice's own formats, .odt
 * (Writer; and one .ods by Calc's HTML import), from the .html files
 * already written (kind `odf`).
 * Run: node scripts/import-office-fixtures.mjs [html] [drawn-xlsx] [drawn-docx] [odf] (which
 * fixtures to make; all when none is named); commit the .html, .fods, .fodt,
 * .docx, .xlsx, .odt, .ods and .pdf it writes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../dist/index.js';

const root = join(import.meta.dirname, '..');
const out = join(root, 'test/fixtures/import/office');
const SOPS = ['pelaksanaan-pelatihan-bimtek', 'penyusunan-duk', 'pelayanan-tamu'];
/** SOPs also written with the flowchart drawn on the sheet. */
const DRAWN = ['pelaksanaan-pelatihan-bimtek', 'penanganan-rumah-tangga-kantor', 'pelayanan-tamu'];

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** `*x*` italics of the .sop text as <i>. */
const inline = (s) => esc(s).replace(/(?<!\\)\*([^*]+)\*/g, '<i>$1</i>').replace(/\\\*/g, '*');
const list = (items) => items.map((x, i) => `${i + 1}. ${inline(x)}`).join('<br>');

function html(m) {
  const date = (d) => (d ? `${String(d.day).padStart(2, '0')}-${String(d.month).padStart(2, '0')}-${d.year}` : '-');
  const L = m.lanes.length;
  const rows = m.steps
    .map((s) => {
      const ticks = m.lanes.map((l) => `<td>${s.lanes.includes(l.id) ? '√' : ''}</td>`).join('');
      return `<tr><td>${s.number}</td><td>${inline(s.text)}</td>${ticks}<td>${inline(s.kelengkapan)}</td><td>${esc(s.waktu?.text ?? '')}</td><td>${inline(s.output)}</td><td>${inline(s.keterangan)}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(m.name)}</title></head><body>
${m.instansi.map((x) => `<p>${esc(x.toUpperCase())}</p>`).join('\n')}
<table border="1">
<tr><td>Nomor SOP</td><td>${esc(m.number)}</td></tr>
<tr><td>Tanggal Pembuatan</td><td>${date(m.dates.pembuatan)}</td></tr>
<tr><td>Tanggal Revisi</td><td>${date(m.dates.revisi)}</td></tr>
<tr><td>Tanggal Efektif</td><td>${date(m.dates.efektif)}</td></tr>
<tr><td>Disahkan oleh</td><td>${esc(m.disahkanOleh.jabatan) || '-'}</td></tr>
<tr><td>Nama SOP</td><td>${esc(m.name)}</td></tr>
</table>
<table border="1">
<tr><td>Dasar Hukum</td><td>Kualifikasi Pelaksana</td></tr>
<tr><td>${list(m.lists.dasarHukum)}</td><td>${list(m.lists.kualifikasi)}</td></tr>
<tr><td>Keterkaitan</td><td>Peralatan/Perlengkapan</td></tr>
<tr><td>${list(m.lists.keterkaitan)}</td><td>${list(m.lists.peralatan)}</td></tr>
<tr><td>Peringatan</td><td>Pencatatan dan Pendataan</td></tr>
<tr><td>${list(m.lists.peringatan)}</td><td>${list(m.lists.pencatatan)}</td></tr>
</table>
<p>SOP ${esc(m.name.toUpperCase())}</p>
<table border="1">
<tr><td rowspan="2">No.</td><td rowspan="2">Kegiatan</td><td colspan="${L}">Pelaksana</td><td colspan="3">Mutu Baku</td><td rowspan="2">Keterangan</td></tr>
<tr>${m.lanes.map((l) => `<td>${inline(l.title)}</td>`).join('')}<td>Kelengkapan</td><td>Waktu</td><td>Output</td></tr>
${rows}
</table>
</body></html>
`;
}

const colName = (c) => (c >= 26 ? String.fromCharCode(64 + Math.floor(c / 26)) : '') + String.fromCharCode(65 + (c % 26));
const GEOMETRY = { process: 'flowchart-process', decision: 'flowchart-decision', terminator: 'flowchart-terminator' };

/** The SOP as a flat OpenDocument spreadsheet: the table, and the flowchart drawn on it. */
function fods(m) {
  const L = m.lanes.length;
  // `*x*` written as italic spans (Calc keeps them, and writes them to .xlsx as italic runs).
  const cell = (t) => `<table:table-cell office:value-type="string"><text:p>${odfInline(t)}</text:p></table:table-cell>`;
  const span = (t, n) => `<table:table-cell office:value-type="string" table:number-columns-spanned="${n}"><text:p>${esc(t)}</text:p></table:table-cell>${'<table:covered-table-cell/>'.repeat(n - 1)}`;
  const rows = [];
  rows.push(`<table:table-row><table:table-cell/><table:table-cell/>${cell(`SOP ${m.name.toUpperCase()}`)}</table:table-row>`);
  rows.push(`<table:table-row>${cell('No.')}${cell('Kegiatan')}${span('Pelaksana', L)}${span('Mutu Baku', 3)}${cell('Keterangan')}</table:table-row>`);
  rows.push(`<table:table-row><table:table-cell/><table:table-cell/>${m.lanes.map((l) => cell(l.title)).join('')}${cell('Kelengkapan')}${cell('Waktu')}${cell('Output')}</table:table-row>`);
  const firstRow = 4; // 1-based sheet row of step 1
  const shapeId = (step, lane) => `s${step}_${lane}`;
  m.steps.forEach((s, k) => {
    const r = firstRow + k;
    const lanes = m.lanes.map((l, i) => {
      if (!s.lanes.includes(l.id)) return '<table:table-cell/>';
      const end = `SOP.${colName(2 + i)}${r}`;
      return `<table:table-cell><draw:custom-shape draw:id="${shapeId(s.number, i)}" xml:id="${shapeId(s.number, i)}" table:end-cell-address="${end}" table:end-x="1.8cm" table:end-y="0.35cm" svg:x="0.4cm" svg:y="0.1cm" svg:width="1.4cm" svg:height="0.25cm"><draw:enhanced-geometry draw:type="${GEOMETRY[s.symbol]}"/></draw:custom-shape></table:table-cell>`;
    });
    rows.push(`<table:table-row table:style-name="tall"><table:table-cell office:value-type="float" office:value="${s.number}"><text:p>${s.number}</text:p></table:table-cell>${cell(s.text)}${lanes.join('')}${cell(s.kelengkapan)}${cell(s.waktu?.text ?? '')}${cell(s.output)}${cell(s.keterangan)}</table:table-row>`);
  });
  // Connectors, each anchored in the Keterangan column of its source row, glued bottom (2) to top (0).
  const connectors = m.edges.filter((e) => e.to !== 'selesai').map((e) => {
    const a = m.steps[e.from - 1];
    const b = m.steps[e.to - 1];
    const la = m.lanes.findIndex((l) => a.lanes.includes(l.id));
    const lb = m.lanes.findIndex((l) => b.lanes.includes(l.id));
    const end = `SOP.${colName(2 + L + 3)}${firstRow + e.from - 1}`;
    return `<draw:connector draw:type="standard" table:end-cell-address="${end}" table:end-x="0.5cm" table:end-y="0.2cm" draw:start-shape="${shapeId(a.number, la)}" draw:end-shape="${shapeId(b.number, lb)}" draw:start-glue-point="${e.to > e.from ? 2 : 3}" draw:end-glue-point="${e.to > e.from ? 0 : 3}" svg:x1="0cm" svg:y1="0cm" svg:x2="1cm" svg:y2="1cm"><draw:text-box/></draw:connector>`;
  });
  // The connectors live in the first cell of the last step row's Keterangan column.
  const lastRow = rows.length - 1;
  rows[lastRow] = rows[lastRow].replace(/<\/table:table-row>$/, `<table:table-cell>${connectors.join('')}</table:table-cell></table:table-row>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles><style:style style:name="I" style:family="text"><style:text-properties fo:font-style="italic"/></style:style><style:style style:name="tall" style:family="table-row"><style:table-row-properties style:row-height="1.2cm" style:use-optimal-row-height="false"/></style:style></office:automatic-styles>
<office:body><office:spreadsheet><table:table table:name="SOP">
${rows.join('\n')}
</table:table></office:spreadsheet></office:body></office:document>
`;
}

/** `*x*` italics of the .sop text as OpenDocument spans (automatic text style `I`). */
const odfInline = (s) => esc(s).replace(/(?<!\\)\*([^*]+)\*/g, '<text:span text:style-name="I">$1</text:span>').replace(/\\\*/g, '*');

/** Column widths (cm) of the drawn Word table: No., Kegiatan, each lane, Kelengkapan, Waktu, Output, Keterangan. */
const WORD = { no: 1, kegiatan: 5, lane: 2.4, mutu: [3, 1.8, 2.5], keterangan: 2, head: 1, row: 2 };
const SHAPE = { x: 0.3, y: 0.5, w: 1.8, h: 0.9 };
const cm = (n) => `${Math.round(n * 1000) / 1000}cm`;

/** The SOP as a flat OpenDocument text: the procedure table with the flowchart drawn in its lane cells. */
function fodt(m) {
  const L = m.lanes.length;
  const widths = [WORD.no, WORD.kegiatan, ...m.lanes.map(() => WORD.lane), ...WORD.mutu, WORD.keterangan];
  const laneX = (i) => WORD.no + WORD.kegiatan + i * WORD.lane;
  const rowY = (k) => 2 * WORD.head + k * WORD.row; // top of step k (0-based) in the table
  const p = (t) => `<text:p text:style-name="P">${t}</text:p>`;
  const cell = (t, extra = '') => `<table:table-cell table:style-name="C"${extra} office:value-type="string">${p(t)}</table:table-cell>`;
  const span = (t, n) => cell(esc(t), ` table:number-columns-spanned="${n}"`) + '<table:covered-table-cell/>'.repeat(n - 1);
  const lane = (s) => m.lanes.findIndex((l) => s.lanes.includes(l.id));
  const connectors = (s, k) => m.edges.filter((e) => e.from === s.number && e.to !== 'selesai').map((e) => {
    const b = m.steps[e.to - 1];
    const dx = laneX(lane(b)) - laneX(lane(s));
    const dy = rowY(e.to - 1) - rowY(k);
    // Down: bottom centre to top centre; back up: left middle to left middle.
    const [x1, y1, x2, y2] = e.to > e.from
      ? [SHAPE.x + SHAPE.w / 2, SHAPE.y + SHAPE.h, dx + SHAPE.x + SHAPE.w / 2, dy + SHAPE.y]
      : [SHAPE.x, SHAPE.y + SHAPE.h / 2, dx + SHAPE.x, dy + SHAPE.y + SHAPE.h / 2];
    return `<draw:connector draw:style-name="arrow" text:anchor-type="paragraph" draw:type="standard" svg:x1="${cm(x1)}" svg:y1="${cm(y1)}" svg:x2="${cm(x2)}" svg:y2="${cm(y2)}"><draw:text-box/></draw:connector>`;
  }).join('');
  const rows = [];
  rows.push(`<table:table-row table:style-name="H">${cell('No.')}${cell('Kegiatan')}${span('Pelaksana', L)}${span('Mutu Baku', 3)}${cell('Keterangan')}</table:table-row>`);
  rows.push(`<table:table-row table:style-name="H"><table:table-cell table:style-name="C">${p('')}</table:table-cell><table:table-cell table:style-name="C">${p('')}</table:table-cell>${m.lanes.map((l) => cell(odfInline(l.title))).join('')}${cell('Kelengkapan')}${cell('Waktu')}${cell('Output')}</table:table-row>`);
  m.steps.forEach((s, k) => {
    const first = lane(s);
    const lanes = m.lanes.map((l, i) => {
      if (!s.lanes.includes(l.id)) return `<table:table-cell table:style-name="C">${p('')}</table:table-cell>`;
      const shape = `<draw:custom-shape draw:style-name="shape" text:anchor-type="paragraph" svg:x="${cm(SHAPE.x)}" svg:y="${cm(SHAPE.y)}" svg:width="${cm(SHAPE.w)}" svg:height="${cm(SHAPE.h)}"><draw:enhanced-geometry draw:type="${GEOMETRY[s.symbol]}"/></draw:custom-shape>`;
      return `<table:table-cell table:style-name="C">${p(shape + (i === first ? connectors(s, k) : ''))}</table:table-cell>`;
    });
    rows.push(`<table:table-row table:style-name="R">${cell(String(s.number))}${cell(odfInline(s.text))}${lanes.join('')}${cell(odfInline(s.kelengkapan))}${cell(esc(s.waktu?.text ?? ''))}${cell(odfInline(s.output))}${cell(odfInline(s.keterangan))}</table:table-row>`);
  });
  const total = widths.reduce((a, b) => a + b, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles><draw:marker draw:name="Arrow" svg:viewBox="0 0 20 30" svg:d="M10 0l-10 30h20z"/></office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm"><style:page-layout-properties fo:page-width="42cm" fo:page-height="29.7cm" style:print-orientation="landscape" fo:margin-top="1cm" fo:margin-bottom="1cm" fo:margin-left="1cm" fo:margin-right="1cm"/></style:page-layout>
<style:style style:name="T" style:family="table"><style:table-properties style:width="${cm(total)}" table:align="left"/></style:style>
${widths.map((w, i) => `<style:style style:name="c${i}" style:family="table-column"><style:table-column-properties style:column-width="${cm(w)}"/></style:style>`).join('\n')}
<style:style style:name="H" style:family="table-row"><style:table-row-properties style:row-height="${cm(WORD.head)}"/></style:style>
<style:style style:name="R" style:family="table-row"><style:table-row-properties style:row-height="${cm(WORD.row)}"/></style:style>
<style:style style:name="C" style:family="table-cell"><style:table-cell-properties fo:padding="0cm" fo:border="0.5pt solid #000000"/></style:style>
<style:style style:name="P" style:family="paragraph"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm"/><style:text-properties fo:font-size="7pt"/></style:style>
<style:style style:name="I" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="shape" style:family="graphic"><style:graphic-properties style:wrap="run-through" style:run-through="foreground" draw:fill="none"/></style:style>
<style:style style:name="arrow" style:family="graphic"><style:graphic-properties style:wrap="run-through" style:run-through="foreground" draw:marker-end="Arrow" draw:marker-end-width="0.2cm"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm"/></office:master-styles>
<office:body><office:text>
<text:p text:style-name="P">SOP ${esc(m.name.toUpperCase())}</text:p>
<table:table table:name="SOP" table:style-name="T">
${widths.map((_, i) => `<table:table-column table:style-name="c${i}"/>`).join('')}
${rows.join('\n')}
</table:table>
</office:text></office:body></office:document>
`;
}

const only = new Set(process.argv.slice(2));
const make = (kind) => only.size === 0 || only.has(kind);

const tmp = mkdtempSync(join(tmpdir(), 'sop-office-'));
try {
  for (const name of make('html') ? SOPS : []) {
    const m = compile(readFileSync(join(root, 'sops', `${name}.sop`), 'utf8')).model;
    const file = join(out, `${name}.html`);
    writeFileSync(file, html(m));
    for (const [ext, filter] of [['docx', 'docx:MS Word 2007 XML'], ['xlsx', 'xlsx:Calc MS Excel 2007 XML']]) {
      const args = ['--headless', `-env:UserInstallation=file://${tmp}/profile`, '--convert-to', filter, '--outdir', tmp];
      // Calc reads an HTML file through its own HTML import filter.
      if (ext === 'xlsx') args.splice(1, 0, '--infilter=calc_HTML_WebQuery');
      execFileSync('soffice', [...args, file], { stdio: 'pipe', timeout: 120_000 });
      copyFileSync(join(tmp, `${name}.${ext}`), join(out, `${name}.${ext}`));
      console.log(`wrote test/fixtures/import/office/${name}.${ext}`);
    }
    // The Word document printed to PDF by Writer: a text PDF from an office program (stroked borders, centred cells).
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${tmp}/profile`, '--convert-to', 'pdf', '--outdir', tmp, join(out, `${name}.docx`)], { stdio: 'pipe', timeout: 120_000 });
    copyFileSync(join(tmp, `${name}.pdf`), join(out, `${name}-word.pdf`));
    console.log(`wrote test/fixtures/import/office/${name}-word.pdf`);
  }
  for (const name of make('odf') ? SOPS : []) {
    const file = join(out, `${name}.html`);
    // One spreadsheet (Calc's files are some 25 KB each): the reader is the same for every sheet.
    for (const [ext, filter] of name === 'pelayanan-tamu' ? [['odt', 'odt:writer8'], ['ods', 'ods:calc8']] : [['odt', 'odt:writer8']]) {
      const args = ['--headless', `-env:UserInstallation=file://${tmp}/profile`, '--convert-to', filter, '--outdir', tmp];
      if (ext === 'ods') args.splice(1, 0, '--infilter=calc_HTML_WebQuery');
      execFileSync('soffice', [...args, file], { stdio: 'pipe', timeout: 120_000 });
      copyFileSync(join(tmp, `${name}.${ext}`), join(out, `${name}.${ext}`));
      console.log(`wrote test/fixtures/import/office/${name}.${ext}`);
    }
  }
  for (const name of DRAWN) {
    const m = compile(readFileSync(join(root, 'sops', `${name}.sop`), 'utf8')).model;
    if (make('drawn-xlsx')) {
      const file = join(out, `${name}-drawn.fods`);
      writeFileSync(file, fods(m));
      execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${tmp}/profile`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', tmp, file], { stdio: 'pipe', timeout: 120_000 });
      copyFileSync(join(tmp, `${name}-drawn.xlsx`), join(out, `${name}-drawn.xlsx`));
      console.log(`wrote test/fixtures/import/office/${name}-drawn.xlsx`);
    }
    if (!make('drawn-docx')) continue;
    const doc = join(out, `${name}-drawn.fodt`);
    writeFileSync(doc, fodt(m));
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${tmp}/profile`, '--convert-to', 'docx:MS Word 2007 XML', '--outdir', tmp, doc], { stdio: 'pipe', timeout: 120_000 });
    copyFileSync(join(tmp, `${name}-drawn.docx`), join(out, `${name}-drawn.docx`));
    console.log(`wrote test/fixtures/import/office/${name}-drawn.docx`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
