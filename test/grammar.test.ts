/** The TextMate grammar, tokenized by vscode-textmate with Oniguruma (as VS Code does), against a golden file. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import vsctm from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..');

async function grammar(): Promise<vsctm.IGrammar> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async () => vsctm.parseRawGrammar(readFileSync(join(root, 'grammar/sop.tmLanguage.json'), 'utf8'), 'sop.tmLanguage.json'),
  });
  return (await registry.loadGrammar('source.sop'))!;
}

describe('TextMate grammar', () => {
  it('tokenizes the sample as the golden file says', async () => {
    const g = await grammar();
    const lines = readFileSync(join(root, 'test/fixtures/grammar/sample.sop'), 'utf8').split('\n');
    let state = vsctm.INITIAL;
    const out: string[] = [];
    for (const line of lines) {
      const r = g.tokenizeLine(line, state);
      state = r.ruleStack;
      for (const t of r.tokens) {
        const text = line.slice(t.startIndex, t.endIndex);
        if (text.trim() === '') continue;
        out.push(`${JSON.stringify(text)} ${t.scopes.slice(1).join(' ')}`);
      }
    }
    await expect(out.join('\n') + '\n').toMatchFileSnapshot(join(root, 'test/fixtures/grammar/sample.tokens.txt'));
  });
});
