import { describe, expect, it } from 'vitest';
import { slipWords } from '../../../shared/analytics/recovery/risk-reasons';
import { isLongTailGrowthNote, longTailGrowthNote } from '../../../shared/analytics/growth-none';

// $1,200 in 12 months is $3.29 a day: $296 in 90 days is 1.0x its usual pace.
const atPace = (pace: number): number => (pace * 90 * 1200) / 365;

describe('a slipping account beside the season', () => {
  it('prints two digits where its pace and the business\'s would round alike at one', () => {
    expect(slipWords(atPace(1.46), 1200, 365, Math.log(1.52), 'x')).toBe('Buying more slowly than the season: x (1.46x its usual pace, the whole business 1.52x)');
    expect(slipWords(atPace(1.2), 1200, 365, Math.log(1.5), 'x')).toBe('Buying more slowly than the season: x (1.2x its usual pace, the whole business 1.5x)');
  });

  it('is said to buy at the season\'s pace, not more slowly, within a few percent of it', () => {
    expect(slipWords(atPace(1.48), 1200, 365, Math.log(1.51), 'x')).toBe(
      "Still buying at its pace and the season's: x (1.48x its usual pace, the whole business 1.51x), but accounts like it here went on to spend less",
    );
  });

  it('says its usual pace spreads the window\'s spend over days it was not yet a customer', () => {
    expect(slipWords(atPace(1.46), 1200, 365, Math.log(1.52), 'x', 258)).toBe(
      'Buying more slowly than the season: x (1.46x its usual pace, the whole business 1.52x; its usual pace spreads its spend in the 12 months over all 365 days, though its first order was 258 days ago)',
    );
    // A customer since about the window's start has been buying over all of it.
    expect(slipWords(atPace(1.46), 1200, 365, Math.log(1.52), 'x', 350)).not.toContain('first order');
  });
});

describe("the run's note on a long tail without growth", () => {
  const under = { gaps: 420, customers: 300, value: 9100 };
  const base = { longTail: 3000, growthActions: 1000, under, floor: '£68 a year', value: '£9,100 a year', minValueShare: 0.1 };

  it('counts the few growth actions the tail got and the gaps the floor left out', () => {
    const note = longTailGrowthNote({ ...base, tailActions: 12 }) ?? '';
    expect(note).toBe(
      'Almost no growth action reaches the long tail: 12 of the 1,000 growth actions are for its 3,000 customers. The value floor of £68 a year left out 420 more growth gaps found for 300 of them, about £9,100 a year in all. Lower Smallest growth action (--min-growth-value, growth.minValueShare, now 10%) to list them.',
    );
    expect(isLongTailGrowthNote(note)).toBe(true);
  });

  it('says nothing where the tail has its share of growth, or the floor left none of its gaps out', () => {
    expect(longTailGrowthNote({ ...base, tailActions: 50 })).toBeNull();
    expect(longTailGrowthNote({ ...base, tailActions: 0, under: { gaps: 0, customers: 0, value: 0 } })).toBeNull();
  });
});
