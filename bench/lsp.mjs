/**
 * Issue 6: the language server over stdio, as an editor sees it: time from a
 * didChange to its publishDiagnostics in a 200-step file, and completion.
 * Baseline: a round trip of a request the server answers without work
 * (shutdown is not used; an unknown-position hover that finds nothing).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateSop } from './generate.mjs';
import { fmt, now } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function client() {
  // --expose-gc: sop/stats collects garbage before it reports the heap.
  const proc = spawn(process.execPath, ['--expose-gc', join(root, 'dist/cli/sop.js'), 'lsp', '--stdio'], { stdio: 'pipe' });
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
    /** CPU time (user + system) the server process has used, in ms: the work, whatever the machine's load. */
    cpu: () => {
      const stat = readFileSync(`/proc/${proc.pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime, in clock ticks (100 per second on Linux).
      return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
    },
    kill: () => proc.kill(),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function lspBench() {
  const c = client();
  // No debounce: this measures the check itself (editors add the 200 ms debounce).
  await c.request('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } });
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
      textDocument: { uri, version: 2000 + i },
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
      metric: 'diagnostics after an edit, 200-step file (median of 40, over stdio, debounce 0)',
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

/**
 * Issue 11 item 8: the server under load, with its default debounce.
 * Work: server CPU time for 500 edits sent as one burst to a 68 KB document,
 * until the diagnostics of the last version; baseline: the CPU time of one
 * check of that document (opening it). Before the debounce every edit was
 * checked: ~500 checks, 9.3 s.
 * Memory: the heap (after a full GC) with three large documents of one folder
 * open, and after closing them; baseline: the heap before opening them.
 */
export async function lspLoadBench() {
  const c = client();
  await c.request('initialize', { processId: null, rootUri: null, capabilities: {} });
  c.notify('initialized', {});
  const uri = 'untitled:load.sop';
  const text = generateSop(77, { steps: 430, lanes: 8 });
  let got = c.nextDiagnostics();
  c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sop', version: 1, text } });
  await got;
  // Baseline: ten checks of the whole document, one at a time (CPU ticks are 10 ms).
  let cpu = c.cpu();
  for (let i = 0; i < 10; i++) {
    got = c.nextDiagnostics();
    c.notify('textDocument/didChange', { textDocument: { uri, version: 1000 + i }, contentChanges: [{ text: text.replace('Waktu: ', `Waktu: ${i}`) }] });
    await got;
  }
  const oneCheck = (c.cpu() - cpu) / 10;
  const lines = text.split('\n');
  const waktuLine = lines.findIndex((l) => l.includes('Waktu:'));
  const s0 = await c.request('sop/stats', null);
  cpu = c.cpu();
  const t = now();
  got = c.nextDiagnostics();
  for (let i = 0; i < 500; i++) {
    c.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 + i },
      contentChanges: [{ range: { start: { line: waktuLine, character: 11 }, end: { line: waktuLine, character: 12 } }, text: String(i % 9 + 1) }],
    });
  }
  await got;
  const burstWall = now() - t;
  const burst = c.cpu() - cpu;
  const s1 = await c.request('sop/stats', null);
  const checks = s1.projectChecks - s0.projectChecks;

  const dir = mkdtempSync(join(tmpdir(), 'sop-bench-lsp-'));
  const docs = [1, 2, 3].map((i) => ({ uri: pathToFileURL(join(dir, `d${i}.sop`)).href, text: generateSop(i, { steps: 3000, lanes: 8 }) }));
  for (const d of docs) writeFileSync(new URL(d.uri), d.text);
  c.notify('textDocument/didClose', { textDocument: { uri } });
  const start = (await c.request('sop/stats', null)).memory.heapUsed;
  const cycle = async () => {
    for (const d of docs) {
      const g = c.nextDiagnostics();
      c.notify('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: 'sop', version: 1, text: d.text } });
      await g;
    }
    const heapOpen = (await c.request('sop/stats', null)).memory.heapUsed;
    for (const d of docs) c.notify('textDocument/didClose', { textDocument: { uri: d.uri } });
    return { heapOpen, after: await c.request('sop/stats', null) };
  };
  // The first cycle also compiles the checker's code and fills the parser's own caches;
  // the second shows whether closed documents are kept.
  const first = await cycle();
  const { heapOpen: open, after } = await cycle();
  c.kill();
  rmSync(dir, { recursive: true, force: true });
  const mb = (x) => `${fmt(x / 2 ** 20, 1)} MiB`;
  const kb = Math.round(text.length / 1024);
  return [
    {
      metric: `server CPU for 500 edits in one burst, ${kb} KB document, to the last version's diagnostics (${checks} check${checks === 1 ? '' : 's'}; ${fmt(burstWall / 1000, 1)} s wall incl. 200 ms debounce)`,
      value: `${fmt(burst, 0)} ms`,
      baseline: `one check of the document: ${fmt(oneCheck, 0)} ms CPU`,
      ratio: `${fmt(burst / oneCheck, 1)}x`,
      target: '< 5x one check (was ~500x: 9.3 s)',
      ok: burst / oneCheck < 5,
    },
    {
      metric: `heap after opening and closing three ${Math.round(docs[0].text.length / 1024)} KB documents of one folder, twice (open: ${mb(open)}; before: ${mb(start)}; caches after: ${after.cachedFolders} folders, ${after.cachedFiles} files)`,
      value: mb(after.memory.heapUsed),
      baseline: `after the first open/close: ${mb(first.after.memory.heapUsed)}`,
      ratio: `${fmt(after.memory.heapUsed / first.after.memory.heapUsed, 2)}x`,
      target: '< 1.1x, no growth (the folder cache kept every closed document)',
      ok: after.memory.heapUsed / first.after.memory.heapUsed < 1.1,
    },
  ];
}
