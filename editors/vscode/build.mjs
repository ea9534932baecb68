// Copies the grammar from the repository's grammar/ folder (its single source) into the extension.
import { copyFileSync, mkdirSync } from 'node:fs';
mkdirSync(new URL('./syntaxes/', import.meta.url), { recursive: true });
copyFileSync(new URL('../../grammar/sop.tmLanguage.json', import.meta.url), new URL('./syntaxes/sop.tmLanguage.json', import.meta.url));
console.log('grammar copied to syntaxes/');
