/**
 * No install warnings (issue 19 item 13): the package builds in `prepack`
 * (run by `npm pack`), not `prepare` (run on every install from a tarball or
 * git, and reported by npm as an unreviewed install script); every dependency
 * with an install script is reviewed in `allowScripts`, so `npm ci` in a
 * checkout does not warn either.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; allowScripts?: Record<string, boolean> };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };

describe('install scripts', () => {
  it('the package has none of its own: it builds in prepack', () => {
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare']) expect(pkg.scripts[s], s).toBeUndefined();
    expect(pkg.scripts['prepack']).toBe('npm run build');
  });

  it("every dependency with an install script is named in allowScripts (puppeteer's browser download is denied)", () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && p.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts.length).toBeGreaterThan(0);
    for (const name of withScripts) expect(pkg.allowScripts?.[name], name).toBeTypeOf('boolean');
    expect(pkg.allowScripts?.['puppeteer']).toBe(false);
  });
});
