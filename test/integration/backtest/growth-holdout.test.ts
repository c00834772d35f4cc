import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../shared/analytics/holdout';
import { datasetUpTo } from '../../../shared/analytics/holdout/replay';
import { runAnalysis } from '../../../shared/analytics/pipeline';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { dayFromIso } from '../../../shared/format/dates';
import { ONLINE_RETAIL_II, onlineRetail } from '../analysis/online-retail-data';

/*
 * Growth on real data: the growth actions of an analysis replayed as of a past date, against what
 * their customers bought next. The table's arithmetic is checked against counts made here from the
 * raw rows with plain maps and sorts, not with the product's code.
 */

const settings = analysisSettingsSchema.parse({});
const asOf = '2010-08-31';
const horizon = 100;

describe('growth on UCI Online Retail II as of 2010-08-31, 100 days (product families)', () => {
  const { ds } = onlineRetail(ONLINE_RETAIL_II);
  const cut = dayFromIso(asOf);
  const report = runBacktest(ds, settings, cut, horizon);
  const growth = report.growth!;
  const row = (method: string) => growth.rows.find((r) => r.method === method)!;

  // What each customer x category spent in the year before the cut and in the horizon after it.
  const priorDays = Math.min(365, cut - ds.firstDay + 1);
  const prior = new Map<string, number>();
  const after = new Map<string, number>();
  let before = 0;
  let later = 0;
  for (let i = 0; i < ds.tx.day.length; i++) {
    const key = `${ds.customers[ds.tx.customer[i]].code}|${ds.categories[ds.tx.category[i]]}`;
    const d = ds.tx.day[i];
    if (d > cut - priorDays && d <= cut) {
      prior.set(key, (prior.get(key) ?? 0) + ds.tx.revenue[i]);
      before += ds.tx.revenue[i];
    } else if (d > cut && d <= cut + horizon) {
      after.set(key, (after.get(key) ?? 0) + ds.tx.revenue[i]);
      later += ds.tx.revenue[i];
    }
  }
  const index = later / ((before * horizon) / priorDays);
  const expectedOf = (key: string) => (Math.max(0, prior.get(key) ?? 0) * horizon) / priorDays;
  const spentOf = (key: string) => Math.max(0, after.get(key) ?? 0) / index;
  const grewBy = (key: string) => Math.max(0, spentOf(key) - expectedOf(key));
  const tookUp = (key: string) => ((prior.get(key) ?? 0) > 0 ? spentOf(key) > 2 * expectedOf(key) : spentOf(key) > 0);
  const tally = (keys: string[]) => ({ suggestions: keys.length, takenUp: keys.filter(tookUp).length, uplift: keys.reduce((s, k) => s + grewBy(k), 0) });

  const active = new Set([...prior].filter(([, v]) => v > 0).map(([k]) => k.split('|')[0]));
  const buyers = new Map<string, number>();
  for (const [key, v] of prior) if (v > 0) buyers.set(key.split('|')[1], (buyers.get(key.split('|')[1]) ?? 0) + 1);
  const spend = new Map<string, number>();
  for (const [key, v] of prior) spend.set(key.split('|')[0], (spend.get(key.split('|')[0]) ?? 0) + Math.max(0, v));
  const position = new Map(ds.customers.map((c, i) => [c.code, i]));
  const categoryPosition = new Map(ds.categories.map((c, i) => [c, i]));
  const missingOf = (customer: string) => ds.categories.filter((k) => !((prior.get(`${customer}|${k}`) ?? 0) > 0));
  const byPopularity = (a: string, b: string) => {
    const [ca, ka] = a.split('|');
    const [cb, kb] = b.split('|');
    return (buyers.get(kb) ?? 0) - (buyers.get(ka) ?? 0) || (spend.get(cb) ?? 0) - (spend.get(ca) ?? 0) || position.get(ca)! - position.get(cb)! || categoryPosition.get(ka)! - categoryPosition.get(kb)!;
  };

  // The suggestions themselves come from the same replay the backtest makes.
  const replay = runAnalysis(datasetUpTo(ds, cut), { ...settings, asOf, recovery: { ...settings.recovery, horizonDays: horizon } });
  const ours = replay.actions.filter((a) => a.kind === 'growth').map((a) => `${a.customerCode}|${a.category}`);

  it('deflates by the same business index and counts the same active customers as the raw rows', () => {
    expect(growth.businessIndex).toBeCloseTo(index, 9);
    expect(growth.activeCustomers).toBe(active.size);
    expect(growth.totalUplift).toBeCloseTo([...active].flatMap((c) => ds.categories.map((k) => grewBy(`${c}|${k}`))).reduce((s, v) => s + v, 0), 4);
  });

  it('scores every growth action of the replay: take-up and new spend counted from the raw rows', () => {
    expect(ours.length).toBeGreaterThan(500);
    const t = tally(ours);
    expect(row('model')).toMatchObject({ suggestions: t.suggestions, takenUp: t.takenUp });
    expect(row('model').uplift).toBeCloseTo(t.uplift, 4);
    expect(row('model').stated).toBeCloseTo(replay.actions.filter((a) => a.kind === 'growth').reduce((s, a) => s + (a.expectedRevenue * horizon) / 365, 0), 4);
  });

  it('gives the popularity rules as many suggestions, counted the same way', () => {
    const perCustomer = new Map<string, number>();
    for (const key of ours) perCustomer.set(key.split('|')[0], (perCustomer.get(key.split('|')[0]) ?? 0) + 1);
    const same = [...perCustomer].flatMap(([c, n]) => missingOf(c).map((k) => `${c}|${k}`).sort(byPopularity).slice(0, n));
    const t = tally(same);
    expect(row('same-customers-popular')).toMatchObject({ suggestions: t.suggestions, takenUp: t.takenUp });
    expect(row('same-customers-popular').uplift).toBeCloseTo(t.uplift, 4);
    const popular = [...active].flatMap((c) => missingOf(c).map((k) => `${c}|${k}`)).sort(byPopularity).slice(0, ours.length);
    const p = tally(popular);
    expect(row('popular')).toMatchObject({ suggestions: p.suggestions, takenUp: p.takenUp });
    expect(row('popular').uplift).toBeCloseTo(p.uplift, 4);
  });

  it('points where customers were heading more often than random missing categories, and at more of the new spend than the popularity rule over everyone', () => {
    expect(row('model').takeUpRate).toBeGreaterThan(row('random').takeUpRate);
    expect(row('model').uplift).toBeGreaterThan(row('popular').uplift);
    expect(row('foresight').uplift).toBeGreaterThan(row('model').uplift);
  });

  it('says beside recovery’s definitions what growth is judged on, and counts every suggestion in its verdict', () => {
    expect(report.definitions.text.some((t) => t.startsWith('Growth: ') && t.includes('unprompted'))).toBe(true);
    expect(growth.verdict.text).toContain(`of the ${ours.length.toLocaleString('en')} suggestions were taken up`);
  });
});
