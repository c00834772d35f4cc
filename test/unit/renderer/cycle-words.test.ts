import { describe, expect, it } from 'vitest';
import { cycleWords } from '../../../renderer/src/features/customer/cycle-pattern';
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
