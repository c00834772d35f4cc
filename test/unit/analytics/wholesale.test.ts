import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, purity } from '../../../shared/analytics/agreement';
import { runAnalysis } from '../../../shared/analytics/pipeline';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { wholesale } from './wholesale-data';

describe('UCI Wholesale customers (real data, no dates)', () => {
  const { ds, channel } = wholesale();

  it('separates the Horeca and Retail channels better than chance with two profiles (purity >= 0.75 against 0.68 for one)', () => {
    const out = runAnalysis(ds, analysisSettingsSchema.parse({ k: 2 }));
    const profile = out.customers.map((c) => c.profile ?? 0);
    const p = purity(profile, channel);
    const ari = adjustedRandIndex(profile, channel);
    // Figures for the report: printed so the run log carries them.
    console.log(`Wholesale k=2: purity ${p.toFixed(3)}, ARI ${ari.toFixed(3)}, labels ${out.profiles.map((x) => x.label).join(' | ')}`);
    expect(p).toBeGreaterThanOrEqual(0.75);
    expect(ari).toBeGreaterThan(0.25);
    // The grocery profile is the retail one: shops buy Grocery, Milk and Detergents_Paper for resale.
    const grocery = out.profiles.find((x) => x.label.startsWith('Grocery')) as { id: number };
    const inGrocery = channel.filter((_, i) => profile[i] === grocery.id);
    expect(inGrocery.filter((c) => c === 'Retail').length / inGrocery.length).toBeGreaterThan(0.6);
    expect(out.profiles.map((x) => x.label).join(' ')).toMatch(/Fresh/);
  });

  it('runs profiles and growth without dates and suggests a k from the quality scores', () => {
    const out = runAnalysis(ds, analysisSettingsSchema.parse({}));
    expect(out.customers.filter((c) => c.tier !== 'inactive')).toHaveLength(440);
    expect(out.quality.map((q) => q.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(out.suggestedK).toBe(out.k);
    expect(out.counts.recoveryActions).toBe(0);
    expect(out.counts.growthActions).toBeGreaterThan(0);
    const profile = out.customers.map((c) => c.profile ?? 0);
    console.log(`Wholesale auto k=${out.k}: purity ${purity(profile, channel).toFixed(3)}, growth actions ${out.counts.growthActions}, leakage ${(out.leakage.share * 100).toFixed(1)}%`);
  });
});
