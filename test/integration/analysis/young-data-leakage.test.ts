import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../shared/analytics/pipeline';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { dayFromIso } from '../../../shared/format/dates';
import { elogDataset } from '../../helpers/elog';

// The CDNOW sample begins on 1997-01-01: as of 1997-09-30 it holds 273 days, not a year.
const ds = elogDataset('cdnowElog.csv', { customer: 'masterid', date: 'date', money: 'sales' });
const defaults = analysisSettingsSchema.parse({});

describe('leakage on data younger than a year (the CDNOW sample as of 1997-09-30)', () => {
  const out = runAnalysis(ds, { ...defaults, asOf: '1997-09-30', recovery: { ...defaults.recovery, horizonDays: 90 } });

  it('sets money at risk against the 273 days of revenue on their footing, not a year', () => {
    expect(out.leakage.windowDays).toBe(273);
    const stated = out.actions.filter((a) => a.kind === 'recovery').reduce((sum, a) => sum + a.expectedRevenue, 0);
    expect(stated).toBeGreaterThan(0);
    expect(out.leakage.recovery).toBeCloseTo((stated * 273) / 90, 4);
    // An independent sum of the raw purchases up to the date is the revenue the share is read against.
    const asOf = dayFromIso('1997-09-30');
    const revenue = ds.tx.day.reduce((sum, d, r) => (d <= asOf ? sum + ds.tx.revenue[r] : sum), 0);
    expect(out.leakage.revenue12m).toBeCloseTo(revenue, 4);
    expect(out.leakage.share).toBeCloseTo(out.leakage.total / revenue, 9);
    // A year's footing against 273 days of revenue would have read a third higher.
    expect(out.leakage.share).toBeLessThan(((stated * 365) / 90 + out.leakage.growth) / revenue);
  });

  it('says what its revenue and leakage cover instead of a yearly footing', () => {
    expect(out.notes).toContain(
      'The data begins 273 days before the as-of date, so 12-month revenue, growth and leakage cover those 273 days, not a year: money at risk over the next 3 months is put on their footing (3.03x) before it is set against them.',
    );
    expect(out.notes.join(' ')).not.toMatch(/yearly footing/);
  });
});
