/**
 * Every layout byte-identical (issue 21: the router split into parts): a hash of each layout's JSON, over the
 * SOPs of sops/ and generated cases (3-12 lanes, rework chains, loops across pages, multi-lane steps, 200-step
 * procedures), at A4 and F4, against test/golden/layout-hashes.json. A change that moves a single piece by a
 * hundredth of a px fails here. To accept an intended change: UPDATE_LAYOUT_HASHES=1 npx vitest run
 * test/layout-hashes.test.ts, and review the drawings that changed (test/html-drawing.test.ts, the golden HTML).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { compile } from '../src/index.js';
import { layoutSop } from '../src/layout/layout.js';
import type { PaperSize } from '../src/model/config.js';
import { cases } from './helpers/layout-cases.js';

const goldenPath = join(import.meta.dirname, 'golden/layout-hashes.json');

const PAPERS: PaperSize[] = ['A4', 'F4'];

it('every layout hashes as recorded (test/golden/layout-hashes.json)', async () => {
  const got: Record<string, string> = {};
  for (const [name, text] of cases()) {
    // Between cases the worker answers vitest (~25 s of layouts in one go, ~50 s on a loaded machine: past a minute
    // without a turn of the event loop, vitest reports "Timeout calling onTaskUpdate" and the run fails).
    await new Promise((resolve) => setImmediate(resolve));
    const result = compile(text);
    // Each case is a procedure the router must draw: no errors that would leave flows out of the model.
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${name}: ${d.code} ${d.message}`)).toEqual([]);
    const model = result.model;
    const hash = (options: Parameters<typeof layoutSop>[1]): string => createHash('sha256').update(JSON.stringify(layoutSop(model, options))).digest('hex').slice(0, 16);
    for (const paper of PAPERS) got[`${name} @${paper}`] = hash({ paper });
    // The table the browser measures: every step on one page.
    if (name.startsWith('sops/') || name.startsWith('loops')) got[`${name} @A4 unpaginated`] = hash({ paper: 'A4', unpaginated: true });
  }
  if (process.env.UPDATE_LAYOUT_HASHES) writeFileSync(goldenPath, JSON.stringify(got, null, 2) + '\n');
  const want = JSON.parse(readFileSync(goldenPath, 'utf8')) as Record<string, string>;
  expect(Object.keys(got).length).toBeGreaterThan(200);
  expect(got).toEqual(want);
}, 120_000);
