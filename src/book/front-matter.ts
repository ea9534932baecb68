/**
 * The book's own pages as HTML, one document per part so that each part's
 * page count is known: the cover, the foreword, the table of contents
 * ("Daftar Isi", with page numbers) and the register ("Daftar SOP"). Pure;
 * every user text is escaped. Links to an SOP point at `bookLink(i)`, which
 * the assembler turns into a jump to that SOP's first page.
 */
import type { BookWords } from '../model/config.js';
import { displayDate, type RegisterRow } from './register.js';

/** A link marker: never fetched (`.invalid`), recognised and replaced in the PDF. */
export const BOOK_LINK_BASE = 'http://sop-book.invalid/';
export const bookLink = (index: number): string => `${BOOK_LINK_BASE}sop/${index}`;

export interface PagePaper {
  /** Portrait width and height, mm. */
  readonly widthMm: number;
  readonly heightMm: number;
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function doc(paper: PagePaper, body: string): string {
  return `<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<style>
@page { size: ${paper.widthMm}mm ${paper.heightMm}mm; margin: 25mm 20mm 22mm; }
html, body { margin: 0; padding: 0; }
body { font-family: 'Liberation Sans', Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.45; color: #000; }
h1 { font-size: 15pt; text-align: center; text-transform: uppercase; margin: 0 0 10mm; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; } h3 { font-size: 11pt; margin: 4mm 0 1mm; }
p { margin: 0 0 3mm; text-align: justify; }
a { color: inherit; text-decoration: none; }
.cover { height: ${paper.heightMm - 47}mm; display: flex; flex-direction: column; align-items: center; justify-content: space-between; text-align: center; }
/* A word wider than the page (a long code, a name without spaces) breaks rather than being cut at the page's edge. */
.cover > div { width: 100%; overflow-wrap: anywhere; }
.cover .instansi { font-size: 14pt; font-weight: bold; text-transform: uppercase; line-height: 1.35; }
.cover .logo { max-width: 45mm; max-height: 45mm; margin-bottom: 8mm; }
.cover .title { font-size: 24pt; font-weight: bold; text-transform: uppercase; line-height: 1.25; }
.cover .subtitle { font-size: 14pt; margin-top: 6mm; }
.cover .year { font-size: 16pt; font-weight: bold; }
/* A hair narrower than the page: a collapsed border half outside the content box is clipped by the printer. */
table { width: 99.6%; border-collapse: collapse; font-size: 10pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.toc { table-layout: fixed; }
.toc td { padding: 1.2mm 1mm; vertical-align: top; overflow-wrap: anywhere; }
.toc td.no { width: 9mm; text-align: right; padding-right: 3mm; }
.toc td.page { width: 14mm; text-align: right; }
.toc td.name .nomor { display: block; font-size: 9pt; color: #333; }
.toc tr.part td { font-weight: bold; }
.register { table-layout: fixed; }
.register th, .register td { overflow-wrap: anywhere; border: 0.6pt solid #000; padding: 1.2mm 1.5mm; vertical-align: top; text-align: left; }
.register th { background: #eee; text-align: center; }
/* A Nomor SOP breaks only after a "/" (idHtml), never inside "DISKOPUKM.A". */
.id { overflow-wrap: normal; word-break: keep-all; }
.register td.no { text-align: right; }
</style></head>
<body>
${body}
</body></html>
`;
}

export interface CoverInput {
  readonly instansi: readonly string[];
  readonly logoDataUri: string | null;
  readonly title: string;
  readonly subtitle: string;
  readonly year: string;
  /** The agency's lines' size, pt (src/page/book.ts coverInstansiPt: as the native cover prints them); 14 when not given. */
  readonly instansiPt?: number;
}

export function coverHtml(paper: PagePaper, c: CoverInput): string {
  const logo = c.logoDataUri ? `<img class="logo" src="${esc(c.logoDataUri)}" alt="">` : '';
  const instansi = c.instansi.map((l) => `<div>${esc(l)}</div>`).join('');
  return doc(
    paper,
    `<section class="cover">
<div></div>
<div>${logo}<div class="title">${esc(c.title)}</div>${c.subtitle ? `<div class="subtitle">${esc(c.subtitle)}</div>` : ''}</div>
<div><div class="instansi"${c.instansiPt !== undefined && c.instansiPt !== 14 ? ` style="font-size: ${c.instansiPt}pt"` : ''}>${instansi}</div><div class="year">${esc(c.year)}</div></div>
</section>`,
  );
}

/** Inline Markdown: `**bold**`, `*italic*` / `_italic_`, on escaped text. */
function inlineMd(s: string): string {
  return esc(s)
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
    .replace(/(^|\W)_([^_\s][^_]*)_/g, '$1<em>$2</em>');
}

/** A block of the foreword: a heading (level 2 or 3 in the page, under its h1), a paragraph or a list. */
export type MdBlock = { kind: 'h'; level: number; text: string } | { kind: 'p'; text: string } | { kind: 'list'; ordered: boolean; items: string[] };

/**
 * A small Markdown subset for the foreword (headings `#`..`###`, paragraphs,
 * `-`/`*`/`1.` lists, bold and italic inline); plain text reads as
 * paragraphs. No raw HTML, no links, no images: the foreword is text. The
 * blocks are drawn by markdownToHtml (Chromium) and src/page/book.ts.
 */
export function markdownBlocks(text: string): MdBlock[] {
  const out: MdBlock[] = [];
  let para: string[] = [];
  let list: { kind: 'list'; ordered: boolean; items: string[] } | null = null;
  const flushPara = (): void => {
    if (para.length > 0) out.push({ kind: 'p', text: para.join(' ') });
    para = [];
  };
  const flushList = (): void => {
    if (list) out.push(list);
    list = null;
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const h = /^(#{1,3})\s+(.*)$/.exec(line);
    const li = /^(?:([-*+])|(\d+)[.)])\s+(.*)$/.exec(line);
    if (line === '') {
      flushPara();
      flushList();
    } else if (h) {
      flushPara();
      flushList();
      out.push({ kind: 'h', level: h[1]!.length + 1, text: h[2]! });
    } else if (li) {
      flushPara();
      const ordered = li[2] !== undefined;
      if (list && list.ordered !== ordered) flushList();
      list ??= { kind: 'list', ordered, items: [] };
      list.items.push(li[3]!);
    } else if (list && /^\s/.test(raw)) {
      list.items[list.items.length - 1] += ` ${line}`;
    } else {
      flushList();
      para.push(line);
    }
  }
  flushPara();
  flushList();
  return out;
}

/** The foreword's Markdown as HTML, every text escaped. */
export function markdownToHtml(text: string): string {
  return markdownBlocks(text)
    .map((b) => {
      if (b.kind === 'h') return `<h${b.level}>${inlineMd(b.text)}</h${b.level}>`;
      if (b.kind === 'p') return `<p>${inlineMd(b.text)}</p>`;
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((i) => `<li>${inlineMd(i)}</li>`).join('')}</${tag}>`;
    })
    .join('\n');
}

export function forewordHtml(paper: PagePaper, words: BookWords, text: string): string {
  return doc(paper, `<section class="foreword"><h1>${esc(words.foreword)}</h1>\n${markdownToHtml(text)}\n</section>`);
}

export interface ContentsEntry {
  readonly title: string;
  readonly nomor: string;
  /** 1-based page in the book, or null while unknown (a placeholder keeps the width). */
  readonly page: number | null;
  /** The SOP's index for the link, or null for a part of the book. */
  readonly sop: number | null;
}

/** An identifier (Nomor SOP) that may break after each "/" and nowhere else (with the .id style). */
function idHtml(id: string): string {
  return id
    .split('/')
    .map((part) => esc(part))
    .join('/<wbr>');
}

export function contentsHtml(paper: PagePaper, words: BookWords, entries: readonly ContentsEntry[]): string {
  let n = 0;
  const rows = entries.map((e) => {
    const page = e.page === null ? '000' : String(e.page);
    if (e.sop === null) return `<tr class="part"><td class="no"></td><td class="name">${esc(e.title)}</td><td class="page">${page}</td></tr>`;
    n++;
    const name = `<a href="${bookLink(e.sop)}">${esc(e.title)}</a>${e.nomor ? `<span class="nomor id">${idHtml(e.nomor)}</span>` : ''}`;
    return `<tr><td class="no">${n}.</td><td class="name">${name}</td><td class="page"><a href="${bookLink(e.sop)}">${page}</a></td></tr>`;
  });
  return doc(paper, `<section class="toc"><h1>${esc(words.contents)}</h1>\n<table class="toc">${rows.join('\n')}</table>\n</section>`);
}

export function registerHtml(paper: PagePaper, words: BookWords, rows: readonly RegisterRow[]): string {
  const body = rows
    .map(
      (r, i) =>
        `<tr><td class="no">${r.no}</td><td><span class="id">${idHtml(r.nomor || '-')}</span></td><td><a href="${bookLink(i)}">${esc(r.nama || '-')}</a></td><td>${esc(displayDate(r.efektif))}</td><td>${esc(r.unit || '-')}</td></tr>`,
    )
    .join('\n');
  return doc(
    paper,
    `<section class="register-page"><h1>${esc(words.register)}</h1>
<table class="register"><colgroup><col style="width: 10mm"><col style="width: 44mm"><col><col style="width: 26mm"><col style="width: 36mm"></colgroup><thead><tr><th>No</th><th>Nomor SOP</th><th>Nama SOP</th><th>Tanggal Efektif</th><th>Unit</th></tr></thead>
<tbody>
${body}
</tbody></table></section>`,
  );
}
