import { describe, expect, it } from 'vitest';
import { buildRecoveryModel } from '../../../shared/analytics/recovery';
import { seasonClockGap, seasonDays } from '../../../shared/analytics/recovery/season';
import { dayFromIso, monthIndexOfDay } from '../../../shared/format/dates';
import { datasetFromRows, generateDistributor } from '../../../shared/sample';

/** The median of whole numbers, worked out in plain doubles. */
const medianOf = (xs: number[]): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

// The model keeps day medians and counts in 32-bit columns to save memory at 20M rows: every value
// must still be exactly what plain doubles give, on a generated distributor with planted seasons.
describe('the recovery model’s 32-bit day columns', () => {
  const generated = generateDistributor({ seed: 11, customers: 600, endDate: '2025-12-31' });
  const ds = datasetFromRows([...generated.rows()]);
  const asOf = dayFromIso(generated.endDate);
  const model = buildRecoveryModel(ds, asOf);

  /** Each relationship's order days (distinct days with positive net revenue up to the as-of day), in model order. */
  const orderDays: number[][] = [];
  {
    const { customer, category, day, revenue } = ds.tx;
    let i = 0;
    while (i < customer.length) {
      const net = new Map<number, number>();
      const c = customer[i];
      const k = category[i];
      for (; i < customer.length && customer[i] === c && category[i] === k; i++) if (day[i] <= asOf) net.set(day[i], (net.get(day[i]) ?? 0) + revenue[i]);
      orderDays.push([...net].filter(([, v]) => v > 0).map(([d]) => d).sort((a, b) => a - b));
    }
  }

  it('holds the median interval between orders exactly, NaN below two orders', () => {
    expect(orderDays.length).toBe(model.customer.length);
    let halves = 0;
    orderDays.forEach((days, r) => {
      const expected = medianOf(days.slice(1).map((d, j) => d - days[j]));
      expect(Object.is(model.medianInterval[r], expected) || model.medianInterval[r] === expected).toBe(true);
      if (expected % 1 === 0.5) halves++;
    });
    expect(halves).toBeGreaterThan(0);
  });

  it('holds the season mask, the seasonal cycle and the seasonal gap exactly for every seasonal relationship', () => {
    let seasonal = 0;
    orderDays.forEach((days, r) => {
      const mask = model.seasonMask[r];
      expect(mask).toBeLessThan(1 << 12);
      if (mask === 0) {
        expect(model.seasonGap[r]).toBeNaN();
        return;
      }
      seasonal++;
      const inSeason = days.slice(1).map((d, j) => seasonDays(days[j], d, mask, monthIndexOfDay));
      expect(model.seasonCycle[r]).toBe(medianOf(inSeason));
      expect(model.seasonGap[r]).toBe(seasonClockGap(days[days.length - 1], asOf, mask, monthIndexOfDay));
    });
    expect(seasonal).toBeGreaterThan(20);
  });

  it('keeps the trailing window between four months and a year for every relationship with two orders', () => {
    orderDays.forEach((days, r) => {
      if (days.length < 2) expect(model.trailingDays[r]).toBe(0);
      else {
        expect(model.trailingDays[r]).toBeGreaterThanOrEqual(120);
        expect(model.trailingDays[r]).toBeLessThanOrEqual(365);
      }
    });
  });
});
