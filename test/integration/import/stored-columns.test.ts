import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { batchedInsert } from '../../../main/backend/import/batched-insert';
import { freshWorkspaces } from '../../helpers/workspace';
import { fixture } from './fixtures';

const workspace = freshWorkspaces();

const stored = (db: Database.Database): unknown[] =>
  db.prepare('SELECT import_id, source_row, customer_id, day, category_id, product_id, quantity, revenue, rep_id, territory_id, invoice FROM transactions ORDER BY id').raw().all();

describe('the columns an import stores', () => {
  it('leaves the columns a file does not have NULL and fills every one it has', async () => {
    const narrow = await workspace();
    const n = await narrow.backend.call('import-run', { path: fixture('basic.csv') });
    const rows = stored(narrow.backend.session.db) as unknown[][];
    expect(rows).toHaveLength(n.rowsImported);
    // Customer, date, revenue, category: nothing else is stored.
    for (const r of rows) expect([r[0], r[5], r[6], r[8], r[9], r[10]]).toEqual([n.importId, null, null, null, null, null]);
    const wide = await workspace();
    const q = await wide.backend.call('import-run', { path: fixture('qty-price.csv') });
    const qRows = stored(wide.backend.session.db) as unknown[][];
    expect(qRows).toHaveLength(q.rowsImported);
    // Quantity x unit price (a C invoice is a credit note), the product and the invoice number.
    expect(qRows.map((r) => [r[0], typeof r[5], r[6], r[7], r[10]])).toEqual([
      [q.importId, 'number', 2, 21, '1001'],
      [q.importId, 'number', -1, -10.5, '1002'],
      [q.importId, 'number', 3, -12, 'C1003'],
      [q.importId, 'number', 1, 4, '1004'],
    ]);
  });

  it('refuses a value for a column the statement leaves out instead of losing it', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE transactions (id INTEGER PRIMARY KEY, import_id INTEGER, source_row INTEGER, customer_id INTEGER, day INTEGER, category_id INTEGER, product_id INTEGER, quantity REAL, revenue REAL, rep_id INTEGER, territory_id INTEGER, invoice TEXT)');
    const insert = batchedInsert(db, 7, { product: false, quantity: true, rep: false, territory: false, invoice: false });
    insert.add(2, 1, 100, 1, null, 3, 9.5, null, null, null);
    expect(() => insert.add(3, 1, 100, 1, 42, 3, 9.5, null, null, null)).toThrow(/product_id/);
    insert.flush();
    expect(db.prepare('SELECT import_id, source_row, product_id, quantity, revenue FROM transactions').raw().all()).toEqual([[7, 2, null, 3, 9.5]]);
    db.close();
  });
});
