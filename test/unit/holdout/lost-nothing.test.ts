import { describe, expect, it } from 'vitest';
import { describeBacktest } from '../../../main/cli/commands/backtest';
import { lostAny, shiftedLossWarning, type BacktestReport, type Population } from '../../../shared/analytics/holdout';

const pop = (realisedLoss: number, expected = 5_000): Population => ({ units: 1, declined: 0, realisedLoss, declinedRevenue: 0, expected });

// One customer whose whole loss is what summing floats left over (the audit's one-customer Online Retail).
const residue = 1.13e-10;

describe('a backtest where nothing was really lost', () => {
  it('counts a loss under a cent, or under a millionth of the expected, as none', () => {
    expect(lostAny(pop(residue))).toBe(false);
    expect(lostAny(pop(0.004))).toBe(false);
    expect(lostAny(pop(0.5, 1e9))).toBe(false);
    expect(lostAny(pop(0.5))).toBe(true);
  });

  it('states no ratio of relationship to customer loss when customers lost only residue', () => {
    expect(shiftedLossWarning(pop(residue), pop(476))).toBe('');
    expect(shiftedLossWarning(pop(0), pop(476))).toBe('');
    expect(shiftedLossWarning(pop(400), pop(476))).toBe(
      "Relationships lost 19% more than customers did over the horizon: spend that moved from one category to another is a loss in one relationship but none for its customer. Money stated per relationship is its share of its customer's, so at relationship level it reads low.",
    );
    expect(shiftedLossWarning(pop(450), pop(476))).toBe('');
  });

  it('prints residue as no money lost in the CLI table, not as six decimals of a euro', () => {
    const report: BacktestReport = {
      asOf: '2011-08-04',
      horizonDays: 126,
      dataFrom: '2010-12-01',
      dataTo: '2011-12-08',
      definitions: { priorDays: 247, declineShare: 0.5, businessIndex: 2.56, text: [] },
      model: { customer: null, relationship: null },
      levels: [
        {
          id: 'customer',
          level: 'customer',
          title: 'Customers',
          population: pop(residue),
          flagged: 0,
          compared: 0,
          rows: [],
          verdict: { capturedRatio: null, bestRule: null, beatsCapture: null, precisionOk: null, calibrationOk: null, text: 'No customers were flagged at that date, so there is nothing to compare.' },
        },
      ],
      warnings: [],
    };
    const printed = describeBacktest(report, 'EUR');
    expect(printed).toContain('Customers: 0 flagged, every one compared; 0 of 1 declined, €0 lost in all');
    expect(printed).not.toContain('0.000000');
  });
});
