/** `sop build`'s V8 tiering (src/cli/tiering.ts): set on the V8s that know the flag, never over the user's own. */
import { describe, expect, it } from 'vitest';
import { tuneTiering } from '../src/cli/tiering.js';

describe('tuneTiering', () => {
  it('raises the interrupt budget on V8 9-13 unless node was given one or SOP_V8_TIERING=default', () => {
    expect(tuneTiering('11.3.244.8-node.38', '')).toBe(true);
    expect(tuneTiering('12.4.254.21-node.33', '--max-old-space-size=4096')).toBe(true);
    expect(tuneTiering('11.3.244.8-node.38', '--interrupt-budget=1000')).toBe(false);
    expect(tuneTiering('11.3.244.8-node.38', '--interrupt_budget=1000')).toBe(false);
    expect(tuneTiering('14.1.0', '')).toBe(false);
    expect(tuneTiering('8.4.371', '')).toBe(false);
    expect(tuneTiering('', '')).toBe(false);
    expect(tuneTiering('11.3.244.8-node.38', '', 'default')).toBe(false);
  });
});
