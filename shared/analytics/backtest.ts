import type { AnalysisSettings, RecoverySettings } from '../contract/settings';
import { latenessGrid } from '../contract/settings-meta';
import type { Dataset } from '../model/dataset';
import type { BacktestPoint, BacktestResult } from '../model/results';
import { isoFromDay } from '../format/dates';
import { buildRecoveryModel, emptyCustomerVerdict, emptyVerdict, judge, judgeCustomer, type RecoveryModel } from './recovery/index';

/** Lateness values for the curve: the recovery slider's whole range, like the recovery curve. */
export const BACKTEST_LATENESS = latenessGrid();

/** What one relationship did after the as-of day. */
type Outcome = { orders: Int32Array; spend: Float64Array };

/** Orders (days with positive net revenue) and net spend per relationship in (asOfDay, asOfDay + horizon]. */
function outcomes(ds: Dataset, model: RecoveryModel, asOfDay: number, horizonDays: number): Outcome {
  const size = model.customer.length;
  const orders = new Int32Array(size);
  const spend = new Float64Array(size);
  const { customer, category, day, revenue } = ds.tx;
  const end = asOfDay + horizonDays;
  // The model has one slot per customer x category group of the transactions, in the same order.
  let r = -1;
  let lastDay = -1;
  let dayValue = 0;
  const closeDay = () => {
    if (r >= 0 && lastDay >= 0 && dayValue > 0) orders[r]++;
  };
  for (let i = 0; i < customer.length; i++) {
    if (i === 0 || customer[i] !== customer[i - 1] || category[i] !== category[i - 1]) {
      closeDay();
      r++;
      lastDay = -1;
      dayValue = 0;
    }
    const d = day[i];
    if (d <= asOfDay || d > end) continue;
    spend[r] += revenue[i];
    if (d !== lastDay) {
      closeDay();
      lastDay = d;
      dayValue = 0;
    }
    dayValue += revenue[i];
  }
  closeDay();
  return { orders, spend };
}

type Score = { flagged: number; truePositives: number; falseAlarms: number; missed: number };

/**
 * Scores one setting. A relationship is scored when it had a rhythm (at least `minPurchases`
 * orders) and a usual cycle of at most half the horizon, so "no order in the horizon" means
 * something; flags outside that set are not scored either way. A flag is a true positive when the
 * relationship had no order in the horizon or its annualised spend stayed below `declineThreshold`
 * of the flag's baseline, a false alarm when it came back; an unflagged relationship with no order
 * in the horizon is a miss.
 */
function score(model: RecoveryModel, s: RecoverySettings, out: Outcome, horizonDays: number): Score {
  const v = emptyVerdict();
  const cv = emptyCustomerVerdict();
  const result: Score = { flagged: 0, truePositives: 0, falseAlarms: 0, missed: 0 };
  for (let c = 0; c < model.customerCount; c++) {
    judgeCustomer(model, c, s, cv);
    for (let r = model.customerStart[c]; r < model.customerStart[c + 1]; r++) {
      if (model.purchases[r] < s.minPurchases || !(model.cycle[r] <= horizonDays / 2)) continue;
      judge(model, r, s, cv, v);
      const flagged = v.signal !== null;
      const lapsed = out.orders[r] === 0;
      if (flagged) {
        // A flag is right when the relationship lapsed or kept sliding below the threshold.
        const keptDeclining = (out.spend[r] * 365) / horizonDays < s.declineThreshold * v.atRisk;
        result.flagged++;
        if (lapsed || keptDeclining) result.truePositives++;
        else result.falseAlarms++;
      } else if (lapsed && model.gap[r] <= 365) {
        // Long-dead relationships are not misses: nothing was left to flag early.
        result.missed++;
      }
    }
  }
  return result;
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);

/**
 * Replays the recovery analysis as of an earlier day (only transactions up to it) and checks the
 * flags against what happened in the following `horizonDays`: precision and recall at the current
 * settings and over a range of lateness values, so thresholds can be tuned on the user's own data.
 */
export function backtest(ds: Dataset, settings: AnalysisSettings, asOfDay: number, horizonDays: number): BacktestResult {
  if (!(horizonDays >= 1)) throw new RangeError(`The backtest horizon must be at least one day, got ${horizonDays}`);
  const model = buildRecoveryModel(ds, asOfDay);
  const out = outcomes(ds, model, asOfDay, horizonDays);
  const now = score(model, settings.recovery, out, horizonDays);
  const curve: BacktestPoint[] = BACKTEST_LATENESS.map((lateness) => {
    const p = score(model, { ...settings.recovery, lateness }, out, horizonDays);
    return { lateness, flagged: p.flagged, precision: ratio(p.truePositives, p.flagged), recall: ratio(p.truePositives, p.truePositives + p.missed) };
  });
  return {
    asOf: isoFromDay(asOfDay),
    horizonDays,
    flagged: now.flagged,
    truePositives: now.truePositives,
    falseAlarms: now.falseAlarms,
    missed: now.missed,
    precision: ratio(now.truePositives, now.flagged),
    recall: ratio(now.truePositives, now.truePositives + now.missed),
    curve,
  };
}
