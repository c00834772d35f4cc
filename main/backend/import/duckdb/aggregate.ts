import os from 'node:os';
import { AppError } from '../../../../shared/contract/errors';
import type { ImportField } from '../../../../shared/contract/import';
import { parseDate } from '../dates';
import { sha256File } from '../hash';
import type { ImportPlan } from '../plan';
import type { TransactionsSink } from '../sink-transactions';
import type { Tally } from '../tally';
import { lineNumbering, scanFile } from './blank-lines';
import { outlierDays } from '../outlier-dates';
import { openDuckDb, sqlText, type DuckDb } from './engine';

/** What DuckDB read, before anything reaches the workspace. */
export type StagedFile = {
  duck: DuckDb;
  rowsRead: number;
  blank: number;
  /** Rows that passed DuckDB's checks and are summed per customer x category x day. */
  summed: number;
  cubeRows: number;
  /** Rows left to the line-by-line checks, which name the reason for each one they reject. */
  doubtful: number;
  sha256: string;
  blankLines: number[];
};

type Column = { field: ImportField; index: number };

// Plain decimals only ("1234.50", "-3"): anything else (thousands separators, currency signs,
// brackets, comma decimals) goes to the line-by-line parser, which knows them all.
const PLAIN_NUMBER = `'^-?[0-9]+(\\.[0-9]+)?$'`;

/** Why this file cannot go through DuckDB, or null when it can. */
export function duckDbUnsuitable(plan: ImportPlan, format: string, encoding: string | null): string | null {
  if (format !== 'csv' && format !== 'parquet') return `DuckDB reads CSV and Parquet, not ${format}`;
  if (plan.shape !== 'transactions') return `a ${plan.shape} is imported as it is`;
  if (format === 'csv' && encoding !== null && !/^utf-?8/i.test(encoding)) return `the file is ${encoding}, and DuckDB reads UTF-8`;
  if (!plan.mapping.category) return 'there is no category column (products or one category stand in for it line by line)';
  const amounts = [plan.mapping.revenue, plan.mapping.quantity, plan.mapping.unitPrice].filter((c): c is string => Boolean(c));
  if (amounts.some((c) => (plan.decimals.get(c) ?? 'dot') !== 'dot')) return 'amounts use a decimal comma';
  return null;
}

const readerFor = (file: string, format: string, delimiter: string | null, headerLine: number, columns: number): string => {
  if (format === 'parquet') return `read_parquet(${sqlText(file)})`;
  const names = Array.from({ length: columns }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  return `read_csv(${sqlText(file)}, delim = ${sqlText(delimiter ?? ',')}, quote = '"', escape = '"', header = false, skip = ${headerLine},
    columns = {${names}}, null_padding = true, strict_mode = false, auto_detect = false)`;
};

/**
 * Reads the whole file into DuckDB (spilling to disk past its memory cap) and settles which rows are
 * plainly valid. Dates are parsed by the importer's own parser, once per distinct text, so a date
 * means the same whichever engine read it.
 */
export async function stageWithDuckDb(
  file: string,
  format: 'csv' | 'parquet',
  delimiter: string | null,
  plan: ImportPlan,
  signal: AbortSignal,
  onProgress: (share: number) => void,
): Promise<StagedFile> {
  const duck = await openDuckDb({ spillDir: os.tmpdir() });
  const c = duck.connection;
  // Runs beside DuckDB's own threads: one more read of the file, mostly from the page cache.
  const scanning = format === 'csv' ? scanFile(file, signal) : sha256File(file).then((sha256) => ({ sha256, blankLines: [] as number[], lines: 0 }));
  scanning.catch(() => {});
  const timer = setInterval(() => {
    if (signal.aborted) c.interrupt();
    const p = c.progress.percentage;
    if (p >= 0) onProgress(p / 100);
  }, 200);
  try {
    const m = plan.mapping;
    const headerIndex = new Map(plan.headers.map((h, i) => [h, i]));
    const mapped: Column[] = (Object.keys(m) as ImportField[]).flatMap((field) => {
      const index = headerIndex.get(m[field] ?? '');
      return index === undefined ? [] : [{ field, index }];
    });
    const cell = (i: number): string => (format === 'parquet' ? `CAST(${JSON.stringify(plan.headers[i])} AS VARCHAR)` : `c${i}`);
    const all = plan.headers.map((_, i) => `coalesce(trim(${cell(i)}), '') = ''`).join(' AND ');
    const fields = mapped.map((col) => `coalesce(trim(${cell(col.index)}), '') AS "${col.field}"`).join(', ');
    await c.run(`CREATE TABLE src AS SELECT row_number() OVER () AS rn, (${all}) AS blank, ${fields}
      FROM ${readerFor(file, format, delimiter, plan.headerLine, plan.headers.length)}`);
    if (signal.aborted) throw new AppError('CANCELLED', 'The import was cancelled; the workspace is unchanged.');

    await c.run('CREATE TABLE dates (txt VARCHAR PRIMARY KEY, day INTEGER)');
    const texts = (await c.runAndReadAll('SELECT DISTINCT "date" FROM src WHERE NOT blank')).getColumns()[0] as string[];
    const appender = await c.createAppender('dates');
    for (const t of texts) {
      appender.appendVarchar(t);
      const day = parseDate(t, plan.date.detected);
      if (day === null) appender.appendNull();
      else appender.appendInteger(day);
      appender.endRow();
    }
    appender.closeSync();
    // Dates far from all the others, on a handful of rows, are typos: those rows go to the
    // line-by-line checks, which reject them with the reason.
    const perDay = (await c.runAndReadAll('SELECT d.day, count(*)::INTEGER FROM src s JOIN dates d ON d.txt = s."date" WHERE NOT s.blank AND d.day IS NOT NULL GROUP BY d.day')).getRows() as [number, number][];
    plan.outlierDays = outlierDays(plan.earlierDates ?? [], new Map(perDay));
    if (plan.outlierDays.size > 0) await c.run(`UPDATE dates SET day = NULL WHERE day IN (${[...plan.outlierDays.keys()].map((d) => Math.trunc(d)).join(', ')})`);

    const has = (f: ImportField): boolean => mapped.some((col) => col.field === f);
    const numberOk = (f: ImportField, optional: boolean): string => (optional ? `("${f}" = '' OR regexp_full_match("${f}", ${PLAIN_NUMBER}))` : `regexp_full_match("${f}", ${PLAIN_NUMBER})`);
    const checks = [
      `customer <> ''`,
      `category <> ''`,
      'd.day IS NOT NULL',
      has('revenue') ? numberOk('revenue', false) : `${numberOk('unitPrice', false)} AND ${numberOk('quantity', false)}`,
      has('quantity') && has('revenue') ? numberOk('quantity', true) : 'true',
    ];
    await c.run(`CREATE TABLE checked AS SELECT s.*, d.day, NOT blank AND ${checks.join(' AND ')} AS ok FROM src s LEFT JOIN dates d ON d.txt = s."date"`);
    await c.run('DROP TABLE src');
    const counts = (await c.runAndReadAll('SELECT count(*)::INTEGER, count(*) FILTER (blank)::INTEGER, count(*) FILTER (ok)::INTEGER FROM checked')).getRows()[0] as number[];
    const [rowsRead, blank, summed] = counts;
    const quantity = has('quantity') ? `CASE WHEN "quantity" = '' THEN NULL ELSE CAST("quantity" AS DOUBLE) END` : 'NULL';
    let revenue = has('revenue') ? 'CAST("revenue" AS DOUBLE)' : 'CAST("quantity" AS DOUBLE) * CAST("unitPrice" AS DOUBLE)';
    // A credit note ("C536379") is a return even when its amounts were typed positive.
    if (plan.creditInvoices && has('invoice')) revenue = `CASE WHEN upper(left("invoice", 1)) = 'C' AND ${revenue} > 0 THEN -(${revenue}) ELSE ${revenue} END`;
    const text = (f: ImportField): string => (has(f) ? `nullif("${f}", '')` : 'NULL::VARCHAR');
    // The latest name, rep, territory and segment per customer: the last row of its last day, as line by line.
    await c.run(`CREATE TABLE cube AS
      WITH lines AS (SELECT rn, customer, category, day, ${revenue} AS revenue, ${quantity} AS quantity FROM checked WHERE ok),
      latest AS (
        SELECT customer, arg_max_null(${text('customerName')}, day::BIGINT * 4294967296 + rn) AS name,
               arg_max_null(${text('rep')}, day::BIGINT * 4294967296 + rn) AS rep,
               arg_max_null(${text('territory')}, day::BIGINT * 4294967296 + rn) AS territory,
               arg_max_null(${text('segment')}, day::BIGINT * 4294967296 + rn) AS segment
        FROM checked WHERE ok GROUP BY customer)
      SELECT min(l.rn)::BIGINT AS rn, l.customer, l.category, l.day, sum(l.revenue) AS revenue, sum(l.quantity) AS quantity,
             any_value(a.name) AS name, any_value(a.rep) AS rep, any_value(a.territory) AS territory, any_value(a.segment) AS segment
        FROM lines l JOIN latest a USING (customer)
       GROUP BY l.customer, l.category, l.day
       ORDER BY rn`);
    const cubeRows = (await c.runAndReadAll('SELECT count(*)::INTEGER FROM cube')).getRows()[0][0] as number;
    const { sha256, blankLines, lines } = await scanning;
    if (format === 'csv') {
      // Fewer records than lines: line breaks inside quoted values, which DuckDB's row numbers do not
      // follow; a quote that is never closed even swallows whole rows without a word.
      const records = lines - plan.headerLine - blankLines.filter((l) => l > plan.headerLine).length;
      if (rowsRead < records) {
        throw new AppError(
          'IMPORT_UNCLOSED_QUOTE',
          `Imported line by line, not through DuckDB: ${(records - rowsRead).toLocaleString('en-US')} line break(s) sit inside quoted values (a value written over several lines, or a quote that is never closed), and only the line-by-line reader tells them apart and names the lines.`,
        );
      }
    }
    return { duck, rowsRead, blank, summed, cubeRows, doubtful: rowsRead - blank - summed, sha256, blankLines };
  } catch (e) {
    duck.close();
    if (signal.aborted) throw new AppError('CANCELLED', 'The import was cancelled; the workspace is unchanged.');
    throw e;
  } finally {
    clearInterval(timer);
  }
}

/**
 * Feeds the staged file to the sink: each doubtful row through the line-by-line checks (so a rejected
 * row gets the same reason, row number and value as without DuckDB), then DuckDB's sums.
 */
export async function feedStaged(staged: StagedFile, plan: ImportPlan, sink: TransactionsSink, tally: Tally, signal: AbortSignal, onRows: (done: number) => void): Promise<void> {
  const c = staged.duck.connection;
  const m = plan.mapping;
  const fields = (Object.keys(m) as ImportField[]).filter((f) => plan.headers.includes(m[f] ?? ''));
  const positions = fields.map((f) => plan.headers.indexOf(m[f] ?? ''));
  const empty = staged.blankLines.filter((l) => l > plan.headerLine).length;
  tally.rowsRead += staged.rowsRead + empty;
  tally.rowsSkipped += staged.blank + empty;
  const doubtfulLine = lineNumbering(plan.headerLine, staged.blankLines);
  const doubtful = await c.stream(`SELECT rn::BIGINT, ${fields.map((f) => `"${f}"`).join(', ')} FROM checked WHERE NOT ok AND NOT blank ORDER BY rn`);
  for (let chunk = await doubtful.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await doubtful.fetchChunk()) {
    const cols = chunk.getColumns();
    for (let r = 0; r < chunk.rowCount; r++) {
      const cells: string[] = new Array<string>(plan.headers.length).fill('');
      for (let f = 0; f < fields.length; f++) cells[positions[f]] = String(cols[f + 1][r] ?? '');
      sink.row(doubtfulLine(Number(cols[0][r])), cells);
    }
    if (signal.aborted) return;
  }
  tally.rowsImported += staged.summed;
  let done = 0;
  const cubeLine = lineNumbering(plan.headerLine, staged.blankLines);
  const cube = await c.stream('SELECT rn, customer, category, day, revenue, quantity, name, rep, territory, segment FROM cube');
  for (let chunk = await cube.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await cube.fetchChunk()) {
    const [rn, customer, category, day, revenue, quantity, name, rep, territory, segment] = chunk.getColumns();
    for (let r = 0; r < chunk.rowCount; r++) {
      sink.store({
        line: cubeLine(Number(rn[r])),
        customer: customer[r] as string,
        customerName: (name[r] as string | null) ?? '',
        day: day[r] as number,
        category: category[r] as string,
        productCode: '',
        productName: '',
        quantity: quantity[r] as number | null,
        revenue: revenue[r] as number,
        rep: (rep[r] as string | null) ?? '',
        territory: (territory[r] as string | null) ?? '',
        segment: (segment[r] as string | null) ?? '',
        invoice: '',
      });
    }
    done += chunk.rowCount;
    onRows(done);
    if (signal.aborted) return;
  }
}
