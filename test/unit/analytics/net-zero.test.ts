import { describe, expect, it } from 'vitest';
import { computeFeatures, isActive } from '../../../shared/analytics/features';
import { computeLeakage } from '../../../shared/analytics/leakage';
import type { Dataset } from '../../../shared/model/dataset';
import { dayFromIso } from '../../../shared/format/dates';

/** Three customers in two categories; C2 bought 0.1 + 0.2 and sent back 0.3 (float noise of 5.6e-17 left), C3 returned part of one category. */
function dataset(): Dataset {
  const d = dayFromIso('2024-06-01');
  const rows = [
    { customer: 0, category: 0, day: d, revenue: 100 },
    { customer: 0, category: 1, day: d + 5, revenue: 50 },
    { customer: 1, category: 0, day: d, revenue: 0.1 },
    { customer: 1, category: 0, day: d + 1, revenue: 0.2 },
    { customer: 1, category: 0, day: d + 9, revenue: -0.3 },
    { customer: 2, category: 0, day: d, revenue: 80 },
    { customer: 2, category: 1, day: d + 3, revenue: 40 },
    { customer: 2, category: 1, day: d + 20, revenue: -60 },
  ];
  return {
    customers: ['C1', 'C2', 'C3'].map((code) => ({ code, name: code, rep: null, territory: null, segment: null })),
    categories: ['Pumps', 'Seals'],
    tx: {
      customer: Int32Array.from(rows, (r) => r.customer),
      category: Int32Array.from(rows, (r) => r.category),
      day: Int32Array.from(rows, (r) => r.day),
      revenue: Float64Array.from(rows, (r) => r.revenue),
    },
    hasDates: true,
    firstDay: d,
    lastDay: d + 20,
    currency: 'USD',
  };
}

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
