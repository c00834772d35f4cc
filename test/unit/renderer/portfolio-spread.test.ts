import { describe, expect, it } from 'vitest';
import { shareSpread } from '../../../renderer/src/features/portfolio/spread';
import { fmt } from '../charts/fixtures';

describe('the portfolio leakage-share figure', () => {
  it('gives one client its share, not a range from a number to itself', () => {
    expect(shareSpread({ min: 0.3, max: 0.3, median: 0.3 }, 1, 0, fmt.share)).toEqual({ label: 'Leakage share', value: '30.0%', detail: 'one client with dated sales: add workspaces to compare' });
  });

  it('gives several clients the range and the median, and says when none is analysed', () => {
    expect(shareSpread({ min: 0.12, max: 0.31, median: 0.2 }, 3, 0, fmt.share)).toEqual({ label: 'Leakage share, range', value: '12%–31%', detail: 'median 20.0% across 3 clients' });
    expect(shareSpread(null, 0, 0, fmt.share)).toEqual({ label: 'Leakage share', value: '—', detail: 'no analysed clients' });
  });

  it('counts only clients with dated sales in the range, and names the spend tables left out of it', () => {
    expect(shareSpread({ min: 0.36, max: 0.44, median: 0.4 }, 2, 1, fmt.share).detail).toBe('median 40.0% across 2 clients; 1 more with growth alone (no dates) not compared');
    expect(shareSpread({ min: 0.36, max: 0.36, median: 0.36 }, 1, 1, fmt.share).detail).toBe('one client with dated sales; 1 more with growth alone (no dates) not compared');
    expect(shareSpread(null, 0, 2, fmt.share).detail).toBe('only spend tables: growth alone (no dates), not compared');
  });

  it('names the clients with under a quarter of data left out of the range', () => {
    expect(shareSpread({ min: 0.12, max: 0.31, median: 0.2 }, 3, 1, fmt.share, 2).detail).toBe('median 20.0% across 3 clients; 1 more with growth alone (no dates) not compared; 2 more with under a quarter of data not compared');
  });
});
