import { describe, expect, it } from 'vitest';
import { computeFeatures } from '../../../shared/analytics/features';
import { CLEAR_SILHOUETTE, REFERENCE_MARGIN, chooseK } from '../../../shared/analytics/kmeans-sweep';
import { cloudLike } from '../../../shared/analytics/kmeans-reference';
import { buildProfiles, chosenDespite, hasTwinMixes, sweepProfiles } from '../../../shared/analytics/profiles';
import { seededRandom } from '../../../shared/analytics/rng';
import { defaultAnalysisSettings } from '../../../shared/contract/settings';
import type { KQuality } from '../../../shared/model/results';
import { makeDataset, type Row } from './make-dataset';

const CATS = ['Furniture', 'Office Supplies', 'Technology'];

/** n points of dims columns, each column's values from `column(d, random)`. */
function points(n: number, dims: number, seed: number, column: (d: number, random: () => number, previous: number[]) => number) {
  const random = seededRandom(seed);
  const flat = new Float64Array(n * dims);
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let d = 0; d < dims; d++) row.push(column(d, random, row));
    flat.set(row, i * dims);
  }
  return { flat, n, dims };
}

function meanAndCovariance(p: { flat: Float64Array; n: number; dims: number }) {
  const mean = Array.from({ length: p.dims }, (_, d) => {
    let s = 0;
    for (let i = 0; i < p.n; i++) s += p.flat[i * p.dims + d];
    return s / p.n;
  });
  const cov = (a: number, b: number): number => {
    let s = 0;
    for (let i = 0; i < p.n; i++) s += (p.flat[i * p.dims + a] - mean[a]) * (p.flat[i * p.dims + b] - mean[b]);
    return s / (p.n - 1);
  };
  return { mean, cov };
}

/**
 * Every customer buys from the same mix (30% furniture, 30% office supplies, 40% technology): its
 * own shares differ from it only by which lines it happened to buy (8 to 30 lines of 5 to 400 each
 * in a year), as on a store's sample file where every order picks its categories by chance.
 */
function oneMixByChance(customers: number, seed: number): Row[] {
  const random = seededRandom(seed);
  const rows: Row[] = [];
  for (let i = 0; i < customers; i++) {
    const code = `C${String(i).padStart(4, '0')}`;
    const lines = 8 + Math.floor(random() * 23);
    for (let l = 0; l < lines; l++) {
      const u = random();
      const category = u < 0.3 ? CATS[0] : u < 0.6 ? CATS[1] : CATS[2];
      rows.push({ customer: code, date: '2025-06-01', category, revenue: Math.round(5 + random() * 395) });
    }
  }
  return rows;
}

/** Three groups of customers, each buying mostly one category. */
function threeGroups(customers: number, seed: number): Row[] {
  const random = seededRandom(seed);
  const rows: Row[] = [];
  for (let i = 0; i < customers; i++) {
    const code = `C${String(i).padStart(4, '0')}`;
    const size = 2000 * Math.exp(random() * 2);
    const weights = CATS.map((_, c) => (c === i % 3 ? 6 : 1) * (0.8 + 0.4 * random()));
    const total = weights.reduce((a, b) => a + b, 0);
    CATS.forEach((category, c) => rows.push({ customer: code, date: '2025-06-01', category, revenue: Math.round((size * weights[c]) / total) }));
  }
  return rows;
}

const sweepOf = (rows: Row[]) => {
  const ds = makeDataset(rows, { hasDates: false, categories: CATS });
  return sweepProfiles(computeFeatures(ds, ds.lastDay), defaultAnalysisSettings()).sweep;
};

describe('a cloud with the same spread and no groups', () => {
  it('keeps the sample centre and covariance, correlations included', () => {
    const sample = points(4000, 3, 11, (d, random, row) => (d === 0 ? random() * 2 : d === 1 ? row[0] * 0.5 + random() : 3 - row[0] + 0.1 * random()));
    const cloud = cloudLike(sample, 5);
    const a = meanAndCovariance(sample);
    const b = meanAndCovariance(cloud);
    for (let d = 0; d < 3; d++) expect(b.mean[d]).toBeCloseTo(a.mean[d], 1);
    for (let x = 0; x < 3; x++) for (let y = 0; y <= x; y++) expect(Math.abs(b.cov(x, y) - a.cov(x, y))).toBeLessThan(0.05 * Math.sqrt(a.cov(x, x) * a.cov(y, y)) + 1e-9);
  });

  it('leaves a column without spread (a category nobody buys) fixed, instead of blowing it up', () => {
    const sample = points(500, 3, 3, (d, random) => (d === 1 ? 0.25 : random()));
    const cloud = cloudLike(sample, 9);
    for (let i = 0; i < cloud.n; i++) expect(cloud.flat[i * 3 + 1]).toBeCloseTo(0.25, 12);
    expect(cloud.flat.every(Number.isFinite)).toBe(true);
  });

  it('is the same for the same seed, bit for bit, and another for another seed', () => {
    const sample = points(200, 4, 1, (_, random) => random());
    expect(Array.from(cloudLike(sample, 7).flat)).toEqual(Array.from(cloudLike(sample, 7).flat));
    expect(Array.from(cloudLike(sample, 8).flat)).not.toEqual(Array.from(cloudLike(sample, 7).flat));
  });
});

describe('buying patterns judged against that cloud', () => {
  const q = (k: number, silhouette: number, reference?: number): KQuality => ({ k, silhouette, sse: 10 / k, converged: true, iterations: 4, stability: 0.9, smallestShare: 0.2, reference });

  it('calls a split no better than the cloud weak, whatever its silhouette, and says so with both numbers', () => {
    const choice = chooseK([q(2, 0.3), q(3, 0.31, 0.29), q(4, 0.27)], 0.05);
    expect(choice.k).toBe(3);
    expect(choice.structure.state).toBe('weak');
    expect(choice.structure.reason).toContain('silhouette 0.31');
    expect(choice.structure.reason).toContain('no groups in it (silhouette 0.29)');
  });

  it('keeps a split well above the cloud clear, naming the cloud score', () => {
    const choice = chooseK([q(2, 0.3), q(3, 0.45, 0.12)], 0.05);
    expect(choice.structure.state).toBe('clear');
    expect(choice.structure.reason).toContain('a cloud with the same spread and no groups scores 0.12');
  });

  it('finds no clear patterns where every customer buys one mix and differs only by chance, though the split is stable and its silhouette passes the fixed 0.25 line', () => {
    const sweep = sweepOf(oneMixByChance(400, 21));
    const chosen = sweep.quality.find((x) => x.k === sweep.suggestedK) as KQuality;
    expect(chosen.silhouette).toBeGreaterThanOrEqual(CLEAR_SILHOUETTE);
    expect(chosen.reference).toBeDefined();
    expect(chosen.silhouette - (chosen.reference as number)).toBeLessThan(REFERENCE_MARGIN);
    expect(sweep.structure.state).toBe('weak');
    expect(sweep.structure.reason).toMatch(/cut one continuum of mixes/);
  });

  it('still calls three groups that each buy mostly one category clear, far above the cloud', () => {
    const sweep = sweepOf(threeGroups(400, 22));
    const chosen = sweep.quality.find((x) => x.k === sweep.suggestedK) as KQuality;
    expect(sweep.suggestedK).toBe(3);
    expect(sweep.structure.state).toBe('clear');
    expect(chosen.silhouette - (chosen.reference as number)).toBeGreaterThan(2 * REFERENCE_MARGIN);
  });

  it('measures the cloud only at the k it judges', () => {
    const sweep = sweepOf(threeGroups(400, 22));
    expect(sweep.quality.filter((x) => x.reference !== undefined).map((x) => x.k)).toEqual([sweep.suggestedK]);
  });
});

describe('a k chosen where the sweep found no patterns', () => {
  const none = { state: 'none' as const, reason: 'No clear buying patterns: the best stable split has a mean silhouette of 0.08 (below 0.12), so customers differ by degree, not by pattern. All customers are compared with one peer group.' };

  it('keeps the verdict but no longer says every customer is compared with one peer group', () => {
    const chosen = chosenDespite(none, 4);
    expect(chosen.state).toBe('none');
    expect(chosen.reason).not.toContain('one peer group');
    expect(chosen.reason).toMatch(/customers differ by degree, not by pattern\. These 4 profiles are the k chosen, not patterns the data shows: read them as tendencies\.$/);
  });

  it('leaves the one-peer-group run and a clear or weak verdict as they are', () => {
    expect(chosenDespite(none, 1)).toBe(none);
    const weak = { state: 'weak' as const, reason: 'Weak.' };
    expect(chosenDespite(weak, 3)).toBe(weak);
  });
});

describe('a split of one category mix', () => {
  it('counts two typical mixes within a point in every category as one, and one apart by two points as two', () => {
    expect(hasTwinMixes([[0.5, 0.3, 0.2], [0.505, 0.295, 0.2]])).toBe(true);
    expect(hasTwinMixes([[0.5, 0.3, 0.2], [0.52, 0.28, 0.2]])).toBe(false);
  });

  it('steps down to one peer group where customers buy the same mix and differ only in how much, instead of a clear split with an empty profile', () => {
    // 150 customers buying the three categories alike; 20 of them order a little more often.
    const rows: Row[] = [];
    for (let i = 0; i < 150; i++) for (const category of CATS) rows.push({ customer: `E${i}`, date: '2025-06-01', category, revenue: i < 20 ? 1080 : 1000 });
    const ds = makeDataset(rows, { hasDates: false, categories: CATS });
    const f = computeFeatures(ds, ds.lastDay);
    const model = buildProfiles(f, sweepProfiles(f, defaultAnalysisSettings()), 'auto', CATS);
    expect(model.profiles.map((p) => p.members)).toEqual([150]);
    expect(model.structure).toMatchObject({ state: 'none', oneMix: true, reason: expect.stringMatching(/^No clear buying patterns: the split the sweep suggested \(k = \d+\) parts best customers whose typical category mixes are the same/) });
  });
});

describe('the size a profile must have, in words', () => {
  it('names the five-customer floor, not a share over 100%, where there are fewer customers than that', () => {
    const quality: KQuality[] = [{ k: 2, sse: 1, silhouette: 0.5, stability: 1, smallestShare: 1 / 3, converged: true, iterations: 3 }];
    expect(chooseK(quality, 5 / 3).structure.reason).toContain('at least 5 best customers each, more than there are to split');
  });
});
