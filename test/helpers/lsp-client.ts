/** A minimal LSP client over stdio for tests: framed JSON-RPC to `sop lsp`. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { CLI } from './cli.js';

interface Message {
  jsonrpc: '2.0';
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

export class LspClient {
  private proc: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private pending = new Map<number, (m: Message) => void>();
  readonly notifications: Message[] = [];
  private listeners: (() => void)[] = [];
  readonly stderr: string[] = [];

  /** `command`: how to start `sop` (default: this checkout's build); `lsp --stdio` is appended. */
  constructor(command: readonly string[] = [process.execPath, CLI], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
    this.proc = spawn(command[0]!, [...command.slice(1), 'lsp', '--stdio'], { stdio: 'pipe', ...opts });
    this.proc.stdout.on('data', (d: Buffer) => this.onData(d));
    this.proc.stderr.on('data', (d: Buffer) => this.stderr.push(d.toString()));
  }

  private onData(d: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, d]);
    for (;;) {
      const head = this.buffer.indexOf('\r\n\r\n');
      if (head < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, head).toString())![1]);
      if (this.buffer.length < head + 4 + len) return;
      const body = JSON.parse(this.buffer.subarray(head + 4, head + 4 + len).toString()) as Message;
      this.buffer = this.buffer.subarray(head + 4 + len);
      if (body.id !== undefined && body.method === undefined) this.pending.get(body.id)?.(body);
      else if (body.method) {
        this.notifications.push(body);
        for (const l of this.listeners.splice(0)) l();
      }
    }
  }

  /** Writes raw bytes: for malformed-input tests. */
  raw(text: string): void {
    this.proc.stdin.write(text);
  }

  send(m: Message): void {
    const body = JSON.stringify(m);
    this.proc.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  request<T = unknown>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${method}`)), 10_000);
      this.pending.set(id, (m) => {
        clearTimeout(timer);
        if (m.error) reject(new Error(m.error.message));
        else resolve(m.result as T);
      });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The next publishDiagnostics for `uri` after this call. */
  async diagnostics(uri: string, after: number = this.notifications.length): Promise<{ range: unknown; code: string; severity: number; message: string }[]> {
    const found = await this.next((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uri, after, 'no diagnostics');
    return (found.params as { diagnostics: never[] }).diagnostics;
  }

  /** The first notification from index `after` on that `match` takes, waited for (10 s). */
  async next(match: (n: Message) => boolean, after: number, why = 'no such notification'): Promise<Message> {
    for (;;) {
      const found = this.notifications.slice(after).find(match);
      if (found) return found;
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(why)), 10_000);
        this.listeners.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async close(): Promise<number | null> {
    await this.request('shutdown', null).catch(() => undefined);
    this.notify('exit', null);
    return new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
  }
}
