import type { RecoverySettings } from '../../contract/settings';
import type { RecoveryModel } from './model';

/*
 * The method, per customer x category relationship (same-day orders merged, returns netted):
 * - Rhythm: the usual cycle is the mean interval between orders and its swing their standard
 *   deviation. Late = the gap since the last order exceeds `lateness` cycles plus
 *   `volatilityAllowance` standard deviations: a 90-day buyer is not late after 60 days, and a
 *   bursty buyer whose pauses run to months gets room in proportion.
 * - Seasons: a category bought only in some months, seen over two seasons with a rhythm inside
 *   them, is judged on a season clock that counts in-season days only (season.ts): the off-season
 *   gap costs nothing, a missed season adds up. Its decline is judged against the same calendar
 *   window a year earlier.
 * - Decline: the spend rate over the recent orders (about four cycles, at least three orders)
 *   against the rate over the year before them, both measured order to order; flagged when below
 *   `declineThreshold` and more than two standard errors of the relationship's own order-to-order
 *   noise below it, so a slow or irregular buyer's two small orders are not a slide.
 * - Fewer than `minPurchases` orders: no rhythm, no action of its own.
 * - A customer that stopped everything (late on its own rhythm over all its order days, by the
 *   rules above, and every category with a rhythm overdue) gets an action in each category it
 *   bought in its last year, rhythm or not.
 * - Money at risk is the run-rate before the slide: the 12 months up to the last order for a
 *   silence, the baseline rate for a decline; never annualised from a burst (model.ts, runRateOf).
 */

export type RecoverySignal = 'late' | 'declining' | 'lapsed-all';

/** The verdict on one relationship, written into a reused object so a full pass allocates nothing. */
export type Verdict = {
  signal: RecoverySignal | null;
  atRisk: number;
  /** 0..1: how clear the signal is. */
  confidence: number;
  /** Judged on the season clock? */
  seasonal: boolean;
  /** Gap and allowance in the units judged (calendar or in-season days). */
  gap: number;
  allowed: number;
  cycle: number;
  spread: number;
  /** Declining: trailing / baseline. */
  ratio: number;
  baseline: number;
};

export const emptyVerdict = (): Verdict => ({ signal: null, atRisk: 0, confidence: 0, seasonal: false, gap: 0, allowed: 0, cycle: 0, spread: 0, ratio: Number.NaN, baseline: Number.NaN });

/** How many standard errors below the baseline a decline must be (about 2.5% by chance). */
const DECLINE_Z = 2;

/** A category the lapsed customer last bought more than this before its final order is history, not at risk. */
const LAPSED_LOOKBACK_DAYS = 365;

/**
 * Late = the gap exceeds `lateness` usual cycles plus `volatilityAllowance` standard deviations of
 * the intervals. Additive in days so a regular buyer (small spread) is held to about `lateness`
 * cycles while a buyer whose intervals swing widely gets room in proportion to that swing.
 */
export const allowedGap = (cycle: number, spread: number, s: RecoverySettings): number =>
  s.lateness * cycle + (s.volatility ? s.volatilityAllowance * spread : 0);

// Confidence of a late signal: 0.5 right at the allowance, approaching 1 as the gap grows past it,
// discounted when few orders back the rhythm.
const lateConfidence = (gap: number, allowed: number, orders: number): number =>
  (1 - 0.5 / Math.max(1, gap / allowed) ** 2) * (orders / (orders + 2));

/** Whether a customer stopped buying everything, and the numbers behind it. */
export type CustomerVerdict = {
  lapsed: boolean;
  silence: number;
  /** The customer's usual days between orders in any category, and the silence it allows. */
  cycle: number;
  allowed: number;
  expectedOrders: number;
  overdue: number;
  confidence: number;
};

export const emptyCustomerVerdict = (): CustomerVerdict => ({ lapsed: false, silence: 0, cycle: Number.NaN, allowed: Number.NaN, expectedOrders: 0, overdue: 0, confidence: 0 });

/**
 * A customer has stopped buying everything when it is late by the same rules as one relationship,
 * applied to its orders in any category (a day with an order counts once, whatever it spanned):
 * at least `minPurchases` order days, and a silence past `lateness` usual cycles plus
 * `volatilityAllowance` standard deviations. Two orders a day apart are no rhythm, and a customer
 * that ordered daily for a week is not gone after a quiet fortnight unless that is its rhythm.
 * Merged order days alone would not do either: a customer with five categories bought every 100
 * days orders "every 20 days" merged, yet a 50-day silence says nothing about any of them. So every
 * category with a rhythm of its own must also be overdue (past one usual cycle plus one standard
 * deviation); one still on time vetoes.
 */
export function judgeCustomer(m: RecoveryModel, c: number, s: RecoverySettings, out: CustomerVerdict): CustomerVerdict {
  out.lapsed = false;
  out.expectedOrders = 0;
  out.overdue = 0;
  out.confidence = 0;
  out.silence = m.customerGap[c];
  out.cycle = m.customerCycle[c];
  const orders = m.customerOrders[c];
  out.allowed = orders >= 2 ? allowedGap(out.cycle, m.customerSpread[c], s) : Number.NaN;
  if (orders < s.minPurchases || !(out.silence > out.allowed)) return out;
  let waiting = 0;
  for (let r = m.customerStart[c]; r < m.customerStart[c + 1]; r++) {
    const n = m.purchases[r];
    if (n < 2) continue;
    if (s.seasonal && m.seasonMask[r] !== 0) {
      // Off-season silence proves nothing either way; a season missed counts as overdue.
      if (n >= s.minPurchases && m.seasonGap[r] > allowedGap(m.seasonCycle[r], m.seasonSpread[r], s)) out.overdue++;
      else if (n >= s.minPurchases) waiting++;
      continue;
    }
    if (!(m.gap[r] > m.cycle[r] + (s.volatility ? m.spread[r] : 0))) {
      if (n >= s.minPurchases) return out;
      continue;
    }
    out.overdue++;
  }
  // A customer buying only in its seasons, each waiting for the next, has a silence across the
  // off-season that its merged rhythm cannot read: nothing overdue, nothing lapsed.
  if (waiting > 0 && out.overdue === 0) return out;
  out.lapsed = true;
  out.expectedOrders = out.silence / out.cycle;
  out.confidence = lateConfidence(out.silence, out.allowed, orders);
  return out;
}

/** Judges relationship r; `lapsed` says whether its customer stopped buying everything. */
export function judge(m: RecoveryModel, r: number, s: RecoverySettings, customer: CustomerVerdict, v: Verdict): Verdict {
  v.signal = null;
  v.ratio = v.baseline = Number.NaN;
  const n = m.purchases[r];
  if (n === 0) return v;
  const seasonal = s.seasonal && m.seasonMask[r] !== 0;
  v.seasonal = seasonal;
  const rhythmic = n >= s.minPurchases;
  v.gap = seasonal ? m.seasonGap[r] : m.gap[r];
  v.cycle = seasonal ? m.seasonCycle[r] : m.cycle[r];
  v.spread = seasonal ? m.seasonSpread[r] : m.spread[r];
  v.allowed = rhythmic ? allowedGap(v.cycle, v.spread, s) : Number.NaN;
  const c = m.customer[r];
  const lateOnItsOwn = rhythmic && v.gap > v.allowed;
  // A seasonal category of a lapsed customer waits for its season unless already late on its own.
  if (customer.lapsed && m.last[r] >= m.customerLast[c] - LAPSED_LOOKBACK_DAYS && (!seasonal || lateOnItsOwn)) {
    v.signal = 'lapsed-all';
    v.atRisk = m.runRate[r];
    v.confidence = customer.confidence;
  } else if (lateOnItsOwn) {
    v.signal = 'late';
    v.atRisk = m.runRate[r];
    v.confidence = lateConfidence(v.gap, v.allowed, n);
  } else if (rhythmic) {
    const baseline = seasonal ? m.seasonBaselineRate[r] : m.baselineRate[r];
    const recent = seasonal ? m.seasonTrailingRate[r] : m.trailingRate[r];
    v.baseline = baseline;
    if (baseline > 0) {
      v.ratio = Math.max(0, recent) / baseline;
      // Below the threshold and beyond the relationship's own noise: a few small orders from a
      // slow or irregular buyer are not yet a slide.
      const noise = seasonal ? 0 : m.declineNoise[r];
      if (v.ratio < s.declineThreshold && (v.ratio === 0 || -Math.log(v.ratio) > DECLINE_Z * noise)) {
        v.signal = 'declining';
        v.atRisk = seasonal ? m.seasonBaselineRunRate[r] : m.baselineRunRate[r];
        v.confidence = (0.5 + 0.5 * (1 - v.ratio / s.declineThreshold)) * (n / (n + 2));
      }
    }
  }
  // A customer that stopped everything keeps its flags whatever their size, so the decision knows it
  // is gone (a win-back the smallest-relationship setting leaves off still gets no growth); the
  // decision holds them to the setting (decide.ts).
  if (v.signal !== null && !(v.atRisk > 0 && (v.signal === 'lapsed-all' || v.atRisk >= s.minRevenue))) v.signal = null;
  return v;
}
