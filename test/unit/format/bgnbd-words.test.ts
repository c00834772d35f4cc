import { describe, expect, it } from 'vitest';
import { describeHoldoutError, describeVerdict } from '../../../shared/format/bgnbd';
import type { BgNbdFitReport } from '../../../shared/model/bgnbd';

describe('the BG/NBD holdout check in words', () => {
  it('says whether the model expected too many purchases or too few, not a bare signed share', () => {
    expect(describeHoldoutError(-0.17)).toBe('the model 17% low');
    expect(describeHoldoutError(0.239)).toBe('the model 24% high');
  });

  it('calls a miss that rounds to nothing within 1%, and says when there was nothing to compare', () => {
    expect(describeHoldoutError(0.004)).toBe('the model within 1%');
    expect(describeHoldoutError(-0.004)).toBe('the model within 1%');
    expect(describeHoldoutError(null)).toBe('nothing to compare it with');
  });
});

// The grocery panel's fit as of 2007-12-30 (healthy, its holdout forecast 24% high), rounded.
const healthyFit = (error: number | null): BgNbdFitReport => ({
  params: { r: 0.302, alpha: 2.36, a: 0.531, b: 3.52 },
  logLikelihood: -25696,
  customers: 1525,
  fittedCustomers: 1525,
  repeatBuyers: 1400,
  converged: true,
  verdict: 'healthy',
  reasons: [],
  degeneracy: { dropoutMean: 0.131, annualDropout: 0.9, silentCustomers: 300, silentMedianPAlive: 0.3, atBoundary: false },
  gateApplied: true,
  holdout:
    error === null
      ? null
      : { calibrationEnd: '2007-05-01', holdoutEnd: '2007-12-30', holdoutWeeks: 35, customers: 1525, params: { r: 0.3, alpha: 2.4, a: 0.5, b: 3.5 }, logLikelihood: -17000, actual: 2063, predicted: 2063 * (1 + error), error, buckets: [] },
  holdoutNote: error === null ? 'No holdout check.' : null,
});

describe('the BG/NBD verdict in words', () => {
  it('calls a fit that sees customers leave healthy, with nothing more when its holdout forecast was close', () => {
    expect(describeVerdict(healthyFit(-0.024))).toBe('Healthy: the fit sees customers leave, so growth skips customers whose P(alive) is below the setting.');
    expect(describeVerdict(healthyFit(null))).toBe('Healthy: the fit sees customers leave, so growth skips customers whose P(alive) is below the setting.');
  });

  it('says when a healthy fit missed its holdout by 15% or more, and which way P(alive) then leans', () => {
    expect(describeVerdict(healthyFit(0.239))).toBe(
      'Healthy: the fit sees customers leave, so growth skips customers whose P(alive) is below the setting. But its holdout forecast was 24% high: it reads customers as likelier to buy again than they were, so take P(alive) as an order of customers more than as a chance.',
    );
    expect(describeVerdict(healthyFit(-0.2))).toContain('was 20% low: it reads customers as less likely to buy again than they were');
  });
});
