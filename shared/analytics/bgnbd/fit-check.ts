import type { Dataset } from '../../model/dataset';
import { HOLDOUT_LAST_GROUP, type BgNbdDegeneracyCheck, type BgNbdFitReport, type BgNbdHoldoutBucket, type BgNbdHoldoutCheck } from '../../model/bgnbd';
import { isoFromDay } from '../../format/dates';
import { BGNBD_LOG_BOUND, conditionalExpectedPurchases, pAlive, type BgNbdParams } from './model';
import { customerHistorySummaries, customerHistorySummary, DAYS_PER_WEEK, fitPopulation, pAliveOf, type CustomerHistorySummary, type PopulationFit } from './summary';
import { median } from '../sorted';

// The rules that call a fit degenerate, each a way P(alive) stops meaning anything:
/**
 * Fewer than 1 customer in 100 leaving in a year says customers practically never leave. The
 * dropout chance is per purchase, so it is turned into a year at the mean purchase rate r/alpha: a
 * weekly buyer with a 0.5% chance per purchase still loses a fifth of its customers a year, which
 * is a plausible B2B business, not a broken fit.
 */
export const MIN_ANNUAL_DROPOUT = 0.01;
const WEEKS_PER_YEAR = 365.25 / 7;

/** The share of customers at the mean purchase rate that the fit expects to leave within a year. */
export const annualDropout = (p: BgNbdParams): number => 1 - Math.pow(1 - p.a / (p.a + p.b), (WEEKS_PER_YEAR * p.r) / p.alpha);
/** "Long silent": quiet for more than this many of the customer's own mean intervals... */
export const SILENT_CYCLES = 3;
/** ...and for at least this many days, so a weekly buyer quiet for a month is not counted. */
export const SILENT_MIN_DAYS = 180;
/** If the median long-silent customer still looks this alive, the model cannot see anyone leave. */
export const SILENT_MAX_MEDIAN = 0.9;
/** Fewer long-silent customers than this and the median says nothing either way. */
export const SILENT_MIN_CUSTOMERS = 10;
/** A log-parameter this close to the search bound has run off rather than found an optimum (reported, see below). */
const BOUNDARY_MARGIN = 1;
/**
 * Ten customers for each of the four parameters, and ten repeat buyers for each of a and b: a
 * customer with no repeat purchase contributes (alpha/(alpha+T))^r alone, so the dropout pair is
 * learned from repeat buyers only. Below either, the optimiser fits the handful it has exactly
 * (one customer had read r 2.9e6 and a P(alive) of 1e-38 on the day of its last order).
 */
export const MIN_FIT_CUSTOMERS = 40;
export const MIN_FIT_REPEAT_BUYERS = 20;

/** The reason a population is too small for its fit to be used, or null when it is large enough. */
export function tooFewToFit(customers: number, repeatBuyers: number): string | null {
  if (customers >= MIN_FIT_CUSTOMERS && repeatBuyers >= MIN_FIT_REPEAT_BUYERS) return null;
  return `too few customers to fit: ${customers} (${repeatBuyers} bought more than once); four parameters need at least ${MIN_FIT_CUSTOMERS} customers and ${MIN_FIT_REPEAT_BUYERS} repeat buyers`;
}

/** The holdout is the last third of the observed period, as long as both parts stay usable. */
export const HOLDOUT_SHARE = 1 / 3;
const MIN_HOLDOUT_DAYS = 28;
const MIN_CALIBRATION_DAYS = 56;
/** Calibration-frequency buckets 0..6 and 7+, as in Fader, Hardie & Lee (2005) Fig. 3. */
const LAST_BUCKET = HOLDOUT_LAST_GROUP;

/**
 * Whether the fitted model can tell a customer that left from one that is merely between orders.
 * Each rule is checked on the fit itself and on the customers it scores.
 */
export function degeneracyOf(params: BgNbdParams, converged: boolean, s: CustomerHistorySummary): { check: BgNbdDegeneracyCheck; reasons: string[] } {
  const dropoutMean = params.a / (params.a + params.b);
  const silent: number[] = [];
  for (let c = 0; c < s.bought.length; c++) {
    if (!s.bought[c] || s.x[c] < 1) continue;
    // In whole days and integers, so a silence of exactly three intervals or 180 days is not
    // decided by the last bit of a division by 7.
    const silenceDays = Math.round((s.T[c] - s.tx[c]) * DAYS_PER_WEEK);
    const spanDays = Math.round(s.tx[c] * DAYS_PER_WEEK);
    if (silenceDays * s.x[c] > SILENT_CYCLES * spanDays && silenceDays >= SILENT_MIN_DAYS) {
      silent.push(pAlive(params, s.x[c], s.tx[c], s.T[c]));
    }
  }
  const silentMedianPAlive = silent.length >= SILENT_MIN_CUSTOMERS ? median(silent) : null;
  const logs = [params.r, params.alpha, params.a, params.b].map(Math.log);
  const atBoundary = !converged || logs.some((v) => Math.abs(v) >= BGNBD_LOG_BOUND - BOUNDARY_MARGIN);
  const reasons: string[] = [];
  const perYear = annualDropout(params);
  if (perYear < MIN_ANNUAL_DROPOUT) {
    reasons.push(
      `the fit expects ${(perYear * 100).toPrecision(2)}% of customers to leave in a year (a/(a+b) = ${(dropoutMean * 100).toPrecision(2)}% per purchase at ${((WEEKS_PER_YEAR * params.r) / params.alpha).toFixed(1)} purchases a year): it says customers practically never leave`,
    );
  }
  if (silentMedianPAlive !== null && silentMedianPAlive > SILENT_MAX_MEDIAN) {
    reasons.push(
      `${silent.length} customers silent for more than ${SILENT_CYCLES}x their own interval and ${SILENT_MIN_DAYS}+ days still have a median P(alive) of ${(silentMedianPAlive * 100).toFixed(0)}%`,
    );
  }
  // An edge alone is not a verdict: r and alpha running off together is the Poisson limit (every
  // customer buys at the same rate), a and b together a dropout chance everyone shares; P(alive)
  // still means something there. An edge that drives the dropout chance to nothing is caught by the
  // annual rule, and long-silent customers read alive by the silence rule. A fit on too few
  // customers, which runs off anywhere, is caught before this (tooFewToFit).
  if (!converged) reasons.push('the optimiser stopped without converging, so the parameters are not a maximum of the likelihood');
  return { check: { dropoutMean, annualDropout: perYear, silentCustomers: silent.length, silentMedianPAlive, atBoundary }, reasons };
}

/**
 * The conditional-expectation check: fit on the customers and purchases up to the calibration end,
 * then compare the repeat purchases the fit expects each of them to make in the holdout with what
 * they really made, in total and by calibration frequency. Customers first seen in the holdout are
 * not in the cohort (the model knows nothing of them). Null when no calibration customer repeated.
 * `groupOut`, when given, receives each customer's bucket (-1 outside the cohort), so the customers
 * behind a bucket can be listed. `endSummary`, when given, is the summary as of the holdout end
 * already made (the p-alive stage's own, when the holdout ends on its as-of day).
 */
export function holdoutCheck(
  ds: Dataset,
  calibrationEndDay: number,
  holdoutEndDay: number,
  groupOut?: Int8Array,
  endSummary?: CustomerHistorySummary,
  calibrationSummary?: CustomerHistorySummary,
): BgNbdHoldoutCheck | null {
  const calibration = fitPopulation(calibrationSummary ?? customerHistorySummary(ds, calibrationEndDay));
  if (!calibration) return null;
  const end = endSummary ?? customerHistorySummary(ds, holdoutEndDay);
  const weeks = (holdoutEndDay - calibrationEndDay) / DAYS_PER_WEEK;
  const { params } = calibration.fit;
  const s = calibration.summary;
  const buckets: BgNbdHoldoutBucket[] = Array.from({ length: LAST_BUCKET + 1 }, (_, i) => ({
    label: i === LAST_BUCKET ? `${LAST_BUCKET}+` : String(i),
    customers: 0,
    actual: 0,
    predicted: 0,
  }));
  // Many customers share a history (x, t_x, T); the hypergeometric series is summed once for each.
  const expected = new Map<number | string, number>();
  for (const c of calibration.buyers) {
    const key = historyKey(s.x[c], s.tx[c], s.T[c]);
    let e = expected.get(key);
    if (e === undefined) {
      e = conditionalExpectedPurchases(params, weeks, s.x[c], s.tx[c], s.T[c]);
      expected.set(key, e);
    }
    const group = Math.min(s.x[c], LAST_BUCKET);
    if (groupOut) groupOut[c] = group;
    const bucket = buckets[group];
    bucket.customers++;
    // Purchase days are counted the same way up to either day, so the difference is the holdout's.
    bucket.actual += end.x[c] - s.x[c];
    bucket.predicted += e;
  }
  const actual = buckets.reduce((t, b) => t + b.actual, 0);
  const predicted = buckets.reduce((t, b) => t + b.predicted, 0);
  return {
    calibrationEnd: isoFromDay(calibrationEndDay),
    holdoutEnd: isoFromDay(holdoutEndDay),
    holdoutWeeks: weeks,
    customers: calibration.buyers.length,
    params: { ...params },
    logLikelihood: calibration.fit.logLikelihood,
    actual,
    predicted,
    error: actual > 0 ? predicted / actual - 1 : null,
    buckets: buckets.filter((b) => b.customers > 0),
  };
}

/**
 * One key per history. A summary's x counts days and its t_x and T are whole days in weeks, so the
 * three fit one number (no text for each of 140k customers); any other history is keyed as text.
 */
function historyKey(x: number, tx: number, T: number): number | string {
  const txDays = Math.round(tx * DAYS_PER_WEEK);
  const TDays = Math.round(T * DAYS_PER_WEEK);
  const whole = Number.isInteger(x) && x >= 0 && x < 2 ** 20 && txDays >= 0 && txDays < 2 ** 16 && TDays >= 0 && TDays < 2 ** 16;
  if (whole && txDays / DAYS_PER_WEEK === tx && TDays / DAYS_PER_WEEK === T) return (x * 2 ** 16 + txDays) * 2 ** 16 + TDays;
  return `${x}|${tx}|${T}`;
}

/** The calibration end for a run: the last third of the observed period held back, or null when too short. */
export function calibrationEndFor(firstDay: number, asOfDay: number): number | null {
  const span = asOfDay - firstDay + 1;
  const holdout = Math.round(span * HOLDOUT_SHARE);
  if (holdout < MIN_HOLDOUT_DAYS || span - holdout < MIN_CALIBRATION_DAYS) return null;
  return asOfDay - holdout;
}

/**
 * holdoutGroup: each customer's bucket of the holdout check (its calibration repeat purchases, 7 for
 * 7 or more; -1 outside the check's cohort); null without a holdout check.
 */
export type PAliveStage = { pAlive: Float64Array; fit: BgNbdFitReport | null; holdoutGroup: Int8Array | null };

/**
 * The p-alive stage: P(alive) per customer and the report on the fit behind it. The gate (growth
 * skipping customers with a low P(alive)) is applied only when the fit is healthy.
 */
export function pAliveStage(ds: Dataset, asOfDay: number): PAliveStage {
  const calibrationEnd = calibrationEndFor(ds.firstDay, asOfDay);
  // Both summaries the stage may need, in one pass over the transactions.
  const [atAsOf, atCalibrationEnd] = customerHistorySummaries(ds, calibrationEnd === null ? [asOfDay] : [asOfDay, calibrationEnd]);
  const population: PopulationFit | null = fitPopulation(atAsOf);
  if (!population) return { pAlive: pAliveOf(null, ds.customers.length), fit: null, holdoutGroup: null };
  const { fit, summary } = population;
  let repeatBuyers = 0;
  for (const c of population.buyers) if (summary.x[c] > 0) repeatBuyers++;
  const tooFew = tooFewToFit(population.buyers.length, repeatBuyers);
  const judged = degeneracyOf(fit.params, fit.converged, summary);
  const { check: degeneracy } = judged;
  // The fit is still shown, but a P(alive) from it would be the optimiser's accident, not a
  // reading: blank, as for a customer the model knows nothing of.
  const reasons = tooFew ? [tooFew] : judged.reasons;
  const pAlive = pAliveOf(tooFew ? null : population, ds.customers.length);
  const group = new Int8Array(ds.customers.length).fill(-1);
  const check = calibrationEnd === null || tooFew ? null : holdoutCheck(ds, calibrationEnd, asOfDay, group, summary, atCalibrationEnd);
  const holdout = check && { ...check, groupsKept: true };
  const holdoutNote = tooFew
    ? 'Too few customers to fit, so there is no fit to check against the holdout.'
    : calibrationEnd === null
      ? `The data spans too few days before the as-of date to hold the last third back (at least ${MIN_CALIBRATION_DAYS + MIN_HOLDOUT_DAYS} days are needed).`
      : holdout === null
        ? 'No customer bought twice in the calibration period, so there is no fit to check against the holdout.'
        : null;
  return {
    pAlive,
    holdoutGroup: holdout ? group : null,
    fit: {
      params: { ...fit.params },
      logLikelihood: fit.logLikelihood,
      customers: population.buyers.length,
      fittedCustomers: population.fittedCustomers,
      repeatBuyers,
      converged: fit.converged,
      verdict: reasons.length ? 'degenerate' : 'healthy',
      reasons,
      degeneracy,
      gateApplied: reasons.length === 0,
      holdout,
      holdoutNote,
    },
  };
}
