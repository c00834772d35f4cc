import { describe, expect, it } from 'vitest';
import { assessRisk } from '../../../shared/analytics/risk';
import { inWhatWasKept, keptShares, outcomesAfter, priorDaysAt } from '../../../shared/analytics/risk/outcome';
import { customerSeries, paidIn, relationshipSeries } from '../../../shared/analytics/risk/series';
import { datasetFromRows, generateDistributor } from '../../../shared/sample';
import { dayFromIso } from '../../../shared/format/dates';
import { makeDataset } from '../analytics/make-dataset';

describe('money in what a customer kept of its purchases', () => {
  const rows = [
    { customer: 'A', date: '2025-02-01', category: 'Dairy', revenue: 600 },
    { customer: 'A', date: '2025-06-01', category: 'Dairy', revenue: 400 },
    // Goods sent back months after they were bought: a quarter of the year's purchases.
    { customer: 'A', date: '2025-09-15', category: 'Dairy', revenue: -250 },
    { customer: 'A', date: '2026-02-01', category: 'Dairy', revenue: 100 },
    { customer: 'B', date: '2025-03-01', category: 'Dairy', revenue: 500 },
    { customer: 'B', date: '2026-03-01', category: 'Dairy', revenue: 500 },
  ];
  const cut = dayFromIso('2025-12-31');

  it('reads the share of its prior purchases each unit paid for once its returns are taken off', () => {
    const ds = makeDataset(rows);
    const s = customerSeries(ds);
    const out = outcomesAfter(s, ds.firstDay, cut, 90, 1);
    expect(out.prior[0]).toBe(1000);
    expect([...(keptShares(ds, 'customer', cut, out.priorDays, out.prior) ?? [])]).toEqual([0.75, 1]);
    expect([...(paidIn(ds, 'relationship', cut - out.priorDays, cut) ?? [])]).toEqual([750, 500]);
  });

  it('states expected spend and realised loss in it, and leaves the decline as the purchases say', () => {
    const ds = makeDataset(rows);
    const s = relationshipSeries(ds);
    const asBought = outcomesAfter(s, ds.firstDay, cut, 90, 1);
    const kept = inWhatWasKept(ds, outcomesAfter(s, ds.firstDay, cut, 90, 1), 'relationship');
    expect(kept.expected[0]).toBeCloseTo(asBought.expected[0] * 0.75, 9);
    expect(kept.loss[0]).toBeCloseTo(asBought.loss[0] * 0.75, 9);
    expect(kept.declined[0]).toBe(asBought.declined[0]);
    expect(kept.expected[1]).toBe(asBought.expected[1]);
  });

  it('changes nothing where no credit falls in the prior window', () => {
    const ds = makeDataset(rows.filter((r) => r.revenue > 0));
    expect(keptShares(ds, 'customer', cut, priorDaysAt(ds.firstDay, cut), new Float64Array([1000, 500]))).toBeNull();
  });

  it('never prices a customer or relationship above what it paid at its prior rate', () => {
    const ds = datasetFromRows(generateDistributor({ seed: 11, customers: 300, endDate: '2026-10-31', months: 24, categories: 6 }).rows());
    let credits = 0;
    for (const v of ds.tx.revenue) if (v < 0) credits++;
    expect(credits).toBeGreaterThan(0);
    const asOf = dayFromIso('2026-06-30');
    const risk = assessRisk(ds, asOf, 120);
    for (const forecast of [risk.customer, risk.relationship]) {
      const paid = paidIn(ds, forecast.level, asOf - forecast.priorDays, asOf) as Float64Array;
      for (let u = 0; u < paid.length; u++) {
        const ceiling = (Math.max(0, paid[u]) * 120) / forecast.priorDays;
        expect(forecast.atRisk[u]).toBeLessThanOrEqual(ceiling + 1e-9);
        expect(forecast.expected[u]).toBeLessThanOrEqual(ceiling + 1e-9);
      }
    }
  });
});
