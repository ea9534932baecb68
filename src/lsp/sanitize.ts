/** What reaches the language server's handlers: document requests and notifications whose params name a document. */
import type { Message, MessageStrategy } from 'vscode-languageserver/node';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The document requests and notifications: their params must name a document (`textDocument.uri`). */
const DOCUMENT_REQUESTS = new Set([
  'textDocument/hover',
  'textDocument/completion',
  'textDocument/definition',
  'textDocument/references',
  'textDocument/rename',
  'textDocument/codeAction',
  'textDocument/formatting',
  'textDocument/documentSymbol',
  'textDocument/foldingRange',
  'sop/preview',
]);
const DOCUMENT_NOTIFICATIONS = new Set(['textDocument/didOpen', 'textDocument/didChange', 'textDocument/didClose', 'textDocument/didSave']);

/**
 * Malformed params (null, a number, no `textDocument.uri`) never reach the
 * library, whose own wrappers would throw on them (`hover` with null params
 * answered -32603, a `didClose` of null logged a stack trace): a document
 * request is asked about no document (`uri` ''), so it answers null or an
 * empty list as docs/editor.md says; a malformed document notification is
 * dropped. Exported for the tests.
 */
export function sanitizeMessage(m: Message): Message | null {
  const method = (m as { method?: unknown }).method;
  if (typeof method !== 'string') return m;
  const isRequest = (m as { id?: unknown }).id !== undefined;
  const params = (m as { params?: unknown }).params;
  const doc = isObject(params) && isObject(params['textDocument']) ? params['textDocument'] : null;
  const named = doc !== null && typeof doc['uri'] === 'string';
  if (isRequest && DOCUMENT_REQUESTS.has(method) && !named) {
    const none = { textDocument: { uri: '' }, position: { line: 0, character: 0 }, context: { diagnostics: [], includeDeclaration: false }, newName: '', options: { tabSize: 2, insertSpaces: true } };
    return { ...m, params: none } as Message;
  }
  if (!isRequest && DOCUMENT_NOTIFICATIONS.has(method)) {
    if (!named) return null;
    if (method === 'textDocument/didOpen' && (typeof doc['text'] !== 'string' || typeof doc['version'] !== 'number')) return null;
    if (method === 'textDocument/didChange') {
      const changes = (params as Record<string, unknown>)['contentChanges'];
      if (typeof doc['version'] !== 'number' || !Array.isArray(changes) || !changes.every((c) => isObject(c) && typeof c['text'] === 'string')) return null;
    }
  }
  return m;
}

/** Drops or mends malformed messages before the connection handles them (sanitizeMessage). */
export const messageStrategy: MessageStrategy = {
  handleMessage(message, next) {
    const m = sanitizeMessage(message);
    if (m !== null) next(m);
  },
};
