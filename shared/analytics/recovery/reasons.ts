import { formatMoney, formatShare, roundForReason } from '../../format/numbers';
import { isoFromDay } from '../../format/dates';
import { PURCHASE_UNITS } from '../../format/currency';
import { runWindowOf, type RecoveryModel } from './model';
import { memo } from '../memo';
import type { CustomerVerdict, Verdict } from './judge';
import { seasonLabel } from './season';

// Reasons a rep can read aloud: what the customer usually does, what it did instead, what it is worth.

const days = (x: number): string => {
  const d = Math.round(x);
  return `${d} day${d === 1 ? '' : 's'}`;
};

const rhythmWords = (cycle: number): string => (cycle >= 56 ? `about every ${Math.round(cycle / 7)} weeks` : `about every ${days(cycle)}`);

/**
 * Formatting through Intl costs microseconds a call, too much for thousands of reasons on every
 * slider move; reasons round money to two significant digits and shares to whole percents, so a
 * few hundred distinct strings cover a whole run and are formatted once each.
 */
/** `spends`: the verb for what a unit's money is, 'buys' where amounts are counts of purchases (units). */
export type ReasonFormat = { cash: (x: number) => string; share: (x: number) => string; iso: (day: number) => string; spends?: string };


export function reasonFormat(currency: string): ReasonFormat {
  const money = memo((rounded: number) => formatMoney(rounded, currency));
  const percent = memo((whole: number) => formatShare(whole / 100, 0));
  return { cash: (x) => money(roundForReason(x)), share: (x) => percent(Math.round(x * 100)), iso: memo(isoFromDay), spends: currency === PURCHASE_UNITS ? 'buys' : 'spends' };
}

/**
 * The money at risk in words: the 12 months' spend when that is the run-rate, or the run-rate with
 * the spend and the days it is counted over, so a rep can redo the sum. The days are not first to
 * last order: "about $57,000 a year ($49,000 in the 270 days from its first order to its last)" made
 * $66,000, the rate being counted over 313.
 */
function runWords(m: RecoveryModel, r: number, f: ReasonFormat, upTo: string): string {
  const rate = m.runRate[r];
  const spent = m.priorSpend[r];
  if (Math.abs(rate - spent) <= 0.01 * Math.max(1, spent)) return `${f.cash(spent)} in the 12 months up to ${upTo}`;
  // "While it bought": the pace over its own span, which the model's usual spend (over the whole
  // prior window, quoted beside it when the model prices the flag) can be well under.
  return `about ${f.cash(rate)} a year at its pace while it bought (${f.cash(spent)} over ${days((spent * YEAR) / rate)}: ${runSpanWords(m, r)})`;
}

/**
 * Why a run-rate's days run past the relationship's first and last orders, mirroring the windows
 * model.ts reads the rate over (runRateOf, then capRunRates): a first order stocks the customer for a
 * gap before it, a short run is not scaled up, and a category is not counted from before the
 * customer was one.
 */
function runSpanWords(m: RecoveryModel, r: number): string {
  const last = m.last[r];
  const cycle = m.cycle[r];
  const own = last - Math.max(last - YEAR, m.first[r] - cycle);
  const shortest = runWindowOf(cycle);
  const c = m.customer[r];
  let customerFirst = Number.POSITIVE_INFINITY;
  for (let q = m.customerStart[c]; q < m.customerStart[c + 1]; q++) if (m.purchases[q] > 0) customerFirst = Math.min(customerFirst, m.first[q]);
  const customerCycle = Number.isFinite(m.customerCycle[c]) ? m.customerCycle[c] : 0;
  // runWindowOf(0) is the quarter no run-rate is read from less than.
  const sinceCustomer = Math.min(YEAR, Math.max(runWindowOf(0), last - (customerFirst - customerCycle)));
  if (sinceCustomer > Math.min(YEAR, Math.max(own, shortest))) return 'from its first order with you, less one of its usual gaps, to its last in this category';
  if (own >= shortest) return 'from its first order in this category, less one of its usual gaps (that order stocked it for one), to its last';
  return shortest > runWindowOf(0) ? 'four of its usual gaps, the shortest run a yearly pace is read from' : 'a quarter, the shortest run a yearly pace is read from';
}

const YEAR = 365;

/**
 * What the relationship ran at before the slide. Where the months before it are fewer than its
 * run-rate window (four usual cycles, a quarter at least), the yearly figure is that window's, not
 * the short run's scaled up; said as such, since "£430 a year before the slide" beside a usual
 * rate of £632 had read as a second, contradicting rate.
 */
function beforeSlide(m: RecoveryModel, r: number, v: Verdict, cash: (x: number) => string): string {
  const rate = m.baselineRate[r];
  if (v.seasonal || !(rate > 0) || !(v.atRisk < rate * 0.995)) return `${cash(v.atRisk)} a year before the slide`;
  const window = runWindowOf(m.cycle[r]);
  const spend = (v.atRisk * window) / YEAR;
  const span = (spend * YEAR) / rate;
  return `${cash(spend)} in the ${days(span)} before the slide, ${cash(v.atRisk)} a year counted over ${days(window)} (four of its cycles at least: a short run is not scaled up)`;
}

export function reasonFor(m: RecoveryModel, r: number, v: Verdict, customer: CustomerVerdict, f: ReasonFormat): string {
  const category = m.categories[m.category[r]];
  const cash = f.cash;
  switch (v.signal) {
    case 'lapsed-all': {
      // With one category in the data the relationship is the customer: no category to name.
      const single = m.categories.length === 1;
      return (
        `No order${single ? '' : ' in any category'} for ${days(customer.silence)}; it ordered ${rhythmWords(customer.cycle)}, so about ${Math.round(customer.expectedOrders)} orders are missing; ` +
        `${single ? 'it spent' : `bought ${category} for`} ${cash(m.runRate[r])} a year before stopping`
      );
    }
    case 'late': {
      const cycles = (v.gap / v.cycle).toFixed(1);
      if (v.seasonal) {
        return (
          `Buys ${category} in season (${seasonLabel(m.seasonMask[r])}), ${rhythmWords(v.cycle)} then; ` +
          `${days(v.gap)} of season without an order (${cycles} cycles); ${runWords(m, r, f, 'the last order')}`
        );
      }
      return (
        `Orders ${category} ${rhythmWords(v.cycle)}; last order ${days(v.gap)} ago (${cycles} cycles); ` +
        runWords(m, r, f, 'it')
      );
    }
    case 'declining': {
      const against = v.seasonal ? 'the same months a year earlier' : 'its usual rate';
      return `${category} spend down to ${f.share(v.ratio)} of ${against} over the last ${days(m.trailingDays[r])}; ${beforeSlide(m, r, v, cash)}`;
    }
    default:
      return '';
  }
}
