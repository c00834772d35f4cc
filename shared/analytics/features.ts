import type { Dataset } from '../model/dataset';
import { DayNets } from './risk/series';

/** The trailing window every "12-month" figure uses, ending on the as-of day inclusive. */
export const WINDOW_DAYS = 365;

/**
 * Per-customer features as of a day. Row-major n x m arrays keep a million transactions in a few
 * typed arrays. Transactions after the as-of day are invisible, so a run can be replayed as of any
 * past date.
 */
export type Features = {
  asOfDay: number;
  /**
   * The days the window covers: WINDOW_DAYS, or the days since the data began when it is younger
   * (every "12-month" figure then covers only those). A spend table's window is a year.
   */
  windowDays: number;
  /** Whether the data has dates: a spend table's window is the table, not a year (the reasons say so). */
  dated: boolean;
  n: number;
  m: number;
  /** Net revenue in the window (returns subtract). */
  revenue12m: Float64Array;
  /** Net revenue per customer x category in the window. */
  catRevenue12m: Float64Array;
  /** Share of the window's revenue per category; negative nets count as 0 so the mix stays a mix. */
  mix: Float64Array;
  /** Categories with positive net revenue in the window. */
  breadth: Int32Array;
  /** 1 when the customer ever had a positive sale in the category up to the as-of day. */
  everBought: Uint8Array;
  /** 1 when a return or credit of the customer's falls in the category in the window. */
  returned12m: Uint8Array;
  /**
   * Purchase days up to the as-of day: days whose lines (the customer's, across its categories) net
   * above zero, the rule the rhythms, the reasons and the timeline read. A sale cancelled by a credit
   * the same day, or a credit larger than the day's re-invoice, is no purchase.
   */
  purchases: Int32Array;
  /** Days since the last purchase day; -1 when none. */
  recencyDays: Int32Array;
  /** Days since the first purchase day; -1 when none. */
  tenureDays: Int32Array;
};

/** Below any money: what is left of a sum of amounts that cancel (1.4e-13), not a sale. */
const NOISE = 1e-7;

export function computeFeatures(ds: Dataset, asOfDay: number): Features {
  const n = ds.customers.length;
  const m = ds.categories.length;
  const { customer, category, day, revenue } = ds.tx;
  // A spend table has no real dates: all of it is "the last 12 months".
  const windowStart = ds.hasDates ? asOfDay - WINDOW_DAYS + 1 : -Infinity;
  const revenue12m = new Float64Array(n);
  const catRevenue12m = new Float64Array(n * m);
  const everBought = new Uint8Array(n * m);
  const returned12m = new Uint8Array(n * m);
  const purchases = new Int32Array(n);
  const recencyDays = new Int32Array(n).fill(-1);
  const tenureDays = new Int32Array(n).fill(-1);
  const firstDay = new Int32Array(n).fill(2 ** 31 - 1);
  const lastDay = new Int32Array(n).fill(-(2 ** 31));

  // Rows are sorted by customer then category then day, so a customer's days repeat across its
  // categories: each day's lines are summed in a day-indexed scratch stamped with the customer (no
  // sort of each customer's days). Counted from any line above zero, a sale voided by a credit the
  // same minute had read "last purchase 4 days ago" beside a reason saying 25.
  const rows = customer.length;
  let base = 0;
  let top = -1;
  for (let r = 0; r < rows; r++) {
    if (r === 0 || day[r] < base) base = day[r];
    if (r === 0 || day[r] > top) top = day[r];
  }
  const nets = new DayNets(Math.max(1, top - base + 1));
  for (let r = 0; r < rows; ) {
    const c = customer[r];
    nets.restart();
    for (; r < rows && customer[r] === c; r++) {
      const d = day[r];
      if (d > asOfDay) continue;
      const k = category[r];
      const v = revenue[r];
      if (d >= windowStart) {
        catRevenue12m[c * m + k] += v;
        if (v < 0) returned12m[c * m + k] = 1;
      }
      if (v > 0) everBought[c * m + k] = 1;
      nets.open(d - base, c);
      nets.add(d - base, v);
    }
    for (let j = 0; j < nets.count; j++) {
      const d = nets.days[j];
      if (!(nets.net(d) > 0)) continue;
      purchases[c]++;
      if (d + base < firstDay[c]) firstDay[c] = d + base;
      if (d + base > lastDay[c]) lastDay[c] = d + base;
    }
  }

  const mix = new Float64Array(n * m);
  const breadth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let net = 0;
    let positive = 0;
    for (let k = 0; k < m; k++) {
      // A relationship whose returns net its purchases to nothing sums to float noise (1.4e-13),
      // which had made a customer who sent everything back an active, long-tail one.
      if (Math.abs(catRevenue12m[i * m + k]) < NOISE) catRevenue12m[i * m + k] = 0;
      const v = catRevenue12m[i * m + k];
      net += v;
      if (v > 0) {
        positive += v;
        breadth[i]++;
      }
    }
    revenue12m[i] = Math.abs(net) < NOISE ? 0 : net;
    if (positive > 0) for (let k = 0; k < m; k++) mix[i * m + k] = Math.max(0, catRevenue12m[i * m + k]) / positive;
    if (lastDay[i] >= firstDay[i]) {
      recencyDays[i] = asOfDay - lastDay[i];
      tenureDays[i] = asOfDay - firstDay[i];
    }
  }
  const windowDays = ds.hasDates ? Math.max(1, Math.min(WINDOW_DAYS, asOfDay - ds.firstDay + 1)) : WINDOW_DAYS;
  return { asOfDay, windowDays, dated: ds.hasDates, n, m, revenue12m, catRevenue12m, mix, breadth, everBought, returned12m, purchases, recencyDays, tenureDays };
}

/** Bought something (net positive) in the window. */
export const isActive = (f: Features, i: number): boolean => f.revenue12m[i] > 0;
