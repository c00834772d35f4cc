import { describe, expect, it } from 'vitest';
import { detectSeason, longestEmptyRun, seasonDays, seasonLabel } from '../../../shared/analytics/recovery/season';
import { dayFromParts, monthIndexOfDay } from '../../../shared/format/dates';

const every = (from: number, to: number, step: number): number[] => {
  const out: number[] = [];
  for (let d = from; d <= to; d += step) out.push(d);
  return out;
};
const maskOf = (...months: number[]) => months.reduce((m, k) => m | (1 << k), 0);

describe('season detection', () => {
  it('finds a winter season that wraps the year end, over two winters', () => {
    const days = [...every(dayFromParts(2023, 11, 3), dayFromParts(2024, 2, 25), 10), ...every(dayFromParts(2024, 11, 4), dayFromParts(2025, 2, 24), 10)];
    const mask = detectSeason(days, monthIndexOfDay);
    expect(mask).toBe(maskOf(10, 11, 0, 1));
    expect(seasonLabel(mask)).toBe('Nov-Feb');
  });

  it('does not call a slow buyer seasonal because its orders fall in a few months', () => {
    expect(detectSeason(every(dayFromParts(2023, 1, 10), dayFromParts(2025, 12, 1), 120), monthIndexOfDay)).toBe(0);
  });

  it('does not call one season seen once seasonal: it may as well have stopped', () => {
    expect(detectSeason(every(dayFromParts(2025, 6, 2), dayFromParts(2025, 8, 28), 7), monthIndexOfDay)).toBe(0);
  });

  it('measures the longest circular run of empty months and counts in-season days only', () => {
    expect(longestEmptyRun(maskOf(5, 6, 7))).toBe(9);
    expect(longestEmptyRun(maskOf(0, 11))).toBe(10);
    // From 31 August to 10 June next year, only the ten June days are in a Jun-Aug season.
    expect(seasonDays(dayFromParts(2025, 8, 31), dayFromParts(2026, 6, 10), maskOf(5, 6, 7), monthIndexOfDay)).toBe(10);
  });
});
