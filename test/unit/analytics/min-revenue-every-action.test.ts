import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../shared/analytics/pipeline';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { datasetFromRows, generateDistributor } from '../../../shared/sample/index';

describe('Smallest relationship (--min-revenue) on a generated distributor', () => {
  const ds = datasetFromRows(generateDistributor({ seed: 11, customers: 1500, endDate: '2025-12-31', months: 24, categories: 12 }).rows());

  it('leaves no recovery action at all when no customer is worth that much, whole-account calls included', () => {
    const base = runAnalysis(ds, analysisSettingsSchema.parse({}));
    expect(base.actions.some((a) => a.kind === 'recovery' && a.category === 'All categories')).toBe(true);
    // The bundled sample had kept 16 whole-account calls worth $597,704 at 1e12.
    const out = runAnalysis(ds, analysisSettingsSchema.parse({ recovery: { minRevenue: 1e12 } }));
    expect(out.actions.filter((a) => a.kind === 'recovery')).toEqual([]);
  });
});
