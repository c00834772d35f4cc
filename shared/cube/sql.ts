/**
 * The aggregation a warehouse runs so that Longtail never sees its invoice lines: one row per
 * customer x category x period (day or ISO week starting Monday) with revenue, quantity and orders,
 * and each customer's latest name, rep, territory and segment. Returns and credits (negative lines)
 * are summed in a row of their own: recovery reads purchases, so a period's purchases and returns
 * summed together would read differently from the same lines. Lines whose status says they are no
 * sale (a view, a cancelled order) are left out, as the import skips them. Lines with no customer or
 * no category are summed too, with the missing key empty, so that the import rejects them and counts
 * them as it does a line-level file's; only lines with no date, which no period can hold, are left
 * out, and the query's header says so. Longtail imports the result as a cube.
 */
import { creditWords, notASaleWords } from '../model/sale-status';
import { spellingsOf } from '../format/currency';

export const SQL_DIALECTS = ['bigquery', 'snowflake', 'spark', 'postgres', 'duckdb'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

export const CUBE_PERIODS = ['day', 'week'] as const;
export type CubePeriod = (typeof CUBE_PERIODS)[number];

/** Source columns the query reads; unset optional ones come out as NULL. */
export const CUBE_SOURCE_FIELDS = ['customer', 'customerName', 'date', 'category', 'revenue', 'quantity', 'unitPrice', 'invoice', 'rep', 'territory', 'segment', 'status', 'currency'] as const;
export type CubeSourceField = (typeof CUBE_SOURCE_FIELDS)[number];

/** The cube's columns, in order; Longtail's import recognises these names without a mapping. */
export const CUBE_COLUMNS = ['customer', 'customer_name', 'category', 'period', 'revenue', 'quantity', 'orders', 'rep', 'territory', 'segment'] as const;

export type CubeQueryOptions = {
  dialect: SqlDialect;
  /** A table or view name (dotted parts allowed), or any FROM item written as the warehouse wants it. */
  table: string;
  columns: Partial<Record<CubeSourceField, string>>;
  period: CubePeriod;
  /**
   * With a currency column: the ISO code whose lines are summed (the others are left out, as the
   * import rejects them: amounts in two currencies cannot be summed).
   */
  currency?: string;
};

const DEFAULT_COLUMNS: Record<'customer' | 'date' | 'category', string> = { customer: 'customer_id', date: 'order_date', category: 'category' };

/** Words some warehouse reserves that are also likely column names. */
const RESERVED = new Set(['date', 'day', 'week', 'month', 'year', 'time', 'timestamp', 'order', 'group', 'user', 'table', 'value', 'values', 'key', 'range', 'rows', 'row', 'limit', 'default', 'from', 'to', 'select', 'where', 'current_date']);

const SIMPLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A name the user typed already quoted as the dialect quotes it (`"CustomerID"` for Snowflake's mixed case), used as written. */
const QUOTED: Record<SqlDialect, RegExp> = {
  bigquery: /^`(?:[^`\\]|\\.)+`$/,
  spark: /^`(?:[^`]|``)+`$/,
  snowflake: /^"(?:[^"]|"")+"$/,
  postgres: /^"(?:[^"]|"")+"$/,
  duckdb: /^"(?:[^"]|"")+"$/,
};

/**
 * Quotes a name only when it needs it: Snowflake folds unquoted names to upper case and Postgres to
 * lower case, so quoting a plain `customer_id` would stop it matching the column it names. A name
 * typed in the dialect's quotes is used as written.
 */
export function quoteIdentifier(dialect: SqlDialect, name: string): string {
  if (QUOTED[dialect].test(name)) return name;
  const keepsCase = dialect === 'postgres' && name !== name.toLowerCase();
  const reserved = RESERVED.has(name.toLowerCase());
  if (SIMPLE.test(name) && !keepsCase && !reserved) return name;
  // A reserved word must be quoted, and a quoted name in Snowflake matches only its upper-case spelling.
  if (reserved && dialect === 'snowflake' && SIMPLE.test(name)) return '"' + name.toUpperCase() + '"';
  // GoogleSQL escapes inside a quoted identifier with a backslash (`net\`amt`); Spark doubles the backtick.
  if (dialect === 'bigquery') return '`' + name.replace(/[\\`]/g, '\\$&') + '`';
  if (dialect === 'spark') return '`' + name.replace(/`/g, '``') + '`';
  return '"' + name.replace(/"/g, '""') + '"';
}

/** A plain dotted name is quoted part by part; anything else (a function call, a quoted name) is used as written. */
function fromItem(dialect: SqlDialect, table: string): string {
  const parts = table.split('.');
  if (!parts.every((p) => /^[A-Za-z0-9_\- $]+$/.test(p) && p.trim() !== '')) return table;
  if (dialect === 'bigquery' && parts.some((p) => !SIMPLE.test(p))) return '`' + table + '`';
  return parts.map((p) => quoteIdentifier(dialect, p)).join('.');
}

const DOUBLE: Record<SqlDialect, string> = { bigquery: 'FLOAT64', snowflake: 'DOUBLE', spark: 'DOUBLE', postgres: 'DOUBLE PRECISION', duckdb: 'DOUBLE' };

const TEXT: Record<SqlDialect, string> = { bigquery: 'STRING', snowflake: 'VARCHAR', spark: 'STRING', postgres: 'TEXT', duckdb: 'VARCHAR' };

function periodExpression(dialect: SqlDialect, date: string, period: CubePeriod): string {
  const day = dialect === 'bigquery' ? `DATE(${date})` : `CAST(${date} AS DATE)`;
  if (period === 'day') return day;
  switch (dialect) {
    case 'bigquery':
      return `DATE_TRUNC(${day}, ISOWEEK)`;
    case 'snowflake':
      // Snowflake's week starts on the session's WEEK_START (Monday by default); DAYOFWEEKISO does not depend on it.
      return `DATEADD(day, 1 - DAYOFWEEKISO(${day}), ${day})`;
    case 'spark':
      return `CAST(date_trunc('WEEK', ${day}) AS DATE)`;
    default:
      return `CAST(date_trunc('week', ${day}) AS DATE)`;
  }
}

/** Words as a SQL list of string literals, for `IN (...)`: 'a', 'b'. */
export const sqlWords = (words: readonly string[]): string => words.map((w) => `'${w.replace(/'/g, "''")}'`).join(', ');

/**
 * Whether a line is a sale by its status, as SQL: statusWord's spelling (lower case, letters only)
 * is not one of the words of no sale. `status` is the column as the dialect writes it.
 */
export function saleStatusCondition(dialect: SqlDialect, status: string): string {
  return `(${status} IS NULL OR ${statusWordSql(dialect, status)} NOT IN (${sqlWords(notASaleWords())}))`;
}

/** Whether a line is a credit document by its status (namesCredit), as SQL over statusWord's spelling. */
export function creditStatusCondition(dialect: SqlDialect, status: string): string {
  return `(${status} IS NOT NULL AND ${statusWordSql(dialect, status)} IN (${sqlWords(creditWords())}))`;
}

/** statusWord in SQL: the status in lower case, letters only. */
function statusWordSql(dialect: SqlDialect, status: string): string {
  // Postgres and DuckDB replace the first match only unless told 'g'; the others replace every one.
  const all = dialect === 'postgres' || dialect === 'duckdb' ? ", 'g'" : '';
  return `REGEXP_REPLACE(LOWER(CAST(${status} AS ${TEXT[dialect]})), '[^a-z]', ''${all})`;
}

/** The period as YYYY-MM-DD text, so a CSV export reads the same from every warehouse. */
function isoText(dialect: SqlDialect, expression: string): string {
  switch (dialect) {
    case 'bigquery':
      return `FORMAT_DATE('%Y-%m-%d', ${expression})`;
    case 'snowflake':
      return `TO_CHAR(${expression}, 'YYYY-MM-DD')`;
    case 'spark':
      return `date_format(${expression}, 'yyyy-MM-dd')`;
    case 'postgres':
      return `to_char(${expression}, 'YYYY-MM-DD')`;
    default:
      return `strftime(${expression}, '%Y-%m-%d')`;
  }
}

export class CubeQueryError extends Error {}

/** Of the invoice numbers not starting with C, the share in percent that must start alike for a C to mark a credit note (credit-invoices.ts). */
const ONE_SCHEME_PERCENT = 95;

/** SQL for a comment line: a FROM item typed over several lines would end the comment early. */
const oneLine = (sql: string): string => sql.replace(/\s*[\r\n]+\s*/g, ' ');

/**
 * Whether an invoice number starting with C is a credit note, decided as the line import decides it
 * (creditMarking in main/backend/import/credit-invoices.ts): never where half the numbers or more
 * start with C; otherwise where the others nearly all (95%) start with a digit, or nearly all with
 * one same character (UCI's "C536379" beside "536365"), so that hexadecimal order ids, which start
 * with c one time in sixteen, stay sales. The import judges a file's first rows (2,000 of a CSV, 200
 * of a Parquet file); this counts every line of the table, so the two differ only where those rows
 * are unlike the rest.
 */
function invoiceSchemeCte(from: string, invoiceText: string): string {
  const others = '(numbered - starts_c)';
  return `invoice_scheme AS (
  SELECT CASE
           WHEN starts_c = 0 OR 2 * starts_c >= numbered THEN 0
           WHEN 100 * digit_first >= ${ONE_SCHEME_PERCENT} * ${others} OR 100 * commonest >= ${ONE_SCHEME_PERCENT} * ${others} THEN 1
           ELSE 0
         END AS c_is_credit
  FROM (
    SELECT COALESCE(SUM(n), 0) AS numbered,
           COALESCE(SUM(CASE WHEN first_char = 'c' THEN n ELSE 0 END), 0) AS starts_c,
           COALESCE(SUM(CASE WHEN first_char IN (${sqlWords('0123456789'.split(''))}) THEN n ELSE 0 END), 0) AS digit_first,
           COALESCE(MAX(CASE WHEN first_char <> 'c' THEN n ELSE 0 END), 0) AS commonest
    FROM (
      SELECT first_char, COUNT(*) AS n
      FROM (SELECT LOWER(SUBSTR(${invoiceText}, 1, 1)) AS first_char FROM ${from}) invoice_numbers
      WHERE first_char IS NOT NULL
      GROUP BY first_char
    ) firsts
  ) counts
),
`;
}

/** The whole query, ready to paste into the warehouse's console or pipe into its command-line client. */
export function cubeQuery(options: CubeQueryOptions): string {
  const { dialect, period } = options;
  const cols = { ...DEFAULT_COLUMNS, ...options.columns };
  if (!options.columns.revenue && !(cols.quantity && cols.unitPrice)) cols.revenue = 'revenue';
  const q = (field: CubeSourceField): string | null => {
    const name = cols[field];
    return name ? quoteIdentifier(dialect, name) : null;
  };
  const text = TEXT[dialect];
  const asText = (field: CubeSourceField): string => {
    const c = q(field);
    return c ? `NULLIF(TRIM(CAST(${c} AS ${text})), '')` : `CAST(NULL AS ${text})`;
  };
  const customer = q('customer');
  const date = q('date');
  const category = q('category');
  if (!customer || !date || !category) throw new CubeQueryError('The cube needs customer, date and category columns.');
  const status = q('status');
  const currencyColumn = q('currency');
  if (options.currency !== undefined && !currencyColumn) {
    throw new CubeQueryError(
      `--currency ${options.currency} picks the lines of one currency by the table's currency column, and no currency column is mapped: add --map currency=COLUMN (the column holding each line's currency), or leave --currency out where the table is in one currency and give that currency to the import instead (longtail import cube.csv --currency ${options.currency}).`,
    );
  }
  if (currencyColumn && !options.currency) {
    throw new CubeQueryError(`With a currency column (${cols.currency}), say which currency's lines to sum: amounts in two currencies cannot be summed. Add --currency EUR (or the code you want), and run the query once per currency for a workspace each.`);
  }
  const currencyCode = options.currency?.trim().toUpperCase() ?? '';
  if (currencyColumn && !/^[A-Z]{3}$/.test(currencyCode)) throw new CubeQueryError(`--currency ${options.currency}: give a three-letter ISO code such as EUR.`);
  const double = DOUBLE[dialect];
  const num = (expression: string): string => `CAST(${expression} AS ${double})`;
  const stated = q('revenue');
  const counted = q('quantity');
  // A line taking goods back (negative quantity) with its amount written unsigned is a return.
  // Each operand is cast, so that a table holding its numbers as text (a staged CSV) sums too.
  const value = stated
    ? counted
      ? `CASE WHEN ${num(counted)} < 0 AND ${num(stated)} > 0 THEN -${num(stated)} ELSE ${num(stated)} END`
      : num(stated)
    : `${num(counted as string)} * ${num(q('unitPrice') as string)}`;
  const invoice = q('invoice');
  const from = fromItem(dialect, options.table);
  // A credit is negative whatever sign its amount was written with: a credit memo or refund by its
  // status, and a credit note by its invoice number's C where the table's numbers say a C means one.
  const credits = [
    ...(status ? [creditStatusCondition(dialect, status)] : []),
    ...(invoice ? [`(invoice_scheme.c_is_credit = 1 AND UPPER(SUBSTR(${asText('invoice')}, 1, 1)) = 'C')`] : []),
  ];
  const revenue = credits.length > 0 ? `CASE WHEN ${credits.join(' OR ')} THEN -ABS(${value}) ELSE ${value} END` : value;
  const quantity = q('quantity') ?? 'NULL';
  const periodOf = periodExpression(dialect, date, period);
  const orders = invoice ? 'COUNT(DISTINCT order_key)' : 'COUNT(*)';
  const ordersNote = invoice ? `distinct ${cols.invoice} values` : 'lines';
  const periodWord = period === 'day' ? 'day' : 'week';

  const header = [
    `-- Longtail cube: one row per customer x category x ${period === 'day' ? 'day' : 'week (starting Monday)'}, for \`longtail import\`,`,
    `-- and a second where that period also has returns or credits (negative lines), summed apart.`,
    `-- orders = ${ordersNote}; name, rep, territory and segment are each customer's latest.`,
    `-- Kept for the import to reject and count: lines with no ${cols.customer} are summed per ${cols.category} x ${periodWord}`,
    `-- with the customer empty, and lines with no ${cols.category} per customer x ${periodWord} with the category empty`,
    `-- (one rejected row each, however many lines it sums).`,
    `-- Left out: lines with no ${cols.date}, which no ${periodWord} can hold; how many there are is unknown to Longtail.`,
    `-- Count them with: SELECT COUNT(*) AS lines_without_date FROM ${oneLine(from)} WHERE ${oneLine(date)} IS NULL;`,
    ...(status ? [`-- Lines whose ${cols.status} says they are no sale (views, carts, cancelled orders, quotes) are left out.`] : []),
    ...(currencyColumn ? [`-- Only lines in ${currencyCode} by ${cols.currency} (its code, symbol or name) are summed: amounts in two currencies cannot be; run it once per currency.`] : []),
    ...(invoice
      ? [
          `-- An invoice number (${cols.invoice}) starting with C is a credit note, its amount made negative, where the import reads it so:`,
          `-- under half the numbers start with C and 95% of the others start with a digit, or with one same character`,
          `-- (invoice_scheme). The import decides that from a file's first rows; this query from every line.`,
        ]
      : []),
  ];

  return `${header.join('\n')}
WITH ${invoice ? invoiceSchemeCte(from, asText('invoice')) : ''}sale_lines AS (
  SELECT
    ${asText('customer')} AS customer,
    ${asText('category')} AS category,
    ${periodOf} AS period,
    ${date} AS sold_at,
    ${revenue} AS revenue,
    CAST(${quantity} AS ${double}) AS quantity,
    ${invoice ? asText('invoice') : 'CAST(NULL AS ' + text + ')'} AS order_key,
    ${asText('customerName')} AS customer_name,
    ${asText('rep')} AS rep,
    ${asText('territory')} AS territory,
    ${asText('segment')} AS segment
  FROM ${from}${invoice ? '\n  CROSS JOIN invoice_scheme' : ''}
  WHERE ${date} IS NOT NULL${status ? `\n    AND ${saleStatusCondition(dialect, status)}` : ''}${
    currencyColumn ? `\n    AND UPPER(TRIM(CAST(${currencyColumn} AS ${text}))) IN (${sqlWords(spellingsOf(currencyCode))})` : ''
  }
),
latest_customer AS (
  SELECT customer, customer_name, rep, territory, segment
  FROM (
    SELECT customer, customer_name, rep, territory, segment,
           ROW_NUMBER() OVER (PARTITION BY customer ORDER BY sold_at DESC) AS recency
    FROM sale_lines
    WHERE customer IS NOT NULL
  ) ranked
  WHERE recency = 1
),
cube_rows AS (
  SELECT customer, category, period, SUM(revenue) AS revenue, SUM(quantity) AS quantity, ${orders} AS orders
  FROM (
    SELECT customer, category, period, revenue, quantity, order_key, CASE WHEN revenue < 0 THEN 1 ELSE 0 END AS credit
    FROM sale_lines
  ) signed_lines
  GROUP BY customer, category, period, credit
)
SELECT
  cube_rows.customer,
  latest_customer.customer_name,
  cube_rows.category,
  ${isoText(dialect, 'cube_rows.period')} AS period,
  cube_rows.revenue,
  cube_rows.quantity,
  cube_rows.orders,
  latest_customer.rep,
  latest_customer.territory,
  latest_customer.segment
FROM cube_rows
LEFT JOIN latest_customer ON latest_customer.customer = cube_rows.customer
ORDER BY cube_rows.customer NULLS LAST, cube_rows.category NULLS LAST, cube_rows.period, cube_rows.revenue;
`;
}
