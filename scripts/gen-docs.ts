/**
 * Writes docs/diagnostics.md from the catalogue (src/diagnostics/catalog.ts).
 * Run with `npm run gen`; a test fails when the file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { renderDiagnosticsDoc } from '../src/diagnostics/doc.js';

writeFileSync(new URL('../docs/diagnostics.md', import.meta.url), renderDiagnosticsDoc());
console.log('wrote docs/diagnostics.md');
