/**
 * What `sop` prints to a terminal (issue 12 item 5): text from a file never
 * reaches the terminal as control characters; they are rendered visibly.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { terminalSafe } from '../src/cli/terminal.js';
import { visible } from '../src/util/text.js';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

const dir = tempDir('sop-term-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A title escape (OSC 0), a bell, a clear screen, a colour, a C1 CSI and a right-to-left override.
const HOSTILE = 'Nama SOP: x\u001b]0;PWNED\u0007\u001b[2J\nDasar\u001b[31m Hukum: y\u009b2J \u202e kiri\n';
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;

describe('control characters from a file reach no terminal raw', () => {
  writeFileSync(join(dir, 'esc.sop'), HOSTILE);

  for (const format of ['pretty', 'github']) {
    it(`sop check --format ${format}`, () => {
      const r = runCli(['check', 'esc.sop', '--format', format], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stdout).not.toMatch(RAW);
      if (format === 'pretty') expect(r.stdout).toContain('Nama SOP: x␛]0;PWNED␇␛[2J');
      expect(r.stdout).toContain('Dasar␛[31m Hukum: y\\u009b2J \\u202e kiri');
    });
  }

  it('sop check --format json stays valid JSON and lossless', () => {
    const r = runCli(['check', 'esc.sop', '--format', 'json'], { cwd: dir });
    expect(r.stdout).not.toMatch(RAW);
    const diags = JSON.parse(r.stdout) as { code: string; message: string }[];
    expect(diags.find((d) => d.code === 'SOP101')!.message).toContain('\\u009b2J');
  });

  it('sop diff prints changed text visibly', () => {
    writeFileSync(join(dir, 'a.sop'), 'Nama SOP: A\nPelaksana:\n  - a: A\nProsedur:\n  [a] Satu\n');
    writeFileSync(join(dir, 'b.sop'), 'Nama SOP: A\nPelaksana:\n  - a: A\nProsedur:\n  [a] Satu \u009b31m merah\n');
    for (const format of ['text', 'markdown']) {
      const r = runCli(['diff', 'a.sop', 'b.sop', '--format', format], { cwd: dir });
      expect(r.stdout).not.toMatch(RAW);
      expect(r.stdout).toContain('\\u009b31m');
    }
  });

  it('a file name with an escape is shown visibly', () => {
    const r = runCli(['check', 'x\u001b[2J.sop'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stderr).toContain('x␛[2J.sop');
  });

  it('terminalSafe keeps our own colour codes only', () => {
    expect(terminalSafe('\u001b[31mx\u001b[0m \u001b]0;t\u0007', true)).toBe('\u001b[31mx\u001b[0m ␛]0;t␇');
    expect(terminalSafe('\u001b[31mx\u001b[0m', false)).toBe('␛[31mx␛[0m');
    expect(visible('a\tb\nc\r\u007f')).toBe('a\tb\nc␍\\u007f');
  });
});
