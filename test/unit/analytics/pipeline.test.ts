import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../shared/analytics/pipeline';
import { StageCache } from '../../../shared/analytics/stage-cache';
import { seededRandom } from '../../../shared/analytics/rng';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { dayFromIso, isoFromDay } from '../../../shared/format/dates';
import { makeDataset, type Row } from './make-dataset';

const CATS = ['Bakery', 'Dairy', 'Meat', 'Produce', 'Seafood'];
const PATTERNS = [
  [0.1, 0.1, 0.5, 0.3, 0],
  [0.5, 0.4, 0, 0.1, 0],
  [0, 0.1, 0.2, 0, 0.7],
];

/** Two years of fortnightly orders for 90 customers in three patterns; C0006 stops buying Meat. */
function history(): Row[] {
  const random = seededRandom(3);
  const rows: Row[] = [];
  const start = dayFromIso('2024-01-01');
  for (let i = 0; i < 90; i++) {
    const code = `C${String(i).padStart(4, '0')}`;
    const size = 300 * Math.exp(random() * 2);
    const pattern = PATTERNS[i % 3];
    const offset = Math.floor(random() * 14);
    for (let d = start + offset; d < start + 730; d += 14) {
      pattern.forEach((share, c) => {
        if (share === 0) return;
        if (code === 'C0006' && CATS[c] === 'Meat' && d > start + 500) return;
        rows.push({
          customer: code,
          date: isoFromDay(d),
          category: CATS[c],
          revenue: Math.round(size * share * (0.8 + random() * 0.4)),
          rep: i % 2 ? 'Ann' : 'Bob',
          territory: i % 3 ? 'North' : 'South',
        });
      });
    }
  }
  return rows;
}

describe('the analysis pipeline', () => {
  const ds = makeDataset(history(), { categories: CATS });
  const settings = analysisSettingsSchema.parse({ kMax: 6 });

  it('gives bit-identical results for the same data and settings', () => {
    const a = runAnalysis(ds, settings);
    const b = runAnalysis(ds, settings);
    const strip = (o: ReturnType<typeof runAnalysis>) => JSON.stringify({ ...o, stages: null, timings: null });
    expect(strip(b)).toBe(strip(a));
  });

  it('finds three profiles, flags the stopped Meat relationship and adds leakage up from actions', () => {
    const out = runAnalysis(ds, settings);
    expect(out.asOf).toBe(isoFromDay(ds.lastDay));
    expect(out.k).toBe(3);
    const meat = out.actions.find((a) => a.id === 'recovery:C0006:Meat');
    expect(meat?.kind).toBe('recovery');
    expect(meat?.expectedRevenue).toBeGreaterThan(0);
    expect(meat?.reason).toMatch(/Meat/);
    const sum = out.actions.reduce((s, a) => s + a.expectedRevenue, 0);
    expect(out.leakage.total).toBeCloseTo(sum, 6);
    expect(out.leakage.by.rep.map((r) => r.key).sort()).toEqual(['Ann', 'Bob']);
    const byTier = out.leakage.by.tier.reduce((s, r) => s + r.total, 0);
    expect(byTier).toBeCloseTo(out.leakage.total, 6);
    for (const a of out.actions) {
      expect(a.priority).toBeGreaterThanOrEqual(0);
      expect(a.priority).toBeLessThanOrEqual(100);
    }
    const c7 = out.customers.find((c) => c.code === 'C0006');
    expect(c7?.atRiskRevenue).toBeGreaterThan(0);
    expect(c7?.pAlive).not.toBeNull();
  });

  it('says when leakage scales money at risk over a horizon other than a year, and by how much', () => {
    const yearly = /leakage puts it on a yearly footing/;
    expect(runAnalysis(ds, settings).notes.some((n) => yearly.test(n))).toBe(false);
    const out = runAnalysis(ds, { ...settings, recovery: { ...settings.recovery, horizonDays: 100 } });
    const note = out.notes.find((n) => yearly.test(n));
    expect(note).toContain('Money at risk is stated over the next 100 days; leakage puts it on a yearly footing (3.65x), as if each shortfall ran the whole year');
    // The figure it speaks of: recovery actions' money times 3.65 is the leakage's recovery part.
    const stated = out.actions.filter((a) => a.kind === 'recovery').reduce((sum, a) => sum + a.expectedRevenue, 0);
    expect(out.leakage.recovery).toBeCloseTo(stated * 3.65, 6);
  });

  it('reads leakage over the days of data when the data is younger than a year, and puts money at risk on their footing', () => {
    // The same business seen only from its 401st day: 330 days of data by its last, with C0006's lapse.
    const young = makeDataset(history().filter((r) => r.date >= '2025-02-04'), { categories: CATS });
    const asOfDay = young.lastDay;
    expect(asOfDay - young.firstDay + 1).toBe(330);
    // No value floor: the one lapsed relationship is small beside these customers' spend.
    const out = runAnalysis(young, { ...settings, recovery: { ...settings.recovery, horizonDays: 100, valueFloor: 0 } });
    expect(out.leakage.windowDays).toBe(330);
    const note = out.notes.find((n) => n.startsWith('The data begins 330 days before the as-of date'));
    expect(note).toBe('The data begins 330 days before the as-of date, so 12-month revenue, growth and leakage cover those 330 days, not a year: money at risk over the next 100 days is put on their footing (3.30x) before it is set against them.');
    expect(out.notes.some((n) => /yearly footing/.test(n))).toBe(false);
    const stated = out.actions.filter((a) => a.kind === 'recovery').reduce((sum, a) => sum + a.expectedRevenue, 0);
    expect(stated).toBeGreaterThan(0);
    expect(out.leakage.recovery).toBeCloseTo(stated * 3.3, 6);
    // Revenue covers the same 330 days: every line of the data.
    const revenue = young.tx.revenue.reduce((sum, v) => sum + v, 0);
    expect(out.leakage.revenue12m).toBeCloseTo(revenue, 6);
    expect(out.leakage.share).toBeCloseTo((out.leakage.recovery + out.leakage.growth) / revenue, 9);
    // The growth floor is over the same days, a share of the same revenue, not of a year's.
    const floor = out.notes.find((n) => n.startsWith('Growth actions expected to bring less than'));
    expect(floor).toMatch(/ over 330 days \(\d+% of the median active customer's revenue over 330 days\) are not listed/);
  });

  it('recomputes only what a changed setting depends on', () => {
    const cache = new StageCache();
    runAnalysis(ds, settings, { cache });
    cache.hits.length = 0;
    const later = { ...settings, recovery: { ...settings.recovery, lateness: 3 } };
    runAnalysis(ds, later, { cache });
    expect(cache.hits).toEqual(expect.arrayContaining(['features', 'tiers', 'profiles', 'recovery-model', 'p-alive']));
    expect(cache.hits).not.toContain('recovery');
    cache.hits.length = 0;
    runAnalysis(ds, { ...later, k: 4 }, { cache });
    expect(cache.hits).toEqual(expect.arrayContaining(['features', 'profile-sweep', 'recovery', 'p-alive']));
    expect(cache.hits).not.toContain('profiles');
  });

  it('runs profiles and growth only on a spend table without dates, and says so', () => {
    const table = makeDataset(
      history().filter((r) => r.date === isoFromDay(dayFromIso('2025-06-02'))),
      { categories: CATS, hasDates: false },
    );
    const out = runAnalysis(table, settings);
    expect(out.counts.recoveryActions).toBe(0);
    expect(out.notes.join(' ')).toMatch(/no dates/);
    expect(out.customers.every((c) => c.pAlive === null)).toBe(true);
  });
});
