import { describe, expect, it } from 'vitest';
import { valueFloor } from '../../../shared/analytics/recovery/decide';
import type { RiskForecast } from '../../../shared/analytics/risk';
import { defaultAnalysisSettings } from '../../../shared/contract/settings';

const forecast = (expected: number[]) => ({ expected: Float64Array.from(expected) }) as unknown as RiskForecast;
const auto = { ...defaultAnalysisSettings().recovery, valueFloor: null };

describe('the value floor a slider step decides with', () => {
  it('is a tenth of the median active customer, worked out once per forecast and the same as working it out afresh', () => {
    const spend = [0, 400, 1200, 0, 800, 3000, 100];
    const kept = forecast(spend);
    // Active: 100, 400, 800, 1200, 3000; the median is 800.
    expect(valueFloor(kept, auto)).toBe(80);
    expect(valueFloor(kept, auto)).toBe(80);
    expect(valueFloor(forecast(spend), auto)).toBe(valueFloor(kept, auto));
    // Another forecast (another run or horizon) is its own.
    expect(valueFloor(forecast([50, 70, 90]), auto)).toBe(7);
    expect(valueFloor(forecast([0, 0]), auto)).toBe(0);
  });

  it('is the setting whenever one is given, whatever was worked out before', () => {
    const kept = forecast([100, 200, 300]);
    expect(valueFloor(kept, auto)).toBe(20);
    expect(valueFloor(kept, { ...auto, valueFloor: 55 })).toBe(55);
  });
});
