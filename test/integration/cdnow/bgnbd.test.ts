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
  holdoutCheck,
  pAlive,
  pAliveStage,
} from '../../../shared/analytics/bgnbd';
import { runAnalysis } from '../../../shared/analytics/pipeline';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import type { Dataset } from '../../../shared/model/dataset';
import { dayFromParts } from '../../../shared/format/dates';
import { oneCategoryDataset } from '../../helpers/one-category';

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
  return oneCategoryDataset(ids, rows.map((r) => ({ customer: index.get(r.id)!, day: r.day, revenue: r.sales })), { category: 'CD' });
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

describe('The BG/NBD fit in the open, on CDNOW', () => {
  const ds = elogDataset();
  const calibrationEnd = dayFromParts(1997, 9, 30);
  const holdoutEnd = dayFromParts(1998, 6, 30);

  it("counts the paper's holdout: 1,882 repeat purchases, 334 of them by the 1,411 customers with none in calibration", () => {
    const check = holdoutCheck(ds, calibrationEnd, holdoutEnd);
    expect(check).not.toBeNull();
    const h = check!;
    expect(h.holdoutWeeks).toBe(39);
    expect(h.customers).toBe(2357);
    expect(h.actual).toBe(1882);
    expect(h.buckets[0]).toMatchObject({ label: '0', customers: 1411, actual: 334 });
    expect(h.params.r).toBeCloseTo(PAPER.r, 2);
    expect(h.params.b).toBeCloseTo(PAPER.b, 2);
    // Actual holdout purchases per bucket, independently from the published derived CBS file.
    const cbs = readCsv('cdnow_sample_cbs_cal_holdout.csv').map((r) => r.map(Number));
    const bucketOf = (x: number) => (x >= 7 ? '7+' : String(x));
    const actualBy = new Map<string, number>();
    const customersBy = new Map<string, number>();
    const predictedBy = new Map<string, number>();
    for (const [, x, tx, T, xStar] of cbs) {
      const k = bucketOf(x);
      actualBy.set(k, (actualBy.get(k) ?? 0) + xStar);
      customersBy.set(k, (customersBy.get(k) ?? 0) + 1);
      // Predicted at the BTYD package's published parameters, from the file's own x, t_x, T.
      predictedBy.set(k, (predictedBy.get(k) ?? 0) + conditionalExpectedPurchases(BTYD, 39, x, tx, T));
    }
    expect(h.buckets.map((b) => b.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    for (const b of h.buckets) {
      expect(b.actual, b.label).toBe(actualBy.get(b.label));
      expect(b.customers, b.label).toBe(customersBy.get(b.label));
      expect(Math.abs(b.predicted / predictedBy.get(b.label)! - 1), b.label).toBeLessThan(2e-3);
    }
    // The model under-forecasts this holdout by about a tenth (a known feature of this data: the
    // paper's Fig. 4 shows the same gap), and the zero-repeat group is right within 5%.
    expect(h.error).toBeGreaterThan(-0.15);
    expect(h.error).toBeLessThan(-0.1);
    expect(Math.abs(h.buckets[0].predicted / 334 - 1)).toBeLessThan(0.06);
  });

  it('judges the paper fit healthy as of 1997-09-30: a dropout of 25% per purchase, over half the customers a year, long-silent customers at a median P(alive) near 0.26', () => {
    const { fit } = pAliveStage(ds, calibrationEnd);
    expect(fit).not.toBeNull();
    const f = fit!;
    expect(f.params.r).toBeCloseTo(PAPER.r, 2);
    expect(f.params.alpha).toBeCloseTo(PAPER.alpha, 2);
    expect(f.params.a).toBeCloseTo(PAPER.a, 2);
    expect(f.params.b).toBeCloseTo(PAPER.b, 2);
    expect(f.logLikelihood).toBeCloseTo(-9582.4, 1);
    expect([f.customers, f.fittedCustomers, f.repeatBuyers]).toEqual([2357, 2357, 946]);
    expect(f.verdict).toBe('healthy');
    expect(f.reasons).toEqual([]);
    expect(f.gateApplied).toBe(true);
    expect(f.degeneracy.dropoutMean).toBeCloseTo(PAPER.a / (PAPER.a + PAPER.b), 2);
    // At the paper's mean rate of 2.9 purchases a year, about half the customers leave in a year.
    const perYear = 1 - Math.pow(1 - PAPER.a / (PAPER.a + PAPER.b), (365.25 / 7) * (PAPER.r / PAPER.alpha));
    expect(f.degeneracy.annualDropout).toBeCloseTo(perYear, 2);
    expect(perYear).toBeGreaterThan(0.5);
    // Long-silent customers counted independently from the published derived calibration summary.
    let count = 0;
    for (const [, x, tx, T] of readCsv('cdnow_sample_cbs_cal_holdout.csv').map((r) => r.map(Number))) {
      const quiet = T - tx;
      if (x >= 1 && quiet > 3 * (tx / x) && Math.round(quiet * 7) >= 180) count++;
    }
    expect(f.degeneracy.silentCustomers).toBe(count);
    expect(f.degeneracy.silentMedianPAlive).toBeLessThan(0.5);
    // The run's own holdout is the last third of its 39 weeks: the fit predicts it within 5%.
    expect(f.holdout?.calibrationEnd).toBe('1997-07-01');
    expect(Math.abs(f.holdout!.error!)).toBeLessThan(0.05);
  });

  it('puts the fit, its holdout check and the verdict in the analysis output', () => {
    const out = runAnalysis(ds, analysisSettingsSchema.parse({ asOf: '1997-09-30' }));
    expect(out.bgnbd?.verdict).toBe('healthy');
    expect(out.bgnbd?.logLikelihood).toBeCloseTo(-9582.4, 1);
    expect(out.notes.join(' ')).not.toMatch(/degenerate/);
  });
});
