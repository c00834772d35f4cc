import { sortSmallInPlace } from '../sorted';
import { bigColumnsOf } from '../typed';
import type { BusinessPace } from './outcome';
import { firstAfter, type Units, type UnitSeries } from './series';

/**
 * What the risk model knows about a unit at a cut, from its own history up to the cut only. Each
 * feature is a plain-words quantity (the reasons quote them), transformed to a roughly linear scale.
 */
export const FEATURE_NAMES = [
  'log prior spend',
  'log orders in prior year',
  'log tenure',
  'gap in usual cycles',
  'gap past own 90th percentile',
  'orders expected in the silence',
  'recent quarter vs prior year against the business',
  'last 90 days vs the 90 before against the business',
  'same season last year against the business',
  'one order only',
  'share of the customer',
  'customer gap in cycles',
] as const;
export const FEATURE_COUNT = FEATURE_NAMES.length;

/** Raw facts per unit, kept for reasons and baselines. */
export type UnitFacts = {
  cut: number;
  priorDays: number;
  /** Order days (days bought on, worth more than zero: see UnitSeries) up to the cut, all time and in the prior window. */
  orders: Int32Array;
  ordersPrior: Int32Array;
  first: Int32Array;
  last: Int32Array;
  /** Mean and 90th percentile of the intervals between orders (NaN below two orders / two intervals). */
  cycle: Float64Array;
  gapP90: Float64Array;
  prior: Float64Array;
  last90: Float64Array;
  previous90: Float64Array;
  /** Spend in the horizon-long window starting a year before the cut (NaN = data too short). */
  lastYearAhead: Float64Array;
};

const log1 = (x: number): number => Math.log(1 + Math.max(0, x));

/**
 * Facts for every unit at a cut, or only for `units` (the others keep their empty values).
 * `horizonDays` sets the same-season window of a year earlier.
 */
export function unitFacts(s: UnitSeries, firstDay: number, cut: number, priorDays: number, horizonDays: number, units?: ArrayLike<number>): UnitFacts {
  const n = s.count;
  const columns = bigColumnsOf(n, {
    orders: Int32Array,
    ordersPrior: Int32Array,
    first: Int32Array,
    last: Int32Array,
    cycle: Float64Array,
    gapP90: Float64Array,
    prior: Float64Array,
    last90: Float64Array,
    previous90: Float64Array,
    lastYearAhead: Float64Array,
  });
  const f: UnitFacts = { cut, priorDays, ...columns };
  f.first.fill(-1);
  f.last.fill(-1);
  f.cycle.fill(Number.NaN);
  f.gapP90.fill(Number.NaN);
  f.lastYearAhead.fill(Number.NaN);
  const seasonKnown = cut - 365 >= firstDay;
  // One typed buffer, sorted numerically in place: a comparator sort of a JS array per unit cost
  // about a second per call at 5M rows. A unit has fewer intervals than days.
  const count = units ? units.length : n;
  let longest = 0;
  for (let i = 0; i < count; i++) {
    const u = units ? units[i] : i;
    longest = Math.max(longest, s.start[u + 1] - s.start[u]);
  }
  const buffer = new Int32Array(longest);
  for (let i = 0; i < count; i++) {
    const u = units ? units[i] : i;
    const end = firstAfter(s, u, cut);
    let previousOrder = -1;
    let intervalCount = 0;
    let ahead = 0;
    // Summed here and stored once: each unit is described once, so these are its columns' sums,
    // added in the same order.
    let prior = 0;
    let last90 = 0;
    let previous90 = 0;
    let orders = 0;
    let ordersPrior = 0;
    let first = -1;
    for (let e = s.start[u]; e < end; e++) {
      const d = s.day[e];
      const v = s.value[e];
      if (d > cut - priorDays) prior += v;
      if (d > cut - 90) last90 += v;
      else if (d > cut - 180) previous90 += v;
      if (d > cut - 365 && d <= cut - 365 + horizonDays) ahead += v;
      if (v <= 0) continue;
      orders++;
      if (d > cut - priorDays) ordersPrior++;
      if (first < 0) first = d;
      if (previousOrder >= 0) buffer[intervalCount++] = d - previousOrder;
      previousOrder = d;
    }
    f.prior[u] += prior;
    f.last90[u] += last90;
    f.previous90[u] += previous90;
    f.orders[u] = orders;
    f.ordersPrior[u] = ordersPrior;
    f.first[u] = first;
    f.last[u] = previousOrder;
    if (seasonKnown) f.lastYearAhead[u] = ahead;
    if (orders >= 2) f.cycle[u] = (previousOrder - first) / (orders - 1);
    if (intervalCount >= 2) {
      sortSmallInPlace(buffer, intervalCount);
      const pos = 0.9 * (intervalCount - 1);
      const lo = Math.floor(pos);
      const hi = Math.min(intervalCount - 1, lo + 1);
      f.gapP90[u] = buffer[lo] + (buffer[hi] - buffer[lo]) * (pos - lo);
    }
  }
  return f;
}

/**
 * A customer's categories at a cut: how many it bought in the prior window, how many of those have
 * gone overdue, and what share of that spend they held.
 */
export type Breadth = { categories: Float64Array; overdue: Float64Array; overdueShare: Float64Array };

/** Overdue = silent for more than this many of the relationship's own cycles. */
export const OVERDUE_CYCLES = 2;

/**
 * Breadth of every customer from its relationships' facts at the same cut
 * (`start[c]..start[c + 1]` are customer c's relationship units). A customer letting whole
 * categories lapse while still buying others is an early sign a total count of orders misses; the
 * reasons name it. (As model inputs these moved the holdouts by less than the choice of folds does,
 * and cost the full Online Retail run its model, so they are not inputs.)
 */
export function breadthOf(relationshipFacts: UnitFacts, start: Int32Array, customerCount: number): Breadth {
  const b: Breadth = { categories: new Float64Array(customerCount), overdue: new Float64Array(customerCount), overdueShare: new Float64Array(customerCount) };
  const { cut, priorDays } = relationshipFacts;
  for (let c = 0; c < customerCount; c++) {
    let spend = 0;
    let overdue = 0;
    for (let r = start[c]; r < start[c + 1]; r++) {
      const prior = relationshipFacts.prior[r];
      if (!(prior > 0) || relationshipFacts.ordersPrior[r] === 0) continue;
      b.categories[c]++;
      spend += prior;
      const orders = relationshipFacts.orders[r];
      const gap = relationshipFacts.last[r] >= 0 ? cut - relationshipFacts.last[r] : priorDays;
      const cycle = orders >= 2 ? relationshipFacts.cycle[r] : Math.max(90, cut - relationshipFacts.first[r] + 90);
      if (gap > OVERDUE_CYCLES * cycle) {
        b.overdue[c]++;
        overdue += prior;
      }
    }
    b.overdueShare[c] = spend > 0 ? overdue / spend : 0;
  }
  return b;
}

/**
 * The model's inputs, row-major (unit x FEATURE_COUNT), for every unit or only `units` (row i is
 * units[i]). `customerFacts` gives a relationship its customer's standing (a category can go quiet
 * while the customer thrives, or with it). `into`, when given, is written over instead of a new
 * matrix: a block of rows at a time.
 */
export function featureMatrix(
  facts: UnitFacts,
  s: Units,
  horizonDays: number,
  pace: BusinessPace,
  customerFacts: UnitFacts | null,
  units?: ArrayLike<number>,
  into?: Float64Array,
): Float64Array {
  const n = units ? units.length : s.count;
  if (into && into.length < n * FEATURE_COUNT) throw new RangeError(`featureMatrix: room for ${into.length / FEATURE_COUNT} rows, ${n} asked for`);
  const x = into ?? new Float64Array(n * FEATURE_COUNT);
  const { cut, priorDays } = facts;
  for (let row = 0; row < n; row++) {
    const u = units ? units[row] : row;
    const o = row * FEATURE_COUNT;
    const prior = Math.max(0, facts.prior[u]);
    const orders = facts.orders[u];
    const gap = facts.last[u] >= 0 ? cut - facts.last[u] : priorDays;
    const tenure = facts.first[u] >= 0 ? cut - facts.first[u] : 0;
    // A single order has no cycle: its "cycle" is the whole tenure padded by a quarter, so a
    // one-off bought yesterday is not yet overdue and one bought a year ago is.
    const cycle = orders >= 2 ? facts.cycle[u] : Math.max(90, tenure + 90);
    const rate = Math.max(facts.ordersPrior[u], 1) / priorDays;
    const perDay = prior / priorDays;
    x[o] = log1(prior);
    x[o + 1] = log1(facts.ordersPrior[u]);
    x[o + 2] = log1(tenure);
    x[o + 3] = Math.log((gap + 1) / (cycle + 1));
    x[o + 4] = Number.isFinite(facts.gapP90[u]) ? Math.log((gap + 1) / (facts.gapP90[u] + 1)) : 0;
    x[o + 5] = Math.min(20, gap * rate);
    x[o + 6] = Math.log((Math.max(0, facts.last90[u]) + 1) / (perDay * 90 + 1)) - pace.quarter;
    x[o + 7] = Math.log((Math.max(0, facts.last90[u]) + 1) / (Math.max(0, facts.previous90[u]) + 1)) - pace.last90;
    const ahead = facts.lastYearAhead[u];
    x[o + 8] = Number.isFinite(ahead) ? Math.log((Math.max(0, ahead) + 1) / (perDay * horizonDays + 1)) - pace.season : 0;
    x[o + 9] = orders <= 1 ? 1 : 0;
    if (customerFacts) {
      const c = s.customer[u];
      const cPrior = Math.max(0, customerFacts.prior[c]);
      x[o + 10] = cPrior > 0 ? prior / cPrior : 0;
      const cOrders = customerFacts.orders[c];
      const cGap = customerFacts.last[c] >= 0 ? cut - customerFacts.last[c] : priorDays;
      const cCycle = cOrders >= 2 ? customerFacts.cycle[c] : Math.max(90, cut - customerFacts.first[c] + 90);
      x[o + 11] = Math.log((cGap + 1) / (cCycle + 1));
    } else {
      x[o + 10] = 0;
      x[o + 11] = 0;
    }
  }
  return x;
}
