/** The diff as text for a terminal (colour optional) or as Markdown for a pull-request comment. */
import type { Lang } from '../diagnostics/catalog.js';
import type { Change } from './diff.js';
import type { WordOp } from './word-diff.js';

export type TextStyle = 'plain' | 'ansi' | 'markdown';

const WORDS = {
  id: {
    none: 'Tidak ada perubahan makna.',
    identity: 'Identitas',
    lanes: 'Pelaksana',
    steps: 'Langkah',
    step: 'langkah',
    added: 'ditambahkan',
    removed: 'dihapus',
    movedFrom: 'dipindahkan dari posisi',
    to: 'ke',
    reordered: 'urutan pelaksana berubah',
    renamed: 'diganti nama',
    becameDecision: 'menjadi keputusan',
    becameProcess: 'tidak lagi keputusan',
    branch: 'cabang',
    notWritten: '(tidak ditulis)',
    end: 'selesai',
    item: 'butir',
  },
  en: {
    none: 'No change in meaning.',
    identity: 'Identity',
    lanes: 'Lanes',
    steps: 'Steps',
    step: 'step',
    added: 'added',
    removed: 'removed',
    movedFrom: 'moved from position',
    to: 'to',
    reordered: 'lane order changed',
    renamed: 'renamed',
    becameDecision: 'became a decision',
    becameProcess: 'is no longer a decision',
    branch: 'branch',
    notWritten: '(not written)',
    end: 'end',
    item: 'item',
  },
} as const;

export function renderDiffText(changes: readonly Change[], style: TextStyle, lang: Lang = 'id'): string {
  const w = WORDS[lang];
  if (changes.length === 0) return w.none + '\n';
  const c = (code: string, s: string): string => (style === 'ansi' ? `\u001b[${code}m${s}\u001b[0m` : s);
  const add = (s: string): string => (style === 'markdown' ? `**${s}**` : c('32', `{+${s}+}`));
  const del = (s: string): string => (style === 'markdown' ? `~~${s}~~` : c('31', `[-${s}-]`));
  const words = (ops: readonly WordOp[]): string => ops.map((o) => (o.op === '=' ? o.text : o.op === '+' ? add(o.text) : del(o.text))).join(' ');
  const quote = (s: unknown): string => (style === 'markdown' ? `\`${String(s)}\`` : `"${String(s)}"`);
  const target = (t: unknown): string => (t === null ? w.notWritten : t === 'selesai' ? w.end : `${w.step} ${String(t)}`);
  const bullet = style === 'markdown' ? '- ' : '  ';
  const sign = (k: '+' | '-' | '~' | '>'): string => (style === 'markdown' ? '' : k === '+' ? c('32', '+ ') : k === '-' ? c('31', '- ') : c('33', `${k} `));
  const heading = (s: string): string => (style === 'markdown' ? `### ${s}` : c('1', s));

  const groups: Record<'identity' | 'lanes' | 'steps', string[]> = { identity: [], lanes: [], steps: [] };
  for (const ch of changes) {
    const stepNo = ch.steps ? (ch.steps.after ?? ch.steps.before) : null;
    const stepName = (s: { number: number; label: string | null; lanes: readonly string[]; text: string }): string =>
      `${w.step} ${s.number}${s.label ? ` (@${s.label})` : ''} [${s.lanes.join(', ')}] ${s.text}`;
    switch (ch.kind) {
      case 'identity-changed':
        groups.identity.push(`${bullet}${sign('~')}${ch.path}: ${words(ch.words ?? [])}`);
        break;
      case 'list-item-added':
        groups.identity.push(`${bullet}${sign('+')}${ch.path}: ${add(String(ch.after))}`);
        break;
      case 'list-item-removed':
        groups.identity.push(`${bullet}${sign('-')}${ch.path}: ${del(String(ch.before))}`);
        break;
      case 'lane-added': {
        const l = ch.after as { id: string; title: string };
        groups.lanes.push(`${bullet}${sign('+')}${add(`${l.id}: ${l.title}`)} ${w.added}`);
        break;
      }
      case 'lane-removed': {
        const l = ch.before as { id: string; title: string };
        groups.lanes.push(`${bullet}${sign('-')}${del(`${l.id}: ${l.title}`)} ${w.removed}`);
        break;
      }
      case 'lane-renamed': {
        const x = ch.before as { id: string; title: string };
        const y = ch.after as { id: string; title: string };
        groups.lanes.push(`${bullet}${sign('~')}${quote(`${x.id}: ${x.title}`)} ${w.renamed} ${quote(`${y.id}: ${y.title}`)}`);
        break;
      }
      case 'lanes-reordered':
        groups.lanes.push(`${bullet}${sign('~')}${w.reordered}: ${(ch.before as string[]).join(', ')} → ${(ch.after as string[]).join(', ')}`);
        break;
      case 'step-added':
        groups.steps.push(`${bullet}${sign('+')}${add(stepName(ch.after as never))} ${w.added}`);
        break;
      case 'step-removed':
        groups.steps.push(`${bullet}${sign('-')}${del(stepName(ch.before as never))} ${w.removed}`);
        break;
      case 'step-moved':
        groups.steps.push(`${bullet}${sign('>')}${w.step} ${stepNo} ${quote(ch.field ?? '')} ${w.movedFrom} ${String(ch.before)} ${w.to} ${String(ch.after)}`);
        break;
      case 'step-changed':
        groups.steps.push(
          `${bullet}${sign('~')}${w.step} ${stepNo}, ${ch.field}: ${ch.words ? words(ch.words) : `${quote(ch.before ?? '')} → ${quote(ch.after ?? '')}`}`,
        );
        break;
      case 'step-kind-changed':
        groups.steps.push(`${bullet}${sign('~')}${w.step} ${stepNo} ${ch.after === 'decision' ? w.becameDecision : w.becameProcess}`);
        break;
      case 'flow-changed':
        groups.steps.push(`${bullet}${sign('~')}${w.step} ${stepNo}, ${w.branch} ${ch.field}: ${target(ch.before)} → ${target(ch.after)}`);
        break;
    }
  }
  const parts: string[] = [];
  if (groups.identity.length) parts.push(heading(w.identity), ...groups.identity, '');
  if (groups.lanes.length) parts.push(heading(w.lanes), ...groups.lanes, '');
  if (groups.steps.length) parts.push(heading(w.steps), ...groups.steps, '');
  return parts.join('\n');
}
