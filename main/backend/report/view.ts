import type { ImportSummary } from '../../../shared/contract/import';
import type { Action, AnalysisSummary, BacktestAcrossDates, BacktestReport, LeakageDimension, LeakageRow } from '../../../shared/model/results';
import { Pseudonyms } from './anonymise';
import type { ReportSource } from './source';

/** What the report shows, with every name already swapped for a stand-in when anonymised. */
export type ReportView = {
  clientName: string;
  fileName: string | null;
  currency: string;
  summary: AnalysisSummary;
  actions: Action[];
  imports: (ImportSummary & { displayName: string })[];
  dateFrom: string | null;
  dateTo: string | null;
  transactions: number;
  generatedAt: string;
  version: string;
  anonymised: boolean;
  /** Texts that must not appear anywhere in an anonymised report. */
  secrets: string[];
  backtest: BacktestReport | null;
  acrossDates: BacktestAcrossDates | null;
};

export type ViewOptions = { anonymise: boolean; generatedAt: string; version: string };

const PEOPLE_DIMENSIONS: LeakageDimension[] = ['rep'];

const scrubClient = (text: string, clientName: string): string =>
  clientName.trim().length >= 3 ? text.split(clientName).join('the client') : text;

export function buildView(source: ReportSource, options: ViewOptions): ReportView {
  const { info, summary, actions, imports } = source;
  const base = {
    currency: summary.currency || info.currency,
    dateFrom: info.dateFrom,
    dateTo: info.dateTo,
    transactions: info.transactions,
    generatedAt: options.generatedAt,
    version: options.version,
    anonymised: options.anonymise,
    // Aggregates only, no names: the same in an anonymised report.
    backtest: source.backtest,
    acrossDates: source.acrossDates,
  };
  if (!options.anonymise) {
    return {
      ...base,
      clientName: info.clientName,
      fileName: info.fileName,
      summary,
      actions,
      imports: imports.map((i) => ({ ...i, displayName: i.file })),
      secrets: [],
    };
  }

  const customers = new Pseudonyms('Customer');
  const reps = new Pseudonyms('Rep');
  const files = new Pseudonyms('Data file');
  for (const i of imports) files.alias(i.file, i.file);
  for (const a of actions) {
    customers.of(a.customerCode);
    // Name and code share one stand-in so a reason quoting either reads the same.
    customers.alias(a.customerName, a.customerCode);
  }
  const anonRow = (dimension: LeakageDimension) => (row: LeakageRow): LeakageRow =>
    PEOPLE_DIMENSIONS.includes(dimension) ? { ...row, key: reps.of(row.key) } : row;
  const by = Object.fromEntries(
    Object.entries(summary.leakage.by).map(([d, rows]) => [d, rows.map(anonRow(d as LeakageDimension))]),
  ) as AnalysisSummary['leakage']['by'];

  const anonymisedActions = actions.map(
    (a): Action => ({
      ...a,
      customerCode: customers.of(a.customerCode),
      customerName: customers.of(a.customerCode),
      reason: scrubClient(customers.scrub(a.reason), info.clientName),
      facts: {},
      rep: reps.ofNullable(a.rep),
    }),
  );
  return {
    ...base,
    clientName: 'Anonymised client',
    fileName: null,
    summary: { ...summary, leakage: { ...summary.leakage, by } },
    actions: anonymisedActions,
    imports: imports.map((i) => ({
      ...i,
      file: files.of(i.file),
      displayName: files.of(i.file),
      mapping: {},
      // Warnings quote earlier import files by name.
      warnings: i.warnings.map((w) => scrubClient(files.scrub(w), info.clientName)),
      // Rejected values are raw cells: a customer name can sit in any of them.
      rejectsSample: i.rejectsSample.map((r) => ({ ...r, value: null })),
    })),
    secrets: [info.clientName, ...actions.map((a) => a.customerName)].filter((s) => s.trim().length >= 3),
  };
}
