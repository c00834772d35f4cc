import { describe, expect, it } from 'vitest';
import { moneyWords } from '../../../main/backend/export/about';

describe("an export's note on what its money is over", () => {
  it('names the run’s recovery horizon when it is not a year', () => {
    expect(moneyWords(100)).toBe("Growth: a year of what peers buy. Recovery: money at risk over the next 100 days (the run's horizon). Territory leakage: a year of both, as on the overview.");
  });

  it('says 12 months at the default horizon, and when the run is gone', () => {
    expect(moneyWords(365)).toContain('over the next 12 months');
    expect(moneyWords(undefined)).toBe(moneyWords(365));
  });

  it('says growth and territory leakage cover the days of data when the data is younger than a year', () => {
    expect(moneyWords(120, 182)).toBe(
      "The data holds 182 days before the as-of date. Growth: what peers buy over those days. Recovery: money at risk over the next 120 days (the run's horizon). Territory leakage: both over those 182 days, as on the overview.",
    );
    expect(moneyWords(120, 365)).toBe(moneyWords(120));
    expect(moneyWords(120, 1)).toBe(
      "The data holds 1 day before the as-of date. Growth: what peers buy over that day. Recovery: money at risk over the next 120 days (the run's horizon). Territory leakage: both over that day, as on the overview.",
    );
  });
});
