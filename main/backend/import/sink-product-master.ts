import type { Db } from '../db/open';
import { Dimension } from './dimensions';
import type { ImportPlan } from './plan';
import type { RowSink, Tally } from './tally';

/**
 * product -> category. Also regroups transactions imported earlier with the product as the
 * category level, and drops the per-product categories that leaves unused.
 */
export function productMasterSink(db: Db, plan: ImportPlan, tally: Tally): RowSink {
  const m = plan.mapping;
  const pIx = plan.headers.indexOf(m.product ?? '');
  const cIx = plan.headers.indexOf(m.category ?? '');
  const nIx = m.productName ? plan.headers.indexOf(m.productName) : -1;
  const products = new Dimension(db, 'products');
  const categories = new Dimension(db, 'categories');
  const assign = db.prepare('UPDATE products SET category_id = ?, name = coalesce(?, name) WHERE id = ?');
  const cell = (cells: string[], i: number): string => (i < 0 ? '' : (cells[i] ?? '').trim());

  return {
    row(line, cells) {
      const product = cell(cells, pIx);
      if (product === '') return tally.reject(line, m.product ?? null, '', `no product (${m.product} is empty)`);
      const category = cell(cells, cIx);
      if (category === '') return tally.reject(line, m.category ?? null, '', `no category (${m.category} is empty)`);
      const productId = products.id(product);
      const categoryId = categories.id(category);
      assign.run(categoryId, cell(cells, nIx) || null, productId);
      tally.rowsImported++;
      tally.products.add(productId);
      tally.categories.add(categoryId);
    },
    finish() {
      // The master now decides the groups; the analyst's line overrides stay.
      const saved = db.prepare("SELECT value_json FROM settings WHERE key = 'product-groups'").pluck().get() as string | undefined;
      if (saved) {
        const value = JSON.parse(saved) as { groups: Record<string, string> };
        if (Object.keys(value.groups).length > 0) {
          value.groups = {};
          db.prepare("UPDATE settings SET value_json = ? WHERE key = 'product-groups'").run(JSON.stringify(value));
          tally.warnings.push('This product master replaces the product groups saved earlier in the workspace.');
        }
      }
      const productLevel = (db.prepare("SELECT id, mapping_json FROM imports WHERE status = 'done' AND shape = 'transactions'").all() as { id: number; mapping_json: string }[])
        .filter((r) => !(JSON.parse(r.mapping_json) as Record<string, string>).category)
        .map((r) => r.id);
      if (productLevel.length > 0) {
        const regroup = db.prepare(
          'UPDATE transactions SET category_id = p.category_id FROM products p WHERE p.id = transactions.product_id AND p.category_id IS NOT NULL AND transactions.import_id = ? AND transactions.category_id <> p.category_id',
        );
        for (const importId of productLevel) regroup.run(importId);
        // transactions.category_id has no index: without one, finding an unused category and the
        // foreign-key check on deleting it each scan every transaction, minutes for a catalogue of
        // thousands of per-product categories. Built for this step and dropped in the same transaction.
        db.exec('CREATE INDEX IF NOT EXISTS product_master_regroup ON transactions (category_id)');
        const orphans = db
          .prepare('SELECT id FROM categories c WHERE NOT EXISTS (SELECT 1 FROM transactions t WHERE t.category_id = c.id) AND NOT EXISTS (SELECT 1 FROM products p WHERE p.category_id = c.id)')
          .all() as { id: number }[];
        const drop = db.prepare('DELETE FROM categories WHERE id = ?');
        for (const o of orphans) {
          try {
            drop.run(o.id);
          } catch {
            // Still referenced by something outside the import tables (e.g. a saved analysis): keep it.
          }
        }
        db.exec('DROP INDEX product_master_regroup');
        tally.warnings.push(`Regrouped the transactions of ${productLevel.length === 1 ? 'an earlier import' : `${productLevel.length} earlier imports`} from product level into the master's categories.`);
      }
    },
  };
}
