import { describe, expect, it } from 'vitest';
import { breadthOf, unitFacts } from '../../../shared/analytics/risk/features';
import { relationshipSeries } from '../../../shared/analytics/risk/series';
import type { Dataset } from '../../../shared/model/dataset';

// Customer 0 buys paper every 10 days up to the cut, toner every 30 days but not for the last 100,
// and bought a chair once, long ago (outside the prior year). Customer 1 buys only paper.
const cut = 1000;
const rows: [number, number, number, number][] = [];
for (let d = 700; d <= cut; d += 10) rows.push([0, 0, d, 100]);
for (let d = 700; d <= 900; d += 30) rows.push([0, 1, d, 300]);
rows.push([0, 2, 400, 5000]);
for (let d = 910; d <= cut; d += 15) rows.push([1, 0, d, 50]);
rows.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
const ds: Dataset = {
  customers: [0, 1].map((c) => ({ code: `C${c}`, name: `C${c}`, rep: null, territory: null, segment: null })),
  categories: ['Paper', 'Toner', 'Chairs'],
  tx: { customer: Int32Array.from(rows, (r) => r[0]), category: Int32Array.from(rows, (r) => r[1]), day: Int32Array.from(rows, (r) => r[2]), revenue: Float64Array.from(rows, (r) => r[3]) },
  hasDates: true,
  firstDay: 400,
  lastDay: cut,
  currency: 'USD',
};
const relationships = relationshipSeries(ds);
const start = Int32Array.from([0, 3, 4]);
const facts = unitFacts(relationships, ds.firstDay, cut, 365, 90);

describe("a customer's categories at a cut", () => {
  it('counts the categories bought in the prior year, and those silent for more than two of their own cycles', () => {
    const b = breadthOf(facts, start, 2);
    expect(Array.from(b.categories)).toEqual([2, 1]);
    expect(Array.from(b.overdue)).toEqual([1, 0]);
  });

  it("weighs the overdue categories by the customer's prior-year spend in them", () => {
    const b = breadthOf(facts, start, 2);
    const paper = rows.filter((r) => r[0] === 0 && r[1] === 0 && r[2] > cut - 365).reduce((s, r) => s + r[3], 0);
    const toner = rows.filter((r) => r[0] === 0 && r[1] === 1 && r[2] > cut - 365).reduce((s, r) => s + r[3], 0);
    expect(b.overdueShare[0]).toBeCloseTo(toner / (paper + toner), 12);
    expect(b.overdueShare[1]).toBe(0);
  });
});
