import { describe, expect, it } from 'vitest';
import { featureMatrix, FEATURE_COUNT, FEATURE_NAMES, unitFacts } from '../../../shared/analytics/risk/features';
import { priorDaysAt, seasonLogs } from '../../../shared/analytics/risk/outcome';
import { customerSeries } from '../../../shared/analytics/risk/series';
import { dayFromIso, monthIndexOfDay } from '../../../shared/format/dates';
import type { Dataset } from '../../../shared/model/dataset';

const SEASON = FEATURE_NAMES.indexOf('same season last year against the business');

/**
 * Two years of weekly orders: two shops that sell three times as much in October to December as the
 * rest of the year (most of the business), and one small steady buyer.
 */
function shops(): Dataset {
  const first = dayFromIso('2022-01-03');
  const rows: { customer: number; day: number; revenue: number }[] = [];
  for (let customer = 0; customer < 3; customer++) {
    for (let day = first; day < first + 728; day += 7) {
      const peak = monthIndexOfDay(day) >= 9;
      rows.push({ customer, day, revenue: customer === 2 ? 10 : peak ? 300 : 100 });
    }
  }
  return {
    customers: ['Shop A', 'Shop B', 'Steady C'].map((name) => ({ code: name, name, rep: null, territory: null, segment: null })),
    categories: ['All products'],
    tx: {
      customer: Int32Array.from(rows, (r) => r.customer),
      category: new Int32Array(rows.length),
      day: Int32Array.from(rows, (r) => r.day),
      revenue: Float64Array.from(rows, (r) => r.revenue),
    },
    hasDates: true,
    firstDay: first,
    lastDay: rows.at(-1)?.day ?? first,
    currency: 'USD',
  };
}

describe("a unit's same season last year, read against the business's own", () => {
  const ds = shops();
  const cut = dayFromIso('2023-09-30');
  const h = 92;

  it("is the log of the business's revenue in last year's window over its prior rate, and 0 without a year of data", () => {
    const priorDays = priorDaysAt(ds.firstDay, cut);
    let prior = 0;
    let season = 0;
    ds.tx.day.forEach((d, i) => {
      if (d > cut - priorDays && d <= cut) prior += ds.tx.revenue[i];
      if (d > cut - 365 && d <= cut - 365 + h) season += ds.tx.revenue[i];
    });
    const [logged, early] = seasonLogs(ds, [cut, dayFromIso('2022-09-30')], h);
    expect(logged).toBeCloseTo(Math.log(season / ((prior / priorDays) * h)), 12);
    expect(logged).toBeGreaterThan(0.4);
    expect(early).toBe(0);
  });

  it('reads a shop as seasonal as the business as steady, and a steady buyer as short of the season', () => {
    const series = customerSeries(ds);
    const facts = unitFacts(series, ds.firstDay, cut, priorDaysAt(ds.firstDay, cut), h);
    const [season] = seasonLogs(ds, [cut], h);
    const x = featureMatrix(facts, series, h, season, null);
    const at = (customer: number): number => x[customer * FEATURE_COUNT + SEASON];
    expect(Math.abs(at(0))).toBeLessThan(0.02);
    expect(at(1)).toBeCloseTo(at(0), 12);
    expect(at(2)).toBeLessThan(-0.8 * season);
  });
});
