import { describe, expect, it } from 'vitest';
import { featureMatrix, FEATURE_COUNT, FEATURE_NAMES, unitFacts } from '../../../shared/analytics/risk/features';
import { businessPaces, priorDaysAt } from '../../../shared/analytics/risk/outcome';
import { customerSeries } from '../../../shared/analytics/risk/series';
import { dayFromIso, monthIndexOfDay } from '../../../shared/format/dates';
import type { Dataset } from '../../../shared/model/dataset';
import { oneCategoryDataset } from '../../helpers/one-category';

const SEASON = FEATURE_NAMES.indexOf('same season last year against the business');
const QUARTER = FEATURE_NAMES.indexOf('recent quarter vs prior year against the business');
const LAST90 = FEATURE_NAMES.indexOf('last 90 days vs the 90 before against the business');

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
  return oneCategoryDataset(['Shop A', 'Shop B', 'Steady C'], rows);
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
    const [logged, early] = businessPaces(ds, [cut, dayFromIso('2022-09-30')], h).map((p) => p.season);
    expect(logged).toBeCloseTo(Math.log(season / ((prior / priorDays) * h)), 12);
    expect(logged).toBeGreaterThan(0.4);
    expect(early).toBe(0);
  });

  it('reads a shop as seasonal as the business as steady, and a steady buyer as short of the season', () => {
    const series = customerSeries(ds);
    const facts = unitFacts(series, ds.firstDay, cut, priorDaysAt(ds.firstDay, cut), h);
    const [pace] = businessPaces(ds, [cut], h);
    const x = featureMatrix(facts, series, h, pace, null);
    const at = (customer: number): number => x[customer * FEATURE_COUNT + SEASON];
    expect(Math.abs(at(0))).toBeLessThan(0.02);
    expect(at(1)).toBeCloseTo(at(0), 12);
    expect(at(2)).toBeLessThan(-0.8 * pace.season);
  });

  it('reads the off-season quarter of a shop as seasonal as the business as steady, and the steady buyer as ahead', () => {
    const spring = dayFromIso('2023-03-31');
    const series = customerSeries(ds);
    const facts = unitFacts(series, ds.firstDay, spring, priorDaysAt(ds.firstDay, spring), h);
    const [pace] = businessPaces(ds, [spring], h);
    // January to March against a year holding the October-December peak, and against that peak itself.
    expect(pace.quarter).toBeLessThan(-0.2);
    expect(pace.last90).toBeLessThan(-0.8);
    const x = featureMatrix(facts, series, h, pace, null);
    const at = (customer: number, feature: number): number => x[customer * FEATURE_COUNT + feature];
    for (const feature of [QUARTER, LAST90]) {
      expect(Math.abs(at(0, feature))).toBeLessThan(0.05);
      expect(at(2, feature)).toBeGreaterThan(0.15);
    }
  });
});
