import os from 'node:os';
import { AppError } from '../../../../shared/contract/errors';
import { countsPurchases, type ImportField } from '../../../../shared/contract/import';
import { SPACED } from '../csv-tokenizer';
import { parseDate } from '../dates';
import { sha256File } from '../hash';
import type { ImportPlan } from '../plan';
import type { SummedRows, TransactionsSink } from '../sink-transactions';
import type { Tally } from '../tally';
import { DEFAULT_MAX_AMOUNT } from '../numbers';
import { isBlank } from '../source';
import { scanFile } from './blank-lines';
import { outlierDays } from '../outlier-dates';
import { creditStatusCondition, saleStatusCondition, sqlWords } from '../../../../shared/cube/sql';
import { spellingsOf } from '../../../../shared/format/currency';
import { isTotalsLabel } from '../totals-row';
import { isMissingMarker, unlessMarker, unlessRegionMarker } from '../missing-markers';
import { currencyAmounts } from './plain-amounts';
import { openDuckDb, sqlText, type DuckDb } from './engine';

/** What DuckDB read, before anything reaches the workspace. */
export type StagedFile = {
  duck: DuckDb;
  /** Data rows DuckDB read (empty lines, which it passes over, are in blankLines instead). */
  rowsRead: number;
  /** Rows that passed DuckDB's checks and are summed per customer x category x day. */
  summed: number;
  cubeRows: number;
  /** Rows left to the line-by-line checks (blank rows among them), which name the reason for each one they reject. */
  doubtful: number;
  /** Day of each date text the summed rows carry, parsed by the importer's own parser. */
  days: Map<string, number>;
  /** Rows skipped as no sale by the status column, per status as written. */
  notSales: [string, number][];
  sha256: string;
  blankLines: number[];
  /** The file's last line (its number and text) when no line ending follows it: run.ts says so, as the line-by-line reader does. */
  unterminated: { line: number; text: string } | null;
  /**
   * The first and last day the file's rows can be stored on (the summed rows' days and every date
   * the doubtful rows carry), null for none: sums cannot be compared with lines already stored, so
   * a file whose dates meet theirs is not summed (runImport).
   */
  span: { from: number; to: number } | null;
};

type Column = { field: ImportField; index: number };

// Plain decimals only ("1234.50", "-3"): anything else (thousands separators, currency signs,
// brackets, comma decimals) goes to the line-by-line parser, which knows them all.
const PLAIN_NUMBER = `'^-?[0-9]+(\\.[0-9]+)?$'`;
/** Why this file cannot go through DuckDB, or null when it can. */
export function duckDbUnsuitable(plan: ImportPlan, format: string, encoding: string | null, delimiter: string | null): string | null {
  if (format !== 'csv' && format !== 'parquet') return `DuckDB reads CSV and Parquet, not ${format}`;
  if (delimiter === SPACED) return 'its columns are aligned with spaces';
  if (plan.shape !== 'transactions') return `a ${plan.shape} is imported as it is`;
  if (plan.joinedDate) return 'its date is joined from a year and a month column, line by line';
  if (plan.fillDown) return "its customers are written once per group, as a report prints them, and filled down line by line";
  if (plan.orderStatus) return "its status is written on each order's first line only, and given to the order's other lines line by line";
  if (format === 'csv' && encoding !== null && !/^utf-?8/i.test(encoding)) return `the file is ${encoding}, and DuckDB reads UTF-8`;
  if (!plan.mapping.category) return 'there is no category column (products or one category stand in for it line by line)';
  if (countsPurchases(plan.shape, plan.mapping)) return 'it has no money column (each row counts as one purchase, line by line)';
  const amounts = [plan.mapping.revenue, plan.mapping.quantity, plan.mapping.unitPrice].filter((c): c is string => Boolean(c));
  if (amounts.some((c) => (plan.decimals.get(c) ?? 'dot') !== 'dot')) return 'amounts use a decimal comma';
  return currencyAmounts(plan);
}

const readerFor = (file: string, format: string, delimiter: string | null, headerLine: number, columns: number): string => {
  if (format === 'parquet') return `read_parquet(${sqlText(file)})`;
  const names = Array.from({ length: columns }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  return `read_csv(${sqlText(file)}, delim = ${sqlText(delimiter ?? ',')}, quote = '"', escape = '"', header = false, skip = ${headerLine},
    columns = {${names}}, null_padding = true, strict_mode = false, auto_detect = false)`;
};

const cancelled = (): AppError => new AppError('CANCELLED', 'The import was cancelled; the workspace is unchanged.');

/** The key columns whose values our own code settles (trimmed, parsed) once per distinct value. */
type KeyColumn = 'customer' | 'category' | 'date';

/**
 * DuckDB's settings for a file not known to shrink when summed (the engine forced): nearly every
 * line becomes a group, and the groups, kept in memory with their latest names, are most of what
 * DuckDB holds. With two threads and 1 GB a 5M-line file that does not shrink peaked at 1.8 GB
 * (DuckDB plus the rows kept for the analysis); one thread and 768 MB peaked at 1.37 GB, about as
 * fast on two shared cores. Below 768 MB (640, or 512 with the groups on disk) DuckDB runs out of
 * memory on that file and the import goes line by line. A file that `auto` sampled as shrinking
 * keeps two threads and 1 GB (0.8-0.9 GB peak at 26 rows per 100 lines).
 */
const LEAN_DUCKDB = { threads: 1, memoryLimitMb: 768 };

/**
 * Reads the file with DuckDB in one pass that sums the plainly valid rows per customer x category x
 * date text and counts the rest. Texts are grouped as they are written: our own code trims and
 * parses each distinct value once afterwards, so a date or a code means the same whichever engine
 * read it, and values it refuses (a date it cannot read, a code of spaces) send their rows back to
 * the line-by-line checks. Those rows, and the doubtful ones, are read again only when there are
 * some. Nothing but the sums and the doubtful rows is kept, so a 5M-row file never sits in memory as text.
 */
export async function stageWithDuckDb(
  file: string,
  format: 'csv' | 'parquet',
  delimiter: string | null,
  plan: ImportPlan,
  signal: AbortSignal,
  onProgress: (share: number) => void,
  shrinks = false,
): Promise<StagedFile> {
  const duck = await openDuckDb({ spillDir: os.tmpdir(), ...(shrinks ? {} : LEAN_DUCKDB) });
  const c = duck.connection;
  // Runs beside DuckDB's own threads: one more read of the file, mostly from the page cache.
  const scanning = format === 'csv' ? scanFile(file, signal) : sha256File(file).then((sha256) => ({ sha256, blankLines: [] as number[], lines: 0, unterminated: null }));
  scanning.catch(() => {});
  // Two reads of the file at most: the progress bar gives each its half when there is a second.
  let passes = { done: 0, of: 1 };
  const timer = setInterval(() => {
    if (signal.aborted) c.interrupt();
    const p = c.progress.percentage;
    if (p >= 0) onProgress((passes.done + p / 100) / passes.of);
  }, 200);
  try {
    const m = plan.mapping;
    const headerIndex = new Map(plan.headers.map((h, i) => [h, i]));
    const mapped: Column[] = (Object.keys(m) as ImportField[]).flatMap((field) => {
      const index = headerIndex.get(m[field] ?? '');
      return index === undefined ? [] : [{ field, index }];
    });
    const cell = (i: number): string => (format === 'parquet' ? `CAST(${JSON.stringify(plan.headers[i])} AS VARCHAR)` : `c${i}`);
    // One column past the header: a line with a value there was split where it should not be, and goes line by line to be rejected.
    const past = format === 'parquet' || plan.fieldLimit === undefined ? null : plan.headers.length;
    const reader = readerFor(file, format, delimiter, plan.headerLine, plan.headers.length + (past === null ? 0 : 1));
    // Only what the checks and sums read: products and invoice numbers are not kept (an invoice is read for credit notes).
    const used = new Set<ImportField>(['customer', 'category', 'date', 'revenue', 'quantity', 'unitPrice', 'customerName', 'rep', 'territory', 'segment', 'status', ...(plan.creditInvoices ? (['invoice'] as const) : [])]);
    const currencyIndex = plan.currencyRows ? plan.headers.indexOf(plan.currencyRows.column) : -1;
    const fields = [
      ...mapped.filter((col) => used.has(col.field)).map((col) => `${cell(col.index)} AS "${col.field}"`),
      ...(currencyIndex >= 0 ? [`${cell(currencyIndex)} AS "currency_of_row"`] : []),
      ...(past === null ? [] : [`c${past} AS "past_header"`]),
    ].join(', ');
    const has = (f: ImportField): boolean => mapped.some((col) => col.field === f);
    // Trimming every cell in SQL cost more than the rest of the pass: amounts must be plain as they
    // stand, anything padded goes line by line.
    const numberOk = (f: ImportField, optional: boolean): string => (optional ? `("${f}" IS NULL OR regexp_full_match("${f}", ${PLAIN_NUMBER}))` : `regexp_full_match("${f}", ${PLAIN_NUMBER})`);
    const quantity = has('quantity') ? `TRY_CAST("quantity" AS DOUBLE)` : 'NULL::DOUBLE';
    const stated = 'TRY_CAST("revenue" AS DOUBLE)';
    // A line taking goods back (negative quantity) with its amount written unsigned is a return.
    let revenue = has('revenue')
      ? has('quantity')
        ? `CASE WHEN ${quantity} < 0 AND ${stated} > 0 THEN -${stated} ELSE ${stated} END`
        : stated
      : `${quantity} * TRY_CAST("unitPrice" AS DOUBLE)`;
    // A credit note ("C536379") is a return even when its amounts were typed positive.
    if (plan.creditInvoices && has('invoice')) revenue = `CASE WHEN upper(left(ltrim("invoice"), 1)) = 'C' AND ${revenue} > 0 THEN -(${revenue}) ELSE ${revenue} END`;
    // ...and so is a row whose type says it is a credit memo or a refund.
    if (has('status')) revenue = `CASE WHEN ${creditStatusCondition('duckdb', '"status"')} AND ${revenue} > 0 THEN -(${revenue}) ELSE ${revenue} END`;
    const maxAmount = plan.maxAmount ?? DEFAULT_MAX_AMOUNT;
    // The line-by-line sink's checks, in SQL: plain dot decimals (so no value can contradict its
    // column's decimal style) and amounts within the per-row ceiling (#11); dates and codes are
    // checked once per distinct value after the pass.
    const ok = `coalesce(${[
      `"customer" <> ''`,
      `"category" <> ''`,
      `"date" <> ''`,
      has('revenue') ? numberOk('revenue', false) : `${numberOk('unitPrice', false)} AND ${numberOk('quantity', false)}`,
      has('quantity') && has('revenue') ? numberOk('quantity', true) : 'true',
      `abs(${revenue}) <= ${maxAmount}`,
      past === null ? 'true' : `trim(coalesce("past_header", '')) = ''`,
      // The import's own currency as written (its code, symbol or name) passes here; anything else is judged line by line.
      currencyIndex >= 0
        ? `("currency_of_row" IS NULL OR "currency_of_row" = '' OR upper("currency_of_row") IN (${sqlWords(spellingsOf((plan.currencyRows as { code: string }).code))}))`
        : 'true',
    ].join(' AND ')}, false)`;
    const text = (f: ImportField): string => (has(f) ? `"${f}"` : 'NULL::VARCHAR');
    // A row that is no sale by its status is skipped before any check, as line by line; the warehouse's cube query reads it alike.
    const noSale = has('status') ? `NOT ${saleStatusCondition('duckdb', '"status"')}` : 'false';
    // Doubtful rows all fall into the one group whose keys are NULL. A summed group keeps its last
    // row's details (one struct is cheaper than four arg_max): the customer's latest if its day is.
    // A day's credits are summed apart from its purchases: recovery reads purchases (UnitSeries), so
    // summed together they would read differently from the same lines imported one by one.
    // Rows that are no sale fall into groups of their own, one per status as written.
    await c.run(`CREATE TABLE cube AS
      SELECT customer, category, date, skipped_as, n, first_rn, last_rn, revenue, quantity, l.name AS name, l.rep AS rep, l.territory AS territory, l.segment AS segment
        FROM (SELECT CASE WHEN ok THEN "customer" END AS customer, CASE WHEN ok THEN "category" END AS category, CASE WHEN ok THEN "date" END AS date,
                     CASE WHEN ok THEN ${revenue} < 0 END AS credit, CASE WHEN no_sale THEN ${text('status')} END AS skipped_as,
                     count(*)::BIGINT AS n, min(rn)::BIGINT AS first_rn, max(rn)::BIGINT AS last_rn, sum(${revenue}) AS revenue, sum(${quantity}) AS quantity,
                     arg_max_null({'name': ${text('customerName')}, 'rep': ${text('rep')}, 'territory': ${text('territory')}, 'segment': ${text('segment')}}, rn) AS l
                FROM (SELECT *, ${ok} AND NOT no_sale AS ok FROM (SELECT *, ${noSale} AS no_sale FROM (SELECT row_number() OVER () AS rn, ${fields} FROM ${reader})))
               GROUP BY ALL)`);
    if (signal.aborted) throw cancelled();
    // The cube is built; every pass that follows reads it block by block (its keys, the names, one
    // sorted read). Under the build's cap DuckDB kept the whole cube resident beside those passes: a
    // forced 5M-line file that does not shrink peaked at 1.42-1.75 GB. With half the cap for them its
    // blocks go to the spill folder as they need room: 1.08 GB, as fast (a file that shrinks to a
    // quarter: 0.72-0.73 GB, not 0.76-0.77).
    await c.run(`SET memory_limit = '${Math.round(duck.memoryLimitMb / 2)}MB'`);

    const days = new Map<string, number>();
    const refused: [KeyColumn, string][] = [];
    // By rows: a cube with no summed group (every row doubtful) has no columns to read at all.
    const distinct = async (column: KeyColumn): Promise<string[]> =>
      (await c.runAndReadAll(`SELECT DISTINCT ${column} FROM cube WHERE customer IS NOT NULL`)).getRows().map((r) => r[0] as string);
    for (const t of await distinct('date')) {
      const day = parseDate(t.trim(), plan.date.detected, plan.dayOne);
      if (day === null) refused.push(['date', t]);
      else days.set(t, day);
    }
    // Dates far from all the others, on a handful of rows, are typos: those rows go to the
    // line-by-line checks, which reject them with the reason.
    const perDay = new Map<number, number>();
    for (const [t, n] of (await c.runAndReadAll('SELECT date, sum(n)::INTEGER FROM cube WHERE customer IS NOT NULL GROUP BY date')).getRows() as [string, number][]) {
      const day = days.get(t);
      if (day !== undefined) perDay.set(day, (perDay.get(day) ?? 0) + n);
    }
    plan.outlierDays = outlierDays(plan.earlierDates ?? [], perDay, plan.today);
    for (const [t, day] of days) {
      if (!plan.outlierDays.has(day)) continue;
      days.delete(t);
      refused.push(['date', t]);
    }
    // A report's totals line ('Total', 'Grand Total') is no customer, and 'nan' or 'NA' no customer or category: their rows go
    // line by line too, which rejects them with why.
    for (const column of ['customer', 'category'] as const) {
      for (const t of await distinct(column)) if (t.trim() === '' || isMissingMarker(t) || (column === 'customer' && isTotalsLabel(t.trim()))) refused.push([column, t]);
    }
    await c.run('CREATE TABLE refused (kind VARCHAR, value VARCHAR)');
    const appender = await c.createAppender('refused');
    for (const [kind, value] of refused) {
      appender.appendVarchar(kind);
      appender.appendVarchar(value);
      appender.endRow();
    }
    appender.closeSync();
    const isRefused = (['customer', 'category', 'date'] as const).map((k) => `"${k}" IN (SELECT value FROM refused WHERE kind = '${k}')`).join(' OR ');
    const total = Number((await c.runAndReadAll('SELECT coalesce(sum(n), 0)::BIGINT FROM cube')).getRows()[0][0]);
    // Groups with a value our own code refuses are not summed: their rows go line by line, which rejects each with its row number.
    if (refused.length > 0) await c.run(`DELETE FROM cube WHERE ${isRefused}`);
    const [summed, cubeRows] = (await c.runAndReadAll('SELECT coalesce(sum(n), 0)::BIGINT, count(*)::BIGINT FROM cube WHERE customer IS NOT NULL')).getRows()[0].map(Number);
    const notSales = (await c.runAndReadAll('SELECT skipped_as, sum(n)::BIGINT FROM cube WHERE skipped_as IS NOT NULL GROUP BY skipped_as ORDER BY min(first_rn)')).getRows().map(([s, n]) => [s as string, Number(n)] as [string, number]);
    const skipped = notSales.reduce((sum, [, n]) => sum + n, 0);
    let doubtful = 0;
    if (total > summed + skipped) {
      // Every column, so a blank row is told from one with only its mapped cells empty, as line by line.
      passes = { done: 1, of: 2 };
      const kept = past === null ? plan.headers.length : past + 1;
      await c.run(`CREATE TABLE doubtful AS
        SELECT rn, ${Array.from({ length: kept }, (_, i) => `coalesce(c${i}, '') AS c${i}`).join(', ')}
          FROM (SELECT row_number() OVER () AS rn, ${Array.from({ length: kept }, (_, i) => `${cell(i)} AS c${i}`).join(', ')}, ${fields} FROM ${reader})
         WHERE (NOT ${ok} OR ${isRefused}) AND NOT ${noSale}
         ORDER BY rn`);
      if (signal.aborted) throw cancelled();
      doubtful = Number((await c.runAndReadAll('SELECT count(*)::BIGINT FROM doubtful')).getRows()[0][0]);
      // Both reads must see the same rows; if they do not, the caller imports line by line instead.
      if (doubtful !== total - summed - skipped) throw new Error(`the two reads disagree (${total - summed - skipped} rows to check, ${doubtful} found)`);
    }
    const span = { from: Infinity, to: -Infinity };
    const widen = (day: number): void => {
      span.from = Math.min(span.from, day);
      span.to = Math.max(span.to, day);
    };
    for (const day of days.values()) widen(day);
    const dateAt = plan.headers.indexOf(plan.mapping.date ?? '');
    if (doubtful > 0 && dateAt >= 0) {
      for (const [t] of (await c.runAndReadAll(`SELECT DISTINCT c${dateAt} FROM doubtful`)).getRows() as [string][]) {
        const day = parseDate(t.trim(), plan.date.detected, plan.dayOne);
        if (day !== null) widen(day);
      }
    }
    const { sha256, blankLines, lines, unterminated } = await scanning;
    if (format === 'csv') {
      // Fewer records than lines: line breaks inside quoted values, which DuckDB's row numbers do not
      // follow; a quote that is never closed even swallows whole rows without a word.
      const records = lines - plan.headerLine - blankLines.filter((l) => l > plan.headerLine).length;
      if (total < records) {
        throw new AppError(
          'IMPORT_UNCLOSED_QUOTE',
          `Imported line by line, not through DuckDB: ${(records - total).toLocaleString('en-US')} line break(s) sit inside quoted values (a value written over several lines, or a quote that is never closed), and only the line-by-line reader tells them apart and names the lines.`,
        );
      }
    }
    return { duck, rowsRead: total, summed, cubeRows, doubtful, days, notSales, sha256, blankLines, unterminated, span: span.from <= span.to ? span : null };
  } catch (e) {
    duck.close();
    if (signal.aborted) throw cancelled();
    throw e;
  } finally {
    clearInterval(timer);
  }
}

/** DuckDB's row numbers (in any order) as file line numbers, stepping over the empty lines. */
function lineOf(headerLine: number, blankLines: readonly number[]): (rn: number) => number {
  const after = blankLines.filter((l) => l > headerLine);
  if (after.length === 0) return (rn) => headerLine + rn;
  return (rn) => {
    // The smallest line holding data row rn: rn lines after the header plus the empty ones before it.
    let line = headerLine + rn;
    for (;;) {
      let lo = 0;
      let hi = after.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (after[mid] <= line) lo = mid + 1;
        else hi = mid;
      }
      const next = headerLine + rn + lo;
      if (next === line) return line;
      line = next;
    }
  };
}

type Connection = DuckDb['connection'];
type Ids = Map<string, number | null>;
type Dimensions = { customer: Ids; category: Ids; rep: Ids; territory: Ids };
/** A name's first summed row: the moment the line-by-line import would have given it its id. */
type FirstSeen = { rn: number; give: () => void };

/**
 * The first summed row of each customer, category, rep and territory, each with what gives it its
 * id (trimmed as line by line; a value of spaces only has none, as an empty rep or territory).
 */
async function firstSeen(c: Connection, summed: SummedRows): Promise<{ ids: Dimensions; seen: FirstSeen[] }> {
  const ids: Dimensions = { customer: new Map(), category: new Map(), rep: new Map(), territory: new Map() };
  const seen: FirstSeen[] = [];
  // A marker ('NA', 'nan') is no rep or territory and no name, as line by line.
  const missing: Record<keyof Dimensions, (value: string) => string> = { customer: (v) => v, category: (v) => v, rep: unlessMarker, territory: unlessRegionMarker };
  const make: Record<keyof Dimensions, (value: string, name: string) => number> = {
    customer: (code, name) => summed.customer(code, name || null),
    category: (name) => summed.category(name),
    rep: (name) => summed.rep(name),
    territory: (name) => summed.territory(name),
  };
  for (const column of ['customer', 'category', 'rep', 'territory'] as const) {
    const rows = (await c.runAndReadAll(`SELECT ${column}, arg_min(name, first_rn), min(first_rn)::INTEGER FROM cube WHERE customer IS NOT NULL AND ${column} IS NOT NULL GROUP BY ${column}`)).getRows();
    for (const [value, name, rn] of rows) {
      const raw = value as string;
      const trimmed = missing[column](raw.trim());
      seen.push({ rn: rn as number, give: () => ids[column].set(raw, trimmed === '' ? null : make[column](trimmed, unlessMarker(((name as string | null) ?? '').trim()))) });
    }
  }
  return { ids, seen: seen.sort((a, b) => a.rn - b.rn) };
}

/**
 * Feeds the staged file to the sink: each doubtful row through the line-by-line checks (so a rejected
 * row gets the same reason, row number and value as without DuckDB), then DuckDB's sums. Names get
 * their ids in the order of their first row in the file, summed or not, as line by line.
 */
export async function feedStaged(staged: StagedFile, plan: ImportPlan, sink: TransactionsSink, tally: Tally, signal: AbortSignal, onRows: (done: number) => void): Promise<void> {
  const c = staged.duck.connection;
  const empty = staged.blankLines.filter((l) => l > plan.headerLine).length;
  tally.rowsRead += staged.rowsRead + empty;
  tally.rowsSkipped += empty;
  for (const [status, rows] of staged.notSales) tally.skipNotSales(status, rows);
  const line = lineOf(plan.headerLine, staged.blankLines);
  const { ids, seen } = await firstSeen(c, sink.summed);
  let next = 0;
  const giveIdsBefore = (rn: number): void => {
    while (next < seen.length && seen[next].rn < rn) seen[next++].give();
  };
  if (staged.doubtful > 0) {
    const doubtful = await c.stream('SELECT * FROM doubtful ORDER BY rn');
    for (let chunk = await doubtful.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await doubtful.fetchChunk()) {
      const cols = chunk.getColumns();
      for (let r = 0; r < chunk.rowCount; r++) {
        const rn = Number(cols[0][r]);
        giveIdsBefore(rn);
        const cells = new Array<string>(cols.length - 1);
        for (let i = 0; i < cells.length; i++) cells[i] = cols[i + 1][r] as string;
        if (isBlank(cells)) tally.rowsSkipped++;
        else sink.row(line(rn), cells);
      }
      if (signal.aborted) return;
    }
  }
  giveIdsBefore(Number.POSITIVE_INFINITY);
  tally.rowsImported += staged.summed;
  await feedSums(staged, ids, sink.summed, line, signal, onRows);
}

/** A lookup table in DuckDB (text as written -> id or day), filled from JS. */
async function lookupTable(c: Connection, table: string, rows: Iterable<[string, number | null]>): Promise<void> {
  await c.run(`CREATE TABLE ${table} (key VARCHAR PRIMARY KEY, value INTEGER)`);
  const appender = await c.createAppender(table);
  for (const [key, value] of rows) {
    appender.appendVarchar(key);
    if (value === null) appender.appendNull();
    else appender.appendInteger(value);
    appender.endRow();
  }
  appender.closeSync();
}

/**
 * DuckDB's sums into the workspace. The ids go back into DuckDB as lookup tables, so the 5M-row
 * stream carries numbers only: moving text out of DuckDB row by row cost more than the inserts.
 */
async function feedSums(staged: StagedFile, ids: Dimensions, summed: SummedRows, line: (rn: number) => number, signal: AbortSignal, onRows: (done: number) => void): Promise<void> {
  const c = staged.duck.connection;
  await lookupTable(c, 'day_ids', staged.days);
  for (const column of ['customer', 'category', 'rep', 'territory'] as const) await lookupTable(c, `${column}_ids`, ids[column]);
  if (signal.aborted) return;
  const joined = `cube c JOIN day_ids d ON d.key = c.date JOIN customer_ids cu ON cu.key = c.customer JOIN category_ids ca ON ca.key = c.category`;
  // The latest details per customer: those of its group with the last day, then the last row.
  const order = 'd.value::BIGINT * 4294967296 + c.last_rn';
  const latest = await c.stream(`SELECT cu.value, max(d.value), arg_max(c.last_rn, ${order})::INTEGER,
      arg_max_null({'name': c.name, 'rep': c.rep, 'territory': c.territory, 'segment': c.segment}, ${order}) AS l
      FROM ${joined} GROUP BY cu.value`);
  const id = (of: Ids, value: string | null): number | null => (value === null ? null : (of.get(value) ?? null));
  for (let chunk = await latest.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await latest.fetchChunk()) {
    const [customer, day, last, details] = chunk.getColumns();
    for (let r = 0; r < chunk.rowCount; r++) {
      const l = (details[r] as { entries: Record<string, string | null> }).entries;
      summed.latest(customer[r] as number, day[r] as number, line(last[r] as number), unlessMarker((l.name ?? '').trim()), id(ids.rep, l.rep), id(ids.territory, l.territory), unlessRegionMarker((l.segment ?? '').trim()));
    }
  }
  let done = 0;
  // In the order of each group's first row, as line by line; the group's last row stands for it.
  const cube = await c.stream(`SELECT cu.value, ca.value, d.value, c.revenue, c.quantity, c.last_rn::INTEGER, r.value, t.value FROM ${joined}
    LEFT JOIN rep_ids r ON r.key = c.rep LEFT JOIN territory_ids t ON t.key = c.territory ORDER BY c.first_rn`);
  for (let chunk = await cube.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await cube.fetchChunk()) {
    const [customer, category, day, revenue, quantity, last, rep, territory] = chunk.getColumns();
    for (let r = 0; r < chunk.rowCount; r++) {
      summed.add(line(last[r] as number), customer[r] as number, day[r] as number, category[r] as number, quantity[r] as number | null, revenue[r] as number, rep[r] as number | null, territory[r] as number | null);
    }
    done += chunk.rowCount;
    onRows(done);
    if (signal.aborted) return;
  }
}
