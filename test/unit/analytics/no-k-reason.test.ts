import { describe, expect, it } from 'vitest';
import { chooseK } from '../../../shared/analytics/kmeans-sweep';
import type { KQuality } from '../../../shared/model/results';

const q = (k: number, silhouette: number, stability: number | null, smallestShare: number): KQuality => ({ k, silhouette, sse: 10 / k, converged: true, iterations: 4, stability, smallestShare });

describe('why no k is suggested, in words', () => {
  it('says the minimum profile share alone ruled every k out, of the best customers, and how to see the patterns', () => {
    const reason = chooseK([q(2, 0.3, null, 0.1), q(6, 0.41, null, 0.08), q(7, 0.38, null, 0.05)], 0.2).structure.reason;
    expect(reason).toContain('No k from 2 to 7 gives profiles of at least 20% of the best customers each: lower Min profile share (--min-profile-share) to see the patterns');
    expect(reason).toContain('the best silhouette is 0.41 at k = 6');
    expect(reason).not.toContain('stable');
    expect(reason).not.toContain('No clear buying patterns');
  });

  it('blames a silhouette too low to look for stability, not a stability never measured', () => {
    const reason = chooseK([q(2, 0.05, null, 0.3), q(3, 0.06, null, 0.2), q(4, 0.04, null, 0.1)], 0.05).structure.reason;
    expect(reason).toContain('at k = 2 to 4 the silhouette is too low for a pattern');
    expect(reason).not.toContain('not stable');
    expect(reason).not.toContain('holds less than');
  });

  it('names each reason at the k it holds for', () => {
    const reason = chooseK([q(2, 0.05, null, 0.3), q(3, 0.3, 0.5, 0.2), q(4, 0.3, 0.6, 0.2), q(5, 0.3, null, 0.01)], 0.05).structure.reason;
    expect(reason).toContain('No k from 2 to 5 gives usable profiles: at k = 2 the silhouette is too low');
    expect(reason).toContain('at k = 3 to 4 the profiles are not stable across resamples');
    expect(reason).toContain('at k = 5 a profile holds less than 5% of the best customers');
  });
});
