import path from 'node:path';
import type { AccountAssignment, AssignmentPlanSummary, RepLoad } from '../../../shared/contract/assignment';
import type { PlanAction } from '../assignment/store';
import { formatMoney } from '../../../shared/format/numbers';
import { amountsIn } from '../../../shared/format/currency';
import { writeCsv } from './csv';
import { aboutSheet } from './about';
import type { ExportTarget } from './target';
import { safeFileName } from './target';
import { buildSheet, csvCell, sheetName, writeWorkbook, type Column, type SheetSpec } from './xlsx';

export type PlanExportData = {
  clientName: string;
  summary: AssignmentPlanSummary;
  /** Plan order: highest value first. */
  accounts: readonly AccountAssignment[];
  actionsByCustomer: ReadonlyMap<string, PlanAction[]>;
  /** The analysis settings behind the plan's actions in words: 'defaults', or what differs from them. */
  analysisSettings?: string;
  /** The horizon the run's recovery money is stated over (365 when unknown). */
  recoveryHorizonDays?: number;
  /** The days the run's revenue and leakage cover (365 when unknown): fewer when the data is younger than a year. */
  revenueWindowDays?: number;
  /** False for a spend table: no dates, so no recovery, and its money is the table's, not a year's. */
  hasDates?: boolean;
  /** The run's caveats (notes that weaken a figure): a workbook travels without the screens that show them. */
  caveats?: readonly string[];
};

/** One line of a call list: an action with the account it belongs to. */
type CallRow = { account: AccountAssignment; action: PlanAction | null };

const UNASSIGNED = 'Unassigned';
/** The Summary's line for the accounts no rep was given, worded so it is not read as a rep. */
const UNASSIGNED_LINE = '(unassigned accounts)';

/**
 * "Bag $45,357; Christmas range $5,648; and $20,827 over 28 other categories as the account slides":
 * what a whole-account call is about, category by category, for the rep who makes it.
 */
export function partsWords(parts: PlanAction['parts'], currency: string): string | null {
  if (!parts) return null;
  const cash = (x: number): string => formatMoney(x, currency, 'en-US');
  const named = parts.filter((p) => !p.spread).map((p) => `${p.category} ${cash(p.atRisk)}`);
  const spread = parts.filter((p) => p.spread);
  const rest = spread.reduce((sum, p) => sum + p.atRisk, 0);
  const wider = spread.length === 0 ? '' : `; and ${cash(rest)} ${spread.length === 1 ? `on ${spread[0].category}` : `over ${spread.length} other categories`} as the account slides`;
  return `${named.join('; ')}${wider}`;
}

const repColumns = (asOf: string, currency: string): Column<CallRow>[] => [
  { header: 'Customer code', kind: 'text', width: 14, value: (r) => r.account.customerCode },
  { header: 'Customer', kind: 'text', width: 32, value: (r) => r.account.customerName },
  { header: 'Territory', kind: 'text', width: 14, value: (r) => r.account.territory },
  { header: 'Tier', kind: 'text', width: 10, value: (r) => r.account.tier },
  { header: 'Status', kind: 'text', width: 11, value: (r) => r.account.status },
  { header: 'Action', kind: 'text', width: 9, value: (r) => r.action?.kind ?? null },
  { header: 'Category', kind: 'text', width: 18, value: (r) => r.action?.category ?? null },
  { header: 'Expected revenue', kind: 'money', width: 15, value: (r) => r.action?.expectedRevenue ?? null },
  // A growth action's likely range: the same estimate at its peers' lower and upper quartile.
  { header: 'Expected low', kind: 'money', width: 13, value: (r) => r.action?.expectedLow ?? null },
  { header: 'Expected high', kind: 'money', width: 13, value: (r) => r.action?.expectedHigh ?? null },
  { header: 'Priority', kind: 'number', width: 9, value: (r) => r.action?.priority ?? null },
  { header: 'Why this action', kind: 'text', width: 60, value: (r) => r.action?.reason ?? null },
  { header: 'Categories at risk', kind: 'text', width: 48, value: (r) => partsWords(r.action?.parts ?? null, currency) },
  { header: 'Account expected revenue', kind: 'money', width: 15, value: (r) => r.account.expectedRevenue },
  { header: 'Why this rep', kind: 'text', width: 60, value: (r) => r.account.reason },
  { header: 'Current rep', kind: 'text', width: 18, value: (r) => r.account.currentRep },
  { header: 'As of', kind: 'date', width: 11, value: () => asOf },
];

/** A Summary line: a rep with the sheet that lists their calls, or the accounts no rep was given. */
type SummaryRow = { load: RepLoad; sheet: string | null; unassigned: boolean };

/** Blank where the line is the unassigned accounts: they have no kind or capacity, and "unknown, 0" read as a rep. */
const ofRep = <T,>(value: (r: RepLoad) => T) => (row: SummaryRow): T | null => (row.unassigned ? null : value(row.load));

export const activeWords = (r: Pick<RepLoad, 'active'>): string => (r.active === false ? 'no: keeps its accounts, takes no new ones' : 'yes');

const summaryColumns: Column<SummaryRow>[] = [
  { header: 'Rep', kind: 'text', width: 24, value: (r) => r.load.rep },
  // Sheet names are clipped to 31 characters and some names are renamed ("History"): this says whose sheet is whose.
  { header: 'Sheet', kind: 'text', width: 24, value: (r) => r.sheet },
  { header: 'Kind', kind: 'text', width: 9, value: ofRep((l) => l.kind) },
  { header: 'Active', kind: 'text', width: 9, value: ofRep(activeWords) },
  { header: 'Territory', kind: 'text', width: 14, value: (r) => r.load.territory },
  { header: 'Accounts', kind: 'count', width: 10, value: (r) => r.load.accounts },
  { header: 'Strategic kept', kind: 'count', width: 10, value: (r) => r.load.keptAccounts },
  { header: 'Actions', kind: 'count', width: 9, value: (r) => r.load.actions },
  { header: 'Recovery', kind: 'money', width: 14, value: (r) => r.load.recovery },
  { header: 'Growth', kind: 'money', width: 14, value: (r) => r.load.growth },
  { header: 'Expected revenue', kind: 'money', width: 16, value: (r) => r.load.expectedRevenue },
  { header: 'Capacity', kind: 'count', width: 9, value: ofRep((l) => l.capacity) },
  { header: 'Capacity use', kind: 'share', width: 12, value: ofRep((l) => l.capacityUse) },
];

/** A rep's sheet leads with the rep's full name on every line: the sheet's own name may be clipped or renamed. */
const repSheetColumns = (columns: Column<CallRow>[]): Column<CallRow>[] => [
  { header: 'Rep', kind: 'text', width: 24, value: (r) => r.account.rep },
  ...columns,
];

function* callRows(accounts: Iterable<AccountAssignment>, actions: ReadonlyMap<string, PlanAction[]>): Generator<CallRow> {
  for (const account of accounts) {
    const list = actions.get(account.customerCode);
    if (!list || list.length === 0) yield { account, action: null };
    else for (const action of list) yield { account, action };
  }
}

/** Accounts per rep in plan order; unassigned accounts under null. */
function byRep(accounts: readonly AccountAssignment[]): Map<string | null, AccountAssignment[]> {
  const out = new Map<string | null, AccountAssignment[]>();
  for (const a of accounts) {
    let list = out.get(a.rep);
    if (!list) out.set(a.rep, (list = []));
    list.push(a);
  }
  return out;
}

function unassignedLoad(accounts: readonly AccountAssignment[]): RepLoad | null {
  const list = accounts.filter((a) => a.status === 'unassigned');
  if (list.length === 0) return null;
  const sum = (f: (a: AccountAssignment) => number) => list.reduce((s, a) => s + f(a), 0);
  return {
    rep: UNASSIGNED_LINE,
    kind: 'unknown',
    territory: null,
    capacity: 0,
    accounts: list.length,
    keptAccounts: 0,
    actions: sum((a) => a.actions),
    recovery: sum((a) => a.recovery),
    growth: sum((a) => a.growth),
    expectedRevenue: sum((a) => a.expectedRevenue),
    capacityUse: 0,
  };
}

/** Counts the call rows written, for the export result: the Summary's lines are not calls, and a CSV of the same plan has none. */
function counted<T>(rows: Iterable<T>, tally: { n: number }): Iterable<T> {
  return {
    *[Symbol.iterator]() {
      for (const r of rows) {
        tally.n += 1;
        yield r;
      }
    },
  };
}

function writeAssignmentsXlsx(file: string, data: PlanExportData): number {
  const { summary } = data;
  const used = new Set<string>(['summary', UNASSIGNED.toLowerCase(), 'about']);
  const tally = { n: 0 };
  const groups = byRep(data.accounts);
  const loads = [...summary.reps.filter((r) => r.accounts > 0)];
  // Every rep on the summary, those with no accounts too: a manager looks there for room to give.
  const idle = summary.reps.filter((r) => r.accounts === 0);
  const extra = unassignedLoad(data.accounts);
  const unassigned = groups.get(null);
  const named = loads.map((load) => ({ load, sheet: sheetName(load.rep, used) }));
  const summaryRows: SummaryRow[] = [
    ...named.map(({ load, sheet }) => ({ load, sheet, unassigned: false })),
    ...idle.map((load) => ({ load, sheet: null, unassigned: false })),
    ...(extra ? [{ load: extra, sheet: unassigned ? UNASSIGNED : null, unassigned: true }] : []),
  ];
  const sheets: SheetSpec[] = [{ name: 'Summary', ws: buildSheet(summaryColumns, summaryRows, summary.currency) }];
  const columns = repSheetColumns(repColumns(summary.asOf, summary.currency));
  for (const { load, sheet } of named) {
    const accounts = groups.get(load.rep) ?? [];
    sheets.push({ name: sheet, ws: buildSheet(columns, counted(callRows(accounts, data.actionsByCustomer), tally), summary.currency, `The sheet of ${load.rep}`) });
  }
  if (unassigned) {
    sheets.push({ name: UNASSIGNED, ws: buildSheet(columns, counted(callRows(unassigned, data.actionsByCustomer), tally), summary.currency, `The ${UNASSIGNED} sheet`) });
  }
  sheets.push(aboutSheet(data.clientName, summary, 'Rep assignment plan', data));
  writeWorkbook(file, sheets, sheets.length - 1);
  return tally.n;
}

/**
 * The currency comes last, on every row as actions.csv writes it: a list passed on alone, or merged
 * with another client's, had bare amounts (1127.25) that could be pounds or dollars, or a purchase
 * log's counts. It comes last, as in every file `longtail run` writes, so columns read by position
 * keep their place.
 */
const csvHeader = (columns: Column<CallRow>[]) => ['Rep', 'Rep kind', ...columns.map((c) => c.header), 'Currency'];

function* csvRows(rows: Iterable<CallRow>, columns: Column<CallRow>[], currency: string): Generator<(string | number | null)[]> {
  const unit = amountsIn(currency);
  for (const r of rows) {
    yield [r.account.rep, r.account.repKind, ...columns.map((c) => csvCell(c, r)), unit];
  }
}

/** Writes the rep call lists; returns every file written and the data rows in them. */
export function writeAssignments(target: ExportTarget, data: PlanExportData): { files: string[]; rows: number } {
  const columns = repColumns(data.summary.asOf, data.summary.currency);
  if ('dir' in target) {
    const used = new Set<string>();
    const files: string[] = [];
    let rows = 0;
    for (const [rep, accounts] of byRep(data.accounts)) {
      const file = path.join(target.dir, safeFileName(rep ?? UNASSIGNED, used, 'csv'));
      rows += writeCsv(file, csvHeader(columns), csvRows(callRows(accounts, data.actionsByCustomer), columns, data.summary.currency));
      files.push(file);
    }
    return { files, rows };
  }
  if (target.format === 'csv') {
    const rows = writeCsv(target.file, csvHeader(columns), csvRows(callRows(data.accounts, data.actionsByCustomer), columns, data.summary.currency));
    return { files: [target.file], rows };
  }
  return { files: [target.file], rows: writeAssignmentsXlsx(target.file, data) };
}
