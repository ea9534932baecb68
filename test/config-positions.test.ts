/**
 * sop.config.json's diagnostics point at what they are about: SOP117 at the hidden characters of a value, SOP503 at
 * the control character, the too-long header word, the unknown key, the value of the wrong kind; not at 1:1 of the
 * file (issue 22 leftovers). Any JSON that JSON.parse takes is located as JSON.parse reads it (escapes decoded, the
 * last of duplicate keys); a text that cannot be located falls back to 1:1, never an exception.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hiddenInConfig, validateConfig, type SopConfig } from '../src/model/config.js';
import { jsonRange, positionAt, type JsonPlace } from '../src/util/json-position.js';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

/** The text a range covers. */
const slice = (text: string, place: JsonPlace): string | null => {
  const r = jsonRange(text, place);
  return r ? text.slice(r.start.offset, r.end.offset) : null;
};

describe('jsonRange: where a value of a JSON text is written', () => {
  it('values, keys and items, nested', () => {
    const text = '{\n  "paper": "F4",\n  "headers": { "output": "Keluaran" },\n  "instansi": ["A", "B"]\n}';
    expect(slice(text, { path: ['paper'] })).toBe('"F4"');
    expect(slice(text, { path: ['headers', 'output'] })).toBe('"Keluaran"');
    expect(slice(text, { path: ['headers', 'output'], key: true })).toBe('"output"');
    expect(slice(text, { path: ['instansi', 1] })).toBe('"B"');
    expect(jsonRange(text, { path: ['headers', 'output'] })!.start).toEqual({ line: 3, column: 26, offset: text.indexOf('"Keluaran"') });
  });

  it('a key written with escapes is the key JSON.parse reads', () => {
    const text = '{"hea\\u0064ers": {"out\\u0070ut": "x"}}';
    expect(slice(text, { path: ['headers', 'output'] })).toBe('"x"');
  });

  it('duplicate keys: the last one, as JSON.parse takes it, at every level', () => {
    const text = '{"headers": {"output": "first"}, "headers": {"waktu": "w", "output": "second", "output": "third"}}';
    expect((JSON.parse(text) as { headers: { output: string } }).headers.output).toBe('third');
    expect(slice(text, { path: ['headers', 'output'] })).toBe('"third"');
    // Only in a duplicate JSON.parse dropped: not there.
    expect(jsonRange('{"a": {"b": 1}, "a": {"c": 2}}', { path: ['a', 'b'] })).toBeNull();
  });

  it('characters of a string by their decoded index: escapes count as one character', () => {
    const text = '{"v": "a\\"b\\\\c\\u202ed\\ud83d\\ude00e😀f\\u200b"}';
    const v = (JSON.parse(text) as { v: string }).v;
    for (const ch of ['\u202e', 'd', 'e', 'f', '\u200b']) {
      const index = v.indexOf(ch);
      const raw = slice(text, { path: ['v'], index, length: ch.length })!;
      expect(JSON.parse(`"${raw}"`), ch).toBe(ch);
    }
    expect(JSON.parse(`"${slice(text, { path: ['v'], index: v.indexOf('\ud83d'), length: 2 })}"`)).toBe('😀');
  });

  it('lines after \\n, \\r\\n and \\r; columns in UTF-16 units', () => {
    const text = '{\r\n"a":\r"😀", "b": 1}';
    expect(jsonRange(text, { path: ['b'] })!.start).toEqual({ line: 3, column: 12, offset: text.indexOf('1') });
    expect(positionAt('x\r\ny', 3)).toEqual({ line: 2, column: 1, offset: 3 });
  });

  it('never throws: cut texts, garbage, nesting deeper than the stack, a path into a string or a number', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(jsonRange(deep, { path: [0, 0, 0] })).not.toBeNull();
    expect(jsonRange(`{"a": ${deep}}`, { path: ['a', 0, 0] })).not.toBeNull();
    const good = '{"headers": {"output": "x\\u200by"}, "instansi": ["a"]}';
    for (let cut = 0; cut < good.length; cut++) expect(() => jsonRange(good.slice(0, cut), { path: ['headers', 'output'], index: 1 })).not.toThrow();
    for (const text of ['', 'null', '"s"', '{', '{"a"', '{"a":}', '{"a" 1}', '[1,', '{"a": "\\', '\u0000', '{"a": 1,}']) {
      expect(() => jsonRange(text, { path: ['a', 0] }), JSON.stringify(text)).not.toThrow();
    }
    expect(jsonRange('{"a": "s"}', { path: ['a', 'b'] })).toBeNull();
    expect(jsonRange('{"a": 12}', { path: ['a', 0] })).toBeNull();
  });
});

/** A small deterministic PRNG (mulberry32). */
const rng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** JSON of `v` with each character escaped or not at random, and random white space (also \r\n) between tokens. */
function serialise(v: unknown, r: () => number): string {
  const ws = (): string => [' ', '', '\n  ', '\r\n', '\t'][Math.floor(r() * 5)]!;
  const str = (s: string): string =>
    `"${[...s]
      .map((ch) => {
        if (ch === '"' || ch === '\\') return `\\${ch}`;
        const must = ch.charCodeAt(0) < 0x20;
        if (!must && r() < 0.5) return ch;
        return [...ch].length === 1 ? ch.split('').map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join('') : ch;
      })
      .join('')}"`;
  if (typeof v === 'string') return str(v);
  if (Array.isArray(v)) return `[${ws()}${v.map((x) => serialise(x, r)).join(`${ws()},${ws()}`)}${ws()}]`;
  if (v && typeof v === 'object') {
    const members = Object.entries(v).map(([k, x]) => `${str(k)}${ws()}:${ws()}${serialise(x, r)}`);
    // A decoy written first: JSON.parse takes the member written last.
    if (r() < 0.3 && members.length > 0) members.unshift(`${str(Object.keys(v)[0]!)}:"decoy\\u200b"`);
    return `{${ws()}${members.join(`${ws()},${ws()}`)}${ws()}}`;
  }
  return JSON.stringify(v);
}

describe('property: every hidden run of a random config is found at its characters', () => {
  it('300 configs, random escapes, white space and duplicate keys', () => {
    const r = rng(22);
    const bits = ['Dinas', ' ', 'é', '😀', '"', '\\', '\t', '\u202e', '\u200b', '\u2066', '\u00ad', 'x'];
    const word = (): string => Array.from({ length: 1 + Math.floor(r() * 8) }, () => bits[Math.floor(r() * bits.length)]!).join('');
    let runs = 0;
    for (let n = 0; n < 300; n++) {
      const config = { instansi: [word(), word()], disahkanOleh: { jabatan: word(), nama: word() }, headers: { output: word() }, book: { words: { footer: word() } } };
      const text = serialise(config, r);
      const parsed = JSON.parse(text) as SopConfig;
      expect(validateConfig(parsed).ok, text).toBe(true);
      for (const h of hiddenInConfig(parsed)) {
        const range = jsonRange(text, h.place);
        expect(range, text).not.toBeNull();
        expect(JSON.parse(`"${text.slice(range!.start.offset, range!.end.offset)}"`), text).toBe(h.run);
        const lines = text.slice(0, range!.start.offset).split(/\r\n|\r|\n/);
        expect(range!.start.line).toBe(lines.length);
        expect(range!.start.column).toBe(lines[lines.length - 1]!.length + 1);
        runs++;
      }
    }
    expect(runs).toBeGreaterThan(300);
  });
});

describe('sop check: sop.config.json diagnostics at the line and column of the value', () => {
  const SOP = 'Nama SOP: A\nNomor SOP: N-1\nTanggal Pembuatan: 2024-01-01\nPelaksana:\n  - a: Kepala\nProsedur:\n  [a] Kegiatan\n';
  const check = (config: string): string => {
    const dir = tempDir('sop-config-pos-');
    writeFileSync(join(dir, 'sop.config.json'), config);
    writeFileSync(join(dir, 'a.sop'), SOP);
    const r = runCli(['check', '.', '--format', 'github'], { cwd: dir });
    return r.stdout + r.stderr;
  };

  it('SOP117 at the characters of each value, escaped or not, the last of duplicate keys', () => {
    const out = check('{\n  "instansi": ["Dinas", "Dinas \\u202eX"],\n  "headers": {"output": "a"}, "headers": {"output": "Out\u200fput"}\n}\n');
    expect(out).toMatch(/file=sop\.config\.json,line=2,col=32,endLine=2,endColumn=38,title=SOP117/);
    expect(out).toMatch(/file=sop\.config\.json,line=3,col=57,endLine=3,endColumn=58,title=SOP117/);
    expect(out).not.toMatch(/file=sop\.config\.json,line=1,/);
  });

  it('SOP503 at the control character, the too-long header word, the unknown key', () => {
    expect(check('{\n  "headers": {\n    "out\\u0070ut": "a\\tb\\u001bc"\n  }\n}\n')).toMatch(/file=sop\.config\.json,line=3,col=25,endLine=3,endColumn=31,title=SOP503/);
    expect(check(`{"paper": "A4",\n "headers": {"mutuBaku": "${'Kelengkapan '.repeat(20)}"}}`)).toMatch(/file=sop\.config\.json,line=2,col=26,.*title=SOP503/);
    expect(check('{\n\n  "papr": "A4"}')).toMatch(/file=sop\.config\.json,line=3,col=3,endLine=3,endColumn=9,title=SOP503/);
  });

  it('bad JSON at the character JSON.parse stopped at; what has no one place stays at 1:1 (the root not an object)', () => {
    expect(check('{"paper": "A4",}')).toMatch(/file=sop\.config\.json,line=1,col=16,endLine=1,endColumn=17,title=SOP503/);
    expect(check('[1]')).toMatch(/file=sop\.config\.json,line=1,col=1,endLine=1,endColumn=1,title=SOP503/);
  });
});
