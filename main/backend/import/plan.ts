import { AppError } from '../../../shared/contract/errors';
import { countsPurchases, IMPORT_FIELDS, SPEND_TABLE_FIELDS, type DateFormat, type ImportField, type ImportShape, type MappingGuess } from '../../../shared/contract/import';
import type { Db } from '../db/open';
import { DateOrderDetector, monthNamed, parseDate, type DateDecision } from './dates';
import { statusOnFirstLineOnly } from './order-status';
import { isGroupedReport } from './fill-down';
import { spendTotalsLine } from './totals-row';
import { detectHeader, headerlessWidth, headerNames, positionNames } from './header';
import { guessMapping, headerSignature, normaliseHeader } from './mapping';
import { purchaseSummaryColumns } from './purchase-summary';
import { DecimalDetector, parseAmount, type DecimalStyle } from './numbers';
import { isBlank, type TableSource } from './source';
import { creditMarking } from './credit-invoices';
import type { DateSpan } from '../../../shared/analytics/date-outliers';
import type { OutlierDays } from './outlier-dates';

export type Mapping = Partial<Record<ImportField, string>>;

/** Everything decided before the rows are read: where the header is, what each column means. */
export type ImportPlan = {
  /** The header row's index in the sample, and its file line; -1 and 0 when the file has none. */
  headerIndex: number;
  headerLine: number;
  /** No header row: the columns are named by position (Column 1, ...) and mapped by their contents. */
  headerless: boolean;
  headers: string[];
  signature: string;
  shape: ImportShape;
  guesses: MappingGuess[];
  mapping: Mapping;
  categoryColumns: string[];
  date: DateDecision;
  decimals: Map<string, DecimalStyle>;
  savedMapping: boolean;
  /** Whether invoices starting with C are credit notes (see creditMarking). */
  creditInvoices: boolean;
  /** Why some invoices start with C and are still not read as credit notes, for the import's warnings. */
  creditWhyNot?: string;
  dataSample: string[][];
  /** A workbook's number formats per column of the file (TableSource.numberFormats), for the currency guess. */
  numberFormats?: (string | null)[][];
  /**
   * A pivot's year and month columns (indices in the file) joined into one date column, the last of
   * `headers`, after the file's `width` columns: every reader appends it to each row (withJoinedDate).
   */
  joinedDate?: { year: number; month: number; width: number };
  /**
   * A delimited file's header width, when its lines mostly have no more values: a line with more
   * (non-blank) values is split where it should not be, an unquoted '1,234.00' say, and every value
   * after the split sits one column off, so the checks reject it instead of reading it shifted.
   */
  fieldLimit?: number;
  /**
   * A grouped report's customer columns (indices in the file: the customer, and its name when apart),
   * blank below the first line of each customer: every reader gives such lines the customer above (fillingDown).
   */
  fillDown?: { columns: number[]; within: number[] };
  /**
   * The status and invoice columns (indices in the file) when the status is written on an order's
   * first line only: every line reader gives the order's other lines its status (statusFilledByOrder).
   */
  orderStatus?: { status: number; invoice: number };
  /** A spend table's last line when its amounts are the sums of the lines above (spendTotalsLine): rejected, not a customer. */
  totalsLine?: number;
  /** The largest amount one row may carry; DEFAULT_MAX_AMOUNT unless the caller says otherwise. */
  maxAmount?: number;
  /**
   * The file's currency column and the import's currency: a row in another currency is rejected,
   * since amounts in two currencies cannot be summed (set by the import once its currency is known).
   */
  currencyRows?: { column: string; code: string };
  /** With day numbers for dates (day-number): the day of day 1. */
  dayOne?: number;
  /** Date spans of earlier imports, which anchor the check on dates far from the rest. */
  earlierDates?: DateSpan[];
  /** The day the import runs: rows dated after it are rejected (outlierDays). */
  today?: number;
  /** Days rejected as typos before the rows are read (known when DuckDB counted the dates first). */
  outlierDays?: OutlierDays;
  /**
   * Columns left unmapped that hold numbers, in a file that would otherwise count purchases: one of
   * them may be money under a name not recognised, so the import asks before counting rows. Empty
   * when revenue was unmapped on purpose (by the user, or in the mapping saved for these headers).
   */
  numbersUnmapped?: string[];
  /**
   * The columns that name purchase statistics (repeat purchases, recency, age) in a file read as a
   * spend table by its look, not by the user's choice: the import refuses it (requireUsable).
   */
  purchaseSummary?: string[];
};

/** fillDown: true reads the file as a grouped report, false never does; left out, the sample decides (isGroupedReport). */
export type PlanOptions = { shape?: ImportShape; mapping?: Partial<Record<ImportField, string | null>>; dateFormat?: DateFormat; fillDown?: boolean; /** The file's name, for the messages that refuse it. */ fileName?: string };

function savedMappingFor(db: Db | null, signature: string): { shape: ImportShape; mapping: Mapping; dateFormat: DateFormat | null } | null {
  if (!db) return null;
  const row = db.prepare('SELECT shape, mapping_json, date_format FROM mappings WHERE header_signature = ?').get(signature) as
    | { shape: ImportShape; mapping_json: string; date_format: DateFormat | null }
    | undefined;
  return row ? { shape: row.shape, mapping: JSON.parse(row.mapping_json) as Mapping, dateFormat: row.date_format } : null;
}

function resolveColumn(headers: string[], wanted: string, field: string): string {
  const exact = headers.find((h) => h === wanted) ?? headers.find((h) => h.toLowerCase() === wanted.toLowerCase()) ?? headers.find((h) => normaliseHeader(h) === normaliseHeader(wanted));
  if (!exact) {
    throw new AppError('INVALID_INPUT', `Cannot map ${field} to '${wanted}': the file has no such column. Its columns are: ${headers.join(', ')}.`, { field, column: wanted, headers });
  }
  return exact;
}

const numericShare = (values: string[]): number => {
  const filled = values.filter((v) => v.trim() !== '');
  return filled.length === 0 ? 0 : filled.filter((v) => parseAmount(v) !== null).length / filled.length;
};

/** Share of the filled values that repeat one before them. */
const repeatedShare = (values: string[]): number => {
  const filled = values.map((v) => v.trim()).filter((v) => v !== '');
  return filled.length === 0 ? 0 : (filled.length - new Set(filled).size) / filled.length;
};

/**
 * A spend table has a row per customer: where more customers than this share of its rows repeat, the
 * file is sales without dates, and its numbers (ids, quantities) must not be summed as spend.
 */
const SPEND_TABLE_REPEATS = 0.1;

/**
 * Headers that name a row's key and nothing else (normalised): a spend table's column of them is its
 * customer, never a category. Whole names only: a category may end like a key ("Vino", "Liquid").
 */
const ROW_KEYS: ReadonlySet<string> = new Set(['id', 'no', 'nr', 'num', 'number', 'key', 'code', 'index', 'idx', 'row', 'rowid', 'rowno', 'recordid', 'recno']);
const namesARowKey = (header: string): boolean => ROW_KEYS.has(normaliseHeader(header));

/** A spend table's customer key where no header names the customer: a column named as a row key (ID, Nr) whose values never repeat. */
function customerKeyOf(headers: readonly string[], columnOf: (h: string) => string[]): string | null {
  return headers.find((h) => namesARowKey(h) && repeatedShare(columnOf(h)) === 0 && columnOf(h).every((v) => v.trim() !== '')) ?? null;
}

function detectShape(mapping: Mapping, headers: string[], columnOf: (h: string) => string[]): ImportShape {
  if (mapping.date && (mapping.customer || mapping.customerName)) return mapping.orders ? 'cube' : 'transactions';
  if (!mapping.date && !mapping.customer && mapping.product && mapping.category) return 'product-master';
  const described = new Set(SPEND_TABLE_FIELDS.map((f) => mapping[f]));
  const numeric = headers.filter((h) => !described.has(h) && numericShare(columnOf(h)) >= 0.9);
  const who = mapping.customer ?? mapping.customerName;
  const oneRowPerCustomer = !who || repeatedShare(columnOf(who)) <= SPEND_TABLE_REPEATS;
  return !mapping.date && numeric.length >= 2 && oneRowPerCustomer ? 'spend-table' : 'transactions';
}

export function buildPlan(db: Db | null, source: TableSource, options: PlanOptions): ImportPlan {
  const sample = source.sample;
  if (sample.length === 0 || sample.every((r) => isBlank(r.cells))) {
    throw new AppError('IMPORT_EMPTY', `${options.fileName ?? 'The file'}${source.sheet ? ` (sheet "${source.sheet}")` : ''} has no rows. Choose a file with a header row and data rows.`);
  }
  const found = detectHeader(sample);
  const width = found === null ? headerlessWidth(sample) : null;
  const headerless = width !== null;
  if (found === null && width === null) {
    throw new AppError('IMPORT_NOT_A_TABLE', `No header row found in ${options.fileName ?? 'the file'}${source.sheet ? ` (sheet "${source.sheet}")` : ''}: the first rows do not have column names, nor a column of dates. Add a header row (e.g. Customer, Date, Revenue) and import again.`);
  }
  const headerIndex = found ?? -1;
  const headers = width !== null ? positionNames(width) : headerNames(sample[headerIndex].cells);
  const dataRows = sample.slice(headerIndex + 1).filter((r) => !isBlank(r.cells));
  if (dataRows.length === 0) {
    throw new AppError('IMPORT_EMPTY', `${options.fileName ?? 'The file'}${source.sheet ? ` (sheet "${source.sheet}")` : ''} has a header row (line ${sample[headerIndex].line}) but no data rows below it.`);
  }
  const dataSample = dataRows.map((r) => r.cells);
  const signature = headerSignature(headers);
  const fieldLimit = source.text && source.text.width <= headers.length ? headers.length : undefined;
  // A pivot's Year and Month stand in for a date: joined into one more column of months (each read
  // as its first day), there to be mapped like any other, and dropped again when it is not the date.
  const pair = headerless ? null : yearAndMonthColumns(headers, dataSample);
  let joinedDate: ImportPlan['joinedDate'];
  if (pair) {
    joinedDate = { year: headers.indexOf(pair.year), month: headers.indexOf(pair.month), width: headers.length };
    for (let i = 0; i < dataSample.length; i++) dataSample[i] = withJoinedDate(dataSample[i], joinedDate);
    headers.push(`${pair.year} + ${pair.month}`);
  }
  const columns = headers.map((_, i) => dataSample.map((cells) => cells[i] ?? ''));
  const columnOf = (h: string): string[] => columns[headers.indexOf(h)] ?? [];

  // Files without headers share names by width only: a mapping saved for one would be wrong for the next.
  const saved = headerless ? null : savedMappingFor(db, signature);
  const savedUsable = saved !== null && (options.shape === undefined || options.shape === saved.shape) && Object.values(saved.mapping).every((c) => c === undefined || headers.includes(c));
  let guesses: MappingGuess[];
  if (saved && savedUsable) {
    guesses = IMPORT_FIELDS.map((field) => {
      const column = saved.mapping[field] ?? null;
      return { field, column, confidence: column ? 1 : 0, reason: column ? 'saved mapping for files with these headers' : 'not mapped in the saved mapping' };
    });
  } else guesses = guessMapping(headers, columns, headerless);

  const mapping: Mapping = {};
  for (const g of guesses) if (g.column) mapping[g.field] = g.column;
  for (const [field, column] of Object.entries(options.mapping ?? {}) as [ImportField, string | null | undefined][]) {
    if (column === undefined) continue;
    if (column === null) delete mapping[field];
    else {
      const resolved = resolveColumn(headers, column, field);
      for (const f of Object.keys(mapping) as ImportField[]) if (mapping[f] === resolved) delete mapping[f];
      mapping[field] = resolved;
    }
    const g = guesses.find((x) => x.field === field);
    if (g) Object.assign(g, { column: mapping[field] ?? null, confidence: 1, reason: 'chosen by the user' });
  }
  // A file with only a customer name column still identifies customers by it.
  if (!mapping.customer && mapping.customerName) mapping.customer = mapping.customerName;
  if (pair && joinedDate) {
    const name = headers[joinedDate.width];
    const asked = options.mapping?.date;
    // A month guessed as the date ("Period" holding 1..12 beside "Fiscal Year") is the month of the pair.
    const join = asked === undefined ? !(saved && savedUsable && saved.mapping.date && saved.mapping.date !== name) && (!mapping.date || mapping.date === pair.month || mapping.date === name) : asked === name;
    if (join) {
      mapping.date = name;
      const g = guesses.find((x) => x.field === 'date');
      if (g && asked === undefined) Object.assign(g, { column: name, confidence: 0.9, reason: `'${pair.year}' and '${pair.month}' hold a year and a month: joined into one date, each month read as its first day` });
    } else {
      // Not the date after all: the file is read as it is.
      headers.pop();
      columns.pop();
      for (let i = 0; i < dataSample.length; i++) dataSample[i] = dataSample[i].slice(0, joinedDate.width);
      for (const g of guesses) if (g.column === name) Object.assign(g, { column: null, confidence: 0, reason: 'no matching column' });
      joinedDate = undefined;
    }
  }

  const shape = options.shape ?? (saved && savedUsable ? saved.shape : detectShape(mapping, headers, columnOf));
  let categoryColumns: string[] = [];
  // Only a cube counts orders per row; a stored mapping with orders is how a cube import is recognised later.
  if (shape !== 'cube') delete mapping.orders;
  // A cube's rows are sums of sales already.
  if (shape !== 'transactions') delete mapping.status;
  let purchaseSummary: string[] | undefined;
  if (shape === 'spend-table') {
    for (const f of Object.keys(mapping) as ImportField[]) if (!SPEND_TABLE_FIELDS.includes(f)) delete mapping[f];
    // A customer left unmapped on purpose (by the user, or in the mapping saved for these headers) numbers the rows.
    if (!mapping.customer && options.mapping?.customer !== null && !(saved && savedUsable)) {
      const key = customerKeyOf(headers, columnOf);
      if (key) {
        mapping.customer = key;
        const g = guesses.find((x) => x.field === 'customer');
        if (g) Object.assign(g, { column: key, confidence: 0.8, reason: `'${key}' is named like a key and no two rows share a value: one row per customer` });
      }
    }
    const described = new Set(Object.values(mapping));
    // An id is never spend, however numeric.
    categoryColumns = headers.filter((h) => !described.has(h) && !namesARowKey(h) && numericShare(columnOf(h)) >= 0.6);
    if (!options.shape && !(saved && savedUsable)) purchaseSummary = purchaseSummaryColumns(categoryColumns) ?? undefined;
  }

  const dates = new DateOrderDetector();
  if (mapping.date) for (const v of columnOf(mapping.date)) dates.observe(v);
  const detected = dates.decide();
  const date: DateDecision = options.dateFormat
    ? { detected: options.dateFormat, candidates: [options.dateFormat], ambiguous: false, reason: 'chosen by the user' }
    : // Only a saved day/month order settles slash dates: one saved from files of ISO dates says nothing of them.
      saved && savedUsable && saved.dateFormat && detected.ambiguous && detected.candidates.includes(saved.dateFormat)
      ? { detected: saved.dateFormat, candidates: detected.candidates, ambiguous: false, reason: 'saved date format for files with these headers' }
      : detected;

  let fillDown: ImportPlan['fillDown'];
  if (shape === 'transactions' && mapping.customer && options.fillDown !== false) {
    const dates = mapping.date ? columnOf(mapping.date) : [];
    if (options.fillDown === true || isGroupedReport(columnOf(mapping.customer), dates.map((t) => parseDate(t.trim(), date.detected)))) {
      const name = mapping.customerName && mapping.customerName !== mapping.customer ? [headers.indexOf(mapping.customerName)] : [];
      // A date joined from a year and a month is made after the fill, from columns of its own.
      const within = [mapping.date, mapping.invoice]
        .filter((c): c is string => Boolean(c))
        .map((c) => headers.indexOf(c))
        .filter((i) => i >= 0 && i < (joinedDate?.width ?? headers.length));
      fillDown = { columns: [headers.indexOf(mapping.customer), ...name], within };
      const g = guesses.find((x) => x.field === 'customer');
      if (g && g.column === mapping.customer) g.reason += `; blank below each customer, as a grouped report leaves it: those lines are the customer's above`;
    }
  }

  const decimals = new Map<string, DecimalStyle>();
  const hint: DecimalStyle = source.delimiter === ';' ? 'comma' : 'dot';
  const amountColumns = [mapping.revenue, mapping.quantity, mapping.unitPrice, ...categoryColumns].filter((c): c is string => Boolean(c));
  for (const c of amountColumns) {
    const d = new DecimalDetector();
    for (const v of columnOf(c)) d.observe(v);
    decimals.set(c, d.decide(hint));
  }

  // Only where the sample is the whole file is its last line the table's.
  const totalsLine =
    shape === 'spend-table' && source.sampleIsAll
      ? spendTotalsLine(dataRows, categoryColumns.map((c) => ({ index: headers.indexOf(c), style: decimals.get(c) ?? 'dot' })))
      : null;

  const orderStatus =
    shape === 'transactions' && mapping.status && mapping.invoice && statusOnFirstLineOnly(columnOf(mapping.status), columnOf(mapping.invoice))
      ? { status: headers.indexOf(mapping.status), invoice: headers.indexOf(mapping.invoice) }
      : undefined;

  const credit = mapping.invoice ? creditMarking(columnOf(mapping.invoice), mapping.invoice) : null;

  const revenueUnmappedOnPurpose = options.mapping?.revenue === null || Boolean(saved && savedUsable && !saved.mapping.revenue);
  const mapped = new Set(Object.values(mapping));
  const numbersUnmapped =
    countsPurchases(shape, mapping) && !revenueUnmappedOnPurpose ? headers.filter((h) => !mapped.has(h) && numericShare(columnOf(h)) >= 0.9) : [];

  return {
    numbersUnmapped,
    ...(purchaseSummary ? { purchaseSummary } : {}),
    creditInvoices: credit?.credits === true,
    ...(credit?.whyNot ? { creditWhyNot: credit.whyNot } : {}),
    headerIndex,
    headerLine: headerless ? 0 : sample[headerIndex].line,
    headerless,
    headers,
    signature,
    shape,
    guesses,
    mapping,
    categoryColumns,
    date,
    decimals,
    savedMapping: Boolean(saved && savedUsable),
    dataSample,
    ...(source.numberFormats ? { numberFormats: source.numberFormats } : {}),
    ...(joinedDate ? { joinedDate } : {}),
    ...(fieldLimit !== undefined ? { fieldLimit } : {}),
    ...(fillDown ? { fillDown } : {}),
    ...(orderStatus ? { orderStatus } : {}),
    ...(totalsLine !== null ? { totalsLine } : {}),
  };
}

/** Why a month numbered in a fiscal year can be the wrong calendar month, and what to do about it. */
const fiscalShift = (fix: string): string =>
  `Where a fiscal year starts in another month every date moves by as many months (rhythms and recovery read the same; seasons fall in other months); ${fix} into calendar months to fix that, or map a date column with --map date=<column>.`;

/** What a joined date means, for the import's notes: month 1 is January, whatever the fiscal year. */
export function joinedDateNote(headers: readonly string[], joined: NonNullable<ImportPlan['joinedDate']>): string {
  const [year, month] = [headers[joined.year], headers[joined.month]];
  return `'${year}' and '${month}' are joined into one date, '${year} + ${month}': month 1 is January. ${fiscalShift('join them')}`;
}

/** What a column of posting periods means ('001.2023', 2023001): period 1 is January, whatever the fiscal year. */
export const postingPeriodNote = (column: string): string =>
  `'${column}' holds posting periods: period 1 is read as January of the year written, period 12 as December, and closing periods 13-16 are rejected (no month to date them in). ${fiscalShift('turn them')}`;

/**
 * A row's cells with the joined date after the file's own columns (at `width`): "2021-03" from a
 * year of 2021 and a month of 3, 03 or Mar(ch). Blank when either is; a month that is neither a
 * number nor a month's name is kept as written, so the date check rejects the row with it. Values
 * past the header's width follow it, so a line split where it should not be is still seen as such.
 */
export function withJoinedDate(cells: readonly string[], joined: NonNullable<ImportPlan['joinedDate']>): string[] {
  const out = cells.slice(0, joined.width);
  while (out.length < joined.width) out.push('');
  const beyond = cells.slice(joined.width);
  const year = (cells[joined.year] ?? '').trim();
  const month = (cells[joined.month] ?? '').trim();
  const number = /^\d{1,2}$/.test(month) ? Number(month) : (monthNamed(month) ?? NaN);
  out.push(year === '' || month === '' ? '' : number >= 1 && number <= 12 ? `${year}-${String(number).padStart(2, '0')}` : `${year}-${month}`);
  for (const value of beyond) out.push(value);
  return out;
}

const YEAR_HEADER = /^(fiscal[ _-]?)?(year|yr|jahr|ann[eé]e|a[nñ]o|anno|jaar|ano)$/i;
const MONTH_HEADER = /^(fiscal[ _-]?)?(month|mon|monat|mois|mes|mese|maand|m[eê]s|period|periode|periodo)$/i;
const MONTH_NAME = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

/** A year column and a month column standing in for a date (a pivot's Year, Month), or null. */
function yearAndMonthColumns(headers: readonly string[], dataSample: readonly string[][]): { year: string; month: string } | null {
  const column = (h: string): string[] => dataSample.map((cells) => (cells[headers.indexOf(h)] ?? '').trim()).filter((v) => v !== '');
  // Nearly all, not all: a row whose month is 13 is rejected with its value, not a reason to refuse the file.
  const mostly = (values: string[], test: (v: string) => boolean): boolean => values.length > 0 && values.filter(test).length >= 0.9 * values.length;
  const year = headers.find((h) => YEAR_HEADER.test(h.trim()) && mostly(column(h), (v) => /^(19|20)\d\d$/.test(v)));
  const month = headers.find((h) => MONTH_HEADER.test(h.trim()) && mostly(column(h), (v) => (/^\d{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= 12) || MONTH_NAME.test(v)));
  return year && month ? { year, month } : null;
}

/** Refuses a plan that cannot produce a single row, with one message saying what to map. */
export function requireUsable(plan: ImportPlan, file = 'This file'): void {
  const m = plan.mapping;
  const cols = `Columns: ${plan.headers.join(', ')}.`;
  const fail = (missing: string, hint: string): never => {
    throw new AppError('IMPORT_MAPPING_INCOMPLETE', `No ${missing} column found. ${hint} ${cols}`, { missing, headers: plan.headers, mapping: m });
  };
  if (plan.shape === 'transactions' || plan.shape === 'cube') {
    if (!m.customer) fail('customer', 'Map one with --map customer=<column>.');
    if (!m.date && plan.shape === 'cube') fail('period', 'Map the period start with --map date=<column>.');
    if (!m.date) {
      const at = m.customer ? plan.headers.indexOf(m.customer) : -1;
      const repeats = at < 0 ? 0 : repeatedShare(plan.dataSample.map((cells) => cells[at] ?? ''));
      const parts = yearAndMonthColumns(plan.headers, plan.dataSample);
      if (parts) {
        fail(
          'date',
          `'${parts.year}' and '${parts.month}' hold a year and a month, but the date must be one column: join them into one (2022-03, or 03/2022), which is read as the month's first day, and import that, or map a column of dates with --map date=<column>.`,
        );
      }
      fail(
        'date',
        repeats > SPEND_TABLE_REPEATS
          ? `Map one with --map date=<column>. Customers repeat on ${Math.round(repeats * 100)}% of the rows read, so this is no spend table (one row per customer): recovery and the backtest need the date of each sale.`
          : 'Map one with --map date=<column>, or import the file as a spend table (--shape spend-table).',
      );
    }
    if (plan.shape === 'cube' && !m.revenue) fail('revenue', 'Map --map revenue=<column>.');
    if (!m.revenue && m.unitPrice && !m.quantity) fail('quantity', 'A unit price needs a quantity: map --map quantity=<column>, or --map revenue=<column>.');
    const numbers = plan.numbersUnmapped ?? [];
    if (numbers.length > 0) {
      fail(
        'revenue',
        `${numbers.map((c) => `'${c}'`).join(', ')} ${numbers.length === 1 ? 'holds' : 'hold'} numbers: map the money with --map revenue=<column>; if none is money, count each row as one purchase with --map revenue=.`,
      );
    }
  } else if (plan.shape === 'spend-table') {
    const stats = plan.purchaseSummary;
    if (stats) {
      throw new AppError(
        'IMPORT_PURCHASE_SUMMARY',
        `${file} summarises each customer's purchases in ${stats.map((c) => `'${c}'`).join(', ')} (repeat purchases, when the last fell, the customer's age, as lifetime-value tools write them): it holds no sales and no spend by category, and summed as spend its counts and weeks would read as money. Import the transactions it was made from (a customer, a date and an amount per sale); to import its numbers as category spend all the same, choose the spend-table shape (--shape spend-table).`,
        { columns: stats, headers: plan.headers },
      );
    }
    if (plan.categoryColumns.length === 0) fail('category spend', 'A spend table needs one numeric column per category.');
  } else {
    if (!m.product) fail('product', 'Map --map product=<column>.');
    if (!m.category) fail('category', 'Map --map category=<column>.');
  }
}
