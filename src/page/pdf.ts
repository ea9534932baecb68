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
import { deflateSync } from 'node:zlib';
import * as path from 'node:path';
import type { PdfMeta } from '../render/pdf.js';
import { ARROW, type DocumentModel, type Mark, type PageModel, type TableCell, type TextMark } from './types.js';
import { fontStyle, kernedCodePoints, type FontStyle, type Run } from '../layout/text.js';
import { TrueType } from './ttf.js';
import { cidSetBits, countOutline } from './pdfa.js';
import { deflated, joinContent, writePieces, type ContentPage } from './pdf-streams.js';
import { embedPicture } from './picture.js';

/** px to pt. */
export const PT = 0.75;

/**
 * The bundled fonts: fonts/ of the package, found by walking up from this module, which is src/page/,
 * dist/page/, the CLI bundle dist/cli/ or one of its chunks in dist/cli/chunks/ (a fixed ../../ missed
 * the fonts from a chunk).
 */
export function fontFile(style: FontStyle): string {
  const file = findUp(import.meta.url, 4, (d) => {
    const f = path.join(d, 'fonts', `LiberationSans-${style}.ttf`);
    return existsSync(f) ? f : null;
  });
  if (file !== null) return file;
  throw new Error(`fonts/LiberationSans-${style}.ttf is missing from the installation`);
}

const STYLES: readonly FontStyle[] = ['Regular', 'Bold', 'Italic', 'BoldItalic'];
/**
 * The bundled fonts read once per process (src/page/ttf.ts), each when a document first uses it, and shared by every
 * document: reading them per PDF cost more than drawing it.
 */
const parsed = new Map<FontStyle, TrueType>();
export function face(st: FontStyle): TrueType {
  let f = parsed.get(st);
  if (!f) {
    f = new TrueType(readFileSync(fontFile(st)));
    parsed.set(st, f);
  }
  return f;
}

/** Characters the bundled font has no glyph for (printed as .notdef, a box), ignoring those that print nothing. */
export function lacksGlyph(cp: number): boolean {
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0xa0) || cp === 0xad || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e)) return false;
  if ((cp >= 0x2060 && cp <= 0x2064) || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0xfeff || (cp >= 0xe0100 && cp <= 0xe01ef)) return false;
  return face('Regular').glyphId(cp) === 0;
}

/** Numbers in content streams: 1/1000 of a px is far below a printer's dot. */
const num = (n: number): string => String(Math.round(n * 1000) / 1000);
const hex4 = (n: number): string => (n < 0x10 ? '000' : n < 0x100 ? '00' : n < 0x1000 ? '0' : '') + n.toString(16);

/**
 * One style of the bundled font in one PDF: the glyphs its text used, each a CID (Identity-H) in the order first
 * used, embedded at the end as a TrueType subset of those glyphs (a CIDFontType2 with its widths and a ToUnicode
 * map, as PDFKit embeds a font). The text is drawn with glyphs the page model has already placed (drawText), so no
 * shaping runs. PDFKit calls ref() and finalize() as for its own fonts (the document's font families).
 */
class SubsetFont {
  private readonly gids: number[] = [0];
  private readonly cids = new Map<number, number>();
  private readonly unicode: number[] = [0];
  private readonly widths: number[];
  private dictionary: Ref | null = null;
  private embedded = false;
  readonly scale: number;

  constructor(
    private readonly document: Doc,
    readonly face: TrueType,
    readonly id: string,
    private readonly tag: string,
  ) {
    this.scale = 1000 / face.metrics.unitsPerEm;
    this.widths = [face.advance(0) * this.scale];
  }

  private readonly byChar = new Map<number, number>();
  /** Each CID as the 4 hex digits a string of Identity-H codes holds. */
  readonly hex: string[] = ['0000'];

  /**
   * The CID of a character. A character the font has no glyph for gets a CID of its own drawn with .notdef (a box):
   * its ToUnicode entry keeps the character, so the text layer still has it.
   */
  cid(cp: number): number {
    let c = this.byChar.get(cp);
    if (c !== undefined) return c;
    const gid = this.face.glyphId(cp);
    c = gid === 0 ? undefined : this.cids.get(gid);
    if (c === undefined) {
      c = this.gids.length;
      this.gids.push(gid);
      if (gid !== 0) this.cids.set(gid, c);
      this.unicode.push(cp);
      this.widths.push(this.face.advance(gid) * this.scale);
      this.hex.push(hex4(c));
    }
    this.byChar.set(cp, c);
    return c;
  }

  /** Advance of a CID, 1/1000 em. */
  width(cid: number): number {
    return this.widths[cid]!;
  }

  ref(): Ref {
    return (this.dictionary ??= this.document.ref({}));
  }

  /** The subset's glyphs: its program, compressed, is the same for the same key. */
  private key(): string {
    return `${this.tag}/${this.gids.join(',')}`;
  }

  private program: { readonly key: string; readonly length: number; readonly bytes: Buffer } | null = null;

  /**
   * The font program subset and compressed ahead of finalize(), on libuv's thread pool (as deflatedOnce compresses
   * it, zlib's defaults: the same bytes), for a font the document uses.
   */
  async prepare(): Promise<void> {
    if (this.embedded || this.dictionary === null) return;
    const key = this.key();
    const known = deflatedStreams.get(key);
    if (known) {
      this.program = { key, ...known };
      return;
    }
    const raw = this.face.subset(this.gids);
    const d = { length: raw.length, bytes: await deflated(raw) };
    keepDeflated(key, d);
    this.program = { key, ...d };
  }

  finalize(): void {
    if (this.embedded || this.dictionary === null) return;
    this.embed(this.dictionary);
    this.embedded = true;
  }

  private embed(dict: Ref): void {
    const m = this.face.metrics;
    const k = this.scale;
    const key = this.key();
    const program = this.program?.key === key ? this.program : deflatedOnce(key, () => this.face.subset(this.gids));
    // Length1: the font program's own length, which a FontFile2 stream names (PDF 1.7, 9.9).
    const fontFile = this.document.ref({ Length1: program.length, ...compressed(this.document) });
    fontFile.end(program.bytes);
    // CIDSet (PDF 1.7, 9.8.3.4): a bit per CID the font program holds, CID 0 the high bit of the first byte. With the
    // Identity CIDToGIDMap the CIDs are the subset's glyphs: each CID used (0, .notdef, included) and the components
    // of composite glyphs after them. PDF/A-1 wants it in a subset CID font; PDF/A-2 (6.2.11.4.2) wants it, if
    // present, to name every CID of the program.
    const cidSet = deflatedOnce(`CIDSet/${key}`, () => cidSetBits(this.face.subsetOrder(this.gids).length));
    const cidSetRef = this.document.ref(compressed(this.document));
    cidSetRef.end(cidSet.bytes);
    const familyClass = m.familyClass >> 8;
    let flags = 1 << 2;
    if (m.fixedPitch) flags |= 1 << 0;
    if (familyClass >= 1 && familyClass <= 7) flags |= 1 << 1;
    if (familyClass === 10) flags |= 1 << 3;
    if (m.italic) flags |= 1 << 6;
    // A fixed subset tag per style: the same bytes run to run.
    const name = `${this.tag}+${m.postscriptName.replaceAll(' ', '_')}`;
    const descriptor = this.document.ref({
      Type: 'FontDescriptor',
      FontName: name,
      Flags: flags,
      FontBBox: m.bbox.map((v) => v * k),
      ItalicAngle: m.italicAngle,
      Ascent: m.ascent * k,
      Descent: m.descent * k,
      CapHeight: (m.capHeight || m.ascent) * k,
      XHeight: m.xHeight * k,
      StemV: 0,
      FontFile2: fontFile,
      CIDSet: cidSetRef,
    });
    descriptor.end();
    const descendant = this.document.ref({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: name,
      CIDSystemInfo: { Registry: new String('Adobe'), Ordering: new String('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      W: [0, this.widths],
      CIDToGIDMap: 'Identity',
    });
    descendant.end();
    const cmap = this.document.ref(compressed(this.document));
    const ranges: string[] = [];
    for (let s = 0; s < this.unicode.length; s += 256) {
      const e = Math.min(s + 256, this.unicode.length);
      const entries = this.unicode.slice(s, e).map((cp) => `<${utf16hex(cp)}>`);
      ranges.push(`<${hex4(s)}> <${hex4(e - 1)}> [${entries.join(' ')}]`);
    }
    const text = (
      `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo <<\n  /Registry (Adobe)\n  /Ordering (UCS)\n  /Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000><ffff>\nendcodespacerange\n${ranges.length} beginbfrange\n${ranges.join('\n')}\nendbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend`
    );
    // PDFKit ends a string with a newline and writes each character as one byte.
    cmap.end(deflatedOnce(text, () => Buffer.from(`${text}\n`, 'latin1')).bytes);
    dict.data = { Type: 'Font', Subtype: 'Type0', BaseFont: name, Encoding: 'Identity-H', DescendantFonts: [descendant], ToUnicode: cmap };
    dict.end();
  }
}

/**
 * A stream PDFKit compresses (zlib's defaults, as its PDFReference does), compressed here once per process for each
 * content: the PDFs of a build often embed the same subset of a style (the same glyphs in the same order) and the
 * same ToUnicode map, and subsetting and compressing them cost ~1 ms a PDF. Written as PDFKit writes a compressed
 * stream (compressed()): the same bytes.
 */
const deflatedStreams = new Map<string, { readonly length: number; readonly bytes: Buffer }>();
function deflatedOnce(key: string, raw: () => Uint8Array): { readonly length: number; readonly bytes: Buffer } {
  let d = deflatedStreams.get(key);
  if (!d) {
    const bytes = raw();
    d = { length: bytes.length, bytes: deflateSync(bytes) };
    keepDeflated(key, d);
  }
  return d;
}

function keepDeflated(key: string, d: { readonly length: number; readonly bytes: Buffer }): void {
  // A bound on what is kept: a few MB.
  if (deflatedStreams.size >= 256) deflatedStreams.clear();
  deflatedStreams.set(key, d);
}

/**
 * The start of the dictionary of a stream written already compressed: PDFKit compresses no stream that has a
 * Filter, and its dictionary then reads as PDFKit writes one it compressed (Length, then Filter).
 */
function compressed(doc: Doc): Record<string, unknown> {
  if ((doc as Doc & { compress?: boolean }).compress === false) throw new Error('PDFKit set not to compress');
  return { Length: 0, Filter: 'FlateDecode' };
}

const utf16hex = (cp: number): string => {
  if (cp <= 0xffff) return hex4(cp);
  const v = cp - 0x10000;
  return `${hex4(0xd800 | ((v >>> 10) & 0x3ff))} ${hex4(0xdc00 | (v & 0x3ff))}`;
};

const styleOf = (r: Run): FontStyle => fontStyle(r.bold, r.italic);

const xmlEsc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
// eslint-disable-next-line no-control-regex
const clean = (s: string): string => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
const isoDate = (d: Date): string => d.toISOString().split('.')[0] + 'Z';

/** A PDF object of PDFKit's (its ref()). */
export interface Ref {
  data: Record<string, unknown>;
  end: (chunk?: Buffer | string) => void;
}

export type Doc = PDFKit.PDFDocument & {
  _addInfo: () => void;
  _root: { data: Record<string, unknown> };
  info: Record<string, unknown>;
  appendXML: (xml: string, newline?: boolean) => void;
  ref: (data: Record<string, unknown>) => Ref;
  addContent: (data: string) => Doc;
  page: { fonts: Record<string, unknown> };
  _fontFamilies: Record<string, unknown>;
  /** The bundled fonts of this document by style (drawText). */
  sopFonts: Map<FontStyle, SubsetFont>;
};

/** How a page is drawn into the PDF, its content then sealed (NativePdf sealPage); a test draws it otherwise. */
export type PageDrawing = (pdf: Doc, page: PageModel, root: PDFKit.PDFStructureElement, sealPage: () => Promise<void>) => Promise<void>;

const drawnSealed: PageDrawing = async (pdf, page, root, sealPage) => {
  drawPage(pdf, page, root);
  await sealPage();
};

/** Draws the document to PDF bytes. */
export async function renderNativePdf(doc: DocumentModel, meta: PdfMeta, draw: PageDrawing = drawnSealed): Promise<Uint8Array> {
  const { pdf, root, sealPage, finish } = await openNativePdf(meta);
  for (let i = 0; i < doc.pages.length; i++) {
    const page = doc.pages[i]!;
    pdf.addPage({ size: [page.width * PT, page.height * PT], margin: 0 });
    if (i === 0) pdf.outline.addItem(meta.outline.identity);
    if (i === doc.procedureStart) pdf.outline.addItem(meta.outline.procedure);
    await draw(pdf, page, root, sealPage);
  }
  return finish();
}

/** What a native PDF is drawn into: the document set up as PDF/A-2b (openNativePdf), its structure root, and the end. */
export interface NativePdf {
  readonly pdf: Doc;
  readonly root: PDFKit.PDFStructureElement;
  /**
   * The current page's content, drawn: compressed now on libuv's thread pool (what PDFKit would compress on the main
   * thread when the page ends), the same bytes; optional (content written after it is compressed by PDFKit).
   */
  sealPage(): Promise<void>;
  /** Ends the structure and the document: its bytes. */
  finish(): Promise<Uint8Array>;
}

/**
 * A PDFKit document set up as every native PDF is (PDF/A-2b, tagged, no default font: drawText adds the bundled
 * fonts' subsets on first use; the metadata of `meta`), for the caller to add pages to and draw them with drawPage (the book,
 * src/page/book.ts, draws many SOPs into one).
 */
export async function openNativePdf(meta: Omit<PdfMeta, 'outline'>): Promise<NativePdf> {
  const { default: PDFDocument } = await import('pdfkit');
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
    // No default font (PDFKit's Helvetica): every font of the document is the bundled one, added on first use.
    font: null as unknown as string,
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
  pdf.sopFonts = new Map();
  pdf._root.data['PageMode'] = 'UseOutlines';

  // What PDFKit wrote while it was made (the header) comes through its stream; everything after is kept here as it
  // comes (writePieces), the strings joined, and turned into bytes once.
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const pieces = writePieces(pdf);
  let seal: () => Promise<void> = async () => {};
  pdf.on('pageAdded', () => (seal = joinContent(pdf.page as unknown as ContentPage)));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });
  const root = pdf.struct('Document');
  pdf.addStructure(root);
  return {
    pdf,
    root,
    sealPage: () => seal(),
    async finish(): Promise<Uint8Array> {
      root.end();
      countOutline(pdf);
      // The fonts' subsets compressed on libuv's pool before PDFKit embeds them as the document ends.
      await Promise.all([...pdf.sopFonts.values()].map((f) => f.prepare()));
      pdf.end();
      await done;
      return new Uint8Array(Buffer.concat((chunks as Uint8Array[]).concat(pieces())));
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
  // The procedure table's structure: Table, THead and TBody, a TR per row, a TH or TD per cell holding its lines.
  // Cells without text (and the flow drawing's labels, which are paragraphs of the page) have none.
  let table: PDFKit.PDFStructureElement | null = null;
  const parts = new Map<boolean, PDFKit.PDFStructureElement>();
  const trs = new Map<number, PDFKit.PDFStructureElement>();
  const tds = new Map<number, PDFKit.PDFStructureElement>();
  const cellOf = (c: TableCell): PDFKit.PDFStructureElement => {
    let td = tds.get(c.id);
    if (td) return td;
    if (!table) {
      table = pdf.struct('Table');
      sect.add(table);
    }
    let part = parts.get(c.header);
    if (!part) {
      part = pdf.struct(c.header ? 'THead' : 'TBody');
      table.add(part);
      parts.set(c.header, part);
    }
    let tr = trs.get(c.row);
    if (!tr) {
      tr = pdf.struct('TR');
      part.add(tr);
      trs.set(c.row, tr);
    }
    td = pdf.struct(c.header ? 'TH' : 'TD', c.header ? ({ scope: 'Column' } as PDFKit.Mixins.StructureElementOptions) : {});
    tr.add(td);
    tds.set(c.id, td);
    return td;
  };
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
        // The path is written as one piece of content (PDFKit turns each operator into its own buffer).
        pdf.lineWidth(1).lineCap('butt').strokeColor('#000000');
        let path = '';
        while (i < marks.length) {
          const n = marks[i]!;
          if (n.kind === 'rect' && n.role === 'cell') path += `${num(n.x)} ${num(n.y)} ${num(n.w)} ${num(n.h)} re\n`;
          else if (n.kind === 'line' && (n.role === 'rule' || n.role === 'underline')) path += `${num(n.x1)} ${num(n.y1)} m\n${num(n.x2)} ${num(n.y2)} l\n`;
          else break;
          i++;
        }
        pdf.addContent(`${path}S`);
      });
      continue;
    }
    if (m.kind === 'line') {
      // Arrow pieces: one path, then the heads.
      const heads: Mark[] = [];
      artifact(() => {
        pdf.lineWidth(1.2).lineCap('square').strokeColor('#000000').fillColor('#000000');
        let path = '';
        while (i < marks.length) {
          const n = marks[i]!;
          if (n.kind !== 'line' || n.role !== 'flow') break;
          path += `${num(n.x1)} ${num(n.y1)} m\n${num(n.x2)} ${num(n.y2)} l\n`;
          if (n.arrow) heads.push(n);
          i++;
        }
        pdf.addContent(`${path}S`);
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
        if (m.cell) cellOf(m.cell).add(() => drawText(pdf, m));
        else sect.add(pdf.struct(m.heading ? 'H1' : 'P', {}, () => drawText(pdf, m)));
        break;
      case 'image':
        // Checked again and guarded: what PDFKit throws is a PictureError naming the logo (src/page/picture.ts).
        artifact(() => embedPicture(pdf, m));
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

/** The bundled font of a style in this document, made on first use. */
function fontOf(pdf: Doc, st: FontStyle): SubsetFont {
  let f = pdf.sopFonts.get(st);
  if (!f) {
    f = new SubsetFont(pdf, face(st), `LS${STYLES.indexOf(st) + 1}`, `LIBSA${'ABCD'[STYLES.indexOf(st)]!}`);
    pdf.sopFonts.set(st, f);
    pdf._fontFamilies[`sop-${st}`] = f;
  }
  return f;
}

/**
 * A line of text: its runs one after the other from where the page model starts it, each character the font's glyph
 * at its advance, kerned by the pairs the page model measured the line with (src/layout/kerning.ts), in one text
 * object written at once.
 */
function drawText(pdf: Doc, t: TextMark): void {
  const start = t.anchor === 'start' ? t.x : t.anchor === 'middle' ? t.x - t.width / 2 : t.x - t.width;
  // Black, as PDFKit's fillColor('#000000') writes it.
  let s = `/DeviceRGB cs\n0 0 0 scn\nBT\n1 0 0 -1 ${num(start)} ${num(t.y)} Tm\n`;
  /** Advance of what is drawn, 1/1000 em. */
  let w = 0;
  for (const r of t.runs) {
    const text = clean(r.text);
    if (text === '') continue;
    const st = styleOf(r);
    const f = fontOf(pdf, st);
    if (pdf.page.fonts[f.id] === undefined) pdf.page.fonts[f.id] = f.ref();
    s += `/${f.id} ${num(t.size)} Tf\n[<`;
    kernedCodePoints(text, st, (cp, k) => {
      if (k !== 0) {
        s += `> ${num(-k)} <`;
        w += k;
      }
      const cid = f.cid(cp);
      s += f.hex[cid]!;
      w += f.width(cid);
    });
    s += '>] TJ\n';
  }
  pdf.addContent(s + 'ET');
  if (t.underline) {
    const uy = t.y + t.size * 0.1;
    pdf.lineWidth(t.size * 0.08).strokeColor('#000000');
    pdf.moveTo(start, uy).lineTo(start + (w * t.size) / 1000, uy).stroke();
  }
}
