import path from 'node:path';
import * as XLSX from 'xlsx';
import { AppError } from '../../../shared/contract/errors';
import { BACKTEST_HORIZON_DAYS } from '../../../shared/contract/analysis';
import type { Portfolio, PortfolioRow } from '../../../shared/contract/report';
import { GROWTH_ALONE, TOO_SHORT } from '../../../shared/format/band-words';
import { toCsv, UTF8_BOM } from '../../../shared/format/csv';
import { PURCHASE_UNITS } from '../../../shared/format/currency';
import { showsCents } from '../../../shared/format/numbers';
import { CALIBRATION_BAND, CAPTURE_MARGIN } from '../../../shared/analytics/holdout/targets';
import { writeOutputFile } from './build';
import { leakageShareCoverage } from './portfolio';
import { backtestVerdictWords, type BenchmarkOptions } from '../../../shared/format/portfolio-words';
import { buildSheet, csvCell, currencyFormat, writeWorkbook, type Column, type SheetSpec } from '../export/xlsx';

/** A column whose number format depends on the row: money in each client's own currency, months whole or to a tenth. */
type BenchColumn = Column<PortfolioRow> & { format?: (r: PortfolioRow, v: number) => string };

const RATIO = '0.00"x"';
const WHOLE_PERCENT = '0%';

const bandWords = (r: PortfolioRow): string | null => r.band ?? (r.status !== 'ok' ? null : r.growthOnly ? GROWTH_ALONE : TOO_SHORT);

function comparisonColumns(p: Portfolio, options: BenchmarkOptions): BenchColumn[] {
  const columns: BenchColumn[] = [
    { header: 'Client', kind: 'text', width: 26, value: (r) => r.label },
    { header: 'Status', kind: 'text', width: 12, value: (r) => (r.status === 'ok' && r.dataChanged ? 'data changed since its run' : r.status) },
    // An unreadable workspace has no currency of its own: the row's default would read as a fact.
    { header: 'Currency', kind: 'text', width: 10, value: (r) => (r.status === 'unreadable' ? null : r.currency === PURCHASE_UNITS ? 'none: purchase counts (units)' : r.currency) },
    { header: 'Data from', kind: 'date', width: 11, value: (r) => r.dateFrom },
    { header: 'Data to', kind: 'date', width: 11, value: (r) => r.dateTo },
    { header: 'Months of data', kind: 'number', width: 9, value: (r) => r.months, format: (_r, v) => (Number.isInteger(v) ? '0' : '0.0') },
    { header: 'As of', kind: 'date', width: 11, value: (r) => r.asOf },
    { header: 'Settings', kind: 'text', width: 20, value: (r) => r.customSettings ?? (r.status === 'ok' ? 'defaults' : null) },
    { header: 'Revenue 12m', kind: 'money', width: 14, value: (r) => r.revenue12m, format: money },
    { header: 'Customers', kind: 'count', width: 11, value: (r) => r.customers },
    { header: 'Customers buying 12m', kind: 'count', width: 11, value: (r) => r.activeCustomers },
    { header: 'Long-tail customers', kind: 'count', width: 11, value: (r) => r.longTailCustomers },
    { header: 'Long-tail share of customers', kind: 'share', width: 11, value: (r) => r.longTailCustomerShare },
    // Not the long tail's share of revenue: the strategic setting's complement, about 20% for every client.
    { header: 'Top 20% of customers: share of revenue', kind: 'share', width: 13, value: (r) => r.topFifthRevenueShare },
    { header: 'Recovery (revenue at risk)', kind: 'money', width: 14, value: (r) => r.recovery, format: money },
    { header: 'Growth (expected)', kind: 'money', width: 14, value: (r) => r.growth, format: money },
    { header: 'Leakage', kind: 'money', width: 14, value: (r) => r.leakage, format: money },
    { header: 'Leakage share of revenue', kind: 'share', width: 11, value: (r) => r.leakageShare },
    { header: 'Against 7-30% band', kind: 'text', width: 22, value: bandWords },
    // Beside the band: a place against it and the others is only as sure as the figures behind it.
    { header: 'Caveats', kind: 'count', width: 9, value: (r) => (r.status === 'ok' ? (r.caveats ?? []).length : null) },
    { header: 'Leakage share percentile', kind: 'share', width: 11, value: (r) => r.percentile.leakageShare, format: () => WHOLE_PERCENT },
    { header: 'Revenue percentile', kind: 'share', width: 11, value: (r) => r.percentile.revenue12m, format: () => WHOLE_PERCENT },
    { header: 'Profiles', kind: 'count', width: 9, value: (r) => r.profiles },
    { header: 'Backtest verdict', kind: 'text', width: 30, value: (r) => backtestVerdictWords(r, options) },
    { header: 'Backtest precision', kind: 'share', width: 11, value: (r) => r.precision },
    { header: 'Backtest recall', kind: 'share', width: 11, value: (r) => r.recall },
    { header: 'Backtest loss captured', kind: 'share', width: 11, value: (r) => r.lossCaptured },
    { header: 'Loss captured vs best naive rule', kind: 'number', width: 12, value: (r) => r.capturedVsBestRule, format: () => RATIO },
    { header: 'Stated / realised money', kind: 'number', width: 12, value: (r) => r.moneyCalibration, format: () => RATIO },
    { header: 'Growth actions taken up unprompted', kind: 'share', width: 12, value: (r) => r.growthTakeUp },
    { header: 'Growth take-up vs popularity rule', kind: 'number', width: 12, value: (r) => r.growthTakeUpVsRule, format: () => RATIO },
    { header: 'Problem', kind: 'text', width: 50, value: (r) => r.problem },
  ];
  return p.anonymised ? columns : [...columns, { header: 'Workspace', kind: 'text', width: 50, value: (r) => r.path }];
}

function money(r: PortfolioRow, v: number): string {
  return currencyFormat(r.currency, showsCents(v));
}

export function benchmarkCsv(p: Portfolio, options: BenchmarkOptions = { backtest: false }): string {
  const columns = comparisonColumns(p, options);
  return toCsv(
    columns.map((c) => c.header),
    p.rows.map((r) => columns.map((c) => csvCell(c, r))),
  );
}

/** buildSheet formats a column alike down the sheet; these columns differ by row. */
function formatByRow(ws: XLSX.WorkSheet, columns: readonly BenchColumn[], rows: readonly PortfolioRow[]): XLSX.WorkSheet {
  const data = ws['!data'] as XLSX.CellObject[][];
  columns.forEach((c, ci) => {
    if (!c.format) return;
    rows.forEach((r, ri) => {
      const cell = data[ri + 1]?.[ci];
      if (cell?.t === 'n') cell.z = c.format?.(r, Number(cell.v));
    });
  });
  return ws;
}

type Caveat = { client: string; caveat: string };

function caveatsSheet(p: Portfolio): XLSX.WorkSheet {
  const rows: Caveat[] = p.rows.flatMap((r) => (r.caveats ?? []).map((caveat) => ({ client: r.label, caveat })));
  return buildSheet<Caveat>(
    [
      { header: 'Client', kind: 'text', width: 26, value: (c) => c.client },
      { header: 'Caveat', kind: 'text', width: 120, value: (c) => c.caveat },
    ],
    rows,
    'USD',
  );
}

type Note = { label: string; share: number | null; text: string | null };

const backtestNote = (options: BenchmarkOptions): string =>
  options.backtest
    ? `Each client replayed as of ${BACKTEST_HORIZON_DAYS} days before its last sale and watched for the ${BACKTEST_HORIZON_DAYS} days after (customers, the top flags). Its three targets: loss captured at least ${CAPTURE_MARGIN}x the best naive rule's; precision no lower than the better money-minded rule's (90-day drop, own gap); money stated at risk ${CALIBRATION_BAND.low.toFixed(2)}-${CALIBRATION_BAND.high.toFixed(2)}x the loss that followed. The Backtest verdict column says which were missed; 'not judged' where too few customers slid for any list to be told from another, and then the figures are left blank.`
    : `Not run: the backtest columns are filled only when the comparison is made with --backtest (in Portfolio, tick Backtest), which replays every client on one footing (${BACKTEST_HORIZON_DAYS} days before its last sale, ${BACKTEST_HORIZON_DAYS} days watched). A backtest kept in a workspace is not used: each may be over its own date and horizon, so they would not compare.`;

/** "Acme (growth alone...); Bravo (under a quarter of data)". */
const namedWhy = (leftOut: { row: PortfolioRow; why: string }[]): string => leftOut.map((l) => `${l.row.label} (${l.why})`).join('; ');

/**
 * The leakage share's spread, saying which clients it covers: one client is its own share, not a
 * range; a client left out (growth alone, too few days) or read in purchases is named.
 */
function leakageShareNotes(p: Portfolio): Note[] {
  const range = p.leakageShareRange;
  const { compared, leftOut, purchaseCounts } = leakageShareCoverage(p);
  const out: Note[] =
    compared.length === 1 && range
      ? [{ label: 'Leakage share, the one client compared', share: range.min, text: `${compared[0].label}: the only client whose share is set against the band, so there is no spread to give` }]
      : [
          { label: 'Leakage share, lowest client', share: range?.min ?? null, text: range ? `of the ${compared.length} clients set against the band` : 'no client is set against the band' },
          { label: 'Leakage share, median client', share: range?.median ?? null, text: null },
          { label: 'Leakage share, highest client', share: range?.max ?? null, text: null },
        ];
  if (leftOut.length > 0) out.push({ label: 'Leakage share, left out', share: null, text: `${namedWhy(leftOut)}: not set against the band or ranked beside the others, so not in the figures above` });
  if (purchaseCounts.length > 0) out.push({ label: 'Purchase counts', share: null, text: `${purchaseCounts.map((r) => r.label).join(', ')}: no money in the data, so the leakage share is a share of purchases; ranked and set against the band of revenue as a rough guide only` });
  return out;
}

function notesSheet(p: Portfolio, options: BenchmarkOptions): XLSX.WorkSheet {
  const notes: Note[] = [
    { label: 'Industry band (low)', share: p.band.low, text: 'of available revenue lost to churn and missed cross-sell, as B2B vendors report it' },
    { label: 'Industry band (high)', share: p.band.high, text: null },
    ...leakageShareNotes(p),
    { label: 'Anonymised', share: null, text: p.anonymised ? 'yes' : 'no' },
    { label: 'Percentile', share: null, text: 'share of the other clients this client is above (ties count half)' },
    { label: 'Caveats', share: null, text: "what weakens a client's figures, counted on Comparison and given in full on the Caveats sheet: read the client's band and percentiles with them" },
    { label: 'Backtest', share: null, text: backtestNote(options) },
    ...(p.currencies ? [{ label: 'Currencies', share: null, text: `${p.currencies.join(', ')}: amounts are not converted, so revenue is not ranked across them` }] : []),
  ];
  return buildSheet<Note>(
    [
      { header: 'Note', kind: 'text', width: 30, value: (n) => n.label },
      { header: 'Share', kind: 'share', width: 9, value: (n) => n.share },
      { header: 'What it means', kind: 'text', width: 120, value: (n) => n.text },
    ],
    notes,
    'USD',
  );
}

export function benchmarkSheets(p: Portfolio, options: BenchmarkOptions = { backtest: false }): SheetSpec[] {
  const columns = comparisonColumns(p, options);
  // Cells rounded as in the CSV: a share's float noise (0.8564131000750225) shows in the formula bar and a copy.
  const rounded = columns.map((c) => ({ ...c, value: (r: PortfolioRow) => csvCell(c, r) }));
  // The currency given here formats nothing: every money cell is formatted in its own row's currency.
  const comparison = formatByRow(buildSheet(rounded, p.rows, 'USD'), columns, p.rows);
  return [
    { name: 'Comparison', ws: comparison },
    { name: 'Caveats', ws: caveatsSheet(p) },
    { name: 'Notes', ws: notesSheet(p, options) },
  ];
}

export function writeBenchmark(p: Portfolio, out: string, options: BenchmarkOptions = { backtest: false }): { path: string; format: 'xlsx' | 'csv' } {
  if (out.toLowerCase().endsWith('.csv')) return { ...writeOutputFile(out, `${UTF8_BOM}${benchmarkCsv(p, options)}`, true), format: 'csv' };
  const file = path.resolve(out);
  try {
    writeWorkbook(file, benchmarkSheets(p, options));
  } catch (e) {
    // writeWorkbook already says what went wrong with the path the user chose.
    if (e instanceof AppError) throw e;
    throw new AppError('FILE_UNREADABLE', `Could not write ${file} (${(e as Error).message}). Choose a folder you can write to.`, { path: file });
  }
  return { path: file, format: 'xlsx' };
}
