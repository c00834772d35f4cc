import { describe, expect, it } from 'vitest';
import { cubeQuery, quoteIdentifier, SQL_DIALECTS, type CubeQueryOptions } from '../../../shared/cube/sql';

const columns = { customer: 'Customer ID', date: 'order_date', category: 'category', revenue: 'net_amount' };

describe('the cube query for a warehouse', () => {
  it('quotes a name only when the warehouse needs it, keeping Snowflake and Postgres case folding in mind', () => {
    expect(quoteIdentifier('snowflake', 'customer_id')).toBe('customer_id');
    expect(quoteIdentifier('snowflake', 'date')).toBe('"DATE"');
    expect(quoteIdentifier('postgres', 'CustomerID')).toBe('"CustomerID"');
    expect(quoteIdentifier('bigquery', 'Customer ID')).toBe('`Customer ID`');
    expect(quoteIdentifier('spark', 'order')).toBe('`order`');
    expect(quoteIdentifier('duckdb', 'Net "Sales"')).toBe('"Net ""Sales"""');
  });

  it('starts weeks on Monday in every dialect and writes the period as YYYY-MM-DD', () => {
    const week = Object.fromEntries(SQL_DIALECTS.map((d) => [d, cubeQuery({ dialect: d, table: 'sales.lines', columns, period: 'week' })]));
    expect(week.bigquery).toContain('DATE_TRUNC(DATE(order_date), ISOWEEK)');
    expect(week.snowflake).toContain('DAYOFWEEKISO');
    expect(week.spark).toContain("date_trunc('WEEK'");
    expect(week.postgres).toContain("date_trunc('week'");
    expect(week.postgres).toContain("to_char(cube_rows.period, 'YYYY-MM-DD')");
    expect(week.bigquery).toContain('FROM sales.lines');
  });

  it('sums quantity x unit price when there is no revenue column and counts lines when there is no invoice', () => {
    const q = cubeQuery({ dialect: 'postgres', table: 'lines', columns: { customer: 'cust', date: 'day', category: 'grp', quantity: 'qty', unitPrice: 'price' }, period: 'day' });
    expect(q).toContain('CAST(qty AS DOUBLE PRECISION) * CAST(price AS DOUBLE PRECISION) AS revenue');
    expect(q).toContain('COUNT(*) AS orders');
    expect(q).toContain('"day" IS NOT NULL');
  });

  it('uses a FROM item that is not a plain name as written', () => {
    expect(cubeQuery({ dialect: 'duckdb', table: "read_parquet('lines/*.parquet')", columns, period: 'day' })).toContain("FROM read_parquet('lines/*.parquet')");
  });

  it('escapes a backtick or backslash in a BigQuery name with a backslash, as GoogleSQL reads it, and doubles it in Spark', () => {
    expect(quoteIdentifier('bigquery', 'net`amt')).toBe('`net\\`amt`');
    expect(quoteIdentifier('bigquery', 'net\\amt')).toBe('`net\\\\amt`');
    expect(quoteIdentifier('bigquery', 'a\\`b')).toBe('`a\\\\\\`b`');
    expect(quoteIdentifier('spark', 'net`amt')).toBe('`net``amt`');
    expect(quoteIdentifier('spark', 'net\\amt')).toBe('`net\\amt`');
    const q = cubeQuery({ dialect: 'bigquery', table: 'sales.lines', columns: { ...columns, revenue: 'net`amt' }, period: 'day' });
    expect(q).toContain('CAST(`net\\`amt` AS FLOAT64)');
    expect(q).not.toContain('``');
  });

  it('uses a name typed in the dialect’s own quotes as written: Snowflake’s quoted mixed-case columns', () => {
    expect(quoteIdentifier('snowflake', '"CustomerID"')).toBe('"CustomerID"');
    expect(quoteIdentifier('snowflake', 'CustomerID')).toBe('CustomerID');
    expect(quoteIdentifier('bigquery', '`net\\`amt`')).toBe('`net\\`amt`');
    expect(quoteIdentifier('spark', '`Net Sales`')).toBe('`Net Sales`');
    const q = cubeQuery({ dialect: 'snowflake', table: '"SALES"."PUBLIC"."InvoiceLines"', columns: { customer: '"CustomerID"', date: 'order_date', category: 'category', revenue: 'net_amount' }, period: 'day' });
    expect(q).toContain('NULLIF(TRIM(CAST("CustomerID" AS VARCHAR)), \'\') AS customer');
    expect(q).toContain('FROM "SALES"."PUBLIC"."InvoiceLines"');
  });

  it('refuses --currency without a currency column, naming both flags', () => {
    expect(() => cubeQuery({ dialect: 'postgres', table: 'lines', columns, period: 'day', currency: 'EUR' })).toThrow(/--currency EUR .*--map currency=COLUMN/);
  });
});

/** Every name the query gives its own tables and columns: CTEs, subquery aliases, column aliases, qualifiers. */
function namesGiven(query: string): Set<string> {
  const sql = query
    .split('\n')
    .filter((l) => !l.startsWith('--'))
    .join('\n');
  const names = new Set<string>();
  for (const m of sql.matchAll(/^(?:WITH )?(\w+) AS \($/gm)) names.add(m[1].toLowerCase());
  for (const m of sql.matchAll(/\) (\w+)$/gm)) names.add(m[1].toLowerCase());
  for (const m of sql.matchAll(/\bAS (\w+)(?=,|\n|$| FROM)/g)) names.add(m[1].toLowerCase());
  for (const m of sql.matchAll(/\b([a-z_]+)\.[a-z_]+/g)) names.add(m[1].toLowerCase());
  return names;
}

// Reserved words of each dialect: GoogleSQL's reserved keywords, Snowflake's reserved keywords,
// Spark's ANSI-mode reserved keywords, Postgres 15's pg_get_keywords() of category R and DuckDB's
// duckdb_keywords() of category reserved.
const RESERVED_WORDS: Record<string, string> = {
  bigquery:
    'all and any array as asc assert_rows_modified at between by case cast collate contains create cross cube current default define desc distinct else end enum escape except exclude exists extract false fetch following for from full group grouping groups hash having if ignore in inner intersect interval into is join lateral left like limit lookup merge natural new no not null nulls of on or order outer over partition preceding proto qualify range recursive respect right rollup rows select set some struct tablesample then to treat true unbounded union unnest using when where window with within',
  snowflake:
    'account all alter and any as between by case cast check column connect connection constraint create cross current current_date current_time current_timestamp current_user database delete distinct drop else exists false following for from full grant group gscluster having ilike in increment inner insert intersect into is issue join lateral left like localtime localtimestamp minus natural not null of on or order organization qualify regexp revoke right rlike row rows sample schema select set some start table tablesample then to trigger true try_cast union unique update using values view when whenever where window with',
  spark:
    'all and any as authorization both case cast check collate column constraint create cross current_date current_time current_timestamp current_user distinct else end escape except false fetch for foreign from full grant group having in inner intersect into is join lateral leading left natural not null offset on only or order outer overlaps primary references right select session_user some table then time to trailing union unique unknown user using when where with',
  postgres:
    'all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create current_catalog current_date current_role current_time current_timestamp current_user default deferrable desc distinct do else end except false fetch for foreign from grant group having in initially intersect into lateral leading limit localtime localtimestamp not null offset on only or order placing primary references returning select session_user some symmetric table then to trailing true union unique user using variadic when where window with',
  duckdb:
    'all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create default deferrable desc describe distinct do else end except false fetch for foreign from group having in initially intersect into lambda lateral leading limit not null offset on only or order pivot pivot_longer pivot_wider placing primary qualify references returning select show some summarize symmetric table then to trailing true union unique unpivot using variadic when where window with',
};
const reserved = new Set(Object.values(RESERVED_WORDS).flatMap((w) => w.split(' ')));

describe('the names the cube query gives', () => {
  const everything: CubeQueryOptions['columns'] = { ...columns, quantity: 'qty', invoice: 'invoice_no', status: 'status', currency: 'currency', rep: 'rep', territory: 'region', segment: 'segment', customerName: 'name' };
  const variants: { name: string; options: Omit<CubeQueryOptions, 'dialect'> }[] = [
    { name: 'plain', options: { table: 'sales.invoice_lines', columns, period: 'day' } },
    { name: 'every field, weekly', options: { table: 'sales.invoice_lines', columns: everything, period: 'week', currency: 'EUR' } },
  ];

  for (const dialect of SQL_DIALECTS) {
    it(`are none of ${dialect}'s reserved words, nor any other warehouse's (BigQuery reserves CUBE)`, () => {
      for (const { options } of variants) {
        const query = cubeQuery({ dialect, ...options });
        const given = namesGiven(query);
        expect(given).toContain('cube_rows');
        expect(given).toContain('sale_lines');
        expect(given).toContain('latest_customer');
        expect([...given].filter((n) => reserved.has(n))).toEqual([]);
        const code = query
          .split('\n')
          .filter((l) => !l.startsWith('--'))
          .join('\n');
        expect(code).not.toMatch(/\bcube\b/i);
        expect(code).not.toMatch(/\b(lines|latest)\b/);
      }
    });
  }
});

describe('lines with no customer, category or date', () => {
  for (const dialect of SQL_DIALECTS) {
    it(`${dialect}: keeps those without a customer or category for the import to reject, and says how to count those without a date`, () => {
      const q = cubeQuery({ dialect, table: 'sales.lines', columns: { ...columns, customer: 'sold_to', category: 'product_group' }, period: 'day' });
      const where = q.slice(q.indexOf('  WHERE '), q.indexOf('latest_customer AS'));
      expect(where).toContain('order_date IS NOT NULL');
      expect(where).not.toContain('sold_to');
      expect(where).not.toContain('product_group');
      // Every cube row, a customer's or not, keeps its place: the latest name and rep join where there is one.
      expect(q).toContain('LEFT JOIN latest_customer ON latest_customer.customer = cube_rows.customer');
      expect(q).toContain('WHERE customer IS NOT NULL\n  ) ranked');
      expect(q).toContain('GROUP BY customer, category, period, credit');
      expect(q).toContain('ORDER BY cube_rows.customer NULLS LAST, cube_rows.category NULLS LAST');
      expect(q).toContain('-- Kept for the import to reject and count: lines with no sold_to are summed per product_group x day');
      expect(q).toContain('-- Left out: lines with no order_date, which no day can hold; how many there are is unknown to Longtail.');
      expect(q).toContain('-- Count them with: SELECT COUNT(*) AS lines_without_date FROM sales.lines WHERE order_date IS NULL;');
    });
  }

  it('keeps the count query on one comment line when the FROM item spans several', () => {
    const q = cubeQuery({ dialect: 'duckdb', table: "read_csv('a.csv',\n  header = true)", columns, period: 'week' });
    expect(q).toContain("-- Count them with: SELECT COUNT(*) AS lines_without_date FROM read_csv('a.csv', header = true) WHERE order_date IS NULL;");
  });
});

describe('credit notes numbered with a C', () => {
  const withInvoice = { ...columns, quantity: 'qty', invoice: 'invoice_no' };
  for (const dialect of SQL_DIALECTS) {
    it(`${dialect}: makes a C-numbered line's amount negative where the table's other numbers follow one scheme, as the import does`, () => {
      const q = cubeQuery({ dialect, table: 'sales.lines', columns: withInvoice, period: 'day' });
      expect(q).toMatch(/^WITH invoice_scheme AS \($/m);
      expect(q).toContain('WHEN starts_c = 0 OR 2 * starts_c >= numbered THEN 0');
      expect(q).toContain('WHEN 100 * digit_first >= 95 * (numbered - starts_c) OR 100 * commonest >= 95 * (numbered - starts_c) THEN 1');
      expect(q).toContain(`FROM (SELECT LOWER(SUBSTR(NULLIF(TRIM(CAST(invoice_no AS ${dialect === 'postgres' ? 'TEXT' : dialect === 'bigquery' || dialect === 'spark' ? 'STRING' : 'VARCHAR'})), ''), 1, 1)) AS first_char FROM sales.lines) invoice_numbers`);
      expect(q).toContain('  CROSS JOIN invoice_scheme\n');
      expect(q).toMatch(/CASE WHEN \(invoice_scheme\.c_is_credit = 1 AND UPPER\(SUBSTR\(NULLIF\(TRIM\(CAST\(invoice_no AS \w+\)\), ''\), 1, 1\)\) = 'C'\) THEN -ABS\(/);
      expect(q).toContain('-- An invoice number (invoice_no) starting with C is a credit note');
      // With a status as well, either makes the line a credit.
      const both = cubeQuery({ dialect, table: 'sales.lines', columns: { ...withInvoice, status: 'doc_type' }, period: 'day' });
      expect(both).toMatch(/ IN \('creditmemo'.*\) OR \(invoice_scheme\.c_is_credit = 1/);
    });
  }

  it('reads no C as a credit note where no invoice column is mapped', () => {
    const q = cubeQuery({ dialect: 'duckdb', table: 'lines', columns, period: 'day' });
    expect(q).not.toContain('invoice_scheme');
    expect(q).not.toContain('credit note');
  });
});

