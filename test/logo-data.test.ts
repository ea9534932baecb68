/**
 * A logo's image data, not only its header and chunks, is checked before anything draws it (the hostile probe after
 * 2026-12-06): a PNG whose chunks and CRCs are whole but whose IDAT is not zlib, or has a row filter 9, passed
 * `sop check` and crashed `sop book` and `sop build --format pdf` in png-js (a stack trace, exit 1); one whose IDAT
 * inflates to 2 GB took 12 s and 4 GB; an RGB PNG with a broken stream, or a JPEG of 0, 2 or 5 components, gave a
 * PDF whose image no reader shows. All are SOP506 now, and never reach the PDF writer.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawableSize, imageProblem } from '../src/util/image-check.js';
import { chunk, jpeg, png, pngRows, zeroBomb } from './helpers/png.js';
import { runCliAsync } from './helpers/cli.js';
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
