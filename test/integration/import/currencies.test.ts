import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshWorkspaces } from '../../helpers/workspace';
import { cubeQuery } from '../../../shared/cube/sql';
import { EVERY_ENGINE, warehouseCube } from './fixtures';

const workspace = freshWorkspaces({ currency: 'EUR' });
const dollarWorkspace = freshWorkspaces({ currency: 'USD' });

/**
 * A group's ledger of several subsidiaries: most invoices in EUR, every third customer billed in
 * USD, and a few rows in GBP written with the pound sign. `rows` rows; the truth per currency.
 */
function ledger(file: string, rows: number, spelled: 'codes' | 'names' = 'codes'): Record<'EUR' | 'USD' | 'GBP', { rows: number; revenue: number }> {
  const truth = { EUR: { rows: 0, revenue: 0 }, USD: { rows: 0, revenue: 0 }, GBP: { rows: 0, revenue: 0 } };
  const lines = ['Invoice,Date,Customer,Category,Amount,Currency'];
  for (let i = 0; i < rows; i++) {
    const customer = i % 37;
    const currency = i % 50 === 7 ? 'GBP' : customer % 3 === 0 ? 'USD' : 'EUR';
    const amount = 20 + (i % 11) * 7.5;
    truth[currency].rows++;
    truth[currency].revenue += amount;
    const day = String((i % 28) + 1).padStart(2, '0');
    const written =
      spelled === 'names'
        ? { EUR: i % 2 ? 'Euro' : 'EUR', USD: i % 2 ? 'US Dollar' : 'U.S. dollars', GBP: 'Pound Sterling' }[currency]
        : currency === 'GBP' ? '£' : currency === 'USD' && i % 4 === 0 ? 'usd' : currency;
    lines.push(`INV${1000 + i},2024-0${1 + (i % 9)}-${day},C${customer},${['Pumps', 'Valves', 'Seals'][i % 3]},${amount.toFixed(2)},${written}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return truth;
}

describe('a file whose rows are in several currencies', () => {
  it('imports the rows in its currency and rejects the others with their row and currency, line by line, in the parser thread and through DuckDB alike', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'group-ledger.csv');
    const truth = ledger(file, 1200);
    for (const [options, engine] of EVERY_ENGINE) {
      const s = await w.backend.call('import-run', { path: file, dryRun: true, ...options });
      expect(s.engine).toBe(engine);
      expect(s.currency?.code).toBe('EUR');
      expect(s).toMatchObject({ rowsRead: 1200, rowsImported: truth.EUR.rows, rowsRejected: truth.USD.rows + truth.GBP.rows });
      expect(s.rowsRead).toBe(s.rowsImported + s.rowsRejected + s.rowsSkipped);
      expect(s.revenue).toBeCloseTo(truth.EUR.revenue, 2);
      const first = s.rejectsSample[0];
      expect(first).toMatchObject({ column: 'Currency', value: 'usd' });
      expect(first.reason).toBe('an amount in USD, but this import is in EUR: amounts in two currencies cannot be summed. Convert the USD rows to EUR first, or import them into a workspace of their own');
      expect(s.warnings).toContain(
        `${truth.USD.rows + truth.GBP.rows} of 1,200 rows were rejected for their currency (${truth.USD.rows} in USD, ${truth.GBP.rows} in GBP): this import is in EUR, and amounts in two currencies cannot be summed. Convert them to EUR and import them again, or import the same file into another workspace with --currency USD to keep its USD rows there.`,
      );
    }
  });

  it('reads currencies written out by name as their codes, in every engine and in the warehouse query', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'erp-ledger.csv');
    const truth = ledger(file, 900, 'names');
    for (const [options, engine] of EVERY_ENGINE) {
      const s = await w.backend.call('import-run', { path: file, dryRun: true, ...options });
      expect(s.engine).toBe(engine);
      expect(s.currency?.code).toBe('EUR');
      expect(s).toMatchObject({ rowsRead: 900, rowsImported: truth.EUR.rows, rowsRejected: truth.USD.rows + truth.GBP.rows });
      expect(s.revenue).toBeCloseTo(truth.EUR.revenue, 2);
      expect(s.warnings.find((text) => text.includes('rejected for their currency'))).toContain(`(${truth.USD.rows} in USD, ${truth.GBP.rows} in GBP)`);
    }
    const columns = { customer: 'Customer', date: 'Date', category: 'Category', revenue: 'Amount', currency: 'Currency' };
    const cube = path.join(w.dir, 'cube-eur.csv');
    await warehouseCube(file, columns, cube, 'EUR');
    const s = await w.backend.call('import-run', { path: cube, dryRun: true });
    expect(s.revenue).toBeCloseTo(truth.EUR.revenue, 2);
  });

  it("sums one currency's lines in the warehouse query when told which, and refuses to guess", async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'group-ledger.csv');
    const truth = ledger(file, 900);
    const columns = { customer: 'Customer', date: 'Date', category: 'Category', revenue: 'Amount', currency: 'Currency' };
    expect(() => cubeQuery({ dialect: 'duckdb', table: 'lines', period: 'day', columns })).toThrow(/say which currency's lines to sum/);
    const cube = path.join(w.dir, 'cube-usd.csv');
    const query = await warehouseCube(file, columns, cube, 'usd');
    expect(query).toContain('-- Only lines in USD by Currency (its code, symbol or name) are summed');
    const s = await w.backend.call('import-run', { path: cube, dryRun: true });
    expect(s.revenue).toBeCloseTo(truth.USD.revenue, 2);
  });

  it('keeps the USD rows instead when the import is told the currency is USD', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'group-ledger.csv');
    const truth = ledger(file, 600);
    const s = await w.backend.call('import-run', { path: file, currency: 'USD' });
    expect(s).toMatchObject({ rowsImported: truth.USD.rows, rowsRejected: truth.EUR.rows + truth.GBP.rows });
    expect(s.revenue).toBeCloseTo(truth.USD.revenue, 2);
  });

  it('keeps the rows in the currency the user set for the workspace, where the file has some', async () => {
    const w = await dollarWorkspace();
    const file = path.join(w.dir, 'group-ledger.csv');
    const truth = ledger(file, 600);
    const s = await w.backend.call('import-run', { path: file });
    expect(s.currency?.code).toBe('USD');
    expect(s).toMatchObject({ rowsImported: truth.USD.rows, rowsRejected: truth.EUR.rows + truth.GBP.rows });
  });

  it('keeps every row of a file wholly in another currency than its workspace, and warns instead', async () => {
    const w = await dollarWorkspace();
    const file = path.join(w.dir, 'euro-only.csv');
    fs.writeFileSync(file, 'Date,Customer,Category,Amount,Currency\n2024-01-02,A,Pumps,10.00,EUR\n2024-01-03,B,Pumps,12.00,EUR\n2024-01-04,C,Seals,8.00,EUR\n');
    const s = await w.backend.call('import-run', { path: file, dryRun: true });
    expect(s).toMatchObject({ rowsImported: 3, rowsRejected: 0 });
    expect(s.warnings.some((text) => text.startsWith('The file looks like EUR'))).toBe(true);
  });

  it('leaves a currency column that names one currency, or something it cannot read as one, as it was', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'one-currency.csv');
    fs.writeFileSync(file, 'Date,Customer,Category,Amount,Currency\n2024-01-02,A,Pumps,10.00,EUR\n2024-01-03,B,Pumps,12.00,eur\n2024-01-04,C,Seals,8.00,€\n2024-01-05,D,Seals,9.00,\n2024-01-06,E,Seals,7.00,n/a\n2024-01-07,F,Seals,6.00,TBD\n2024-01-08,G,Pumps,5.00,Euros\n');
    const s = await w.backend.call('import-run', { path: file, dryRun: true });
    expect(s).toMatchObject({ rowsRead: 7, rowsImported: 7, rowsRejected: 0 });
    expect(s.warnings.some((text) => text.includes('rejected for their currency'))).toBe(false);
  });
});
