/** Loads an extension module (editors/vscode/…) with a stand-in for the `vscode` module, fresh each time. */
import Module, { createRequire } from 'node:module';

export function requireWithVscode<T>(path: string, vscode: unknown): T {
  const m = Module as unknown as { _load: (r: string, ...a: unknown[]) => unknown };
  const load = m._load;
  m._load = function (r: string, ...a: unknown[]) {
    return r === 'vscode' ? vscode : load.call(this, r, ...a);
  };
  try {
    const require = createRequire(import.meta.url);
    delete require.cache[require.resolve(path)];
    return require(path) as T;
  } finally {
    m._load = load;
  }
}
