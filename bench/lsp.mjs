/**
 * Issue 6: the language server over stdio, as an editor sees it: time from a
 * didChange to its publishDiagnostics in a 200-step file, and completion.
 * Baseline: a round trip of a request the server answers without work
 * (shutdown is not used; an unknown-position hover that finds nothing).
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSop } from './generate.mjs';
import { fmt, now } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function client() {
  const proc = spawn(process.execPath, [join(root, 'dist/cli/sop.js'), 'lsp', '--stdio'], { stdio: 'pipe' });
  let buf = Buffer.alloc(0);
  let id = 1;
  const waiting = new Map();
  let onNote = null;
  proc.stdout.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const h = buf.indexOf('\r\n\r\n');
      if (h < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, h).toString())[1]);
      if (buf.length < h + 4 + len) return;
      const m = JSON.parse(buf.subarray(h + 4, h + 4 + len).toString());
      buf = buf.subarray(h + 4 + len);
      if (m.id !== undefined && !m.method) waiting.get(m.id)?.(m.result);
      else if (m.method === 'textDocument/publishDiagnostics' && onNote) onNote(m.params);
    }
  });
  const send = (m) => {
    const s = JSON.stringify({ jsonrpc: '2.0', ...m });
    proc.stdin.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
  };
  return {
    request: (method, params) => new Promise((r) => { const i = id++; waiting.set(i, r); send({ id: i, method, params }); }),
    notify: (method, params) => send({ method, params }),
    nextDiagnostics: () => new Promise((r) => { onNote = (p) => { onNote = null; r(p); }; }),
    kill: () => proc.kill(),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function lspBench() {
  const c = client();
  await c.request('initialize', { processId: null, rootUri: null, capabilities: {} });
  c.notify('initialized', {});
  const uri = 'untitled:bench.sop';
  const text = generateSop(77, { steps: 200, lanes: 8 });
  const first = c.nextDiagnostics();
  c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sop', version: 1, text } });
  await first;
  const lines = text.split('\n');
  const waktuLine = lines.findIndex((l) => l.includes('Waktu:'));
  const laneLine = lines.findIndex((l) => /^\s+@s\d+ \[/.test(l));
  const diag = [];
  const comp = [];
  const base = [];
  for (let i = 0; i < 41; i++) {
    const got = c.nextDiagnostics();
    const t = now();
    c.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 + i },
      contentChanges: [{ range: { start: { line: waktuLine, character: 11 }, end: { line: waktuLine, character: 12 } }, text: String(i % 9 + 1) }],
    });
    await got;
    diag.push(now() - t);
    let t2 = now();
    await c.request('textDocument/completion', { textDocument: { uri }, position: { line: laneLine, character: lines[laneLine].indexOf('[') + 1 } });
    comp.push(now() - t2);
    t2 = now();
    await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    base.push(now() - t2);
  }
  c.kill();
  const d = median(diag.slice(1));
  const k = median(comp.slice(1));
  const b = median(base.slice(1));
  return [
    {
      metric: 'diagnostics after an edit, 200-step file (median of 40, over stdio)',
      value: `${fmt(d, 1)} ms`,
      baseline: `a hover that finds nothing: ${fmt(b, 2)} ms`,
      ratio: `${fmt(d / b, 1)}x`,
      target: '< 20 ms',
      ok: d < 20,
    },
    {
      metric: 'completion inside [ ] (median of 40)',
      value: `${fmt(k, 2)} ms`,
      baseline: `hover: ${fmt(b, 2)} ms`,
      ratio: `${fmt(k / b, 1)}x`,
      target: '< 10 ms',
      ok: k < 10,
    },
  ];
}
