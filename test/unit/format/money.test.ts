import { describe, expect, it } from 'vitest';
import { PURCHASE_UNITS } from '../../../shared/format/currency';
import { formatMoney, ordinal, roundForReason, roundMoney } from '../../../shared/format/numbers';

describe('money as a rep reads it', () => {
  it('writes amounts of ten and more in whole units, as reps talk', () => {
    expect(formatMoney(8_437.6, 'USD', 'en-US')).toBe('$8,438');
    expect(formatMoney(10, 'EUR', 'en-US')).toBe('€10');
    expect(formatMoney(0, 'USD', 'en-US')).toBe('$0');
  });

  it('keeps two significant digits below ten, so a file priced in small units does not read as nothing', () => {
    expect(formatMoney(0.187, 'USD', 'en-US')).toBe('$0.19');
    expect(formatMoney(4.5, 'GBP', 'en-US')).toBe('£4.50');
    expect(formatMoney(0.0343, 'USD', 'en-US')).toBe('$0.034');
    expect(formatMoney(-0.25, 'USD', 'en-US')).toBe('-$0.25');
    expect(formatMoney(0.45, PURCHASE_UNITS, 'en-US')).toBe('0.45 units');
  });

  it("writes a purchase log's whole counts under ten whole, as its larger counts are", () => {
    expect(formatMoney(5, PURCHASE_UNITS, 'en-US')).toBe('5 units');
    expect(formatMoney(43, PURCHASE_UNITS, 'en-US')).toBe('43 units');
    expect(formatMoney(4.5, PURCHASE_UNITS, 'en-US')).toBe('4.50 units');
    expect(formatMoney(5, 'USD', 'en-US')).toBe('$5.00');
  });

  it('still writes the places a caller asks for', () => {
    expect(formatMoney(1_234.5, 'USD', 'en-US', 2)).toBe('$1,234.50');
    expect(formatMoney(0.187, 'USD', 'en-US', 0)).toBe('$0');
  });
});

describe('amounts rounded for a reason', () => {
  it('keep two significant digits at any size, below one included', () => {
    expect(roundForReason(8_437)).toBe(8_400);
    expect(roundForReason(143)).toBe(140);
    expect(roundForReason(8.437)).toBe(8.4);
    expect(roundForReason(0.187)).toBe(0.19);
    expect(roundForReason(-0.0343)).toBe(-0.034);
    expect(roundForReason(0)).toBe(0);
  });
});

describe('money as an export keeps it', () => {
  it('rounds to the cent, clearing a long sum\'s float noise, and keeps four significant digits below one', () => {
    expect(roundMoney(5_126_197.249999997)).toBe(5_126_197.25);
    expect(roundMoney(1.005)).toBe(1);
    expect(roundMoney(0.0343219)).toBe(0.03432);
    expect(roundMoney(-0.5)).toBe(-0.5);
    expect(roundMoney(0)).toBe(0);
  });
});

describe('ordinals', () => {
  it('reads a percentile as English: 1st, 2nd, 3rd, 11th to 13th, 21st, 33rd, 100th', () => {
    expect([0, 1, 2, 3, 4, 11, 12, 13, 21, 22, 33, 100, 101, 111].map(ordinal)).toEqual(['0th', '1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '33rd', '100th', '101st', '111th']);
  });
});
