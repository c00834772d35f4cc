import { describe, expect, it } from 'vitest';
import type { PortfolioRow } from '../../../shared/contract';
import { makeFormatters } from '../../../renderer/src/app/format';
import { portfolioColumns } from '../../../renderer/src/features/portfolio/columns';
import { portfolioRow } from '../charts/fixtures';

// Online Retail's figures as the audit read them: 4,372 customers known, 4,244 buying in the last 12 months.
const onlineRetail: PortfolioRow = portfolioRow('Online Retail', 0.048, 0.036, { currency: 'GBP', customers: 4_372, activeCustomers: 4_244 });

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
