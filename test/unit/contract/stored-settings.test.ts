import { describe, expect, it } from 'vitest';
import { defaultAnalysisSettings, storedSettings } from '../../../shared/contract/settings';

describe("a run's stored settings read with today's schema", () => {
  it('gives a setting added since the run its default, and keeps every value the run stored', () => {
    const stored = JSON.parse(JSON.stringify(defaultAnalysisSettings()));
    delete stored.recovery.listOrder;
    stored.recovery.lateness = 3;
    expect(storedSettings(stored)).toEqual({ ...defaultAnalysisSettings(), recovery: { ...defaultAnalysisSettings().recovery, lateness: 3 } });
  });

  it("keeps a value today's bounds would refuse, as the run used it, and still fills what is missing", () => {
    const stored = JSON.parse(JSON.stringify(defaultAnalysisSettings()));
    delete stored.recovery.listOrder;
    stored.recovery.horizonDays = 14;
    const read = storedSettings(stored);
    expect(read.recovery.horizonDays).toBe(14);
    expect(read.recovery.listOrder).toBe('balanced');
    expect(read.growth).toEqual(defaultAnalysisSettings().growth);
  });

  it('reads nothing usable as the defaults', () => {
    expect(storedSettings(null)).toEqual(defaultAnalysisSettings());
  });
});
