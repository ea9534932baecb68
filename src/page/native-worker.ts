/**
 * A drawing thread of `sop build --jobs N` (src/page/native-pool.ts): for each SOP it is sent, its PDF, SVG and PNG
 * drawn as the main thread would (src/page/build-native.ts), each output's failure reported on its own. Bundled for
 * the CLI as dist/cli/sop-native-worker.cjs (scripts/bundle.mjs).
 */
import { parentPort } from 'node:worker_threads';
import type { DrawJob, DrawResult, Outcome } from './native-pool.js';
import { preparedDrawing } from './native.js';
import { PictureError, pictureFacts } from './picture.js';

async function outcome<T>(f: () => Promise<T> | T): Promise<Outcome<T>> {
  try {
    return { ok: await f() };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e), ...(e instanceof PictureError ? { picture: pictureFacts(e) } : {}) };
  }
}

async function draw(job: DrawJob): Promise<DrawResult> {
  const { input, meta } = job;
  // Page models are made only when an output asks for them (the sheet's on its first use).
  const { sheet, pdf } = preparedDrawing(input, job.pages);
  return {
    ...(meta ? { pdf: await outcome(() => pdf(meta)) } : {}),
    ...(job.svg ? { svg: await outcome(() => sheet.svg()) } : {}),
    ...(job.png !== null ? { png: await outcome(() => sheet.png(job.png!)) } : {}),
  };
}

parentPort?.on('message', (m: { id: number; job: DrawJob }) => {
  void draw(m.job).then((result) => parentPort!.postMessage({ id: m.id, result }));
});
