/**
 * A logo's image data, not only its header and chunks, is checked before anything draws it (the hostile probe after
 * 2026-12-06): a PNG whose chunks and CRCs are whole but whose IDAT is not zlib, or has a row filter 9, passed
 * `sop check` and crashed `sop book` and `sop build --format pdf` in png-js (a stack trace, exit 1); one whose IDAT
 * inflates to 2 GB took 12 s and 4 GB; an RGB PNG with a broken stream, or a JPEG of 0, 2 or 5 components, gave a
 * PDF whose image no reader shows. All are SOP506 now, and never reach the PDF writer. There, png-js never reads a
 * logo (resvg decodes the PNGs PDFKit would hand it, and they print as their pixels), and what reaches the writer
 * unchecked is a PictureError naming the logo, never a crash.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/index.js';
import type { SopModel } from '../src/model/model.js';
import { buildDocument } from '../src/page/build.js';
import { NativeRun, nativeTasksOf } from '../src/page/build-native.js';
import { DrawPool } from '../src/page/native-pool.js';
import { renderNativePdf } from '../src/page/pdf.js';
import { PictureError, pictureFailure } from '../src/page/picture.js';
import type { DocumentModel } from '../src/page/types.js';
import { pdfMetaOf, type PdfMeta } from '../src/render/pdf.js';
import { drawableSize, imageProblem } from '../src/util/image-check.js';
import { chunk, jpeg, png, pngRows, zeroBomb } from './helpers/png.js';
import { runCliAsync } from './helpers/cli.js';
import { readPdfImages } from './helpers/pdf-read.js';
import { tempDir } from './helpers/tmp.js';

const JUNK = Buffer.alloc(257, 0x41);

/** A project with sops/pelayanan-tamu.sop and `logo` as sop.config.json's logo. */
function project(logo: Buffer, name = 'logo.png'): string {
  const dir = tempDir('sop-logo-data-');
  mkdirSync(join(dir, 'sops'));
  copyFileSync(join(import.meta.dirname, '../sops/pelayanan-tamu.sop'), join(dir, 'sops/pelayanan-tamu.sop'));
  writeFileSync(join(dir, name), logo);
  writeFileSync(join(dir, 'sop.config.json'), `{\n  "logo": "${name}"\n}\n`);
  return dir;
}

/** Sound logos of every PNG kind: each is drawn. */
const SOUND: Readonly<Record<string, Buffer>> = {
  rgba: png({ width: 10, height: 10 }),
  'rgba interlaced': png({ width: 10, height: 10, interlace: 1 }),
  'rgb 16-bit': png({ width: 5, height: 3, color: 2, depth: 16 }),
  'grey 1-bit interlaced': png({ width: 9, height: 9, color: 0, depth: 1, interlace: 1 }),
  // Adam7's later passes are empty for a 1x1 image: they have no rows, not even a filter byte.
  '1x1 interlaced': png({ width: 1, height: 1, interlace: 1 }),
  'palette 2-bit with tRNS': png({ width: 8, height: 8, color: 3, depth: 2, sample: (x) => x & 3, before: [chunk('PLTE', [255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0]), chunk('tRNS', [0])] }),
  'rgb with tRNS': png({ width: 4, height: 4, color: 2, before: [chunk('tRNS', [0, 255, 0, 0, 0, 0])] }),
  'rows filtered 4 (Paeth)': png({ width: 6, height: 6, filter: 4 }),
};

/** Hostile logos whose chunks and CRCs are whole: each is 'corrupt'. */
const HOSTILE: Readonly<Record<string, () => Buffer>> = {
  'RGBA, IDAT not zlib': () => png({ width: 10, height: 10, idat: JUNK }),
  'interlaced, IDAT not zlib': () => png({ width: 10, height: 10, color: 2, interlace: 1, idat: JUNK }),
  'RGB, IDAT not zlib': () => png({ width: 10, height: 10, color: 2, idat: JUNK }),
  'filter byte 9': () => png({ width: 10, height: 10, filter: 9 }),
  'a row short': () => png({ width: 10, height: 10, idat: deflateSync(pngRows({ width: 10, height: 9 })) }),
  'a row too many': () => png({ width: 10, height: 10, idat: deflateSync(pngRows({ width: 10, height: 11 })) }),
  'stream cut short': () => png({ width: 10, height: 10, idat: deflateSync(pngRows({ width: 10, height: 10 })).subarray(0, 20) }),
  'palette image without PLTE': () => png({ width: 4, height: 4, color: 3, sample: () => 0 }),
  'PLTE in a grey image': () => png({ width: 4, height: 4, color: 0, before: [chunk('PLTE', [0, 0, 0])] }),
  'tRNS of the wrong length': () => png({ width: 4, height: 4, color: 2, before: [chunk('tRNS', [0, 1])] }),
  'tRNS in an RGBA image': () => png({ width: 4, height: 4, before: [chunk('tRNS', [0, 1])] }),
};

describe("a logo's image data is checked, not only its header and chunks", () => {
  it('imageProblem: sound PNGs of every kind pass; IDAT not zlib, filter 9, rows short or over, PLTE and tRNS misplaced are corrupt', () => {
    for (const [name, bytes] of Object.entries(SOUND)) {
      expect(imageProblem(bytes, 'png'), name).toBeNull();
      expect(drawableSize('image/png', bytes), name).not.toBeNull();
    }
    for (const [name, make] of Object.entries(HOSTILE)) {
      const bytes = make();
      expect(imageProblem(bytes, 'png'), name).toBe('corrupt');
      expect(drawableSize('image/png', bytes), name).toBeNull();
    }
  });

  it('a 2 MB PNG of 100x100 px whose IDAT inflates to 2 GB is refused without inflating it (under a second, little memory)', () => {
    const bomb = png({ width: 100, height: 100, idat: zeroBomb(2) });
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const t0 = performance.now();
    const rss0 = process.memoryUsage().rss;
    expect(imageProblem(bomb, 'png')).toBe('corrupt');
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(64 * 1024 * 1024);
  });

  it('JPEG: a frame of 0 components or a wrong length is corrupt; 2 or 5 components, 12 bits, lossless or arithmetic coding unsupported', () => {
    expect(imageProblem(jpeg({ components: 3 }), 'jpeg')).toBeNull();
    expect(imageProblem(jpeg({ components: 1 }), 'jpeg')).toBeNull();
    expect(imageProblem(jpeg({ components: 4, marker: 0xc2 }), 'jpeg')).toBeNull();
    expect(imageProblem(jpeg({ components: 0 }), 'jpeg')).toBe('corrupt');
    for (const n of [2, 5]) expect(imageProblem(jpeg({ components: n }), 'jpeg'), `${n} components`).toBe('unsupported');
    expect(imageProblem(jpeg({ components: 3, precision: 12 }), 'jpeg')).toBe('unsupported');
    for (const marker of [0xc3, 0xc9]) expect(imageProblem(jpeg({ components: 3, marker }), 'jpeg'), marker.toString(16)).toBe('unsupported');
    // A DAC segment (0xFFCC) before the frame: PDFKit would read it as the frame.
    const dac = jpeg({ components: 3 });
    const withDac = Buffer.concat([dac.subarray(0, 2), Buffer.from([0xff, 0xcc, 0, 4, 0, 0]), dac.subarray(2)]);
    expect(imageProblem(withDac, 'jpeg')).toBe('corrupt');
  });
});

describe('sop check refuses such a logo (SOP506); book and build never draw it', () => {
  const cases: [string, Buffer, string][] = [
    ['RGBA, IDAT not zlib', HOSTILE['RGBA, IDAT not zlib']!(), 'logo.png'],
    ['interlaced, IDAT not zlib', HOSTILE['interlaced, IDAT not zlib']!(), 'logo.png'],
    ['filter byte 9', HOSTILE['filter byte 9']!(), 'logo.png'],
    ['RGB, IDAT not zlib', HOSTILE['RGB, IDAT not zlib']!(), 'logo.png'],
    ['JPEG of 5 components', jpeg({ components: 5 }), 'logo.jpg'],
  ];
  for (const [what, bytes, name] of cases) {
    it(`${what}: check exit 1 with SOP506 on sop.config.json; book and build --format pdf exit 1, no stack trace, nothing written`, async () => {
      const dir = project(bytes, name);
      const check = await runCliAsync(['check'], { cwd: dir });
      expect(check.code, check.stdout).toBe(1);
      expect(check.stdout).toContain('[SOP506]');
      expect(check.stdout).toContain('sop.config.json:2:11');
      expect(check.stdout).toContain(name.endsWith('.jpg') ? 'jenis JPEG ini tidak dapat dimuat dalam PDF' : 'rusak atau terpotong');
      for (const args of [
        ['book', '-o', 'out/b.pdf'],
        ['build', '--format', 'pdf'],
      ]) {
        const r = await runCliAsync(args, { cwd: dir });
        expect(r.stderr, args[0]).not.toMatch(/\n\s+at |incorrect header check|Invalid filter|Node\.js v/);
        expect(r.code, `${args[0]}: ${r.stderr}`).toBe(1);
        expect(r.stderr, args[0]).toContain('SOP506');
      }
      expect(existsSync(join(dir, 'out/b.pdf'))).toBe(false);
      expect(existsSync(join(dir, 'out/pelayanan-tamu.pdf'))).toBe(false);
    }, 120_000);
  }

  it('the 2 GB bomb: check refuses it in seconds; the book is not drawn', async () => {
    const dir = project(png({ width: 100, height: 100, idat: zeroBomb(2) }));
    const t0 = performance.now();
    const check = await runCliAsync(['check'], { cwd: dir, killAfterMs: 60_000 });
    expect(check.code, check.stdout).toBe(1);
    expect(check.stdout).toContain('SOP506');
    const book = await runCliAsync(['book', '-o', 'out/b.pdf'], { cwd: dir, killAfterMs: 60_000 });
    expect(book.code, book.stderr).toBe(1);
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(existsSync(join(dir, 'out/b.pdf'))).toBe(false);
  }, 120_000);
});

/** A small SOP printing `logo`. */
const sopWithLogo = (i: number, logo: string): string =>
  `Nama SOP: Logo ${i}\nNomor SOP: L-${i}\nTanggal Pembuatan: 2023-08-31\nLogo: ${logo}\nPelaksana:\n  - a: Kepala\nProsedur:\n  [a] Mulai\n  [a] Selesai\n`;

type Rgba = readonly [number, number, number, number];
const PALETTE = [255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0];
const red = (x: number): boolean => x < 4;

/** Logos PDFKit would decode itself with png-js (alpha, interlaced, tRNS), and the pixels each must print as. */
const FAITHFUL: readonly [string, Buffer, (x: number, y: number) => Rgba][] = [
  ['grey 1-bit interlaced', png({ width: 9, height: 9, color: 0, depth: 1, interlace: 1, sample: (x, y) => (x + y) & 1 }), (x, y) => ((x + y) & 1 ? [255, 255, 255, 255] : [0, 0, 0, 255])],
  [
    'palette 2-bit with tRNS',
    png({ width: 8, height: 3, color: 3, depth: 2, sample: (x) => x & 3, before: [chunk('PLTE', PALETTE), chunk('tRNS', [0])] }),
    (x) => (x & 3 ? [PALETTE[(x & 3) * 3]!, PALETTE[(x & 3) * 3 + 1]!, PALETTE[(x & 3) * 3 + 2]!, 255] : [0, 0, 0, 0]),
  ],
  [
    'RGB with tRNS',
    png({ width: 8, height: 2, color: 2, sample: (x, _y, c) => (red(x) ? [255, 0, 0] : [0, 0, 255])[c]!, before: [chunk('tRNS', [0, 255, 0, 0, 0, 0])] }),
    (x) => (red(x) ? [0, 0, 0, 0] : [0, 0, 255, 255]),
  ],
  ['grey with tRNS', png({ width: 8, height: 2, color: 0, sample: (x) => (red(x) ? 0 : 200), before: [chunk('tRNS', [0, 200])] }), (x) => (red(x) ? [0, 0, 0, 255] : [0, 0, 0, 0])],
  [
    'RGBA 16-bit interlaced, half transparent',
    png({ width: 8, height: 8, depth: 16, interlace: 1, sample: (x, y, c) => (c === 3 ? (y < 4 ? 65535 : 32896) : (red(x) ? [65535, 0, 0] : [0, 0, 65535])[c]!) }),
    (x, y) => [red(x) ? 255 : 0, 0, red(x) ? 0 : 255, y < 4 ? 255 : 128],
  ],
  ['grey and alpha', png({ width: 6, height: 2, color: 4, sample: (x, _y, c) => (c ? 255 : x * 40) }), (x) => [x * 40, x * 40, x * 40, 255]],
  ['RGBA', png({ width: 6, height: 2, sample: (x, _y, c) => (c === 3 ? 255 : (red(x) ? [255, 0, 0] : [0, 0, 255])[c]!) }), (x) => (red(x) ? [255, 0, 0, 255] : [0, 0, 255, 255])],
  ['RGB 16-bit (embedded as it is)', png({ width: 8, height: 2, color: 2, depth: 16, sample: (x, _y, c) => (red(x) ? [65535, 0, 0] : [0, 0, 65535])[c]! }), (x) => (red(x) ? [255, 0, 0, 255] : [0, 0, 255, 255])],
];

describe('png-js never decodes a logo: PNGs PDFKit would decode are decoded by resvg, and print as their pixels', () => {
  it('grey 1-bit interlaced, palette and grey/RGB transparency, 16-bit alpha: the PDF image is the logo pixel for pixel', async () => {
    const dir = tempDir('sop-logo-faithful-');
    FAITHFUL.forEach(([, bytes], i) => {
      writeFileSync(join(dir, `logo${i}.png`), bytes);
      writeFileSync(join(dir, `s${i}.sop`), sopWithLogo(i, `logo${i}.png`));
    });
    const r = await runCliAsync(['build', '.', '--format', 'pdf', '--out', 'out'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    for (const [i, [name, , want]] of FAITHFUL.entries()) {
      const images = await readPdfImages(readFileSync(join(dir, `out/s${i}.pdf`)));
      expect(images.length, name).toBeGreaterThan(0);
      const img = images[0]!;
      const wrong: string[] = [];
      for (let y = 0; y < img.height; y++) {
        for (let x = 0; x < img.width; x++) {
          const got = Array.from(img.rgba.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));
          const exp = want(x, y);
          // A transparent pixel has no colour; a half transparent one is rounded once (resvg premultiplies).
          const ok = exp[3] === 0 ? got[3] === 0 : got.every((v, c) => Math.abs(v - exp[c]!) <= 2);
          if (!ok && wrong.length < 3) wrong.push(`(${x},${y}) ${got} != ${exp}`);
        }
      }
      expect(wrong, name).toEqual([]);
    }
  }, 120_000);
});

describe('sop build --jobs: the main thread still makes the page models of SOPs with such a logo', () => {
  it('once an earlier SOP has the logo decoded, nativeDocumentNow gives the page model a thread would make (the same PDF)', async () => {
    const { nativeDocument, nativeDocumentNow } = await import('../src/page/native.js');
    const model = compile(sopWithLogo(1, 'logo.png')).model;
    const input = { model, config: {}, logo: { mime: 'image/png', bytes: FAITHFUL[4]![1], name: 'logo.png' } };
    // The first SOP: not yet (its decoding is started), the thread makes it.
    expect(nativeDocumentNow(input)).toBeNull();
    const made = await nativeDocument(input);
    const now = nativeDocumentNow(input);
    expect(now).not.toBeNull();
    const meta = pdfMetaOf(model, new Date(1700000000000));
    expect(Buffer.from(await renderNativePdf(now!, meta)).equals(Buffer.from(await renderNativePdf(made, meta)))).toBe(true);
  });
});

describe('the PDF writer guards the logo: whatever reaches it unchecked is a PictureError naming it, never a crash', () => {
  const model = (): SopModel => compile(sopWithLogo(1, 'logo.png')).model;
  const meta = (m: SopModel): PdfMeta => pdfMetaOf(m, new Date(1700000000000));
  /** The page model with `bytes` as its logo, past drawableSize (as a caller that forgot it would hand it). */
  const withLogo = (m: SopModel, mime: string, bytes: Buffer): DocumentModel => buildDocument(m, { config: {}, logo: { mime, bytes, width: 10, height: 10, name: 'gambar/logo.png' } });

  it('on this thread: IDAT not zlib, filter 9, a JPEG of 5 components are refused with the logo named, in Indonesian and English', async () => {
    const m = model();
    for (const [what, mime, bytes] of [
      ['IDAT not zlib', 'image/png', HOSTILE['RGBA, IDAT not zlib']!()],
      ['interlaced, not zlib', 'image/png', HOSTILE['interlaced, IDAT not zlib']!()],
      ['filter 9', 'image/png', HOSTILE['filter byte 9']!()],
      ['JPEG of 5 components', 'image/jpeg', jpeg({ components: 5 })],
    ] as const) {
      const e = await renderNativePdf(withLogo(m, mime, bytes), meta(m)).then(
        () => null,
        (x: unknown) => x,
      );
      expect(e, what).toBeInstanceOf(PictureError);
      const line = pictureFailure(e as PictureError, 'id');
      expect(line, what).toMatch(/^gambar\/logo\.png: logo tidak dapat digambar: (berkas gambarnya rusak atau terpotong|jenis gambarnya tidak dapat dimuat dalam PDF)$/);
      expect(pictureFailure(e as PictureError, 'en'), what).toMatch(/^gambar\/logo\.png: the logo cannot be drawn: /);
    }
    // A sound logo is drawn as before.
    expect((await renderNativePdf(withLogo(m, 'image/png', SOUND['rgba']!), meta(m))).length).toBeGreaterThan(1000);
  });

  it('on a drawing thread (sop build --jobs): the failure comes back as the logo\'s, not a thread crash', async () => {
    const m = model();
    const entry = pathToFileURL(join(import.meta.dirname, '../dist/page/native-worker.js'));
    const pool = new DrawPool(entry, 1, (label, why) => `thread died drawing ${label} (${why})`);
    try {
      const r = await pool.draw('a.sop', { input: { model: m, config: {} }, meta: meta(m), svg: false, png: null, pages: { document: withLogo(m, 'image/png', HOSTILE['RGBA, IDAT not zlib']!()), sheet: null } });
      expect(r.pdf && 'error' in r.pdf ? r.pdf.picture : null).toEqual({ logo: 'gambar/logo.png', problem: 'corrupt', detail: '' });
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('sop build says it in one line naming the logo (gagal: a.sop (pdf): gambar/logo.png: …) and exits 2 (NativeRun.logoFailed)', async () => {
    const m = model();
    const picture = { logo: 'gambar/logo.png', problem: 'corrupt', detail: 'incorrect header check' } as const;
    const pool = { size: 1, submit: () => ({ result: Promise.resolve({ pdf: { error: 'x', picture } }), withdraw: () => false }) } as unknown as DrawPool;
    const run = new NativeRun(pool);
    run.add(nativeTasksOf({ file: 'a.sop', model: m, logoName: 'gambar/logo.png' }, ['pdf'], {}, { pdfEngine: 'native', pngScale: 1, lang: 'id' }, {}, undefined, () => '', () => {}, pool));
    const failures: string[] = [];
    await run.run(failures, () => false);
    expect(failures).toEqual(['a.sop (pdf): gambar/logo.png: logo tidak dapat digambar: berkas gambarnya rusak atau terpotong (incorrect header check)']);
    expect(run.logoFailed).toBe(true);
  });

  it('a throw from a library callback outside any await (as png-js threw from zlib) is one line, exit 3, no stack trace', async () => {
    const dir = tempDir('sop-callback-throw-');
    writeFileSync(join(dir, 'a.sop'), sopWithLogo(1, 'logo.png').replace('Logo: logo.png\n', ''));
    // Thrown from a callback once the command opens its SOP, with a line feed and a path in its message.
    writeFileSync(
      join(dir, 'throw.cjs'),
      [
        "const fs = require('node:fs');",
        'const open = fs.openSync;',
        'let thrown = false;',
        'fs.openSync = (...a) => {',
        "  if (!thrown && String(a[0]).endsWith('a.sop')) {",
        '    thrown = true;',
        "    setImmediate(() => { throw new Error('incorrect header check\\n    at /work/main/dist/cli/sop-build.cjs:1:1'); });",
        '  }',
        '  return open(...a);',
        '};',
      ].join('\n'),
    );
    for (const command of ['build', 'book']) {
      const r = await runCliAsync([command, 'a.sop'], { cwd: dir, env: { NODE_OPTIONS: `--require ${join(dir, 'throw.cjs')}` } });
      expect(r.code, `${command}: ${r.stderr}`).toBe(3);
      expect(r.stderr.trim().split('\n'), command).toEqual(['sop: kesalahan internal: incorrect header check␊    at /work/main/dist/cli/sop-build.cjs:1:1']);
    }
  }, 60_000);
});
