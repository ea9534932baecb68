/**
 * Issue 22: the native PDF is PDF/A-2b, checked by a validator. veraPDF is not
 * packaged for Debian or npm; Apache PDFBox's Preflight is (libpdfbox2-java),
 * a PDF/A-1b validator: it runs on every SOP of sops/, generated SOPs of 1 to
 * 12 lanes on A4 and F4 and the parity cases (long texts, loops across pages,
 * multi-lane steps, logos PNG and JPEG, italics, links:
 * test/helpers/parity-cases.ts), characters the font draws from composite
 * glyphs or lacks, and a `sop book` (links, bookmarks, footers). No error is
 * allowed but where PDF/A-1b and PDF/A-2b differ (EXPECTED, explained in
 * docs/rendering.md, "PDF/A"). Without Java or the jars the Preflight part is
 * skipped, except in CI (`CI` set), where it fails: .ci/run installs them.
 * The CIDSet and the outline's Count are also read back without Java.
 */
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFDocument, PDFNumber, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSop } from '../bench/generate.mjs';
import { runCliAsync } from './helpers/cli.js';
import { writeParityCases } from './helpers/parity-cases.js';
import { readPdf } from './helpers/pdf-read.js';
import { tempDir } from './helpers/tmp.js';

const sopsDir = join(import.meta.dirname, '../sops');
const NO_BROWSER = { SOP_CHROMIUM: '/tidak/ada/chromium' };
const JAVA_DIR = '/usr/share/java';
const JARS = ['preflight', 'pdfbox2', 'fontbox2', 'xmpbox', 'commons-logging', 'javax.activation', 'jaxb-api'].map((j) => join(JAVA_DIR, `${j}.jar`));

/** Why Preflight cannot run here, or null. */
function preflightMissing(): string | null {
  const jars = JARS.filter((j) => !existsSync(j));
  if (jars.length > 0) return `missing ${jars.join(', ')} (apt-get install libpdfbox2-java libactivation-java libjaxb-api-java)`;
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) return 'no java (apt-get install default-jre-headless)';
  return null;
}
const missing = preflightMissing();

/** PDFs with a PNG logo: its alpha channel is an image's SMask. */
const PNG_LOGO = new Set(['logo-png.pdf', 'f4-miring-logo.pdf', 'buku-sop.pdf']);

/**
 * What Preflight (PDF/A-1b) reports that PDF/A-2b allows, and in which PDFs. `always`: in every PDF (shows that
 * Preflight read the XMP metadata).
 */
const EXPECTED: readonly { code: string; details: RegExp; in: (file: string) => boolean; always?: boolean }[] = [
  // pdfaid:part 2: Preflight validates PDF/A-1 only.
  { code: '7.11.2', details: /^Error on MetaData, part must be 1$/, in: () => true, always: true },
  // A PNG logo's alpha: an image XObject's SMask. PDF/A-1 forbids transparency; PDF/A-2 permits it.
  { code: '2.2.2', details: /^Invalid graphics transparency, Soft Mask must be null or None \[COSDictionary\{.*COSName\{Subtype\}:COSName\{Image\}/, in: (f) => PNG_LOGO.has(f) },
];

/** Accented letters (composite glyphs in Liberation Sans: their parts join the subset) and characters the font lacks. */
const GLYPHS = readFileSync(join(sopsDir, 'penyusunan-duk.sop'), 'utf8')
  .replace(/^Nomor SOP: .*$/m, 'Nomor SOP: 000.8/99/DISKOPUKM.A')
  .replace(/^Nama SOP: .*$/m, 'Nama SOP: Penyusunan DUK Ångström')
  .replace('Menerima', 'Menerima café naïve ñ ç \u{1F600} \u6587 *Œuvre*');

let dir: string;
/** Every PDF built, by file name (unique across the projects). */
const pdfs = new Map<string, string>();

beforeAll(async () => {
  dir = tempDir('sop-pdfa-');
  const a4 = join(dir, 'a4');
  const f4 = join(dir, 'f4');
  const book = join(dir, 'book');
  for (const d of [a4, f4, book]) mkdirSync(d);
  for (const f of readdirSync(sopsDir)) {
    copyFileSync(join(sopsDir, f), join(a4, f));
    copyFileSync(join(sopsDir, f), join(book, f));
  }
  writeParityCases(a4, f4);
  for (let lanes = 1; lanes <= 12; lanes++) {
    const text = generateSop(300 + lanes, { steps: 8 + lanes, lanes });
    writeFileSync(join(a4, `gen-a4-${lanes}.sop`), text);
    writeFileSync(join(f4, `gen-f4-${lanes}.sop`), text);
  }
  writeFileSync(join(a4, 'glyphs.sop'), GLYPHS);
  // The book: sops/, a PNG logo, italics and links (Keterkaitan), the lacking and composite glyphs.
  for (const f of ['logo.png', 'logo-png.sop', 'miring.sop', 'glyphs.sop']) copyFileSync(join(a4, f), join(book, f));
  const runs = await Promise.all([
    runCliAsync(['build', '.', '--format', 'pdf', '--out', join(dir, 'out')], { cwd: a4, env: NO_BROWSER }),
    runCliAsync(['build', '.', '--format', 'pdf', '--out', join(dir, 'out-f4')], { cwd: f4, env: NO_BROWSER }),
    runCliAsync(['book', '.', '--out', join(dir, 'out-book', 'buku-sop.pdf')], { cwd: book, env: NO_BROWSER }),
  ]);
  for (const r of runs) expect(r.code, r.stderr).toBe(0);
  for (const out of ['out', 'out-f4', 'out-book']) for (const f of readdirSync(join(dir, out))) if (f.endsWith('.pdf')) pdfs.set(f, join(dir, out, f));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The indirect objects of a PDF that are dictionaries of `type`. */
async function dictsOf(file: string, type: string): Promise<{ doc: PDFDocument; dicts: PDFDict[] }> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const dicts: PDFDict[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) if (obj instanceof PDFDict && obj.get(PDFName.of('Type')) === PDFName.of(type)) dicts.push(obj);
  return { doc, dicts };
}

const streamBytes = (s: unknown): Buffer => {
  if (!(s instanceof PDFRawStream)) throw new Error('not a stream');
  return s.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode') ? inflateSync(s.contents) : Buffer.from(s.contents);
};

/** The glyph count of a TrueType font program (maxp.numGlyphs). */
function glyphCount(program: Buffer): number {
  for (let i = 0; i < program.readUInt16BE(4); i++) {
    if (program.toString('latin1', 12 + 16 * i, 16 + 16 * i) === 'maxp') return program.readUInt16BE(program.readUInt32BE(12 + 16 * i + 8) + 4);
  }
  throw new Error('no maxp');
}

describe('PDF/A structure read back (no Java needed)', () => {
  it('built every case: sops/, 1-12 lanes on A4 and F4, the parity cases, the glyphs, the book', () => {
    expect(pdfs.size).toBeGreaterThanOrEqual(8 + 24 + 13 + 7 + 1 + 1);
    for (const f of ['pelayanan-tamu.pdf', 'gen-a4-12.pdf', 'gen-f4-1.pdf', 'logo-jpeg.pdf', 'f4-miring-logo.pdf', 'glyphs.pdf', 'buku-sop.pdf']) expect(pdfs.has(f), f).toBe(true);
  });

  it('each subset font has a CIDSet naming every glyph of its font program (CID 0 too), and no other CID', async () => {
    for (const [name, file] of pdfs) {
      const { dicts } = await dictsOf(file, 'FontDescriptor');
      expect(dicts.length, name).toBeGreaterThanOrEqual(2);
      for (const d of dicts) {
        const font = `${name} ${String(d.get(PDFName.of('FontName')))}`;
        const glyphs = glyphCount(streamBytes(d.lookup(PDFName.of('FontFile2'))));
        const bits = streamBytes(d.lookup(PDFName.of('CIDSet')));
        expect(bits.length, font).toBe(Math.ceil(glyphs / 8));
        const set = Array.from({ length: bits.length * 8 }, (_, cid) => (bits[cid >> 3]! & (0x80 >> (cid & 7))) !== 0);
        expect(set.indexOf(false), font).toBe(glyphs % 8 === 0 ? -1 : glyphs);
        expect(set.lastIndexOf(true), font).toBe(glyphs - 1);
      }
    }
    // The accented letters bring their parts into the subset after the CIDs the text uses (the W array's): the
    // CIDSet names those too.
    const { dicts } = await dictsOf(pdfs.get('glyphs.pdf')!, 'Font');
    let composites = 0;
    for (const f of dicts.filter((x) => x.get(PDFName.of('Subtype')) === PDFName.of('CIDFontType2'))) {
      const used = f.lookup(PDFName.of('W'), PDFArray).lookup(1, PDFArray).size();
      const glyphs = glyphCount(streamBytes(f.lookup(PDFName.of('FontDescriptor'), PDFDict).lookup(PDFName.of('FontFile2'))));
      if (glyphs > used) composites++;
    }
    expect(composites, "a subset with composite glyphs' parts").toBeGreaterThanOrEqual(1);
  });

  it("the outline's root counts its open items (every bookmark: none has children)", async () => {
    for (const [name, file] of pdfs) {
      const bytes = readFileSync(file);
      const facts = await readPdf(bytes);
      const doc = await PDFDocument.load(bytes, { updateMetadata: false });
      const root = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
      const count = root.get(PDFName.of('Count'));
      expect(count instanceof PDFNumber ? count.asNumber() : count, name).toBe(facts.outline.length);
      expect(facts.outline.length, name).toBeGreaterThanOrEqual(2);
    }
  });
});

interface Preflight {
  readonly valid: boolean;
  readonly errors: { code: string; details: string }[];
}

const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Preflight on every file in one JVM (its `xml group` mode: one report next to the list), by file name. */
async function preflight(files: readonly string[]): Promise<Map<string, Preflight>> {
  const list = join(dir, 'preflight.txt');
  writeFileSync(list, `${files.join('\n')}\n`);
  await promisify(execFile)('java', ['-cp', JARS.join(':'), 'org.apache.pdfbox.preflight.Validator_A1b', 'xml', 'group', list], { cwd: dir, timeout: 180_000, maxBuffer: 64 << 20 });
  const xml = readFileSync(`${list}.preflight.xml`, 'utf8');
  const results = new Map<string, Preflight>();
  for (const m of xml.matchAll(/<preflight name="([^"]*)">([\s\S]*?)<\/preflight>/g)) {
    const body = m[2]!;
    const errors = [...body.matchAll(/<code>([^<]*)<\/code>\s*<details>([\s\S]*?)<\/details>/g)].map((e) => ({ code: e[1]!, details: unescape(e[2]!) }));
    results.set(unescape(m[1]!), { valid: /<isValid[^>]*>true<\/isValid>/.test(body), errors });
  }
  return results;
}

describe.skipIf(missing !== null && !process.env['CI'])('PDFBox Preflight (PDF/A-1b) finds nothing PDF/A-2b forbids', () => {
  let results: Map<string, Preflight>;
  let partOne: string;
  beforeAll(async () => {
    if (missing !== null) throw new Error(`PDFBox Preflight is needed in CI: ${missing}`);
    // One PDF with pdfaid:part 1 (the XMP is not compressed; the same length): valid PDF/A-1b as it is.
    partOne = join(dir, 'part-1.pdf');
    const bytes = readFileSync(pdfs.get('pelayanan-tamu.pdf')!);
    const at = bytes.indexOf('<pdfaid:part>2</pdfaid:part>');
    expect(at).toBeGreaterThan(0);
    bytes.write('1', at + '<pdfaid:part>'.length, 'latin1');
    writeFileSync(partOne, bytes);
    results = await preflight([...pdfs.values(), partOne]);
  }, 240_000);

  it('no error but the expected differences between PDF/A-1b and PDF/A-2b', () => {
    const unexpected: string[] = [];
    for (const name of pdfs.keys()) {
      const r = results.get(name);
      expect(r, `Preflight's report on ${name}`).toBeDefined();
      for (const e of r!.errors) if (!EXPECTED.some((x) => x.code === e.code && x.details.test(e.details) && x.in(name))) unexpected.push(`${name}: ${e.code} ${e.details}`);
      for (const x of EXPECTED.filter((y) => y.always)) expect(r!.errors.some((e) => e.code === x.code && x.details.test(e.details)), `${name}: ${x.code}`).toBe(true);
    }
    expect(unexpected).toEqual([]);
  });

  it('a PDF whose XMP says part 1 is valid PDF/A-1b outright', () => {
    expect(results.get(basename(partOne))).toEqual({ valid: true, errors: [] });
  });
});
