import { describe, expect, it } from 'vitest';
import { breakdownHeight, wrapLabel } from '../../../main/backend/report/charts';
import { settingsRows } from '../../../main/backend/report/settings-text';
import { defaultAnalysisSettings } from '../../../shared/contract/settings';
import { leakageSpan } from '../../../shared/format/leakage-span';

const chanceRow = (minProbability: number) =>
  settingsRows({ ...defaultAnalysisSettings(), recovery: { ...defaultAnalysisSettings().recovery, minProbability } }).find((r) => r.flag.startsWith('--min-probability'));

describe("the report's settings table and bar labels", () => {
  it('gives the chance needed with its exception: a tenth of it for an account expected to lose ten value floors or more', () => {
    expect(chanceRow(0.5)?.value).toBe('50% (5%, a tenth of it, for an account expected to lose ten value floors or more)');
    expect(chanceRow(0.3)?.value).toBe('30% (3%, a tenth of it, for an account expected to lose ten value floors or more)');
  });

  it('wraps a long profile name onto up to three lines instead of cutting it, and gives its row the height', () => {
    expect(wrapLabel('Frozen + Dry Goods heavy')).toBe('Frozen + Dry Goods\nheavy');
    expect(wrapLabel('Short')).toBe('Short');
    expect(wrapLabel('one two three four five six seven eight nine ten eleven twelve thirteen fourteen').split('\n')).toHaveLength(3);
    expect(wrapLabel('one two three four five six seven eight nine ten eleven twelve thirteen fourteen').endsWith('…')).toBe(true);
    expect(breakdownHeight(['Frozen + Dry Goods heavy', 'Bakery + Coffee & Tea heavy'])).toBeGreaterThan(breakdownHeight(['A', 'B']));
  });

  it("names a spend table's money the table's and a purchase log's purchases, over the same stretch words", () => {
    expect(leakageSpan(365, { hasDates: false })).toMatchObject({ dated: false, per: '', window: 'the table', revenue: "the table's revenue", revenueColumn: 'Revenue in the table' });
    expect(leakageSpan(365, { currency: 'XXX' })).toMatchObject({ dated: true, per: 'a year', revenue: '12-month purchases', revenueColumn: 'Purchases 12m' });
    expect(leakageSpan(182)).toMatchObject({ short: true, revenue: 'revenue over 182 days', revenueColumn: 'Revenue, 182 days' });
  });
});
