/** Made at bundle time by scripts/bundle.mjs (playgroundEmbed): the templates (compiled) and the examples of sops/. */
declare module 'sop:embedded' {
  import type { TemplateSpec } from '../src/emit/html/render.js';
  /** The templates compiled at bundle time (precompileTemplates): the page evaluates no string. */
  export const TEMPLATE_SPECS: { readonly document: TemplateSpec; readonly partials: Readonly<Record<string, TemplateSpec>> };
  export const EXAMPLES: readonly { readonly file: string; readonly name: string; readonly text: string }[];
  /** playground/engine-worker.ts bundled (a classic script), started by the page from a blob: URL. */
  export const WORKER_SOURCE: string;
}

/** pdf.js's worker module, run in the page by playground/import.ts (its message handler, no Worker). */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
