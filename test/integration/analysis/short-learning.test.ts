import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../shared/analytics/pipeline';
import { analysisSettingsSchema, type AnalysisSettings } from '../../../shared/contract/settings';
import { elogDataset } from '../../helpers/elog';

// The CDNOW sample (2,357 customers from 1997-01-01): a year ahead of 1997-09-30 is more than its
// 272 days of history can show twice; 90 days ahead of 1998-03-31 is learned in full.
const ds = elogDataset('cdnowElog.csv', { customer: 'masterid', date: 'date', money: 'sales' });
const defaults = analysisSettingsSchema.parse({});
const run = (asOf: string, horizonDays: number, listOrder: AnalysisSettings['recovery']['listOrder'] = 'balanced') =>
  runAnalysis(ds, { ...defaults, asOf, recovery: { ...defaults.recovery, horizonDays, listOrder } });

describe('a run whose model learned over a shorter horizon than the one asked', () => {
  const short = run('1997-09-30', 273);

  it('warns, as a caveat of recovery and of the run, that its money and its list are rougher, with the public replays behind it', () => {
    const caveat = short.recovery?.caveats?.find((c) => c.includes('learned from 121-day outcomes'));
    expect(caveat).toMatch(/checked its money against 182-day outcomes and applies them to 9 months: treat money at risk as a rougher estimate/);
    expect(caveat).toMatch(/fewer true slides than the better money-minded naive rule's on 7 of 11 replays \(2 of 13 where the whole horizon was learned\)/);
    expect(caveat).toMatch(/Ordered surest first \(List order\)/);
    expect(short.caveats).toContain(caveat);
    // Among the run's notes too (the report lists them), first of recovery's.
    expect(short.notes).toContain(caveat);
    expect(short.recovery?.notes[0]).toBe(caveat);
  });

  it('does not point to surest first when the run is already ordered that way', () => {
    const sure = run('1997-09-30', 273, 'sure');
    const caveat = sure.recovery?.caveats?.find((c) => c.includes('learned from 121-day outcomes'));
    expect(caveat).toMatch(/This run orders it surest first, as the settings ask/);
    expect(caveat).not.toMatch(/\(List order\)/);
  });

  it('says nothing of the kind where the history shows the whole horizon twice', () => {
    const full = run('1998-03-31', 90);
    expect(full.recovery?.model.customer?.horizonDays).toBe(90);
    expect(full.caveats.join(' ')).not.toMatch(/shorter horizon than asked|day outcomes/);
  });
});
