import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../main/backend/dispatch';
import { freshWorkspaces } from '../../helpers/workspace';

const workspace = freshWorkspaces();

// Every kind of row DuckDB must not sum on its own: padded codes and amounts, thousands separators,
// the other decimal style, absurd amounts (plain and in exponent form), a date our parser refuses,
// a code of spaces, blank rows and an empty line, a credit note typed positive, and a customer
// whose last day holds two categories whose lines interleave (its latest rep is the last line's).
const AWKWARD = [
  'Invoice,Customer,Customer Name,Date,Category,Quantity,Net Sales,Sales Rep,Territory,Segment',
  'I1,C1,Alpha Foods,2025-01-02,Dairy,2,20.00,Ann,North,Cafe',
  'I2,C1 ,Alpha Foods,2025-01-03,Dairy,1,10.50,Ann,North,Cafe',
  'I3,C2,Beta Bakery,2025-01-03,Bakery,3,"1,234.50",Bob,South,Bakery',
  'I4,C3,Gamma Grill,2025-01-04,Dairy,1,"3.456,25",Bob,South,Restaurant',
  'I5,C4,Delta Deli,2025-01-04,Dairy,1,500000000000,Bob,South,Deli',
  'I6,C4,Delta Deli,2025-01-05,Dairy,1,2e11,Bob,South,Deli',
  'I7,C5,Eps Eats,2025-13-01,Dairy,1,15.00,Ann,North,Cafe',
  'I8,   ,Nobody,2025-01-06,Dairy,1,15.00,Ann,North,Cafe',
  ',,,,,,,,,',
  '',
  'I9,C5,Eps Eats,2025-01-06,Dairy,  ,15.00,Ann,North,Cafe',
  'C10,C5,Eps Eats,2025-01-07,Dairy,1,40.00,Ann,North,Cafe',
  'I11,C2,Beta Bakery,2025-01-08,Bakery,1, 12.50,Cid,West,Bakery',
  'I12,C6,Zeta Zest,2025-01-09,Dairy,1,30.00,Ann,North,Cafe',
  'I13,C6,Zeta Zest,2025-01-09,Bakery,1,31.00,Bob,South,Cafe',
  'I14,C6,Zeta Zest New,2025-01-09,Dairy,1,32.00,Cid,West,Grocer',
  'I15,C6,Zeta Zest,2025-01-08,Bakery,1,33.00,Dan,East,Cafe',
  'I16,C7,Eta Eatery,2025-01-09,Dairy,1,-5.00,,,',
].join('\n');

type Stored = { customers: unknown[]; sales: unknown[] };

function stored(backend: Backend): Stored {
  const db = backend.session.db;
  return {
    customers: db
      .prepare(
        `SELECT c.code, c.name, c.segment, r.name AS rep, t.name AS territory FROM customers c
           LEFT JOIN reps r ON r.id = c.rep_id LEFT JOIN territories t ON t.id = c.territory_id ORDER BY c.id`,
      )
      .all(),
    sales: db
      .prepare(
        `SELECT c.code, k.name AS category, x.day, round(sum(x.revenue), 6) AS revenue FROM transactions x
           JOIN customers c ON c.id = x.customer_id JOIN categories k ON k.id = x.category_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      )
      .all(),
  };
}

describe('awkward rows through DuckDB', () => {
  it('are imported, rejected and skipped exactly as line by line, with the same reasons, customers and latest details', async () => {
    const lines = await workspace();
    const summed = await workspace();
    const file = path.join(lines.dir, 'awkward.csv');
    fs.writeFileSync(file, AWKWARD);
    const a = await lines.backend.call('import-run', { path: file, engine: 'lines' });
    const b = await summed.backend.call('import-run', { path: file, engine: 'duckdb' });
    expect(b.engine).toBe('duckdb');
    const accounting = (s: typeof a) => ({ read: s.rowsRead, imported: s.rowsImported, rejected: s.rowsRejected, skipped: s.rowsSkipped, customers: s.customers, revenue: s.revenue });
    expect(accounting(b)).toEqual(accounting(a));
    expect(a).toMatchObject({ rowsRead: 18, rowsRejected: 5, rowsSkipped: 2 });
    expect(b.rejectsSample).toEqual(a.rejectsSample);
    expect(b.rejectsSample.map((r) => [r.row, r.column])).toEqual([
      [5, 'Net Sales'],
      [6, 'Net Sales'],
      [7, 'Net Sales'],
      [8, 'Date'],
      [9, 'Customer'],
    ]);
    expect(stored(summed.backend)).toEqual(stored(lines.backend));
    const c6 = stored(summed.backend).customers.find((c) => (c as { code: string }).code === 'C6');
    expect(c6).toEqual({ code: 'C6', name: 'Zeta Zest New', segment: 'Grocer', rep: 'Cid', territory: 'West' });
  });

  it('sends amounts above the per-row ceiling back to the line-by-line checks, which reject them', async () => {
    const w = await workspace();
    const file = path.join(w.dir, 'capped.csv');
    fs.writeFileSync(file, 'Customer,Date,Category,Net Sales\nC1,2025-01-02,A,500\nC2,2025-01-03,A,5000\nC3,2025-01-04,A,999.99\n');
    const s = await w.backend.call('import-run', { path: file, engine: 'duckdb', maxAmount: 1000 });
    expect(s).toMatchObject({ engine: 'duckdb', rowsImported: 2, rowsRejected: 1, revenue: 1499.99 });
    expect(s.rejectsSample[0]).toMatchObject({ row: 3, column: 'Net Sales', value: '5000', reason: expect.stringContaining('--max-amount') });
  });
});
