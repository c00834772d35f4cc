import { describe, expect, it } from 'vitest';
import { whyNoGrowth } from '../../../shared/analytics/growth-none';
import { defaultAnalysisSettings } from '../../../shared/contract/settings';
import type { ProfileResult } from '../../../shared/model/results';

const growth = defaultAnalysisSettings().growth;
const CATS = ['Bolts', 'Nuts', 'Tape'];
const profile = (id: number, label: string, penetration: number[]): ProfileResult => ({ id, label, mix: penetration.map(() => 1 / penetration.length), penetration, bestMembers: 40, members: 120, revenue12m: 1e5 });

describe('why growth listed nothing', () => {
  it("names the most widely bought category some of a profile's best customers lack, and the setting that would show it", () => {
    const text = whyNoGrowth([profile(1, 'Bolts heavy', [1, 0.3, 0.1]), profile(2, 'Nuts heavy', [0.2, 1, 0.35])], CATS, growth, 0);
    expect(text).toBe(
      "No growth actions: in no profile do at least 50% of its best customers buy a category some of them lack, so no peers point anywhere new. The most widely bought category some of a profile's best customers lack is 'Tape', bought by 35% of profile 2's (Nuts heavy). Lower Peer penetration (--min-penetration) to see weaker suggestions.",
    );
  });

  it("never names 'Other products', a remainder growth does not offer", () => {
    const text = whyNoGrowth([profile(1, 'Bolts heavy', [1, 0.3, 0.45])], ['Bolts', 'Nuts', 'Other products'], growth, 0);
    expect(text).toContain("is 'Nuts', bought by 30% of profile 1's (Bolts heavy)");
  });

  it('restates the rule that left every gap out where categories pass the penetration bar', () => {
    const text = whyNoGrowth([profile(1, 'All customers', [1, 0.8, 0.6])], CATS, growth, 0);
    expect(text).toMatch(/^No growth actions: no customer lacks, or buys far below its size, a category that at least 50% of its profile's best customers buy and at least 5 peers of its size buy/);
  });

  it('says nothing where growth listed actions', () => {
    expect(whyNoGrowth([profile(1, 'Bolts heavy', [1, 0.3, 0.1])], CATS, growth, 12)).toBeNull();
  });

  it('names the one category there is, where there is nothing else to sell', () => {
    expect(whyNoGrowth([profile(1, 'All customers', [1])], ['All products'], growth, 0)).toBe(
      "No growth actions: every sale is in one category ('All products'), so there is no other category for peers to point a customer to. Import a category or product column to find cross-sell.",
    );
  });
});
