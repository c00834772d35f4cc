import { describe, expect, it } from 'vitest';
import { bgnbdLogLikelihood, conditionalExpectedPurchases, customerPAlive, expectedPurchases, fitBgNbd, pAlive } from '../../../shared/analytics/bgnbd';
import { oneCategoryDataset } from '../../helpers/one-category';

const PARAMS = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('BG/NBD formulas', () => {
  it('says a customer without repeat purchases is alive and one silent for long after many purchases is likely not', () => {
    expect(pAlive(PARAMS, 0, 0, 30)).toBe(1);
    expect(pAlive(PARAMS, 10, 5, 40)).toBeLessThan(0.05);
    expect(pAlive(PARAMS, 10, 39.5, 40)).toBeGreaterThan(0.9);
  });

  it('expects more purchases over a longer horizon, and none over no time', () => {
    expect(expectedPurchases(PARAMS, 0)).toBe(0);
    expect(expectedPurchases(PARAMS, 10)).toBeLessThan(expectedPurchases(PARAMS, 20));
    expect(conditionalExpectedPurchases(PARAMS, 10, 3, 20, 30)).toBeLessThan(conditionalExpectedPurchases(PARAMS, 20, 3, 20, 30));
  });

  it('scores impossible parameters as minus infinity', () => {
    expect(bgnbdLogLikelihood({ ...PARAMS, r: -1 }, [1], [1], [2])).toBe(Number.NEGATIVE_INFINITY);
  });

  it('refuses to fit nobody', () => {
    expect(() => fitBgNbd([], [], [])).toThrow(RangeError);
  });
});

describe('customerPAlive', () => {
  // Three customers in one category: a steady weekly buyer, one who stopped long ago, one who bought after the as-of day only.
  const days = [
    [0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70],
    [0, 3, 9, 12, 15],
    [90],
  ];
  const ds = oneCategoryDataset(
    days.map((_, i) => `C${i}`),
    days.flatMap((bought, c) => bought.map((day) => ({ customer: c, day, revenue: 10 }))),
    { category: 'A' },
  );

  it('rates the steady buyer above the one who went silent, and gives NaN to a customer with nothing before the as-of day', () => {
    const p = customerPAlive(ds, 72);
    expect(p[0]).toBeGreaterThan(p[1]);
    expect(Number.isNaN(p[2])).toBe(true);
  });
});
