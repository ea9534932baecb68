/**
 * The official PDF without a browser: the page model (build.ts) drawn with
 * PDFKit as PDF/A-2b: the bundled Liberation Sans embedded and subset, XMP
 * metadata with the PDF/A identification and an sRGB OutputIntent (PDFKit's
 * own profile), tagged (a section per page, the caption a heading, every
 * line of text a paragraph, rules and symbols artifacts). Title, Subject,
 * Author, Creator, the outline ("Identitas SOP", "Prosedur") and the dates
 * are those of the Chromium PDF (render/pdf.ts: SOURCE_DATE_EPOCH, else the
 * SOP's own dates, never the clock), so the same SOP gives the same bytes.
 *
 * Why PDFKit and not pdf-lib (already a dependency, which finishes the
 * Chromium PDF): pdf-lib embeds fonts but writes no PDF/A metadata, output
 * intent or structure tree; PDFKit subsets TrueType fonts (through fontkit),
 * writes the PDF/A-2b identification and OutputIntent, and tags content.
 */
import { findUp } from '../util/find-up.js';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { PdfMeta } from '../render/pdf.js';
import { ARROW, type DocumentModel, type Mark, type PageModel, type TextMark } from './types.js';
import type { Run } from './text.js';

/** px to pt. */
export const PT = 0.75;

/**
 * The bundled fonts: fonts/ of the package, found by walking up from this module, which is src/page/,
 * dist/page/, the CLI bundle dist/cli/ or one of its chunks in dist/cli/chunks/ (a fixed ../../ missed
 * the fonts from a chunk).
 */
export function fontFile(style: 'Regular' | 'Bold' | 'Italic' | 'BoldItalic'): string {
  const file = findUp(import.meta.url, 4, (d) => {
    const f = path.join(d, 'fonts', `LiberationSans-${style}.ttf`);
    return existsSync(f) ? f : null;
  });
  if (file !== null) return file;
  throw new Error(`fonts/LiberationSans-${style}.ttf is missing from the installation`);
}

type Style = 'Regular' | 'Bold' | 'Italic' | 'BoldItalic';
const STYLES: readonly Style[] = ['Regular', 'Bold', 'Italic', 'BoldItalic'];
/**
 * The bundled fonts parsed once per process (fontkit), each when a document first uses it, and shared by every
 * document: parsing them per PDF cost more than drawing it.
 */
const parsed = new Map<Style, object>();
async function face(st: Style): Promise<object> {
  let f = parsed.get(st);
  if (!f) {
    const fontkit = await import('fontkit');
    f = cachedLayout(fontkit.create(readFileSync(fontFile(st))) as FontkitFont);
    parsed.set(st, f);
  }
  return f;
}

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}
interface FontkitFont {
  layout(text: string, features?: readonly string[]): { glyphs: readonly unknown[]; positions: readonly Position[] };
}

/** Lines laid out (shaped, kerned) at most this many distinct times per font before the cache starts afresh. */
const LAYOUT_CACHE = 20_000;

/**
 * The font with its layout of a line cached. PDFKit caches the layout of each word only when no OpenType feature is
 * asked for, and kerning across a space needs one; PDFKit scales the positions it gets in place, so each call gets
 * fresh copies.
 */
function cachedLayout(font: FontkitFont): object {
  const cache = new Map<string, { glyphs: readonly unknown[]; positions: readonly Position[] }>();
  const wrapped = Object.create(font) as FontkitFont;
  wrapped.layout = (text, features) => {
    const key = `${(features ?? []).join(',')}|${text}`;
    let hit = cache.get(key);
    if (!hit) {
      const run = font.layout(text, features);
      hit = { glyphs: run.glyphs, positions: run.positions.map((p) => ({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset })) };
      if (cache.size >= LAYOUT_CACHE) cache.clear();
      cache.set(key, hit);
    }
    const positions = hit.positions.map((p) => ({ ...p }));
    return {
      glyphs: hit.glyphs,
      positions,
      get advanceWidth(): number {
        let w = 0;
        for (const p of positions) w += p.xAdvance;
        return w;
      },
    };
  };
  return wrapped;
}

const styleOf = (r: Run): 'Regular' | 'Bold' | 'Italic' | 'BoldItalic' => (r.bold ? (r.italic ? 'BoldItalic' : 'Bold') : r.italic ? 'Italic' : 'Regular');

const xmlEsc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
// eslint-disable-next-line no-control-regex
const clean = (s: string): string => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
const isoDate = (d: Date): string => d.toISOString().split('.')[0] + 'Z';

export type Doc = PDFKit.PDFDocument & {
  _addInfo: () => void;
  _root: { data: Record<string, unknown> };
  info: Record<string, unknown>;
  appendXML: (xml: string, newline?: boolean) => void;
};

/** Draws the document to PDF bytes. */
export async function renderNativePdf(doc: DocumentModel, meta: PdfMeta): Promise<Uint8Array> {
  const { pdf, root, finish } = await openNativePdf(meta, doc.pages);
  doc.pages.forEach((page, i) => {
    pdf.addPage({ size: [page.width * PT, page.height * PT], margin: 0 });
    if (i === 0) pdf.outline.addItem(meta.outline.identity);
    if (i === doc.procedureStart) pdf.outline.addItem(meta.outline.procedure);
    drawPage(pdf, page, root);
  });
  return finish();
}

/** What a native PDF is drawn into: the document set up as PDF/A-2b (openNativePdf), its structure root, and the end. */
export interface NativePdf {
  readonly pdf: Doc;
  readonly root: PDFKit.PDFStructureElement;
  /** Ends the structure and the document: its bytes. */
  finish(): Promise<Uint8Array>;
}

/**
 * A PDFKit document set up as every native PDF is (PDF/A-2b, tagged, the bundled fonts that `pages` use registered
 * by style name, the metadata of `meta`), for the caller to add pages to and draw them with drawPage (the book,
 * src/page/book.ts, draws many SOPs into one).
 */
export async function openNativePdf(meta: Omit<PdfMeta, 'outline'>, pages: readonly PageModel[]): Promise<NativePdf> {
  const { default: PDFDocument } = await import('pdfkit');
  // Only the styles the document uses are registered (and parsed): most SOPs have no bold italic.
  const used = new Set<Style>(['Regular']);
  for (const pg of pages) for (const m of pg.marks) if (m.kind === 'text') for (const r of m.runs) used.add(styleOf(r));
  const faces = new Map<Style, object>();
  for (const st of STYLES) if (used.has(st)) faces.set(st, await face(st));
  // The file ID is a hash of the information dictionary: with a date that never comes from the clock, it is stable.
  const created = meta.creationDate ?? new Date(0);
  const info: Record<string, unknown> = { Creator: 'sop', Producer: 'sop', CreationDate: created };
  if (meta.title) info['Title'] = clean(meta.title);
  if (meta.subject) info['Subject'] = clean(meta.subject);
  if (meta.author) info['Author'] = clean(meta.author);
  if (meta.modDate) info['ModDate'] = meta.modDate;
  const pdf = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    lang: 'id-ID',
    displayTitle: true,
    font: faces.get('Regular') as unknown as string,
    info: info as PDFKit.DocumentInfo,
  }) as Doc;
  if (!meta.creationDate) delete pdf.info['CreationDate'];
  // PDFKit's own XMP writes the title unescaped and no modification date: ours escapes it and matches the Info dictionary.
  pdf._addInfo = function (this: Doc): void {
    const i = this.info;
    const parts: string[] = [];
    parts.push(`<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">`);
    if (i['CreationDate'] instanceof Date) parts.push(`<xmp:CreateDate>${isoDate(i['CreationDate'])}</xmp:CreateDate>`);
    if (i['ModDate'] instanceof Date) parts.push(`<xmp:ModifyDate>${isoDate(i['ModDate'])}</xmp:ModifyDate>`);
    parts.push(`<xmp:CreatorTool>sop</xmp:CreatorTool></rdf:Description>`);
    parts.push(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:format>application/pdf</dc:format>`);
    if (typeof i['Title'] === 'string') parts.push(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEsc(i['Title'])}</rdf:li></rdf:Alt></dc:title>`);
    if (typeof i['Author'] === 'string') parts.push(`<dc:creator><rdf:Seq><rdf:li>${xmlEsc(i['Author'])}</rdf:li></rdf:Seq></dc:creator>`);
    if (typeof i['Subject'] === 'string') parts.push(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlEsc(i['Subject'])}</rdf:li></rdf:Alt></dc:description>`);
    parts.push(`</rdf:Description>`);
    parts.push(`<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>sop</pdf:Producer></rdf:Description>`);
    this.appendXML(parts.join('\n'));
  };
  for (const [style, f] of faces) pdf.registerFont(style, f as unknown as string);
  pdf._root.data['PageMode'] = 'UseOutlines';

  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });
  const root = pdf.struct('Document');
  pdf.addStructure(root);
  return {
    pdf,
    root,
    async finish(): Promise<Uint8Array> {
      root.end();
      pdf.end();
      await done;
      return new Uint8Array(Buffer.concat(chunks));
    },
  };
}

/** Draws one page's marks into the current page of `pdf` (px scaled to pt), under `root`. Strokes are batched: consecutive marks of one kind go into one path. */
export function drawPage(pdf: Doc, page: PageModel, root: PDFKit.PDFStructureElement): void {
  const sect = pdf.struct('Sect');
  root.add(sect);
  pdf.save();
  pdf.scale(PT);
  let i = 0;
  const marks = page.marks;
  const artifact = (fn: () => void): void => {
    pdf.markContent('Artifact');
    fn();
    pdf.endMarkedContent();
  };
  while (i < marks.length) {
    const m = marks[i]!;
    if ((m.kind === 'rect' && m.role === 'cell') || (m.kind === 'line' && (m.role === 'rule' || m.role === 'underline'))) {
      artifact(() => {
        // Colours and widths are set before a path is begun: no operator but path construction may stand inside one.
        // Rules are stroked 1 px wide on the centres where Chromium fills its whole-px border rectangles.
        pdf.lineWidth(1).lineCap('butt').strokeColor('#000000');
        while (i < marks.length) {
          const n = marks[i]!;
          if (n.kind === 'rect' && n.role === 'cell') pdf.rect(n.x, n.y, n.w, n.h);
          else if (n.kind === 'line' && (n.role === 'rule' || n.role === 'underline')) pdf.moveTo(n.x1, n.y1).lineTo(n.x2, n.y2);
          else break;
          i++;
        }
        pdf.stroke();
      });
      continue;
    }
    if (m.kind === 'line') {
      // Arrow pieces: one path, then the heads.
      const heads: Mark[] = [];
      artifact(() => {
        pdf.lineWidth(1.2).lineCap('square').strokeColor('#000000').fillColor('#000000');
        while (i < marks.length) {
          const n = marks[i]!;
          if (n.kind !== 'line' || n.role !== 'flow') break;
          pdf.moveTo(n.x1, n.y1).lineTo(n.x2, n.y2);
          if (n.arrow) heads.push(n);
          i++;
        }
        pdf.stroke();
        for (const h of heads) if (h.kind === 'line') arrowHead(pdf, h.x1, h.y1, h.x2, h.y2);
        if (heads.length > 0) pdf.fill();
      });
      continue;
    }
    i++;
    switch (m.kind) {
      case 'rect':
        artifact(() => {
          pdf.fillColor('#ffffff');
          if (m.stroke > 0) pdf.lineWidth(m.stroke).lineCap('butt').lineJoin('miter').strokeColor('#000000');
          if (m.rx) pdf.roundedRect(m.x, m.y, m.w, m.h, m.rx);
          else pdf.rect(m.x, m.y, m.w, m.h);
          if (m.stroke > 0) pdf.fillAndStroke();
          else pdf.fill();
        });
        break;
      case 'polygon':
        artifact(() => {
          const p = m.points;
          pdf.lineWidth(m.stroke).lineJoin('miter').fillColor('#ffffff').strokeColor('#000000');
          pdf.moveTo(p[0]!, p[1]!);
          for (let k = 2; k + 1 < p.length; k += 2) pdf.lineTo(p[k]!, p[k + 1]!);
          pdf.closePath();
          pdf.fillAndStroke();
        });
        break;
      case 'text':
        sect.add(pdf.struct(m.heading ? 'H1' : 'P', {}, () => drawText(pdf, m)));
        break;
      case 'image':
        artifact(() => {
          pdf.image(Buffer.from(m.bytes), m.x, m.y, { width: m.w, height: m.h });
        });
        break;
      case 'link':
        pdf.link(m.x, m.y, m.w, m.h, m.href);
        break;
    }
  }
  pdf.restore();
  sect.end();
}

function arrowHead(pdf: Doc, x1: number, y1: number, x2: number, y2: number): void {
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const ux = (x2 - x1) / len;
  const uy = (y2 - y1) / len;
  const bx = x2 - ux * ARROW.length;
  const by = y2 - uy * ARROW.length;
  pdf.moveTo(x2, y2).lineTo(bx - uy * ARROW.halfWidth, by + ux * ARROW.halfWidth).lineTo(bx + uy * ARROW.halfWidth, by - ux * ARROW.halfWidth).closePath();
}

function drawText(pdf: Doc, t: TextMark): void {
  let x = t.anchor === 'start' ? t.x : t.anchor === 'middle' ? t.x - t.width / 2 : t.x - t.width;
  const start = x;
  pdf.fillColor('#000000');
  t.runs.forEach((r, i) => {
    const text = clean(r.text);
    if (text === '') return;
    pdf.font(styleOf(r)).fontSize(t.size);
    pdf.text(text, x, t.y, { lineBreak: false, baseline: 'alphabetic', features: ['kern'] });
    // The next run starts where this one ends (measured only when there is one, or an underline to draw).
    if (i + 1 < t.runs.length || t.underline) x += pdf.widthOfString(text, { features: ['kern'] });
  });
  if (t.underline) {
    const uy = t.y + t.size * 0.1;
    pdf.lineWidth(t.size * 0.08).strokeColor('#000000');
    pdf.moveTo(start, uy).lineTo(x, uy).stroke();
  }
}
