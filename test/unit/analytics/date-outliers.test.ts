import { describe, expect, it } from 'vitest';
import { findDateOutliers, isolatedLastDays } from '../../../shared/analytics/date-outliers';
import { dayFromIso } from '../../../shared/format/dates';

const day = dayFromIso;
const spans = (dates: Record<string, number>) => Object.entries(dates).map(([d, rows]) => ({ from: day(d), to: day(d), rows }));

describe('dates far from the rest', () => {
  it('are a small group a year or more away from the bulk, before or after it', () => {
    const found = findDateOutliers(spans({ '2011-01-05': 40, '2011-06-01': 50, '2011-11-30': 60, '1911-03-01': 1, '2925-06-01': 2 }));
    expect(found.bulk).toEqual({ from: day('2011-01-05'), to: day('2011-11-30') });
    expect(found.outliers.map((o) => [o.from, o.rows, Math.sign(o.gapDays)])).toEqual([
      [day('1911-03-01'), 1, -1],
      [day('2925-06-01'), 2, 1],
    ]);
  });

  it('are not a stretch with many rows, a group within a year of the bulk, or one of two equal groups', () => {
    expect(findDateOutliers(spans({ '2015-01-01': 500, '2019-01-01': 400 })).outliers).toEqual([]);
    expect(findDateOutliers(spans({ '2011-01-01': 500, '2011-12-31': 1, '2012-11-30': 1 })).outliers).toEqual([]);
    expect(findDateOutliers(spans({ '2011-01-01': 1, '2925-01-01': 1 })).outliers).toEqual([]);
    expect(findDateOutliers([])).toEqual({ bulk: null, outliers: [] });
  });

  it('never include what earlier imports already hold, however few rows', () => {
    const found = findDateOutliers([{ from: day('2011-01-01'), to: day('2011-01-01'), rows: 1, fixed: true }, ...spans({ '2014-01-01': 100 })]);
    expect(found.outliers).toEqual([]);
  });

  it('at the end of a day column are told apart from the last day of a normal history in one pass', () => {
    const days = Int32Array.from([...Array.from({ length: 300 }, (_, i) => day('2011-01-01') + i), day('2925-01-01')]);
    expect(isolatedLastDays(days, day('2925-01-01'))).toEqual({ rows: 1, before: day('2011-01-01') + 299 });
    expect(isolatedLastDays(days.subarray(0, 300), day('2011-01-01') + 299)).toBeNull();
  });
});
