import type { RecoverySettings } from '../../contract/settings';
import { emptyCustomerVerdict, emptyVerdict, judge, judgeCustomer, type RecoverySignal } from './judge';
import type { RecoveryModel } from './model';
import { reasonFor, reasonFormat } from './reasons';
import { seasonLabel } from './season';
import { flatString } from '../../format/flat-string';

export type RecoveryFlag = {
  customer: number;
  category: number;
  atRiskRevenue: number;
  /**
   * 0..1: how clear the signal is, never how much money it carries (facts.confidence). Money and
   * confidence are blended once, into the action's priority (../priority.ts).
   */
  confidence: number;
  reason: string;
  facts: Record<string, number | string | null>;
  signal: RecoverySignal;
};

const round1 = (x: number): number => (Number.isFinite(x) ? Math.round(x * 10) / 10 : x);
const money = (x: number): number => Math.round(x * 100) / 100;

/**
 * Flags every relationship showing early signs of defection under these settings. One pass over
 * the model's relationships: fast enough to run on every slider move. `words: false` leaves every
 * reason empty and keeps of the facts only what a decision reads (its value floor and folded
 * categories), for callers that only count and sum: the recovery curve's 19 points were most of a
 * 5M-row client's first Recovery visit, reasons and facts most of each point.
 */
export function evaluateRecovery(model: RecoveryModel, settings: RecoverySettings, words = true): RecoveryFlag[] {
  const flags: RecoveryFlag[] = [];
  const v = emptyVerdict();
  const cv = emptyCustomerVerdict();
  const format = reasonFormat(model.currency);
  for (let c = 0; c < model.customerCount; c++) {
    judgeCustomer(model, c, settings, cv);
    for (let r = model.customerStart[c]; r < model.customerStart[c + 1]; r++) {
      judge(model, r, settings, cv, v);
      if (v.signal === null) continue;
      const k = model.category[r];
      const confidence = Math.round(v.confidence * 1000) / 1000;
      flags.push({
        customer: c,
        category: k,
        atRiskRevenue: money(v.atRisk),
        confidence,
        reason: words ? flatString(reasonFor(model, r, v, cv, format)) : '',
        signal: v.signal,
        facts: words ? {
          purchases: model.purchases[r],
          lastOrder: format.iso(model.last[r]),
          daysSinceLast: model.gap[r],
          cycleDays: round1(v.cycle),
          spreadDays: round1(v.spread),
          allowedDays: v.signal === 'declining' ? null : round1(v.allowed),
          season: v.seasonal ? seasonLabel(model.seasonMask[r]) : null,
          runRate: money(model.runRate[r]),
          spend12m: money(model.spend12m[r]),
          spend12mToLast: money(model.priorSpend[r]),
          trailingRate: Number.isFinite(model.trailingRate[r]) ? money(model.trailingRate[r]) : null,
          baselineRate: Number.isFinite(v.baseline) ? money(v.baseline) : null,
          declineRatio: Number.isFinite(v.ratio) ? Math.round(v.ratio * 1000) / 1000 : null,
          confidence,
        } : { spend12m: money(model.spend12m[r]), spend12mToLast: money(model.priorSpend[r]) },
      });
    }
  }
  return flags;
}
