import { AppError } from '../../../shared/contract/errors';
import type { Db } from '../db/open';
import { requireImport } from './history';

export type RemovedImport = { importId: number; file: string; rowsRemoved: number; customersRemoved: number; categoriesRemoved: number };

/**
 * Takes one import of sales (or of a spend table) out of the workspace, as if it had never been
 * made: its rows and rejects, then the customers and categories no other import holds. One
 * transaction: a failure changes nothing. Earlier analysis runs stay in the history (the next run
 * reads the data without it), and the file can be imported again. A product list is not removed
 * this way: its products may carry sales of other imports, so a corrected list is imported instead.
 * Customers that remain keep the latest name, rep and territory any import gave them.
 */
export function removeImport(db: Db, importId: number): RemovedImport {
  requireImport(db, importId);
  const row = db.prepare('SELECT file_name, shape FROM imports WHERE id = ?').get(importId) as { file_name: string; shape: string };
  if (row.shape === 'product-master') {
    throw new AppError('INVALID_INPUT', `${row.file_name} is a product list: its products may carry the sales of other imports, so it is not removed. Import a corrected product list instead; it replaces the groups it names.`, { importId });
  }
  return db.transaction((): RemovedImport => {
    const rowsRemoved = db.prepare('DELETE FROM transactions WHERE import_id = ?').run(importId).changes;
    db.prepare('DELETE FROM rejects WHERE import_id = ?').run(importId);
    db.prepare('DELETE FROM imports WHERE id = ?').run(importId);
    const customersRemoved = db.prepare('DELETE FROM customers WHERE NOT EXISTS (SELECT 1 FROM transactions t WHERE t.customer_id = customers.id)').run().changes;
    const categoriesRemoved = db
      .prepare(
        `DELETE FROM categories WHERE NOT EXISTS (SELECT 1 FROM transactions t WHERE t.category_id = categories.id)
           AND NOT EXISTS (SELECT 1 FROM products p WHERE p.category_id = categories.id)`,
      )
      .run().changes;
    // The copy of the analysis's columns is of the data with the import: read afresh next time.
    db.prepare('DELETE FROM loaded_columns').run();
    return { importId, file: row.file_name, rowsRemoved, customersRemoved, categoriesRemoved };
  })();
}
