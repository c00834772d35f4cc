import type { Dataset } from '../../model/dataset';
import { int32Of } from '../typed';

/**
 * Day-level history of every unit the risk model judges: a customer (all categories merged) or a
 * customer x category relationship. Compressed rows: unit u's days are day[start[u]..start[u+1]),
 * ascending, one entry per day with what the unit bought on it. The whole data span is kept, so the
 * same series serves any cut: features read days up to the cut, outcomes the days after it.
 *
 * Purchases only: a line with a negative amount (a return, a cancellation, a credit) is left out,
 * and a day of such lines alone is not an entry. One exception: credit lines on a day the unit also
 * bought on are netted against that day's purchases (a customer's across its categories, a
 * relationship's within it), and a day they cancel (net zero or below) is no entry. An order voided the day it was placed was never a purchase: Online Retail's largest
 * customer line (80,995 units, 168,470, cancelled within the hour) read as a burst and topped the
 * recovery list with a customer whose year netted to 3. A return is dated when the goods came back, not
 * when they were bought: netted on its own day it read as a slide in the horizon that was none, or
 * as a low prior rate, and through the product Online Retail's credits (5% of its sales) had moved
 * stated money from 1.14x to 1.36x the loss that followed as of 2011-05-31, and from 0.86x to 0.77x
 * on Online Retail II; read as purchases the product gives the figures of the same data cleaned as
 * issue 9 reads it (quantity and price above zero). A unit with credit lines alone is still a unit,
 * with no days.
 */
export type UnitSeries = {
  level: 'customer' | 'relationship';
  count: number;
  customer: Int32Array;
  /** -1 at customer level. */
  category: Int32Array;
  start: Int32Array;
  day: Int32Array;
  value: Float64Array;
};

/** Which customer and category each unit of a level is: a series without its days and spend. */
export type Units = Pick<UnitSeries, 'level' | 'count' | 'customer' | 'category'>;

/** A credit line: what the series leave out (see UnitSeries). */
export const isCredit = (revenue: number): boolean => revenue < 0;

/**
 * A sum of lines (`size`: the sum of their sizes, whatever their sign) with the rounding residue of
 * lines that cancel taken as the zero it is: three lines of 3.60 against a credit of 10.80 sum to
 * just below zero, one line against three credits to just above, a warehouse's sum of the same sales
 * to zero; which side it fell on had made a customer a repeat buyer or not, or left one that sent
 * everything back "£0.000000 at risk".
 */
export const settled = (net: number, size: number): number => (Math.abs(net) <= 1e-9 * size ? 0 : net);

/**
 * What one unit bought on one day, rows from..to-1 of `revenue` (one customer, category and day):
 * its purchases net of that day's credits, or NaN when it is no entry (credit lines alone, or
 * credits that cancel the day's purchases). With no credit the value is the purchases summed in row
 * order, as before netting.
 */
export function dayPurchase(revenue: Float64Array, from: number, to: number): number {
  let bought = false;
  let value = 0;
  let credits = 0;
  for (let j = from; j < to; j++) {
    if (isCredit(revenue[j])) credits += revenue[j];
    else {
      value += revenue[j];
      bought = true;
    }
  }
  if (!bought) return Number.NaN;
  if (credits === 0) return value;
  const net = settled(value + credits, value - credits);
  return net > 0 ? net : Number.NaN;
}

/**
 * One customer's days at a time, purchases and credits summed apart so a day's credits can net its
 * purchases (UnitSeries): typed arrays indexed by day since `base`, stamped with the customer that
 * last opened the day, so nothing is cleared between customers.
 */
export class DayNets {
  readonly value: Float64Array;
  readonly credit: Float64Array;
  private readonly bought: Uint8Array;
  private readonly owner: Int32Array;
  /** The days opened for the current customer, in the order they were opened. */
  readonly days: Int32Array;
  count = 0;

  constructor(span: number) {
    this.value = new Float64Array(span);
    this.credit = new Float64Array(span);
    this.bought = new Uint8Array(span);
    this.owner = new Int32Array(span).fill(-1);
    this.days = new Int32Array(span);
  }

  /** Starts another customer (or the same customers again: every stamp is cleared). */
  restart(again = false): void {
    this.count = 0;
    if (again) this.owner.fill(-1);
  }

  isOpen(d: number, c: number): boolean {
    return this.owner[d] === c;
  }

  /** Day d of customer c, emptied when c opens it first. */
  open(d: number, c: number): void {
    if (this.owner[d] === c) return;
    this.owner[d] = c;
    this.value[d] = 0;
    this.credit[d] = 0;
    this.bought[d] = 0;
    this.days[this.count++] = d;
  }

  /** A line on an open day: purchases add in line order (the same sums as before netting, to the bit). */
  add(d: number, revenue: number): void {
    if (isCredit(revenue)) this.credit[d] += revenue;
    else {
      this.value[d] += revenue;
      this.bought[d] = 1;
    }
  }

  /** The day's purchases net of its credits, or NaN when it is no entry (credits alone, or credits that cancel it). */
  net(d: number): number {
    if (this.bought[d] !== 1) return Number.NaN;
    if (this.credit[d] === 0) return this.value[d];
    const net = settled(this.value[d] + this.credit[d], this.value[d] - this.credit[d]);
    return net > 0 ? net : Number.NaN;
  }
}

/**
 * Relationship series: the transactions are already sorted by customer, category, day. When no
 * relationship bought twice on a day (every row its own entry) and no row is a credit, the series
 * is the transactions themselves, so it shares their day and revenue columns instead of copying
 * them (12 bytes a row: 240 MB at 20M rows). A -0 revenue would become +0 when summed into a fresh
 * entry, so a column holding one is copied, to keep every value exactly what the summing gives. A
 * copy's days and values are made in `memory`.
 */
export function relationshipSeries(ds: Dataset, memory: SeriesMemory = ownMemory): UnitSeries {
  const { customer, category, day, revenue } = ds.tx;
  const n = customer.length;
  const newUnit = (i: number): boolean => i === 0 || customer[i] !== customer[i - 1] || category[i] !== category[i - 1];
  // Rows i..end-1: one unit's day.
  const dayEnd = (i: number): number => {
    let end = i + 1;
    while (end < n && day[end] === day[i] && !newUnit(end)) end++;
    return end;
  };
  let units = 0;
  let entries = 0;
  let copies = false;
  for (let i = 0; i < n; ) {
    if (newUnit(i)) units++;
    const end = dayEnd(i);
    if (end - i > 1) copies = true;
    for (let j = i; j < end; j++) {
      if (isCredit(revenue[j])) copies = true;
      if (revenue[j] === 0 && 1 / revenue[j] < 0) copies = true;
    }
    if (!Number.isNaN(dayPurchase(revenue, i, end))) entries++;
    i = end;
  }
  const out: UnitSeries = {
    level: 'relationship',
    count: units,
    customer: new Int32Array(units),
    category: new Int32Array(units),
    start: new Int32Array(units + 1),
    day: copies ? memory.int32(entries) : day,
    value: copies ? memory.float64(entries) : revenue,
  };
  let u = -1;
  let e = 0;
  for (let i = 0; i < n; ) {
    if (newUnit(i)) {
      u++;
      out.customer[u] = customer[i];
      out.category[u] = category[i];
      out.start[u] = e;
    }
    const end = dayEnd(i);
    if (copies) {
      const value = dayPurchase(revenue, i, end);
      if (!Number.isNaN(value)) {
        out.day[e] = day[i];
        out.value[e++] = value;
      }
    } else e++;
    i = end;
  }
  out.start[units] = entries;
  return out;
}

/** Where a series' columns are made: a thread's own memory, or memory it shares with another thread. */
export type SeriesMemory = { int32: (length: number) => Int32Array; float64: (length: number) => Float64Array };
const ownMemory: SeriesMemory = { int32: (length) => new Int32Array(length), float64: (length) => new Float64Array(length) };

/**
 * Customer series: one customer's rows are sorted by category first, so its days are gathered into
 * a day-indexed scratch array stamped with the customer (no per-customer Map or sort). A first pass
 * counts the entries, so the series is written once into arrays of its own size (a buffer of one
 * entry per row, copied down after, held 24 bytes a row at the peak: 480 MB at 20M rows). Its days
 * are made in `memory`: two threads that both need the series make it once in shared memory.
 */
export function customerSeries(ds: Dataset, memory: SeriesMemory = ownMemory): UnitSeries {
  const { customer, day, revenue } = ds.tx;
  const n = customer.length;
  const customers = ds.customers.length;
  const base = ds.firstDay;
  // Credits net across categories: a price corrected by a credit line of its own is one customer's day.
  const nets = new DayNets(Math.max(1, ds.lastDay - base + 1));
  const startOf = memory.int32(customers + 1);
  const rowsOf = new Int32Array(customers + 1);
  for (let i = 0, c = 0; c < customers; c++) {
    rowsOf[c] = i;
    while (i < n && customer[i] === c) i++;
    rowsOf[c + 1] = i;
  }
  const gather = (c: number): void => {
    nets.restart();
    for (let r = rowsOf[c]; r < rowsOf[c + 1]; r++) {
      const d = day[r] - base;
      nets.open(d, c);
      nets.add(d, revenue[r]);
    }
  };
  let entries = 0;
  for (let c = 0; c < customers; c++) {
    gather(c);
    for (let k = 0; k < nets.count; k++) if (!Number.isNaN(nets.net(nets.days[k]))) entries++;
  }
  nets.restart(true);
  // Typed buffers and a numeric typed sort: a comparator sort per customer and growing JS arrays
  // cost about 2 s at 5M rows.
  const days = memory.int32(entries);
  const values = memory.float64(entries);
  let e = 0;
  for (let c = 0; c < customers; c++) {
    startOf[c] = e;
    gather(c);
    const sorted = nets.days.subarray(0, nets.count).sort();
    for (let k = 0; k < sorted.length; k++) {
      const value = nets.net(sorted[k]);
      if (Number.isNaN(value)) continue;
      days[e] = sorted[k] + base;
      values[e] = value;
      e++;
    }
  }
  startOf[customers] = entries;
  return {
    level: 'customer',
    count: customers,
    customer: int32Of(customers, (c) => c),
    category: new Int32Array(customers).fill(-1),
    start: startOf,
    day: days,
    value: values,
  };
}

/** Credit lines (as a positive sum) over purchases on days in (from, to]: what the series leave out, as a share of what they hold. */
export function creditShare(ds: Dataset, from: number, to: number): number {
  const { day, revenue } = ds.tx;
  let bought = 0;
  let credited = 0;
  for (let i = 0; i < day.length; i++) {
    if (day[i] <= from || day[i] > to) continue;
    if (isCredit(revenue[i])) credited -= revenue[i];
    else bought += revenue[i];
  }
  return bought > 0 ? credited / bought : 0;
}

/**
 * The series of `units` alone, their days and values copied in order: unit i here is units[i] of
 * `s`, with its customer and category. Learning describes a few thousand thinned units at each
 * training cut; in a series of their own their facts and outcomes take room for them alone, where
 * sized for every unit they took about 100 bytes a unit and cut (0.65 GB at 20M rows, written in
 * full by the fills).
 */
export function seriesOf(s: UnitSeries, units: ArrayLike<number>): UnitSeries {
  const k = units.length;
  const start = new Int32Array(k + 1);
  for (let i = 0; i < k; i++) start[i + 1] = start[i] + s.start[units[i] + 1] - s.start[units[i]];
  const out: UnitSeries = {
    level: s.level,
    count: k,
    customer: new Int32Array(k),
    category: new Int32Array(k),
    start,
    day: new Int32Array(start[k]),
    value: new Float64Array(start[k]),
  };
  for (let i = 0; i < k; i++) {
    const u = units[i];
    out.customer[i] = s.customer[u];
    out.category[i] = s.category[u];
    out.day.set(s.day.subarray(s.start[u], s.start[u + 1]), start[i]);
    out.value.set(s.value.subarray(s.start[u], s.start[u + 1]), start[i]);
  }
  return out;
}

/** Index of the first entry of unit u on a day after `cut` (binary search over its days). */
export function firstAfter(s: UnitSeries, u: number, cut: number): number {
  let lo = s.start[u];
  let hi = s.start[u + 1];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s.day[mid] <= cut) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What unit u bought on days in (from, to]. */
export function spendIn(s: UnitSeries, u: number, from: number, to: number): number {
  let total = 0;
  for (let e = firstAfter(s, u, from); e < s.start[u + 1] && s.day[e] <= to; e++) total += s.value[e];
  return total;
}
