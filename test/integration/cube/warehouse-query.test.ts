import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cubeQuery, type CubeQueryOptions } from '../../../shared/cube/sql';
import { openDuckDb, sqlText } from '../../../main/backend/import/duckdb/engine';
import { Backend } from '../../../main/backend/dispatch';
import { runCommand } from '../../helpers/cli';
import { freshWorkspaces, newWorkspace, tempDir } from '../../helpers/workspace';
import { sharedData } from '../import/fixtures';

const workspace = freshWorkspaces({ currency: 'GBP' });

/** `longtail sql --dialect duckdb`'s query run by DuckDB itself, as a warehouse would, written to `out` (CSV or Parquet). */
async function runInDuckDb(query: string, out: string): Promise<void> {
  const duck = await openDuckDb();
  try {
    const format = out.endsWith('.parquet') ? '(FORMAT parquet)' : "(HEADER, DELIMITER ',')";
    await duck.connection.run(`COPY (${query.trim().replace(/;$/, '')}) TO ${sqlText(out)} ${format}`);
  } finally {
    duck.close();
  }
}

/** The one-line count the query's header shows for the lines it leaves out, run by DuckDB. */
async function countInHeader(query: string): Promise<number> {
  const line = query.split('\n').find((l) => l.startsWith('-- Count them with: '));
  if (!line) throw new Error('the query has no count line');
  const duck = await openDuckDb();
  try {
    const rows = await duck.connection.runAndReadAll(line.slice('-- Count them with: '.length).replace(/;$/, ''));
    return Number(rows.getRows()[0][0]);
  } finally {
    duck.close();
  }
}

const COLUMNS: CubeQueryOptions['columns'] = { customer: 'Customer', date: 'Date', category: 'Category', quantity: 'Quantity', unitPrice: 'Price', invoice: 'Invoice' };

type Ledger = { revenue: number; undated: number; noCustomer: number; noCategory: number; keys: { noCustomer: number; noCategory: number } };

/**
 * Invoice lines numbered 20000 on, credit notes numbered C20001 on with their quantities typed
 * positive (as some ERPs write them), and lines with no customer, no category or no date.
 */
function ledger(file: string): Ledger {
  const lines = ['Invoice,Date,Customer,Category,Quantity,Price'];
  let revenue = 0;
  for (let i = 0; i < 60; i++) {
    for (const [k, category] of ['Pumps', 'Valves'].entries()) {
      const quantity = 1 + ((i + k) % 4);
      const price = 10 + (i % 5);
      lines.push(`${20000 + i},2024-01-${String(1 + (i % 20)).padStart(2, '0')},K${1 + (i % 6)},${category},${quantity},${price}`);
      revenue += quantity * price;
    }
  }
  // Credit notes: each in a day of its own, so each is a row of returns in the cube as on import.
  for (let k = 1; k <= 4; k++) {
    lines.push(`C2000${k},2024-01-2${k},K${k},Pumps,2,10`);
    revenue -= 20;
  }
  // No customer: 6 lines over 2 categories x 2 days; no category: 3 lines of one customer and day; no date: 2 lines.
  for (let j = 0; j < 6; j++) lines.push(`${21000 + j},2024-02-0${1 + (j % 2)},,${j < 3 ? 'Pumps' : 'Valves'},1,5`);
  for (let j = 0; j < 3; j++) lines.push(`${22000 + j},2024-02-03,K2,,1,7`);
  for (let j = 0; j < 2; j++) lines.push(`${23000 + j},,K3,Pumps,1,9`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return { revenue, undated: 2, noCustomer: 6, noCategory: 3, keys: { noCustomer: 4, noCategory: 1 } };
}

describe("the warehouse query's rows without a customer or category, and its credit notes, end to end through DuckDB", () => {
  for (const ext of ['csv', 'parquet'] as const) {
    it(`hands the ${ext} cube the lines with no customer or category, for the import to reject as the line import does, and makes C-numbered credit notes negative`, async () => {
      const w = await workspace();
      const file = path.join(w.dir, 'ledger.csv');
      const truth = ledger(file);
      const query = cubeQuery({ dialect: 'duckdb', table: `read_csv(${sqlText(file)})`, period: 'day', columns: COLUMNS });
      const cube = path.join(w.dir, `cube.${ext}`);
      await runInDuckDb(query, cube);

      const lines = await w.backend.call('import-run', { path: file, dryRun: true });
      expect(lines).toMatchObject({ shape: 'transactions', rowsRejected: truth.noCustomer + truth.noCategory + truth.undated, returns: 4 });
      expect(lines.revenue).toBeCloseTo(truth.revenue, 6);

      const summed = await w.backend.call('import-run', { path: cube });
      expect(summed).toMatchObject({ shape: 'cube', rowsRejected: truth.keys.noCustomer + truth.keys.noCategory, returns: 4, customers: lines.customers, dateFrom: lines.dateFrom, dateTo: lines.dateTo });
      expect(summed.rowsRead).toBe(summed.rowsImported + summed.rowsRejected + summed.rowsSkipped);
      expect(summed.revenue).toBeCloseTo(truth.revenue, 6);
      expect(summed.rejectsSample.map((r) => r.reason).sort()).toEqual([...Array(truth.keys.noCategory).fill('no category (category is empty)'), ...Array(truth.keys.noCustomer).fill('no customer (customer is empty)')]);

      // The lines with no date are not in the cube; the header's count finds them.
      expect(query).toContain('-- Left out: lines with no Date, which no day can hold');
      expect(await countInHeader(query)).toBe(truth.undated);
    });
  }

  it('leaves a C alone where invoice numbers start with any letter or digit (hexadecimal ids), or mostly with C, as the import does', async () => {
    const w = await workspace();
    const schemes = {
      hexadecimal: (i: number) => createHash('md5').update(`order ${i}`).digest('hex'),
      'mostly C': (i: number) => (i % 5 === 0 ? `INV-${i}` : `CN-${1000 + i}`),
    };
    for (const [name, id] of Object.entries(schemes)) {
      const file = path.join(w.dir, `${name}.csv`);
      const rows = ['Invoice,Date,Customer,Category,Quantity,Price'];
      let revenue = 0;
      for (let i = 0; i < 200; i++) {
        rows.push(`${id(i)},2024-03-${String(1 + (i % 28)).padStart(2, '0')},K${i % 9},${['Pumps', 'Valves', 'Seals'][i % 3]},${1 + (i % 3)},12.5`);
        revenue += (1 + (i % 3)) * 12.5;
      }
      expect(rows.filter((r) => /^c/i.test(r)).length, name).toBeGreaterThan(3);
      fs.writeFileSync(file, `${rows.join('\n')}\n`);
      const cube = path.join(w.dir, `${name}-cube.csv`);
      await runInDuckDb(cubeQuery({ dialect: 'duckdb', table: `read_csv(${sqlText(file)}, all_varchar = true)`, period: 'day', columns: COLUMNS }), cube);
      const lines = await w.backend.call('import-run', { path: file, dryRun: true });
      const summed = await w.backend.call('import-run', { path: cube, dryRun: true });
      expect({ lines: lines.returns, cube: summed.returns }, name).toEqual({ lines: 0, cube: 0 });
      expect(lines.revenue, name).toBeCloseTo(revenue, 6);
      expect(summed.revenue, name).toBeCloseTo(revenue, 6);
    }
  });
});

describe('Online Retail summed by the DuckDB query', () => {
  const FILE = sharedData('online_retail.csv.gz');
  const RETAIL: CubeQueryOptions['columns'] = { customer: 'CustomerID', date: 'InvoiceDate', category: 'StockCode', quantity: 'Quantity', unitPrice: 'UnitPrice', invoice: 'InvoiceNo', territory: 'Country' };

  it('rejects the rows of lines with no customer, so the counts and the caveat show them, with the revenue of the line import', async () => {
    const w = await newWorkspace({ clientName: 'Online Retail cube', currency: 'GBP' });
    try {
      const cube = path.join(w.dir, 'cube.csv');
      await runInDuckDb(cubeQuery({ dialect: 'duckdb', table: `read_csv(${sqlText(FILE)})`, period: 'day', columns: RETAIL }), cube);
      const lines = await w.backend.call('import-run', { path: FILE, dryRun: true, mapping: { category: 'StockCode' } });
      expect(lines).toMatchObject({ rowsImported: 406_829, rowsRejected: 135_080 });
      const s = await w.backend.call('import-run', { path: cube });
      // 102,760 rows of customerless lines, one per stock code x day (x sale or return).
      expect(s).toMatchObject({ shape: 'cube', rowsRead: 496_905, rowsImported: 394_145, rowsRejected: 102_760, customers: lines.customers, categories: lines.categories });
      expect(s.revenue).toBeCloseTo(lines.revenue, 2);
      expect(s.revenue).toBeCloseTo(8_300_065.81, 2);
      const summary = await w.backend.call('analysis-run', { settings: {} });
      expect(summary.caveats?.[0]).toMatch(/^102,760 of the 496,905 rows the imports read \(21%\) were rejected .*no customer \(customer is empty\)/);
    } finally {
      w.cleanup();
    }
  });

  it('makes credit notes negative where their quantities were typed positive, as the line import does', async () => {
    const w = await newWorkspace({ clientName: 'Online Retail positive credits', currency: 'GBP' });
    try {
      // Online Retail's C invoices with their quantities made positive, as some ERPs write credit notes.
      const positive = `(SELECT * REPLACE (CASE WHEN InvoiceNo LIKE 'C%' THEN abs(Quantity) ELSE Quantity END AS Quantity) FROM read_csv(${sqlText(FILE)}))`;
      const file = path.join(w.dir, 'positive-credits.csv');
      await runInDuckDb(`SELECT * FROM ${positive}`, file);
      const cube = path.join(w.dir, 'cube.csv');
      await runInDuckDb(cubeQuery({ dialect: 'duckdb', table: positive, period: 'day', columns: RETAIL }), cube);
      const lines = await w.backend.call('import-run', { path: file, dryRun: true, mapping: { category: 'StockCode' } });
      const s = await w.backend.call('import-run', { path: cube, dryRun: true });
      expect(lines.revenue).toBeCloseTo(8_300_065.81, 2);
      expect(s.revenue).toBeCloseTo(lines.revenue, 2);
      expect(s).toMatchObject({ rowsImported: 394_145, rowsRejected: 102_760, returns: 8_731 });
    } finally {
      w.cleanup();
    }
  });
});

describe('longtail sql --currency', () => {
  it('is refused without a currency column, naming both flags, and accepted with one', async () => {
    const t = tempDir();
    const backend = new Backend({ appDataDir: path.join(t.dir, 'app-data') });
    try {
      const refused = await runCommand(['sql', '--dialect', 'postgres', '--table', 'lines', '--currency', 'EUR'], backend, t.dir);
      expect(refused.code).toBe(1);
      expect(refused.out).toBe('');
      expect(refused.err).toMatch(/^longtail sql: --currency EUR picks the lines of one currency by the table's currency column, and no currency column is mapped: add --map currency=COLUMN .*longtail import cube\.csv --currency EUR\)\. \[INVALID_INPUT\]$/);
      const summed = await runCommand(['sql', '--dialect', 'postgres', '--table', 'lines', '--currency', 'EUR', '--map', 'currency=cur'], backend, t.dir);
      expect(summed.code).toBe(0);
      expect(summed.out).toContain("AND UPPER(TRIM(CAST(cur AS TEXT))) IN ('EUR'");
    } finally {
      backend.close();
      t.cleanup();
    }
  });
});
