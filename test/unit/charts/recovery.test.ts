import { describe, expect, it } from 'vitest';
import { acrossDatesOption, backtestOption, flatCurveNote, growthBacktestOption, recoveryCurveOption } from '../../../renderer/src/charts/recovery';
import type { BacktestAcrossDates, BacktestLevel, BacktestRow, DatePoint } from '../../../shared/model/results';
import { growthBacktestOf, growthRow } from '../../helpers/growth-rows';
import { fmt } from './fixtures';

type Series = { name: string; data: unknown[]; yAxisIndex?: number; markLine?: { data: { xAxis: number }[] } };
type Axis = { name: string; axisLabel?: { formatter?: (v: number) => string } };

describe('recovery charts', () => {
  const curve = [
    { lateness: 3, count: 40, atRisk: 20000 },
    { lateness: 1.5, count: 120, atRisk: 61000 },
    { lateness: 2, count: 80, atRisk: 45000 },
  ];

  it('says why the curve is flat when lateness moves under a tenth of the actions, and nothing when it moves more', () => {
    const flat = [
      { lateness: 1, count: 2740, atRisk: 1e6 },
      { lateness: 5, count: 2725, atRisk: 9.8e5 },
      { lateness: 10, count: 2717, atRisk: 9.7e5 },
    ];
    expect(flatCurveNote({ curve: flat, count: 2736, wholeCustomers: 2703 }, fmt)).toBe(
      "Lateness moves few actions on this data: from 1 to 10 cycles they number 2,717 to 2,740. 2,703 of the 2,736 actions are whole customers gone quiet or slipping, judged mostly by the chance of a slide the model learned on this data's past, not by lateness.",
    );
    expect(flatCurveNote({ curve: flat.map((p) => ({ ...p, count: 12 })), count: 12, wholeCustomers: 0 }, fmt)).toBe(
      'Lateness moves few actions on this data: from 1 to 10 cycles they stay at 12. Its actions are decided by the other thresholds or by the learned chance of a slide, not by lateness.',
    );
    // 120 to 40 actions: the slider visibly works.
    expect(flatCurveNote({ curve, count: 80, wholeCustomers: 10 }, fmt)).toBeNull();
    expect(flatCurveNote({ curve: flat.map((p) => ({ ...p, count: 0 })), count: 0, wholeCustomers: 0 }, fmt)).toBeNull();
  });

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

  it('sets the captured loss of each method beside its precision, ours first, on a share axis', () => {
    const row = (method: BacktestRow['method'], label: string, capturedShare: number, precision: number): BacktestRow => ({
      method,
      label,
      flagged: 300,
      declined: Math.round(precision * 300),
      precision,
      recallCount: 0.1,
      recallRevenue: 0.2,
      capturedLoss: capturedShare * 1e6,
      capturedShare,
      stated: null,
      calibration: null,
    });
    const level: BacktestLevel = {
      id: 'customer',
      level: 'customer',
      title: 'Customers',
      population: { units: 3000, declined: 1500, realisedLoss: 1e6, declinedRevenue: 2e6, expected: 3e6 },
      flagged: 812,
      compared: 300,
      rows: [row('model', 'Longtail', 0.4, 0.49), row('recency', 'Longest time since last order', 0.05, 0.66), row('drop-90', 'Largest drop', 0.23, 0.47)],
      verdict: { capturedRatio: 1.74, bestRule: 'drop-90', beatsCapture: true, precisionOk: true, calibrationOk: true, text: 'Beats the naive rules on this data.' },
    };
    const option = backtestOption(level, fmt);
    const [captured, precision] = option.series as Series[];
    expect((option.yAxis as { data: string[] }).data).toEqual(['Longtail', 'Longest time since last order', 'Largest drop']);
    expect(captured.data).toEqual([0.4, 0.05, 0.23]);
    expect(precision.data).toEqual([0.49, 0.66, 0.47]);
    expect((option.xAxis as Axis).axisLabel?.formatter?.(0.5)).toBe('50%');
    expect((option.xAxis as Axis & { name: string }).name).toBe('Share (300 flags each)');
  });

  it('draws growth’s take-up and share of new spend per method on an axis that starts at zero and fits the largest', () => {
    const rows = [
      growthRow('model', 'Longtail growth actions', 0.235, 0.055, 68_000),
      growthRow('random', 'Random missing category (mean of 20 draws)', 0.191, 0.021),
      growthRow('foresight', 'Perfect foresight (the ceiling)', 0.86, 0.669),
    ];
    const growth = growthBacktestOf(rows, { takeUpOk: true, upliftOk: true, takeUpRatio: 1.23, text: 'Growth actions pointed where customers were heading.' });
    const option = growthBacktestOption(growth, fmt);
    const [takenUp, held] = option.series as Series[];
    expect((option.yAxis as { data: string[] }).data).toEqual(['Longtail', 'Random missing category', 'Perfect foresight (the ceiling)']);
    expect(takenUp.data).toEqual([0.235, 0.191, 0.86]);
    expect(held.data).toEqual([0.055, 0.021, 0.669]);
    expect((option.xAxis as Axis & { min: number; max?: number }).min).toBe(0);
    expect((option.xAxis as Axis & { max?: number }).max).toBeUndefined();
    expect((option.xAxis as Axis & { name: string }).name).toBe('Share (1,320 suggestions each)');
  });

  it('draws our capture ratio per date as bars and perfect foresight as a line, on a doubling axis with the best rule and the 1.2x target marked', () => {
    const point = (asOf: string, over: Partial<DatePoint>): DatePoint => ({
      asOf, businessIndex: 1, flagged: 500, compared: 300, capturedRatio: 1.5, bestRule: 'own-gap', ceilingRatio: 2.5, precision: 0.5, precisionBar: 0.5,
      calibration: 1, beatsCapture: true, precisionOk: true, calibrationOk: true, tooFewDeclines: false, ruleOwnSize: null, ...over,
    });
    const result: BacktestAcrossDates = {
      horizonDays: 90,
      points: [point('2011-03-31', { capturedRatio: 9.504, ceilingRatio: 13.4 }), point('2011-06-30', { capturedRatio: 0, ceilingRatio: null }), point('2011-09-30', { capturedRatio: 1.214, tooFewDeclines: true })],
      met: { judged: 2, capture: 1, precision: 2, money: 2, all: 1 },
      verdict: '',
    };
    const option = acrossDatesOption(result, fmt);
    type Bars = { data: { value: number | null; itemStyle: { opacity?: number } }[]; markLine: { data: { yAxis: number }[] } };
    const [bars, line] = option.series as unknown as [Bars, { data: (number | null)[] }];
    // No bar where the ratio is 0: a doubling axis has no place for it (the table gives the figure).
    expect(bars.data.map((d) => d.value)).toEqual([9.5, null, 1.21]);
    expect(bars.data.map((d) => d.itemStyle.opacity)).toEqual([undefined, undefined, 0.35]);
    expect(line.data).toEqual([13.4, null, 2.5]);
    expect(bars.markLine.data.map((m) => m.yAxis)).toEqual([1, 1.2]);
    const y = option.yAxis as { type: string; logBase: number; min: (e: { min: number }) => number; name: string };
    expect([y.type, y.logBase, y.name]).toEqual(['log', 2, "Loss captured, x the best rule's"]);
    expect([y.min({ min: 1.2 }), y.min({ min: 0.3 })]).toEqual([0.5, 0.25]);
    expect((option.xAxis as { data: string[]; name: string }).name).toBe('As of (90 days watched after each)');
  });
});
