import type { Dataset } from '../../model/dataset';
import { spendIn, type UnitSeries } from './series';

/** The prior rate is measured over the 12 months up to the cut, or since the data began if shorter. */
export const PRIOR_DAYS = 365;
/** Declined = spent less than this share of what the prior rate led to expect. */
export const DECLINE_SHARE = 0.5;

export const priorDaysAt = (firstDay: number, cut: number): number => Math.max(1, Math.min(PRIOR_DAYS, cut - firstDay + 1));

/**
 * The whole business's change over the horizon: its revenue in (cut, cut + horizon] against its
 * daily revenue in the prior window times the horizon. Expectations are scaled by it, so a seasonal
 * peak after the cut is not read as every customer recovering, nor a trough as every customer
 * declining.
 */
export function businessIndex(ds: Dataset, cut: number, horizonDays: number): number {
  return businessIndexes(ds, [{ cut, horizonDays }])[0];
}

/**
 * The business index at several cuts and horizons, in one pass over the transactions (one pass is a
 * tenth of a second at 5M rows): each index sums the same rows in the same order as alone.
 */
export function businessIndexes(ds: Dataset, at: readonly { cut: number; horizonDays: number }[]): number[] {
  const k = at.length;
  if (k === 0) return [];
  const priorFrom = Float64Array.from(at, (a) => a.cut - priorDaysAt(ds.firstDay, a.cut));
  const cut = Float64Array.from(at, (a) => a.cut);
  const afterTo = Float64Array.from(at, (a) => a.cut + a.horizonDays);
  const before = new Float64Array(k);
  const after = new Float64Array(k);
  const { day, revenue } = ds.tx;
  for (let i = 0; i < day.length; i++) {
    const d = day[i];
    for (let j = 0; j < k; j++) {
      if (d > priorFrom[j] && d <= cut[j]) before[j] += revenue[i];
      else if (d > cut[j] && d <= afterTo[j]) after[j] += revenue[i];
    }
  }
  return at.map((a, j) => {
    const priorDays = priorDaysAt(ds.firstDay, a.cut);
    const expected = (before[j] * a.horizonDays) / priorDays;
    return expected > 0 && after[j] > 0 ? after[j] / expected : 1;
  });
}

/** What each unit was expected to spend in the horizon, what it spent, and what was lost. */
export type Outcomes = {
  cut: number;
  horizonDays: number;
  priorDays: number;
  businessIndex: number;
  /** Net revenue in the prior window (floored at 0). Units with none are not scored. */
  prior: Float64Array;
  expected: Float64Array;
  /** Net revenue in the horizon, as spent (not deflated). */
  actual: Float64Array;
  /** max(0, expected - actual), never more than expected. */
  loss: Float64Array;
  declined: Uint8Array;
  scored: Uint8Array;
};

/**
 * Outcomes after `cut`. Expected = the prior daily rate x the horizon. What the unit spent in the
 * horizon is deflated by the business index (like money deflated by a price index), so a seasonal
 * peak is not read as recovery nor a trough as loss, and a loss is in the unit's own prior-rate
 * money: never more than it ran at. Declined = deflated spend under half of expected; the realised
 * loss is the shortfall. A net credit in the horizon counts as spend of zero. Only `units` are
 * scored when given.
 */
export function outcomesAfter(series: UnitSeries, firstDay: number, cut: number, horizonDays: number, index: number, units?: ArrayLike<number>): Outcomes {
  const n = series.count;
  const priorDays = priorDaysAt(firstDay, cut);
  const out: Outcomes = {
    cut,
    horizonDays,
    priorDays,
    businessIndex: index,
    prior: new Float64Array(n),
    expected: new Float64Array(n),
    actual: new Float64Array(n),
    loss: new Float64Array(n),
    declined: new Uint8Array(n),
    scored: new Uint8Array(n),
  };
  const count = units ? units.length : n;
  for (let i = 0; i < count; i++) {
    const u = units ? units[i] : i;
    const prior = Math.max(0, spendIn(series, u, cut - priorDays, cut));
    const actual = spendIn(series, u, cut, cut + horizonDays);
    out.prior[u] = prior;
    out.actual[u] = actual;
    if (prior <= 0) continue;
    const expected = (prior * horizonDays) / priorDays;
    const deflated = Math.max(0, actual) / index;
    out.scored[u] = 1;
    out.expected[u] = expected;
    out.loss[u] = Math.max(0, expected - deflated);
    out.declined[u] = deflated < DECLINE_SHARE * expected ? 1 : 0;
  }
  return out;
}

/**
 * The business's own pace at a cut, as logs, each 0 where the data is too short to say: its season
 * (its revenue in the horizon-long window a year before the cut against its prior daily rate times
 * the horizon), its last 90 days against its prior daily rate, and its last 90 days against the 90
 * before. Outcomes are deflated by the business's change, so the units' season and trend features
 * are read against the business's own: a customer as seasonal as the business is steady, and in
 * spring every customer of a business with a Christmas peak buys below its yearly rate, which read
 * as it stood looked like a slide the model then priced as loss. On both UCI files as one
 * workspace, stated money over realised loss at the top 300 customers went from 1.42 to 1.26 (as of
 * 2011-05-31), 1.34 to 1.14 and 1.59 to 1.40.
 */
export type BusinessPace = { season: number; quarter: number; last90: number };

export function businessPaces(ds: Dataset, cuts: readonly number[], horizonDays: number): BusinessPace[] {
  const k = cuts.length;
  const priorFrom = cuts.map((c) => c - priorDaysAt(ds.firstDay, c));
  const seasonTo = cuts.map((c) => Math.min(c, c - 365 + horizonDays));
  const prior = new Float64Array(k);
  const last = new Float64Array(k);
  const before = new Float64Array(k);
  const season = new Float64Array(k);
  const { day, revenue } = ds.tx;
  // One pass for every cut (a tenth of a second at 5M rows); nothing after a cut is read for it.
  for (let i = 0; i < day.length; i++) {
    const d = day[i];
    const v = revenue[i];
    for (let j = 0; j < k; j++) {
      const c = cuts[j];
      if (d > c) continue;
      if (d > priorFrom[j]) prior[j] += v;
      if (d > c - 90) last[j] += v;
      else if (d > c - 180) before[j] += v;
      if (d > c - 365 && d <= seasonTo[j]) season[j] += v;
    }
  }
  return cuts.map((c, j) => {
    const perDay = prior[j] / priorDaysAt(ds.firstDay, c);
    const expected = perDay * horizonDays;
    return {
      season: c - 365 >= ds.firstDay && expected > 0 && season[j] > 0 ? Math.log(season[j] / expected) : 0,
      quarter: last[j] > 0 && perDay > 0 ? Math.log(last[j] / (perDay * 90)) : 0,
      last90: last[j] > 0 && before[j] > 0 && c - 180 >= ds.firstDay ? Math.log(last[j] / before[j]) : 0,
    };
  });
}

