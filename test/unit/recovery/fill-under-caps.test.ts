import { describe, expect, it } from 'vitest';
import { fillUnderCaps } from '../../../shared/analytics/recovery/fill-under-caps';

const sum = (a: Float64Array): number => a.reduce((s, v) => s + v, 0);

describe('splitting a customer\'s money over its categories under each one\'s ceiling', () => {
  it('splits in proportion to the weights when no part reaches its cap', () => {
    expect([...fillUnderCaps(100, [1, 3], [1000, 1000])]).toEqual([25, 75]);
  });

  it('fills a part to its cap and gives what it leaves to the others in proportion', () => {
    // By weight alone: 60, 30, 10; the first may hold 40, so 20 goes to the others 3:1.
    const out = fillUnderCaps(100, [6, 3, 1], [40, 1000, 1000]);
    expect(out[0]).toBe(40);
    expect(out[1]).toBeCloseTo(45, 10);
    expect(out[2]).toBeCloseTo(15, 10);
    expect(sum(out)).toBeCloseTo(100, 10);
  });

  it('fills again when the first round pushes another part over its cap', () => {
    const out = fillUnderCaps(100, [6, 3, 1], [40, 44, 1000]);
    expect([out[0], out[1]]).toEqual([40, 44]);
    expect(out[2]).toBeCloseTo(16, 10);
  });

  it('puts the rest over the caps by weight only when every part is full, so the parts still add up', () => {
    const out = fillUnderCaps(100, [1, 1], [30, 20]);
    expect(out[0]).toBeCloseTo(55, 10);
    expect(out[1]).toBeCloseTo(45, 10);
  });

  it('gives nothing to a part with no weight or no room while another has room', () => {
    expect([...fillUnderCaps(50, [0, 2, 1], [100, 100, 0])]).toEqual([0, 50, 0]);
  });
});
