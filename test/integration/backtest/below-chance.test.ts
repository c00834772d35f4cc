import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../shared/analytics/holdout';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { dayFromIso } from '../../../shared/format/dates';
import { elogDataset } from '../../helpers/elog';

// CDNOW's sample as of 1997-12-31, 180 days on: four customers in five slide, so a random pick is
// surer than a list ordered by money.
describe('a backtest where a random pick declined more often than our flags', () => {
  const ds = elogDataset('cdnowElog.csv', { customer: 'masterid', date: 'date', money: 'sales' });
  const [customers] = runBacktest(ds, analysisSettingsSchema.parse({}), dayFromIso('1997-12-31'), 180).levels;
  const ours = customers.rows[0];
  const random = customers.rows.find((r) => r.method === 'random');

  it('says so beside the precision it judges against the money-minded rules', () => {
    expect(random && random.precision > ours.precision).toBe(true);
    expect(customers.verdict.text).toContain(`fewer than of a random pick of as many (${Math.round((random?.precision ?? 0) * 100)}%): most slid here, and the list puts money first`);
  });
});

// The same sample as of 1997-11-30, 212 days on (the Recovery screen's default date): ours and a
// random pick decline at the same rate to the half point, which "Beats the naive rules" alone hid.
describe('a backtest where a random pick declined as often as our flags', () => {
  const ds = elogDataset('cdnowElog.csv', { customer: 'masterid', date: 'date', money: 'sales' });
  const [customers] = runBacktest(ds, analysisSettingsSchema.parse({}), dayFromIso('1997-11-30'), 212).levels;
  const ours = customers.rows[0];
  const random = customers.rows.find((r) => r.method === 'random');

  it('says the list was no surer than chance, beside the verdict', () => {
    expect(Math.abs((random?.precision ?? 0) - ours.precision)).toBeLessThanOrEqual(0.005);
    expect(customers.verdict.text).toContain(`no more than of a random pick of as many (${Math.round((random?.precision ?? 0) * 100)}%)`);
  });
});
