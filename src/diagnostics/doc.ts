/** The catalogue as a Markdown page (docs/diagnostics.md). */
import { CATALOG, type CatalogEntry } from './catalog.js';

const GROUPS: Record<string, string> = {
  '1': 'Syntax (SOP1xx)',
  '2': 'Names (SOP2xx)',
  '3': 'Flow (SOP3xx)',
  '4': 'Identity (SOP4xx)',
  '5': 'Project (SOP5xx)',
  '6': 'Render (SOP6xx)',
  '7': 'Import (SOP7xx, `sop import`)',
};

const KNOWN_SAMPLES: Record<string, string | number> = { label: 'X', text: '…', name: 'x', step: 2, branch: 'Tidak', place: 'Disahkan oleh', unit: 'mnt', path: 'logo.png', number: '001', other: 'lain.sop', reason: '…', owner: 'step', date: '…', created: '…', suggestion: '', steps: 1001, lanes: 21, chars: 1000001, why: 'same', marks: 'ya', value: '…', found: 3 };
/** Any other parameter (counts, limits: `steps`, `max`, …) reads `N`, never `undefined`. */
const SAMPLE = new Proxy(KNOWN_SAMPLES, { get: (t, k) => (typeof k === 'string' && k in t ? t[k] : 'N') });

export function renderDiagnosticsDoc(): string {
  const out: string[] = [
    '# Diagnostics',
    '',
    'Generated from `src/diagnostics/catalog.ts` by `npm run gen`; do not edit by hand.',
    '',
    'Every diagnostic has a stable code, a severity and a message in Indonesian',
    '(English with `--lang en`). Codes never change meaning once released.',
    '',
  ];
  let group = '';
  for (const [code, e] of Object.entries(CATALOG) as [string, CatalogEntry][]) {
    const g = code[3]!;
    if (g !== group) {
      if (group !== '') out.push('');
      group = g;
      out.push(`## ${GROUPS[g] ?? g}`, '', '| code | severity | what | message (id) | message (en) |', '|---|---|---|---|---|');
    }
    const cell = (s: string): string => s.replace(/\|/g, '\\|');
    out.push(`| ${code} | ${e.severity} | ${e.title} | ${cell(e.message.id(SAMPLE))} | ${cell(e.message.en(SAMPLE))} |`);
  }
  out.push('');
  return out.join('\n');
}
