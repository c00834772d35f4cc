import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../main/backend/dispatch';
import { openDuckDb, sqlText } from '../../../main/backend/import/duckdb/engine';
import { freshWorkspaces } from '../../helpers/workspace';
import { EVERY_ENGINE, fixture, sharedData } from './fixtures';

const workspace = freshWorkspaces();

const reasons = (backend: Backend): { row: number; column: string; value: string; reason: string }[] =>
  backend.session.db.prepare('SELECT source_row AS row, column_name AS column, raw_value AS value, reason FROM rejects ORDER BY source_row').all() as never;

const customers = (backend: Backend): unknown[] =>
  backend.session.db
    .prepare('SELECT c.code, c.name, r.name AS rep, t.name AS territory FROM customers c LEFT JOIN reps r ON r.id = c.rep_id LEFT JOIN territories t ON t.id = c.territory_id ORDER BY c.code')
    .all();

describe('missing-value markers written by R, pandas, SQL, Python and Excel', () => {
  it.each(EVERY_ENGINE)('rejects a customer written as NA, nan, NaN, NULL, null, None, N/A, #N/A or - as no customer, naming the marker (%o)', async (options, engine) => {
    const w = await workspace();
    const s = await w.backend.call('import-run', { path: fixture('missing-markers.csv'), ...options });
    expect(s).toMatchObject({ engine, rowsRead: 16, rowsImported: 4, rowsRejected: 12, customers: 4, revenue: 42.5 });
    const rejected = reasons(w.backend);
    const byRow = new Map(rejected.map((r) => [r.row, r]));
    const markers = ['NA', 'nan', 'NaN', 'NULL', 'null', 'None', 'N/A', '#N/A', '-', 'na'];
    markers.forEach((marker, k) => {
      const r = byRow.get(4 + k);
      expect(r?.column).toBe('Customer');
      // Excel's #N/A is a formula's error, said so on every path before any marker.
      expect(r?.reason).toEqual(marker === '#N/A' ? expect.stringContaining("spreadsheet formula's error") : `no customer (Customer is "${marker}", a missing-value marker)`);
    });
    expect(byRow.get(14)).toMatchObject({ column: 'Category', value: 'NA', reason: 'no category (Category is "NA", a missing-value marker)' });
    expect(byRow.get(15)).toMatchObject({ column: 'Category', value: 'null', reason: 'no category (Category is "null", a missing-value marker)' });
  });

  it.each(EVERY_ENGINE)('reads a marker in the name, rep and territory as missing, but keeps a territory called NA (North America) (%o)', async (options) => {
    const w = await workspace();
    await w.backend.call('import-run', { path: fixture('missing-markers.csv'), ...options });
    expect(customers(w.backend)).toEqual([
      { code: 'C1', name: 'Alpha Foods', rep: 'Ann', territory: 'North' },
      { code: 'C2', name: 'Beta Bakery', rep: 'Bob', territory: 'South' },
      { code: 'C4', name: 'C4', rep: null, territory: null },
      { code: 'C5', name: 'Eps Eats', rep: 'Cid', territory: 'NA' },
    ]);
    const names = (table: string): string[] => (w.backend.session.db.prepare(`SELECT name FROM ${table} ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    expect(names('categories')).toEqual(['Bakery', 'Dairy']);
    expect(names('reps')).toEqual(['Ann', 'Bob', 'Cid']);
  });

  it.each([['lines'], ['duckdb']] as const)("rejects a Parquet file's NaN customer ids (a DOUBLE column with gaps, as pandas writes one) as no customer (%s)", async (engine) => {
    const w = await workspace();
    const file = path.join(w.dir, 'pandas.parquet');
    const duck = await openDuckDb();
    try {
      await duck.connection.run(`COPY (SELECT * FROM (VALUES
          (17850.0::DOUBLE, DATE '2025-01-02', 'Dairy', 20.0::DOUBLE),
          ('NaN'::DOUBLE, DATE '2025-01-02', 'Dairy', 500.0::DOUBLE),
          (12583.0::DOUBLE, DATE '2025-01-03', 'Bakery', 10.5::DOUBLE),
          ('NaN'::DOUBLE, DATE '2025-01-03', 'Bakery', 700.0::DOUBLE)) t(CustomerID, InvoiceDate, Category, Amount)) TO ${sqlText(file)} (FORMAT PARQUET)`);
    } finally {
      duck.close();
    }
    const s = await w.backend.call('import-run', { path: file, engine });
    expect(s).toMatchObject({ engine, rowsRead: 4, rowsImported: 2, rowsRejected: 2, customers: 2, revenue: 30.5 });
    expect(reasons(w.backend).map((r) => r.reason)).toEqual(['no customer (CustomerID is "nan", a missing-value marker)', 'no customer (CustomerID is "nan", a missing-value marker)']);
  });

  it("rejects a spend table's customer written as NA and reads NA spend as none", async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'spend.csv');
    fs.writeFileSync(file, 'Customer,Region,Fresh,Milk\nK1,North,100,NA\nNA,South,200,300\nK3,null,50,nan\n');
    const s = await w.backend.call('import-run', { path: file, shape: 'spend-table' });
    expect(s).toMatchObject({ shape: 'spend-table', rowsRead: 3, rowsImported: 2, rowsRejected: 1, customers: 2, revenue: 150 });
    expect(reasons(w.backend)[0]).toMatchObject({ row: 3, value: 'NA', reason: 'no customer (Customer is "NA", a missing-value marker)' });
    expect(w.backend.session.db.prepare('SELECT name FROM territories ORDER BY name').all()).toEqual([{ name: 'North' }]);
  });
});

describe('UCI Online Retail written by pandas, its missing CustomerIDs as nan', () => {
  it('imports the 406,829 lines with a customer and rejects the 135,080 nan ones, revenue 8,300,065.81 as published', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'online_retail_nan.csv');
    const lines = zlib.gunzipSync(fs.readFileSync(sharedData('online_retail.csv.gz'))).toString('utf8').split('\n');
    const at = lines[0].split(',').indexOf('CustomerID');
    expect(at).toBeGreaterThan(0);
    // Descriptions may hold quoted commas: the id is counted from the end of the line, where nothing is quoted.
    const fromEnd = lines[0].split(',').length - at;
    const written = lines.map((line, i) => {
      if (i === 0 || line === '') return line;
      const cells = line.replace(/\r$/, '').split(',');
      const k = cells.length - fromEnd;
      if (cells[k] === '') cells[k] = 'nan';
      return cells.join(',');
    });
    fs.writeFileSync(file, written.join('\n'));
    const s = await w.backend.call('import-run', { path: file });
    expect(s).toMatchObject({ rowsRead: 541_909, rowsImported: 406_829, rowsRejected: 135_080, customers: 4372, revenue: 8_300_065.81 });
    const why = w.backend.session.db.prepare('SELECT reason, count(*) AS n FROM rejects GROUP BY reason').all();
    expect(why).toEqual([{ reason: 'no customer (CustomerID is "nan", a missing-value marker)', n: 135_080 }]);
    expect(w.backend.session.db.prepare("SELECT count(*) AS n FROM customers WHERE lower(code) = 'nan'").get()).toEqual({ n: 0 });
  }, 120_000);
});
