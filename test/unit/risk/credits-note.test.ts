import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../shared/analytics/pipeline';
import { creditShare } from '../../../shared/analytics/risk/series';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { datasetFromRows, generateDistributor } from '../../../shared/sample';
import type { Dataset } from '../../../shared/model/dataset';

const settings = analysisSettingsSchema.parse({});
const RETURNS_NOTE = /^Returns and credits came to (\d+)% of purchases/;

/** The same sales with every credit line `times` as large. */
function withCredits(ds: Dataset, times: number): Dataset {
  return { ...ds, tx: { ...ds.tx, revenue: ds.tx.revenue.map((v) => (v < 0 ? v * times : v)) } };
}

describe("recovery's money stated before returns", () => {
  const ds = datasetFromRows(generateDistributor({ seed: 5, customers: 200, endDate: '2026-10-31', months: 24, categories: 6 }).rows());

  it('says so, with the share, when returns and credits reach 2% of the year’s purchases', () => {
    const heavy = withCredits(ds, 40);
    const share = creditShare(heavy, heavy.lastDay - 365, heavy.lastDay);
    expect(share).toBeGreaterThanOrEqual(0.02);
    const note = runAnalysis(heavy, settings).notes.find((n) => RETURNS_NOTE.test(n));
    expect(Number(note?.match(RETURNS_NOTE)?.[1])).toBe(Math.round(share * 100));
  });

  it('stays quiet when they are fewer', () => {
    const light = withCredits(ds, 0);
    expect(creditShare(light, light.lastDay - 365, light.lastDay)).toBe(0);
    expect(runAnalysis(light, settings).notes.some((n) => RETURNS_NOTE.test(n))).toBe(false);
  });
});
