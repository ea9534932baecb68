/**
 * Rewrites the golden drafts of test/import-text.test.ts from their inputs
 * (test/fixtures/import/*.txt → *.expected.sop). Run with
 * `npx tsx scripts/import-goldens.ts`, then review the diff before committing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { importText } from '../src/import/import.js';

const dir = new URL('../test/fixtures/import/', import.meta.url);
for (const name of ['noisy-tabs', 'aligned']) {
  const drafts = importText(readFileSync(new URL(`${name}.txt`, dir), 'utf8'), { source: `${name}.txt` });
  writeFileSync(new URL(`${name}.expected.sop`, dir), drafts.map((d) => d.text).join('\n'));
  console.log(`wrote test/fixtures/import/${name}.expected.sop`);
}
