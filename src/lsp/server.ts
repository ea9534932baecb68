/**
 * `sop lsp`: a Language Server Protocol server over stdio. Positions are
 * converted between the library's 1-based ranges and LSP's 0-based ones
 * here and nowhere else. A handler that fails answers null and is logged;
 * it never takes the server down.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  FoldingRangeKind,
  MessageType,
  ShowMessageNotification,
  SymbolKind,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type CompletionParams,
  type DefinitionParams,
  type DocumentFormattingParams,
  type DocumentSymbolParams,
  type FoldingRangeParams,
  type HoverParams,
  type ReferenceParams,
  type RenameParams,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type DocumentSymbol,
  type Range as LspRange,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from '../ast/nodes.js';
import { checkProject, type LogoCheck, type ProjectFileResult } from '../check/project.js';
import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatSop } from '../format/format.js';
import type { SopConfig } from '../model/config.js';
import { readLogo } from '../project/logo.js';
import { readFolder } from '../project/folder.js';
import { makeDiagnostic } from '../diagnostics/diagnostic.js';
import { webviewFontBase } from '../emit/html/fonts.js';
import { overflowDiagnostic } from '../page/fit.js';
import { findUp } from '../util/find-up.js';
import { Debouncer } from './debounce.js';
import { messageStrategy } from './sanitize.js';
import { complete, definition, folding, hover, notFormattedMessage, outline, references, relatedSopAt, rename, type OutlineItem } from './features.js';

// ---- positions: the only place they convert ----
const toLsp = (r: Range): LspRange => ({
  start: { line: r.start.line - 1, character: r.start.column - 1 },
  end: { line: r.end.line - 1, character: r.end.column - 1 },
});
const fromLsp = (p: { line: number; character: number }): { line: number; column: number } => ({ line: p.line + 1, column: p.character + 1 });

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

interface Analysis {
  readonly version: number;
  readonly result: ProjectFileResult;
  /** The folder's config the result was checked (and page-fit checked) under. */
  readonly config: string;
}

/**
 * The largest document checked in the editor, 1 MB (about 10 000 steps, ten
 * times the PDF's limit; ~0.4 s per check). The server has one thread: a
 * 10 MB document took 4 s per check, during which hover and completion in
 * every document waited. A larger document gets one SOP593 warning and no
 * other help; files of the folder over the limit are left out of its project.
 */
export const LSP_MAX_BYTES = 1024 * 1024;

/** Quiet time after the last edit before a document is checked (initializationOptions.debounceMs overrides). */
export const DEFAULT_DEBOUNCE_MS = 200;

/** What `sop/stats` answers: the work done and what the caches hold (for the bench and the tests). */
export interface ServerStats {
  /** Project checks run (one per analysed document version). */
  readonly projectChecks: number;
  /** Files parsed and checked (a project check reuses unchanged files). */
  readonly fileChecks: number;
  readonly openDocuments: number;
  /** Folders with cached results, and the files cached in them and read from disk. */
  readonly cachedFolders: number;
  readonly cachedFiles: number;
  readonly diskTexts: number;
  /** process.memoryUsage() in bytes, after a full garbage collection when node runs with --expose-gc. */
  readonly memory: NodeJS.MemoryUsage;
}

type FileResult = import('../check/check.js').FileResult;

/** The per-folder cache of checked files; counts the files it is given, i.e. actually checked. */
class FileCache extends Map<string, FileResult> {
  sets = 0;
  override set(key: string, value: FileResult): this {
    this.sets++;
    return super.set(key, value);
  }
}

/** A document's path on this machine; null for an untitled document, or a URI Node cannot read as a path (`file://host/share`). */
function filePathOf(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

/** Everything the server keeps between messages. */
interface ServerState {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly cache: Map<string, Analysis>;
  readonly disk: Map<string, { mtime: number; text: string }>;
  /** Checked results of the folder's files, by folder and config: only changed texts are checked again. */
  readonly checked: Map<string, { root: string; files: FileCache }>;
  debouncer: Debouncer;
  /** Documents whose first check (on open) is still to come: it runs at once, not debounced. */
  readonly opening: Set<string>;
  projectChecks: number;
  fileChecks: number;
  templatesForPreview?: import('../emit/html/render.js').TemplateSet;
}

/** A handler that fails answers `fallback` and is logged; it never takes the server down. */
const safeIn =
  (connection: Connection) =>
  <A extends unknown[], R>(name: string, fn: (...a: A) => R, fallback: R) =>
  (...a: A): R => {
    try {
      return fn(...a);
    } catch (e) {
      // The message, not the stack: a malformed request is not the server's bug, and its log is read by users.
      connection.console.error(`sop lsp: ${name}: ${(e as Error)?.message ?? String(e)}`);
      return fallback;
    }
  };

/**
 * For the requests an editor sends by itself after each edit (outline,
 * folding, code actions): answer once the document is quiet, from the check
 * the debounce runs anyway, instead of checking every intermediate version.
 * A request the editor cancels meanwhile (it does after a newer edit) is
 * answered with the fallback, without a check.
 */
const settledIn =
  (s: ServerState) =>
  <P extends { textDocument: { uri: string } }, R>(name: string, fn: (p: P) => R, fallback: R) =>
  async (params: P, token?: CancellationToken): Promise<R> => {
    await s.debouncer.whenQuiet(params.textDocument.uri);
    if (token?.isCancellationRequested) return fallback;
    return safeIn(s.connection)(name, fn, fallback)(params);
  };

/** The other .sop files of the document's folder (read from disk, cached by mtime) and its config. */
function projectOf(s: ServerState, uri: string): { root: string; others: { path: string; text: string }[]; config: SopConfig; file: string } {
  const abs = filePathOf(uri);
  if (abs === null) return { root: '', others: [], config: {}, file: uri };
  const folder = readFolder(abs, s.disk, LSP_MAX_BYTES, (p) => {
    const open = s.documents.get(pathToUri(p));
    return open ? (tooLarge(open.getText()) ? null : open.getText()) : undefined;
  });
  return { ...folder, file: path.basename(abs) };
}

/**
 * The check of an open document, kept until its next version. `current`: also until the folder's sop.config.json
 * changes (sop/preview renders under the config on disk: a result checked under an older one let it render a
 * document that `sop build` refuses, SOP596).
 */
function analyze(s: ServerState, uri: string, current = false): ProjectFileResult | null {
  const doc = s.documents.get(uri);
  if (!doc) return null;
  const hit = s.cache.get(uri);
  if (hit && hit.version === doc.version && !current) return hit.result;
  const p = projectOf(s, uri);
  if (hit && hit.version === doc.version && hit.config === JSON.stringify(p.config)) return hit.result;
  // A document over the limit is checked as an empty one, and says so (SOP593) instead of its diagnostics.
  const bytes = tooLarge(doc.getText());
  // Files in path order, as the CLI checks them: the first holder of a Nomor SOP keeps it.
  const files = [{ path: p.file, text: bytes ? '' : doc.getText() }, ...p.others].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const cacheKey = `${p.root}\u0000${JSON.stringify(p.config)}`;
  let entry = s.checked.get(cacheKey);
  if (!entry) {
    // The folder's config changed: results under the old one are never used again.
    for (const [k, v] of s.checked) if (v.root === p.root) s.checked.delete(k);
    s.checked.set(cacheKey, (entry = { root: p.root, files: new FileCache() }));
  }
  const perFile = entry.files;
  const stored = perFile.sets;
  // The logo under the build's rules (inside the folder once links are resolved, a regular
  // file, at most 2 MB, the image type its extension claims), not only its path's text.
  const logoFacts = p.root === '' ? undefined : (abs: string): LogoCheck => readLogo(abs, p.root);
  const project = checkProject({ files, root: p.root, config: p.config, cache: perFile, ...(logoFacts ? { logoFacts } : {}) });
  s.projectChecks++;
  s.fileChecks += perFile.sets - stored;
  // Every file of the check is now in the cache: more entries are files gone from the folder.
  if (perFile.size > files.length) {
    const present = new Set(files.map((f) => f.path));
    for (const k of perFile.keys()) if (!present.has(k)) perFile.delete(k);
  }
  let result = project.files.find((f) => f.file === p.file)!;
  if (bytes) {
    const at = { line: 1, column: 1, offset: 0 };
    const mb = (n: number): string => (n / (1024 * 1024)).toFixed(1);
    const warning = makeDiagnostic({ code: 'SOP593', range: { start: at, end: at }, params: { size: mb(bytes), max: mb(LSP_MAX_BYTES) } }, 'id', p.file);
    result = { ...result, diagnostics: [warning] };
  } else result = withPageFit(s, result, p.config);
  s.cache.set(uri, { version: doc.version, result, config: JSON.stringify(p.config) });
  return result;
}

/**
 * A SOP without errors whose table header and tallest row do not fit the page gets SOP596, which `sop build`
 * refuses it with: seen while typing, not when the build fails in CI. Its layout is the table's frame alone (no
 * step placed, no flow routed), ~3 ms for 200 steps; a failure of it is logged, never hides the other diagnostics.
 */
function withPageFit(s: ServerState, result: ProjectFileResult, config: SopConfig): ProjectFileResult {
  if (result.diagnostics.some((d) => d.severity === 'error')) return result;
  try {
    const over = overflowDiagnostic(result, config, 'id');
    return over ? { ...result, diagnostics: [...result.diagnostics, over].sort(compareDiagnostics) } : result;
  } catch (e) {
    s.connection.console.error(`sop lsp: page fit: ${(e as Error)?.message ?? String(e)}`);
    return result;
  }
}

/** The folder a document's project lives in ('' for untitled documents). */
function rootOf(uri: string): string {
  const abs = filePathOf(uri);
  return abs === null ? '' : path.dirname(abs);
}

/**
 * A closed document leaves every s.cache. When it was the folder's last open
 * document, the folder's checked results and disk texts go too: they held
 * whole documents (1.15 GB after three large ones were opened and closed).
 */
function forget(s: ServerState, uri: string): void {
  s.debouncer.cancel(uri);
  s.opening.delete(uri);
  s.cache.delete(uri);
  const root = rootOf(uri);
  const stillOpen = s.documents.all().some((d) => rootOf(d.uri) === root);
  const abs = filePathOf(uri);
  const name = abs === null ? uri : path.basename(abs);
  for (const [k, v] of s.checked) {
    if (v.root !== root) continue;
    if (stillOpen) v.files.delete(name);
    else s.checked.delete(k);
  }
  if (!stillOpen) for (const p of s.disk.keys()) if (path.dirname(p) === root) s.disk.delete(p);
}

/** Sends a document's diagnostics (its own, and those of no file). */
function publish(s: ServerState, uri: string, r: ProjectFileResult): void {
  void s.connection.sendDiagnostics({ uri, diagnostics: r.diagnostics.filter((d) => d.file === r.file || d.file === '').map((d) => toLspDiagnostic(d, uri)) });
}

function toLspDiagnostic(d: Diagnostic, uri: string): LspDiagnostic {
  return {
    range: toLsp(d.range),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'sop',
    message: d.hint ? `${d.message}\n${d.hint}` : d.message,
    ...(d.related
      ? { relatedInformation: d.related.map((r) => ({ location: { uri: r.file ? pathToUri(path.resolve(path.dirname(uriPath(uri)), r.file)) : uri, range: toLsp(r.range) }, message: r.message })) }
      : {}),
    data: { suggestions: d.suggestions ?? [], code: d.code, branch: d.params['branch'] ?? null },
  };
}

export function startServer(connection: Connection = createConnection(process.stdin, process.stdout, { messageStrategy })): void {
  const s: ServerState = {
    connection,
    documents: new TextDocuments(TextDocument),
    cache: new Map(),
    disk: new Map(),
    checked: new Map(),
    debouncer: new Debouncer(DEFAULT_DEBOUNCE_MS),
    opening: new Set(),
    projectChecks: 0,
    fileChecks: 0,
  };
  const safe = safeIn(connection);
  const validate = safe(
    'diagnostics',
    (uri: string): void => {
      const r = analyze(s, uri);
      if (r) publish(s, uri, r);
    },
    undefined,
  );

  registerSync(s, validate);
  registerQueries(s);
  registerEdits(s);
  s.documents.listen(connection);
  connection.listen();
}

/** The package's fonts/ (the bundled Liberation Sans) as a file URI, found like src/page/pdf.ts finds it; null if missing. */
function fontsFolder(): string | null {
  return findUp(import.meta.url, 4, (d) => (existsSync(path.join(d, 'fonts', 'LiberationSans-Regular.ttf')) ? pathToFileURL(path.join(d, 'fonts')).href : null));
}

/** Initialisation, and the documents: opened (checked at once), edited (checked when quiet), closed (forgotten). */
function registerSync(s: ServerState, validate: (uri: string) => void): void {
  s.connection.onInitialize((params) => {
    const ms = (params.initializationOptions as { debounceMs?: unknown } | null | undefined)?.debounceMs;
    if (typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 && ms <= 10_000) s.debouncer = new Debouncer(ms);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['[', ',', '@', ' ', ':'] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: true,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentFormattingProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        // The editor's preview may load the bundled font from this folder only (docs/editor.md).
        experimental: { sopFontsFolder: fontsFolder() },
      },
      serverInfo: { name: 'sop', version: '0.1.0' },
    };
  });

  // Opening is checked at once; edits when the document has been quiet for the debounce delay,
  // so a burst of keystrokes costs one check of the last version instead of one per keystroke.
  s.documents.onDidOpen((e: { document: TextDocument }) => s.opening.add(e.document.uri));
  s.documents.onDidChangeContent((e: { document: TextDocument }) => {
    const uri = e.document.uri;
    if (s.opening.delete(uri)) {
      s.debouncer.cancel(uri);
      validate(uri);
    } else {
      s.debouncer.schedule(uri, () => validate(uri));
    }
  });
  s.documents.onDidClose((e: { document: TextDocument }) => {
    forget(s, e.document.uri);
    void s.connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  s.connection.onShutdown(() => s.debouncer.dispose());
}

/** The requests that answer about a position or the whole document: stats, preview, completion, definition, references, rename, hover. */
function registerQueries(s: ServerState): void {
  const safe = safeIn(s.connection);
  s.connection.onRequest('sop/stats', (): ServerStats => {
    (globalThis as { gc?: () => void }).gc?.();
    let cachedFiles = 0;
    for (const v of s.checked.values()) cachedFiles += v.files.size;
    return { projectChecks: s.projectChecks, fileChecks: s.fileChecks, openDocuments: s.documents.all().length, cachedFolders: s.checked.size, cachedFiles, diskTexts: s.disk.size, memory: process.memoryUsage() };
  });

  /**
   * `sop/preview` (for the editor's preview beside the text, issue 13): the
   * document's HTML as `sop build` makes it, from the open text (no save
   * needed), or null while it has errors (the preview keeps its last one);
   * and each step's number and range, for the cursor/step mapping.
   */
  s.connection.onRequest('sop/preview', async (params: { textDocument: { uri: string }; fontBase?: unknown }) => {
    const uri = params.textDocument.uri;
    const doc = s.documents.get(uri);
    const before = s.cache.get(uri)?.result;
    const r = safe('preview', (u: string) => analyze(s, u, true), null)(uri);
    if (!doc || !r) return null;
    // Checked again under a changed sop.config.json: the editor's problems follow what the preview says.
    if (before && r !== before) publish(s, uri, r);
    const errors = r.diagnostics.filter((d) => d.severity === 'error' || d.code === 'SOP593').length;
    const steps = r.model.steps.map((st) => ({ number: st.number, range: st.range }));
    if (errors > 0) return { version: doc.version, html: null, errors, steps };
    try {
      // Loaded on the first preview only: Handlebars and the templates cost nothing to servers that never preview.
      const [{ renderHtml }, { loadTemplates }] = await Promise.all([import('../emit/html/render.js'), import('../project/templates.js')]);
      s.templatesForPreview ??= loadTemplates();
      // The @font-face rules name the bundled font at the webview URL of fonts/ the editor gives (checked); without one, none (the system's Liberation Sans or Arial).
      const html = renderHtml(r.model, s.templatesForPreview, { config: projectOf(s, params.textDocument.uri).config, fontBase: webviewFontBase(params.fontBase) });
      return { version: doc.version, html, errors, steps };
    } catch (e) {
      s.connection.console.error(`sop lsp: preview: ${(e as Error)?.message ?? String(e)}`);
      return { version: doc.version, html: null, errors, steps };
    }
  });

  /**
   * `sop/import` ("Import SOP…" in the editor, issue 23): a document's bytes
   * (base64, read by the editor from a file the user chose) → its `.sop`
   * drafts, or an error message. The server reads no file for it.
   */
  s.connection.onRequest('sop/import', async (params: { name?: string; data?: string; lang?: 'id' | 'en' }) => {
    const lang = params.lang === 'en' ? 'en' : 'id';
    const { importBytes, ImportError, IMPORT_MAX_BASE64 } = await import('../import/input.js');
    if (typeof params.data !== 'string' || params.data.length > IMPORT_MAX_BASE64) {
      return { error: lang === 'en' ? 'the file is missing or too large' : 'berkasnya tidak ada atau terlalu besar' };
    }
    try {
      // A PDF is read in a process of its own (src/import/pdf-process.ts): a hostile one cannot take the server down.
      const { readOfficeRows, readPdfRows } = await import('../import/pdf-process.js');
      const drafts = await importBytes(Buffer.from(params.data, 'base64'), { source: String(params.name ?? 'dokumen').slice(0, 200), lang, deadlineMs: 30_000, readPdf: readPdfRows, readOffice: readOfficeRows });
      if (drafts.length === 0) return { error: lang === 'en' ? 'no procedure table found' : 'tidak ditemukan tabel prosedur' };
      return { drafts: drafts.map((d) => ({ fileName: d.fileName, text: d.text, guesses: d.guesses.length })) };
    } catch (e) {
      if (e instanceof ImportError) return { error: e.say(lang) };
      s.connection.console.error(`sop lsp: import: ${(e as Error)?.message ?? String(e)}`);
      return { error: lang === 'en' ? 'the file cannot be read' : 'berkas tidak dapat dibaca' };
    }
  });

  s.connection.onCompletion(
    safe(
      'completion',
      (params: CompletionParams) => {
        const r = analyze(s, params.textDocument.uri);
        if (!r) return [];
        const kind = { label: CompletionItemKind.Property, lane: CompletionItemKind.EnumMember, step: CompletionItemKind.Reference, keyword: CompletionItemKind.Keyword, unit: CompletionItemKind.Unit };
        return complete(r, fromLsp(params.position)).map((c) => ({
          label: c.label,
          kind: kind[c.kind],
          ...(c.detail ? { detail: c.detail } : {}),
          ...(c.insertText ? { insertText: c.insertText } : {}),
        }));
      },
      [],
    ),
  );

  s.connection.onDefinition(
    safe(
      'definition',
      (params: DefinitionParams) => {
        const r = analyze(s, params.textDocument.uri);
        if (!r) return null;
        const range = definition(r, fromLsp(params.position));
        if (range) return { uri: params.textDocument.uri, range: toLsp(range) };
        // A Keterkaitan item that names another SOP of the folder: go to that file.
        const other = relatedSopAt(r, fromLsp(params.position));
        if (other && params.textDocument.uri.startsWith('file:')) {
          const target = pathToUri(path.resolve(path.dirname(uriPath(params.textDocument.uri)), other));
          return { uri: target, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
        }
        return null;
      },
      null,
    ),
  );

  s.connection.onReferences(
    safe(
      'references',
      (params: ReferenceParams) => {
        const r = analyze(s, params.textDocument.uri);
        if (!r) return [];
        return references(r, fromLsp(params.position), params.context.includeDeclaration).map((o) => ({ uri: params.textDocument.uri, range: toLsp(o.range) }));
      },
      [],
    ),
  );

  s.connection.onRenameRequest(
    safe(
      'rename',
      (params: RenameParams) => {
        const r = analyze(s, params.textDocument.uri);
        const edits = r && rename(r, fromLsp(params.position), params.newName);
        if (!edits) return null;
        return { changes: { [params.textDocument.uri]: edits.map((e) => ({ range: toLsp(e.range), newText: e.newText })) } };
      },
      null,
    ),
  );

  s.connection.onHover(
    safe(
      'hover',
      (params: HoverParams) => {
        const r = analyze(s, params.textDocument.uri);
        const text = r && hover(r, fromLsp(params.position));
        return text ? { contents: { kind: 'markdown' as const, value: text } } : null;
      },
      null,
    ),
  );
}

/** The requests an editor sends by itself or to change the text: code actions, formatting, outline, folding. */
function registerEdits(s: ServerState): void {
  const safe = safeIn(s.connection);
  const settled = settledIn(s);
  s.connection.onCodeAction(
    settled(
      'codeAction',
      (params: CodeActionParams) => {
        const r = analyze(s, params.textDocument.uri);
        if (!r) return [];
        const uri = params.textDocument.uri;
        const actions: CodeAction[] = [];
        for (const d of params.context.diagnostics) {
          const data = d.data as { suggestions?: string[]; code?: string; branch?: string | null } | undefined;
          for (const s of data?.suggestions ?? []) {
            actions.push({ title: `Ganti dengan \`${s}\``, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: { changes: { [uri]: [{ range: d.range, newText: s }] } } });
          }
          if (data?.code === 'SOP304') {
            const step = r.facts.stepNodes.find((n) => n.headRange.start.line - 1 === d.range.start.line);
            const branch = data.branch === 'Tidak' ? 'Tidak' : 'Ya';
            if (step) {
              const at = { line: step.range.end.line - 1, character: step.range.end.column - 1 };
              actions.push({
                title: `Tambahkan cabang \`${branch}: selesai\``,
                kind: CodeActionKind.QuickFix,
                diagnostics: [d],
                edit: { changes: { [uri]: [{ range: { start: at, end: at }, newText: `\n    ${branch}: selesai` }] } },
              });
            }
          }
        }
        return actions;
      },
      [],
    ),
  );

  s.connection.onDocumentFormatting(
    safe(
      'formatting',
      (params: DocumentFormattingParams) => {
        const doc = s.documents.get(params.textDocument.uri);
        if (!doc || tooLarge(doc.getText())) return [];
        const f = formatSop(doc.getText());
        // A notification (window.showWarningMessage would ask a question the editor must answer).
        if (f.text === null) void s.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: notFormattedMessage(f.errors) });
        if (f.text === null || f.text === doc.getText()) return [];
        return [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, newText: f.text }];
      },
      [],
    ),
  );

  s.connection.onDocumentSymbol(
    settled(
      'documentSymbol',
      (params: DocumentSymbolParams) => {
        const r = analyze(s, params.textDocument.uri);
        if (!r) return [];
        const kinds = { section: SymbolKind.Namespace, lane: SymbolKind.Field, step: SymbolKind.Event };
        const conv = (o: OutlineItem): DocumentSymbol => ({
          name: o.name || '?',
          ...(o.detail ? { detail: o.detail } : {}),
          kind: kinds[o.kind],
          range: toLsp(o.range),
          selectionRange: toLsp(o.selection),
          children: o.children.map(conv),
        });
        return outline(r).map(conv);
      },
      [],
    ),
  );

  s.connection.onFoldingRanges(
    settled(
      'foldingRanges',
      (params: FoldingRangeParams) => {
        const r = analyze(s, params.textDocument.uri);
        return r ? folding(r).map((f) => ({ startLine: f.start - 1, endLine: f.end - 1, kind: FoldingRangeKind.Region })) : [];
      },
      [],
    ),
  );
}

/** The document's size in UTF-8 bytes when it is over LSP_MAX_BYTES, else 0 (a cheap length test first). */
function tooLarge(text: string): number {
  if (text.length <= LSP_MAX_BYTES / 3) return 0;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > LSP_MAX_BYTES ? bytes : 0;
}

function uriPath(uri: string): string {
  return filePathOf(uri) ?? uri;
}

function pathToUri(p: string): string {
  return new URL(`file://${p.split(path.sep).map(encodeURIComponent).join('/')}`).href;
}
