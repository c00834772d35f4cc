import { describe, expect, it } from 'vitest';
import { customerMonthlyHeight, customerMonthlyOption, mixVsProfileOption, purchaseTimelineOption, shortSpanTicks } from '../../../renderer/src/charts/customer';
import { growthByCategory, growthByCategoryOption } from '../../../renderer/src/charts/growth';
import { fmt } from './fixtures';

type Series = { name: string; type: string; data: unknown[]; symbol?: string; markLine?: { data: { xAxis: string }[] } };
type Axis = { name?: string; data?: string[] };

describe('customer and growth charts', () => {
  it('stacks monthly revenue per category and leaves out categories never bought', () => {
    const option = customerMonthlyOption(
      {
        categories: ['Dairy', 'Meat', 'Seafood'],
        monthly: [
          { month: '2025-01', byCategory: [100, 0, 30] },
          { month: '2025-02', byCategory: [120, 0, -10] },
        ],
      },
      fmt,
    );
    const series = option.series as Series[];
    expect(series.map((s) => s.name)).toEqual(['Dairy', 'Seafood']);
    expect(series[1].data).toEqual([30, -10]);
    expect((option.xAxis as Axis).data).toEqual(['2025-01', '2025-02']);
    expect((option.yAxis as Axis).name).toBe('Revenue (USD)');
  });

  it('draws each purchase and a due marker where the customer has a rhythm, with the as-of date marked', () => {
    const option = purchaseTimelineOption(
      {
        purchases: [
          { date: '2025-01-03', category: 'Dairy', revenue: 200 },
          { date: '2025-01-17', category: 'Dairy', revenue: 180 },
          { date: '2024-06-01', category: 'Meat', revenue: 900 },
        ],
        cycles: [
          { category: 'Dairy', purchases: 2, medianIntervalDays: 14, cycleDays: 14, lastPurchase: '2025-01-17', expectedBy: '2025-01-31', seasonal: false, volatile: false },
          { category: 'Meat', purchases: 1, medianIntervalDays: null, cycleDays: null, lastPurchase: '2024-06-01', expectedBy: null, seasonal: false, volatile: false },
        ],
      },
      '2025-03-01',
      fmt,
    );
    const [purchases, due] = option.series as Series[];
    expect(purchases.data).toEqual([
      ['2025-01-03', 'Dairy', 200],
      ['2025-01-17', 'Dairy', 180],
      ['2024-06-01', 'Meat', 900],
    ]);
    expect(due.data).toEqual([['2025-01-31', 'Dairy']]);
    expect(due.symbol).toBe('triangle');
    expect(purchases.markLine?.data[0].xAxis).toBe('2025-03-01');
    expect((option.yAxis as Axis).data).toEqual(['Dairy', 'Meat']);
    // The last order and due date are a month before the as-of date: the axis still reaches it, so
    // the silence since and the as-of mark are drawn; a due date past it keeps its own place.
    const axisMax = (option.xAxis as { max: (extent: { max: number }) => number }).max;
    expect(axisMax({ max: Date.parse('2025-01-31') })).toBe(Date.parse('2025-03-01'));
    expect(axisMax({ max: Date.parse('2025-04-15') })).toBe(Date.parse('2025-04-15'));
    // Nothing came back: no returns series, and none in the legend.
    expect((option.series as Series[]).map((s) => s.name)).toEqual(['Purchase', 'Next purchase due']);
  });

  it('draws a day of returns apart from the purchases: an order sent back three weeks later is not a second order', () => {
    const option = purchaseTimelineOption(
      {
        purchases: [
          { date: '2011-03-11', category: 'Doormat range', revenue: 120 },
          { date: '2011-03-31', category: 'Doormat range', revenue: -120 },
          { date: '2011-05-22', category: 'Doormat range', revenue: 0 },
        ],
        cycles: [{ category: 'Doormat range', purchases: 1, medianIntervalDays: null, cycleDays: null, lastPurchase: '2011-03-11', expectedBy: null, seasonal: false, volatile: false }],
      },
      '2011-12-09',
      fmt,
    );
    const [purchases, returns] = option.series as Series[];
    expect(purchases.data).toEqual([['2011-03-11', 'Doormat range', 120]]);
    expect(returns.name).toBe('Return or credit');
    expect(returns.symbol).toBe('emptyCircle');
    expect(returns.data).toEqual([
      ['2011-03-31', 'Doormat range', -120],
      ['2011-05-22', 'Doormat range', 0],
    ]);
    expect((option.legend as { data: string[] }).data).toEqual(['Purchase', 'Return or credit', 'Next purchase due']);
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(tooltip({ seriesName: 'Return or credit', value: ['2011-03-31', 'Doormat range', -120] })).toContain('returns and credits');
  });

  it('puts the customer mix beside its profile mix for categories either buys', () => {
    const option = mixVsProfileOption(['Dairy', 'Meat', 'Seafood'], [0.9, 0.1, 0], [0.5, 0.2, 0.3], 'Profile 1', fmt);
    const [own, typical] = option.series as Series[];
    expect((option.yAxis as Axis).data).toEqual(['Seafood', 'Meat', 'Dairy']);
    expect(own.data).toEqual([0, 0.1, 0.9]);
    expect(typical.data).toEqual([0.3, 0.2, 0.5]);
    expect(typical.name).toBe('Profile 1');
  });

  it('takes expected growth per category from the sums over every action, largest first, and charts the same totals', () => {
    const totals = growthByCategory([
      { key: 'Dairy', actions: 1, customers: 1, expected: 500 },
      { key: 'Seafood', actions: 2, customers: 2, expected: 4000 },
    ]);
    expect(totals).toEqual([
      { category: 'Seafood', expected: 4000, count: 2 },
      { category: 'Dairy', expected: 500, count: 1 },
    ]);
    const option = growthByCategoryOption(totals, fmt);
    expect((option.series as Series[])[0].data).toEqual([500, 4000]);
    expect((option.yAxis as Axis).data).toEqual(['Dairy', 'Seafood']);
    expect((option.xAxis as Axis).name).toBe('Expected revenue per year (USD)');
    // The longest bar ends at the plot's edge: its label needs room beyond it.
    expect((option.grid as { right: number }).right).toBeGreaterThanOrEqual(72);
  });
  it('wraps the monthly legend onto more lines instead of paging it, and moves the plot down by the lines it adds', () => {
    const monthly = [{ month: '2025-01', byCategory: [1, 1, 1, 1, 1, 1, 1, 1] }];
    const few = { categories: ['Dairy', 'Meat'], monthly: [{ month: '2025-01', byCategory: [1, 1] }] };
    const many = { categories: ['Cleaning', 'Coffee & Tea', 'Dry Goods', 'Frozen', 'Meat', 'Paper & Disposables', 'Produce', 'Seafood'], monthly };
    expect((customerMonthlyOption(many, fmt).legend as { type: string }).type).toBe('plain');
    const top = (detail: typeof few) => (customerMonthlyOption(detail, fmt).grid as { top: number }).top;
    expect(top(many) - top(few)).toBe(customerMonthlyHeight(many) - customerMonthlyHeight(few));
    expect(customerMonthlyHeight(many)).toBeGreaterThan(customerMonthlyHeight(few));
  });

  it('ticks a short history one week apart from a Monday, naming the month wherever it changes', () => {
    const ticks = shortSpanTicks('2011-09-13', '2011-12-09');
    const labels = ticks ? ticks.values.map((v) => ticks.labels.get(v)) : [];
    expect(labels).toEqual(['19 Sep', '26', '3 Oct', '10', '17', '24', '31', '7 Nov', '14', '21', '28', '5 Dec']);
    const gaps = ticks ? ticks.values.slice(1).map((v, i) => Math.round((v - ticks.values[i]) / 86_400_000)) : [];
    expect(new Set(gaps)).toEqual(new Set([7]));
  });

  it('ticks a few days of history day by day, and leaves a long one to the month ticks of the time axis', () => {
    const days = shortSpanTicks('2011-12-30', '2012-01-02');
    expect(days?.values.map((v) => days.labels.get(v))).toEqual(['30 Dec', '31', '1 Jan 2012', '2']);
    expect(shortSpanTicks('2024-01-01', '2025-12-20')).toBeNull();
  });

  it('puts the short-history ticks on the purchase timeline', () => {
    const option = purchaseTimelineOption({ purchases: [{ date: '2011-09-13', category: 'Art', revenue: 120 }], cycles: [] }, '2011-12-09', fmt);
    const axis = option.xAxis as { axisLabel: { customValues: number[]; formatter: (v: number) => string } };
    expect(axis.axisLabel.customValues.map((v) => axis.axisLabel.formatter(v)).slice(0, 3)).toEqual(['19 Sep', '26', '3 Oct']);
  });

  it('breaks a long category name beside the growth, mix and timeline bars instead of cutting it', () => {
    const growth = growthByCategoryOption([{ category: 'Paper & Disposables', expected: 100, count: 1 }], fmt);
    const mix = mixVsProfileOption(['Paper & Disposables'], [1], null, 'Profile 1', fmt);
    const timeline = purchaseTimelineOption({ purchases: [{ date: '2025-01-03', category: 'Paper & Disposables', revenue: 1 }], cycles: [] }, '2025-03-01', fmt);
    for (const option of [growth, mix, timeline]) {
      const label = (option.yAxis as { axisLabel: { overflow: string; formatter: (v: string) => string } }).axisLabel;
      expect(label.overflow).toBe('break');
      expect(label.formatter('Paper & Disposables')).toBe('Paper & Disposables');
    }
  });
});
