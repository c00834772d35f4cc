import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bgnbdLogLikelihood,
  conditionalExpectedPurchases,
  customerHistorySummary,
  customerPAlive,
  expectedPurchases,
  fitBgNbd,
  pAlive,
} from '../../../shared/analytics/bgnbd';
import type { Dataset } from '../../../shared/model/dataset';
import { dayFromParts } from '../../../shared/format/dates';

// Fader, Hardie & Lee (2005) on CDNOW, with the reference figures listed in the data README.
const DATA = process.env.LONGTAIL_DATA ?? '/work/shared/data';
const PAPER = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const BTYD = { r: 0.2425982, alpha: 4.4136842, a: 0.7929899, b: 2.4261667 };

const readCsv = (file: string): string[][] =>
  fs.readFileSync(path.join(DATA, file), 'utf8').trim().split(/\r?\n/).slice(1).map((line) => line.split(','));

function summaryFile() {
  const rows = readCsv('cdnow_customers_summary.csv').map((r) => r.map(Number));
  return { x: rows.map((r) => r[1]), tx: rows.map((r) => r[2]), T: rows.map((r) => r[3]) };
}

/** The raw event log as a one-category Dataset, the way the store would hand it over. */
function elogDataset(): Dataset {
  const rows = readCsv('cdnowElog.csv').map(([, sample, date, , sales]) => ({
    id: sample,
    day: dayFromParts(Number(date.slice(0, 4)), Number(date.slice(4, 6)), Number(date.slice(6, 8))),
    sales: Number(sales),
  }));
  const ids = [...new Set(rows.map((r) => r.id))].sort((p, q) => Number(p) - Number(q));
  const index = new Map(ids.map((id, i) => [id, i]));
  rows.sort((p, q) => index.get(p.id)! - index.get(q.id)! || p.day - q.day);
  return {
    customers: ids.map((code) => ({ code, name: code, rep: null, territory: null, segment: null })),
    categories: ['CD'],
    tx: {
      customer: Int32Array.from(rows, (r) => index.get(r.id)!),
      category: new Int32Array(rows.length),
      day: Int32Array.from(rows, (r) => r.day),
      revenue: Float64Array.from(rows, (r) => r.sales),
    },
    hasDates: true,
    firstDay: Math.min(...rows.map((r) => r.day)),
    lastDay: Math.max(...rows.map((r) => r.day)),
    currency: 'USD',
  };
}

describe('BG/NBD on CDNOW (Fader, Hardie & Lee 2005)', () => {
  it('fits r 0.243, alpha 4.414, a 0.793, b 2.426 with log-likelihood -9582.4 by maximum likelihood', () => {
    const { x, tx, T } = summaryFile();
    const fit = fitBgNbd(x, tx, T);
    expect(fit.converged).toBe(true);
    expect(fit.params.r).toBeCloseTo(PAPER.r, 2);
    expect(fit.params.alpha).toBeCloseTo(PAPER.alpha, 2);
    expect(fit.params.a).toBeCloseTo(PAPER.a, 2);
    expect(fit.params.b).toBeCloseTo(PAPER.b, 2);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 1);
    // The optimum beats the published parameters, rounded or not.
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgnbdLogLikelihood(BTYD, x, tx, T) - 1e-6);
  });

  it('gives customer 1516 (x 26, t_x 30.86, T 31) P(alive) 0.9689 and 25.76 expected purchases in 52 weeks', () => {
    expect(pAlive(BTYD, 26, 30.85714, 31)).toBeCloseTo(0.9688523, 5);
    expect(conditionalExpectedPurchases(BTYD, 52, 26, 30.85714, 31)).toBeCloseTo(25.75659, 3);
    expect(expectedPurchases(BTYD, 52)).toBeCloseTo(1.444004, 5);
  });

  it("matches Hardie's spreadsheet for expected purchases of a new customer at the fitted parameters", () => {
    const { x, tx, T } = summaryFile();
    const { params } = fitBgNbd(x, tx, T);
    const t = [0.1429, 1, 3, 31.8571, 32, 78];
    const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    t.forEach((ti, i) => expect(Math.abs(expectedPurchases(params, ti) - expected[i])).toBeLessThan(1e-3));
  });

  it("matches Hardie's spreadsheet conditional expectation for t 39, x 2, t_x 30.43, T 38.86: 1.226", () => {
    expect(Math.abs(conditionalExpectedPurchases(PAPER, 39, 2, 30.43, 38.86) - 1.226)).toBeLessThan(1e-3);
  });

  it('builds the calibration summary from the raw transactions: 2,357 customers, 2,457 repeat purchases, LL -9582.43', () => {
    const ds = elogDataset();
    const s = customerHistorySummary(ds, dayFromParts(1997, 9, 30));
    expect(s.bought.reduce((n, b) => n + b, 0)).toBe(2357);
    expect(s.x.reduce((n, v) => n + v, 0)).toBe(2457);
    expect(bgnbdLogLikelihood(BTYD, s.x, s.tx, s.T)).toBeCloseTo(-9582.429, 2);
    // Every customer's summary equals the published derived one.
    const derived = readCsv('cdnow_sample_cbs_cal_holdout.csv').map((r) => r.map(Number));
    derived.forEach(([id, x, tx, T]) => {
      const c = ds.customers.findIndex((k) => k.code === String(id));
      expect([s.x[c], s.tx[c], s.T[c]].map((v) => Number(v.toFixed(5)))).toEqual([x, tx, T].map((v) => Number(v.toFixed(5))));
    });
  });

  it('gives each CDNOW customer a probability alive from a fit on the raw data, and the same numbers twice', () => {
    const ds = elogDataset();
    const asOf = dayFromParts(1997, 9, 30);
    const p = customerPAlive(ds, asOf);
    const c1516 = ds.customers.findIndex((c) => c.code === '1516');
    expect(p[c1516]).toBeCloseTo(0.9689, 3);
    expect(p.every((v) => v > 0 && v <= 1)).toBe(true);
    expect(customerPAlive(ds, asOf)).toEqual(p);
  });
});
