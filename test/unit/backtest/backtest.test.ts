import { describe, expect, it } from 'vitest';
import { backtest, BACKTEST_LATENESS } from '../../../shared/analytics/backtest';
import { defaultAnalysisSettings } from '../../../shared/contract/settings';
import { dayFromIso } from '../../../shared/format/dates';
import { datasetFromRows, generateDistributor } from '../../../shared/sample';
import { datasetOf, rhythm } from '../recovery/build';

const AS_OF = dayFromIso('2025-06-30');

describe('backtest on a hand-made case', () => {
  // A stopped and stays away; B went quiet and came back; C looked fine and then stopped; D never wavered.
  const ds = datasetOf([
    ...rhythm('A', 'Dairy', AS_OF - 400, AS_OF - 60, 7, 100),
    ...rhythm('B', 'Dairy', AS_OF - 400, AS_OF - 60, 7, 100),
    ...rhythm('B', 'Dairy', AS_OF + 10, AS_OF + 120, 7, 100),
    ...rhythm('C', 'Dairy', AS_OF - 400, AS_OF - 3, 7, 100),
    ...rhythm('D', 'Dairy', AS_OF - 400, AS_OF + 120, 7, 100),
  ]);
  const result = backtest(ds, defaultAnalysisSettings(), AS_OF, 120);

  it('scores the stopped customer as a hit, the returning one as a false alarm and the sudden stop as a miss', () => {
    expect(result).toMatchObject({ asOf: '2025-06-30', horizonDays: 120, flagged: 2, truePositives: 1, falseAlarms: 1, missed: 1, precision: 0.5, recall: 0.5 });
  });

  it('reports the curve over the whole range of the lateness slider, 1 to 10 cycles', () => {
    expect(result.curve.map((p) => p.lateness)).toEqual(BACKTEST_LATENESS);
    expect(BACKTEST_LATENESS[0]).toBe(1);
    expect(BACKTEST_LATENESS[BACKTEST_LATENESS.length - 1]).toBe(10);
    // 60 silent days are 8.6 weekly cycles: flagged up to that lateness. At one cycle, C's eight
    // quiet days already count as late, and C did stop: a hit that the default setting misses.
    expect(result.curve[0]).toMatchObject({ lateness: 1, flagged: 3, recall: 1 });
    const upTo8 = result.curve.filter((p) => p.lateness >= 2 && p.lateness <= 8);
    expect(upTo8.length).toBeGreaterThan(5);
    expect(upTo8.every((p) => p.flagged === 2 && p.precision === 0.5 && p.recall === 0.5)).toBe(true);
  });

  it('refuses a horizon of no days', () => {
    expect(() => backtest(ds, defaultAnalysisSettings(), AS_OF, 0)).toThrow(RangeError);
  });
});

describe('backtest on a generated distributor', () => {
  // Three years, so the replay six months back still sees two seasons.
  const generated = generateDistributor({ seed: 7, customers: 1000, endDate: '2025-12-31', months: 36 });
  const ds = datasetFromRows([...generated.rows()]);
  const asOf = dayFromIso(generated.endDate) - 180;
  const result = backtest(ds, defaultAnalysisSettings(), asOf, 180);

  it('is mostly right about the relationships it flags six months back', () => {
    expect(result.flagged).toBeGreaterThan(20);
    expect(result.precision).toBeGreaterThanOrEqual(0.8);
    // Defections that start after the replayed day cannot be foreseen: recall is partial by design.
    expect(result.recall).toBeGreaterThan(0.2);
  });

  it('flags fewer relationships at a stricter lateness, and gives the same answer twice', () => {
    expect(result.curve[0].flagged).toBeGreaterThanOrEqual(result.curve[result.curve.length - 1].flagged);
    expect(backtest(ds, defaultAnalysisSettings(), asOf, 180)).toEqual(result);
  });
});
