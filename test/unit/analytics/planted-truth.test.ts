import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../../../shared/analytics/agreement';
import { runAnalysis, type AnalysisOutput } from '../../../shared/analytics/pipeline';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { datasetFromRows, generateDistributor, type GeneratedDistributor } from '../../../shared/sample/index';
import { gapsRecommended, gapsWorthACall } from '../../helpers/planted-growth';
import { flaggedRelationships, plantedKey as key } from '../../helpers/planted-recovery';

// End-to-end quality on the seeded generator's planted truth, at default settings with the
// suggested k. The generator plants varied cycles, two seasons and noise; nothing here is tuned to it.

function analyse(seed: number): { g: GeneratedDistributor; out: AnalysisOutput } {
  const g = generateDistributor({ seed, customers: 1500, endDate: '2025-12-31', months: 24, categories: 12 });
  return { g, out: runAnalysis(datasetFromRows(g.rows()), analysisSettingsSchema.parse({})) };
}

describe.each([11, 12])('planted truth, generator seed %i', (seed) => {
  const { g, out } = analyse(seed);
  const { truth } = g;
  const patternOf = (code: string) => truth.patterns[truth.customerPattern[code]];

  it('matches customers to profiles that agree with the planted patterns (adjusted Rand index >= 0.9)', () => {
    const active = out.customers.filter((c) => c.profile !== null);
    const ari = adjustedRandIndex(
      active.map((c) => c.profile as number),
      active.map((c) => truth.customerPattern[c.code]),
    );
    expect(out.k).toBe(out.suggestedK);
    expect(ari).toBeGreaterThanOrEqual(0.9);
  });

  it('recommends at least 80% of planted cross-sell gaps at customers spending at least the median, and keeps 95% of growth actions inside the true pattern', () => {
    const growth = out.actions.filter((a) => a.kind === 'growth');
    const worthACall = gapsWorthACall(out.customers, truth.crossSellGaps);
    expect(worthACall.length).toBeGreaterThanOrEqual(40);
    expect(gapsRecommended(out.actions, worthACall).length / worthACall.length).toBeGreaterThanOrEqual(0.8);
    const active = out.customers.map((c) => c.revenue12m).filter((r) => r > 0).sort((a, b) => a - b);
    const median = active[active.length >> 1];
    const outside = growth.filter((a) => !patternOf(a.customerCode).categories.includes(a.category));
    expect(outside.length / growth.length).toBeLessThanOrEqual(0.05);
    for (const a of growth) expect(a.expectedRevenue).toBeGreaterThanOrEqual(out.growthFloor);
    // The floor is a tenth of the median active customer's year (the median interpolated, hence 1%).
    expect(Math.abs(out.growthFloor - 0.1 * median)).toBeLessThan(0.01 * 0.1 * median);
  });

  it('still finds at least 80% of all planted cross-sell gaps, small customers included, when the floor is lowered to 2%', () => {
    const low = runAnalysis(datasetFromRows(g.rows()), analysisSettingsSchema.parse({ growth: { minValueShare: 0.02 } }));
    expect(gapsRecommended(low.actions, truth.crossSellGaps).length / truth.crossSellGaps.length).toBeGreaterThanOrEqual(0.8);
  });

  it('finds planted defections (recall >= 0.90, precision >= 0.85) and rarely flags the traps', () => {
    const flagged = flaggedRelationships(out.actions);
    const defections = new Set(truth.defections.map((d) => key(d.customerId, d.category)));
    const hits = [...defections].filter((k) => flagged.has(k)).length;
    expect(hits / defections.size).toBeGreaterThanOrEqual(0.9);
    expect(hits / flagged.size).toBeGreaterThanOrEqual(0.85);
    for (const [kind, limit] of [['seasonal', 0.15], ['long-cycle', 0.15], ['volatile', 0.15], ['one-time', 0.05]] as const) {
      const traps = truth.traps.filter((t) => t.kind === kind);
      const alarms = traps.filter((t) => flagged.has(key(t.customerId, t.category))).length;
      expect(alarms / traps.length, `${kind} false alarms`).toBeLessThanOrEqual(limit);
    }
  });

  it('puts leakage somewhere sensible and explains every action with numbers', () => {
    expect(out.leakage.share).toBeGreaterThan(0);
    expect(out.leakage.share).toBeLessThan(0.6);
    for (const a of out.actions.slice(0, 200)) expect(a.reason).toMatch(/\d/);
  });
});
