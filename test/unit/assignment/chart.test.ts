import { describe, expect, it } from 'vitest';
import type { RepLoad } from '../../../shared/contract/assignment';
 
import { repLoadOption } from '../../../renderer/src/features/assignment/chart';
import { fmt } from '../charts/fixtures';

const load = (rep: string, accounts: number, capacity: number, recovery: number, growth: number, keptAccounts = 0): RepLoad => ({
  rep,
  kind: 'outside',
  territory: 'West',
  capacity,
  accounts,
  keptAccounts,
  actions: accounts * 2,
  recovery,
  growth,
  expectedRevenue: recovery + growth,
  capacityUse: (accounts - keptAccounts) / capacity,
});

type Series = { name: string; type: string; yAxisIndex: number; data: (number | { value: number; itemStyle: { color: string } })[] };

describe('the rep load chart', () => {
  const reps = [load('Ann Key', 12, 10, 40_000, 8_000), load('<b>Rita</b>', 3, 10, 1_000, 2_500, 1)];
  const option = repLoadOption(reps, fmt);
  const series = option.series as Series[];

  it('stacks long-tail and kept strategic accounts against capacity, and recovery + growth on the money axis', () => {
    expect(series.map((s) => [s.name, s.yAxisIndex])).toEqual([
      ['Capacity', 0],
      ['Long-tail accounts', 0],
      ['Strategic kept', 0],
      ['Recovery', 1],
      ['Growth (stacked on recovery)', 1],
    ]);
    expect(series[0].data).toEqual([10, 10]);
    expect(series[1].data.map((d) => (typeof d === 'number' ? d : d.value))).toEqual([12, 2]);
    expect(series[2].data).toEqual([0, 1]);
    expect(series[3].data).toEqual([40_000, 1_000]);
    expect(series[4].data).toEqual([8_000, 2_500]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['Ann Key', '<b>Rita</b>']);
    // Money is a marker per rep: no line joins one rep to the next.
    for (const money of (series as unknown as { lineStyle?: { width: number }; showSymbol?: boolean }[]).slice(3)) expect(money).toMatchObject({ lineStyle: { width: 0 }, showSymbol: true });
  });

  it('gives every legend entry the colour its bars are drawn in, and draws capacity above the accounts', () => {
    const drawn = series as unknown as { name: string; color?: string; z?: number; itemStyle?: { borderColor?: string; borderWidth?: number }; data: unknown[] }[];
    const [capacity, longTail, kept] = drawn;
    // A rep within capacity is drawn in the series colour, which the legend shows.
    const within = longTail.data[1] as { itemStyle: { color: string } };
    expect(longTail.color).toBe(within.itemStyle.color);
    expect(kept.color).toBeTruthy();
    expect(capacity.itemStyle?.borderWidth).toBeGreaterThan(0);
    expect(capacity.z).toBeGreaterThan(longTail.z ?? 0);
  });

  it('colours a rep over capacity differently from one within it, counting kept accounts only when they use capacity', () => {
    const [over, within] = series[1].data as { itemStyle: { color: string } }[];
    expect(over.itemStyle.color).not.toBe(within.itemStyle.color);
    const tight = [load('Kim', 4, 3, 100, 100, 1)];
    const colour = (uses: boolean) => ((repLoadOption(tight, fmt, uses).series as Series[])[1].data[0] as { itemStyle: { color: string } }).itemStyle.color;
    expect(colour(false)).toBe(within.itemStyle.color);
    expect(colour(true)).toBe(over.itemStyle.color);
  });

  it('labels money in the workspace currency and escapes rep names in the tooltip', () => {
    const axes = option.yAxis as { name: string; axisLabel?: { formatter?: (v: number) => string } }[];
    expect(axes[1].name).toBe('Expected revenue (USD)');
    expect(axes[1].axisLabel?.formatter?.(48_000)).toBe(fmt.moneyCompact(48_000));
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter([{ dataIndex: 1 }]);
    expect(tooltip).toContain('&lt;b&gt;Rita&lt;/b&gt;');
    expect(tooltip).toContain('Accounts: 3 (1 strategic kept)');
    expect(tooltip).toContain('Capacity: 2 of 10 used (20%)');
    expect(tooltip).toContain('Expected revenue: $3,500');
  });

  it('keeps every rep readable beside one huge capacity: the axis stops near the busiest load and the outlier is labelled with its figure', () => {
    const reps = [load('Big Cap', 3, 1_000_000, 900, 100), load('Ann Key', 40, 40, 40_000, 8_000), load('Ines In', 20, 150, 2_000, 500)];
    const option = repLoadOption(reps, fmt);
    const axis = (option.yAxis as { max?: number }[])[0];
    // Ines's capacity of 150 is an ordinary one and stays whole; Big Cap's million does not set the scale.
    expect(axis.max).toBe(200);
    const capacity = (option.series as Series[])[0].data as (number | { value: number; label: { formatter: string } })[];
    expect(capacity[0]).toMatchObject({ value: axis.max, label: { show: true, formatter: 'capacity 1,000,000 ↑' } });
    expect(capacity.slice(1)).toEqual([40, 150]);
    // Ann's 40 accounts are a quarter of the axis, where beside a million they were at zero.
    expect(40 / (axis.max ?? Infinity)).toBeGreaterThanOrEqual(0.2);
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter([{ dataIndex: 0 }]);
    expect(tooltip).toContain('Capacity: 3 of 1,000,000 used');
  });

  it('lets the axis fit every capacity when none stands far out, and names an inactive rep in the tooltip', () => {
    const option = repLoadOption([load('Ann Key', 40, 40, 1, 1), { ...load('Chloe', 2, 0, 1, 1, 2), active: false }], fmt);
    expect((option.yAxis as { max?: number }[])[0].max).toBeUndefined();
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter([{ dataIndex: 1 }]);
    expect(tooltip).toContain('(outside, West, inactive)');
  });
});
