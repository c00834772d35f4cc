import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../shared/analytics/pipeline';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { dayFromIso } from '../../../shared/format/dates';
import path from 'node:path';
import { describeSummary } from '../../../main/cli/commands/analyze';
import { DATA_DIR, elogDataset } from '../../helpers/elog';
import { freshWorkspaces } from '../../helpers/workspace';

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

describe('leakage on under a quarter of data (the CDNOW sample as of 1997-02-28, 59 days)', () => {
  it('is not set against the yearly band, and says why', () => {
    const young = runAnalysis(ds, { ...defaults, asOf: '1997-02-28', recovery: { ...defaults.recovery, horizonDays: 90 } });
    expect(young.leakage.windowDays).toBe(59);
    expect(young.leakage.band.position).toBeNull();
    expect(out90().leakage.band.position).not.toBeNull();
  });
});

const out90 = () => runAnalysis(ds, { ...defaults, asOf: '1997-04-30', recovery: { ...defaults.recovery, horizonDays: 90 } });

describe('the terminal summary of a run on data younger than a year', () => {
  const workspace = freshWorkspaces();

  it('names the days its revenue and leakage cover, not the last 12 months', async () => {
    const w = await workspace();
    await w.backend.call('import-run', { path: path.join(DATA_DIR, 'cdnowElog.csv') });
    const s = await w.backend.call('analysis-run', { settings: { asOf: '1997-09-30' } });
    const text = describeSummary(s);
    expect(text).toContain('Revenue, the 273 days of data: ');
    expect(text).toMatch(/^Leakage over 273 days: .* of revenue over 273 days \(recovery/m);
    expect(text).not.toMatch(/12-month revenue \(recovery|Revenue, last 12 months/);
  });

  it('on under a quarter of data, says the leakage is not set against the band, and why', async () => {
    const w = await workspace();
    await w.backend.call('import-run', { path: path.join(DATA_DIR, 'cdnowElog.csv') });
    const s = await w.backend.call('analysis-run', { settings: { asOf: '1997-01-31' } });
    expect(describeSummary(s)).toMatch(/^Leakage over 31 days: .*; not set against the industry band: 31 days of data, too few to set against a band read over whole years$/m);
  });
});
