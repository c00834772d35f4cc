import { describe, expect, it } from 'vitest';
import { metUnconfirmed, type Sureness } from '../../../shared/analytics/holdout';

const allMet = { beatsCapture: true, precisionOk: true, calibrationOk: true };

// Online Retail as of its last 90 days: capture 1.21x, precision 49.7% against 49.1%, stated/lost 1.24x.
const hairlines: Sureness = { resamples: 200, captureRatio: [1.08, 1.36], precisionGap: [-0.03, 0.04], calibration: [1.12, 1.39] };

describe('a verdict that met every target', () => {
  it('reads as unconfirmed where the resampling leaves every margin unsure', () => {
    expect(metUnconfirmed(hairlines, allMet)).toBe(true);
  });

  it('reads as a plain win where any one margin holds in every resample, or nothing was resampled', () => {
    expect(metUnconfirmed({ ...hairlines, captureRatio: [1.25, 1.4] }, allMet)).toBe(false);
    expect(metUnconfirmed({ ...hairlines, precisionGap: [0.01, 0.06] }, allMet)).toBe(false);
    expect(metUnconfirmed({ ...hairlines, calibration: [0.9, 1.2] }, allMet)).toBe(false);
    // A backtest kept before the money was resampled cannot say the money is unsure.
    expect(metUnconfirmed({ ...hairlines, calibration: undefined }, allMet)).toBe(false);
    expect(metUnconfirmed(null, allMet)).toBe(false);
  });
});
