import { describe, expect, it } from 'vitest';
import { outsizedLine, outsizedLineNote } from '../../../shared/analytics/outsized-line';
import { dayFromIso, isoFromDay } from '../../../shared/format/dates';
import { makeDataset, type Row } from './make-dataset';

/** 40 shops ordering $100 of Dairy every month of 2023. */
const steadyShops = (): Row[] =>
  Array.from({ length: 40 }, (_, c) => Array.from({ length: 12 }, (__, m) => ({ customer: `S${c}`, date: isoFromDay(dayFromIso('2023-01-15') + m * 30), category: 'Dairy', revenue: 100 }))).flat();

describe('one sale line carrying much of the year', () => {
  it("is named with its customer, category, date and amount, and its share of the 12 months' revenue", () => {
    const ds = makeDataset([...steadyShops(), { customer: 'S7', date: '2023-06-01', category: 'Dairy', revenue: 100_000 }]);
    const line = outsizedLine(ds, ds.lastDay);
    expect(line).toMatchObject({ customer: ds.customers.findIndex((c) => c.code === 'S7'), day: dayFromIso('2023-06-01'), revenue: 100_000 });
    expect(line?.share).toBeCloseTo(100_000 / (48_000 + 100_000), 9);
    expect(outsizedLineNote(ds, line as NonNullable<typeof line>)).toMatch(/^One sale line carries 68% of the 12 months' revenue: S7, Dairy, 2023-06-01, \$100,000\. If it is a typo/);
  });

  it('is not raised for a large order among many, for a big line outside the 12 months, or in a file too small to tell', () => {
    const big = makeDataset([...steadyShops(), { customer: 'S7', date: '2023-06-01', category: 'Dairy', revenue: 10_000 }]);
    expect(outsizedLine(big, big.lastDay)).toBeNull();
    const old = makeDataset([...steadyShops(), { customer: 'S7', date: '2021-06-01', category: 'Dairy', revenue: 100_000 }]);
    expect(outsizedLine(old, old.lastDay)).toBeNull();
    const tiny = makeDataset([...steadyShops().slice(0, 50), { customer: 'S1', date: '2023-06-01', category: 'Dairy', revenue: 100_000 }]);
    expect(outsizedLine(tiny, tiny.lastDay)).toBeNull();
  });
});
