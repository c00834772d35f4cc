import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../../shared/format/dates';
import { computeFeatures } from '../../../shared/analytics/features';
import { computeTiers, revenueShareOfTop } from '../../../shared/analytics/tiers';
import { makeDataset } from './make-dataset';

const ds = makeDataset([
  { customer: 'A', date: '2024-03-01', category: 'Meat', revenue: 500 },
  { customer: 'A', date: '2025-02-01', category: 'Meat', revenue: 600 },
  { customer: 'A', date: '2025-02-01', category: 'Dairy', revenue: 200 },
  { customer: 'A', date: '2025-05-01', category: 'Dairy', revenue: 200 },
  { customer: 'A', date: '2025-06-01', category: 'Seafood', revenue: -50 },
  { customer: 'B', date: '2025-06-30', category: 'Dairy', revenue: 100 },
  { customer: 'B', date: '2025-07-15', category: 'Dairy', revenue: 999 },
  { customer: 'C', date: '2023-01-10', category: 'Meat', revenue: 300 },
]);
const asOf = dayFromIso('2025-06-30');

describe('customer features', () => {
  const f = computeFeatures(ds, asOf);

  it('counts only the trailing 12 months up to the as-of day for 12-month revenue', () => {
    expect(Array.from(f.revenue12m)).toEqual([600 + 200 + 200 - 50, 100, 0]);
  });

  it('clips a negative category net at zero in the mix so the mix still sums to 1', () => {
    const mixA = Array.from(f.mix.subarray(0, 3));
    expect(ds.categories).toEqual(['Dairy', 'Meat', 'Seafood']);
    expect(mixA).toEqual([0.4, 0.6, 0]);
    expect(f.breadth[0]).toBe(2);
  });

  it('counts distinct purchase days, recency and tenure as of the as-of day', () => {
    expect(f.purchases[0]).toBe(3);
    expect(f.recencyDays[0]).toBe(asOf - dayFromIso('2025-05-01'));
    expect(f.tenureDays[0]).toBe(asOf - dayFromIso('2024-03-01'));
    expect(f.purchases[1]).toBe(1);
    expect(f.recencyDays[1]).toBe(0);
  });

  it('ignores transactions after the as-of day so a run can be replayed as of a past date', () => {
    expect(f.revenue12m[1]).toBe(100);
  });
});

describe('tiers', () => {
  it('makes strategic the top customers that together reach the strategic share, the rest long tail', () => {
    const revenue = Float64Array.from([10, 500, 300, 0, 100, 90]);
    const t = computeTiers(revenue, 0.8);
    expect(t.tier).toEqual(['long-tail', 'strategic', 'strategic', 'inactive', 'long-tail', 'long-tail']);
    expect(t.strategicCount).toBe(2);
    expect(t.strategicRevenueShare).toBeCloseTo(800 / 1000, 10);
  });

  it('puts customers tied with the last strategic one in its tier, never one of two equals on each side', () => {
    // 400 + 300 reach 70%; the first 100 crosses 80%, and the other 100 ties with it.
    const t = computeTiers(Float64Array.from([400, 300, 100, 100, 50, 50]), 0.8);
    expect(t.tier).toEqual(['strategic', 'strategic', 'strategic', 'strategic', 'long-tail', 'long-tail']);
    expect(t.strategicRevenueShare).toBeCloseTo(900 / 1000, 10);
  });

  it('draws a Pareto curve from the origin to (1, 1) with at most 200 points', () => {
    const revenue = Float64Array.from({ length: 5000 }, (_, i) => 1 / (i + 1));
    const t = computeTiers(revenue, 0.8);
    expect(t.pareto.length).toBeLessThanOrEqual(200);
    expect(t.pareto[0]).toEqual({ customerShare: 0, revenueShare: 0 });
    expect(t.pareto.at(-1)?.customerShare).toBe(1);
    expect(t.pareto.at(-1)?.revenueShare).toBeCloseTo(1, 12);
  });

  it('reads the top fifth of customers\' share of revenue off the curve, whatever the strategic setting', () => {
    // 5,000 customers; the top 1,000 by revenue hold what a direct sum of their revenues says.
    const revenue = Float64Array.from({ length: 5000 }, (_, i) => 1 / (i + 1));
    let total = 0;
    let top = 0;
    for (let i = 0; i < revenue.length; i++) {
      total += revenue[i];
      if (i < 1000) top += revenue[i];
    }
    for (const strategic of [0.6, 0.8, 0.95]) expect(revenueShareOfTop(computeTiers(revenue, strategic).pareto, 0.2)).toBeCloseTo(top / total, 3);
    // Between two points of a coarse curve, a straight line.
    expect(revenueShareOfTop([{ customerShare: 0, revenueShare: 0 }, { customerShare: 0.5, revenueShare: 0.9 }, { customerShare: 1, revenueShare: 1 }], 0.2)).toBeCloseTo(0.36);
    expect(revenueShareOfTop([{ customerShare: 0, revenueShare: 0 }], 0.2)).toBeNull();
  });
});
