import { describe, expect, it } from 'vitest';
import type { PortfolioRow } from '../../../shared/contract';
import { makeFormatters } from '../../../renderer/src/app/format';
import { portfolioColumns } from '../../../renderer/src/features/portfolio/columns';

// Online Retail's figures as the audit read them: 4,372 customers known, 4,244 buying in the last 12 months.
const onlineRetail: PortfolioRow = {
  id: 'client-1',
  label: 'Online Retail',
  path: null,
  status: 'ok',
  dataChanged: false,
  growthOnly: false,
  problem: null,
  currency: 'GBP',
  dateFrom: '2010-12-01',
  dateTo: '2011-12-09',
  months: 12,
  asOf: '2011-12-09',
  runId: 1,
  customSettings: null,
  revenue12m: 8_300_000,
  customers: 4_372,
  activeCustomers: 4_244,
  longTailCustomers: 3_000,
  longTailCustomerShare: 0.7,
  longTailRevenueShare: 0.2,
  topFifthRevenueShare: 0.75,
  recovery: 400_000,
  growth: 300_000,
  leakage: 700_000,
  leakageShare: 0.084,
  recoveryShare: 0.048,
  growthShare: 0.036,
  band: 'within',
  profiles: 4,
  precision: null,
  recall: null,
  lossCaptured: null,
  capturedVsBestRule: null,
  moneyCalibration: null,
  growthTakeUp: null,
  growthTakeUpVsRule: null,
  percentile: { revenue12m: null, leakageShare: null, recoveryShare: null, growthShare: null, topFifthRevenueShare: null },
};

/** Each header of the comparison table with what its cell reads for the row. */
function cells(row: PortfolioRow): Map<string, string> {
  const columns = portfolioColumns(makeFormatters('GBP', 'en-GB'), false, false);
  return new Map(columns.map((c) => [c.label, c.format ? c.format(c.value(row), row) : String(c.value(row))]));
}

describe("the Portfolio screen's customer count", () => {
  it('heads the customers buying in the last 12 months "Buying 12m", and its tooltip names the export\'s "Customers buying 12m"', () => {
    expect(cells(onlineRetail).get('Buying 12m')).toBe('4,244');
    const column = portfolioColumns(makeFormatters('GBP', 'en-GB'), false, false).find((c) => c.label === 'Buying 12m');
    expect(column?.title).toContain('"Customers buying 12m" in the export');
  });

  it('never heads that count "Customers", the export\'s name for every customer in the data', () => {
    const shown = cells(onlineRetail).get('Customers');
    expect(shown === undefined || shown === '4,372').toBe(true);
  });
});
