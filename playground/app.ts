/**
 * The playground page (`sop playground --out DIR`): a CodeMirror editor on
 * the left, the document on the right, both fed by the library bundled for
 * the browser (src/playground/engine.ts), so what it shows is what
 * `sop build` makes. Everything runs in the page: no request leaves it.
 */
import { EditorState, type Text } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, hoverTooltip, keymap, lineNumbers } from '@codemirror/view';
import { HighlightStyle, StreamLanguage, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { autocompletion, completionKeymap, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { tags } from '@lezer/highlight';
import { EXAMPLES, TEMPLATE_SPECS, WORKER_SOURCE } from 'sop:embedded';
import grammar from '../grammar/sop.tmLanguage.json';
import type { FileResult } from '../src/check/check.js';
import type { Lang } from '../src/diagnostics/catalog.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { templatesFromSpecs } from '../src/emit/html/render.js';
import { complete, hover } from '../src/lsp/features.js';
import { checkForPlayground, compilePlayground, downloadName } from '../src/playground/engine.js';
import { lineScoper, scopeRuns, type TmGrammar } from '../src/playground/tm-lines.js';

const TEMPLATES = templatesFromSpecs(TEMPLATE_SPECS);
const TEXT_KEY = 'sop-playground:text';
const LANG_KEY = 'sop-playground:lang';

// ---- the page's words, in both languages ----
const WORDS: Record<Lang, Record<string, string>> = {
  id: {
    title: 'Ruang Coba SOP',
    example: 'Contoh',
    'example-pick': 'Pilih contoh…',
    download: 'Unduh .sop',
    import: 'Impor berkas…',
    'import-busy': 'Membaca {file}…',
    'import-done': '{file}: draf dibuka ({guesses} tebakan ditandai # SOP7xx di teks; periksa baris-baris itu). Ctrl+Z mengembalikan teks sebelumnya.',
    'import-more': '{file} memuat {n} SOP: yang lain ada di Contoh.',
    'import-none': '{file}: tidak ada tabel prosedur (baris Pelaksana dan Mutu Baku) yang ditemukan.',
    'import-failed': '{file}: {error}',
    'import-unloaded': 'Pembaca berkas (import.js) tidak dapat dimuat dari folder ruang coba.',
    print: 'Cetak / Simpan PDF',
    lang: 'Bahasa pesan',
    editor: 'Teks SOP',
    saved: 'tersimpan otomatis di peramban ini',
    problems: 'Masalah',
    'no-problems': 'Tidak ada masalah.',
    preview: 'Pratinjau dokumen',
    line: 'Baris',
    ok: 'Sesuai teks',
    stale: '{n} galat: yang tampil adalah versi terakhir yang benar',
    none: 'Dokumen tampil setelah galat di kiri diperbaiki',
    'print-none': 'Belum ada dokumen untuk dicetak',
    zoom: 'Ukuran',
    'zoom-fit': 'Pas lebar',
    empty: 'Dokumen SOP akan tampil di sini setelah galat yang tercantum di bawah editor diperbaiki.',
  },
  en: {
    title: 'SOP Playground',
    example: 'Example',
    'example-pick': 'Choose an example…',
    download: 'Download .sop',
    import: 'Import file…',
    'import-busy': 'Reading {file}…',
    'import-done': '{file}: draft opened ({guesses} guesses marked # SOP7xx in the text; review those lines). Ctrl+Z brings the previous text back.',
    'import-more': '{file} holds {n} SOPs: the others are under Example.',
    'import-none': '{file}: no procedure table (a Pelaksana and Mutu Baku header) was found.',
    'import-failed': '{file}: {error}',
    'import-unloaded': 'The file reader (import.js) could not be loaded from the playground folder.',
    print: 'Print / Save PDF',
    lang: 'Message language',
    editor: 'SOP text',
    saved: 'saved automatically in this browser',
    problems: 'Problems',
    'no-problems': 'No problems.',
    preview: 'Document preview',
    line: 'Line',
    ok: 'Matches the text',
    stale: '{n} error(s): showing the last good version',
    none: 'The document appears once the errors on the left are fixed',
    'print-none': 'No document to print yet',
    zoom: 'Size',
    'zoom-fit': 'Fit width',
    empty: 'The SOP document appears here once the errors listed under the editor are fixed.',
  },
};

const storage = ((): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: the page still works, without keeping the text
  }
})();

let lang: Lang = storage?.getItem(LANG_KEY) === 'en' ? 'en' : 'id';
const w = (key: string): string => WORDS[lang][key] ?? key;
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

// ---- highlighting: the TextMate grammar's scopes as CodeMirror tags ----
const scoper = lineScoper(grammar as unknown as TmGrammar);
/** Scope prefixes (most specific first) and the highlighting tag each gets; unlisted scopes stay plain. */
const SCOPE_TAGS: [string, string][] = [
  ['comment', 'comment'],
  ['punctuation.definition.comment', 'comment'],
  ['entity.name.label.reference', 'labelName'],
  ['entity.name.label', 'labelName.definition'],
  ['variable.other.lane.declaration', 'variableName.definition'],
  ['variable.other.lane', 'variableName'],
  ['keyword.control.end', 'keyword'],
  ['keyword.control', 'controlKeyword'],
  ['keyword.other.unit', 'unit'],
  ['support.type.property-name', 'propertyName'],
  ['constant.numeric', 'number'],
  ['constant.character.escape', 'escape'],
  ['markup.italic', 'emphasis'],
  ['invalid', 'invalid'],
  ['punctuation', 'punctuation'],
];
const tagOf = (scope: string | null): string | null => (scope === null ? null : (SCOPE_TAGS.find(([p]) => scope.startsWith(p))?.[1] ?? null));

interface LineState {
  runs: [number, number, string | null][];
  i: number;
}
const sopLanguage = StreamLanguage.define<LineState>({
  name: 'sop',
  startState: () => ({ runs: [], i: 0 }),
  copyState: (s) => ({ runs: s.runs, i: s.i }),
  token(stream, state) {
    if (stream.pos === 0) {
      state.runs = scopeRuns(stream.string, scoper(stream.string));
      state.i = 0;
    }
    while (state.i < state.runs.length && state.runs[state.i]![1] <= stream.pos) state.i++;
    const run = state.runs[state.i];
    if (!run) {
      stream.skipToEnd();
      return null;
    }
    stream.pos = run[1];
    return tagOf(run[2]);
  },
  languageData: { commentTokens: { line: '#' } },
});
const sopHighlight = HighlightStyle.define([
  { tag: tags.comment, color: '#6e7781', fontStyle: 'italic' },
  { tag: tags.propertyName, color: '#0b3d91', fontWeight: '600' },
  { tag: [tags.labelName, tags.definition(tags.labelName)], color: '#8250df' },
  { tag: tags.variableName, color: '#0a7c6f' },
  { tag: tags.definition(tags.variableName), color: '#0a7c6f', fontWeight: '600' },
  { tag: tags.controlKeyword, color: '#b35900', fontWeight: '600' },
  { tag: tags.keyword, color: '#b35900' },
  { tag: [tags.number, tags.unit], color: '#953800' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.escape, color: '#6e7781' },
  { tag: tags.invalid, color: '#b42318', textDecoration: 'underline wavy' },
  { tag: tags.punctuation, color: '#6e7781' },
]);

// ---- the checked text: one check per text, shared by the preview, completion and hover ----
let checked: { text: string; lang: Lang; result: FileResult } | null = null;
function resultFor(doc: Text): FileResult {
  const text = doc.toString();
  if (!checked || checked.text !== text || checked.lang !== lang) checked = { text, lang, result: checkForPlayground(text, lang) };
  return checked.result;
}

/** A 1-based line/column as an offset of the editor's text (clamped to the line). */
function offsetOf(doc: Text, line: number, column: number): number {
  if (line > doc.lines) return doc.length;
  const l = doc.line(Math.max(1, line));
  return Math.min(l.from + Math.max(0, column - 1), l.to);
}
const posOf = (doc: Text, offset: number): { line: number; column: number } => {
  const l = doc.lineAt(offset);
  return { line: l.number, column: offset - l.from + 1 };
};

function toEditorDiagnostics(doc: Text, list: readonly Diagnostic[]): CmDiagnostic[] {
  return list.map((d) => {
    const from = offsetOf(doc, d.range.start.line, d.range.start.column);
    let to = Math.max(from, offsetOf(doc, d.range.end.line, d.range.end.column));
    // A point at the end of a line: mark the line's last character, so the squiggle shows.
    if (to === from) to = Math.min(from + 1, doc.lineAt(from).to) > from ? from + 1 : from;
    return {
      from,
      to,
      severity: d.severity,
      source: d.code,
      message: d.message,
      renderMessage: () => {
        const el = document.createElement('span');
        el.textContent = d.message;
        if (d.hint) {
          const h = document.createElement('span');
          h.className = 'hint';
          h.textContent = d.hint;
          el.append(h);
        }
        return el;
      },
    };
  });
}

// ---- completion and hover: the language server's functions ----
const KIND_TYPE = { label: 'property', lane: 'variable', step: 'constant', keyword: 'keyword', unit: 'unit' } as const;
function completionSource(ctx: CompletionContext): CompletionResult | null {
  const word = ctx.matchBefore(/[@\p{L}\p{N}_-]*/u);
  if (!word) return null;
  if (word.from === word.to && !ctx.explicit) {
    // Offer lanes right after `[` or `,` on a step line, targets after `Ya:`; elsewhere only when asked or typing.
    const before = ctx.state.doc.lineAt(ctx.pos).text.slice(0, ctx.pos - ctx.state.doc.lineAt(ctx.pos).from);
    if (!/[[,]\s*$|:\s*$/.test(before)) return null;
  }
  const items = complete(resultFor(ctx.state.doc), posOf(ctx.state.doc, ctx.pos));
  if (items.length === 0) return null;
  return {
    from: word.from,
    options: items.map((c) => ({ label: c.label, type: KIND_TYPE[c.kind], ...(c.detail ? { detail: c.detail } : {}), ...(c.insertText ? { apply: c.insertText } : {}) })),
    validFor: /^[@\p{L}\p{N}_-]*$/u,
  };
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** The hover's little Markdown (bold, code, paragraphs) as HTML, escaped first. */
const hoverHtml = (md: string): string =>
  escapeHtml(md)
    .replace(/\*\*(.+?)\*\*/g, '<b>$1</b>')
    .replace(/`(.+?)`/g, '<code>$1</code>')
    .replace(/\n\n/g, '<br>');
const sopHover = hoverTooltip((view, pos) => {
  const text = hover(resultFor(view.state.doc), posOf(view.state.doc, pos));
  if (!text) return null;
  return {
    pos,
    above: true,
    create: () => {
      const dom = document.createElement('div');
      dom.className = 'sop-hover';
      dom.innerHTML = hoverHtml(text);
      return { dom };
    },
  };
});

// ---- the preview ----
const frame = $<HTMLIFrameElement>('preview');
let lastHtml: string | null = null;
let lastName = '';

const sheet = $('sheet');
const sheetScroll = $('sheet-scroll');
const zoomSelect = $<HTMLSelectElement>('zoom');
const MM = 96 / 25.4;
/** The paper's content box width and its margin, in CSS px, from the document's own @page rule. */
function paperOf(html: string): { width: number; height: number; margin: number } {
  const m = /@page\s*\{\s*size:\s*([\d.]+)mm\s+([\d.]+)mm;\s*margin:\s*([\d.]+)mm/.exec(html);
  if (!m) return { width: 1000, height: 700, margin: 40 };
  const [w, h, margin] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return { width: Math.ceil((w - 2 * margin) * MM), height: Math.ceil((h - 2 * margin) * MM), margin: Math.round(margin * MM) };
}
let margin = 40;

/**
 * The frame is as wide as the paper's content box and as tall as the
 * document, so the document lays out as on paper; it is scaled to the pane
 * (a transform, no second layout) and the pane scrolls, so the scroll
 * position survives an update.
 */
function fit(): void {
  const w = parseFloat(frame.style.width) || 1000;
  const h = parseFloat(frame.style.height) || 0;
  // The sheet shows the paper's margins around the frame, scaled with it.
  const room = sheetScroll.clientWidth - 28;
  const z = zoomSelect.value === 'fit' ? Math.min(1, Math.max(0.2, room / (w + 2 * margin))) : 1;
  frame.style.transform = `scale(${z})`;
  frame.style.left = frame.style.top = `${Math.round(margin * z)}px`;
  sheet.style.width = `${Math.round((w + 2 * margin) * z)}px`;
  sheet.style.height = `${Math.round((h + 2 * margin) * z)}px`;
}

/** What the frame shows: the head (without its title) and the body's pieces, as the HTML they came from. */
let shown: { head: string; title: string; lead: string; pages: string[]; tail: string } | null = null;

/** The document cut where the frame can be patched: the body's `<section class="page …">` elements, one per printed page. */
function cut(html: string): typeof shown {
  const open = html.indexOf('<body>');
  const close = html.lastIndexOf('</body>');
  if (open < 0 || close < open) return null;
  const head = html.slice(0, open + 6);
  const title = /<title>([\s\S]*?)<\/title>/.exec(head);
  // User text is escaped by the templates: `<section class="page` can only be ours.
  const [lead, ...pages] = html.slice(open + 6, close).split(/(?=<section class="page)/);
  return { head: head.replace(/<title>[\s\S]*?<\/title>/, ''), title: title ? title[1]! : '', lead: lead ?? '', pages, tail: html.slice(close) };
}

/** More pages than this added or removed are written whole, page by page within the budget; as many patched are patched within it too. */
const PATCH_PAGES_AT_ONCE = 8;

/**
 * Writes the document into the preview frame; returns once it is laid out,
 * or, for a long one, once its first pages are (the rest follow in later
 * tasks, LAYOUT_BUDGET_MS each). When only some pages changed (the usual
 * edit: one step), only those sections are replaced, so Chromium lays out
 * one page, not the document.
 */
function showDocument(html: string): void {
  const paper = paperOf(html);
  margin = paper.margin;
  const width = `${paper.width}px`;
  if (frame.style.width !== width) frame.style.width = width;
  const d = frame.contentDocument!;
  const next = cut(html);
  const pages = d.body ? [...d.body.children].filter((e) => e.matches('section.page')) : [];
  if (next && shown && next.head === shown.head && next.lead === shown.lead && next.tail === shown.tail && pages.length === shown.pages.length) {
    const a = shown.pages;
    const b = next.pages;
    let start = 0;
    while (start < a.length && start < b.length && a[start] === b[start]) start++;
    let end = 0;
    while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
    if (b.length !== a.length && Math.max(a.length, b.length) - end - start > PATCH_PAGES_AT_ONCE) return writeWhole(html, next);
    const t = d.createElement('template');
    t.innerHTML = b.slice(start, b.length - end).join('');
    const old = pages.slice(start, a.length - end);
    const fresh = [...t.content.children];
    if (d.title !== decodeTitle(next.title)) d.title = decodeTitle(next.title);
    if (old.length === fresh.length) {
      // As many pages as before: patch each in place, so only what changed (a step's row, the
      // captions when the SOP's name changes) is laid out again; many pages within the budget
      // per task, `shown` following page by page (a newer update starts from what is there).
      const now: typeof shown = { ...next, pages: [...a] };
      shown = now;
      const write = ++writes;
      let i = 0;
      const more = (): void => {
        if (write !== writes) return;
        const t0 = performance.now();
        while (i < old.length) {
          morph(old[i]!, fresh[i]!);
          now.pages[start + i] = b[start + i]!;
          // Laid out now (the page alone), so the budget counts its layout; the frame is resized once per task.
          (old[i] as Element).getBoundingClientRect();
          i++;
          if (performance.now() - t0 >= LAYOUT_BUDGET_MS) break;
        }
        laidOut(i < old.length);
        if (i < old.length) setTimeout(more, 0);
      };
      return more();
    } else if (old.length > 0) {
      // The pieces between the old sections (whitespace) go with them.
      const range = d.createRange();
      range.setStartBefore(old[0]!);
      range.setEndAfter(old.at(-1)!);
      range.deleteContents();
      range.insertNode(t.content);
    } else {
      const before = pages[start] ?? null;
      d.body.insertBefore(t.content, before);
    }
  } else return writeWhole(html, next);
  shown = next;
  laidOut();
}

/**
 * Makes `a` (in the frame) like `b` (freshly parsed), touching only what
 * differs: text, attributes, or a whole child list whose length changed.
 */
function morph(a: Node, b: Node): void {
  if (a.nodeType !== b.nodeType || a.nodeName !== b.nodeName) {
    a.parentNode!.replaceChild(b, a);
    return;
  }
  if (a.nodeType !== Node.ELEMENT_NODE) {
    if (a.nodeValue !== b.nodeValue) a.nodeValue = b.nodeValue;
    return;
  }
  const ea = a as Element;
  const eb = b as Element;
  for (const at of [...ea.attributes]) if (!eb.hasAttribute(at.name)) ea.removeAttribute(at.name);
  for (const at of [...eb.attributes]) if (ea.getAttribute(at.name) !== at.value) ea.setAttribute(at.name, at.value);
  const ca = a.childNodes;
  const cb = [...b.childNodes];
  if (ca.length !== cb.length) {
    ea.replaceChildren(...cb);
    return;
  }
  for (let i = 0; i < cb.length; i++) morph(ca[i]!, cb[i]!);
}

/**
 * Pages are laid out at most this long at a time: a long document (up to the limits of
 * src/model/limits.ts, a second or more of layout) is written page by page in later tasks,
 * so the editor never waits for it (issue 19: a huge text froze the tab, again on each reload).
 */
const LAYOUT_BUDGET_MS = 40;
/** Counts whole writes: a write still adding pages stops when a newer one starts. */
let writes = 0;

/**
 * In the frame only, on screen only (printing lays out every page): a page out of sight is not
 * laid out until it comes near (the browser keeps its last size), so a document of a thousand
 * pages costs about what its visible pages cost.
 */
const OUT_OF_SIGHT = (height: number): string => `<style media="screen">section.page{content-visibility:auto;contain-intrinsic-size:auto ${height}px}</style>`;

/** Writes the document whole: its first pages now, the rest within LAYOUT_BUDGET_MS per task (`budget`: Infinity for all at once). */
function writeWhole(whole: string, next: typeof shown, budget = LAYOUT_BUDGET_MS): void {
  const d = frame.contentDocument!;
  const write = ++writes;
  const html = whole.replace('</head>', `${OUT_OF_SIGHT(paperOf(whole).height)}</head>`);
  if (!next || budget === Infinity) {
    d.open();
    d.write(html);
    d.close();
    followSize();
    shown = next;
    filling = false;
    laidOut();
    return;
  }
  d.open();
  d.write(html.slice(0, html.indexOf('<body>') + 6) + next.lead + next.tail);
  d.close();
  followSize();
  // Until the last page is in, the next update writes the document whole again, and the frame only grows.
  shown = null;
  filling = true;
  let i = 0;
  const more = (): void => {
    if (write !== writes) return; // a newer document took over
    const t0 = performance.now();
    while (i < next.pages.length) {
      const t = d.createElement('template');
      t.innerHTML = next.pages[i++]!;
      d.body.append(t.content);
      // Laid out now (the page alone), so the budget counts its layout; the frame is resized once per task.
      d.body.lastElementChild?.getBoundingClientRect();
      if (performance.now() - t0 >= budget) break;
    }
    laidOut(true);
    if (i < next.pages.length) setTimeout(more, 0);
    else {
      shown = next;
      filling = false;
      laidOut();
    }
  };
  more();
}

/** The frame follows its document's height: a page laid out when it comes near has its real height, not the estimate. */
let sizeWatch: ResizeObserver | null = null;
/** True while writeWhole is still adding pages. */
let filling = false;
function followSize(): void {
  sizeWatch?.disconnect();
  const RO = (frame.contentWindow as unknown as { ResizeObserver: typeof ResizeObserver }).ResizeObserver;
  sizeWatch = new RO(() => laidOut(filling));
  sizeWatch.observe(frame.contentDocument!.documentElement);
}

/** Sizes the frame to the document (`grow`: while pages are still being added, never shorter, so the pane keeps its scroll). */
function laidOut(grow = false): void {
  const d = frame.contentDocument!;
  // Laid out now, so the time measured is the time to a document the browser can paint.
  const px = Math.ceil(d.documentElement.getBoundingClientRect().height);
  const h = `${grow ? Math.max(px, parseFloat(frame.style.height) || 0) : px}px`;
  if (frame.style.height !== h) frame.style.height = h;
  fit();
}

const decodeTitle = (s: string): string => {
  const t = document.createElement('textarea');
  t.innerHTML = s;
  return t.value;
};
zoomSelect.addEventListener('change', fit);
addEventListener('resize', fit);

/** For the tests and the bench: counts and times of the updates. */
interface Probe {
  updates: number;
  /** Files imported into the editor. */
  imports: number;
  /** Where a long compile runs: a Web Worker, or the page when none could start. */
  readonly engine: () => 'worker' | 'page';
  /** A compile is under way (seen from another task only when it runs in the worker: the page stays free meanwhile). */
  readonly compiling: () => boolean;
  keyAt: number | null;
  changeAt: number | null;
  timings: { keyToPreview: number; edit: number; wait: number; compile: number; render: number; lint: number; doc: number }[];
  rerender: () => number;
}
const probe: Probe = {
  updates: 0,
  imports: 0,
  engine: () => (worker ? 'worker' : 'page'),
  compiling: () => compiling,
  keyAt: null,
  changeAt: null,
  timings: [],
  rerender: () => {
    const t0 = performance.now();
    if (lastHtml !== null) {
      writeWhole(lastHtml, cut(lastHtml), Infinity); // the whole document, written again at once
    }
    return performance.now() - t0;
  },
};
(window as unknown as { sopPlayground: Probe }).sopPlayground = probe;
addEventListener('keydown', () => void (probe.keyAt ??= performance.now()), true);

function renderProblems(list: readonly Diagnostic[]): void {
  const box = $('problems');
  const errors = list.filter((d) => d.severity === 'error').length;
  box.toggleAttribute('data-errors', errors > 0);
  box.toggleAttribute('data-warnings', list.length > errors);
  $('problem-count').textContent = String(list.length);
  $('no-problems').hidden = list.length > 0;
  const ol = $('problem-list');
  ol.replaceChildren(
    ...list.map((d) => {
      const li = document.createElement('li');
      li.dataset['code'] = d.code;
      li.dataset['line'] = String(d.range.start.line);
      li.dataset['severity'] = d.severity;
      li.title = d.code;
      const icon = document.createElement('span');
      icon.className = 'icon';
      icon.textContent = d.severity === 'error' ? '✖' : d.severity === 'warning' ? '!' : 'i';
      const where = document.createElement('span');
      where.className = 'where';
      where.textContent = `${w('line')} ${d.range.start.line}`;
      const msg = document.createElement('span');
      msg.className = 'message';
      msg.textContent = `${d.message} `;
      const code = document.createElement('span');
      code.className = 'code';
      code.textContent = `[${d.code}]`;
      msg.append(code);
      li.append(icon, where, msg);
      if (d.hint) {
        const hint = document.createElement('span');
        hint.className = 'hint';
        hint.textContent = d.hint;
        li.append(hint);
      }
      const go = (): void => {
        const at = offsetOf(view.state.doc, d.range.start.line, d.range.start.column);
        view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
        view.focus();
      };
      // Reachable with the keyboard too: Tab to the entry, Enter goes to the line.
      li.tabIndex = 0;
      li.addEventListener('click', go);
      li.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          go();
        }
      });
      return li;
    }),
  );
}

function setStatus(errors: number): void {
  const s = $('status');
  const state = errors === 0 ? 'ok' : lastHtml === null ? 'none' : 'stale';
  s.dataset['status'] = state;
  s.dataset['errors'] = String(errors);
  s.textContent = w(state).replace('{n}', String(errors));
  ($('print') as HTMLButtonElement).disabled = lastHtml === null;
  ($('print') as HTMLButtonElement).title = lastHtml === null ? w('print-none') : '';
  // Never a blank pane: before the first good document, say what will come.
  sheet.hidden = lastHtml === null;
  const empty = $('empty');
  empty.hidden = lastHtml !== null;
  empty.textContent = w('empty');
}

/** What a compile gives the page: the diagnostics, and the document when the text has no errors. */
interface Compiled {
  readonly diagnostics: readonly Diagnostic[];
  readonly errors: number;
  readonly html: string | null;
  readonly name: string;
}

/**
 * A long compile (check, layout, HTML) runs in a Web Worker started from a
 * blob: URL (playground/engine-worker.ts), so a long SOP never holds the
 * editor; a short one, and every one where no worker can start, in the page.
 * One compile is in flight at a time: edits made meanwhile are compiled when
 * it answers, and an answer for a text that has changed since is dropped.
 */
const engine = ((): Worker | null => {
  try {
    const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
    const wk = new Worker(url);
    wk.onmessage = (e: MessageEvent<Compiled & { seq: number; text: string; lang: Lang }>) => received(e.data);
    wk.onerror = () => {
      // The worker could not run (a policy or a browser that refuses it): compile in the page from now on.
      worker = null;
      inFlight = null;
      compiling = false;
      schedule();
    };
    return wk;
  } catch {
    return null;
  }
})();
let worker: Worker | null = engine;
let inFlight: { seq: number; t0: number; lines: number } | null = null;
let seq = 0;
let compiling = false;
/**
 * A compile that took longer than this (or a text of many more lines than
 * the last one compiled: a paste, a first load) goes to the worker; a short one runs in the page,
 * where it costs no message and no copy of the document (a 200-step SOP's
 * keystroke stays as fast as before).
 */
const WORKER_FROM_MS = 100;
let lastCompile = { ms: 0, lines: 0 };

/** Checks the text and updates the squiggles, the panel and (without errors) the document. */
function update(): void {
  pending = false;
  const text = view.state.doc.toString();
  const t0 = performance.now();
  if (inFlight) return; // its answer asks again for the text as it is then
  const lines = view.state.doc.lines;
  if (worker && (lastCompile.ms > WORKER_FROM_MS || lines > 2 * lastCompile.lines + 300)) {
    inFlight = { seq: ++seq, t0, lines };
    compiling = true;
    worker.postMessage({ seq, text, lang });
    return;
  }
  compiling = true;
  const u = compilePlayground(text, lang, TEMPLATES);
  compiling = false;
  checked = { text, lang, result: u.result };
  const t1 = performance.now();
  lastCompile = { ms: t1 - t0, lines };
  apply(text, { diagnostics: u.result.diagnostics, errors: u.errors, html: u.html, name: u.result.model.name }, t0, t1);
}

function received(m: Compiled & { seq: number; text: string; lang: Lang }): void {
  if (!inFlight || m.seq !== inFlight.seq) return;
  const { t0, lines } = inFlight;
  inFlight = null;
  compiling = false;
  lastCompile = { ms: performance.now() - t0, lines };
  // The text or the language changed while it compiled: compile what is there now.
  if (m.text !== view.state.doc.toString() || m.lang !== lang) return update();
  apply(m.text, m, t0, performance.now(), true);
}

function apply(text: string, u: Compiled, t0: number, t1: number, inWorker = false): void {
  // Nothing to say before and after (the usual keystroke in a good text): the editor and the panel stay as they are.
  const diagnostics = u.diagnostics;
  if (diagnostics.length > 0 || shownProblems > 0 || lang !== problemsLang) {
    view.dispatch(setDiagnostics(view.state, toEditorDiagnostics(view.state.doc, diagnostics)));
    renderProblems(diagnostics);
    shownProblems = diagnostics.length;
    problemsLang = lang;
  }
  const tLint = performance.now();
  if (u.html !== null) {
    if (u.html !== lastHtml) showDocument(u.html);
    lastHtml = u.html;
    lastName = u.name;
  }
  setStatus(u.errors);
  const t2 = performance.now();
  if (probe.keyAt !== null)
    probe.timings.push({ keyToPreview: t2 - probe.keyAt, edit: (probe.changeAt ?? t0) - probe.keyAt, wait: t0 - probe.keyAt, compile: t1 - t0, render: t2 - t1, lint: tLint - t1, doc: t2 - tLint });
  probe.keyAt = null;
  probe.changeAt = null;
  probe.updates++;
  document.body.dataset['updates'] = String(probe.updates);
  // The page's own share of the update (a compile in the worker runs beside it).
  lastCost = t2 - t0 - (inWorker ? t1 - t0 : 0);
  try {
    storage?.setItem(TEXT_KEY, text);
  } catch {
    // storage full or refused: the text stays in the editor
  }
}

let pending = false;
let lastCost = 0;
let shownProblems = -1;
let problemsLang: Lang = lang;
/**
 * One update per burst of edits, on the latest text. A cheap update runs at
 * once after the edit's transaction (a microtask: no trip through the task
 * queue, which a busy machine delays by 10 ms and more); an expensive one (a
 * long SOP) waits for the next frame, so the typed character is painted
 * before the document is rebuilt.
 */
function schedule(): void {
  if (pending) return;
  pending = true;
  if (lastCost < 50) queueMicrotask(update);
  else requestAnimationFrame(() => setTimeout(update, 0));
}

// ---- the editor ----
const initial = storage?.getItem(TEXT_KEY) ?? EXAMPLES[0]?.text ?? '';
const view = new EditorView({
  parent: $('editor'),
  state: EditorState.create({
    doc: initial,
    extensions: [
      lineNumbers(),
      highlightActiveLineGutter(),
      history(),
      drawSelection(),
      highlightActiveLine(),
      indentUnit.of('  '),
      EditorState.tabSize.of(2),
      sopLanguage,
      syntaxHighlighting(sopHighlight),
      lintGutter(),
      autocompletion({ override: [completionSource], activateOnTyping: true, icons: false }),
      sopHover,
      keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': 'Teks SOP', spellcheck: 'false' }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) {
          probe.changeAt ??= performance.now();
          schedule();
        }
      }),
    ],
  }),
});
(probe as unknown as { view: EditorView }).view = view;

// ---- the buttons ----
function applyWords(): void {
  document.documentElement.lang = lang;
  document.title = w('title');
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = w(el.dataset['i18n']!);
  frame.title = w('preview');
}

const exampleSelect = $<HTMLSelectElement>('example');
for (const e of EXAMPLES) {
  const o = document.createElement('option');
  o.value = e.file;
  o.textContent = e.name || e.file;
  exampleSelect.append(o);
}
exampleSelect.addEventListener('change', () => {
  const pick = exampleSelect.value;
  const e = pick.startsWith('import:') ? imported[Number(pick.slice(7))] : EXAMPLES.find((x) => x.file === pick);
  exampleSelect.value = '';
  if (!e) return;
  // One undoable change: Ctrl+Z brings the previous text back.
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: e.text }, selection: { anchor: 0 }, scrollIntoView: true });
  lastName = e.name;
  view.focus();
});

// ---- import: a dropped or chosen PDF, .docx, .xlsx or text file opens as a draft, read in the page ----
interface SopImport {
  importFile(file: File, lang: Lang): Promise<{ drafts: { name: string; fileName: string; text: string; guesses: number }[] } | { error: string }>;
}
let importer: Promise<SopImport> | null = null;
/** import.js (the importer and pdf.js), loaded from beside the page on the first file. */
function loadImporter(): Promise<SopImport> {
  importer ??= new Promise<SopImport>((resolve, reject) => {
    const s = document.createElement('script');
    s.src = 'import.js';
    s.onload = () => {
      const api = (window as unknown as { sopImport?: SopImport }).sopImport;
      if (api) resolve(api);
      else reject(new Error('import.js'));
    };
    s.onerror = () => reject(new Error('import.js'));
    document.head.append(s);
  }).catch((e: unknown) => {
    importer = null;
    throw e;
  });
  return importer;
}
const importNote = $<HTMLParagraphElement>('import-note');
const say = (key: string, params: Record<string, string | number>, kind: 'info' | 'error' = 'info'): void => {
  importNote.textContent = w(key).replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
  importNote.dataset['kind'] = kind;
  importNote.hidden = false;
};
let imported: { name: string; text: string }[] = [];
async function importFile(file: File): Promise<void> {
  say('import-busy', { file: file.name });
  let api: SopImport;
  try {
    api = await loadImporter();
  } catch {
    say('import-unloaded', {}, 'error');
    return;
  }
  const r = await api.importFile(file, lang);
  if ('error' in r) return say('import-failed', { file: file.name, error: r.error }, 'error');
  const first = r.drafts[0];
  if (!first) return say('import-none', { file: file.name }, 'error');
  // The other SOPs of the file wait under Contoh.
  for (const o of exampleSelect.querySelectorAll('option[data-imported]')) o.remove();
  imported = r.drafts.map((d) => ({ name: d.name, text: d.text }));
  r.drafts.slice(1).forEach((d, k) => {
    const o = document.createElement('option');
    o.value = `import:${k + 1}`;
    o.dataset['imported'] = '';
    o.textContent = `${file.name}: ${d.name || d.fileName}`;
    exampleSelect.append(o);
  });
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: first.text }, selection: { anchor: 0 }, scrollIntoView: true });
  lastName = first.name;
  say('import-done', { file: file.name, guesses: first.guesses });
  if (r.drafts.length > 1) importNote.textContent += ' ' + w('import-more').replace('{file}', file.name).replace('{n}', String(r.drafts.length));
  probe.imports++;
  view.focus();
}
const fileInput = $<HTMLInputElement>('import-file');
$('import').addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', () => {
  const f = fileInput.files?.[0];
  fileInput.value = '';
  if (f) void importFile(f);
});
// A file dropped anywhere on the page (the editor too: CodeMirror would insert it as text).
const hasFiles = (e: DragEvent): boolean => [...(e.dataTransfer?.types ?? [])].includes('Files');
addEventListener('dragover', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  e.dataTransfer!.dropEffect = 'copy';
  document.body.dataset['dragging'] = '';
}, true);
addEventListener('dragleave', (e) => {
  if (e.relatedTarget === null) delete document.body.dataset['dragging'];
}, true);
addEventListener('drop', (e) => {
  delete document.body.dataset['dragging'];
  if (!hasFiles(e)) return;
  e.preventDefault();
  e.stopPropagation();
  const f = e.dataTransfer!.files[0];
  if (f) void importFile(f);
}, true);

$('download').addEventListener('click', () => {
  const blob = new Blob([view.state.doc.toString()], { type: 'text/plain;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = downloadName(checked?.result.model.name || lastName);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
});

// The preview frame holds the document alone, with its @page rule: the browser prints it on the SOP's paper.
const printDocument = (): void => {
  if (lastHtml !== null) frame.contentWindow?.print();
};
$('print').addEventListener('click', printDocument);
// Ctrl+P prints the document too, not the page around it.
addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'p') {
    e.preventDefault();
    printDocument();
  }
});

const langSelect = $<HTMLSelectElement>('lang');
langSelect.value = lang;
langSelect.addEventListener('change', () => {
  lang = langSelect.value === 'en' ? 'en' : 'id';
  storage?.setItem(LANG_KEY, lang);
  applyWords();
  if (worker) {
    // The messages in the new language at once, from a check in the page (the check is quick; the layout is
    // what the worker spares the page); the worker's answer then brings the same, with the document.
    const r = resultFor(view.state.doc);
    view.dispatch(setDiagnostics(view.state, toEditorDiagnostics(view.state.doc, r.diagnostics)));
    renderProblems(r.diagnostics);
    shownProblems = r.diagnostics.length;
    problemsLang = lang;
    setStatus(r.diagnostics.filter((d) => d.severity === 'error').length);
  }
  update();
});

applyWords();
update();
