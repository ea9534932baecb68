/**
 * Issue 12 item 6: a custom template cannot reach anything while the PDF is
 * printed. Every way a page can connect (fetch, WebSocket, EventSource,
 * sendBeacon, dynamic import, iframe, object, img, CSS url() and @import,
 * fonts, preconnect, meta refresh, SVG image) aims at a local server that
 * counts TCP connections and requests: there must be none, and the PDF is
 * still made.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

let server: Server;
let port = 0;
const hits: string[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.end('x');
  });
  server.on('connection', () => hits.push('tcp'));
  server.on('upgrade', (req, socket) => {
    hits.push(`upgrade ${req.url}`);
    socket.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function hostileTemplate(): string {
  const u = (p: string): string => `http://127.0.0.1:${port}/${p}`;
  return `<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="1;url=${u('refresh')}">
<link rel="preconnect" href="${u('preconnect')}">
<link rel="prefetch" href="${u('prefetch')}">
<link rel="stylesheet" href="${u('stylesheet')}">
<style>
@import url(${u('import')});
@font-face { font-family: jauh; src: url(${u('font')}); }
body { background: url(${u('background')}); }
p.x { font-family: jauh; }
@page { size: {{paper.widthMm}}mm {{paper.heightMm}}mm; margin: {{paper.marginMm}}mm; }
{{> css}}
</style>
<script src="${u('script')}"></script>
<script>
fetch('${u('fetch')}').catch(() => {});
try { new WebSocket('ws://127.0.0.1:${port}/websocket'); } catch (e) {}
try { new EventSource('${u('eventsource')}'); } catch (e) {}
try { navigator.sendBeacon('${u('beacon')}', 'x'); } catch (e) {}
new Image().src = '${u('script-image')}';
import('${u('dynamic-import')}').catch(() => {});
setTimeout(() => { location.href = '${u('location')}'; }, 10);
</script>
</head>
<body>
<p class="x">Templat jahat</p>
<img src="${u('img')}">
<iframe src="${u('iframe')}"></iframe>
<iframe srcdoc="<img src='${u('srcdoc-img')}'><script>fetch('${u('srcdoc-fetch')}')</script>"></iframe>
<object data="${u('object')}"></object>
<embed src="${u('embed')}">
<svg width="10" height="10"><image href="${u('svg-image')}" width="10" height="10"/></svg>
{{> identity identity}}
{{> procedure procedure}}
</body>
</html>
`;
}

describe('document pages reach nothing', () => {
  it('a hostile template: no connection to a local server, the PDF is made', async () => {
    const dir = tempDir('sop-offline-');
    dirs.push(dir);
    mkdirSync(join(dir, 'tpl'));
    writeFileSync(join(dir, 'tpl/document.hbs'), hostileTemplate());
    writeFileSync(
      join(dir, 'a.sop'),
      'Nama SOP: Uji jaringan\nNomor SOP: 1\nTanggal Pembuatan: 2023-08-31\nPelaksana:\n  - a: Staf\n  - b: Kepala\nProsedur:\n  [a] Mulai\n  [b] Selesai\n',
    );
    hits.length = 0;
    const proc = spawn(process.execPath, [CLI, 'build', 'a.sop', '--format', 'html,pdf,mermaid-png', '--pdf-engine', 'chromium', '--templates', 'tpl'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((r) => proc.on('exit', r));
    // Give a late connection (a timer in the page) the time to arrive.
    await new Promise((r) => setTimeout(r, 300));
    expect(code, stderr).toBe(0);
    // The template was used: every vector was in the page.
    expect(readFileSync(join(dir, 'out/a.html'), 'utf8')).toContain(`ws://127.0.0.1:${port}/websocket`);
    expect(readFileSync(join(dir, 'out/a.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(hits).toEqual([]);
  });
});
