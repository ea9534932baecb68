/**
 * A bound on the work one render of the templates may do. A template folder
 * is untrusted (docs/security.md), and Handlebars bounds nothing: partials
 * that each call the next twice, 40 deep, or `each` blocks nested over the
 * same list, make 2^40 calls that print nothing, so no cap on the page's size
 * catches them, and the render (synchronous) held `sop build` for good, deaf
 * to Ctrl-C and SIGTERM: only SIGKILL stopped it. So every template run, a
 * partial's or a block's body (each `each` iteration, each `if` taken), is
 * counted, and a render is stopped past TEMPLATE_MAX_RUNS of them or past
 * TEMPLATE_MAX_MS of time, whichever comes first. The built-in templates make
 * about 400 runs a step (a 1 000-step SOP of 20 lanes, at the limits: ~415 000
 * runs in 0.3 s); 5 million runs that print nothing take about 1 s.
 *
 * Counted where Handlebars makes a template from its compiled spec
 * (`hb.template`): every program of the spec (`main`, and one per block body)
 * is wrapped, for the templates, their partials, inline partials, and a
 * partial compiled at its first call alike.
 */
import type Handlebars from 'handlebars';

/** At most this many template runs (partial calls, block bodies) in one render. */
export const TEMPLATE_MAX_RUNS = 5_000_000;
/** At most this long for one render, in ms (the built-in templates: ~0.3 s for a 1 000-step SOP). */
export const TEMPLATE_MAX_MS = 20_000;

/** Thrown from inside a render that went past the budget. */
export class TemplateOverBudget extends Error {
  constructor(readonly why: 'runs' | 'time') {
    super(why);
  }
}

export interface Budget {
  /** Starts a render's count and clock. */
  start(): void;
}

type Spec = Record<string, unknown>;

/** Wraps `hb.template` so that the programs of every template it makes are counted against one budget. */
export function budgetFor(hb: typeof Handlebars): Budget {
  let left = TEMPLATE_MAX_RUNS;
  let deadline = Infinity;
  const tick = (): void => {
    left--;
    if (left < 0) throw new TemplateOverBudget('runs');
    // The clock is asked every 1 024 runs: one run prints at most its template's text.
    if ((left & 1023) === 0 && Date.now() > deadline) throw new TemplateOverBudget('time');
  };
  const make = hb.template.bind(hb);
  hb.template = ((spec: Spec) => {
    const counted: Spec = { ...spec };
    for (const [key, value] of Object.entries(spec)) {
      if (typeof value !== 'function' || !/^(main|\d+)$/.test(key)) continue;
      const program = value as (...args: unknown[]) => unknown;
      counted[key] = function (this: unknown, ...args: unknown[]): unknown {
        tick();
        return program.apply(this, args);
      };
    }
    return make(counted as Parameters<typeof hb.template>[0]);
  }) as typeof hb.template;
  return {
    start(): void {
      left = TEMPLATE_MAX_RUNS;
      deadline = Date.now() + TEMPLATE_MAX_MS;
    },
  };
}
