import type { Db } from '../db/open';

const COLUMNS = ['import_id', 'source_row', 'customer_id', 'day', 'category_id', 'product_id', 'quantity', 'revenue', 'rep_id', 'territory_id', 'invoice'] as const;
const ROWS_PER_STATEMENT = 64;

type Value = number | string | null;

/**
 * Inserts transactions 64 rows per statement: one call into SQLite per 64 rows instead of per
 * row, which is most of the per-row cost a million-row import pays outside SQLite itself.
 */
type Add = (
  importId: number,
  row: number,
  customer: number,
  day: number,
  category: number,
  product: number | null,
  quantity: number | null,
  revenue: number,
  rep: number | null,
  territory: number | null,
  invoice: string | null,
) => void;

export function batchedInsert(db: Db): { add: Add; flush: () => void } {
  const tuple = `(${COLUMNS.map(() => '?').join(', ')})`;
  const sql = (rows: number): string => `INSERT INTO transactions (${COLUMNS.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
  const many = db.prepare(sql(ROWS_PER_STATEMENT));
  const one = db.prepare(sql(1));
  const pending: Value[] = [];
  const full = ROWS_PER_STATEMENT * COLUMNS.length;
  return {
    add: (importId, row, customer, day, category, product, quantity, revenue, rep, territory, invoice) => {
      pending.push(importId, row, customer, day, category, product, quantity, revenue, rep, territory, invoice);
      if (pending.length === full) {
        many.run(pending);
        pending.length = 0;
      }
    },
    flush: () => {
      for (let i = 0; i < pending.length; i += COLUMNS.length) one.run(pending.slice(i, i + COLUMNS.length));
      pending.length = 0;
    },
  };
}
