import { describe, expect, it } from 'vitest';
import { CYCLE_COLUMN_WIDTH, cycleWords } from '../../../renderer/src/features/customer/cycle-pattern';
import { makeFormatters } from '../../../renderer/src/app/format';

const fmt = makeFormatters('USD', 'en-US');

describe("a relationship's usual cycle on the Customer screen", () => {
  it('is the cycle the due date adds to the last purchase, with the median beside it where the gaps swing', () => {
    // CDNOW's 5420: a mean gap of 16 days and a median of 11 had read "11 days" beside a due date 16 days on.
    expect(cycleWords({ cycleDays: 16.2, medianIntervalDays: 11 }, fmt)).toBe('16 days (median 11)');
    expect(cycleWords({ cycleDays: 30, medianIntervalDays: 28 }, fmt)).toBe('30 days');
    expect(cycleWords({ cycleDays: 1, medianIntervalDays: 1 }, fmt)).toBe('1 day');
    expect(cycleWords({ cycleDays: null, medianIntervalDays: null }, fmt)).toBe('no rhythm yet');
  });
});

describe('the Usual cycle column of the Rhythm table', () => {
  it('keeps room for a year-long cycle and its median however narrow the window, instead of cutting the median', () => {
    const longest = cycleWords({ cycleDays: 365, medianIntervalDays: 120 }, fmt);
    expect(longest).toBe('365 days (median 120)');
    // A fixed width, not a share of what is left, at about 0.55rem a character and a rem of padding.
    const [, rem] = /^([\d.]+)rem$/.exec(CYCLE_COLUMN_WIDTH) ?? [];
    expect(Number(rem)).toBeGreaterThanOrEqual(longest.length * 0.55 + 1);
  });
});
