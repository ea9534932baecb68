/**
 * The tries of one router share a routing when they would route alike (src/layout/layout-tries.ts
 * sharedRoutings): the layout's bytes stay the same (test/layout-hashes.test.ts), with fewer routings.
 */
import { describe, expect, it } from 'vitest';
import { newRouterState, sharedRoutings, type RouteTry, type Router } from '../src/layout/layout-tries.js';

/**
 * A router that counts its routings; decisions 3 and 7 may leave by their sides, 3 moved by siblingSteps too; three
 * other flows (0, 1, 2), shortest first, those asked for first before the others (route/tries.ts flowOrder).
 */
function counting(): { route: Router; calls: () => number } {
  let n = 0;
  const orderOf = (first: ReadonlySet<number> | undefined, longestFirst: boolean): number[] =>
    [0, 1, 2].sort((x, y) => Number(!first?.has(x)) - Number(!first?.has(y)) || (longestFirst ? y - x : x - y));
  const route: Router = () => {
    n++;
    const out = { sideChoices: () => ({ sides: new Set([3, 7]), siblings: new Set([3]) }), orderOf };
    return { stepRows: [], out, again: () => route() } as unknown as RouteTry;
  };
  return { route, calls: () => n };
}

describe('shared routings', () => {
  it('routes once for tries that differ only in what changes nothing', () => {
    const { route, calls } = counting();
    const tries = newRouterState();
    const shared = sharedRoutings(route, tries, false);
    const a = shared();
    // The same try again, and bottomSteps or siblingSteps naming decisions that do not leave by their sides.
    expect(shared()).toBe(a);
    expect(shared(undefined, false, false, new Set([5]))).toBe(a);
    expect(shared(undefined, false, false, undefined, new Set([7, 9]))).toBe(a);
    expect(shared(new Set<number>())).toBe(a);
    // Flows asked for first that come first anyway (the shortest): the same order, the same routing.
    expect(shared(new Set([0]))).toBe(a);
    expect(shared(new Set([1, 0]))).toBe(a);
    expect(calls()).toBe(1);
    expect(shared(new Set([2]), true)).toBe(shared(undefined, true));
    expect(calls()).toBe(2);
    // Every branch from the bottom, whether asked for all or for each decision that leaves by its sides.
    const bottom = shared(undefined, false, true);
    expect(shared(undefined, false, false, new Set([3, 7]))).toBe(bottom);
    expect(calls()).toBe(3);
  });

  it('routes again for tries that may route otherwise', () => {
    const { route, calls } = counting();
    const tries = newRouterState();
    const shared = sharedRoutings(route, tries, false);
    const a = shared();
    expect(shared(new Set([1]))).not.toBe(a);
    expect(shared(undefined, true)).not.toBe(a);
    expect(shared(undefined, false, false, new Set([3]))).not.toBe(a);
    expect(shared(undefined, false, false, undefined, new Set([3]))).not.toBe(a);
    expect(shared(undefined, false, false, undefined, undefined, new Set(['0@1']))).not.toBe(a);
    tries.tops = new Set([4]);
    expect(shared()).not.toBe(a);
    tries.tops = null;
    tries.wide = true;
    expect(shared()).not.toBe(a);
    expect(calls()).toBe(8);
  });

  it('a router that sends every branch from the bottom routes alike whatever the decisions asked', () => {
    const { route, calls } = counting();
    const shared = sharedRoutings(route, newRouterState(), true);
    const a = shared();
    expect(shared(undefined, false, false, new Set([3]))).toBe(a);
    expect(shared(undefined, false, true)).toBe(a);
    expect(calls()).toBe(1);
  });
});
