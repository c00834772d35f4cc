import { describe, expect, it } from 'vitest';
import { foldOf, learnRisk, rankShares } from '../../../shared/analytics/risk/model';
import { customerSeries, relationshipSeries } from '../../../shared/analytics/risk/series';
import { datasetUpTo } from '../../../shared/analytics/holdout/replay';
import { dayFromIso } from '../../../shared/format/dates';
import { elogDataset } from '../../helpers/elog';
import { ONLINE_RETAIL_II, onlineRetail } from '../../integration/analysis/online-retail-data';

const shareInFoldOne = (units: number[], repeat: number) => units.reduce((s, u) => s + foldOf(u, repeat), 0) / units.length;

describe('cross-fitting the risk models', () => {
  it('splits every kept unit about evenly, whatever the thinning stride', () => {
    for (const stride of [1, 2, 3, 4, 8]) {
      const kept = Array.from({ length: 4_000 }, (_, i) => i * stride);
      for (const repeat of [0, 1, 2]) expect(Math.abs(shareInFoldOne(kept, repeat) - 0.5), `stride ${stride}, split ${repeat}`).toBeLessThan(0.03);
    }
  });

  it('draws each repeated split independently of the others', () => {
    const units = Array.from({ length: 10_000 }, (_, i) => i);
    for (const [a, b] of [[0, 1], [0, 2], [1, 2]]) {
      const agree = units.filter((u) => foldOf(u, a) === foldOf(u, b)).length / units.length;
      expect(Math.abs(agree - 0.5)).toBeLessThan(0.03);
    }
  });

  it('learns from both halves on the full CDNOW file, where the training rows are thinned', () => {
    // 23,570 customers at two training cuts: about every third customer is kept (16,000 rows at most).
    const ds = elogDataset('CDNOW_master.txt', { customer: 'customer_id', date: 'date', money: 'dollar_value' });
    expect(ds.customers.length).toBe(23_570);
    const cut = dayFromIso('1997-09-30');
    const past = datasetUpTo(ds, cut);
    const learned = learnRisk(past, customerSeries(past), cut, 273);
    expect(learned.training?.cuts).toHaveLength(2);
    expect(learned.training?.units).toBeLessThanOrEqual(16_000);
    expect(learned.training?.usable).toBe(true);
    // With one half empty, out-of-fold scores came from a model that had learned nothing (AUC 0.47).
    expect(learned.training?.auc).toBeGreaterThan(0.6);
  });
});

describe('how many rows the risk models learn from', () => {
  it('learns from every relationship with spend before the training cut while there are fewer than 16,000 (Online Retail II as of 2010-04-10, 40 days)', () => {
    // 130 days of history and a 40-day horizon: one cut, 90 days in (two thirds of 40 days is under four weeks).
    const { ds } = onlineRetail(ONLINE_RETAIL_II);
    const cut = dayFromIso('2010-04-10');
    const past = datasetUpTo(ds, cut);
    const learned = learnRisk(past, relationshipSeries(past), cut, 40, { customers: customerSeries(past) });
    expect(learned.training?.cuts).toEqual([ds.firstDay + 90]);
    // Net spend per customer x category over each training cut's prior window, from the raw rows.
    let withSpend = 0;
    for (const t0 of learned.training?.cuts ?? []) {
      const priorDays = Math.min(365, t0 - ds.firstDay + 1);
      const spend = new Map<string, number>();
      ds.tx.day.forEach((d, r) => {
        if (d <= t0 - priorDays || d > t0) return;
        const key = `${ds.tx.customer[r]}:${ds.tx.category[r]}`;
        spend.set(key, (spend.get(key) ?? 0) + ds.tx.revenue[r]);
      });
      withSpend += [...spend.values()].filter((v) => v > 0).length;
    }
    expect(withSpend).toBeLessThan(16_000);
    // Thinned by every relationship there is, most of them silent at a cut, it learned from half as many.
    expect(learned.training?.units).toBe(withSpend);
  });
});

describe('ranking units for the money bands', () => {
  it('ranks by key, largest first, ties by row, exactly as a comparator sort of the rows does', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    // Many zeros and repeated values, as money at risk has (units with nothing at risk, rounded shares).
    const key = Float64Array.from({ length: 5_000 }, () => (next() < 0.3 ? 0 : Math.round(next() * 200) / 4));
    const order = Array.from(key.keys()).sort((a, b) => key[b] - key[a] || a - b);
    const expected = new Float64Array(key.length);
    order.forEach((row, r) => (expected[row] = r / key.length));
    expect(Array.from(rankShares(key))).toEqual(Array.from(expected));
  });
});
