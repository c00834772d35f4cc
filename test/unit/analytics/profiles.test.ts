import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, purity } from '../../../shared/analytics/agreement';
import { computeFeatures } from '../../../shared/analytics/features';
import { meanSilhouette, suggestK, elbowK } from '../../../shared/analytics/kmeans-sweep';
import { profileLabels } from '../../../shared/analytics/labels';
import { buildProfiles, sweepProfiles } from '../../../shared/analytics/profiles';
import { seededRandom } from '../../../shared/analytics/rng';
import { defaultAnalysisSettings } from '../../../shared/contract/settings';
import { makeDataset, type Row } from './make-dataset';

const CATS = ['Bakery', 'Dairy', 'Meat', 'Produce', 'Seafood', 'Paper'];
/** Three buying patterns with noise: what profiles must find again. */
const PATTERNS = [
  [0.05, 0.1, 0.5, 0.3, 0.0, 0.05],
  [0.4, 0.35, 0.0, 0.1, 0.0, 0.15],
  [0.0, 0.05, 0.15, 0.05, 0.7, 0.05],
];

function patterned(customers: number, seed: number): { rows: Row[]; truth: Map<string, number> } {
  const random = seededRandom(seed);
  const rows: Row[] = [];
  const truth = new Map<string, number>();
  for (let i = 0; i < customers; i++) {
    const code = `C${String(i).padStart(4, '0')}`;
    const p = i % PATTERNS.length;
    truth.set(code, p);
    const size = 5000 * Math.exp(random() * 2.5);
    PATTERNS[p].forEach((share, c) => {
      const noisy = share * (0.75 + random() * 0.5);
      if (noisy > 0) rows.push({ customer: code, date: '2025-06-01', category: CATS[c], revenue: Math.round(size * noisy) });
    });
  }
  return { rows, truth };
}

describe('mean silhouette', () => {
  it('is the mean of per-point silhouettes, 0 for a point alone in its cluster', () => {
    // Points on a line: 0, 1 | 10, 11, 30. Distances are |x - y|.
    const xs = [0, 1, 10, 11, 30];
    const n = xs.length;
    const dist = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) dist[i * n + j] = Math.abs(xs[i] - xs[j]);
    const clusters = [0, 0, 1, 1, 2];
    const s0 = 1 - 1 / 10.5;
    const s1 = 1 - 1 / 9.5;
    const s2 = 1 - 1 / 9.5;
    const s3 = 1 - 1 / 10.5;
    expect(meanSilhouette(dist, n, clusters, 3)).toBeCloseTo((s0 + s1 + s2 + s3 + 0) / 5, 12);
  });

  it('suggests the largest k whose silhouette is within 0.02 of the best', () => {
    const q = (k: number, silhouette: number, sse: number) => ({ k, silhouette, sse, converged: true, iterations: 5 });
    expect(suggestK([q(2, 0.5, 10), q(3, 0.7, 5), q(4, 0.705, 4), q(5, 0.69, 3.5), q(6, 0.6, 3)])).toBe(5);
    expect(suggestK([q(2, 0.5, 10), q(3, 0.7, 5), q(4, 0.6, 4)])).toBe(3);
    expect(elbowK([q(2, 0.5, 10), q(3, 0.7, 3), q(4, 0.705, 2.5), q(5, 0.6, 2)])).toBe(3);
  });
});

describe('buying-pattern profiles', () => {
  const { rows, truth } = patterned(300, 7);
  const ds = makeDataset(rows, { hasDates: false, categories: CATS });
  const f = computeFeatures(ds, ds.lastDay);
  const settings = { ...defaultAnalysisSettings(), kMax: 6 };

  it('finds the planted patterns again with the suggested k (adjusted Rand index >= 0.9)', () => {
    const sweep = sweepProfiles(f, settings);
    expect(sweep.sweep.suggestedK).toBe(3);
    const model = buildProfiles(f, sweep, 'auto', CATS);
    const assigned = ds.customers.map((_, i) => model.profileOf[i]);
    const planted = ds.customers.map((c) => truth.get(c.code) as number);
    expect(adjustedRandIndex(assigned, planted)).toBeGreaterThanOrEqual(0.9);
    expect(purity(assigned, planted)).toBeGreaterThan(0.95);
  });

  it('reports silhouette and error for every k of the sweep, and whether k-means converged', () => {
    const sweep = sweepProfiles(f, settings);
    expect(sweep.sweep.quality.map((q) => q.k)).toEqual([2, 3, 4, 5, 6]);
    for (const q of sweep.sweep.quality) {
      expect(q.converged).toBe(true);
      expect(q.silhouette).toBeGreaterThan(-1);
      expect(q.silhouette).toBeLessThanOrEqual(1);
    }
    const sse = sweep.sweep.quality.map((q) => q.sse);
    expect(sse[1]).toBeLessThan(sse[0]);
  });

  it('gives the same profiles for the same seed, bit for bit', () => {
    const a = buildProfiles(f, sweepProfiles(f, settings), 4, CATS);
    const b = buildProfiles(f, sweepProfiles(f, settings), 4, CATS);
    expect(Array.from(b.profileOf)).toEqual(Array.from(a.profileOf));
    expect(b.profiles).toEqual(a.profiles);
  });

  it('serves every k from a sweep kept in the workspace exactly as from a fresh one (vectors are worked out again, never kept)', () => {
    const fresh = sweepProfiles(f, settings);
    const reopened = sweepProfiles(f, settings, undefined, fresh.sweep);
    expect(Object.values(fresh).some((v) => Array.isArray(v) && v.length >= 100)).toBe(false);
    for (const k of [1, 2, 3, 4, 5, 6]) {
      const a = buildProfiles(f, fresh, k, CATS);
      const b = buildProfiles(f, reopened, k, CATS);
      expect(Array.from(b.profileOf)).toEqual(Array.from(a.profileOf));
      expect(Array.from(b.affinity)).toEqual(Array.from(a.affinity));
      expect(b.profiles).toEqual(a.profiles);
    }
  });

  it('with too few best customers to sweep, makes one profile of them all', () => {
    const few = makeDataset(rows.slice(0, 60), { hasDates: false, categories: CATS });
    const g = computeFeatures(few, few.lastDay);
    const model = buildProfiles(g, sweepProfiles(g, { ...settings, kMin: 30, kMax: 30 }), 'auto', CATS);
    expect(model.k).toBe(1);
    expect(model.profiles[0].members).toBe(g.n);
  });

  it('describes each profile by mix, penetration, members and a label naming its heavy categories', () => {
    const model = buildProfiles(f, sweepProfiles(f, settings), 3, CATS);
    const labels = model.profiles.map((p) => p.label).sort();
    expect(labels).toEqual(['Bakery + Dairy heavy', 'Meat + Produce heavy', 'Seafood heavy']);
    const seafood = model.profiles.find((p) => p.label === 'Seafood heavy');
    expect(seafood?.penetration[CATS.indexOf('Seafood')]).toBe(1);
    expect(seafood?.penetration[CATS.indexOf('Bakery')]).toBe(0);
    expect(model.profiles.reduce((s, p) => s + p.members, 0)).toBe(300);
  });
});

describe('profile labels', () => {
  it('keeps labels distinct by naming one more category when two profiles would read the same', () => {
    const labels = profileLabels(
      [
        [0.7, 0.2, 0.1],
        [0.65, 0.05, 0.3],
      ],
      ['Meat', 'Dairy', 'Seafood'],
    );
    expect(labels).toEqual(['Meat + Dairy heavy', 'Meat + Seafood heavy']);
  });
});
