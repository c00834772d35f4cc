import type { BgNbdFitReport, BgNbdParameters } from '../model/bgnbd';
import { formatCount, formatCounted, formatShare } from './numbers';

// One wording of the BG/NBD fit for the terminal, the report and the screen, so they never disagree.

const sig = (v: number): string => (Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : v.toPrecision(3));

export const describeParams = (p: BgNbdParameters): string => `r ${sig(p.r)}, alpha ${sig(p.alpha)}, a ${sig(p.a)}, b ${sig(p.b)}`;

/**
 * How far the holdout prediction was from what happened, in words ("the model 17% low"): a bare
 * "+24%" after "they made 2,063" read as if they had made more.
 */
export const describeHoldoutError = (error: number | null): string => {
  if (error === null) return 'nothing to compare it with';
  const off = formatShare(Math.abs(error), 0);
  if (off === formatShare(0, 0)) return 'the model within 1%';
  return `the model ${off} ${error > 0 ? 'high' : 'low'}`;
};

/** The fit in one line. */
export const describeFit = (f: BgNbdFitReport): string =>
  `${describeParams(f.params)}; log-likelihood ${f.logLikelihood.toFixed(1)} on ${formatCounted(f.fittedCustomers, 'customer')}` +
  (f.fittedCustomers < f.customers ? ` (an even spread of the ${formatCount(f.customers)} that bought)` : '');

/** The holdout check in one line, or why there is none. */
export const describeHoldout = (f: BgNbdFitReport): string => {
  const h = f.holdout;
  if (!h) return f.holdoutNote ?? 'No holdout check.';
  return (
    `fitted to ${h.calibrationEnd}, the model expected ${formatCount(Math.round(h.predicted))} repeat purchases from its ${formatCounted(h.customers, 'customer')} ` +
    `in the ${h.holdoutWeeks.toFixed(0)} weeks to ${h.holdoutEnd}; they made ${formatCount(h.actual)} (${describeHoldoutError(h.error)})`
  );
};

/**
 * A holdout forecast this far off in total: the fit still sees customers leave, but its levels are
 * off. On CDNOW, where BG/NBD is at home, the miss is 2%; on the grocery panel 24%.
 */
export const ROUGH_HOLDOUT_ERROR = 0.15;

/** Whether a healthy fit's holdout forecast missed by ROUGH_HOLDOUT_ERROR or more. */
export const roughHoldout = (f: BgNbdFitReport): boolean => f.verdict === 'healthy' && Math.abs(f.holdout?.error ?? 0) >= ROUGH_HOLDOUT_ERROR;

/** The verdict in plain words: what the numbers can and cannot be used for. */
export const describeVerdict = (f: BgNbdFitReport): string => {
  // Too few customers is no fit at all, not a fit gone wrong: nothing is shown, rather than a P(alive) read "for reference".
  if (f.verdict !== 'healthy' && f.reasons.some((r) => r.startsWith('too few customers to fit'))) return `Not used: ${f.reasons.join('; ')}. P(alive) is left blank, and nothing is gated on it.`;
  if (f.verdict !== 'healthy') return `Degenerate: ${f.reasons.join('; ')}. P(alive) cannot tell a customer who left from one between orders here, so nothing is gated on it.`;
  const healthy = 'Healthy: the fit sees customers leave, so growth skips customers whose P(alive) is below the setting.';
  if (!roughHoldout(f)) return healthy;
  const error = f.holdout?.error ?? 0;
  const likelier = error > 0 ? 'likelier' : 'less likely';
  return `${healthy} But its holdout forecast was ${formatShare(Math.abs(error), 0)} ${error > 0 ? 'high' : 'low'}: it reads customers as ${likelier} to buy again than they were, so take P(alive) as an order of customers more than as a chance.`;
};

/** Terminal lines for `longtail analyze`. */
export const describeBgNbdLines = (f: BgNbdFitReport | null | undefined): string[] =>
  f
    ? [
        `Probability alive (BG/NBD): ${describeFit(f)}`,
        `  Holdout check: ${describeHoldout(f)}`,
        `  ${describeVerdict(f)}`,
      ]
    : [];
