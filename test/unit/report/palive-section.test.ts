import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../main/backend/report/document';
import { buildView } from '../../../main/backend/report/view';
import type { BgNbdFitReport } from '../../../shared/model/bgnbd';
import { action, importSummary, source, summary } from './fixtures';

const viewOptions = { anonymise: false, generatedAt: '2026-01-15T09:00:00.000Z', version: '9.8.7' };

// The figures of Online Retail as of 2011-12-09 (a degenerate fit), rounded.
const degenerateFit = (): BgNbdFitReport => ({
  params: { r: 0.839, alpha: 9.95, a: 0.0133, b: 12.8 },
  logLikelihood: -21482.8,
  customers: 4334,
  fittedCustomers: 2500,
  repeatBuyers: 2776,
  converged: true,
  verdict: 'degenerate',
  reasons: ['the fit expects 0.46% of customers to leave in a year (a/(a+b) = 0.10% per purchase at 4.4 purchases a year): it says customers practically never leave'],
  degeneracy: { dropoutMean: 0.00103, annualDropout: 0.0046, silentCustomers: 143, silentMedianPAlive: 0.989, atBoundary: false },
  gateApplied: false,
  holdout: {
    calibrationEnd: '2011-08-06',
    holdoutEnd: '2011-12-09',
    holdoutWeeks: 17.86,
    customers: 3188,
    params: { r: 0.736, alpha: 9.28, a: 0.0000575, b: 105448 },
    logLikelihood: -14992.8,
    actual: 5440,
    predicted: 4494.7,
    error: 4494.7 / 5440 - 1,
    buckets: [
      { label: '0', customers: 1418, actual: 1036, predicted: 839.4 },
      { label: '1', customers: 669, actual: 789, predicted: 706.4 },
      { label: '7+', customers: 209, actual: 1585, predicted: 1205.6 },
    ],
  },
  holdoutNote: null,
});

const report = (bgnbd: BgNbdFitReport | null | undefined): string => {
  const s = summary({ revenue12m: 1_000_000, recovery: 50_000, growth: 30_000 });
  return renderReport(buildView(source('Acme Foods', { ...s, bgnbd }, [action('recovery', 'Bistro', 800, 'late')], [importSummary('a.csv', 'x')]), viewOptions));
};

describe('the probability-alive section of the client report', () => {
  it('warns plainly when the fit is degenerate and says nothing was gated on it', () => {
    const html = report(degenerateFit());
    expect(html).toContain('Probability alive (BG/NBD)');
    expect(html).toContain('Warning: the fit is degenerate.');
    expect(html).toContain('nothing is gated on it');
    expect(html).toContain('r 0.839, alpha 9.95, a 0.0133, b 12.8');
    expect(html).toContain('log-likelihood -21482.8 on 2,500 customers (an even spread of the 4,334 that bought)');
    // The holdout check in words and as a table row per bucket.
    expect(html).toContain('the model expected 4,495 repeat purchases from its 3,188 customers in the 18 weeks to 2011-12-09; they made 5,440 (the model 17% low)');
    expect(html).toMatch(/<td>7\+<\/td><td class="num">209<\/td><td class="num">1,585<\/td><td class="num">1205\.6<\/td>/);
    expect(html).toContain('median P(alive) of 99%');
    expect(html).toContain('so the fit expects 0.46% of customers to leave in a year');
  });

  it('reads healthy without a warning, and is left out for runs saved before the fit was reported', () => {
    const healthy: BgNbdFitReport = { ...degenerateFit(), verdict: 'healthy', reasons: [], gateApplied: true };
    const html = report(healthy);
    expect(html).toContain('Healthy: the fit sees customers leave');
    expect(html).not.toContain('Warning: the fit is degenerate.');
    expect(report(undefined)).not.toContain('Probability alive (BG/NBD)');
  });
});
