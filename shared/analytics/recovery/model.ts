import type { Dataset } from '../../model/dataset';
import { monthIndexOfDay } from '../../format/dates';
import { detectSeason, seasonClockGap, seasonDays, type MonthOf } from './season';
import { capRunRates, customerRhythm } from './customer-rhythm';
import { medianInPlace, standardDeviation } from './stats';
import { columnsOf } from '../typed';
import { settled } from '../risk/series';

/**
 * Everything evaluateRecovery needs, computed once per as-of day and independent of the recovery
 * settings: one slot per customer x category relationship in typed arrays, so re-evaluating after a
 * threshold change is a single pass over relationships that never touches a transaction again.
 */
export type RecoveryModel = {
  asOfDay: number;
  currency: string;
  categories: string[];
  customerCount: number;
  /** Relationships of customer c are [customerStart[c], customerStart[c + 1]). */
  customerStart: Int32Array;
  customer: Int32Array;
  category: Int32Array;
  /** Distinct order days (days with positive net revenue) up to the as-of day. */
  purchases: Int32Array;
  first: Int32Array;
  last: Int32Array;
  /** Days since the last order. */
  gap: Int32Array;
  /**
   * Usual days between orders (the mean interval) and their standard deviation; NaN below two
   * orders. The mean, not the median: it is the rate orders actually arrive at, and a bursty buyer
   * (a few quick re-orders, then a long pause) has a median that only describes the bursts.
   */
  cycle: Float64Array;
  spread: Float64Array;
  /**
   * Median days between orders, for display. Medians and counts of whole days are whole or half
   * days far below 2^23, so 32-bit floats hold them exactly (NaN too): a tenth of the model at 20M rows.
   */
  medianInterval: Float32Array;
  /** In-season months (bit m = month m, twelve bits), 0 = not seasonal; the same measures on the season clock. */
  seasonMask: Uint16Array;
  seasonCycle: Float32Array;
  seasonSpread: Float64Array;
  seasonGap: Float32Array;
  /**
   * Annual run-rate in the 12 months up to the last order: the money at risk when it stops. Never
   * annualised from less than a quarter nor from fewer than four usual cycles (runRateOf).
   */
  runRate: Float64Array;
  /** Net revenue in the 12 months up to the last order: what the relationship really bought before the slide. */
  priorSpend: Float64Array;
  /** Net revenue in the 12 months up to the as-of day. */
  spend12m: Float64Array;
  /** Trailing window for decline, about four usual intervals (days, 120 to 365; 0 below two orders). */
  trailingDays: Int16Array;
  /** Annualised spend since the order before the recent orders (those in the window, at least three)... */
  trailingRate: Float64Array;
  /** ...against the annualised spend between orders in the 12 months before them (NaN = too few orders). */
  baselineRate: Float64Array;
  /** The same baseline as money at risk: annualised over no less than runRateOf allows. */
  baselineRunRate: Float64Array;
  /** Seasonal categories: annualised spend in the trailing window against the same window a year earlier. */
  seasonTrailingRate: Float64Array;
  seasonBaselineRate: Float64Array;
  /** Seasonal decline as money at risk: the 12 months before the trailing window (a whole cycle of seasons), annualised as runRateOf does. */
  seasonBaselineRunRate: Float64Array;
  /** Standard error of ln(trailing / baseline) from the relationship's own order-to-order noise. */
  declineNoise: Float64Array;
  /** Per customer: the last order day in any category (-1 = none) and the days since. */
  customerLast: Int32Array;
  customerGap: Int32Array;
  /** Per customer, over its order days in any category: how many, their mean interval and its spread. */
  customerOrders: Int32Array;
  customerCycle: Float64Array;
  customerSpread: Float64Array;
};

const YEAR = 365;
/**
 * From this many relationships (about 0.15 GB of model) its columns share one buffer, which goes back
 * to the system when let go; below, separate columns reuse memory freed before and fill faster
 * (0.4-0.5 s of the 1.7-1.9 s the model took at 556k relationships).
 */
const ONE_BUFFER_RELATIONSHIPS = 1_000_000;
/** Decline is judged over about four usual intervals, never less than four months nor more than a year. */
const MIN_TRAILING_DAYS = 120;
const TRAILING_CYCLES = 4;
/** A baseline needs this many intervals, or a "decline" is one skipped order. */
const MIN_BASELINE_ORDERS = 3;
/** The recent rate is measured over at least this many orders. */
const MIN_RECENT_ORDERS = 3;
/**
 * A yearly value is never extrapolated from a burst: the window a run-rate is annualised over is at
 * least a quarter and at least this many usual cycles, so two orders a day apart are worth what
 * they cost, not 180 times that, and a run-rate is at most 365/91 (about 4) times what the
 * relationship really bought in the 12 months before it.
 */
const MIN_RUN_DAYS = 91;
const RUN_CYCLES = 4;

/** The shortest window a relationship whose usual cycle is `cycle` days is annualised over. */
export const runWindowOf = (cycle: number): number => Math.min(YEAR, Math.max(RUN_CYCLES * cycle, MIN_RUN_DAYS));

/** Annualised spend over `span` days of a relationship whose usual cycle is `cycle` days. */
export const runRateOf = (spend: number, span: number, cycle: number): number =>
  (spend * YEAR) / Math.min(YEAR, Math.max(span, runWindowOf(cycle)));

/**
 * Calendar months by table lookup: Date objects in the inner loops would dominate the build. In-season
 * days between two days inside the table come from running day counts per month: a seasonal
 * relationship's intervals span its whole history, and counted a day at a time they were a seventh
 * of the build at 5M rows.
 */
function monthTable(from: number, to: number): MonthOf {
  const days = Math.max(0, to - from + 1);
  const table = new Uint8Array(days);
  for (let d = from; d <= to; d++) table[d - from] = monthIndexOfDay(d);
  // before[m * (days + 1) + i]: days of month m among the table's first i.
  const before = new Int32Array(12 * (days + 1));
  for (let m = 0; m < 12; m++) {
    const o = m * (days + 1);
    for (let i = 0; i < days; i++) before[o + i + 1] = before[o + i] + (table[i] === m ? 1 : 0);
  }
  const monthOf: MonthOf = (day) => (day >= from && day <= to ? table[day - from] : monthIndexOfDay(day));
  monthOf.seasonDays = (a, b, mask) => {
    if (b <= a) return 0;
    if (a + 1 < from || b > to) return seasonDays(a, b, mask, (day) => monthOf(day));
    let count = 0;
    for (let m = 0; m < 12; m++) if (mask & (1 << m)) count += before[m * (days + 1) + b - from + 1] - before[m * (days + 1) + a + 1 - from];
    return count;
  };
  return monthOf;
}

/** Builds the model from transactions on or before the as-of day. Heavy: once per as-of day. */
export function buildRecoveryModel(ds: Dataset, asOfDay: number): RecoveryModel {
  const { customer: txCustomer, category: txCategory, day: txDay, revenue } = ds.tx;
  const monthOf = monthTable(Math.min(ds.firstDay, asOfDay) - YEAR, asOfDay);

  // Count relationships first so every column is one typed array.
  let size = 0;
  for (let i = 0; i < txCustomer.length; i++) if (i === 0 || txCustomer[i] !== txCustomer[i - 1] || txCategory[i] !== txCategory[i - 1]) size++;
  // One buffer for every column where the model is big enough that memory is the limit (see columnsOf).
  const cols = columnsOf(size, {
    customer: Int32Array,
    category: Int32Array,
    purchases: Int32Array,
    first: Int32Array,
    last: Int32Array,
    gap: Int32Array,
    cycle: Float64Array,
    spread: Float64Array,
    medianInterval: Float32Array,
    seasonMask: Uint16Array,
    seasonCycle: Float32Array,
    seasonSpread: Float64Array,
    seasonGap: Float32Array,
    runRate: Float64Array,
    priorSpend: Float64Array,
    spend12m: Float64Array,
    trailingDays: Int16Array,
    trailingRate: Float64Array,
    seasonTrailingRate: Float64Array,
    declineNoise: Float64Array,
    baselineRate: Float64Array,
    baselineRunRate: Float64Array,
    seasonBaselineRate: Float64Array,
    seasonBaselineRunRate: Float64Array,
  }, size >= ONE_BUFFER_RELATIONSHIPS);
  // Unknown until a relationship's orders say otherwise: filled whole, not element by element in
  // the loop below (13 stores per relationship were a sixth of the build at 556k relationships).
  for (const column of [cols.cycle, cols.spread, cols.medianInterval, cols.seasonCycle, cols.seasonSpread, cols.seasonGap, cols.trailingRate, cols.baselineRate, cols.baselineRunRate, cols.seasonTrailingRate, cols.seasonBaselineRate, cols.seasonBaselineRunRate, cols.declineNoise]) {
    column.fill(Number.NaN);
  }
  const customerCount = ds.customers.length;
  const customerStart = new Int32Array(customerCount + 1);
  const customerLast = new Int32Array(customerCount).fill(-1);
  const customerGap = new Int32Array(customerCount).fill(-1);
  const rhythm = { orders: new Int32Array(customerCount), cycle: new Float64Array(customerCount).fill(Number.NaN), spread: new Float64Array(customerCount).fill(Number.NaN) };
  // One customer's order days at a time, in a buffer kept for the whole build.
  let customerDays = new Int32Array(1024);
  let customerDayCount = 0;
  const finishCustomer = (c: number, end: number): void => {
    customerRhythm(customerDays.subarray(0, customerDayCount), c, rhythm);
    capRunRates(cols, customerStart[c], end, rhythm.cycle[c], MIN_RUN_DAYS, YEAR);
  };

  // One relationship's rows at a time, in buffers kept for the whole build and grown when outgrown.
  let scratch = relationshipScratch(64);

  let r = 0;
  let i = 0;
  let currentCustomer = -1;
  while (i < txCustomer.length) {
    const c = txCustomer[i];
    const k = txCategory[i];
    if (c !== currentCustomer) {
      if (currentCustomer >= 0) finishCustomer(currentCustomer, r);
      customerDayCount = 0;
      for (let cc = currentCustomer + 1; cc <= c; cc++) customerStart[cc] = r;
      currentCustomer = c;
    }
    let end = i;
    while (end < txCustomer.length && txCustomer[end] === c && txCategory[end] === k) end++;
    if (end - i > scratch.netDays.length) scratch = relationshipScratch(2 * (end - i));
    const { netDays, netValues, netSizes, orders } = scratch;
    // Merge same-day rows: one order per day, net of same-day returns.
    let net = 0;
    for (; i < end; i++) {
      const d = txDay[i];
      if (d > asOfDay) continue;
      if (net > 0 && netDays[net - 1] === d) {
        netValues[net - 1] += revenue[i];
        netSizes[net - 1] += Math.abs(revenue[i]);
      } else {
        netDays[net] = d;
        netSizes[net] = Math.abs(revenue[i]);
        netValues[net++] = revenue[i];
      }
    }
    let n = 0;
    // A day fully sent back nets to a rounding residue of either sign: no order either way.
    for (let j = 0; j < net; j++) if (settled(netValues[j], netSizes[j]) > 0) orders[n++] = netDays[j];
    describeRelationship(cols, r, c, k, asOfDay, net, n, scratch, monthOf);
    if (customerDayCount + n > customerDays.length) {
      const grown = new Int32Array(2 * (customerDayCount + n));
      grown.set(customerDays.subarray(0, customerDayCount));
      customerDays = grown;
    }
    for (let j = 0; j < n; j++) customerDays[customerDayCount++] = orders[j];
    if (cols.last[r] > customerLast[c]) {
      customerLast[c] = cols.last[r];
      customerGap[c] = asOfDay - cols.last[r];
    }
    r++;
  }
  if (currentCustomer >= 0) finishCustomer(currentCustomer, r);
  for (let cc = currentCustomer + 1; cc <= customerCount; cc++) customerStart[cc] = r;

  return {
    asOfDay,
    currency: ds.currency,
    categories: ds.categories,
    customerCount,
    customerStart,
    ...cols,
    customerLast,
    customerGap,
    customerOrders: rhythm.orders,
    customerCycle: rhythm.cycle,
    customerSpread: rhythm.spread,
  };
}

type Columns = Omit<
  RecoveryModel,
  'asOfDay' | 'currency' | 'categories' | 'customerCount' | 'customerStart' | 'customerLast' | 'customerGap' | 'customerOrders' | 'customerCycle' | 'customerSpread'
>;

/**
 * A relationship's net days and values, its order days, and room for its intervals and their logs:
 * typed buffers reused from one relationship to the next instead of arrays made for each.
 */
type Scratch = { netDays: Int32Array; netValues: Float64Array; netSizes: Float64Array; orders: Int32Array; intervals: Float64Array; logIntervals: Float64Array; logValues: Float64Array };

const relationshipScratch = (size: number): Scratch => ({
  netDays: new Int32Array(size),
  netValues: new Float64Array(size),
  netSizes: new Float64Array(size),
  orders: new Int32Array(size),
  intervals: new Float64Array(size),
  logIntervals: new Float64Array(size),
  logValues: new Float64Array(size),
});

/**
 * Net spend on days in (from, to], over the first `count` days. Days ascend, so the walk stops past
 * `to`: the values added, and the order they are added in, are those of a walk over every day.
 */
function spendBetween(days: Int32Array, values: Float64Array, count: number, from: number, to: number): number {
  let s = 0;
  for (let j = 0; j < count && days[j] <= to; j++) if (days[j] > from) s += values[j];
  return s;
}

/**
 * Per-order noise of a spend rate, in log terms: spend per interval swings with both the order
 * size and the interval length, measured on all orders up to the anchor (b0, anchor] so a slide
 * already under way in the recent orders does not count as noise.
 */
function rateNoise(scratch: Scratch, b0: number, anchor: number): number {
  const { orders, netDays, netValues, logIntervals, logValues } = scratch;
  let count = 0;
  let j = 0;
  for (let o = b0 + 1; o <= anchor; o++) {
    logIntervals[count] = Math.log(orders[o] - orders[o - 1]);
    while (netDays[j] < orders[o]) j++;
    logValues[count++] = Math.log(netValues[j]);
  }
  const si = standardDeviation(logIntervals, count);
  const sv = standardDeviation(logValues, count);
  return Math.sqrt(si * si + sv * sv);
}

/** Order days in (from, to] among the first n, which ascend. */
function ordersBetween(days: Int32Array, n: number, from: number, to: number): number {
  let count = 0;
  for (let j = 0; j < n && days[j] <= to; j++) if (days[j] > from) count++;
  return count;
}

function describeRelationship(
  m: Columns,
  r: number,
  c: number,
  k: number,
  asOfDay: number,
  net: number,
  n: number,
  scratch: Scratch,
  monthOf: MonthOf,
): void {
  const { netDays, netValues, orders, intervals } = scratch;
  m.customer[r] = c;
  m.category[r] = k;
  m.purchases[r] = n;
  m.spend12m[r] = spendBetween(netDays, netValues, net, asOfDay - YEAR, asOfDay);
  if (n === 0) {
    m.first[r] = m.last[r] = -1;
    m.gap[r] = -1;
    return;
  }
  const first = orders[0];
  const last = orders[n - 1];
  m.first[r] = first;
  m.last[r] = last;
  m.gap[r] = asOfDay - last;

  for (let j = 1; j < n; j++) intervals[j - 1] = orders[j] - orders[j - 1];
  const meanInterval = n > 1 ? (last - first) / (n - 1) : YEAR;
  if (n > 1) {
    // The spread sums the intervals in order: taken before the median sorts them.
    m.spread[r] = standardDeviation(intervals, n - 1);
    m.cycle[r] = meanInterval;
    m.medianInterval[r] = medianInPlace(intervals, n - 1);
  }
  // A window that starts at the first order would count that order as a whole cycle's worth: pad it.
  const windowFrom = (from: number) => Math.max(from, first - meanInterval);
  const usual = n > 1 ? m.cycle[r] : YEAR;
  const runFrom = windowFrom(last - YEAR);
  m.priorSpend[r] = spendBetween(netDays, netValues, net, last - YEAR, last);
  m.runRate[r] = runRateOf(m.priorSpend[r], last - runFrom, usual);

  const mask = detectSeason(orders, monthOf, n);
  m.seasonMask[r] = mask;
  if (mask !== 0) {
    for (let j = 1; j < n; j++) intervals[j - 1] = seasonDays(orders[j - 1], orders[j], mask, monthOf);
    m.seasonSpread[r] = standardDeviation(intervals, n - 1);
    m.seasonCycle[r] = medianInPlace(intervals, n - 1);
    m.seasonGap[r] = seasonClockGap(last, asOfDay, mask, monthOf);
  }

  if (n < 2) return;
  const trailing = Math.min(YEAR, Math.max(MIN_TRAILING_DAYS, Math.round(TRAILING_CYCLES * meanInterval)));
  m.trailingDays[r] = trailing;
  const trailingStart = asOfDay - trailing;
  // Rates run from an order to an order (or to today), never from an arbitrary window edge: with
  // a few orders per window, where the edge falls would otherwise swing the rate by a whole order.
  let anchor = n - 1;
  while (anchor > 0 && orders[anchor] > trailingStart) anchor--;
  anchor = Math.min(anchor, n - 1 - MIN_RECENT_ORDERS);
  if (anchor >= 0) {
    const recentFrom = orders[anchor];
    // The open gap since the last order counts only where it runs past the usual cycle: a slide in
    // frequency shows, while the normal wait for the next order does not read as a drop.
    const overdue = Math.max(0, asOfDay - last - m.cycle[r]);
    m.trailingRate[r] = (spendBetween(netDays, netValues, net, recentFrom, last) * YEAR) / (last - recentFrom + overdue);
    let b0 = anchor;
    while (b0 > 0 && orders[b0 - 1] > recentFrom - YEAR) b0--;
    if (anchor - b0 >= MIN_BASELINE_ORDERS) {
      const baselineSpend = spendBetween(netDays, netValues, net, orders[b0], recentFrom);
      m.baselineRate[r] = (baselineSpend * YEAR) / (recentFrom - orders[b0]);
      m.baselineRunRate[r] = runRateOf(baselineSpend, recentFrom - orders[b0], m.cycle[r]);
      m.declineNoise[r] = rateNoise(scratch, 0, anchor) * Math.sqrt(1 / (n - 1 - anchor) + 1 / (anchor - b0));
    }
  }
  // Seasonal categories: the same calendar window a year earlier, the only fair comparison.
  const seasonFrom = trailingStart - YEAR;
  m.seasonTrailingRate[r] = (spendBetween(netDays, netValues, net, trailingStart, asOfDay) * YEAR) / trailing;
  if (first - meanInterval <= seasonFrom && ordersBetween(orders, n, seasonFrom, asOfDay - YEAR) >= MIN_BASELINE_ORDERS) {
    m.seasonBaselineRate[r] = (spendBetween(netDays, netValues, net, seasonFrom, asOfDay - YEAR) * YEAR) / trailing;
    const yearFrom = windowFrom(trailingStart - YEAR);
    m.seasonBaselineRunRate[r] = runRateOf(spendBetween(netDays, netValues, net, yearFrom, trailingStart), trailingStart - yearFrom, meanInterval);
  }
}
