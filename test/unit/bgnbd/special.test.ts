import { describe, expect, it } from 'vitest';
import { hyp2f1, logGamma } from '../../../shared/analytics/bgnbd';
import { nelderMead } from '../../../shared/analytics/bgnbd/nelder-mead';

describe('logGamma', () => {
  it('gives ln((n-1)!) for whole numbers and ln(sqrt(pi)) at one half', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(171)).toBeCloseTo(706.5730622457874, 8);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });
});

describe('hyp2f1', () => {
  it('equals -ln(1-z)/z for 2F1(1, 1; 2; z), near z = 1 too', () => {
    for (const z of [0.1, 0.5, 0.9, 0.95, 0.999]) expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 10);
  });

  it('equals (1-z)^-a for 2F1(a, b; b; z)', () => {
    for (const z of [0.3, 0.92, 0.9999]) expect(hyp2f1(0.7, 2.3, 2.3, z) / Math.pow(1 - z, -0.7)).toBeCloseTo(1, 9);
  });

  it('agrees across the switch from the series to the 1 - z transformation', () => {
    // c - a - b = 0.6 here: the transformed form is used above z = 0.9 only.
    const below = hyp2f1(0.3, 0.7, 1.6, 0.9);
    const above = hyp2f1(0.3, 0.7, 1.6, 0.9 + 1e-9);
    expect(above).toBeCloseTo(below, 7);
    // With c - a - b < 0 (as in BG/NBD when a < 1): check against the plain series summed here.
    const [a, b, c, z] = [0.25, 2.4, 2.2, 0.97];
    let term = 1;
    let sum = 1;
    for (let n = 0; n < 20_000; n++) {
      term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
      sum += term;
    }
    expect(hyp2f1(a, b, c, z) / sum).toBeCloseTo(1, 9);
  });

  it('refuses z outside [0, 1)', () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, 2, -0.1)).toThrow(RangeError);
  });
});

describe('nelderMead', () => {
  it('finds the minimum of the Rosenbrock valley at (1, 1)', () => {
    const result = nelderMead(([x, y]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 4);
    expect(result.x[1]).toBeCloseTo(1, 4);
  });
});

describe('hyp2f1 with large parameters', () => {
  it('stays finite near z = 1 where the gamma functions of the transformation would overflow', () => {
    // 2F1(a, b; b; z) = (1-z)^-a holds for any b.
    expect(hyp2f1(2.5, 400, 400, 0.95) / Math.pow(0.05, -2.5)).toBeCloseTo(1, 8);
  });
});
