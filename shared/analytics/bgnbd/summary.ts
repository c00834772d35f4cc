import type { Dataset } from '../../model/dataset';
import { fitBgNbd, pAlive, type BgNbdFit } from './model';
import { isCredit, settled } from '../risk/series';

export const DAYS_PER_WEEK = 7;
/** Customers the population parameters are fitted on, at most. */
const FIT_SAMPLE = 2500;

/** Bought on the day, and kept something of it where the day also had returns (dayPurchase's rule). */
const isPurchaseDay = (bought: number, credited: number, net: number, size: number): boolean => bought === 1 && (credited === 0 || settled(net, size) > 0);

/** Per customer index: repeat purchases x, t_x and T in weeks, and whether it bought at all by the as-of day. */
export type CustomerHistorySummary = { x: Float64Array; tx: Float64Array; T: Float64Array; bought: Uint8Array };

/**
 * The BG/NBD "customer-by-sufficient-statistic" summary as of a day (inclusive, like every window
 * in the analysis). A purchase is a day with a line bought: rows of the same day are one purchase
 * (as in the paper). A day of returns only is not a purchase, nor is a day whose returns cancel what
 * it bought (an order voided the day it was placed), as recovery reads days; a zero-value line with
 * no return beside it does count, as such lines do in the CDNOW data.
 */
export function customerHistorySummary(ds: Dataset, asOfDay: number): CustomerHistorySummary {
  return customerHistorySummaries(ds, [asOfDay])[0];
}

/**
 * The summary as of each of several days, in one pass over the transactions: a day's net revenue is
 * the same sum of the same rows whichever later day the summary is as of.
 */
export function customerHistorySummaries(ds: Dataset, asOfDays: readonly number[]): CustomerHistorySummary[] {
  const n = ds.customers.length;
  const targets = asOfDays.length;
  const first = Array.from(asOfDays, () => new Int32Array(n).fill(-1));
  const last = Array.from(asOfDays, () => new Int32Array(n));
  const days = Array.from(asOfDays, () => new Int32Array(n));
  const latest = Math.max(...asOfDays);
  const { customer, day, revenue } = ds.tx;
  // Transactions are sorted by customer then category then day, so one customer's days are not in
  // order across categories. Net revenue per day goes into a scratch array over the data's whole
  // date span, stamped with the customer so it never needs clearing: no sort and no Map per
  // customer (this ran once per analysis over a million rows). Sums keep the row order, so the
  // figures are the same to the bit.
  const base = ds.firstDay;
  const span = Math.max(1, ds.lastDay - base + 1);
  const sum = new Float64Array(span);
  // What the day's lines add up to whatever their sign: a day fully sent back nets to a rounding
  // residue of either sign, and is a day of net nothing, not of a credit, on whichever side it falls.
  const size = new Float64Array(span);
  const bought = new Uint8Array(span);
  const credited = new Uint8Array(span);
  const stamp = new Int32Array(span);
  const touched = new Int32Array(span);
  let start = 0;
  while (start < customer.length) {
    const c = customer[start];
    let end = start;
    let count = 0;
    while (end < customer.length && customer[end] === c) {
      const d = day[end];
      if (d <= latest) {
        const k = d - base;
        if (stamp[k] !== c + 1) {
          stamp[k] = c + 1;
          sum[k] = 0;
          size[k] = 0;
          bought[k] = 0;
          credited[k] = 0;
          touched[count++] = k;
        }
        sum[k] += revenue[end];
        size[k] += Math.abs(revenue[end]);
        if (isCredit(revenue[end])) credited[k] = 1;
        else bought[k] = 1;
      }
      end++;
    }
    for (let t = 0; t < targets; t++) {
      const upTo = asOfDays[t] - base;
      let lo = span;
      let hi = -1;
      let purchaseDays = 0;
      for (let i = 0; i < count; i++) {
        const k = touched[i];
        if (k > upTo || !isPurchaseDay(bought[k], credited[k], sum[k], size[k])) continue;
        purchaseDays++;
        if (k < lo) lo = k;
        if (k > hi) hi = k;
      }
      if (purchaseDays > 0) {
        first[t][c] = lo + base;
        last[t][c] = hi + base;
        days[t][c] = purchaseDays;
      }
    }
    start = end;
  }
  return asOfDays.map((asOfDay, t) => {
    const x = new Float64Array(n);
    const tx = new Float64Array(n);
    const T = new Float64Array(n);
    const bought = new Uint8Array(n);
    for (let c = 0; c < n; c++) {
      if (first[t][c] < 0) continue;
      bought[c] = 1;
      x[c] = days[t][c] - 1;
      tx[c] = (last[t][c] - first[t][c]) / DAYS_PER_WEEK;
      T[c] = (asOfDay - first[t][c]) / DAYS_PER_WEEK;
    }
    return { x, tx, T, bought };
  });
}

/** The population fit behind P(alive): which customers bought, and the parameters fitted on them. */
export type PopulationFit = { summary: CustomerHistorySummary; buyers: number[]; fittedCustomers: number; fit: BgNbdFit };

/**
 * BG/NBD fitted to the customers that bought by the summary's day; null when no one has a repeat
 * purchase, where the likelihood has no maximum (a and b run off) and the model says nothing.
 * Deterministic: the fit starts from a fixed point.
 */
export function fitPopulation(summary: CustomerHistorySummary): PopulationFit | null {
  const s = summary;
  const buyers: number[] = [];
  for (let c = 0; c < s.bought.length; c++) if (s.bought[c]) buyers.push(c);
  if (!buyers.some((c) => s.x[c] > 0)) return null;
  // Four population parameters are pinned down well by a few thousand customers; an even spread
  // of them (not a random draw) keeps the fit fast on large data and the same on every run.
  const sample = buyers.length <= FIT_SAMPLE ? buyers : Array.from({ length: FIT_SAMPLE }, (_, i) => buyers[Math.floor((i * buyers.length) / FIT_SAMPLE)]);
  const fit = fitBgNbd(
    sample.map((c) => s.x[c]),
    sample.map((c) => s.tx[c]),
    sample.map((c) => s.T[c]),
  );
  return { summary: s, buyers, fittedCustomers: sample.length, fit };
}

/** P(alive) per customer index at the fitted parameters; NaN for a customer with no purchase yet. */
export function pAliveOf(population: PopulationFit | null, n: number): Float64Array {
  const out = new Float64Array(n).fill(Number.NaN);
  if (!population) return out;
  const { summary: s, fit } = population;
  for (const c of population.buyers) out[c] = pAlive(fit.params, s.x[c], s.tx[c], s.T[c]);
  return out;
}

/**
 * Probability alive per customer index, from a BG/NBD model fitted to this data set as of the day
 * (in weeks). NaN for a customer with no purchase by then: the model says nothing about them.
 */
export function customerPAlive(ds: Dataset, asOfDay: number): Float64Array {
  return pAliveOf(fitPopulation(customerHistorySummary(ds, asOfDay)), ds.customers.length);
}
