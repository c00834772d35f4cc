import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed } from '../../../shared/sample';

describe('the seeded random source', () => {
  it('repeats its stream for the same seed and differs for another', () => {
    const a = createRng(123);
    const b = createRng(123);
    const c = createRng(124);
    const first = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(first);
  });

  it('spreads uniform draws evenly over [0, 1) and normal draws around 0 with spread 1', () => {
    const rng = createRng(9);
    const buckets = new Array<number>(10).fill(0);
    let sum = 0;
    let squares = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      buckets[Math.floor(u * 10)]++;
      const z = rng.normal();
      sum += z;
      squares += z * z;
    }
    for (const count of buckets) expect(Math.abs(count - n / 10)).toBeLessThan(n / 100);
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(Math.abs(squares / n - 1)).toBeLessThan(0.05);
  });

  it('derives distinct sub-seeds for distinct keys', () => {
    const seeds = new Set<number>();
    for (let customer = 0; customer < 200; customer++) for (let category = 0; category < 15; category++) seeds.add(deriveSeed(42, 2, customer, category));
    expect(seeds.size).toBe(3000);
  });

  it('draws integers inclusive of both ends and picks by weight', () => {
    const rng = createRng(5);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(rng.int(1, 3));
    expect([...seen].sort()).toEqual([1, 2, 3]);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) if (rng.weighted([1, 9]) === 1) heavy++;
    expect(heavy / 10_000).toBeGreaterThan(0.87);
    expect(heavy / 10_000).toBeLessThan(0.93);
  });
});
