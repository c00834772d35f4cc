import { describe, expect, it } from 'vitest';
import { degeneracyOf, pAlive, tooFewToFit, type CustomerHistorySummary } from '../../../shared/analytics/bgnbd';

const PAPER = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** Customers as (x, t_x, T) in weeks, all of them buyers. */
const customers = (rows: [number, number, number][]): CustomerHistorySummary => ({
  x: Float64Array.from(rows, (r) => r[0]),
  tx: Float64Array.from(rows, (r) => r[1]),
  T: Float64Array.from(rows, (r) => r[2]),
  bought: new Uint8Array(rows.length).fill(1),
});

/** Twelve customers who bought three times a month apart and then went quiet for 40 weeks. */
const silent = customers(Array.from({ length: 12 }, () => [2, 8, 48] as [number, number, number]));

describe('judging a BG/NBD fit degenerate', () => {
  it('passes the paper fit: half its customers leave in a year and the long-silent ones look gone', () => {
    const { check, reasons } = degeneracyOf(PAPER, true, silent);
    expect(reasons).toEqual([]);
    expect(check.silentCustomers).toBe(12);
    expect(check.silentMedianPAlive).toBeCloseTo(pAlive(PAPER, 2, 8, 48), 12);
    expect(check.silentMedianPAlive).toBeLessThan(0.5);
  });

  it('fails a fit in which under 1% of customers leave in a year (Online Retail: a 0.003)', () => {
    const { check, reasons } = degeneracyOf({ r: 0.823, alpha: 9.87, a: 0.0031, b: 7.25 }, true, silent);
    expect(check.annualDropout).toBeLessThan(0.01);
    expect(reasons[0]).toMatch(/expects 0\.19% of customers to leave in a year/);
  });

  it('fails a fit that still calls long-silent customers alive, even with a plausible yearly dropout', () => {
    const p = { r: 0.8, alpha: 9, a: 0.5, b: 150 };
    const { check, reasons } = degeneracyOf(p, true, silent);
    expect(check.annualDropout).toBeGreaterThan(0.01);
    expect(pAlive(p, 2, 8, 48)).toBeGreaterThan(0.9);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/12 customers silent for more than 3x their own interval and 180\+ days still have a median P\(alive\) of 9\d%/);
  });

  it('does not judge silence from fewer than ten long-silent customers, nor count a silence under 180 days', () => {
    const few = degeneracyOf(PAPER, true, customers([[2, 8, 48], [2, 8, 48], [1, 1, 20]]));
    expect(few.check.silentCustomers).toBe(2);
    expect(few.check.silentMedianPAlive).toBeNull();
  });

  it('fails a fit whose optimiser did not converge, but not one where r and alpha ran off together (everyone buys at one rate)', () => {
    expect(degeneracyOf(PAPER, false, silent).reasons).toEqual([expect.stringMatching(/without converging/)]);
    const poisson = degeneracyOf({ r: 1.6e6, alpha: 3.27e6, a: 0.8, b: 2.4 }, true, silent);
    expect(poisson.check.atBoundary).toBe(true);
    expect(poisson.reasons).toEqual([]);
  });
});

describe('the least a population needs for its BG/NBD fit to be used', () => {
  it('asks for 40 customers, 20 of them repeat buyers, and says how many there were when short of either', () => {
    expect(tooFewToFit(40, 20)).toBeNull();
    expect(tooFewToFit(39, 39)).toBe('too few customers to fit: 39 (39 bought more than once); four parameters need at least 40 customers and 20 repeat buyers');
    expect(tooFewToFit(5000, 19)).toMatch(/^too few customers to fit: 5000 \(19 bought more than once\)/);
  });
});
