import { describe, expect, it } from 'vitest';
import { letters } from '../../../main/backend/report/anonymise';
import { monthsBetween, percentileRank, summarisePortfolio } from '../../../main/backend/report/portfolio';
import { facts, summary } from './fixtures';

const clients = () => [
  facts('Low Leak Ltd', summary({ revenue12m: 5_000_000, recovery: 150_000, growth: 100_000 })),
  facts('High Leak Inc', summary({ revenue12m: 1_000_000, recovery: 250_000, growth: 100_000 })),
  facts('Mid Leak Co', summary({ revenue12m: 2_000_000, recovery: 200_000, growth: 100_000 })),
  facts('Fresh Start', null, 'No analysis yet: run the analysis in /clients/Fresh Start.longtail.'),
];

describe('the portfolio of clients', () => {
  it('ranks a value among others, ties counting half', () => {
    expect(percentileRank(3, [1, 2, 3])).toBe(1);
    expect(percentileRank(1, [1, 2, 3])).toBe(0);
    expect(percentileRank(2, [2, 2, 4])).toBe(0.25);
    expect(percentileRank(5, [5])).toBeNull();
  });

  it('names clients A..Z then AA like spreadsheet columns', () => {
    expect([0, 1, 25, 26, 27].map(letters)).toEqual(['A', 'B', 'Z', 'AA', 'AB']);
  });

  it('counts months of data by the days they span, not by the month-ends they cross', () => {
    expect(monthsBetween('2023-01-15', '2025-12-02')).toBe(35);
    expect(monthsBetween('2024-01-31', '2024-03-26')).toBe(1.8);
    expect(monthsBetween('2024-03-01', '2024-03-01')).toBe(0);
    expect(monthsBetween('2006-01-01', '2007-12-30')).toBe(24);
    expect(monthsBetween(null, '2024-03-01')).toBeNull();
  });

  it('orders clients by leakage share and places each against the band and the others', () => {
    const p = summarisePortfolio(clients(), { anonymise: false });
    expect(p.rows.map((r) => r.label)).toEqual(['High Leak Inc', 'Mid Leak Co', 'Low Leak Ltd', 'Fresh Start']);
    const [high, mid, low, fresh] = p.rows;
    expect(high).toMatchObject({ leakageShare: 0.35, band: 'above', percentile: { leakageShare: 1, revenue12m: 0 } });
    expect(mid).toMatchObject({ leakageShare: 0.15, band: 'within', percentile: { leakageShare: 0.5 } });
    expect(low).toMatchObject({ leakageShare: 0.05, band: 'below', percentile: { leakageShare: 0, revenue12m: 1 } });
    expect(low.recoveryShare).toBeCloseTo(0.03);
    expect(low.longTailRevenueShare).toBeCloseTo(0.22);
    expect(low.topFifthRevenueShare).toBeCloseTo(0.78);
    expect(low.longTailCustomerShare).toBeCloseTo(0.8);
    expect(low).toMatchObject({ months: 36, profiles: 2, precision: null });
    expect(fresh).toMatchObject({ status: 'no-analysis', leakageShare: null, percentile: { leakageShare: null } });
    expect(p.leakageShareRange).toEqual({ min: 0.05, max: 0.35, median: 0.15 });
  });

  it('labels anonymised clients Client A, B, ... with no paths and no names in problems', () => {
    const p = summarisePortfolio(clients(), { anonymise: true });
    expect(p.rows.map((r) => r.label)).toEqual(['Client A', 'Client B', 'Client C', 'Client D']);
    const text = JSON.stringify(p);
    for (const name of ['Leak', 'Fresh', '/clients']) expect(text).not.toContain(name);
  });

  it('tells apart two workspaces of one client by their file names, and leaves other names as they are', () => {
    const twice = [...clients(), { ...facts('Mid Leak Co', summary({ revenue12m: 2_000_000, recovery: 100_000, growth: 100_000 })), path: '/clients/2024/Mid Leak Co.longtail' }];
    const labels = summarisePortfolio(twice, { anonymise: false }).rows.map((r) => r.label);
    expect(labels).toEqual(['High Leak Inc', 'Mid Leak Co (clients/Mid Leak Co.longtail)', 'Mid Leak Co (2024/Mid Leak Co.longtail)', 'Low Leak Ltd', 'Fresh Start']);
    const renamed = [...clients(), { ...facts('Mid Leak Co', null, 'No analysis yet.'), path: '/clients/Mid Leak Co 2024.longtail' }];
    expect(summarisePortfolio(renamed, { anonymise: false }).rows.map((r) => r.label)).toContain('Mid Leak Co (Mid Leak Co 2024.longtail)');
  });
});
