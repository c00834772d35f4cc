import * as XLSX from 'xlsx';
import type { Portfolio, PortfolioRow } from '../../../shared/contract/report';
import { GROWTH_ALONE, TOO_SHORT } from '../../../shared/format/band-words';
import { toCsv, type CsvValue } from '../../../shared/format/csv';
import { writeOutputFile } from './build';
import { currencyFormat } from '../export/xlsx';
import { PURCHASE_UNITS } from '../../../shared/format/currency';
import { roundMoney, showsCents } from '../../../shared/format/numbers';

type Column = { header: string; value: (r: PortfolioRow) => CsvValue; share?: boolean; money?: boolean };

const COLUMNS: Column[] = [
  { header: 'Client', value: (r) => r.label },
  { header: 'Status', value: (r) => r.status },
  { header: 'Currency', value: (r) => (r.currency === PURCHASE_UNITS ? 'none: purchase counts (units)' : r.currency) },
  { header: 'Data from', value: (r) => r.dateFrom },
  { header: 'Data to', value: (r) => r.dateTo },
  { header: 'Months of data', value: (r) => r.months },
  { header: 'As of', value: (r) => r.asOf },
  { header: 'Settings', value: (r) => r.customSettings ?? (r.status === 'ok' ? 'defaults' : null) },
  { header: 'Revenue 12m', value: (r) => r.revenue12m, money: true },
  { header: 'Customers', value: (r) => r.customers },
  { header: 'Customers buying 12m', value: (r) => r.activeCustomers },
  { header: 'Long-tail customers', value: (r) => r.longTailCustomers },
  { header: 'Long-tail share of customers', value: (r) => r.longTailCustomerShare, share: true },
  { header: 'Long-tail share of revenue', value: (r) => r.longTailRevenueShare, share: true },
  { header: 'Recovery (revenue at risk)', value: (r) => r.recovery, money: true },
  { header: 'Growth (expected)', value: (r) => r.growth, money: true },
  { header: 'Leakage', value: (r) => r.leakage, money: true },
  { header: 'Leakage share of revenue', value: (r) => r.leakageShare, share: true },
  { header: 'Against 7-30% band', value: (r) => r.band ?? (r.status !== 'ok' ? null : r.growthOnly ? GROWTH_ALONE : TOO_SHORT) },
  { header: 'Leakage share percentile', value: (r) => r.percentile.leakageShare, share: true },
  { header: 'Revenue percentile', value: (r) => r.percentile.revenue12m, share: true },
  { header: 'Profiles', value: (r) => r.profiles },
  { header: 'Backtest precision', value: (r) => r.precision, share: true },
  { header: 'Backtest recall', value: (r) => r.recall, share: true },
  { header: 'Backtest loss captured', value: (r) => r.lossCaptured, share: true },
  { header: 'Loss captured vs best naive rule (x)', value: (r) => r.capturedVsBestRule },
  { header: 'Stated / realised money (x)', value: (r) => r.moneyCalibration },
  { header: 'Growth actions taken up unprompted', value: (r) => r.growthTakeUp, share: true },
  { header: 'Growth take-up vs popularity rule (x)', value: (r) => r.growthTakeUpVsRule },
  { header: 'Problem', value: (r) => r.problem },
];

/** Money to the cent (small amounts to four digits) and shares to a hundredth of a point: a long sum's float noise (3638989.4699999997) is no figure. */
const rounded = (c: Column, v: CsvValue): CsvValue => (typeof v !== 'number' ? v : c.money ? roundMoney(v) : c.share ? Math.round(v * 1e6) / 1e6 : v);

const withPath = (p: Portfolio): Column[] =>
  p.anonymised ? COLUMNS : [...COLUMNS, { header: 'Workspace', value: (r) => r.path }];

export function benchmarkCsv(p: Portfolio): string {
  const columns = withPath(p);
  return toCsv(
    columns.map((c) => c.header),
    p.rows.map((r) => columns.map((c) => rounded(c, c.value(r)))),
  );
}

export function benchmarkWorkbook(p: Portfolio): XLSX.WorkBook {
  const columns = withPath(p);
  const aoa: (string | number | null)[][] = [
    columns.map((c) => c.header),
    ...p.rows.map((r) => columns.map((c) => {
      const v = rounded(c, c.value(r));
      return v === undefined || typeof v === 'boolean' ? (v === undefined ? null : String(v)) : v;
    })),
  ];
  const sheet = XLSX.utils.aoa_to_sheet(aoa);
  // Shares stay numbers (sortable, chartable) and only read as percentages.
  // Money reads in each client's own currency.
  columns.forEach((c, ci) => {
    if (!c.share && !c.money) return;
    for (let ri = 1; ri <= p.rows.length; ri++) {
      const cell = sheet[XLSX.utils.encode_cell({ r: ri, c: ci })] as XLSX.CellObject | undefined;
      if (!cell || cell.t !== 'n') continue;
      const amount = Number(cell.v);
      cell.z = c.share ? '0.0%' : currencyFormat(p.rows[ri - 1].currency, showsCents(amount));
    }
  });
  sheet['!cols'] = columns.map((c) => ({ wch: Math.max(12, Math.min(30, c.header.length + 2)) }));
  const notes = XLSX.utils.aoa_to_sheet([
    ['Industry band (low)', p.band.low],
    ['Industry band (high)', p.band.high],
    ['Leakage share, lowest client', p.leakageShareRange?.min ?? null],
    ['Leakage share, median client', p.leakageShareRange?.median ?? null],
    ['Leakage share, highest client', p.leakageShareRange?.max ?? null],
    ['Anonymised', p.anonymised ? 'yes' : 'no'],
    ['Percentile', 'share of the other clients this client is above (ties count half)'],
    ...(p.currencies ? [['Currencies', `${p.currencies.join(', ')}: amounts are not converted, so revenue is not ranked across them`]] : []),
  ]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Comparison');
  XLSX.utils.book_append_sheet(book, notes, 'Notes');
  return book;
}

export function writeBenchmark(p: Portfolio, out: string): { path: string; format: 'xlsx' | 'csv' } {
  if (out.toLowerCase().endsWith('.csv')) return { ...writeOutputFile(out, benchmarkCsv(p), true), format: 'csv' };
  const buffer = XLSX.write(benchmarkWorkbook(p), { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  return { ...writeOutputFile(out, buffer, true), format: 'xlsx' };
}
