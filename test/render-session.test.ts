/**
 * RenderSession's browser life cycle (issue 11 item 2, issue 12 item 15):
 * concurrent slots share one launch, a restart removes the old browser's
 * folder, abort() stops for good, and "Requesting main frame too early!" is
 * taken as a browser death (restart, try again). Temp folders are counted in
 * a private TMPDIR.
 */
import { readdirSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../src/render/browser.js';
import { AbortedError, RenderSession } from '../src/render/session.js';
import { tempDir } from './helpers/tmp.js';

let tmp = '';
const saved = process.env['TMPDIR'];
beforeAll(() => {
  tmp = tempDir('sop-session-');
  process.env['TMPDIR'] = tmp;
});
afterAll(() => {
  if (saved === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = saved;
  rmSync(tmp, { recursive: true, force: true });
});

const userDirs = (): string[] => readdirSync(tmp).filter((n) => n.startsWith('sop-chromium-'));
const DOC = '<!DOCTYPE html><p>x</p>';

describe('RenderSession life cycle', () => {
  it('three slots starting together launch one browser; a restart removes the old folder; close removes the last', async () => {
    const s = new RenderSession(findBrowser()!, { jobs: 3 });
    try {
      const seen = await Promise.all([1, 2, 3].map(() => s.withDocument(DOC, async () => userDirs().length)));
      expect(seen).toEqual([1, 1, 1]);
      const first = userDirs();
      s.browser!.process()!.kill('SIGKILL');
      expect(await s.withDocument(DOC, async () => userDirs())).not.toEqual(first);
      expect(userDirs()).toHaveLength(1);
      expect(s.restarts).toBe(1);
    } finally {
      await s.close();
    }
    expect(userDirs()).toEqual([]);
  });

  it('"Requesting main frame too early!" is a browser death: restarted and tried again', async () => {
    const s = new RenderSession(findBrowser()!);
    try {
      let calls = 0;
      const r = await s.withDocument(DOC, async (page) => {
        if (calls++ === 0) throw new Error('Requesting main frame too early!');
        return page.evaluate('document.body.textContent');
      });
      expect(r).toBe('x');
      expect(calls).toBe(2);
      expect(s.restarts).toBe(1);
    } finally {
      await s.close();
    }
    expect(userDirs()).toEqual([]);
  });

  it('abort(): jobs in flight and waiting fail with AbortedError, no browser starts again, the folder is removed', async () => {
    const s = new RenderSession(findBrowser()!, { jobs: 1 });
    const inFlight = s.withDocument(DOC, () => new Promise<never>(() => {})).catch((e: unknown) => e);
    const waiting = s.withDocument(DOC, async () => 'never').catch((e: unknown) => e);
    while (!s.browser) await new Promise((r) => setTimeout(r, 20));
    await s.abort();
    expect(await inFlight).toBeInstanceOf(AbortedError);
    expect(await waiting).toBeInstanceOf(AbortedError);
    await expect(s.pdf(DOC)).rejects.toBeInstanceOf(AbortedError);
    expect(s.browser).toBeNull();
    expect(s.restarts).toBe(0);
    expect(userDirs()).toEqual([]);
  });
});
