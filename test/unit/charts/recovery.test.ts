import { describe, expect, it } from 'vitest';
import { backtestOption, recoveryCurveOption } from '../../../renderer/src/charts/recovery';
import { fmt } from './fixtures';

type Series = { name: string; data: unknown[]; yAxisIndex?: number; markLine?: { data: { xAxis: number }[] } };
type Axis = { name: string; axisLabel?: { formatter?: (v: number) => string } };

describe('recovery charts', () => {
  const curve = [
    { lateness: 3, count: 40, atRisk: 20000 },
    { lateness: 1.5, count: 120, atRisk: 61000 },
    { lateness: 2, count: 80, atRisk: 45000 },
  ];

  it('plots counts and money against lateness in order, money on its own axis', () => {
    const option = recoveryCurveOption(curve, 2, fmt);
    const [count, money] = option.series as Series[];
    expect(count.data).toEqual([
      [1.5, 120],
      [2, 80],
      [3, 40],
    ]);
    expect(money.data).toEqual([
      [1.5, 61000],
      [2, 45000],
      [3, 20000],
    ]);
    expect(money.yAxisIndex).toBe(1);
    const [left, right] = option.yAxis as Axis[];
    expect(left.name).toBe('Actions');
    expect(right.name).toBe('At risk (USD)');
    expect(right.axisLabel?.formatter?.(45000)).toMatch(/^\$45(\.0)?K$/);
  });

  it('marks the current lateness threshold', () => {
    const [count] = recoveryCurveOption(curve, 2.5, fmt).series as Series[];
    expect(count.markLine?.data[0].xAxis).toBe(2.5);
  });

  it('shows precision and recall as shares by lateness', () => {
    const option = backtestOption(
      [
        { lateness: 2, flagged: 50, precision: 0.6, recall: 0.7 },
        { lateness: 1, flagged: 90, precision: 0.4, recall: 0.9 },
      ],
      2,
      fmt,
    );
    const [precision, recall] = option.series as Series[];
    expect(precision.data).toEqual([
      [1, 0.4],
      [2, 0.6],
    ]);
    expect(recall.data).toEqual([
      [1, 0.9],
      [2, 0.7],
    ]);
    expect((option.yAxis as Axis).axisLabel?.formatter?.(0.5)).toBe('50%');
  });
});
