import { describe, expect, it } from 'vitest';
import { backtestRange, runBacktest, type BacktestLevel, type BacktestReport } from '../../../shared/analytics/holdout';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { isoFromDay } from '../../../shared/format/dates';
import type { Dataset } from '../../../shared/model/dataset';
import { elogDataset } from '../../helpers/elog';

/*
 * A user picks the as-of date and the horizon, so the backtest must hold together at any pair the
 * product accepts, not only at the development cases: the first and last dates the data allows,
 * at the shortest horizon the settings take and at a year. Two real files that differ in kind:
 * CDNOW's sample (money, a cohort that mostly stops buying) and the grocery panel (counts only).
 */

const settings = analysisSettingsSchema.parse({});
/** The shortest horizon the settings accept (checked below against the schema itself). */
const SHORTEST = 30;
const YEAR = 365;

const nonFinite = (value: unknown, path = 'report'): string[] => {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinite(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nonFinite(v, `${path}.${k}`));
  return [];
};

function holdsTogether(level: BacktestLevel): void {
  expect(level.compared).toBe(level.id === 'relationship-all' ? level.flagged : Math.min(level.flagged, 300));
  for (const row of level.rows) {
    expect(row.flagged, row.method).toBeLessThanOrEqual(level.compared);
    expect(row.declined, row.method).toBeLessThanOrEqual(row.flagged);
    if (row.flagged > 0) expect(row.precision, row.method).toBeCloseTo(row.declined / row.flagged, 9);
    expect(row.capturedShare, row.method).toBeGreaterThanOrEqual(0);
    expect(row.capturedShare, row.method).toBeLessThanOrEqual(1 + 1e-9);
  }
  const ours = level.rows[0];
  expect(ours.method).toBe('model');
  expect(ours.flagged).toBe(level.compared);
  // Nobody holds more of the loss with as many flags than the list that knew the future.
  const foresight = level.rows.find((r) => r.method === 'foresight');
  for (const row of level.rows) expect(row.capturedLoss, row.method).toBeLessThanOrEqual((foresight?.capturedLoss ?? Infinity) + 1e-6);
  if (level.bands) {
    expect(level.bands.reduce((n, b) => n + b.flagged, 0)).toBe(ours.flagged);
    expect(level.bands.reduce((n, b) => n + b.declined, 0)).toBe(ours.declined);
  }
  if (level.difference) {
    const { shared, oursOnly, ruleOnly, rule } = level.difference;
    const theirs = level.rows.find((r) => r.method === rule);
    expect(shared.flagged + oursOnly.flagged).toBe(ours.flagged);
    expect(shared.declined + oursOnly.declined).toBe(ours.declined);
    expect(shared.flagged + ruleOnly.flagged).toBe(theirs?.flagged);
    expect(shared.declined + ruleOnly.declined).toBe(theirs?.declined);
  }
}

const cases: [string, () => Dataset][] = [
  ["CDNOW's sample", () => elogDataset('cdnowElog.csv', { customer: 'masterid', date: 'date', money: 'sales' })],
  ['the grocery panel', () => elogDataset('grocery_elog.csv', { customer: 'cust', date: 'date' })],
];

describe('the horizons a backtest can be asked for', () => {
  it('start at the shortest one the settings accept', () => {
    expect(analysisSettingsSchema.safeParse({ recovery: { horizonDays: SHORTEST } }).success).toBe(true);
    expect(analysisSettingsSchema.safeParse({ recovery: { horizonDays: SHORTEST - 1 } }).success).toBe(false);
  });
});

describe.each(cases)('a backtest of %s at any date and horizon it allows', (_name, load) => {
  const ds = load();

  describe.each([SHORTEST, YEAR])('over %i days', (horizon) => {
    const range = backtestRange(ds, horizon);
    const dates = [range.from, Math.round((range.from + range.to) / 2), range.to];

    it.each(dates.map((d) => [isoFromDay(d), d]))('as of %s gives a complete table with every figure finite and every sum holding', (_iso, day) => {
      const report: BacktestReport = runBacktest(ds, settings, day, horizon);
      expect(nonFinite(report)).toEqual([]);
      expect(report.asOf).toBe(isoFromDay(day));
      expect(report.levels.length).toBeGreaterThan(0);
      for (const level of report.levels) holdsTogether(level);
      expect(report.levels[0].verdict.text.length).toBeGreaterThan(0);
    });

    it('refuses a date a day outside the range, naming the dates it would take', () => {
      for (const day of [range.from - 1, range.to + 1]) {
        expect(() => runBacktest(ds, settings, day, horizon)).toThrow(`between ${isoFromDay(range.from)} and ${isoFromDay(range.to)}`);
      }
    });
  });
});
