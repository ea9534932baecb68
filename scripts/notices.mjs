/**
 * The licences of the packages esbuild bundled (read from its metafile), which
 * minifying strips: one text to ship beside the bundle as THIRD-PARTY-NOTICES.txt.
 * Used by scripts/bundle.mjs (the playground) and editors/vscode/build.mjs.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';

export function thirdPartyNotices(metafile) {
  const packages = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) packages.add(m[1]);
  }
  const notices = [...packages].sort().map((dir) => {
    const { name, version } = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
    const licence = readdirSync(dir).find((f) => /^licen[sc]e/i.test(f));
    return `${name} ${version}\n\n${licence && existsSync(`${dir}/${licence}`) ? readFileSync(`${dir}/${licence}`, 'utf8').trim() : '(no licence file)'}\n`;
  });
  return notices.join('\n' + '-'.repeat(72) + '\n\n');
}
