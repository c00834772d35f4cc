import { describe, expect, it } from 'vitest';
import { shareSpread } from '../../../renderer/src/features/portfolio/spread';
import { fmt } from '../charts/fixtures';

describe('the portfolio leakage-share figure', () => {
  it('gives one client its share, not a range from a number to itself', () => {
    expect(shareSpread({ min: 0.3, max: 0.3, median: 0.3 }, 1, fmt.share)).toEqual({ label: 'Leakage share', value: '30.0%', detail: 'one analysed client: add workspaces to compare' });
  });

  it('gives several clients the range and the median, and says when none is analysed', () => {
    expect(shareSpread({ min: 0.12, max: 0.31, median: 0.2 }, 3, fmt.share)).toEqual({ label: 'Leakage share, range', value: '12%–31%', detail: 'median 20.0% across 3 clients' });
    expect(shareSpread(null, 0, fmt.share).value).toBe('—');
  });
});
