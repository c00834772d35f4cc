import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../shared/analytics/rng';
import { topIndices } from '../../../shared/analytics/sorted';

/** What a full sort by score (highest first), then index, takes as its first `count`. */
const bySorting = (scores: number[], count: number, keep: (i: number) => boolean): number[] =>
  scores
    .map((s, i) => ({ s, i }))
    .filter(({ i }) => keep(i))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, count)
    .map(({ i }) => i);

describe('the best few of many, read off without sorting them all', () => {
  it('takes the same items in the same order as a full sort, ties to the lower index', () => {
    const random = seededRandom(20261205);
    for (const [n, count, levels] of [
      [5_000, 300, 40],
      [5_000, 300, 1_000_000],
      [200, 300, 7],
      [1, 1, 1],
    ] as const) {
      // Few distinct levels make many ties; many make none.
      const scores = Array.from({ length: n }, () => Math.floor(random() * levels));
      const keep = (i: number) => i % 3 !== 1;
      expect(topIndices(n, (i) => scores[i], count, keep)).toEqual(bySorting(scores, count, keep));
      expect(topIndices(n, (i) => scores[i], count)).toEqual(bySorting(scores, count, () => true));
    }
  });

  it('returns nothing when nothing is asked for or nothing passes', () => {
    expect(topIndices(10, (i) => i, 0)).toEqual([]);
    expect(topIndices(10, (i) => i, 5, () => false)).toEqual([]);
    expect(topIndices(0, (i) => i, 5)).toEqual([]);
  });
});
