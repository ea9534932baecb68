// The message protocol of the "SOP: Open Preview to the Side" webview and the
// mapping between the editor's cursor and the procedure's steps. Pure (no
// `vscode` import), so it is unit-tested without VS Code (test/vscode-preview.test.ts).
//
// Extension -> webview:
//   { type: 'update', version, html }     the document to show (replaces the last one)
//   { type: 'highlight', step }           the step under the cursor (null: none)
// Webview -> extension:
//   { type: 'ready' }                     the webview script runs; send it the document
//   { type: 'reveal', step }              a row or symbol was clicked: move the cursor there
//   { type: 'scroll', y }                 the scroll position, kept across updates
//
// The webview is a page showing user content: every message from it is
// checked here before the extension acts on it.
'use strict';

const MAX_STEP = 1_000_000;

/** A checked message from the webview, or null when it is not one of ours. */
function parseWebviewMessage(msg) {
  if (!msg || typeof msg !== 'object') return null;
  switch (msg.type) {
    case 'ready':
      return { type: 'ready' };
    case 'reveal':
      return Number.isInteger(msg.step) && msg.step >= 1 && msg.step <= MAX_STEP ? { type: 'reveal', step: msg.step } : null;
    case 'scroll':
      return typeof msg.y === 'number' && Number.isFinite(msg.y) && msg.y >= 0 ? { type: 'scroll', y: msg.y } : null;
    default:
      return null;
  }
}

/** The message that shows a document; `version` lets the webview drop a late, older update. */
function updateMessage(version, html) {
  return { type: 'update', version, html };
}

/** The message that highlights a step (or clears the highlight). */
function highlightMessage(step) {
  return { type: 'highlight', step: step ?? null };
}

/**
 * Step spans from the model's steps (`{ number, range }`, 1-based lines):
 * each step runs from its first line to the line before the next step (its
 * continuation lines and `->` flows belong to it); the last ends at its own range.
 */
function stepSpans(steps) {
  const spans = [];
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    const next = steps[i + 1];
    const end = next ? Math.max(s.range.end.line, next.range.start.line - 1) : s.range.end.line;
    spans.push({ step: s.number, startLine: s.range.start.line, endLine: end });
  }
  return spans;
}

/** The step whose span holds the 1-based line, or null (a header line, a blank line before the steps). Binary search: spans are in file order. */
function stepAtLine(spans, line) {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (line < s.startLine) hi = mid - 1;
    else if (line > s.endLine) lo = mid + 1;
    else return s.step;
  }
  return null;
}

/** The 1-based line where a step starts (where a click in the preview puts the cursor), or null for an unknown step. */
function lineOfStep(spans, step) {
  const s = spans.find((x) => x.step === step);
  return s ? s.startLine : null;
}

/** The step a clicked element of the document stands for: its own or its nearest ancestor's `data-step`. */
function stepOfElement(el) {
  for (let e = el; e; e = e.parentElement) {
    const v = e.getAttribute?.('data-step');
    if (v !== null && v !== undefined && /^[1-9]\d*$/.test(v)) return Number(v);
  }
  return null;
}

module.exports = { parseWebviewMessage, updateMessage, highlightMessage, stepSpans, stepAtLine, lineOfStep, stepOfElement };
