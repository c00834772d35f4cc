import { describe, expect, it } from 'vitest';
import { cubeQuery, quoteIdentifier, SQL_DIALECTS } from '../../../shared/cube/sql';

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
    expect(week.postgres).toContain("to_char(cube.period, 'YYYY-MM-DD')");
    expect(week.bigquery).toContain('FROM sales.lines');
  });

  it('sums quantity x unit price when there is no revenue column and counts lines when there is no invoice', () => {
    const q = cubeQuery({ dialect: 'postgres', table: 'lines', columns: { customer: 'cust', date: 'day', category: 'grp', quantity: 'qty', unitPrice: 'price' }, period: 'day' });
    expect(q).toContain('CAST(qty * price AS DOUBLE PRECISION) AS revenue');
    expect(q).toContain('COUNT(*) AS orders');
    expect(q).toContain('"day" IS NOT NULL');
  });

  it('uses a FROM item that is not a plain name as written', () => {
    expect(cubeQuery({ dialect: 'duckdb', table: "read_parquet('lines/*.parquet')", columns, period: 'day' })).toContain("FROM read_parquet('lines/*.parquet')");
  });
});
