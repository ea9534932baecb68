/** The diff as text for a terminal (colour optional) or as Markdown for a pull-request comment. */
import type { Lang } from '../diagnostics/catalog.js';
import type { Change } from './diff.js';
import type { WordOp } from './word-diff.js';
import { maxOf, pushAll } from '../util/array.js';
import { visible } from '../util/text.js';

/** `html`: an HTML fragment (headings and lists, `<ins>`/`<del>`), every user string escaped, for the redline's summary. */
export type TextStyle = 'plain' | 'ansi' | 'markdown' | 'html';

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

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

/**
 * User text for a Markdown comment: every ASCII punctuation character that
 * Markdown or HTML could read as syntax is backslash-escaped (so `<script>`,
 * `**`, `[x](y)` and `|` print as written), and `@name` and `#123` become code
 * spans, so that a pull-request comment mentions nobody and links no issue.
 */
export function escapeMarkdown(s: string): string {
  return s
    .split(/([@#][\p{L}\p{N}_-]+)/u)
    .map((part, i) => (i % 2 === 1 ? `\`${part}\`` : part.replace(/[\\`*_{}[\]()#+\-!|~<>&^$=@]/g, '\\$&')))
    .join('')
    .replace(/\r|\n|\u2028|\u2029|\u0085/g, ' ');
}

/** A Markdown code span holding `s` exactly (a fence longer than any backtick run inside). */
export function codeSpan(s: string): string {
  const flat = s.replace(/\r|\n|\u2028|\u2029|\u0085/g, ' ');
  const longest = maxOf([...flat.matchAll(/`+/g)].map((m) => m[0].length), 0);
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

export function renderDiffText(changes: readonly Change[], style: TextStyle, lang: Lang = 'id'): string {
  const w = WORDS[lang];
  const md = style === 'markdown';
  const html = style === 'html';
  if (changes.length === 0) return html ? `<p>${w.none}</p>\n` : w.none + '\n';
  // Every user string passes through `u`: escaped for Markdown or HTML, made visible for a terminal.
  const u = (s: unknown): string => (md ? escapeMarkdown(String(s)) : html ? escapeHtml(String(s)) : visible(String(s)));
  const c = (code: string, s: string): string => (style === 'ansi' ? `\u001b[${code}m${s}\u001b[0m` : s);
  const add = (s: string): string => (md ? `**${s}**` : html ? `<ins>${s}</ins>` : c('32', `{+${s}+}`));
  const del = (s: string): string => (md ? `~~${s}~~` : html ? `<del>${s}</del>` : c('31', `[-${s}-]`));
  const words = (ops: readonly WordOp[]): string => ops.map((o) => (o.op === '=' ? u(o.text) : o.op === '+' ? add(u(o.text)) : del(u(o.text)))).join(' ');
  const quote = (s: unknown): string => (md ? codeSpan(String(s)) : html ? `“${escapeHtml(String(s))}”` : `"${visible(String(s))}"`);
  // A step target in the new numbering (an old target since removed: its old number, "dihapus"), with the label it
  // was written as: after an insertion the old and the new target can otherwise read "langkah 9 → langkah 9".
  const target = (t: unknown, label?: string | null, now?: number | null): string => {
    if (t === null) return w.notWritten;
    if (t === 'selesai') return w.end;
    const tag = [...(label ? [md ? codeSpan(`@${label}`) : u(`@${label}`)] : []), ...(now === null ? [w.removed] : [])];
    return `${w.step} ${String(now ?? t)}${tag.length > 0 ? ` (${tag.join(', ')})` : ''}`;
  };
  const bullet = md ? '- ' : html ? '<li>' : '  ';
  const sign = (k: '+' | '-' | '~' | '>'): string => (md || html ? '' : k === '+' ? c('32', '+ ') : k === '-' ? c('31', '- ') : c('33', `${k} `));
  const heading = (s: string): string => (md ? `### ${s}` : html ? `<h2>${s}</h2>` : c('1', s));

  const groups: Record<'identity' | 'lanes' | 'steps', string[]> = { identity: [], lanes: [], steps: [] };
  for (const ch of changes) {
    const stepNo = ch.steps ? (ch.steps.after ?? ch.steps.before) : null;
    const stepName = (s: { number: number; label: string | null; lanes: readonly string[]; text: string }): string =>
      `${w.step} ${s.number}${s.label ? ` (${md ? codeSpan(`@${s.label}`) : u(`@${s.label}`)})` : ''} [${u(s.lanes.join(', '))}] ${u(s.text)}`;
    switch (ch.kind) {
      case 'identity-changed':
        groups.identity.push(`${bullet}${sign('~')}${u(ch.path)}: ${words(ch.words ?? [])}`);
        break;
      case 'list-item-added':
        groups.identity.push(`${bullet}${sign('+')}${u(ch.path)}: ${add(u(ch.after))}`);
        break;
      case 'list-item-removed':
        groups.identity.push(`${bullet}${sign('-')}${u(ch.path)}: ${del(u(ch.before))}`);
        break;
      case 'lane-added': {
        const l = ch.after as { id: string; title: string };
        groups.lanes.push(`${bullet}${sign('+')}${add(u(`${l.id}: ${l.title}`))} ${w.added}`);
        break;
      }
      case 'lane-removed': {
        const l = ch.before as { id: string; title: string };
        groups.lanes.push(`${bullet}${sign('-')}${del(u(`${l.id}: ${l.title}`))} ${w.removed}`);
        break;
      }
      case 'lane-renamed': {
        const x = ch.before as { id: string; title: string };
        const y = ch.after as { id: string; title: string };
        groups.lanes.push(`${bullet}${sign('~')}${quote(`${x.id}: ${x.title}`)} ${w.renamed} ${quote(`${y.id}: ${y.title}`)}`);
        break;
      }
      case 'lanes-reordered':
        groups.lanes.push(`${bullet}${sign('~')}${w.reordered}: ${u((ch.before as string[]).join(', '))} → ${u((ch.after as string[]).join(', '))}`);
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
      case 'step-changed': {
        // A value that appears or disappears is said so, not shown as an empty quote.
        const shown = (v: unknown): string => (ch.field === 'Label' ? `@${String(v)}` : Array.isArray(v) ? v.join(', ') : String(v));
        const empty = (v: unknown): boolean => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
        const what = ch.words
          ? `: ${words(ch.words)}`
          : empty(ch.before)
            ? ` ${w.added}: ${add(quote(shown(ch.after)))}`
            : empty(ch.after)
              ? ` ${w.removed}: ${del(quote(shown(ch.before)))}`
              : `: ${quote(shown(ch.before))} → ${quote(shown(ch.after))}`;
        groups.steps.push(`${bullet}${sign('~')}${w.step} ${stepNo}, ${ch.field}${what}`);
        break;
      }
      case 'step-kind-changed':
        groups.steps.push(`${bullet}${sign('~')}${w.step} ${stepNo} ${ch.after === 'decision' ? w.becameDecision : w.becameProcess}`);
        break;
      case 'flow-changed':
        groups.steps.push(`${bullet}${sign('~')}${w.step} ${stepNo}, ${w.branch} ${ch.field}: ${target(ch.before, ch.labels?.before, ch.beforeNow)} → ${target(ch.after, ch.labels?.after)}`);
        break;
    }
  }
  const parts: string[] = [];
  for (const [key, items] of [['identity', groups.identity], ['lanes', groups.lanes], ['steps', groups.steps]] as const) {
    if (items.length === 0) continue;
    // Never spread into push: a diff of 330 000 steps overflowed the stack (`kesalahan internal`, exit 3).
    parts.push(heading(w[key]));
    if (html) {
      parts.push('<ul>');
      pushAll(parts, items.map((i) => `${i}</li>`));
      parts.push('</ul>');
    } else {
      pushAll(parts, items);
      parts.push('');
    }
  }
  return html ? parts.join('\n') + '\n' : parts.join('\n');
}
