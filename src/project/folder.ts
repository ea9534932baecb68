/**
 * One folder's sources as the language server checks them: the other .sop files beside a document
 * (from the editor when open there, else from disk, cached by mtime) and its sop.config.json, read
 * under the rules of io.ts: regular files only, inside the folder, at most `maxBytes` each.
 */
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { validateConfig, type SopConfig } from '../model/config.js';
import { readText } from './io.js';

/** Texts read from disk, by absolute path, with the mtime they were read at. */
export type DiskTexts = Map<string, { mtime: number; text: string }>;

/**
 * The other .sop files of `abs`'s folder and its config. `openText` gives the editor's text of an open
 * file (null: open but too large, left out; undefined: not open, read from disk). An invalid config is
 * left out (`sop check` reports it). Texts of files gone from the folder leave `disk`.
 */
export function readFolder(abs: string, disk: DiskTexts, maxBytes: number, openText: (file: string) => string | null | undefined): { root: string; others: { path: string; text: string }[]; config: SopConfig } {
  const root = path.dirname(abs);
  const others: { path: string; text: string }[] = [];
  let config: SopConfig = {};
  const onDisk = new Set<string>();
  try {
    // Regular files only, as `sop check` walks a folder: a FIFO (it would block the server), a device or a
    // symbolic link (it may lead out of the folder) is never opened.
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      const name = entry.name;
      const p = path.join(root, name);
      if (!entry.isFile()) continue;
      if (name === 'sop.config.json') {
        const r = readText(p, root);
        try {
          const v = r.ok ? validateConfig(JSON.parse(r.text)) : null;
          if (v?.ok) config = v.config;
        } catch {
          // Invalid JSON: `sop check` reports it; the editor checks without it.
        }
        continue;
      }
      if (!name.toLowerCase().endsWith('.sop') || p === abs) continue;
      const open = openText(p);
      if (open !== undefined) {
        if (open !== null) others.push({ path: name, text: open });
        continue;
      }
      let st;
      try {
        st = statSync(p);
      } catch {
        continue; // Gone since the folder was listed.
      }
      if (st.size > maxBytes) continue;
      onDisk.add(p);
      const mtime = st.mtimeMs;
      const hit = disk.get(p);
      let text = hit && hit.mtime === mtime ? hit.text : null;
      if (text === null) {
        const r = readText(p, root);
        if (!r.ok) continue;
        text = r.text;
      }
      disk.set(p, { mtime, text });
      others.push({ path: name, text });
    }
  } catch {
    // An unreadable folder: check the document alone.
  }
  // Texts of files deleted from the folder, or now open in the editor, are not kept.
  for (const p of disk.keys()) if (path.dirname(p) === root && !onDisk.has(p)) disk.delete(p);
  return { root, others, config };
}
