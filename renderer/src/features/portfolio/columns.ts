import type { PortfolioRow } from '../../../../shared/contract';
import { BAND_PLACE, GROWTH_ALONE, TOO_SHORT } from '../../../../shared/format/band-words';
import { formatMoneyCompact, ordinal } from '../../../../shared/format/numbers';
import { backtestVerdictWords } from '../../../../shared/format/portfolio-words';
import type { Formatters } from '../../app/format';
import type { Column } from '../../components/DataTable';

/**
 * Where clients keep their books in different currencies, a money column sorts them by currency
 * first, then by amount: unconverted, £8.07M ranked beside $78.3M as if one unit.
 */
const byCurrency = (amount: (r: PortfolioRow) => number | null) => (r: PortfolioRow) => {
  const v = amount(r);
  return v === null ? null : `${r.currency} ${Math.round(v) + 1e13}`;
};

/** The comparison table's columns; the screen keeps them per formatter and shape of the comparison. */
export function portfolioColumns(fmt: Formatters, withBacktest: boolean, mixedCurrencies: boolean): Column<PortfolioRow>[] {
  const sortMoney = (amount: (r: PortfolioRow) => number | null) => (mixedCurrencies ? { sortValue: byCurrency(amount) } : {});
  const share = (v: number | string | null) => (v === null ? '—' : fmt.share(Number(v)));
  const pct = (v: number | string | null) => (v === null ? '—' : ordinal(Math.round(Number(v) * 100)));
  // Compact: the table compares sizes across clients; the exports keep every digit.
  const money = (row: PortfolioRow, v: number | string | null) => (v === null ? '—' : formatMoneyCompact(Number(v), row.currency, fmt.locale));
  return [
    // Figures from moved thresholds say so in the row itself; the tooltip-free table has no other place.
    { id: 'label', label: 'Client', value: (r) => r.label, format: (v, r) => (r.customSettings ? `${String(v)} (custom settings: ${r.customSettings})` : String(v)), width: 'minmax(150px, 2fr)' },
    { id: 'months', label: 'Data', title: 'Months of data in the workspace', value: (r) => r.months, format: (v) => (v === null ? '—' : Number(v) < 1 ? 'under a month' : `${v} month${v === 1 ? '' : 's'}`), width: '96px' },
    { id: 'revenue', label: 'Revenue', title: 'Revenue in the last 12 months', value: (r) => r.revenue12m, ...sortMoney((r) => r.revenue12m), format: (v, r) => money(r, v), align: 'right', width: '96px' },
    // Not "Customers": the export's "Customers" counts every customer in the data, and read 4,372
    // beside this column's 4,244. The export heads this count "Customers buying 12m".
    {
      id: 'customers',
      label: 'Buying 12m',
      title: 'Customers that bought in the last 12 months ("Customers buying 12m" in the export, whose "Customers" counts every customer in the data)',
      value: (r) => r.activeCustomers,
      format: (v) => (v === null ? '—' : fmt.count(Number(v))),
      align: 'right',
      width: '112px',
    },
    { id: 'ltCustomers', label: 'Tail cust.', title: 'Share of customers in the long tail', value: (r) => r.longTailCustomerShare, format: share, align: 'right', width: '96px' },
    // The tail's revenue share is the strategic setting's complement for every client; the top fifth's share tells books apart.
    { id: 'topFifth', label: 'Top 20%', title: 'Share of 12-month revenue made by the top fifth of customers: how concentrated the book is', value: (r) => r.topFifthRevenueShare, format: share, align: 'right', width: '90px' },
    { id: 'recovery', label: 'Recovery', title: 'Revenue at risk per year', value: (r) => r.recovery, ...sortMoney((r) => r.recovery), format: (v, r) => money(r, v), align: 'right', width: '96px' },
    { id: 'growth', label: 'Growth', title: 'Growth potential per year', value: (r) => r.growth, ...sortMoney((r) => r.growth), format: (v, r) => money(r, v), align: 'right', width: '86px' },
    { id: 'leakage', label: 'Leakage', title: 'Recovery + growth per year', value: (r) => r.leakage, ...sortMoney((r) => r.leakage), format: (v, r) => money(r, v), align: 'right', width: '90px' },
    { id: 'share', label: 'Share', title: 'Leakage as a share of 12-month revenue', value: (r) => r.leakageShare, format: share, align: 'right', width: '76px' },
    { id: 'band', label: '7–30% band', title: 'Where the share falls against the B2B industry band', value: (r) => (r.band ? BAND_PLACE[r.band] : r.status !== 'ok' ? (r.problem ?? r.status) : r.growthOnly ? GROWTH_ALONE : TOO_SHORT), width: 'minmax(120px, 1.2fr)' },
    {
      id: 'caveats',
      label: 'Caveats',
      title: "What weakens the client's figures (listed in full below the table)",
      value: (r) => (r.status === 'ok' ? (r.caveats?.length ?? 0) : null),
      format: (v) => (v === null ? '—' : Number(v) === 0 ? 'none' : `⚠ ${fmt.count(Number(v))}`),
      align: 'right',
      width: '90px',
    },
    { id: 'pct', label: 'Pctile', title: "Percentile of the client's leakage share among those compared", value: (r) => r.percentile.leakageShare, format: pct, align: 'right', width: '76px' },
    { id: 'profiles', label: 'Profiles', title: 'Customer profiles found', value: (r) => r.profiles, align: 'right', width: '90px' },
    // Backtest figures exist only when asked for: empty columns would crowd the others' headers.
    ...(withBacktest
      ? [
          { id: 'verdict', label: 'Backtest verdict', title: 'Capture at least 1.2x the best naive rule, precision no lower than the better money-minded rule, money stated within 0.8-1.25 of what was lost', value: (r: PortfolioRow) => backtestVerdictWords(r, { backtest: true }), width: '190px' },
          { id: 'precision', label: 'Precision', value: (r: PortfolioRow) => r.precision, format: share, align: 'right' as const, width: '96px' },
          { id: 'recall', label: 'Recall', value: (r: PortfolioRow) => r.recall, format: share, align: 'right' as const, width: '80px' },
          {
            id: 'takeup',
            label: 'Growth take-up',
            title: 'Backtest: share of the growth actions their customers took up unprompted',
            value: (r: PortfolioRow) => r.growthTakeUp,
            format: share,
            align: 'right' as const,
            width: '150px',
          },
        ]
      : []),
  ];
}
