import { describe, expect, it } from 'vitest';
import { computeFeatures, isActive } from '../../../shared/analytics/features';
import { computeLeakage } from '../../../shared/analytics/leakage';
import { makeDataset } from './make-dataset';

/** Three customers in two categories; C2 bought 0.1 + 0.2 and sent back 0.3 (float noise of 5.6e-17 left), C3 returned part of one category. */
const dataset = () =>
  makeDataset([
    { customer: 'C1', category: 'Pumps', date: '2024-06-01', revenue: 100 },
    { customer: 'C1', category: 'Seals', date: '2024-06-06', revenue: 50 },
    { customer: 'C2', category: 'Pumps', date: '2024-06-01', revenue: 0.1 },
    { customer: 'C2', category: 'Pumps', date: '2024-06-02', revenue: 0.2 },
    { customer: 'C2', category: 'Pumps', date: '2024-06-10', revenue: -0.3 },
    { customer: 'C3', category: 'Pumps', date: '2024-06-01', revenue: 80 },
    { customer: 'C3', category: 'Seals', date: '2024-06-04', revenue: 40 },
    { customer: 'C3', category: 'Seals', date: '2024-06-21', revenue: -60 },
  ]);

describe('revenue that nets to nothing, and the category breakdown', () => {
  it('reads a customer whose returns cancel its purchases as inactive, not as float noise above zero', () => {
    const ds = dataset();
    const f = computeFeatures(ds, ds.lastDay);
    expect(0.1 + 0.2 - 0.3).not.toBe(0);
    expect(f.revenue12m[1]).toBe(0);
    expect(isActive(f, 1)).toBe(false);
  });

  it('spreads each customer net revenue over the categories it bought, so the categories add up to the total', () => {
    const ds = dataset();
    const f = computeFeatures(ds, ds.lastDay);
    const l = computeLeakage(ds, f, ['long-tail', 'inactive', 'long-tail'], new Int32Array(3).fill(-1), [], []);
    const byCategory = l.by.category.reduce((s, r) => s + r.revenue12m, 0);
    expect(l.revenue12m).toBe(150 + 60);
    expect(byCategory).toBeCloseTo(l.revenue12m, 9);
    // C3 kept 60 of its 120: Pumps 80 of it and Seals none, its net spread by what it bought (80 / 80).
    expect(l.by.category.find((r) => r.key === 'Pumps')?.revenue12m).toBeCloseTo(100 + 60, 9);
    expect(l.by.category.find((r) => r.key === 'Seals')?.revenue12m).toBeCloseTo(50, 9);
  });
});
