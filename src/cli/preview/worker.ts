/**
 * The thread of `sop preview` that reads, checks and renders the folder (build.ts), started by thread.ts; bundled as
 * dist/cli/sop-preview-worker.js (scripts/bundle.mjs). Each message asks for a rebuild; the reply is a BuildReply,
 * or `{ failed }`: the reason in words when the templates cannot be used, null when the rebuild threw (the server
 * says so in words, never as a stack trace).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { templateErrorMessage } from '../../project/templates.js';
import { PreviewBuilder, type PreviewFolder } from './build.js';

if (parentPort) {
  const port = parentPort;
  let builder: PreviewBuilder | null = null;
  port.on('message', () => {
    try {
      builder ??= new PreviewBuilder(workerData as PreviewFolder);
    } catch (e) {
      port.postMessage({ failed: templateErrorMessage(e) });
      return;
    }
    try {
      port.postMessage(builder.rebuild());
    } catch {
      port.postMessage({ failed: null });
    }
  });
}
