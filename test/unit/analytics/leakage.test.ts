import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../shared/analytics/pipeline';
import { seededRandom } from '../../../shared/analytics/rng';
import { analysisSettingsSchema, type AnalysisSettingsInput } from '../../../shared/contract/settings';
import { dayFromIso, isoFromDay } from '../../../shared/format/dates';
import { makeDataset, type Row } from './make-dataset';

const CATS = ['Bakery', 'Dairy', 'Meat', 'Produce', 'Seafood'];
const PATTERNS = [
  [0.2, 0.2, 0.35, 0.25, 0],
  [0.5, 0.4, 0, 0.1, 0],
  [0, 0.1, 0.2, 0, 0.7],
];
const START = dayFromIso('2024-01-01');
const END = START + 729;
/** Stop buying everything 150 days before the end; C0012 also never bought Produce, which its peers all buy. */
const STOPPED = new Set(['C0012', 'C0013', 'C0031']);
/** Every tenth customer, and C0012, never buys one category its pattern buys: the growth gaps. */
const SKIPPED = ['Produce', 'Produce', 'Dairy'];
const skips = (i: number, code: string, category: string): boolean => (i % 10 === 3 || code === 'C0012') && SKIPPED[i % 3] === category;

/** Two years of fortnightly orders for 90 customers in three buying patterns, by a seeded generator. */
function history(): Row[] {
  const random = seededRandom(5);
  const rows: Row[] = [];
  for (let i = 0; i < 90; i++) {
    const code = `C${String(i).padStart(4, '0')}`;
    const size = 300 * Math.exp(random() * 2);
    const offset = Math.floor(random() * 14);
    for (let d = START + offset; d <= END; d += 14) {
      if (STOPPED.has(code) && d > END - 150) break;
      PATTERNS[i % 3].forEach((share, c) => {
        if (share === 0 || skips(i, code, CATS[c])) return;
        const revenue = Math.round(size * share * (0.8 + random() * 0.4));
        rows.push({ customer: code, date: isoFromDay(d), category: CATS[c], revenue, rep: i % 2 ? 'Ann' : 'Bob', territory: i % 3 ? 'North' : 'South' });
      });
    }
  }
  return rows;
}

const ds = makeDataset(history(), { categories: CATS });
const analyse = (settings: AnalysisSettingsInput = {}) => runAnalysis(ds, analysisSettingsSchema.parse({ k: 3, kMax: 5, restarts: 2, ...settings }));

describe('revenue leakage', () => {
  const out = analyse();
  const sum = (kind: 'growth' | 'recovery') => out.actions.filter((a) => a.kind === kind).reduce((s, a) => s + a.expectedRevenue, 0);

  it('is recovery at risk plus expected growth, as a share of trailing-12-month revenue', () => {
    expect(out.leakage.recovery).toBeCloseTo(sum('recovery'), 6);
    expect(out.leakage.growth).toBeCloseTo(sum('growth'), 6);
    expect(out.leakage.total).toBeCloseTo(out.leakage.recovery + out.leakage.growth, 6);
    const revenue12m = out.customers.reduce((s, c) => s + Math.max(0, c.revenue12m), 0);
    expect(out.leakage.revenue12m).toBeCloseTo(revenue12m, 6);
    expect(out.leakage.share).toBeCloseTo(out.leakage.total / revenue12m, 12);
    expect(out.leakage.recovery).toBeGreaterThan(0);
    expect(out.leakage.growth).toBeGreaterThan(0);
  });

  it('splits the same money by territory, rep, category, tier and profile without losing or doubling any', () => {
    for (const rows of Object.values(out.leakage.by)) {
      expect(rows.reduce((s, r) => s + r.recovery, 0)).toBeCloseTo(out.leakage.recovery, 4);
      expect(rows.reduce((s, r) => s + r.growth, 0)).toBeCloseTo(out.leakage.growth, 4);
    }
    expect(out.leakage.by.tier.reduce((s, r) => s + r.revenue12m, 0)).toBeCloseTo(out.leakage.revenue12m, 4);
  });

  it('counts each relationship once: never both a recovery and a growth action', () => {
    const keys = out.actions.map((a) => `${a.customerCode}|${a.category}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives a customer that stopped buying everything one win-back carrying each category it bought, and no growth, even for a category it never bought', () => {
    // With the probability-alive rule off, the win-back alone keeps growth away.
    const lenient = analyse({ growth: { minPAlive: 0 } });
    const of = (code: string) => lenient.actions.filter((a) => a.customerCode === code);
    const [winBack, ...others] = of('C0012');
    expect(others).toEqual([]);
    expect([winBack.kind, winBack.category, winBack.facts.signal]).toEqual(['recovery', 'All categories', 'lapsed-all']);
    expect((winBack.breakdown ?? []).map((b) => b.category).sort()).toEqual(['Bakery', 'Dairy', 'Meat']);
    // Its categories' parts add up to its money, to the cent.
    expect((winBack.breakdown ?? []).reduce((s, b) => s + b.atRisk, 0)).toBeCloseTo(winBack.expectedRevenue, 2);
    // A live customer of the same pattern that never bought Produce is offered it.
    expect(of('C0003').map((a) => [a.kind, a.category])).toContainEqual(['growth', 'Produce']);
    for (const code of STOPPED) expect(of(code).every((a) => a.kind === 'recovery')).toBe(true);
  });

  it('offers no growth to a customer whose probability alive is below minPAlive', () => {
    const all = analyse({ growth: { minPAlive: 0 } }).actions.filter((a) => a.kind === 'growth');
    const pAlive = new Map(out.customers.map((c) => [c.code, c.pAlive as number]));
    // A threshold inside the range of those offered growth, so some of them fall below it.
    const values = [...new Set(all.map((a) => pAlive.get(a.customerCode) as number))].sort((a, b) => a - b);
    const threshold = values[values.length >> 1];
    const strict = analyse({ growth: { minPAlive: threshold } }).actions.filter((a) => a.kind === 'growth');
    expect(all.filter((a) => (pAlive.get(a.customerCode) as number) < threshold).length).toBeGreaterThan(0);
    expect(strict.filter((a) => (pAlive.get(a.customerCode) as number) < threshold)).toEqual([]);
    expect(strict.length).toBeLessThan(all.length);
  });
});
